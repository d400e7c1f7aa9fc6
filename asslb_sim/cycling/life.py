"""Cycling a cell: N charge-discharge cycles on one build, each from the previous end state.

Every cycle runs through :meth:`~asslb_sim.simulation.Runner.cycle` (a PyBaMM
experiment of one :class:`~asslb_sim.simulation.Cycle` on one cached build) and starts
from the full end state of the cycle before (every state of the model: the CAM's
concentration profiles, the active and inactive Li), not a relaxed approximation.
Cells are built discharged, so the first cycle charges from the as-built state.

Li losses per cycle:

- at the anode, the model's plating law: every charge keeps ``CE`` of the Li it
  plates, ``1 - CE`` becomes inactive Li (:class:`~asslb_sim.models.submodels.
  lithium_metal.LithiumMetalAnode`; an anode-free cell's interlayer also takes its
  first-charge loss);
- at the cathode, optionally, a fraction ``beta`` of the connected CAM
  (``cathode.active_material_loss_per_cycle``) is isolated at the end of each cycle,
  at the discharged state, with the Li it holds:
  ``1 - f_iso,n+1 = (1 - f_iso,n)(1 - beta)``.

So the cell's Li (CAM, active and inactive Li) changes only by the Li isolated with the
CAM: ``n_total(start of n + 1) = n_total(end of n) - beta n_CAM(end of n)``, which
:func:`cycle_life` books in "Lithium isolated in the cathode [mA.h.cm-2]" (a test
closes the balance to the solver's tolerance over 100 cycles).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..design import load_cell
from ..design.anodes import INACTIVE_VARIABLE, LITHIUM_VARIABLE, F
from ..design.cathode import ACTIVE_MATERIAL_LOSS
from ..errors import CellDefinitionError
from ..metrics.bom import bill_of_materials
from ..metrics.energy import headline_energy
from ..simulation import Cycle, Runner
from ..simulation.runner import ISOLATED

MAX_CYCLES = 100_000
TABLE_COLUMNS = [
    "Cycle",
    "Charge capacity [mA.h.cm-2]",
    "Discharge capacity [mA.h.cm-2]",
    "Coulombic efficiency [%]",
    "Capacity retention [%]",
    "Discharge energy [W.h.m-2]",
    "Energy retention [%]",
    "Mean voltage [V]",
    "Specific energy [W.h.kg-1]",
    "Energy density [W.h.L-1]",
    "Energy level",
    "Active lithium charged [um]",
    "Active lithium discharged [um]",
    "Inactive lithium [um]",
    "Stack thickness charged [um]",
    "Stack thickness discharged [um]",
    "Thickness swing [um]",
    "Isolated active material fraction",
    "Lithium lost to inactive [mA.h.cm-2]",
    "Lithium isolated in the cathode [mA.h.cm-2]",
    "Total lithium [mA.h.cm-2]",
    "Termination",
    "Critical current flag",
    "Status",
    "Message",
]
# a discharge that ends on the lower cut-off because the anode's potential rose (an
# interlayer or alloy giving up its last Li) rather than the cathode's OCP falling: the
# counter electrode's potential rose by more than this during the discharge [V]
ANODE_LIMITED_RISE = 0.05
ANODE_LIMITED = "voltage cut-off (anode-limited)"


def cycles_to_column(threshold):
    """The name of the cycles-to-threshold output, e.g. "Cycles to 80 % [-]" (one
    spelling for the command, the estimate and studies)."""
    return f"Cycles to {100 * threshold:g} % [-]"


def critical_current_flag(cell, cycle):
    """The flag of ``cycle``'s currents against ``cell``'s Li|SE critical current
    density: its charge plating and its discharge stripping, each at its constant
    current (the CV hold's current is lower); "" when neither exceeds the CCD."""
    from ..design.critical_current import check_current, join_flags

    one_c = cell.basis.nominal_capacity  # mA.cm-2 at 1C
    return join_flags(
        check_current(cell, cycle.charge_c_rate * one_c, "plating").message,
        check_current(cell, cycle.discharge_c_rate * one_c, "stripping").message,
    )


def check_cycles(cycles, where="cycles"):
    """A number of cycles as an int in [1, 100000]; a clear error otherwise."""
    if not (
        isinstance(cycles, numbers.Integral)
        and not isinstance(cycles, bool)
        and 1 <= cycles <= MAX_CYCLES
    ):
        raise CellDefinitionError(
            f"{where}: {cycles!r}; valid range [1, {MAX_CYCLES}] (a whole number)"
        )
    return int(cycles)


def check_threshold(threshold, where="threshold"):
    """A retention threshold as a fraction in (0, 1); a clear error otherwise."""
    if not (
        isinstance(threshold, numbers.Real)
        and not isinstance(threshold, bool)
        and math.isfinite(threshold)
        and 0 < threshold < 1
    ):
        raise CellDefinitionError(f"{where}: {threshold!r}; valid range (0, 1)")
    return float(threshold)


@dataclass(frozen=True)
class CycleLifeResult:
    """Result of :func:`cycle_life`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per cycle, the columns of :data:`TABLE_COLUMNS`.
    cycle : Cycle
        The protocol.
    name : str
        The cell's name.
    """

    table: pd.DataFrame
    cycle: Cycle
    name: str

    def cycles_to(self, threshold=0.8):
        """The first cycle whose discharge capacity is below ``threshold`` of the first
        cycle's, or inf if none of the simulated cycles is."""
        return first_below(self.table["Capacity retention [%]"].to_numpy() / 100, threshold)


def first_below(retention, threshold):
    """The first cycle (1-based) whose retention is below ``threshold``, else inf."""
    below = np.flatnonzero(np.asarray(retention) < threshold)
    return float(below[0] + 1) if below.size else math.inf


@dataclass(frozen=True)
class DischargeCurve:
    """One cycle's discharge, point by point, from its start.

    Attributes
    ----------
    capacity : numpy.ndarray
        Capacity discharged [mA.h.cm-2].
    energy : numpy.ndarray
        Cumulative discharge energy [W.h.m-2].
    voltage : numpy.ndarray
        Cell voltage [V].
    anode_lithium : numpy.ndarray
        Active Li on the anode side [m] (``"Lithium metal thickness [m]"``).
    """

    capacity: np.ndarray
    energy: np.ndarray
    voltage: np.ndarray
    anode_lithium: np.ndarray


class CycleSeries:
    """Cycles of one cell run one after the other, each from the previous end state.

    Iterating yields one row per cycle (:data:`TABLE_COLUMNS`) and keeps each cycle's
    discharge in :attr:`curves` (a :class:`DischargeCurve`, None for a failed cycle),
    for the fast estimate.
    """

    def __init__(self, cell, cycle, runner):
        self.cell = cell
        self.cycle = cycle
        self.runner = runner
        v = cell.parameter_values
        self.bom = bill_of_materials(cell)
        full = cell.anode.after_charge(cell, cell.basis.usable_capacity)
        # Li the bill of materials counts on the anode side besides the model's active and
        # inactive Li (the alloy host's Li below its plateau; 0 for Li metal, anode-free)
        self._offset = self.bom.anode_lithium - (
            full.lithium_thickness + full.inactive_lithium_thickness
        )
        self._beta = v[ACTIVE_MATERIAL_LOSS]
        self._per_mol = F / 3.6 / cell.area_cm2  # mA.h.cm-2 per mol
        self.m_per_capacity = 3.6e4 / (
            F * v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]
        )
        self.isolated = v[ISOLATED]
        self.isolated_lithium = 0.0  # mA.h.cm-2, cumulative
        self.first = None  # (capacity, energy) of cycle 1
        self.flag = critical_current_flag(cell, cycle)
        self.curves = []
        self._previous = None
        self.number = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.number += 1
        step = self.runner.cycle(
            self.cell, self.cycle, previous=self._previous, isolated=self.isolated
        )
        outcome = step.outcome
        if not outcome.ok:
            self.curves.append(None)
            return {
                "Cycle": self.number,
                "Termination": outcome.termination,
                "Critical current flag": self.flag,
                "Status": "failed",
                "Message": outcome.message,
            }
        row = self._row(outcome)
        # isolate CAM (with its Li) at the end of the cycle, for the next one
        cam = float(outcome.solution["Total lithium in positive electrode [mol]"].entries[-1])
        self.isolated_lithium += self._beta * cam * self._per_mol
        self.isolated = 1 - (1 - self.isolated) * (1 - self._beta)
        self._previous = step
        return row

    def _row(self, outcome):
        discharge = outcome.solution.steps[-1]
        q_start = _first(outcome.solution, "Discharge capacity [A.h]")
        q_charged = _first(discharge, "Discharge capacity [A.h]")
        q = discharge["Discharge capacity [A.h]"].entries
        e = discharge["Discharge energy [W.h]"].entries
        area = self.cell.area_cm2
        charge_capacity = (q_start - q_charged) * 1e3 / area
        capacity = (q[-1] - q[0]) * 1e3 / area
        energy = (e[-1] - e[0]) * 1e4 / area  # W.h.m-2
        self.curves.append(
            DischargeCurve(
                (q - q[0]) * 1e3 / area,
                (e - e[0]) * 1e4 / area,
                discharge["Voltage [V]"].entries,
                discharge[LITHIUM_VARIABLE].entries,
            )
        )
        if self.first is None:
            self.first = (capacity, energy)
        active_charged = _first(discharge, LITHIUM_VARIABLE)
        active = float(discharge[LITHIUM_VARIABLE].entries[-1])
        inactive_start = _first(outcome.solution, INACTIVE_VARIABLE)
        inactive = float(discharge[INACTIVE_VARIABLE].entries[-1])
        charged = active_charged + inactive + self._offset
        discharged = active + inactive + self._offset
        thick = self.bom.with_anode_lithium(max(charged, discharged))
        hours = (discharge.t[-1] - discharge.t[0]) / 3600
        headline = headline_energy(thick, energy, hours)
        total = float(discharge["Total lithium [mol]"].entries[-1]) * self._per_mol
        stack_charged = self.bom.with_anode_lithium(charged).stack_thickness
        stack_discharged = self.bom.with_anode_lithium(discharged).stack_thickness
        return {
            "Cycle": self.number,
            "Charge capacity [mA.h.cm-2]": charge_capacity,
            "Discharge capacity [mA.h.cm-2]": capacity,
            "Coulombic efficiency [%]": 100 * capacity / charge_capacity
            if charge_capacity > 0
            else math.nan,
            "Capacity retention [%]": 100 * capacity / self.first[0] if self.first[0] else math.nan,
            "Discharge energy [W.h.m-2]": energy,
            "Energy retention [%]": 100 * energy / self.first[1] if self.first[1] else math.nan,
            "Mean voltage [V]": energy / capacity / 10 if capacity > 0 else math.nan,
            "Specific energy [W.h.kg-1]": headline["Specific energy [W.h.kg-1]"],
            "Energy density [W.h.L-1]": headline["Energy density [W.h.L-1]"],
            "Energy level": headline["Energy level"],
            "Active lithium charged [um]": active_charged * 1e6,
            "Active lithium discharged [um]": active * 1e6,
            "Inactive lithium [um]": inactive * 1e6,
            "Stack thickness charged [um]": stack_charged * 1e6,
            "Stack thickness discharged [um]": stack_discharged * 1e6,
            "Thickness swing [um]": (stack_charged - stack_discharged) * 1e6,
            "Isolated active material fraction": self.isolated,
            "Lithium lost to inactive [mA.h.cm-2]": (inactive - inactive_start)
            / self.m_per_capacity,
            "Lithium isolated in the cathode [mA.h.cm-2]": self.isolated_lithium,
            "Total lithium [mA.h.cm-2]": total,
            "Termination": _termination(outcome.termination, discharge),
            "Critical current flag": self.flag,
            "Status": "ok",
            "Message": outcome.message,
        }


