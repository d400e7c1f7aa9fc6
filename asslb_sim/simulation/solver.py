"""The IDAKLU solver every simulation uses, with its settings and their reasons."""

from __future__ import annotations

import os


def available_cores():
    """The cores this process may use (its CPU affinity where the OS tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def make_solver(threads=1, output_variables=None, rtol=1e-6, compile=False, ends_only=False):
    """The IDAKLU solver used for every simulation, with its tolerances.

    Algebraic states (the potentials) are solved to the Newton tolerance at every
    step but left out of the local error test ("suppress_algebraic_error"): the
    error test on the small SE potential otherwise forces about 30 % more steps
    (benchmarks/bench_rate_capability.py), for no change in the voltage beyond
    the tolerance (tests/test_mesh_convergence.py, tests/test_stock_agreement.py).
    A step's Newton iteration gets at most 4 iterations, IDA's own default (PyBaMM
    raises it to 40): one that has not converged by then is cheaper to redo with a
    fresh Jacobian or a shorter step. Measured on the 800 discharges of
    benchmarks/bench_sweep.py (on a 25 x 15 particle mesh): 20 % fewer Newton
    iterations, 10-12 % less time at rtol 1e-4 and 1e-6, and the same error in
    capacity against rtol 1e-8 (at most 2.1e-3 at 1e-4 and 4.7e-5 at 1e-6, with 4
    or 40 iterations alike).

    At loose tolerances (rtol > 5e-5) the BDF order is capped at 2, the highest
    A-stable one. IDA otherwise takes long steps at orders 3-5, which are not
    A-stable, and near the end of a discharge, where a particle surface close to
    full lithiation makes the OCP fall steeply, a stiff mode can grow into an
    oscillation between neighbouring particles (one reversing its current) that
    Newton's method cannot converge. On a coarse particle mesh (15 points,
    stretch 2) at rtol 1e-4, 5 of the 8000 discharges of a 2000-design benchmark
    grid failed so at order 5, none at order 2. On the study mesh none failed at
    either order; order 2 took the same time for the 800 discharges of
    benchmarks/bench_sweep.py and 12 % less for the 8000, with the capacity error
    against rtol 1e-8 at most 2.2e-3 (order 5: 1.2e-3; 99 % within 6e-4 and
    5e-4). At rtol 5e-5 and below order 5 had no failures even on the coarse
    mesh and is faster, so it is kept.

    Parameters
    ----------
    threads : int
        OpenMP threads (and parallel solvers) for a list of input sets.
    output_variables : list of str, optional
        Compute only these variables (faster for large studies).
    rtol : float
        Relative tolerance. The absolute tolerance stays 1e-8 (in each state's
        units): it matters only for states near zero (capacity and energy counters
        at the start, a thin plated lithium layer).
    compile : bool
        Compile the model's functions to machine code with the system C compiler
        (PyBaMM's ahead-of-time compilation, cached on disk): about 25 % faster
        solves for about 1.5 s once per build, so worth it for studies only. Without
        a working compiler PyBaMM falls back to its interpreter.
    ends_only : bool
        Keep only the first and last time of each solution (design studies read
        end values only).
    """
    import pybamm

    options = {
        # SUNDIALS' own error handler prints every failed solve's errors on stderr from
        # C ("[ERROR][rank 0][.../idas_ic.c:1411][IDAICFailFlag] ..."), e.g. for a cell
        # below its cut-off at the start. The solver still returns the error flag, which
        # PyBaMM raises as a SolverError with the same text as without this option (the
        # reason a flagged result gives); only the printing goes. Per solver: it clears
        # the handlers of the solver's own SUNDIALS context (pybammsolvers,
        # IDAKLUSolverOpenMP.inl), so threads and Dask workers need nothing more.
        "silence_sundials_errors": True,
        "suppress_algebraic_error": True,
        "max_nonlinear_iterations": 4,
        "max_order_bdf": 2 if rtol > 5e-5 else 5,
        "compile": compile,
    }
    if threads > 1:
        options.update({"num_threads": threads, "num_solvers": threads})
    return pybamm.IDAKLUSolver(
        rtol=rtol,
        atol=1e-8,
        options=options,
        output_variables=output_variables,
        store_first_last=ends_only,
    )
