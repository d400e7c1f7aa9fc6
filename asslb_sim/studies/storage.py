"""Study results on disk: one Parquet part per finished chunk, and the study's fingerprint.

A results folder is a Parquet dataset; running a study again skips the designs
already in it, and refuses a folder that holds the rows of a different study.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from ..errors import CellDefinitionError
from ..simulation import structure_key

FINGERPRINT = "study.fingerprint"


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
    tolerance, the charge protocol and the mesh."""
    return structure_key(base, set()) + json.dumps(
        [
            list(study.c_rates),
            study.asr,
            sorted(study.keys),
            study.rtol,
            repr(study.charge),
            study.mesh.as_dict(),
        ]
    )


def check_fingerprint(out, fingerprint):
    """Refuse to mix the rows of two different studies in one results folder."""
    path = Path(out) / FINGERPRINT
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
    """Design ids already in the results folder ``out``."""
    out = Path(out)
    if not out.exists():
        return set()
    done = set()
    for part in out.glob("part-*.parquet"):
        done |= set(pd.read_parquet(part, columns=["Design"])["Design"])
    return done


def read_results(out):
    """All rows of a results folder, as one DataFrame."""
    parts = sorted(Path(out).glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame()
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
