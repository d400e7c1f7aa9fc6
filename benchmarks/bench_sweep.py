"""Design-study throughput: one build with inputs vs a PyBaMM model rebuilt per design.

200 geometries (separator thickness x cathode thickness) x 4 C-rates:
  - asslb-sim's sweep: one build, thicknesses as inputs on PyBaMM's symbolic mesh,
    all designs of a chunk in one solver call per C-rate (workers = 1, in process);
  - the stock approach: for every design a PyBaMM DFN half-cell (t+ = 1, the
    degenerate configuration of the same design) built and solved at the 4 C-rates,
    in the same process, on the same mesh and solver.
Both use the same meshes and solver tolerance (the study's: its "study" mesh and
``--rtol``). A discharge the study refines (its particles' boundary layer thinner
than the study mesh resolves: asslb_sim.simulation.resolution) is solved again by
the stock approach on the same refined meshes, each of them a build of its own, so
that every discharge gets the same meshes in both. The compiler cache starts empty,
so a compiled build pays its compile time.
Then the sweep with Dask, 2 workers vs 1 (LocalCluster), the peak memory of the
main process for 2000 vs 200 designs (tracemalloc; results stream to disk), and the
resident memory of a Dask worker after the same two studies (Unix).
Prints designs per second and the ratios; targets: >= 10x, >= 1.7x, <= 1.2x.

Run: python benchmarks/bench_sweep.py [--designs 200] [--rtol 1e-4] [--compile auto]
     [--skip-dask] [--skip-memory]
"""

import argparse
import dataclasses
import os
import shutil
import sys
import tempfile
import time
import tracemalloc

try:
    import resource
except ImportError:  # Windows
    resource = None

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")
# an empty compiler cache: compiled builds are timed with their compilation
os.environ["PYBAMM_CASADI_AOT_CACHE"] = tempfile.mkdtemp(prefix="asslb-bench-aot-")

import pybamm

from asslb_sim.design import from_dict
from asslb_sim.models import LithiumMetalCell
from asslb_sim.reference import degenerate_cell, stock_half_cell
from asslb_sim.simulation import make_solver
from asslb_sim.studies import Study, run_study

C_RATES = (0.2, 0.5, 1.0, 2.0)


