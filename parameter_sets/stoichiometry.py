"""Equilibrium stoichiometry of an electrode at a given open-circuit voltage."""

import numpy as np


def stoichiometry_at_voltage(ocp, voltage, lower=1e-6, upper=1 - 1e-6, tol=1e-12):
    """Solve ``ocp(sto) = voltage`` for a decreasing OCP by bisection.

    Parameters
    ----------
    ocp : callable
        Open-circuit potential [V] as a function of stoichiometry; must accept
        floats and decrease monotonically on ``[lower, upper]``.
    voltage : float
        Target open-circuit voltage [V].
    lower, upper : float
        Bracket of the stoichiometry.
    tol : float
        Absolute tolerance on the stoichiometry.

    Returns
    -------
    float
        The stoichiometry at which the OCP equals ``voltage``.

    Raises
    ------
    ValueError
        If ``voltage`` lies outside the OCP range on the bracket.
    """
    u_lo, u_hi = float(ocp(lower)), float(ocp(upper))
    if not (min(u_lo, u_hi) <= voltage <= max(u_lo, u_hi)):
        raise ValueError(
            f"voltage {voltage} V is outside the OCP range "
            f"[{min(u_lo, u_hi):.4f}, {max(u_lo, u_hi):.4f}] V of this material"
        )
    a, b = lower, upper
    while b - a > tol:
        mid = 0.5 * (a + b)
        if (float(ocp(mid)) - voltage) * (u_lo - voltage) > 0:
            a = mid
        else:
            b = mid
    return float(np.clip(0.5 * (a + b), lower, upper))
