"""Command-line interface ``asslb-sim``.

Nothing heavy is imported at module level: ``asslb-sim --help`` must answer
without importing PyBaMM.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_C_RATES = "0.1,0.5,1,2"


def _c_rates(text):
    try:
        rates = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--c-rates: {text!r} is not a comma-separated list of numbers, e.g. 0.1,0.5,1,2"
        ) from None
    if not rates:
        raise argparse.ArgumentTypeError("--c-rates: give at least one C-rate")
    return rates


def build_parser():
    parser = argparse.ArgumentParser(
        prog="asslb-sim",
        description="Physics-based simulator of all-solid-state Li-metal batteries.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    rc = sub.add_parser(
        "rate-capability",
        help="discharge curves and a summary at several C-rates",
        description="Constant-current discharges from the charged equilibrium state, "
        "one model build for all C-rates.",
    )
    rc.add_argument(
        "--cell",
        default="default",
        help="built-in preset name or TOML cell file (default: the default cell)",
    )
    rc.add_argument(
        "--c-rates",
        type=_c_rates,
        default=_c_rates(DEFAULT_C_RATES),
        help=f"comma-separated C-rates (default: {DEFAULT_C_RATES})",
    )
    rc.add_argument("--out", default="asslb-out", help="output folder (default: asslb-out)")
    rc.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    rc.add_argument(
        "--charge",
        default="auto",
        metavar="C_RATE[,CV_CUTOFF_C_RATE]",
        help="start every discharge after a CC-CV charge from the as-built state, e.g. "
        "0.1,0.02 (CC only: 0.1,none); 'equilibrium' starts at the upper cut-off; "
        "default 'auto': equilibrium for Li-metal cells, 0.1,0.02 for anode-free cells",
    )
    asr = sub.add_parser(
        "asr",
        help="areal resistance: DC pulse, charge/discharge, and its breakdown",
    )
    asr.add_argument("--cell", default="default", help="preset name or TOML cell file")
    asr.add_argument("--soc", type=float, default=0.5, help="state of charge of the pulse (0-1)")
    asr.add_argument(
        "--current-density",
        type=float,
        default=None,
        help="pulse current density [mA/cm2] (default: 1C)",
    )
    asr.add_argument("--duration", type=float, default=10.0, help="pulse duration [s]")
    asr.add_argument("--out", default="asslb-out", help="output folder for the plot and CSV")
    sw = sub.add_parser(
        "sweep",
        help="a design study over many cells (grid or sample), resumable, local or Dask",
    )
    sw.add_argument("study", help="study definition file (TOML)")
    sw.add_argument(
        "--out",
        default="results.parquet",
        help="results folder, a Parquet dataset (default: results.parquet)",
    )
    sw.add_argument("--workers", type=int, default=1, help="local worker processes")
    sw.add_argument(
        "--scheduler",
        default=None,
        help="address of a running Dask scheduler, e.g. tcp://host:8786",
    )
    sw.add_argument(
        "--map",
        nargs=2,
        metavar=("X", "Y"),
        default=None,
        help="draw maps of Wh/kg and Wh/L over two swept keys (grid studies)",
    )
    sw.add_argument("--map-c-rate", type=float, default=1.0, help="C-rate of the maps")
    sw.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    ft = sub.add_parser("fit", help="fit parameters to published discharge curves or rate tables")
    ft.add_argument("--cell", default="default", help="preset name or TOML cell file")
    ft.add_argument("--data", nargs="+", required=True, help="CSV data file(s)")
    ft.add_argument(
        "--fit",
        action="append",
        required=True,
        metavar="NAME:LOW:HIGH[:INITIAL]",
        help="a parameter to fit, by its PyBaMM name, with bounds (SI units); repeat for several",
    )
    ft.add_argument(
        "--unit",
        default=None,
        choices=["mA.h.g-1", "mA.h.cm-2"],
        help="capacity unit of headerless (WebPlotDigitizer) files",
    )
    ft.add_argument(
        "--c-rate",
        type=float,
        default=None,
        help="C-rate of headerless files or of files without a C-rate column",
    )
    ft.add_argument("--max-evaluations", type=int, default=200, help="model evaluations")
    ft.add_argument(
        "--backend",
        default="scipy",
        choices=["scipy", "pybop"],
        help="optimiser: scipy least_squares (default) or PyBOP's XNES",
    )
    ft.add_argument("--out", default="asslb-fit", help="output folder")
    en = sub.add_parser("energy", help="bill of materials: mass and volume per layer")
    en.add_argument("--cell", default="default", help="preset name or TOML cell file")
    ds = sub.add_parser(
        "describe",
        help="derived microstructure of a cell (fractions, loadings, effective properties)",
    )
    ds.add_argument("--cell", default="default", help="preset name or TOML cell file")
    mt = sub.add_parser("materials", help="list the materials library with sources")
    mt.add_argument("--kind", default=None, help="only this kind (e.g. 'solid electrolyte')")
    return parser


def _asr(args):
    from .metrics import areal_resistance
    from .plotting import plot_resistance_breakdown

    result = areal_resistance(args.cell, args.soc, args.current_density, args.duration)
    s = result.settings
    print(
        f"DC pulse ({s['Pulse duration [s]']:g} s at {s['Current density [mA.cm-2]']:.4g} "
        f"mA/cm2 from rest at SOC {s['State of charge']:.0%}): {result.pulse:.2f} Ohm.cm2"
    )
    print(
        f"Charge/discharge at the same current, (U_ch - U_dis)/(2 i): "
        f"{result.charge_discharge:.2f} Ohm.cm2 (U_ch = {s['Mean charge voltage [V]']:.4f} V, "
        f"U_dis = {s['Mean discharge voltage [V]']:.4f} V)"
    )
    print("Breakdown at the end of the pulse:")
    print(result.breakdown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result.breakdown.to_csv(out / "asr_breakdown.csv", index=False)
    plot_resistance_breakdown(result, out / "asr_breakdown.png")
    print(f"Wrote {out / 'asr_breakdown.csv'}, {out / 'asr_breakdown.png'}")
    return 0


def _sweep(args):
    from .studies import best_design, load_study, run_study

    study = load_study(args.study)
    results = run_study(
        study,
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=not args.no_progress,
    )
    ok = results[results["Status"] == "ok"]
    failed = results[results["Status"] != "ok"]
    print(
        f"Study {study.name}: {results['Design'].nunique()} designs, {len(results)} rows "
        f"({len(failed)} failed) in {args.out}"
    )
    for c in study.c_rates:
        best = best_design(results, c_rate=c)
        if best is not None:
            keys = ", ".join(f"{k} = {best[k]:.4g}" for k in study.keys)
            print(
                f"  best specific energy at {c:g}C: {best['Specific energy [W.h.kg-1]']:.1f} "
                f"Wh/kg, {best['Energy density [W.h.L-1]']:.0f} Wh/L ({keys})"
            )
    if args.map is not None and not ok.empty:
        from .plotting import plot_study_map

        path = Path(args.out).with_suffix(".png")
        plot_study_map(results, *args.map, c_rate=args.map_c_rate, path=path)
        print(f"Wrote {path}")
    return 0


def _fit(args):
    from .design import write_cell_file
    from .fitting import fit, load
    from .plotting import plot_fit

    data = load(args.data, unit=args.unit, c_rate=args.c_rate)
    result = fit(
        args.cell, data, args.fit, max_evaluations=args.max_evaluations, backend=args.backend
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    import pandas as pd

    with pd.option_context("display.width", 250, "display.max_colwidth", 90):
        print(
            f"Fit of {len(result.parameters)} parameter(s) to {', '.join(data.sources)}: "
            f"{result.evaluations} model evaluations; {result.message}"
        )
        print(result.parameters.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
        print("Correlation matrix:")
        print(result.correlation.round(3).to_string())
        print(result.rmse.to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    for warning in result.warnings:
        print(f"warning: {warning}")
    result.parameters.to_csv(out / "fitted_parameters.csv", index=False)
    result.correlation.to_csv(out / "correlation.csv")
    result.comparison.to_csv(out / "comparison.csv", index=False)
    header = f"fitted by asslb-sim to {', '.join(data.sources)}\n" + "\n".join(
        f"{r.Parameter} = {r.Fitted:.6g} (95% CI {r._4:.4g} .. {r._5:.4g})"
        for r in result.parameters.itertuples()
    )
    write_cell_file(result.cell, out / "fitted_cell.toml", header=header)
    plot_fit(result, out / "fit_overlay.png")
    print(
        f"Wrote {out / 'fitted_parameters.csv'}, {out / 'fitted_cell.toml'}, "
        f"{out / 'fit_overlay.png'}"
    )
    return 0


def _energy(args):
    from .metrics import bill_of_materials

    bom = bill_of_materials(args.cell)
    print(f"Repeating unit ({bom.stacking} stacking), charged state, per electrode area:")
    print(bom.layers.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    print(f"Stack: {bom.stack_mass * 100:.3f} mg/cm2, {bom.stack_thickness * 1e6:.1f} um")
    if bom.cell_mass is not None:
        print(f"Cell (packaged): {bom.cell_mass * 1e3:.2f} g, {bom.cell_volume * 1e6:.3f} cm3")
    else:
        print("Cell: no [packaging] layers/electrode_area_cm2 given; figures are stack level")
    return 0


def _describe(args):
    from .describe import describe

    table = describe(args.cell)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    return 0


def _materials(args):
    from .describe import materials_table

    table = materials_table()
    if args.kind is not None:
        kinds = sorted(set(table["Kind"]))
        if args.kind not in kinds:
            print(
                f"asslb-sim: error: --kind {args.kind!r} is not a material kind; known: {kinds}",
                file=sys.stderr,
            )
            return 2
        table = table[table["Kind"] == args.kind]
    import pandas as pd

    with pd.option_context("display.max_colwidth", 90, "display.width", 250):
        print(table.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    return 0


def _rate_capability(args):
    from .design import load_cell
    from .metrics import energy_table
    from .plotting import plot_discharge_curves
    from .simulate import rate_capability
    from .simulation import parse_charge

    cell = load_cell(args.cell)  # once: the rate test and the energy table share it
    result = rate_capability(
        cell,
        args.c_rates,
        progress=not args.no_progress,
        charge=parse_charge(args.charge, "--charge"),
    )
    energy = energy_table(result, cell)
    level = energy["Energy level"].iloc[0]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result.curves.to_csv(out / "curves.csv", index=False)
    result.summary.to_csv(out / "summary.csv", index=False)
    energy.to_csv(out / "energy.csv", index=False)
    plot_discharge_curves(result, out / "discharge_curves.png")

    import pandas as pd

    hidden = [
        "Message",
        "Status",
        "Nominal capacity [mA.h.cm-2]",
        "C-rate basis",
        "Energy level",
        "Current density [mA.cm-2]",
        "Charge capacity [mA.h.cm-2]",
        "Duration [h]",
    ]
    shown = result.summary.drop(columns=hidden)
    with pd.option_context("display.width", 250, "display.max_columns", 20):
        print(f"Cell: {result.cell_name}")
        print(
            f"C-rate basis: 1C = {result.basis.nominal_capacity:.3f} mA.h.cm-2, "
            f"{result.basis.method}"
        )
        print(f"Start of each discharge: {result.start}")
        print(
            f"Energy and power at {level} level"
            + (" (no packaging in the cell definition)" if level == "stack" else "")
        )
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    for _, row in result.summary[result.summary["Message"] != ""].iterrows():
        print(f"note: {row['C-rate']:g}C: {row['Termination']}: {row['Message']}")
    print(
        f"Wrote {out / 'curves.csv'}, {out / 'summary.csv'}, {out / 'energy.csv'}, "
        f"{out / 'discharge_curves.png'}"
    )
    return 0


def main(argv=None):
    """Entry point of the ``asslb-sim`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"asslb-sim {__version__}")
        return 0
    commands = {
        "rate-capability": _rate_capability,
        "asr": _asr,
        "sweep": _sweep,
        "fit": _fit,
        "energy": _energy,
        "describe": _describe,
        "materials": _materials,
    }
    if args.command in commands:
        from .errors import CellDefinitionError

        try:
            return commands[args.command](args)
        except CellDefinitionError as exc:
            print(f"asslb-sim: error: {exc}", file=sys.stderr)
            return 2
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
