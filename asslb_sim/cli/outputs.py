"""Output folders of the commands, checked before any solve."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import CellDefinitionError


def prepare_out(path, flag="--out"):
    """Create the output folder ``path`` and check that it can be written, before any solve.

    Parameters
    ----------
    path : str or Path
        The output folder; created with its parents if missing.
    flag : str
        The option that named it, for the message.

    Returns
    -------
    tuple of (Path, bool)
        The folder, and whether it already held files (that this run may overwrite).

    Raises
    ------
    CellDefinitionError
        If ``path`` is an existing file, cannot be created, or cannot be written.
    """
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise CellDefinitionError(
            f"{flag}: {str(out)!r} is an existing file; valid: a folder (new or existing)"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".asslb-write-test-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CellDefinitionError(
            f"{flag}: cannot write to the folder {str(out)!r} ({reason}); valid: a writable folder"
        ) from None
    had_files = any(not name.startswith(".") for name in os.listdir(out))
    return out, had_files


def wrote_line(paths, overwrote):
    """The "Wrote ..." line of a command, saying when earlier outputs were replaced."""
    text = "Wrote " + ", ".join(str(p) for p in paths)
    return text + (" (replacing earlier outputs in that folder)" if overwrote else "")
