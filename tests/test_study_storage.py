"""Study results on disk (issue #15): readable by pandas and pyarrow, nothing lost on an
interrupt or a damaged part, and designs generated lazily."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from asslb_sim.errors import CellDefinitionError
from asslb_sim.simulation import Runner
from asslb_sim.studies import Study, read_results, run_study
from asslb_sim.studies.sampling import BLOCK, GridAxis
from asslb_sim.studies.storage import FINGERPRINT, OLD_FINGERPRINT

TINY = Study(
    parameters={"separator.thickness_um": [20, 40, 60]},
    c_rates=(1.0,),
    asr=False,
    chunk_size=1,
    name="tiny",
)
STUDY_TOML = (
    '[study]\nname = "tiny"\nc_rates = [1.0]\nasr = false\nchunk_size = 1\n'
    '[parameters]\n"separator.thickness_um" = [20, 30, 40, 50, 60, 70]\n'
)


def ordered(table):
    """Rows in a fixed order: parts are read in name order, not in the order written."""
    return table.sort_values(["Design", "C-rate"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def tiny_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny") / "results"
    return out, ordered(run_study(TINY, out, progress=False))


def test_pandas_and_pyarrow_read_a_study_folder(tiny_results):
    import pyarrow.dataset as ds

    out, expected = tiny_results
    assert (out / FINGERPRINT).exists() and not (out / OLD_FINGERPRINT).exists()
    pd.testing.assert_frame_equal(ordered(pd.read_parquet(out)), expected)
    table = ds.dataset(out, format="parquet").to_table().to_pandas()
    pd.testing.assert_frame_equal(ordered(table), expected)
    assert len(expected) == 3 and (expected["Status"] == "ok").all()


def no_solve(monkeypatch):
    def solved(*args, **kwargs):
        raise AssertionError("a finished design was solved again")

    monkeypatch.setattr(Runner, "solve", solved)


def test_old_fingerprint_is_moved_out_of_the_readers_way(tiny_results, tmp_path, monkeypatch):
    import shutil

    out, expected = tiny_results
    old = tmp_path / "old"
    shutil.copytree(out, old)
    (old / FINGERPRINT).rename(old / OLD_FINGERPRINT)  # a folder written before #15
    no_solve(monkeypatch)
    pd.testing.assert_frame_equal(ordered(run_study(TINY, old, progress=False)), expected)
    assert (old / FINGERPRINT).exists() and not (old / OLD_FINGERPRINT).exists()
    pd.testing.assert_frame_equal(ordered(pd.read_parquet(old)), expected)


def test_truncated_part_is_set_aside_and_recomputed(tiny_results, tmp_path):
    import shutil

    out, expected = tiny_results
    damaged = tmp_path / "damaged"
    shutil.copytree(out, damaged)
    part = sorted(damaged.glob("part-*.parquet"))[1]
    part.write_bytes(part.read_bytes()[:100])  # as a full disk or a killed copy leaves it
    with pytest.raises(CellDefinitionError, match=f"{part.name}: damaged result part"):
        read_results(damaged)
    with pytest.warns(UserWarning, match="damaged result part") as record:
        again = run_study(TINY, damaged, progress=False)
    assert "its designs are run again" in str(record[0].message)
    assert (damaged / f"_damaged-{part.name}").exists()
    # the same inputs through the same chunking: the recomputed rows are the same numbers
    pd.testing.assert_frame_equal(ordered(again), expected)
    pd.testing.assert_frame_equal(ordered(pd.read_parquet(damaged)), expected)


def sweep(args, cwd):
    """``asslb-sim ARGS`` in a subprocess of its own, to be signalled."""
    code = "import sys; from asslb_sim.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_study_resumes_to_the_uninterrupted_table(tmp_path, sig):
    (tmp_path / "study.toml").write_text(STUDY_TOML)
    whole = sweep(["sweep", "study.toml", "--out", "whole", "--no-progress"], tmp_path)
    assert whole.wait(timeout=600) == 0, whole.stderr.read()
    expected = ordered(pd.read_parquet(tmp_path / "whole"))

    run = sweep(["sweep", "study.toml", "--out", "cut", "--no-progress"], tmp_path)
    deadline = time.monotonic() + 300
    while not list((tmp_path / "cut").glob("part-*.parquet")):
        assert run.poll() is None and time.monotonic() < deadline, "no part was written"
        time.sleep(0.05)
    run.send_signal(sig)
    status = run.wait(timeout=120)
    # stopped mid-study: each design takes a solve of its own, the signal came at the first
    assert len(list((tmp_path / "cut").glob("part-*.parquet"))) < 6
    if sig == signal.SIGINT:
        assert status == 130
        assert "run the same command again to resume" in run.stderr.read()
    else:
        assert status == -signal.SIGKILL
    resumed = sweep(["sweep", "study.toml", "--out", "cut", "--no-progress"], tmp_path)
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read()
    pd.testing.assert_frame_equal(ordered(pd.read_parquet(tmp_path / "cut")), expected)


def test_grid_axis_equals_numpy_value_for_value():
    for spec, reference in (
        ({"min": 10, "max": 37.3, "num": 3 * BLOCK + 7}, np.linspace(10, 37.3, 3 * BLOCK + 7)),
        ({"min": 1e-3, "max": 37.3, "num": 2 * BLOCK + 1, "log": True}, None),
        ({"min": 2.0, "max": 3.0, "num": 1}, np.linspace(2.0, 3.0, 1)),
    ):
        if reference is None:
            reference = np.geomspace(spec["min"], spec["max"], spec["num"])
        axis = GridAxis(spec)
        values = [axis[i] for i in range(len(axis))]
        # exactly equal: a design's id hashes its values, so resuming a folder written
        # before #15 needs the very same floats
        assert values == reference.tolist()


def test_random_sample_drawn_in_blocks_equals_one_draw():
    study = Study(
        parameters={"a.b": {"min": 1.0, "max": 2.0}, "c.d": {"min": 0.1, "max": 10, "log": True}},
        sampling="random",
        samples=2 * BLOCK + 3,
        seed=7,
    )
    unit = np.random.default_rng(7).random((study.samples, 2))
    values = np.array([list(d.values()) for d in study.iter_designs()])
    # exactly equal, for the same reason as the grid's values
    assert values[:, 0].tolist() == (1.0 + unit[:, 0] * 1.0).tolist()
    expected = np.exp(np.log(0.1) + unit[:, 1] * (np.log(10) - np.log(0.1)))
    assert values[:, 1].tolist() == expected.tolist()


def test_a_large_grid_is_never_held():
    study = Study(parameters={"a.b": {"min": 0.0, "max": 1.0, "num": 5_000_000}, "c.d": [1, 2]})
    assert study.size == 10_000_000
    tracemalloc.start()
    designs = study.iter_designs()
    first = [next(designs) for _ in range(3)]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    step = 1.0 / 4_999_999  # numpy.linspace's own step
    assert first == [{"a.b": 0.0, "c.d": 1.0}, {"a.b": 0.0, "c.d": 2.0}, {"a.b": step, "c.d": 1.0}]
    # one block of values is a few hundred kB; the whole axis would be 40 MB or more
    assert peak < 5e6


class Stop(Exception):
    """Stops a study after its first part, as Ctrl-C would."""


def test_a_huge_study_composes_only_its_probes_and_first_chunk(tmp_path, monkeypatch):
    from asslb_sim import studies
    from asslb_sim.studies import designs
    from asslb_sim.studies.evaluation import probe_designs

    study = Study(
        parameters={
            "separator.thickness_um": {"min": 10.0, "max": 50.0, "num": 5_000_000},
            "cathode.thickness_um": [80, 140],
        },
        c_rates=(1.0,),
        asr=False,
        chunk_size=2,
        compile=False,
    )
    assert study.size == 10_000_000
    # the study's first chunk and one design per end of each key's range (the first
    # design's own ends and the chunk's second design are not composed twice)
    bound = len(probe_designs(study)) + study.chunk_size
    assert bound == 5
    counts = {"composed": 0, "ids": 0}

    def counted(name, original):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            # fail at once rather than compose (or walk) ten million designs
            assert counts[name] <= bound, f"{name}: more than {bound}"
            return original(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(designs, "from_dict", counted("composed", designs.from_dict))
    monkeypatch.setattr(studies, "design_id", counted("ids", studies.design_id))
    written = []

    def write_then_stop(out, rows):
        written.append(rows)
        raise Stop

    monkeypatch.setattr(studies, "write_part", write_then_stop)
    with pytest.raises(Stop):
        run_study(study, tmp_path / "huge", progress=True)  # a fresh folder: no count of it
    assert counts["composed"] == bound  # the probes, then the first chunk as it is solved
    assert counts["ids"] == study.chunk_size
    (rows,) = written
    assert [r["separator.thickness_um"] for r in rows] == [10.0, 10.0]
    assert [r["cathode.thickness_um"] for r in rows] == [80.0, 140.0]
    assert all(r["Status"] == "ok" for r in rows)


# two keys in chunks of two: the first chunk varies only the cathode, so the separator's
# parameters come from the probes at the ends of its range
TWO_CHUNKS = Study(
    parameters={"separator.thickness_um": [20, 60], "cathode.thickness_um": [80, 140]},
    c_rates=(1.0,),
    asr=False,
    chunk_size=2,
    name="two chunks",
)


def test_probed_inputs_give_the_table_of_composing_every_design_first(tmp_path, monkeypatch):
    from asslb_sim import studies
    from asslb_sim.design import load_cell
    from asslb_sim.studies.evaluation import study_inputs, varying_parameters

    base = load_cell(TWO_CHUNKS.cell)

    def eager(base, study):  # the inputs as run_study found them before: every design
        designs = ((None, values) for values in study.iter_designs())
        return varying_parameters(base, designs)

    assert study_inputs(base, TWO_CHUNKS) == eager(base, TWO_CHUNKS)
    assert "Separator thickness [m]" in study_inputs(base, TWO_CHUNKS)
    lazy = ordered(run_study(TWO_CHUNKS, tmp_path / "lazy", progress=False))
    monkeypatch.setattr(studies, "study_inputs", eager)
    composed_first = ordered(run_study(TWO_CHUNKS, tmp_path / "eager", progress=False))
    assert len(lazy) == 4 and (lazy["Status"] == "ok").all()
    # exactly equal: the same inputs make the same builds, solved the same way
    pd.testing.assert_frame_equal(lazy, composed_first, check_exact=True)


def test_a_chunk_adds_the_parameters_it_varies_to_its_build(monkeypatch):
    from asslb_sim.design import load_cell
    from asslb_sim.studies import evaluation

    seen = []

    def runner(study, input_names, threads=1):
        seen.append(set(input_names))
        raise Stop

    monkeypatch.setattr(evaluation, "study_runner", runner)
    chunk = [(str(i), {"separator.thickness_um": t}) for i, t in enumerate((20.0, 60.0))]
    with pytest.raises(Stop):
        # no study inputs given, as if the probes had missed the separator
        evaluation.evaluate_chunk(load_cell("default"), TWO_CHUNKS, chunk, set())
    assert "Separator thickness [m]" in seen[0]
    assert "Positive electrode thickness [m]" not in seen[0]  # not varied in this chunk
