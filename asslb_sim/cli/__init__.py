"""Command-line interface ``asslb-sim``: one module per command.

Nothing heavy is imported at module level: ``asslb-sim --help`` must answer
without importing PyBaMM. Every command's errors of input become one line on
stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import sys

from . import asr, fit, fit_conductivity, info, rate_capability, sweep, validate


def build_parser():
    parser = argparse.ArgumentParser(
        prog="asslb-sim",
        description="Physics-based simulator of all-solid-state Li-metal batteries.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (rate_capability, asr, sweep, fit, fit_conductivity, validate):
        command.add_parser(sub)
    info.add_parsers(sub)
    return parser


def main(argv=None):
    """Entry point of the ``asslb-sim`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from .. import __version__

        print(f"asslb-sim {__version__}")
        return 0
    if getattr(args, "run", None) is None:
        parser.print_help()
        return 0
    from ..errors import CellDefinitionError

    try:
        return args.run(args)
    except CellDefinitionError as exc:
        print(f"asslb-sim: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
