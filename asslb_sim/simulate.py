"""Rate capability: discharge curves and a per-C-rate summary from one model build.

:func:`discharge_row` is the one definition of a discharge's summary row
(capacity, energy, duration, termination); single runs and studies both build
their tables with it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .design import CellState, load_cell
from .design.critical_current import (
    check_current,
    critical_current_density,
    join_flags,
    maximum_charge_c_rate,
)
from .errors import CellDefinitionError
from .metrics.bom import bill_of_materials
from .metrics.energy import headline_energy
from .simulation import (
    Case,
    Charge,
    Runner,
    check_c_rates,
    discharge_end_time,
    resolve_charge,
    solve_resolved,
)

__all__ = [
    "Charge",
    "RateCapabilityResult",
    "discharge_row",
    "rate_capability",
    "simulate_charge",
    "start_state",
    "voltage_at",
]

CURVE_COLUMNS = [
    "C-rate",
    "Time [s]",
    "Voltage [V]",
    "Discharge capacity [mA.h.cm-2]",
    "Specific capacity [mA.h.g-1]",
]
EQUILIBRIUM = "equilibrium at the upper cut-off voltage"


@dataclass(frozen=True)
class RateCapabilityResult:
    """Result of :func:`rate_capability`.

    Attributes
    ----------
    curves : pandas.DataFrame
        One row per output time and C-rate: "C-rate", "Time [s]", "Voltage [V]"
        (against the cell's counter electrode), "Discharge capacity [mA.h.cm-2]",
        "Specific capacity [mA.h.g-1]"; against an alloy counter electrode (In/InLi)
        also "Voltage vs Li [V]".
    summary : pandas.DataFrame
        One row per C-rate (see the README for the columns).
    basis : CRateBasis
        The C-rate basis.
    cell_name : str
        Name of the simulated cell.
    start : str
        The state every discharge starts from.
    charge_capacity : float
        Capacity of the simulated charge [mA.h.cm-2] (NaN from equilibrium).
    lithium_at_start : float
        Li-metal thickness at the start of the discharges [m] (the charged,
        thickest state of the cycle).
    voltage_reference : str
        What the voltages are against: "Li", or the alloy counter electrode
        ("In/InLi").
    """

    curves: pd.DataFrame
    summary: pd.DataFrame
    basis: object
    cell_name: str
    start: str = EQUILIBRIUM
    charge_capacity: float = float("nan")
    lithium_at_start: float = float("nan")
    voltage_reference: str = "Li"


def discharge_row(case, outcome, c_rate, bom, charge_flag=""):
    """The summary row of one discharge: capacity and energy counted from its start,
    mean voltage, duration, termination, the headline energy figures from the
    bill of materials ``bom`` (None: leave them out), and the Li|SE critical current
    densities: the highest charge C-rate they allow, and a flag with the reason when
    this discharge strips Li above the stripping CCD or ``charge_flag`` (the reason
    of the charge before it, plating above the plating CCD) is given.
    """
    cell = case.cell
    stripping = check_current(cell, case.current / cell.area_cm2 * 1e3, "stripping")
    row = {
        "C-rate": c_rate,
        "Current density [mA.cm-2]": case.current / cell.area_cm2 * 1e3,
        "Discharge capacity [mA.h.cm-2]": 0.0,
        "Specific capacity [mA.h.g-1]": 0.0,
        "Mean voltage [V]": float("nan"),
        "Discharge energy [W.h.m-2]": 0.0,
        "Duration [h]": 0.0,
        "Termination": outcome.termination,
        "Status": outcome.status,
        "Message": outcome.message,
        "Nominal capacity [mA.h.cm-2]": cell.basis.nominal_capacity,
        "C-rate basis": "user" if cell.nominal_capacity is not None else "computed",
        "Plating critical current density [mA.cm-2]": critical_current_density(cell, "plating"),
        "Stripping critical current density [mA.cm-2]": stripping.limit,
        "Maximum charge C-rate": maximum_charge_c_rate(cell),
        "Critical current flag": join_flags(charge_flag, stripping.message),
    }
    sol = outcome.solution
    if sol is not None:
        q_ah = sol["Discharge capacity [A.h]"].entries
        e_wh = sol["Discharge energy [W.h]"].entries
        q = (q_ah[-1] - q_ah[0]) * 1e3 / cell.area_cm2  # mA.h.cm-2
        energy = (e_wh[-1] - e_wh[0]) / (cell.area_cm2 * 1e-4)  # W.h.m-2
        row.update(
            {
                "Discharge capacity [mA.h.cm-2]": q,
                "Specific capacity [mA.h.g-1]": q / cell.cam_loading,
                # W.h.m-2 / (mA.h.cm-2 * 10 = A.h.m-2) = V
                "Mean voltage [V]": energy / (q * 10) if q > 0 else float("nan"),
                "Discharge energy [W.h.m-2]": energy,
                "Duration [h]": (sol.t[-1] - sol.t[0]) / 3600,
            }
        )
    if bom is not None:
        row.update(headline_energy(bom, row["Discharge energy [W.h.m-2]"], row["Duration [h]"]))
    return row


def discharge_curve(case, outcome, c_rate):
    """Time, voltage and capacity of one discharge (counted from its start)."""
    sol = outcome.solution
    cell = case.cell
    q_ah = sol["Discharge capacity [A.h]"].entries
    q = (q_ah - q_ah[0]) * 1e3 / cell.area_cm2
    curve = pd.DataFrame(
        {
            "C-rate": c_rate,
            "Time [s]": sol["Time [s]"].entries,
            "Voltage [V]": sol["Voltage [V]"].entries,
            "Discharge capacity [mA.h.cm-2]": q,
            "Specific capacity [mA.h.g-1]": q / cell.cam_loading,
        }
    )
    if cell.anode.voltage_reference != "Li":
        # against an alloy counter electrode: the same curve on the Li scale too, plus
        # the counter electrode's potential at its Li content of the moment
        curve["Voltage vs Li [V]"] = sol["Voltage vs Li [V]"].entries
    return curve


def start_state(cell, charge, runner):
    """The state every discharge of a rate test starts from, and how it was reached.

    Returns ``(state, description, charge capacity [mA.h.cm-2], flag)``: the charged
    equilibrium of the design (no ``charge``), or the end of a simulated charge
    from as built, relaxed to equilibrium; ``flag`` is the reason when the charge
    plated Li above the plating critical current density ("" otherwise).
    """
    if charge is None:
        return cell.anode.charged(cell), EQUILIBRIUM, float("nan"), ""
    result = runner.charge(cell, charge)
    if not result.outcome.ok:
        raise CellDefinitionError(f"charge: the charge failed: {result.outcome.message}")
    upper = cell.parameter_values["Upper voltage cut-off [V]"]
    description = (
        f"after a simulated charge ({'; '.join(charge.steps(upper))}): "
        f"{result.capacity:.4g} mA.h.cm-2 charged, relaxed to equilibrium"
    )
    flag = result.critical_current.message
    return result.state, description, result.capacity, f"charge: {flag}" if flag else ""


def rate_capability(
    cell="default", c_rates=(0.1, 0.5, 1, 2), mesh=None, progress=False, charge="auto", start=None
):
    """Constant-current discharges at several C-rates from one model build.

    Each discharge starts from the same state: the charged equilibrium of the
    design (CAM stoichiometry uniform at its upper-cut-off value, the Li of the
    design), or the end of a simulated CC-CV charge from the as-built state
    relaxed to equilibrium (``charge``), or a given ``start``; it runs until the
    lower cut-off voltage or until the Li metal is exhausted.

    Parameters
    ----------
    cell : str, Path or Cell
        A preset name, a TOML cell file or a :class:`~asslb_sim.design.Cell`.
    c_rates : sequence of float
        C-rates against the cell's basis (``cell.basis``), each in (0, 100].
    mesh : Mesh, str or dict, optional
        A :class:`~asslb_sim.models.Mesh`, a name in ``MESHES`` (``"single-run"``,
        the default, or ``"study"``) or a dict of Mesh fields that replace the
        default's (``{"r_p": 50}``).
    progress : bool
        Show a progress bar over the C-rates.
    charge : Charge, None or "auto"
        ``None``: start from equilibrium; a :class:`Charge`: start after it;
        ``"auto"`` (default): equilibrium for Li-metal cells, ``Charge()`` (C/10
        CC-CV to C/50, as in Lee et al. 2020 [Pd]) for anode-free cells, which
        hold no Li until charged.
    start : CellState, optional
        Start every discharge from this state instead (no charge): for example
        a Li-metal cell with less Li left than its cathode's window.

    Returns
    -------
    RateCapabilityResult
    """
    rates = check_c_rates(c_rates)
    cell = load_cell(cell)
    runner = Runner(mesh=mesh)
    if start is not None:
        if not isinstance(start, CellState):
            raise CellDefinitionError(f"start: {start!r} is not a CellState")
        state, description, charge_capacity = start, f"the given state {start}", float("nan")
        charge_flag = ""
    else:
        charge = resolve_charge(charge, cell)
        state, description, charge_capacity, charge_flag = start_state(cell, charge, runner)
    bom = bill_of_materials(cell, charge_capacity=charge_capacity)
    cases = []
    for c in rates:
        density = c * cell.basis.nominal_capacity  # mA.cm-2
        cases.append(
            Case(cell, state, cell.current(density), discharge_end_time(cell, state, density))
        )
    iterator = zip(rates, cases, strict=True)
    if progress:
        from tqdm import tqdm

        iterator = tqdm(list(iterator), desc="C-rates", unit="rate")
    rows, curves = [], []
    for c, case in iterator:
        (outcome,), (points,), (error,) = solve_resolved(runner, [case])
        row = discharge_row(case, outcome, c, bom, charge_flag)
        row["Radial points"] = points
        row["Radial error estimate [%]"] = 100 * error
        row["Charge capacity [mA.h.cm-2]"] = charge_capacity
        row["Lithium metal at start [um]"] = state.lithium_thickness * 1e6
        rows.append(row)
        if outcome.solution is not None:
            curves.append(discharge_curve(case, outcome, c))
    curves = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(columns=CURVE_COLUMNS)
    return RateCapabilityResult(
        curves,
        pd.DataFrame(rows),
        cell.basis,
        cell.name,
        description,
        charge_capacity,
        state.lithium_thickness,
        cell.anode.voltage_reference,
    )


def simulate_charge(cell, charge, mesh=None):
    """Charge ``cell`` from its as-built state with the ``charge`` protocol.

    Returns
    -------
    pybamm.Solution
        The charge (a PyBaMM experiment solution, every variable); its last state
        is the start of the discharges (relaxed to equilibrium).
    """
    cell = load_cell(cell)
    result = Runner(mesh=mesh).charge(cell, charge)
    if result.outcome.solution is None:
        raise CellDefinitionError(f"charge: the charge failed: {result.outcome.message}")
    return result.outcome.solution


def voltage_at(result, c_rate, capacity):
    """Interpolate the discharge voltage [V] of one C-rate at areal capacities."""
    curve = result.curves[result.curves["C-rate"] == c_rate]
    return np.interp(capacity, curve["Discharge capacity [mA.h.cm-2]"], curve["Voltage [V]"])
