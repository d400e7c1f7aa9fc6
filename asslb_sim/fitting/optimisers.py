"""Optimisers of a fit: all minimise the same residuals in the [0, 1] box.

``scipy`` (``scipy.optimize.least_squares``, trust-region reflective) is the
default; ``pybop`` minimises the sum of squares with PyBOP's XNES where PyBOP is
installed (PyBOP 26.x pins numpy < 2.4, so it is not a dependency). Either way
the result carries the residuals and their Jacobian at the optimum, from which
the report's statistics come.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import CellDefinitionError

BACKENDS = ("scipy", "pybop")
# forward-difference step, 1e-3 of the box: well above the solver's noise (relative
# 1e-6) and small against the curvature of the residuals
DIFF_STEP = 1e-3


@dataclass
class Optimum:
    """The optimiser's answer in the [0, 1] box, with the residuals and their Jacobian."""

    x: np.ndarray
    fun: np.ndarray
    jac: np.ndarray
    success: bool
    message: str


def check_backend(backend):
    if backend not in BACKENDS:
        raise CellDefinitionError(f"backend: {backend!r} is not valid; valid: {list(BACKENDS)}")
    if backend == "pybop":
        try:
            import pybop  # noqa: F401
        except ImportError:
            raise CellDefinitionError(
                "backend 'pybop': PyBOP is not installed (pip install pybop; its 26.x releases "
                "need numpy < 2.4)"
            ) from None


def minimise(backend, residual_u, u0, params, problem, max_evaluations):
    """Minimise ``residual_u`` over the [0, 1] box from ``u0``; an :class:`Optimum`."""
    if backend == "pybop":
        u_best, success, message = _run_pybop(params, problem, u0, max_evaluations)
        from scipy.optimize._numdiff import approx_derivative

        fun = residual_u(u_best)
        jac = approx_derivative(residual_u, u_best, rel_step=DIFF_STEP, f0=fun, bounds=(0.0, 1.0))
        return Optimum(u_best, fun, jac, success, message)
    from scipy.optimize import least_squares

    result = least_squares(
        residual_u,
        u0,
        bounds=(0.0, 1.0),
        method="trf",
        diff_step=DIFF_STEP,
        x_scale=1.0,
        max_nfev=max_evaluations,
    )
    return Optimum(result.x, result.fun, result.jac, bool(result.success), str(result.message))


def _run_pybop(params, problem, u0, max_evaluations):
    """Minimise the sum of squared residuals with PyBOP's XNES optimiser (PyBOP's
    default before 25.10, which removed the default wrapper). Returns the optimum in
    the [0, 1] box, whether it converged, and PyBOP's message."""
    import pybop
    from pybop.costs.base_cost import BaseCost

    names = [p.name for p in params]
    initial = [p.from_unit(float(u)) for p, u in zip(params, u0, strict=True)]

    class Simulator(pybop.BaseSimulator):
        def set_output_variables(self, target):
            pass

        def solve_batch(self, inputs, calculate_sensitivities=False):
            solutions = []
            for inp in inputs:
                try:
                    residuals = problem.residuals([inp[n] for n in names])
                except CellDefinitionError:  # an invalid cell inside the bounds
                    residuals = np.array([np.inf])
                solution = pybop.Solution(inputs=inp)
                solution.set_solution_variable("residuals", np.atleast_1d(residuals))
                solutions.append(solution)
            return solutions

    class SumOfSquares(BaseCost):
        def evaluate(self, solution, inputs=None, calculate_sensitivities=False):
            return float(np.sum(solution["residuals"].data ** 2))

    parameters = pybop.Parameters(
        {
            p.name: pybop.Parameter(
                bounds=[p.lower, p.upper],
                initial_value=v,
                transformation=pybop.LogTransformation() if p.log else None,
            )
            for p, v in zip(params, initial, strict=True)
        }
    )
    pybop_problem = pybop.Problem(simulator=Simulator(parameters), cost=SumOfSquares())
    options = pybop.PintsOptions(max_evaluations=max_evaluations, max_unchanged_iterations=20)
    result = pybop.XNES(pybop_problem, options=options).run()
    best = [float(result.best_inputs[n]) for n in names]
    u = np.array([p.to_unit(v) for p, v in zip(params, best, strict=True)])
    return np.clip(u, 0.0, 1.0), True, str(result.message)
