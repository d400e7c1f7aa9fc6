"""Optimisers of a fit: all minimise the same residuals in the [0, 1] box.

``scipy`` (``scipy.optimize.least_squares``, trust-region reflective) is the
default; ``pybop`` minimises the sum of squares with PyBOP's XNES where PyBOP is
installed (PyBOP 26.x pins numpy < 2.4, so it is not a dependency). Either way
the result carries the residuals and their Jacobian at the optimum, from which
the report's statistics come. Every model evaluation, the Jacobian's finite
differences included, counts against the fit's ``max_evaluations``
(:class:`Budget`): at the limit the fit stops with the best point so far.
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
    """The optimiser's answer in the [0, 1] box, with the residuals, their Jacobian
    and the simulated discharges there."""

    x: np.ndarray
    fun: np.ndarray
    jac: np.ndarray | None  # None: the evaluation limit came before any Jacobian
    success: bool
    message: str
    simulated: object = None  # the simulated discharges at x


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


class EvaluationLimit(Exception):
    """The budget of model evaluations is spent (caught by :func:`minimise`)."""


class Budget:
    """The model evaluations of an optimiser, counted and capped at ``limit``.

    ``evaluate(u)`` returns ``(residuals, simulated)`` at a point ``u`` of the [0, 1]
    box; a call counts against the budget unless the point is one the budget keeps
    (the last point, the best one so far, and the base point of the latest
    Jacobian), and a call past the limit raises :class:`EvaluationLimit`. The
    Jacobian's forward differences (:meth:`jacobian`) go through the same count, so
    the optimiser makes at most ``limit`` model evaluations, whatever they are for.
    """

    def __init__(self, evaluate, limit):
        self.evaluate, self.limit = evaluate, limit
        self.count = 0
        self._kept = {}  # point (bytes) -> (u, residuals, simulated)
        self._last = self._best = self._jac_at = self._pinned = None
        self.best_cost = np.inf
        self.jac = None  # the latest Jacobian, at the point self._jac_at

    def evaluated(self, u):
        """``(residuals, simulated)`` at ``u``, evaluated or kept."""
        u = np.array(u, dtype=float)
        key = u.tobytes()
        if key not in self._kept:
            if self.count >= self.limit:
                raise EvaluationLimit
            self.count += 1
            residuals, simulated = self.evaluate(u)
            residuals = np.asarray(residuals, dtype=float)
            self._kept[key] = (u, residuals, simulated)
            cost = float(residuals @ residuals)
            if np.isfinite(cost) and cost < self.best_cost:
                self.best_cost, self._best = cost, key
        self._last = key
        self._forget()
        return self._kept[key][1:]

    def __call__(self, u):
        """The residuals at ``u`` (the function the optimiser minimises)."""
        return self.evaluated(u)[0]

    def jacobian(self, u):
        """Forward differences of the residuals at ``u``, a step of :data:`DIFF_STEP`
        into the box (backwards at the upper bound), as scipy's own "2-point" scheme."""
        u = np.array(u, dtype=float)
        self._pinned = u.tobytes()  # kept while its differences are evaluated
        f0 = self(u)
        jac = np.empty((len(f0), len(u)))
        for i in range(len(u)):
            step = u.copy()
            step[i] += DIFF_STEP if u[i] + DIFF_STEP <= 1.0 else -DIFF_STEP
            jac[:, i] = (self(step) - f0) / (step[i] - u[i])
        self.jac, self._jac_at, self._pinned = jac, u.tobytes(), None
        self._forget()
        return jac

    def _forget(self):
        keep = {self._last, self._best, self._jac_at, self._pinned}
        for key in [k for k in self._kept if k not in keep]:
            del self._kept[key]

    def at(self, u):
        """The residuals, the simulated discharges and the Jacobian (None if it was not
        computed there) at a point the budget keeps."""
        key = np.array(u, dtype=float).tobytes()
        _, residuals, simulated = self._kept[key]
        return residuals, simulated, self.jac if key == self._jac_at else None

    def best(self):
        """The best point so far (lowest sum of squares)."""
        return self._kept[self._best][0]

    def stopped(self):
        """The :class:`Optimum` at the best point when the budget ran out."""
        u = self.best()
        fun, simulated, jac = self.at(u)
        plural = "s" if self.limit != 1 else ""
        message = (
            f"stopped at the limit of {self.limit} model evaluation{plural} "
            "(max_evaluations): the best point so far is reported"
        )
        if jac is None and self.jac is not None:
            jac = self.jac
            message += "; its intervals use the Jacobian of the optimiser's last iterate"
        elif jac is None:
            message += "; no intervals (the limit came before any Jacobian)"
        return Optimum(u, fun, jac, False, message, simulated)


def minimise(backend, evaluate, u0, params, max_evaluations):
    """Minimise the residuals of ``evaluate`` (``u -> (residuals, simulated)``) over the
    [0, 1] box from ``u0`` in at most ``max_evaluations`` model evaluations, the
    Jacobian's finite differences included; an :class:`Optimum`."""
    budget = Budget(evaluate, max_evaluations)
    try:
        if backend == "pybop":
            # the Jacobian at the optimum takes one evaluation per parameter: leave them
            message = _run_pybop(params, budget, u0, max(max_evaluations - len(params), 1))
            u = budget.best()
            budget.jacobian(u)
            fun, simulated, jac = budget.at(u)
            return Optimum(u, fun, jac, True, message, simulated)
        from scipy.optimize import least_squares

        result = least_squares(
            budget,
            u0,
            jac=budget.jacobian,
            bounds=(0.0, 1.0),
            method="trf",
            x_scale=1.0,
            max_nfev=max_evaluations,
        )
    except EvaluationLimit:
        return budget.stopped()
    fun, simulated, _ = budget.at(result.x)
    return Optimum(
        result.x, result.fun, result.jac, bool(result.success), str(result.message), simulated
    )


def _run_pybop(params, budget, u0, max_evaluations):
    """Minimise the sum of squared residuals with PyBOP's XNES optimiser (PyBOP's
    default before 25.10, which removed the default wrapper), every evaluation through
    ``budget`` (whose best point is the answer); returns PyBOP's message."""
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
                u = [p.to_unit(float(inp[n])) for p, n in zip(params, names, strict=True)]
                try:
                    residuals = budget(np.clip(u, 0.0, 1.0))
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
    return str(pybop.XNES(pybop_problem, options=options).run().message)
