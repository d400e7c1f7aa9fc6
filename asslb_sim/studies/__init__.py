"""Design studies over many cells: grids and samples, local or Dask, resumable.

A study varies cell-file keys (``"separator.thickness_um"``,
``"cathode.loading_mg_cm2"``, ``"cathode.mass_fractions.active_material"``,
``"operation.temperature_C"``, ...) or PyBaMM parameters
(``"parameters.<name>"``) over a grid, a random or a Latin-hypercube sample,
and runs a rate test on every design. Designs are composed and validated one by
one; every PyBaMM parameter that varies between them becomes an input of one
built model (thicknesses too, on PyBaMM's symbolic mesh), so a group of designs
is solved in one solver call per C-rate without rebuilding. Only parameters
that shape the mesh or are functions (particle radius, materials) split the
designs into build groups. Which parameters vary is found from a few probe
designs (:func:`~asslb_sim.studies.evaluation.study_inputs`), and each design
is composed only when its chunk is solved: a study of ten million designs
starts solving after composing its first chunk.

Results stream, one Parquet file per finished chunk of designs, into a dataset
folder; a study that is run again skips the designs already there. A design
that fails (invalid input, solver failure) is a row with its status and reason.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from ..design import load_cell
from ..errors import CellDefinitionError
from .analysis import best_design
from .definition import SAMPLINGS, Study, load_study
from .designs import check_study_keys, design_cell, design_id
from .evaluation import evaluate_chunk, study_inputs
from .executors import DaskExecutor, LocalExecutor, check_scheduler
from .storage import (
    check_fingerprint,
    finished_designs,
    read_results,
    study_fingerprint,
    write_part,
)

__all__ = [
    "SAMPLINGS",
    "DaskExecutor",
    "LocalExecutor",
    "Study",
    "best_design",
    "check_scheduler",
    "design_cell",
    "design_id",
    "evaluate_chunk",
    "finished_designs",
    "load_study",
    "read_results",
    "run_study",
    "study_fingerprint",
]


def _batches(iterable, size):
    """Lists of ``size`` items from ``iterable``, lazily."""
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def run_study(study, out, workers=1, scheduler=None, client=None, progress=True, load=True):
    """Run ``study``, streaming results into the Parquet dataset folder ``out``.

    Parameters
    ----------
    study : Study or str or Path
        The study, or a study TOML file.
    out : str or Path
        Results folder (a Parquet dataset: one part file per finished chunk).
        Designs already there are not run again.
    workers : int
        Local worker processes (Dask LocalCluster); 1 runs in this process.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``); one that does not
        answer within 5 s is an error before anything runs
        (:func:`~asslb_sim.studies.executors.check_scheduler`).
    client : dask.distributed.Client, optional
        An existing Dask client.
    progress : bool
        Show a progress bar with ETA.
    load : bool
        Read all results into memory at the end. ``False`` for studies too big for
        that: designs are generated and their results written one chunk at a time,
        so the memory of this process does not grow with the study; read the
        Parquet dataset in pieces afterwards.

    Returns
    -------
    pandas.DataFrame or None
        All results in ``out`` (this run and earlier ones), or None if not ``load``.
    """
    if not isinstance(study, Study):
        study = load_study(study)
    if not (isinstance(workers, int) and workers >= 1):
        raise CellDefinitionError(f"workers: {workers!r}; valid range [1, inf)")
    if scheduler is not None and client is None:
        check_scheduler(scheduler)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    base = load_cell(study.cell)
    check_study_keys(base, study.keys)
    check_fingerprint(out, study_fingerprint(study, base))
    done = finished_designs(out)

    def todo():  # the designs still to run, generated afresh on every pass
        return (
            (i, v) for i, v in ((design_id(v), v) for v in study.iter_designs()) if i not in done
        )

    # the inputs of the builds, from a few probe designs: every design itself is composed
    # only when its chunk is solved, so the first results come after one chunk's work
    input_names = study_inputs(base, study)
    bar = None
    if progress:
        from tqdm import tqdm

        # counting the designs left walks the study's ids (about 5 us a design, no
        # composition): needed only when a results folder already holds some
        remaining = sum(1 for _ in todo()) if done else study.size
        bar = tqdm(total=study.size, initial=study.size - remaining, unit="design", desc=study.name)

    def write(rows, designs):
        write_part(out, rows)
        if bar is not None:
            bar.update(designs)

    if client is None and scheduler is None and workers == 1:
        executor = LocalExecutor()
    else:
        executor = DaskExecutor(workers, scheduler, client)
    executor.run(base, study, _batches(todo(), study.chunk_size), input_names, write)
    if bar is not None:
        bar.close()
    return read_results(out) if load else None
