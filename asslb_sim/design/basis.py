"""The usable window of the CAM and what 1C means for a cell.

The usable window is the equilibrium CAM stoichiometry between the upper and
the lower cut-off voltage; the nominal capacity is the connected CAM times that
window, unless the cell states its own. Both are computed once per cell
(:attr:`asslb_sim.design.Cell.basis`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from ..errors import CellDefinitionError
from ..parameter_sets.constants import F

# the counter electrode's equilibrium potential vs Li, a function of its Li inventory
# (0 for Li metal; In/InLi's against its Li content, 0.622 V on its plateau)
COUNTER_POTENTIAL = "Counter electrode potential vs Li [V]"
# the potential vs Li of the reference the cell's voltages and cut-offs are stated
# against (0 for Li metal and anode-free cells, In/InLi's plateau 0.622 V); the CAM's
# OCP is against Li
REFERENCE_POTENTIAL = "Voltage reference potential vs Li [V]"


def stoichiometry_at_voltage(ocp, voltage, lower=1e-6, upper=1 - 1e-6, tol=1e-12):
    """Solve ``ocp(sto) = voltage`` for a monotonic OCP (Brent's method).

    Raises
    ------
    ValueError
        If ``voltage`` lies outside the OCP range on ``[lower, upper]``.
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


def ocp_as_float(values):
    """The cell's OCP as a function of stoichiometry returning floats."""
    ocp = values["Positive electrode OCP [V]"]

    def as_float(sto):
        u = ocp(sto)
        return float(u.evaluate()) if hasattr(u, "evaluate") else float(u)

    return as_float


def cell_ocv_as_float(values):
    """The cell's open-circuit voltage against its voltage reference as a function of
    the CAM stoichiometry: the OCP minus the reference's potential vs Li (a counter
    electrode on its plateau, or Li plated on a full interlayer)."""
    ocp, offset = ocp_as_float(values), values.get(REFERENCE_POTENTIAL, 0.0)

    def as_float(sto):
        return ocp(sto) - offset

    return as_float


def counter_potential_law(values):
    """The counter electrode's equilibrium potential vs Li [V] as the model evaluates
    it (``"Counter electrode potential vs Li [V]"``), a function of the anode side's
    active Li inventory [m] that maps a numpy array to an array of the same shape,
    and whether it varies with the inventory (False for Li metal and a bare
    collector, whose potential is a constant 0 V).
    """
    import pybamm

    inventory = pybamm.StateVector(slice(0, 1))  # evaluated on a row of inventories
    symbol = pybamm.FunctionParameter(COUNTER_POTENTIAL, {"Lithium metal thickness [m]": inventory})
    processed = pybamm.ParameterValues(dict(values)).process_symbol(symbol)

    def potential(lithium):
        lithium = np.asarray(lithium, dtype=float)
        out = np.asarray(processed.evaluate(y=lithium.reshape(1, -1)), dtype=float).reshape(-1)
        return np.full(lithium.shape, out[0]) if out.size == 1 else out.reshape(lithium.shape)

    return potential, not processed.is_constant()


def usable_window(values):
    """The CAM's usable stoichiometry window and the cyclable Li it holds.

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
    ocv = cell_ocv_as_float(values)  # the cut-offs are against the counter electrode
    x_charged = stoichiometry_at_voltage(ocv, values["Upper voltage cut-off [V]"])
    x_discharged = stoichiometry_at_voltage(ocv, values["Lower voltage cut-off [V]"])
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


@dataclass(frozen=True)
class CRateBasis:
    """What 1C means for a cell.

    Attributes
    ----------
    nominal_capacity : float
        Nominal areal capacity [mA.h.cm-2]; 1C = this many mA.cm-2.
    usable_capacity : float
        Connected CAM loading times its usable window [mA.h.cm-2] (equals the
        nominal capacity unless the user gave one).
    method : str
        How it was obtained, in words.
    stoichiometry_charged, stoichiometry_discharged : float
        CAM stoichiometry window at the upper and lower cut-off (equilibrium).
    """

    nominal_capacity: float
    usable_capacity: float
    method: str
    stoichiometry_charged: float
    stoichiometry_discharged: float

    def fill_capacity(self, stoichiometry):
        """Capacity [mA.h.cm-2] the connected CAM can still take up from a uniform
        ``stoichiometry``: all of it filled to x = 1."""
        window = self.stoichiometry_discharged - self.stoichiometry_charged
        return self.usable_capacity * (1 - stoichiometry) / window


def compute_basis(values, nominal_capacity=None):
    """The :class:`CRateBasis` of parameter ``values`` (user ``nominal_capacity`` in
    mA.h.cm-2, or None to compute it)."""
    if not callable(values["Positive electrode OCP [V]"]):
        raise CellDefinitionError(
            "Positive electrode OCP [V] must be a function of stoichiometry, got "
            f"{values['Positive electrode OCP [V]']!r}"
        )
    try:
        x_charged, x_discharged, moles = usable_window(values)
    except ValueError as exc:
        raise CellDefinitionError(f"voltage cut-off: {exc}") from None
    computed = moles * F / 3600 * 0.1  # mol.m-2 -> A.h.m-2 -> mA.h.cm-2
    if nominal_capacity is not None:
        return CRateBasis(
            nominal_capacity,
            computed,
            f"given by the user ({nominal_capacity:.4g} mA.h.cm-2; the CAM loading "
            f"and window x = {x_charged:.3f}-{x_discharged:.3f} would give "
            f"{computed:.4g} mA.h.cm-2)",
            x_charged,
            x_discharged,
        )
    method = (
        "computed from the connected CAM loading and its equilibrium stoichiometry "
        f"window x = {x_charged:.4f}-{x_discharged:.4f} between "
        f"{values['Upper voltage cut-off [V]']} V and {values['Lower voltage cut-off [V]']} V"
    )
    return CRateBasis(computed, computed, method, x_charged, x_discharged)
