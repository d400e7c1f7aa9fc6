"""Fast cycle-life estimates: a few simulated cycles, then Li inventory bookkeeping.

The first cycles are simulated (:class:`~asslb_sim.cycling.life.CycleSeries`) until the
per-cycle behaviour is steady; from the last simulated cycle ``m`` on, every cycle ``n``
is booked in capacities [mA.h.cm-2]:

.. math::
    C_n &= \\rho\\, Q_{n-1} \\qquad \\text{(the charge takes back what the last discharge
    gave, } \\rho = C_m / Q_{m-1}\\text{, which includes the CAM isolated per cycle)}\\\\
    A_n &= R_{n-1} + (1 - \\lambda)\\, C_n \\qquad \\text{(Li on the anode side to strip;}
    \\ \\lambda = \\ell_m / C_m\\text{, the plating loss, } 1 - CE\\text{)}\\\\
    Q_n &= \\min\\left(Q_{cat}\\, d^{\\,n - n_{cat}},\\ A_n,\\ Q_{U,n}\\right), \\qquad
    R_n = A_n - Q_n

with ``R`` the active Li left on the anode after a discharge (the reserve: the excess
foil, or what a slow charge plated and a faster discharge did not strip), ``Q_cat`` the
cathode-limited discharge capacity of the last simulated cycle ``n_cat`` that ended on
the voltage cut-off by its cathode (its "Termination" is "voltage cut-off", not
"voltage cut-off (anode-limited)"; infinite when every simulated discharge ran out of Li:
the cell is Li-limited for good) and ``d`` its fall per cycle: ``1 - beta`` with ``beta`` the CAM
isolated per cycle, or, when ``beta > 0``, the ratio of the last two cut-off-limited
simulated capacities (a rate-limited cathode loses more than its CAM share, the same
current falling on less CAM). While the reserve lasts,
the capacity is the cathode's; once it is gone the capacity is Li-limited and falls by
``(1 - lambda) rho`` per cycle, ``CE`` for a cathode that gives back what it took.

``Q_U`` is where the anode's potential ends a discharge on the cut-off before its Li is
gone. An anode whose equilibrium potential vs Li rises as its Li runs low (an
interlayer: Ag-C stores Li at 1 V vs Li when empty, falling linearly to 0 V as it
fills, :func:`~asslb_sim.parameter_sets.laws.interlayer_potential`) cannot give up its
last Li above the lower cut-off ``V_cut``: that Li stays on the anode side, part of
``R``. The last simulated discharge gives the voltage ``V_m(q)`` and the anode side's
Li ``L_m(q)`` at each discharged capacity ``q``; ``V_m + U_ce(L_m)`` is everything but
the anode's equilibrium potential: the cathode's OCV at its state at ``q`` (each
discharge starts from the same charged cathode, held at the upper cut-off) and the
overpotentials at the discharge current. A booked discharge from ``A_n`` has the same,
on the capacity axis scaled by ``s = d^(n - m)``, with the anode's potential at its own
inventory:

.. math::
    V_n(q) = V_m(q / s) + U_{ce}\\left(L_m(q / s)\\right) - U_{ce}(A_n - q)

and ``Q_U,n`` is the first ``q`` where ``V_n(q) = V_cut`` with the anode's potential
above the simulated one's (linear between the simulated discharge's points; inf if
none: the anode does not end the discharge earlier than it did in cycle ``m``). For a
Li foil or a bare collector ``U_ce = 0`` and ``Q_U`` is inf: their booking is as
without it. The cell's Li then runs out at the cut-off, not at ``L = 0``.

Known limits: the cathode's charged state is the simulated one's, which holds while the
charged anode side holds more Li than its interlayer stores (plated Li on a full
interlayer, at 0 V; the cathode charges further when the interlayer is not full at the
top of charge). With CAM loss (``beta > 0``) on such an anode, ``d`` is read from the
last two simulated capacities that ended on the cut-off, which the anode may already
have ended early, so that it may carry some of the Li fade too (not tested). For the
default cathode on 10 um of Ag-C at CE 0.99 the estimate gives the cycles to 80 % of
full cycling, 97 (benchmarks/bench_cycle.py; 109 without ``Q_U``), and it agrees with
full cycling for Li foils, bare collectors and Ag-C (tests/test_cycling.py).

The discharge energy of a booked cycle is the last simulated discharge's energy up to
its capacity, ``E_n = s E_m(Q_n / s)`` (the capacity axis shrinks with the connected
CAM; the voltage curve keeps its shape), less what the anode's higher potential costs,
``int_0^Q_n [U_ce(A_n - q) - U_ce(L_m(q / s))] dq`` (0 for a Li foil or a bare
collector).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..design import load_cell
from ..design.basis import counter_potential_law
from ..design.cathode import ACTIVE_MATERIAL_LOSS
from ..errors import CellDefinitionError
from ..simulation import Cycle, Runner
from .life import TABLE_COLUMNS, CycleSeries, check_cycles, check_threshold, first_below

# steady per-cycle behaviour: the plating loss per charge and the charge's share of the
# last discharge change by less than these between two simulated cycles
LOSS_TOLERANCE = 0.01
RATIO_TOLERANCE = 0.002
MIN_SIMULATED = 3


@dataclass(frozen=True)
class CycleLifeEstimate:
    """Result of :func:`estimate_cycle_life`.

    Attributes
    ----------
    cycles_to_threshold : float
        The first cycle whose capacity is below ``threshold`` of the first cycle's
        (inf if none within ``max_cycles``).
    threshold : float
        The retention threshold.
    capacity : numpy.ndarray
        Discharge capacity [mA.h.cm-2] of cycles 1, 2, ... (simulated, then booked),
        up to the later of the threshold and ``at_cycle``.
    energy : numpy.ndarray
        Discharge energy [W.h.m-2] of the same cycles.
    simulated : pandas.DataFrame
        The simulated cycles' table (:data:`~asslb_sim.cycling.life.TABLE_COLUMNS`).
    loss_per_cycle : float
        The booked plating loss, a fraction of each charge (``lambda``).
    critical_current_flag : str
        The protocol's currents against the Li|SE critical current density ("" when
        neither exceeds it; :func:`~asslb_sim.cycling.life.critical_current_flag`).
    """

    cycles_to_threshold: float
    threshold: float
    capacity: np.ndarray
    energy: np.ndarray
    simulated: pd.DataFrame
    loss_per_cycle: float
    critical_current_flag: str = ""

    @property
    def retention(self):
        """Capacity retention of every cycle, a fraction of the first cycle's."""
        return self.capacity / self.capacity[0]

    def at(self, n):
        """``(capacity [mA.h.cm-2], energy [W.h.m-2])`` of cycle ``n`` (1-based)."""
        return float(self.capacity[n - 1]), float(self.energy[n - 1])

    def energy_figures(self, n):
        """Specific energy [W.h.kg-1] and energy density [W.h.L-1] of cycle ``n``: its
        energy over the mass and the thickest state of the last simulated cycle (the
        mass does not change; the charged stack's thickness changes only with the CAM
        isolated, since the anode side then holds all the Li the charged cathode does
        not, dead Li included)."""
        last = self.simulated.iloc[-1]
        energy = self.energy[n - 1]
        per = energy / last["Discharge energy [W.h.m-2]"]
        return (
            float(per * last["Specific energy [W.h.kg-1]"]),
            float(per * last["Energy density [W.h.L-1]"]),
        )