def study(n, c_rates=C_RATES, **options):
    n_sep = 10
    return Study(
        parameters={
            "separator.thickness_um": {"min": 10, "max": 100, "num": n_sep},
            "cathode.thickness_um": {"min": 60, "max": 200, "num": max(n // n_sep, 1)},
        },
        c_rates=c_rates,
        asr=False,
        chunk_size=20,
        name=f"bench-{n}",
        **options,
    )


def _resident_mb():
    """This process's resident memory now [MB] (Linux: /proc/self/statm), else its
    peak (getrusage; Linux reports kB, macOS bytes)."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


def run_ours(st, **kwargs):
    out = tempfile.mkdtemp()
    try:
        t0 = time.perf_counter()
        results = run_study(st, out, progress=False, **kwargs)
        return time.perf_counter() - t0, results
    finally:
        shutil.rmtree(out)


def refinement_levels(results, designs, mesh):
    """``{(design index, C-rate): [radial points]}`` of the refined meshes the study
    solved each refined discharge on: the study's own ladder (``Runner.refined``, as
    :func:`asslb_sim.simulation.resolution.solve_resolved` climbs it) from ``mesh`` up
    to the result's points."""
    from asslb_sim.simulation import Runner
    from asslb_sim.simulation.resolution import MAX_POINTS

    index = {tuple(sorted(d.items())): i for i, d in enumerate(designs)}
    names = sorted(designs[0])
    levels = {}
    for _, row in results.iterrows():
        level, steps = Runner(mesh=mesh), []
        while level.mesh.r_p < int(row["Radial points"]):
            level = level.refined(MAX_POINTS)
            steps.append(level.mesh.r_p)
        if steps:
            key = tuple(sorted((n, float(row[n])) for n in names))
            levels[(index[key], float(row["C-rate"]))] = steps
    return levels


def run_stock(designs, rtol, mesh, levels=None):
    """The stock approach: a PyBaMM DFN half-cell built per design (and per refined
    mesh ``levels`` asks for: :func:`refinement_levels`), solved at the 4 C-rates with
    the current as an input. Returns the time and the capacities [A.h]."""
    ref = LithiumMetalCell()
    levels = levels or {}
    t0 = time.perf_counter()
    capacities = []
    for i, values in enumerate(designs):
        cell = degenerate_cell(
            from_dict(
                {
                    "separator": {"thickness_um": values["separator.thickness_um"]},
                    "cathode": {"thickness_um": values["cathode.thickness_um"]},
                }
            )
        )
        pv = pybamm.ParameterValues(dict(cell.parameter_values))  # the charged equilibrium
        pv["Current function [A]"] = "[input]"
        sims = {}

        def simulation(points, pv=pv, sims=sims):
            if points not in sims:
                model, stock_values = stock_half_cell(pv)
                sims[points] = pybamm.Simulation(
                    model,
                    parameter_values=stock_values,
                    solver=make_solver(rtol=rtol),
                    **dataclasses.replace(mesh, r_p=points).simulation_kwargs(ref),
                )
            return sims[points]

        one_c = cell.basis.nominal_capacity * cell.area_cm2 * 1e-3
        for c in C_RATES:
            for points in (mesh.r_p, *levels.get((i, c), ())):
                sol = simulation(points).solve(
                    [0, 1.5 * 3600 / c], inputs={"Current function [A]": c * one_c}
                )
            capacities.append(sol["Discharge capacity [A.h]"].entries[-1])
    return time.perf_counter() - t0, capacities


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--designs", type=int, default=200)
    parser.add_argument("--rtol", type=float, default=Study.rtol)
    parser.add_argument(
        "--compile", choices=("auto", "true", "false"), default="auto", help="study.compile"
    )
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()

    compile_ = {"auto": "auto", "true": True, "false": False}[args.compile]
    st = study(args.designs, rtol=args.rtol, compile=compile_)
    designs = st.designs()
    t_ours, results = run_ours(st)
    assert (results["Status"] == "ok").all(), results[results["Status"] != "ok"]
    levels = refinement_levels(results, designs, st.mesh)
    t_stock, _ = run_stock(designs, args.rtol, st.mesh, levels)
    n = len(designs)
    print(
        f"PyBaMM {pybamm.__version__}; {n} designs x {len(C_RATES)} C-rates; "
        f"rtol {args.rtol:g}; mesh {st.mesh}; compiled: {st.compiles}"
    )
    print(
        f"{len(levels)} discharges refined by the study, solved on the same refined "
        f"meshes by both ({sum(map(len, levels.values()))} extra solves each)"
    )
    print(f"{'':34s}{'designs/s':>12s}{'time [s]':>12s}")
    print(f"{'asslb-sim sweep (1 build)':34s}{n / t_ours:12.2f}{t_ours:12.2f}")
    print(f"{'stock, DFN rebuilt per design':34s}{n / t_stock:12.2f}{t_stock:12.2f}")
    print(f"speed-up: {t_stock / t_ours:.1f}x (target >= 10x)")

    if not args.skip_dask:
        times = {}
        for workers in (1, 2):
            from dask.distributed import Client, LocalCluster

            with (
                LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(lambda: None)  # workers up before timing
                times[workers], _ = run_ours(st, client=client)
        print(
            f"Dask LocalCluster: 1 worker {times[1]:.2f} s, 2 workers {times[2]:.2f} s, "
            f"speed-up {times[1] / times[2]:.2f}x (target >= 1.7x on 2 cores)"
        )

    if not args.skip_memory:
        peaks = {}
        for size in (200, 2000):
            tracemalloc.start()
            # load=False: the results stay on disk (run_study would otherwise return
            # them all, which grows with the study by design)
            run_ours(study(size, c_rates=(1.0,), rtol=args.rtol, compile=False), load=False)
            peaks[size] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        print(
            f"peak memory of the main process: 200 designs {peaks[200]:.1f} MB, 2000 designs "
            f"{peaks[2000]:.1f} MB, ratio {peaks[2000] / peaks[200]:.2f} (target <= 1.2)"
        )
        if not args.skip_dask and resource is not None:
            from dask.distributed import Client, LocalCluster

            rss, start = {}, {}
            for size in (200, 2000):
                # a fresh worker per study: what it holds after the study is the study's
                with (
                    LocalCluster(
                        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
                    ) as cluster,
                    Client(cluster) as client,
                ):
                    start[size] = next(iter(client.run(_resident_mb).values()))
                    st_ = study(size, c_rates=(1.0,), rtol=args.rtol, compile=False)
                    run_ours(st_, client=client, load=False)
                    rss[size] = next(iter(client.run(_resident_mb).values()))
            print(
                f"resident memory of a Dask worker after the study: 200 designs "
                f"{rss[200]:.0f} MB, 2000 designs {rss[2000]:.0f} MB, ratio "
                f"{rss[2000] / rss[200]:.2f} (fresh workers: {start[200]:.0f} and "
                f"{start[2000]:.0f} MB)"
            )


if __name__ == "__main__":
    main()
