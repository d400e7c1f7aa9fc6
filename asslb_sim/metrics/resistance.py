"""Areal resistance [Ohm.cm2] three ways: DC pulse, charge/discharge, breakdown.

:func:`pulse_resistance` is the one definition of the DC-pulse resistance;
:func:`areal_resistance` (single cells) and design studies both use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..design import load_cell
from ..design.basis import cell_ocv_as_float
from ..simulation import Case, Pulse, Runner

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
        State of charge, current density [mA.cm-2], pulse duration [s], rest and
        mean voltages [V].
    """

    pulse: float
    charge_discharge: float
    breakdown: pd.DataFrame
    settings: dict


def pulse_case(cell, pulse):
    """The :class:`~asslb_sim.simulation.Case` of a DC pulse on ``cell``."""
    state = cell.anode.at_state_of_charge(cell, pulse.soc)
    return Case(cell, state, cell.current(pulse.density(cell)), pulse.duration, kind="hold")


def pulse_resistance(case, outcome):
    """DC-pulse areal resistance [Ohm.cm2] of a solved pulse ``case``:
    ``(U(x_rest) - V(t_p)) / i_p``, with the rest voltage the OCP at the uniform
    starting stoichiometry against the counter electrode. NaN when the pulse
    ended early or failed."""
    if not outcome.ok:
        return float("nan")
    ocv = cell_ocv_as_float(case.cell.parameter_values)(case.state.stoichiometry)
    v_end = float(outcome.solution["Voltage [V]"].entries[-1])
    return (ocv - v_end) / (case.current / case.cell.area_cm2)  # V / (A.cm-2)


def areal_resistance(cell="default", soc=0.5, current_density=None, duration=10.0, mesh=None):
    """Areal resistance of ``cell`` three ways.

    (a) DC pulse: from rest at ``soc`` (uniform CAM stoichiometry), a discharge
    pulse of ``current_density`` [mA.cm-2] (default: 1C) for ``duration`` [s];
    ``R = (V_rest - V(t_p)) / i_p``. (b) From a full charge and a full discharge
    at the same current, ``R = (U_ch - U_dis) / (2 i)`` with U the mean voltages
    (Randau et al. 2020's definition). (c) The breakdown of the pulse overvoltage
    into processes (the model's ``OverpotentialBreakdown``); the parts add up to
    the total. ``mesh``: as in :func:`~asslb_sim.simulate.rate_capability`
    (``"study"`` reproduces a design study's pulse).

    Returns
    -------
    ResistanceResult
    """
    cell = load_cell(cell)
    pulse = Pulse(current_density, duration, soc)
    case = pulse_case(cell, pulse)
    density = pulse.density(cell)
    runner = Runner(mesh=mesh)
    basis = cell.basis
    full_charge = cell.anode.after_charge(cell, basis.usable_capacity)
    t_full = 1.5 * basis.usable_capacity / density * 3600
    discharge = Case(cell, full_charge, case.current, t_full)
    charge = Case(cell, cell.anode.as_built(cell), -case.current, t_full, kind="charge")
    outcomes = runner.solve([case, discharge, charge])
    sol = outcomes[0].solution
    if sol is None:
        from ..errors import CellDefinitionError

        raise CellDefinitionError(f"the pulse failed: {outcomes[0].message}")
    i_cm2 = density * 1e-3  # A.cm-2
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
    for outcome in outcomes[1:]:
        s = outcome.solution
        if s is None:  # reported as NaN; the other methods stand
            mean_v.append(np.nan)
            continue
        q = s["Discharge capacity [A.h]"].entries
        e = s["Discharge energy [W.h]"].entries
        mean_v.append(e[-1] / q[-1] if q[-1] != 0 else np.nan)
    u_dis, u_ch = mean_v
    return ResistanceResult(
        pulse=pulse_resistance(case, outcomes[0]),
        charge_discharge=(u_ch - u_dis) / (2 * i_cm2),
        breakdown=breakdown,
        settings={
            "State of charge": soc,
            "Current density [mA.cm-2]": density,
            "Pulse duration [s]": duration,
            "Rest voltage [V]": cell_ocv_as_float(cell.parameter_values)(case.state.stoichiometry),
            "Mean charge voltage [V]": u_ch,
            "Mean discharge voltage [V]": u_dis,
        },
    )