class _AnodeLimit:
    """Where a booked discharge ends on the cut-off because the anode side's potential
    rises as its Li runs low (an interlayer's sloping potential; module docstring).

    The last simulated discharge gives the voltage ``V_m(q)`` and the anode side's Li
    ``L_m(q)`` at each capacity ``q``; everything in ``V_m`` but the anode's
    equilibrium potential ``U_ce(L_m)`` (the cathode's OCV at its state at ``q``, and
    the overpotentials at the discharge current) is kept, on the capacity axis scaled
    by ``s`` as the connected CAM shrinks, and ``U_ce`` is taken at the booked
    inventory ``L = A - q`` instead:

    ``V(q) = V_m(q / s) + U_ce(L_m(q / s)) - U_ce(A - q)``.
    """

    def __init__(self, cell, curve, m_per_capacity):
        self.law, self.varies = counter_potential_law(cell.parameter_values)
        self.cut_off = cell.parameter_values["Lower voltage cut-off [V]"]
        self.curve = curve
        self.m_per_capacity = m_per_capacity  # m of Li per mA.h.cm-2
        self.simulated = self.law(curve.anode_lithium) if self.varies else None

    def discharge(self, available, s, bound):
        """The capacity [mA.h.cm-2] of a booked discharge from ``available`` mA.h.cm-2 of
        Li on the anode side, which other limits end at ``bound``, and the energy
        [W.h.m-2] the anode's potential above the simulated one's costs it.

        The capacity is ``bound`` or, if earlier, where the voltage reaches the cut-off
        with the anode's potential above the simulated one's (linear between the last
        point above the cut-off and the first on or below it); the energy is the
        integral of that rise over the capacity (trapezoids on the simulated points).
        """
        q = s * self.curve.capacity
        shift = self.law((available - q) * self.m_per_capacity) - self.simulated
        if not shift.any():  # a plateau: the booked discharge is the simulated one
            return bound, 0.0
        v = self.curve.voltage - shift
        ended = np.flatnonzero((v <= self.cut_off) & (shift > 0))
        capacity = bound
        if ended.size:
            i = ended[0]
            w = 0.0 if i == 0 else (v[i - 1] - self.cut_off) / (v[i - 1] - v[i])
            capacity = min(bound, float(q[max(i - 1, 0)] + w * (q[i] - q[max(i - 1, 0)])))
        grid = np.append(q[q < capacity], capacity)
        lost = 10 * float(np.trapezoid(np.interp(grid, q, shift), grid))  # V mA.h.cm-2
        return capacity, lost


