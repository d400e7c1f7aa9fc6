"""``asslb-sim validate``: every shipped published dataset, predicted against measured."""

from __future__ import annotations


def add_parser(sub):
    parser = sub.add_parser(
        "validate",
        help="predict every shipped published dataset from its printed spec and compare",
        description="Runs every published dataset shipped with the package from its printed "
        "cell spec with the library's one set of defaults, and writes the table of predicted "
        "against measured values with errors and targets, and a figure.",
    )
    parser.add_argument("--out", default="asslb-validation", help="output folder")
    parser.add_argument(
        "--only", nargs="+", default=None, metavar="DATASET", help="only these datasets"
    )
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.set_defaults(run=run)


def run(args):
    import pandas as pd

    from ..validation import run_validation, write_report
    from .outputs import prepare_out, wrote_line

    _, overwrote = prepare_out(args.out)
    report = run_validation(args.only, progress=not args.no_progress)
    written = write_report(report, args.out)
    shown = report.table[["dataset", "case", "measured", "predicted", "target", "met"]]
    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    print(f"{report.met} of {report.total} within target")
    print(wrote_line(written, overwrote))
    return 0
