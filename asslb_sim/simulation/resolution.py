"""Radial mesh adequacy: discharges whose particle boundary layer the mesh may not resolve
are solved again on refined meshes until two meshes agree.

A discharge at C-rate c lasts at most ``t = 3600 / c``; Li diffuses ``delta =
sqrt(D t)`` into a particle of radius R in that time. Measured against a mesh of 160
radial points (default cell, 60-200 um, 0-25 C, D/10; the scripts of
models/mesh.py), a mesh of n radial points (stretch 5) gives the capacity within
1 % while ``n delta / R >= 14`` with D at half lithiation (1 % was reached at
``n delta / R`` of 7-13, the thick cathodes' local rates being the highest): the
"single-run" mesh (60 points) down to ``delta / R`` = 0.23, the "study" mesh (40) down
to 0.35. Such discharges are solved again with twice the radial points (same stretch) until the
capacity changes by less than the tolerance between two meshes or the mesh reaches
:data:`MAX_POINTS`; the finest result is kept, and the last change is its error
estimate (conservative: the finite-volume error falls at least linearly with the
points).
"""

from __future__ import annotations

import math

import numpy as np

RESOLVED_POINTS_RATIO = 14.0  # n delta / R above this: a mesh of n points within 1 %
TOLERANCE = 0.01  # relative change in capacity between two meshes that is accepted
MAX_POINTS = 200


def diffusion_ratio(case):
    """``sqrt(D t) / R`` of a discharge case: D at half lithiation and the cell's
    temperature, t the longest the discharge can last at its current."""
    cell = case.cell
    v = cell.parameter_values
    density = case.current / cell.area_cm2 * 1e3  # mA.cm-2
    if density <= 0:
        return math.inf
    hours = cell.basis.nominal_capacity / density
    return (
        math.sqrt(particle_diffusivity(v, 0.5) * hours * 3600) / v["Positive particle radius [m]"]
    )


def particle_diffusivity(values, stoichiometry):
    """The cell's effective CAM diffusivity [m2.s-1] at a stoichiometry and its ambient
    temperature, as the model evaluates it."""
    import pybamm

    T = values["Ambient temperature [K]"]
    symbol = pybamm.FunctionParameter(
        "Positive particle diffusivity [m2.s-1]",
        {"Positive particle stoichiometry": pybamm.Scalar(stoichiometry), "Temperature [K]": T},
    )
    processed = pybamm.ParameterValues(dict(values)).process_symbol(symbol)
    return float(np.asarray(processed.evaluate()).reshape(-1)[0])


def _capacity(outcome):
    sol = outcome.solution
    q = sol["Discharge capacity [A.h]"].entries
    return float(q[-1] - q[0])


def solve_resolved(runner, cases, tolerance=TOLERANCE):
    """Solve ``cases`` with ``runner``, then refine the radial mesh of every successful
    discharge that may be under-resolved.

    Returns
    -------
    outcomes : list of Outcome
        The finest result of each case.
    points : list of int
        Radial points of the mesh each result comes from.
    errors : list of float
        The estimated relative error of each refined result's capacity (NaN where the
        named mesh was adequate and no refinement ran).
    """
    cases = list(cases)
    outcomes = runner.solve(cases)
    points = [runner.mesh.r_p] * len(cases)
    errors = [np.nan] * len(cases)
    todo = [
        i
        for i, case in enumerate(cases)
        if case.kind == "discharge"
        and outcomes[i].ok
        and outcomes[i].solution is not None
        and diffusion_ratio(case) < RESOLVED_POINTS_RATIO / runner.mesh.r_p
    ]
    level = runner
    while todo and level.mesh.r_p < MAX_POINTS:
        level = level.refined(MAX_POINTS)
        finer = level.solve([cases[i] for i in todo])
        still = []
        for i, outcome in zip(todo, finer, strict=True):
            if not outcome.ok or outcome.solution is None:
                why = outcome.message or outcome.termination
                outcomes[i].message = (
                    f"{outcomes[i].message}; " if outcomes[i].message else ""
                ) + f"refinement to {level.mesh.r_p} radial points failed: {why}"
                continue
            q_new, q_old = _capacity(outcome), _capacity(outcomes[i])
            errors[i] = abs(q_new - q_old) / q_new if q_new > 0 else 0.0
            outcomes[i], points[i] = outcome, level.mesh.r_p
            if errors[i] > tolerance:
                still.append(i)
        todo = still
    for i in todo:
        outcomes[i].message = (f"{outcomes[i].message}; " if outcomes[i].message else "") + (
            f"under-resolved: the capacity still changed by {100 * errors[i]:.1f} % between "
            f"the two finest radial meshes ({points[i] // 2} and {points[i]} points)"
        )
    return outcomes, points, errors
