"""Study results on disk: one Parquet part per finished chunk, and the study's fingerprint.

A results folder is a Parquet dataset that ``pandas.read_parquet(folder)`` and
``pyarrow.dataset.dataset(folder)`` read directly: everything else in it (the
fingerprint, parts being written, damaged parts set aside) has a name starting
with "_" or ".", which both skip. Running a study again skips the designs
already in it, refuses a folder that holds the rows of a different study, and
sets aside a damaged part (e.g. truncated by a full disk) so that its designs are
run again.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import pandas as pd

from ..errors import CellDefinitionError
from ..simulation import structure_key

FINGERPRINT = "_study.fingerprint"
# the fingerprint's name before #15: a file that readers of the dataset choked on
OLD_FINGERPRINT = "study.fingerprint"
DAMAGED_PREFIX = "_damaged-"


def write_part(out, rows):
    """Write the rows of a chunk as one part file (atomically: an interrupted write
    leaves no partial part)."""
    frame = pd.DataFrame(rows)
    name = hashlib.sha1("".join(sorted(set(frame["Design"]))).encode()).hexdigest()[:16]
    path = Path(out) / f"part-{name}.parquet"
    tmp = Path(out) / f".{path.name}.tmp"
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)


def study_fingerprint(study, base):
    """What the rows of a results folder depend on besides the varied values: the
    base cell (every parameter and option), the C-rates, the ASR setting, the
    tolerance, the charge protocol, the mesh and the cycle-life outputs."""
    parts = [
        list(study.c_rates),
        study.asr,
        sorted(study.keys),
        study.rtol,
        repr(study.charge),
        study.mesh.as_dict(),
    ]
    if study.cycling is not None:  # (studies without it keep their fingerprints)
        parts.append(repr(study.cycling))
    return structure_key(base, set()) + json.dumps(parts)


def check_fingerprint(out, fingerprint):
    """Refuse to mix the rows of two different studies in one results folder."""
    path = Path(out) / FINGERPRINT
    old = Path(out) / OLD_FINGERPRINT
    if old.exists() and not path.exists():
        os.replace(old, path)
    if path.exists():
        if path.read_text() != fingerprint:
            raise CellDefinitionError(
                f"{out}: this results folder holds a different study (another base cell, "
                "C-rates, ASR setting, tolerance, charge, mesh or set of varied keys); give "
                "another --out or delete it"
            )
    else:
        path.write_text(fingerprint)


def finished_designs(out):
    """Design ids already in the results folder ``out``.

    A part that cannot be read (truncated or corrupted) is renamed
    ``_damaged-<name>`` (which readers of the dataset skip) with a warning, and its
    designs count as not finished, so that the study runs them again. Files left
    by an interrupted write (``.part-*.tmp``) are removed.
    """
    out = Path(out)
    if not out.exists():
        return set()
    for stale in out.glob(".part-*.tmp"):
        stale.unlink(missing_ok=True)
    done = set()
    for part in sorted(out.glob("part-*.parquet")):
        try:
            done |= set(pd.read_parquet(part, columns=["Design"])["Design"])
        except Exception as exc:  # any reader error: the file is not a whole Parquet part
            aside = part.with_name(DAMAGED_PREFIX + part.name)
            os.replace(part, aside)
            reason = " ".join(str(exc).split())[:120]
            warnings.warn(
                f"{part}: damaged result part ({type(exc).__name__}: {reason}); set aside as "
                f"{aside.name}, its designs are run again",
                stacklevel=2,
            )
    return done


def read_results(out):
    """All rows of a results folder, as one DataFrame.

    Equal to ``pandas.read_parquet(out)`` up to the order of the rows (here: part by
    part, in the order of the parts' names). A damaged part is an error naming it;
    running the study again sets it aside and recomputes its designs.
    """
    parts = sorted(Path(out).glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame()
    frames = []
    for part in parts:
        try:
            frames.append(pd.read_parquet(part))
        except Exception as exc:  # any reader error: the file is not a whole Parquet part
            reason = " ".join(str(exc).split())[:120]
            raise CellDefinitionError(
                f"{part}: damaged result part ({type(exc).__name__}: {reason}); run the study "
                "again into the same folder to set it aside and recompute its designs"
            ) from None
    return pd.concat(frames, ignore_index=True)
