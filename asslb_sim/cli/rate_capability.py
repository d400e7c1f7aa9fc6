"""``asslb-sim rate-capability``: discharge curves and a summary at several C-rates."""

from __future__ import annotations

import argparse

DEFAULT_C_RATES = "0.1,0.5,1,2"


def c_rates(text):
    try:
        rates = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--c-rates: {text!r} is not a comma-separated list of numbers, e.g. 0.1,0.5,1,2"
        ) from None
    if not rates:
        raise argparse.ArgumentTypeError("--c-rates: give at least one C-rate")
    return rates


def add_rate_test_arguments(parser):
    """The rate test's ``--c-rates`` and ``--capacity-axis`` (``rate-capability`` and
    ``compare`` alike)."""
    parser.add_argument(
        "--c-rates",
        type=c_rates,
        default=c_rates(DEFAULT_C_RATES),
        help=f"comma-separated C-rates (default: {DEFAULT_C_RATES})",
    )
    parser.add_argument(
        "--capacity-axis",
        choices=["specific", "areal"],
        default="specific",
        help="capacity of the plots: specific (mA.h/g of CAM, default) or areal (mA.h/cm2)",
    )


def add_parser(sub):
    parser = sub.add_parser(
        "rate-capability",
        help="discharge curves and a summary at several C-rates",
        description="Constant-current discharges from the charged state, one model build "
        "for all C-rates.",
    )
    parser.add_argument(
        "--cell",
        default="default",
        help="built-in preset name or TOML cell file (default: the default cell)",
    )
    add_rate_test_arguments(parser)
    parser.add_argument("--out", default="asslb-out", help="output folder (default: asslb-out)")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument(
        "--charge",
        default="auto",
        metavar="C_RATE[,CV_CUTOFF_C_RATE]",
        help="start every discharge after a CC-CV charge from the as-built state, e.g. "
        "0.1,0.02 (CC only: 0.1,none); 'equilibrium' starts at the upper cut-off; "
        "default 'auto': equilibrium for Li-metal cells, 0.1,0.02 for anode-free cells",
    )
    parser.set_defaults(run=run)


def run(args):
    from ..design import load_cell
    from ..metrics import energy_table
    from ..plotting import plot_capacity_vs_rate, plot_discharge_curves
    from ..simulate import rate_capability
    from ..simulation import check_c_rates, parse_charge
    from .outputs import prepare_out, wrote_line

    cell = load_cell(args.cell)  # once: the rate test and the energy table share it
    charge = parse_charge(args.charge, "--charge")
    check_c_rates(args.c_rates, "--c-rates")
    out, overwrote = prepare_out(args.out)
    result = rate_capability(cell, args.c_rates, progress=not args.no_progress, charge=charge)
    energy = energy_table(result, cell)
    level = energy["Energy level"].iloc[0]
    result.curves.to_csv(out / "curves.csv", index=False)
    result.summary.to_csv(out / "summary.csv", index=False)
    energy.to_csv(out / "energy.csv", index=False)
    written = ["curves.csv", "summary.csv", "energy.csv"]
    plotted = not result.curves.empty
    plots = ["discharge_curves.png", "capacity_vs_rate.png"]
    if plotted:
        plot_discharge_curves(result, out / plots[0], capacity=args.capacity_axis)
        plot_capacity_vs_rate(result, out / plots[1], capacity=args.capacity_axis)
        written += plots

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
        "Plating critical current density [mA.cm-2]",
        "Stripping critical current density [mA.cm-2]",
        "Critical current flag",
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
    for _, row in result.summary[result.summary["Critical current flag"] != ""].iterrows():
        print(f"critical current: {row['C-rate']:g}C: {row['Critical current flag']}")
    if not plotted:
        for name in plots:  # not an earlier run's plots
            (out / name).unlink(missing_ok=True)
        print(
            "no C-rate gave a discharge curve (see the notes above); no plot written: try "
            "lower C-rates"
        )
    print(wrote_line([out / name for name in written], overwrote))
    return 0