def _termination(termination, discharge):
    """How a discharge ended: a lower cut-off reached because the counter electrode's
    potential rose (:data:`ANODE_LIMITED_RISE`: the anode ran short of Li it can give up
    above the cut-off) is told from one reached because the cathode's OCP fell."""
    if termination != "voltage cut-off":
        return termination
    u = discharge["Counter electrode potential vs Li [V]"].entries
    return ANODE_LIMITED if u[-1] - u[0] > ANODE_LIMITED_RISE else termination


def _first(solution, name):
    return float(solution[name].entries[0])


def cycle_life(cell, cycles=100, cycle=None, mesh=None, rtol=1e-6, stop_below=None, progress=None):
    """Cycle ``cell`` ``cycles`` times with ``cycle`` (default: :class:`Cycle`'s).

    Parameters
    ----------
    cell : str, Path or Cell
        Preset name, TOML file or cell.
    cycles : int
        Cycles to run, in [1, 100000].
    cycle : Cycle, optional
        The protocol of every cycle.
    mesh : str, dict or Mesh, optional
        As :func:`~asslb_sim.simulate.rate_capability` takes it (default "single-run").
    rtol : float
        Relative tolerance of the solver.
    stop_below : float, optional
        Stop after the first cycle whose capacity retention is below this fraction.
    progress : callable, optional
        Called with each row as it is computed (a progress bar).

    Returns
    -------
    CycleLifeResult
        A cycle that fails is a row with its status and message, and ends the test.
    """
    cell = load_cell(cell)
    cycles = check_cycles(cycles)
    cycle = cycle if cycle is not None else Cycle()
    if not isinstance(cycle, Cycle):
        raise CellDefinitionError(f"cycle: {cycle!r} is not a Cycle protocol")
    if stop_below is not None:
        stop_below = check_threshold(stop_below, "stop_below")
    series = CycleSeries(cell, cycle, Runner(mesh=mesh, rtol=rtol))
    rows = []
    for _ in range(cycles):
        row = next(series)
        rows.append(row)
        if progress is not None:
            progress(row)
        if row["Status"] != "ok":
            break
        if stop_below is not None and row["Capacity retention [%]"] < 100 * stop_below:
            break
    table = pd.DataFrame(rows).reindex(columns=TABLE_COLUMNS)
    return CycleLifeResult(table, cycle, getattr(cell, "name", "cell"))
