"""Areal resistance [Ohm.cm2] three ways: DC pulse, charge/discharge, breakdown."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cell import load_cell
from .energy import li_thickness_per_capacity
from .errors import CellDefinitionError

BREAKDOWN = {  # label -> model variable (each positive when it costs voltage)
    "Separator ohmic": "Separator ohmic overvoltage [V]",
    "Cathode ionic": "Cathode ionic overvoltage [V]",
    "Cathode electronic": "Cathode electronic overvoltage [V]",
    "Cathode charge transfer": "Cathode charge-transfer overvoltage [V]",
    "Cathode film": "Cathode film overvoltage [V]",
    "Li interface kinetics": "Lithium metal interface kinetic overvoltage [V]",
    "Li interphase": "Lithium metal interphase overvoltage [V]",
    "Solid diffusion and OCP spread": "Cathode solid diffusion and OCP spread overvoltage [V]",
}


@dataclass(frozen=True)
class ResistanceResult:
    """Result of :func:`areal_resistance`.

    Attributes
    ----------
    pulse : float
        DC-pulse resistance (V_rest - V(t_p)) / i_p [Ohm.cm2].
    charge_discharge : float
        (U_ch - U_dis) / (2 i) from mean voltages of a full charge and a full
        discharge at the same current [Ohm.cm2] (NaN when either fails).
    breakdown : pandas.DataFrame
        "Process", "Overvoltage [V]", "Areal resistance [Ohm.cm2]" at the end of
        the pulse, plus a "Total" row (U(x_avg) - V).
    settings : dict
        State of charge, current density [mA.cm-2], pulse duration [s].
    """

    pulse: float
    charge_discharge: float
    breakdown: pd.DataFrame
    settings: dict


def _check(name, value, low, high, unit):
    if not (isinstance(value, (int, float)) and low < value <= high):
        raise CellDefinitionError(
            f"{name}: {value!r} is out of range; valid range ({low:g}, {high:g}] {unit}"
        )


def areal_resistance(cell="default", soc=0.5, current_density=None, duration=10.0, mesh=None):
    """Areal resistance of ``cell`` three ways.

    (a) DC pulse: from rest at ``soc`` (uniform CAM stoichiometry), a discharge
    pulse of ``current_density`` [mA.cm-2] (default: 1C) for ``duration`` [s];
    ``R = (V_rest - V(t_p)) / i_p``. (b) From a full charge and a full discharge
    at the same current, ``R = (U_ch - U_dis) / (2 i)`` with U the mean
    voltages (Randau et al. 2020's definition). (c) The breakdown of the pulse
    overvoltage into processes (see the model's ``OverpotentialBreakdown``); the
    parts add up to the total. ``mesh``: as in
    :func:`~asslb_sim.simulate.rate_capability` (``"study"`` reproduces a design
    study's pulse).

    Returns
    -------
    ResistanceResult
    """
    import pybamm

    from .simulate import (
        INITIAL_CONCENTRATION,
        INITIAL_PLATED,
        _area_cm2,
        c_rate_basis,
        prepare,
    )

    cell = load_cell(cell)
    _check("soc", soc, 0, 1, "")
    _check("duration", duration, 0, 36000, "s")
    basis = c_rate_basis(cell)
    if current_density is None:
        current_density = basis.nominal_capacity
    _check("current_density", current_density, 0, 1e4, "mA.cm-2")
    sim, basis, values = prepare(cell, mesh, initial_state_input=True)
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    area = _area_cm2(cell.parameter_values)
    current = current_density * area * 1e-3
    x_rest = basis.stoichiometry_charged + (1 - soc) * (
        basis.stoichiometry_discharged - basis.stoichiometry_charged
    )
    anode_free = cell.model_options.get("anode") == "anode-free"
    v = cell.parameter_values
    # anode-free: the Li plated by a full charge at the plating efficiency, less the
    # Li stripped down to the state of charge
    window = basis.usable_capacity * li_thickness_per_capacity(v)
    ce = v.get("Lithium plating Coulombic efficiency", 1.0)

    def inputs(current, x0, plated):
        values_in = {"Current function [A]": current, INITIAL_CONCENTRATION: x0 * c_max}
        if anode_free:
            values_in[INITIAL_PLATED] = plated
        return values_in

    plated_rest = window * (ce - (1 - soc))
    if anode_free and plated_rest <= 0:
        raise CellDefinitionError(
            f"soc: {soc} is below the plated Li of this anode-free cell (CE {ce:g}); "
            f"valid range ({1 - ce:g}, 1]"
        )
    sol = sim.solve([0, duration], inputs=inputs(current, x_rest, plated_rest))
    ocp = values["Positive electrode OCP [V]"]
    v_rest = float(ocp(x_rest))
    v_end = float(sol["Voltage [V]"].entries[-1])
    i_cm2 = current_density * 1e-3  # A.cm-2
    pulse = (v_rest - v_end) / i_cm2
    rows = [
        (label, float(sol[name].entries[-1]), float(sol[name].entries[-1]) / i_cm2)
        for label, name in BREAKDOWN.items()
    ]
    total = float(sol["Total overvoltage [V]"].entries[-1])
    rows.append(("Total", total, total / i_cm2))
    breakdown = pd.DataFrame(
        rows, columns=["Process", "Overvoltage [V]", "Areal resistance [Ohm.cm2]"]
    )
    mean_v = []
    for sign, x0, plated in (
        (1, basis.stoichiometry_charged, window * ce),
        (-1, basis.stoichiometry_discharged, 0.0),
    ):
        t_end = 1.5 * basis.usable_capacity / current_density * 3600
        try:
            s = sim.solve([0, t_end], inputs=inputs(sign * current, x0, plated))
        except pybamm.SolverError:  # reported as NaN; the other methods stand
            mean_v.append(np.nan)
            continue
        q = s["Discharge capacity [A.h]"].entries
        e = s["Discharge energy [W.h]"].entries
        mean_v.append(e[-1] / q[-1] if q[-1] != 0 else np.nan)
    u_dis, u_ch = mean_v
    charge_discharge = (u_ch - u_dis) / (2 * i_cm2)
    return ResistanceResult(
        pulse=pulse,
        charge_discharge=charge_discharge,
        breakdown=breakdown,
        settings={
            "State of charge": soc,
            "Current density [mA.cm-2]": current_density,
            "Pulse duration [s]": duration,
            "Rest voltage [V]": v_rest,
            "Mean charge voltage [V]": u_ch,
            "Mean discharge voltage [V]": u_dis,
        },
    )
