"""Evaluating a chunk of designs: the unit of work of every executor.

Every design is composed and validated; its charge (if any) is simulated; then
the designs of the chunk are discharged at each C-rate through one
:class:`~asslb_sim.simulation.Runner` (one build per model structure, the
designs of a build solved in one call), and the DC pulse gives their areal
resistance. A design that fails is a row with its status and reason.
"""

from __future__ import annotations

import itertools
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


def _differing(parameter_values):
    """Names of the numeric parameters that differ between the parameter sets
    ``parameter_values`` (an iterable of dicts, compared one at a time with the first,
    so that memory does not grow with their number). Parameters in
    :data:`~asslb_sim.simulation.REBUILD` are left out: designs that differ in them
    get builds of their own."""
    names, first = set(), None
    for current in parameter_values:
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


def _valid_cells(base, designs):
    """The cells of the valid ``designs`` (``(id, values)`` pairs), one at a time."""
    for _, values in designs:
        try:
            yield design_cell(base, values)
        except (CellDefinitionError, ValueError):
            continue


def varying_parameters(base, designs):
    """Names of the numeric parameters that differ between the valid ``designs``
    (``(id, values)`` pairs). Every design is composed: for a chunk, or a study small
    enough to compose whole; :func:`study_inputs` is the bounded version."""
    return _differing(cell.parameter_values for cell in _valid_cells(base, designs))


def probe_designs(study):
    """The designs :func:`study_inputs` composes: the study's first chunk, and for each
    varied key the study's first design with the key at each end of its range (the
    lowest and highest value of a list). At most ``chunk_size + 2 k`` designs for ``k``
    keys, whatever the size of the study."""
    probes = list(itertools.islice(study.iter_designs(), study.chunk_size))
    first = probes[0]
    for key, spec in study.parameters.items():
        ends = (spec["min"], spec["max"]) if isinstance(spec, dict) else (min(spec), max(spec))
        for end in ends:
            probe = {**first, key: float(end)}
            if probe not in probes:
                probes.append(probe)
    return probes


def study_inputs(base, study):
    """The inputs of a study's builds, from a bounded number of compositions.

    Every numeric PyBaMM parameter that differs between the designs of the study's
    first chunk, or changes when one varied key moves from the study's first design
    to an end of its range (:func:`probe_designs`): at most ``chunk_size + 2 k``
    compositions for ``k`` keys, where composing every design first (ten million at
    the size limit) would take hours before the first solve. The set depends on the
    study only, not on which designs a results folder already holds, so a resumed
    study solves its designs on the same builds as an uninterrupted one. A chunk
    whose designs differ in a parameter the probes missed (a dependence on two keys
    at once, say) adds it to the inputs of its own build (:func:`evaluate_chunk`):
    the probes decide how builds are shared, never what a design's parameters are.
    """
    return varying_parameters(base, ((None, values) for values in probe_designs(study)))


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
    charge_flag: str = ""  # the charge plated Li above the critical current density


def _compose(base, study, values):
    """The cell of a design and its charge protocol, or ``(None, message)`` when the
    design is invalid."""
    try:
        cell = design_cell(base, values)
        return cell, resolve_charge(study.charge, cell)
    except (CellDefinitionError, ValueError) as exc:
        return None, str(exc)


def _prepare(runner, head, cell, charge):
    """A design ready to discharge, or ``(termination, message)`` when its charge fails."""
    flag = ""
    if charge is None:
        state, capacity = cell.anode.charged(cell), float("nan")
    else:
        result = runner.charge(cell, charge)
        if not result.outcome.ok:
            return ("charge failure", f"the charge failed: {result.outcome.message}")
        state, capacity = result.state, result.capacity
        if result.critical_current.exceeded:
            flag = f"charge: {result.critical_current.message}"
    bom = bill_of_materials(cell, charge_capacity=capacity)
    return _Design(head, cell, state, capacity, bom, flag)


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
    values = (
        est.cycles_to_threshold,
        energy,
        specific,
        density,
        100 * est.retention[n - 1],
        est.critical_current_flag,
    )
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
    # each design is composed here, as its chunk is solved, and only here
    composed = [(did, values, *_compose(base, study, values)) for did, values in chunk]
    cells = [cell for _, _, cell, _ in composed if cell is not None]
    # the study's inputs, and any parameter its probes missed that varies in this chunk
    names = set(input_names) | _differing(cell.parameter_values for cell in cells)
    runner = study_runner(study, names, threads)
    rows, items = [], []
    for did, values, cell, charge in composed:
        head = {"Design": did, **values}
        item = ("invalid design", charge) if cell is None else _prepare(runner, head, cell, charge)
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
            row = discharge_row(case, outcome, c, item.bom, item.charge_flag)
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