def _steady(rows):
    """Whether the last two simulated cycles lose the same share of their charge and
    take back the same share of the discharge before."""
    if len(rows) < MIN_SIMULATED:
        return False
    a, b, c = rows[-3:]
    loss = [
        r["Lithium lost to inactive [mA.h.cm-2]"] / r["Charge capacity [mA.h.cm-2]"] for r in (b, c)
    ]
    ratio = [
        b["Charge capacity [mA.h.cm-2]"] / a["Discharge capacity [mA.h.cm-2]"],
        c["Charge capacity [mA.h.cm-2]"] / b["Discharge capacity [mA.h.cm-2]"],
    ]
    return (
        abs(loss[1] - loss[0]) <= LOSS_TOLERANCE * max(abs(loss[1]), 1e-12)
        and abs(ratio[1] - ratio[0]) <= RATIO_TOLERANCE * ratio[1]
        and b["Termination"] == c["Termination"]
    )


def estimate_cycle_life(
    cell,
    cycle=None,
    threshold=0.8,
    at_cycle=None,
    max_simulated=12,
    max_cycles=100_000,
    mesh=None,
    rtol=1e-6,
    runner=None,
):
    """Cycles to a retention threshold and the capacity and energy at a cycle, from a
    few simulated cycles and Li bookkeeping (module docstring).

    Parameters
    ----------
    cell : str, Path or Cell
    cycle : Cycle, optional
        The protocol (default :class:`~asslb_sim.simulation.Cycle`'s).
    threshold : float
        Retention threshold, in (0, 1) (default 0.8).
    at_cycle : int, optional
        A cycle whose capacity and energy are wanted (``estimate.at(at_cycle)``).
    max_simulated : int
        At most this many cycles are simulated while waiting for steady behaviour
        (at least 3); the last ones are used even if not yet steady.
    max_cycles : int
        Booking stops here (the threshold is then reported as inf).
    mesh, rtol
        As :func:`~asslb_sim.cycling.life.cycle_life` takes them.
    runner : Runner, optional
        The runner to solve with (studies pass theirs); else one of ``mesh`` and
        ``rtol``.

    Returns
    -------
    CycleLifeEstimate

    Raises
    ------
    CellDefinitionError
        On bad inputs (before any solve), or when a simulated cycle fails.
    """
    cell = load_cell(cell)
    cycle = cycle if cycle is not None else Cycle()
    threshold = check_threshold(threshold)
    max_cycles = check_cycles(max_cycles, "max_cycles")
    max_simulated = check_cycles(max_simulated, "max_simulated")
    if max_simulated < MIN_SIMULATED:
        raise CellDefinitionError(
            f"max_simulated: {max_simulated}; valid range [{MIN_SIMULATED}, 100000]"
        )
    if at_cycle is not None:
        at_cycle = check_cycles(at_cycle, "at_cycle")
    runner = runner if runner is not None else Runner(mesh=mesh, rtol=rtol)
    series = CycleSeries(cell, cycle, runner)
    rows = []
    while len(rows) < max_simulated:
        row = next(series)
        if row["Status"] != "ok":
            raise CellDefinitionError(
                f"cycle {row['Cycle']} failed ({row['Termination']}): {row['Message']}"
            )
        rows.append(row)
        capacity = np.array([r["Discharge capacity [mA.h.cm-2]"] for r in rows])
        done = first_below(capacity / capacity[0], threshold) < math.inf
        if (done and (at_cycle is None or len(rows) >= at_cycle)) or _steady(rows):
            break
    table = pd.DataFrame(rows).reindex(columns=TABLE_COLUMNS)
    capacity = list(table["Discharge capacity [mA.h.cm-2]"])
    energy = list(table["Discharge energy [W.h.m-2]"])
    last, before = rows[-1], rows[-2] if len(rows) > 1 else rows[-1]
    loss = last["Lithium lost to inactive [mA.h.cm-2]"] / last["Charge capacity [mA.h.cm-2]"]
    ratio = last["Charge capacity [mA.h.cm-2]"] / before["Discharge capacity [mA.h.cm-2]"]
    if len(rows) == 1:
        ratio = 1.0
    limited = [r for r in rows if r["Termination"] == "voltage cut-off"]
    q_cat = limited[-1]["Discharge capacity [mA.h.cm-2]"] if limited else math.inf
    n_cat = limited[-1]["Cycle"] if limited else len(rows)
    beta = cell.parameter_values[ACTIVE_MATERIAL_LOSS]
    # the cathode-limited capacity's fall per cycle: 1 - beta, or what the last two
    # cut-off-limited cycles show (a rate-limited cathode loses more than its CAM share:
    # the same current on less CAM)
    decay = 1 - beta
    if beta > 0 and len(limited) > 1 and limited[-2]["Cycle"] == limited[-1]["Cycle"] - 1:
        decay = (
            limited[-1]["Discharge capacity [mA.h.cm-2]"]
            / limited[-2]["Discharge capacity [mA.h.cm-2]"]
        )
    per_um = 1 / (series.m_per_capacity * 1e6)  # mA.h.cm-2 per um of Li
    reserve = last["Active lithium discharged [um]"] * per_um
    curve = series.curves[-1]
    anode = _AnodeLimit(cell, curve, series.m_per_capacity)
    m = len(rows)
    target = max(at_cycle or 0, m)
    n = m
    # whether a cycle so far is below the threshold: checked per booked cycle in constant
    # time (re-scanning the whole history each cycle made booking quadratic)
    limit = threshold * capacity[0]
    crossed = first_below(np.array(capacity) / capacity[0], threshold) < math.inf
    while n < max_cycles and (n < target or not crossed):
        n += 1
        charge = ratio * capacity[-1]
        available = reserve + (1 - loss) * charge
        s = decay ** (n - m)
        q = min(q_cat * decay ** (n - n_cat), available)
        lost = 0.0
        if anode.varies:
            q, lost = anode.discharge(available, s, q)
        reserve = available - q
        crossed = crossed or q < limit
        capacity.append(q)
        energy.append(s * float(np.interp(q / s, curve.capacity, curve.energy)) - lost)
    capacity = np.array(capacity)
    return CycleLifeEstimate(
        cycles_to_threshold=first_below(capacity / capacity[0], threshold),
        threshold=threshold,
        capacity=capacity,
        energy=np.array(energy),
        simulated=table,
        loss_per_cycle=loss,
        critical_current_flag=series.flag,
    )
