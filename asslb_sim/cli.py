"""Command-line interface ``asslb-sim``.

Nothing heavy is imported at module level: ``asslb-sim --help`` must answer
without importing PyBaMM.
"""

from __future__ import annotations

import argparse
import os
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
    ds = sub.add_parser(
        "describe",
        help="derived microstructure of a cell (fractions, loadings, effective properties)",
    )
    ds.add_argument("--cell", default="default", help="preset name or TOML cell file")
    mt = sub.add_parser("materials", help="list the materials library with sources")
    mt.add_argument("--kind", default=None, help="only this kind (e.g. 'solid electrolyte')")
    return parser


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
    from .plotting import plot_discharge_curves
    from .simulate import rate_capability

    result = rate_capability(args.cell, args.c_rates, progress=not args.no_progress)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    result.curves.to_csv(out / "curves.csv", index=False)
    result.summary.to_csv(out / "summary.csv", index=False)
    plot_discharge_curves(result, out / "discharge_curves.png")

    import pandas as pd

    shown = result.summary.drop(
        columns=["Message", "Status", "Nominal capacity [mA.h.cm-2]", "C-rate basis"]
    )
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(f"Cell: {result.cell_name}")
        print(
            f"C-rate basis: 1C = {result.basis.nominal_capacity:.3f} mA.h.cm-2, "
            f"{result.basis.method}"
        )
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    for _, row in result.summary[result.summary["Message"] != ""].iterrows():
        print(f"note: {row['C-rate']:g}C: {row['Termination']}: {row['Message']}")
    print(f"Wrote {out / 'curves.csv'}, {out / 'summary.csv'}, {out / 'discharge_curves.png'}")
    return 0


def main(argv=None):
    """Entry point of the ``asslb-sim`` command."""
    os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__

        print(f"asslb-sim {__version__}")
        return 0
    commands = {
        "rate-capability": _rate_capability,
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
