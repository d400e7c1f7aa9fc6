"""Command-line interface ``asslb-sim``: one module per command.

Nothing heavy is imported at module level: ``asslb-sim --help`` must answer
without importing PyBaMM. Every command's errors become one line on stderr and
exit status 2 (``--debug`` shows the traceback instead); warnings are one line
each; Ctrl-C stops with exit status 130.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings

from . import (
    asr,
    compare,
    cycle,
    eis,
    eis_conductivity,
    fit,
    fit_conductivity,
    info,
    rate_capability,
    sweep,
    validate,
)


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (the usage is left to ``--help``)."""

    def error(self, message):
        text = " ".join(message.split())
        self.exit(2, f"{self.prog}: error: {text} (see {self.prog} --help)\n")


def build_parser():
    parser = OneLineParser(
        prog="asslb-sim",
        description="Physics-based simulator of all-solid-state Li-metal batteries.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (
        rate_capability,
        compare,
        asr,
        sweep,
        fit,
        fit_conductivity,
        eis,
        eis_conductivity,
        cycle,
        validate,
    ):
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
    if args.debug:
        return args.run(args)
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        try:
            return args.run(args)
        except KeyboardInterrupt:
            print("asslb-sim: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:  # the output was piped into a reader that stopped (head)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except Exception as exc:  # every error, of input or not, becomes one line
            print(f"asslb-sim: error: {one_line(exc)}", file=sys.stderr)
            return 2


def one_line(exc):
    """The message of ``exc`` on one line; an error that is not one of bad input (a bug
    or a library failure) is cut to 300 characters, says its type and points to
    ``--debug``."""
    from ..errors import CellDefinitionError

    text = " ".join(str(exc).split())
    if isinstance(exc, CellDefinitionError):
        return text if len(text) <= 1000 else text[:997] + "..."
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text} (rerun with --debug for the traceback)"


def _show_warning(message, category, filename, lineno, file=None, line=None):
    text = " ".join(str(message).split())
    print(f"asslb-sim: warning: {text[:300]}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
