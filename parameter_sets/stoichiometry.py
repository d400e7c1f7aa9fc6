"""Equilibrium stoichiometry of an electrode at a given open-circuit voltage."""

import numpy as np
from scipy.optimize import brentq


def stoichiometry_at_voltage(ocp, voltage, lower=1e-6, upper=1 - 1e-6, tol=1e-12):
    """Solve ``ocp(sto) = voltage`` for a monotonic OCP (Brent's method).

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
    if voltage == u_lo:
        return float(lower)
    if voltage == u_hi:
        return float(upper)
    root = brentq(lambda sto: float(ocp(sto)) - voltage, lower, upper, xtol=tol, rtol=1e-15)
    return float(np.clip(root, lower, upper))


def usable_window(values):
    """The CAM's usable stoichiometry window and the cyclable Li it holds.

    Parameters
    ----------
    values : mapping
        Parameter values (PyBaMM names) with the OCP, the cut-off voltages, the
        CAM volume fraction, its isolated fraction, the cathode thickness and the
        maximum concentration.

    Returns
    -------
    x_charged, x_discharged : float
        Equilibrium stoichiometry at the upper and at the lower cut-off voltage.
    moles : float
        Li exchanged over that window by the connected CAM [mol.m-2].

    Raises
    ------
    ValueError
        If a cut-off lies outside the OCP's range.
    """
    ocp = values["Positive electrode OCP [V]"]

    def as_float(sto):
        u = ocp(sto)
        return float(u.evaluate()) if hasattr(u, "evaluate") else float(u)

    x_charged = stoichiometry_at_voltage(as_float, values["Upper voltage cut-off [V]"])
    x_discharged = stoichiometry_at_voltage(as_float, values["Lower voltage cut-off [V]"])
    eps_active = values["Positive electrode active material volume fraction"] * (
        1 - values["Positive electrode isolated active material fraction"]
    )
    moles = (
        eps_active
        * values["Positive electrode thickness [m]"]
        * values["Maximum concentration in positive electrode [mol.m-3]"]
        * (x_discharged - x_charged)
    )
    return x_charged, x_discharged, moles
