"""Evaluating a chunk of designs: the unit of work of every executor.

Every design is composed and validated; its charge (if any) is simulated; then
the designs of the chunk are discharged at each C-rate through one
:class:`~asslb_sim.simulation.Runner` (one build per model structure, the
designs of a build solved in one call), and the DC pulse gives their areal
resistance. A design that fails is a row with its status and reason.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

from ..cycling import estimate_cycle_life
from ..design import load_cell
from ..errors import CellDefinitionError
from ..metrics.bom import bill_of_materials
from ..metrics.resistance import pulse_case, pulse_resistance
from ..simulate import discharge_row
from ..simulation import (
    REBUILD,
    Case,
    Pulse,
    Runner,
    discharge_end_time,
    resolve_charge,
    solve_resolved,
)
from .designs import design_cell

# what a study reads from each solution: computing nothing else saves ~12 %
OUTPUTS = ["Discharge capacity [A.h]", "Discharge energy [W.h]", "Voltage [V]"]
ASR_PULSE = Pulse(None, 10.0, 0.5)  # 10 s at 1C from rest at half the usable window


def varying_parameters(base, designs):
    """Names of the numeric parameters that differ between the valid ``designs``
    (``(id, values)`` pairs), compared one design at a time so that memory does not
    grow with the study. Parameters in :data:`~asslb_sim.simulation.REBUILD` are
    left out: designs that differ in them get builds of their own."""
    names, first = set(), None
    for _, values in designs:
        try:
            current = design_cell(base, values).parameter_values
        except (CellDefinitionError, ValueError):
            continue
        if first is None:
            first = dict(current)
            continue
        for name, value in current.items():
            if (
                isinstance(value, numbers.Real)
                and not isinstance(value, bool)
                and name not in REBUILD
                and value != first.get(name)
            ):
                names.add(name)
    return names


def study_runner(study, input_names, threads=1):
    """The runner of a study's designs: its inputs, mesh, tolerance and end values."""
    return Runner(
        inputs=input_names,
        mesh=study.mesh,
        rtol=study.rtol,
        threads=threads,
        compile=study.compiles,
        output_variables=OUTPUTS,
        ends_only=True,
    )


@dataclass
class _Design:
    """One valid design of a chunk on its way through the evaluation."""

    head: dict
    cell: object
    state: object  # the relaxed state its discharges start from
    charge_capacity: float
    bom: object


def _prepare(base, study, runner, did, values):
    """A design ready to discharge, or ``(termination, message)`` when it fails."""
    head = {"Design": did, **values}
    try:
        cell = design_cell(base, values)
        charge = resolve_charge(study.charge, cell)
    except (CellDefinitionError, ValueError) as exc:
        return head, ("invalid design", str(exc))
    if charge is None:
        state, capacity = cell.anode.charged(cell), float("nan")
    else:
        result = runner.charge(cell, charge)
        if not result.outcome.ok:
            return head, ("charge failure", f"the charge failed: {result.outcome.message}")
        state, capacity = result.state, result.capacity
    bom = bill_of_materials(cell, charge_capacity=capacity)
    return head, _Design(head, cell, state, capacity, bom)


def _pulse_resistances(runner, items):
    """DC-pulse areal resistance [Ohm.cm2] per design, with a note on a pulse that
    failed, ended early or needed the tighter retry."""
    cases = [pulse_case(item.cell, ASR_PULSE) for item in items]
    resistance = {}
    for item, case, outcome in zip(items, cases, runner.solve(cases), strict=True):
        note = f"ASR pulse: {outcome.message}" if outcome.message else ""
        if outcome.solution is not None and not outcome.ok:
            ended = f"ASR pulse: ended at {outcome.solution.t[-1]:.3g} s ({outcome.termination})"
            note = f"{ended}; {note}" if note else ended
        resistance[item.head["Design"]] = (pulse_resistance(case, outcome), note)
    return resistance


def _cycle_life(runner, spec, item):
    """The cycle-life columns of a design (none without ``spec``), and under the key ""
    a note when its estimate failed."""
    if spec is None:
        return {}
    n = spec.at_cycle
    try:
        est = estimate_cycle_life(item.cell, spec.cycle, spec.threshold, at_cycle=n, runner=runner)
    except CellDefinitionError as exc:
        return {**dict.fromkeys(spec.columns, float("nan")), "": f"cycle life: {exc}"}
    _, energy = est.at(n)
    specific, density = est.energy_figures(n)
    values = (est.cycles_to_threshold, energy, specific, density, 100 * est.retention[n - 1])
    return dict(zip(spec.columns, values, strict=True))


def evaluate_chunk(base_cell, study, chunk, input_names, threads=1):
    """Run the rate test (and ASR) of a chunk of designs; return result rows.

    This is the unit of work sent to local or Dask workers; ``threads`` solve the
    designs of a chunk in parallel (OpenMP) within one solver call. A design with
    a charge protocol is first charged from its as-built state (one shared
    experiment build, one solve per design); its discharges then start from the
    charged state relaxed to equilibrium, as single runs' do.
    """
    base = load_cell(base_cell)
    runner = study_runner(study, input_names, threads)
    rows, items = [], []
    for did, values in chunk:
        head, item = _prepare(base, study, runner, did, values)
        if isinstance(item, tuple):
            termination, message = item
            rows.extend(
                {
                    **head,
                    "C-rate": c,
                    "Status": "failed",
                    "Termination": termination,
                    "Message": message,
                }
                for c in study.c_rates
            )
            continue
        items.append(item)
    resistance = _pulse_resistances(runner, items) if study.asr and items else {}
    life = {item.head["Design"]: _cycle_life(runner, study.cycling, item) for item in items}
    for c in study.c_rates:
        cases = []
        for item in items:
            density = c * item.cell.basis.nominal_capacity
            t_end = discharge_end_time(item.cell, item.state, density)
            cases.append(Case(item.cell, item.state, item.cell.current(density), t_end))
        outcomes, points, errors = solve_resolved(runner, cases)
        for item, case, outcome, n_r, error in zip(
            items, cases, outcomes, points, errors, strict=True
        ):
            pulse = resistance.get(item.head["Design"], (float("nan"), ""))
            row = discharge_row(case, outcome, c, item.bom)
            row["Radial points"] = n_r
            row["Radial error estimate [%]"] = 100 * error
            row["Message"] = "; ".join(m for m in (row["Message"], pulse[1]) if m)
            cycling = life[item.head["Design"]]
            row["Message"] = "; ".join(m for m in (row["Message"], cycling.pop("", "")) if m)
            rows.append(
                {
                    **item.head,
                    **row,
                    **cycling,
                    "Areal resistance [Ohm.cm2]": pulse[0],
                    "Charge capacity [mA.h.cm-2]": item.charge_capacity,
                    "Lithium metal at start [um]": item.state.lithium_thickness * 1e6,
                }
            )
    return rows
