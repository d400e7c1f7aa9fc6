"""``asslb-sim compare``: several cells' rate tests and resistance breakdowns side by side."""

from __future__ import annotations

from .asr import add_pulse_arguments, check_pulse_arguments
from .rate_capability import add_rate_test_arguments


def add_parser(sub):
    parser = sub.add_parser(
        "compare",
        help="several cells side by side: curves, capacity and energy vs rate, ASR breakdown",
        description="Runs the same rate test (the same C-rates, each against the cell's own "
        "1C) and the same 1C pulse for the areal-resistance breakdown on every cell, and writes "
        "the discharge curves side by side, capacity and energy against C-rate, the breakdowns "
        "as stacked bars and a summary table (one row per cell and C-rate).",
    )
    parser.add_argument(
        "cells",
        nargs="+",
        metavar="CELL",
        help="built-in preset names or TOML cell files (2 or more)",
    )
    add_rate_test_arguments(parser)
    parser.add_argument(
        "--charge",
        default="auto",
        metavar="C_RATE[,CV_CUTOFF_C_RATE]",
        help="as in rate-capability (default 'auto')",
    )
    add_pulse_arguments(parser)
    parser.add_argument("--out", default="asslb-compare", help="output folder")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.set_defaults(run=run)


def run(args):
    import pandas as pd

    from ..comparison import compare_cells
    from ..design import load_cell
    from ..errors import CellDefinitionError
    from ..plotting import (
        plot_capacity_vs_rate,
        plot_curves_side_by_side,
        plot_energy_vs_rate,
        plot_resistance_comparison,
    )
    from ..simulation import check_c_rates, parse_charge
    from .outputs import prepare_out, wrote_line

    if len(args.cells) < 2:
        raise CellDefinitionError("compare: give at least 2 cells (preset names or cell files)")
    for cell in args.cells:  # every cell checked before any solve
        load_cell(cell)
    charge = parse_charge(args.charge, "--charge")
    check_c_rates(args.c_rates, "--c-rates")
    check_pulse_arguments(args)
    out, overwrote = prepare_out(args.out)
    comparison = compare_cells(
        args.cells,
        args.c_rates,
        charge=charge,
        soc=args.soc,
        duration=args.duration,
        progress=not args.no_progress,
    )

    def stacked(tables):
        return pd.concat(
            [table.assign(Cell=label) for label, table in tables.items()], ignore_index=True
        )[["Cell", *next(iter(tables.values())).columns]]

    results = comparison.results
    summary = comparison.summary
    summary.to_csv(out / "summary.csv", index=False)
    stacked({k: r.curves for k, r in results.items()}).to_csv(out / "curves.csv", index=False)
    stacked(comparison.energy).to_csv(out / "energy.csv", index=False)
    written = ["summary.csv", "curves.csv", "energy.csv"]
    if comparison.resistance:  # empty when every cell's pulse failed (summary says why)
        stacked({k: r.breakdown for k, r in comparison.resistance.items()}).to_csv(
            out / "asr_breakdown.csv", index=False
        )
        written.append("asr_breakdown.csv")
    plot_curves_side_by_side(results, out / "discharge_curves.png", args.capacity_axis)
    plot_capacity_vs_rate(results, out / "capacity_vs_rate.png", capacity=args.capacity_axis)
    # one level every table has: cell level if every cell is packaged, else stack level
    tables = comparison.energy
    packaged = all("Cell specific energy [W.h.kg-1]" in t for t in tables.values())
    level = "Cell" if packaged else "Stack"
    plot_energy_vs_rate(tables, level=level, path=out / "energy_vs_rate.png")
    written += ["discharge_curves.png", "capacity_vs_rate.png", "energy_vs_rate.png"]
    if comparison.resistance:
        plot_resistance_comparison(comparison.resistance, out / "asr_breakdown.png")
        written.append("asr_breakdown.png")

    shown = summary.drop(columns=["Energy level", "Termination"])
    with pd.option_context("display.width", 250, "display.max_columns", 40):
        for label, result in results.items():
            print(
                f"{label}: 1C = {result.basis.nominal_capacity:.3f} mA.h.cm-2 "
                f"({result.basis.method}); start: {result.start}"
            )
        levels = sorted(set(summary["Energy level"]))
        print(f"Specific energy at {' and '.join(levels)} level; ASR parts from a 1C pulse")
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    for label, result in results.items():
        for row in result.summary[result.summary["Message"] != ""].to_dict("records"):
            print(f"note: {label} at {row['C-rate']:g}C: {row['Termination']}: {row['Message']}")
    print(wrote_line([out / name for name in written], overwrote))
    return 0
