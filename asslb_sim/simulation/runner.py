"""The one place where cells are built and solved.

Single runs, design studies, fits, resistance tests and ``describe`` all go
through :class:`Runner`, so that they agree by construction. A runner owns

- which parameters are PyBaMM inputs of a build: the applied current and the
  starting state (CAM concentration, active and inactive Li) always, plus
  whatever a study varies or a fit fits; a parameter that shapes the mesh or the
  solver's scaling (:data:`REBUILD`) gets a build of its own instead;
- the build cache (one build per model structure, mesh and solver settings,
  kept per process), on PyBaMM's symbolic x mesh so that thicknesses may be
  inputs;
- batched solves (every case of one build in one solver call), with each case
  solved again alone when the batch fails, and once more at 1/100 of the
  tolerance when it fails alone;
- the classification of how each simulation ended.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import numbers
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from ..design.anodes import INACTIVE_AT_START, INACTIVE_VARIABLE, LITHIUM_AT_START
from ..design.critical_current import check_current
from ..design.state import CellState
from ..errors import CellDefinitionError
from .meshes import resolve_mesh
from .outcomes import Outcome, outcome_of
from .solver import make_solver

CURRENT = "Current function [A]"
INITIAL_CONCENTRATION = "Initial concentration in positive electrode [mol.m-3]"
NOMINAL = "Nominal cell capacity [A.h]"
ISOLATED = "Positive electrode isolated active material fraction"
STATE_INPUTS = (CURRENT, INITIAL_CONCENTRATION, LITHIUM_AT_START, INACTIVE_AT_START)
# parameters that shape the particle mesh or the solver's scaling: cells that differ
# in them are built separately, and they cannot be fitted on one build
REBUILD = {
    "Positive particle radius [m]": "it shapes the particle mesh; fit the diffusivity "
    "(D/R^2 is what discharge curves determine)",
    "Maximum concentration in positive electrode [mol.m-3]": "it scales the particle states",
}
# parameters a PyBaMM experiment sets itself: not inputs of a charge build
EXPERIMENT_CONTROLLED = frozenset(
    {CURRENT, "Voltage function [V]", "Initial temperature [K]", "Ambient temperature [K]"}
)
_X_DOMAINS = ("negative electrode", "separator", "positive electrode")
CACHE_SIZE = 8  # builds kept per process (oldest dropped): a build is ~0.1-1 MB


@dataclass(frozen=True)
class Case:
    """One simulation: a cell from a state at a constant current.

    ``current`` [A] is positive on discharge; ``t_end`` [s]; ``t_eval``: output
    times interpolated by the solver (fits), else the solver's own steps (cases of
    one build solved together output at the union of their times);
    ``kind``: ``"discharge"`` (ends at an event), ``"hold"`` (a pulse or a rest,
    which should reach ``t_end``) or ``"charge"``.
    """

    cell: object
    state: CellState
    current: float
    t_end: float
    kind: str = "discharge"
    t_eval: np.ndarray | None = field(default=None, compare=False)


def _stable(value):
    """A text that equal values share and different ones do not: numbers by value,
    arrays by their bytes, functions by module, name, code, defaults and closure (so
    that two closures of one factory with different data are told apart), anything
    else by repr, or by identity where the repr would not tell."""
    if isinstance(value, numbers.Real):
        return repr(float(value))
    if isinstance(value, np.ndarray):
        digest = hashlib.sha1(np.ascontiguousarray(value).tobytes()).hexdigest()
        return f"array{value.shape}:{digest}"
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(_stable(v) for v in value) + ")"
    if callable(value):
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        code = getattr(value, "__code__", None)
        if code is None:
            return f"{name}@{id(value)}"
        closure = [c.cell_contents for c in (value.__closure__ or ())]
        body = hashlib.sha1(code.co_code + repr(code.co_consts).encode()).hexdigest()
        return f"{name}:{body}:{_stable(tuple(value.__defaults__ or ()))}:{_stable(closure)}"
    text = repr(value)
    return f"{type(value).__name__}@{id(value)}" if " at 0x" in text else text


def structure_key(cell, input_names):
    """Everything a build fixes: every parameter that is not an input (values, and
    functions by their code and data, :func:`_stable`) and the model options. Cells
    that agree on all of it share one build."""
    fixed = []
    for name in sorted(cell.parameter_values):
        if name in input_names:
            continue
        fixed.append((name, _stable(cell.parameter_values[name])))
    text = json.dumps([fixed, sorted(cell.model_options.items())])
    return hashlib.sha1(text.encode()).hexdigest()


_CACHE = OrderedDict()
# per built simulation, its solver at a tighter tolerance (set up on first use)
_TIGHT_SOLVERS = weakref.WeakKeyDictionary()


def _cached(key, make):
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    while len(_CACHE) >= CACHE_SIZE:
        _CACHE.popitem(last=False)
    _CACHE[key] = make()
    return _CACHE[key]


def clear_cache():
    """Forget every cached build of this process."""
    _CACHE.clear()


class Runner:
    """Builds and solves cells.

    Parameters
    ----------
    inputs : iterable of str
        PyBaMM parameters that are inputs of the builds besides the current and
        the starting state (those a study varies, or a fit fits). A name in
        :data:`REBUILD` is refused.
    mesh : Mesh, str or dict, optional
        As :func:`~asslb_sim.simulation.meshes.resolve_mesh` takes it (default: the
        ``"single-run"`` mesh).
    rtol : float
        Relative tolerance of the solver.
    threads : int
        Parallel solvers for a batch of cases.
    compile : bool
        Compile the model to machine code (:func:`make_solver`).
    output_variables : list of str, optional
        Compute only these variables (faster); None keeps every variable.
    ends_only : bool
        Keep only the first and last time of each solution.
    """

    def __init__(
        self,
        inputs=(),
        mesh=None,
        rtol=1e-6,
        threads=1,
        compile=False,
        output_variables=None,
        ends_only=False,
    ):
        inputs = frozenset(inputs)
        for name in inputs & set(REBUILD):
            raise CellDefinitionError(f"{name!r} cannot be an input of a build: {REBUILD[name]}")
        self.inputs = inputs | set(STATE_INPUTS)
        self.mesh = resolve_mesh(mesh)
        self.rtol = rtol
        self.threads = threads
        self.compile = compile
        self.output_variables = None if output_variables is None else list(output_variables)
        self.ends_only = ends_only

    def refined(self, max_points):
        """A runner like this one on a mesh with twice the radial points (at most
        ``max_points``), the same stretch."""
        clone = copy.copy(self)
        clone.mesh = dataclasses.replace(self.mesh, r_p=min(2 * self.mesh.r_p, max_points))
        return clone

    # --- builds --------------------------------------------------------------------

    def _settings(self):
        outputs = None if self.output_variables is None else tuple(self.output_variables)
        return (self.mesh, self.rtol, self.threads, self.compile, outputs, self.ends_only)

    def _pybamm_setup(self, cell, input_names, options=None):
        """The model, parameter values (``input_names`` as inputs) and mesh settings
        of ``cell`` (its model options updated with ``options``)."""
        import pybamm

        from ..models import cell_model

        values = pybamm.ParameterValues(dict(cell.parameter_values))
        values.update({name: "[input]" for name in input_names}, check_already_exists=False)
        model = cell_model({**cell.model_options, **(options or {})})
        submeshes = self.mesh.submesh_types(model)
        for domain in _X_DOMAINS:  # thicknesses may be inputs
            submeshes[domain] = pybamm.SymbolicUniform1DSubMesh
        mesh = {"var_pts": self.mesh.var_pts(model), "submesh_types": submeshes}
        return model, values, mesh

    def _pybamm_simulation(self, cell, input_names, solver, experiment=None):
        import pybamm

        model, values, mesh = self._pybamm_setup(cell, input_names)
        return pybamm.Simulation(
            model, parameter_values=values, solver=solver, experiment=experiment, **mesh
        )

    def simulation(self, cell):
        """The built constant-current simulation of ``cell``'s structure (cached)."""
        key = ("current", structure_key(cell, self.inputs), tuple(sorted(self.inputs)))
        key += self._settings()

        def make():
            solver = make_solver(
                self.threads, self.output_variables, self.rtol, self.compile, self.ends_only
            )
            sim = self._pybamm_simulation(cell, self.inputs, solver)
            sim.build()
            return sim

        return _cached(key, make)

    def experiment_simulation(self, cell, steps):
        """The built PyBaMM experiment of ``steps`` (strings) on ``cell``'s structure
        (cached), and its input names."""
        import pybamm

        inputs = (self.inputs - EXPERIMENT_CONTROLLED) | {NOMINAL}
        steps = tuple(steps)
        key = ("experiment", structure_key(cell, inputs), tuple(sorted(inputs)), steps)
        key += self._settings()

        def make():
            outputs = self.output_variables
            if outputs is not None:
                extra = set(EXPERIMENT_OUTPUTS) | set(cell.anode.state_variables)
                outputs = sorted(set(outputs) | extra)
            solver = make_solver(output_variables=outputs, rtol=self.rtol)
            experiment = pybamm.Experiment(list(steps))
            return self._pybamm_simulation(cell, inputs, solver, experiment), inputs

        return _cached(key, make)

    def cycle_simulation(self, cell, cycle):
        """The built one-cycle experiment of the
        :class:`~asslb_sim.simulation.protocols.Cycle` ``cycle`` on ``cell``'s structure
        (cached), and its input names (those of :meth:`experiment_simulation` and the
        isolated CAM fraction, which a cycling test raises between cycles).

        The cycle is ``[rest,] charge, [hold, rest,] discharge``: the rest after a
        discharge opens the next cycle, so that a discharge that ends when the anode's
        Li runs out (an event PyBaMM's experiments stop at) still ends its cycle.
        """
        import pybamm

        v = cell.parameter_values
        steps = cycle.steps(v["Lower voltage cut-off [V]"], v["Upper voltage cut-off [V]"])
        if cycle.rest_minutes > 0:
            steps = [steps[-1], *steps[:-1]]  # the trailing rest opens the cycle
        steps = tuple(steps)
        inputs = (self.inputs - EXPERIMENT_CONTROLLED) | {NOMINAL, ISOLATED}
        key = ("cycle", structure_key(cell, inputs), tuple(sorted(inputs)), steps)
        key += self._settings()

        def make():
            outputs = sorted(set(CYCLE_OUTPUTS) | set(cell.anode.state_variables))
            solver = make_solver(output_variables=outputs, rtol=self.rtol)
            experiment = pybamm.Experiment([steps])  # one cycle of these steps
            return self._pybamm_simulation(cell, inputs, solver, experiment), inputs

        return _cached(key, make)

    def charge_simulation(self, cell, charge):
        """The built CC-CV ``charge`` experiment of ``cell``'s structure (cached), and its
        input names."""
        upper = cell.parameter_values["Upper voltage cut-off [V]"]
        return self.experiment_simulation(cell, charge.steps(upper))

    def impedance_simulation(self, cell):
        """The ``pybamm.EISSimulation`` of ``cell``'s structure with its double layers
        (model option ``surface_form = "differential"``; cached), and its input names.

        The applied current is PyBaMM's EIS perturbation, not an input."""
        import pybamm

        inputs = self.inputs - EXPERIMENT_CONTROLLED
        key = ("impedance", structure_key(cell, inputs), tuple(sorted(inputs)))
        key += self._settings()

        def make():
            model, values, mesh = self._pybamm_setup(cell, inputs, {"surface_form": "differential"})
            return pybamm.EISSimulation(model, parameter_values=values, **mesh), inputs

        return _cached(key, make)

    def impedance(self, cell, state, frequencies):
        """The small-signal impedance [Ohm] of ``cell`` at rest in ``state`` at
        ``frequencies`` [Hz], from the model linearised about that state (complex
        array, ``Z' + i Z''``; a capacitive arc has ``Z'' < 0``).

        Raises a :class:`~asslb_sim.errors.CellDefinitionError` when the state is not
        one the model can start from."""
        sim, inputs = self.impedance_simulation(cell)
        values = self.input_values(cell, state, 0.0, inputs)
        solution = sim.solve(np.asarray(frequencies, dtype=float), inputs=values)
        return np.asarray(solution.impedance)

    # --- inputs --------------------------------------------------------------------

    def input_values(self, cell, state, current, names=None):
        """Values of the build's inputs for ``cell`` starting from ``state`` at
        ``current`` [A]."""
        v = cell.parameter_values
        given = {
            CURRENT: current,
            INITIAL_CONCENTRATION: state.stoichiometry
            * v["Maximum concentration in positive electrode [mol.m-3]"],
            LITHIUM_AT_START: state.lithium_thickness,
            INACTIVE_AT_START: state.inactive_lithium_thickness,
            NOMINAL: v[NOMINAL],
        }
        names = self.inputs if names is None else names
        return {n: given[n] if n in given else v[n] for n in names}

    # --- solves --------------------------------------------------------------------

    def solve(self, cases):
        """Solve ``cases``; returns one :class:`Outcome` per case, in order.

        The cases of one build are solved in one solver call (those with output times
        of their own in another, at the union of their times); a failed batch is solved again
        case by case, and a case that fails alone once more at 1/100 of the
        tolerance (its message says so). A failure is an outcome, never raised.
        """
        cases = list(cases)
        outcomes = [None] * len(cases)
        groups = {}
        for index, case in enumerate(cases):
            sim = self.simulation(case.cell)
            # a discharge or a charge ends at an event, so cases of different lengths
            # share a batch (solved to the longest); a hold must end at its own time
            until = case.t_end if case.kind == "hold" else None
            groups.setdefault((id(sim), until), (sim, []))[1].append(index)
        for sim, indices in groups.values():
            for timed in (False, True):
                batch = [i for i in indices if (cases[i].t_eval is not None) == timed]
                if not batch:
                    continue
                t_end = max(cases[i].t_end for i in batch)
                # one set of output times for the batch: the union of the cases' own
                # (interpolated from the solver's dense output, so a case's values at
                # its times do not depend on the others')
                t_eval = (
                    np.unique(np.concatenate([cases[i].t_eval for i in batch])) if timed else None
                )
                inputs = [
                    self.input_values(cases[i].cell, cases[i].state, cases[i].current)
                    for i in batch
                ]
                for i, (solution, message) in zip(
                    batch, _solve_batch(sim, t_end, inputs, t_eval), strict=True
                ):
                    outcomes[i] = outcome_of(solution, message, cases[i].kind)
        return outcomes

    def charge(self, cell, charge, state=None):
        """Charge ``cell`` with the :class:`~asslb_sim.simulation.protocols.Charge`
        ``charge`` from ``state`` (default: as built).

        Returns
        -------
        ExperimentResult
            The outcome, the charged state relaxed to equilibrium (uniform CAM
            concentration, the plated Li), the charge capacity [mA.h.cm-2] and the
            check of its constant current (the highest of a CC-CV charge) against the
            Li|SE plating critical current density (flagged, not stopped: the model
            has no dendrite short).
        """
        sim, inputs = self.charge_simulation(cell, charge)
        result = self._run_experiment(cell, sim, inputs, state)
        density = charge.c_rate * cell.basis.nominal_capacity  # mA.cm-2
        result.critical_current = check_current(cell, density, "plating")
        if result.outcome.ok:
            result.outcome.termination = "charged"
        else:
            result.outcome.termination = "charge failure"
        return result

    def experiment(self, cell, steps, state=None):
        """Run the PyBaMM experiment ``steps`` (strings, e.g. ``"Hold at 3.0 V until
        0.02C"``) on ``cell`` from ``state`` (default: as built).

        Returns
        -------
        ExperimentResult
            The outcome (its solution has every step), the end state relaxed to
            equilibrium and the net charge passed [mA.h.cm-2] (positive on charge).
        """
        sim, inputs = self.experiment_simulation(cell, steps)
        return self._run_experiment(cell, sim, inputs, state)

    def cycle(self, cell, cycle, state=None, previous=None, isolated=None, tight=False):
        """Run one :class:`~asslb_sim.simulation.protocols.Cycle` of ``cell``.

        Parameters
        ----------
        cell : Cell
        cycle : Cycle
        state : CellState, optional
            The relaxed state the first cycle starts from (default: as built). Ignored
            when ``previous`` is given.
        previous : CycleStep, optional
            The previous cycle: this one starts from its full end state (every state
            of the model, not a relaxed approximation).
        isolated : float, optional
            The isolated CAM fraction of this cycle (default: the cell's). Raising it
            between cycles isolates CAM particles, and their Li, where they are.
        tight : bool
            Whether this is the retry of a failed cycle at 1/100 of the tolerance (a
            cycle that fails is solved once more so, on a build of its own).

        Returns
        -------
        CycleStep
            The outcome (its solution: this cycle's steps), the continuation for the
            next cycle and how the discharge ended.
        """
        import pybamm

        sim, inputs = self.cycle_simulation(cell, cycle)
        start = state if state is not None else cell.anode.as_built(cell)
        values = self.input_values(cell, start, 0.0, inputs)
        if isolated is not None:
            values[ISOLATED] = isolated
        end = None if previous is None else previous.end
        try:
            solution = sim.solve(inputs=values, starting_solution=end, callbacks=[_quiet_logging()])
        except (pybamm.SolverError, pybamm.ModelError, TypeError, IndexError, ValueError) as exc:
            message = str(exc).splitlines()[0][:240]
            if self.rtol <= 1e-10 or tight:
                failed = Outcome(None, "cycle failure", "failed", message)
                return CycleStep(failed, None, values.get(ISOLATED))
            # once more at 1/100 of the tolerance (its own build), as solve() does
            retry = copy.copy(self)
            retry.rtol = max(self.rtol / 100, 1e-10)
            step = retry.cycle(cell, cycle, state, previous, isolated, tight=True)
            if step.outcome.ok:
                step.outcome.message = f"solved at rtol {retry.rtol:g} after: {message}"
            return step
        this = solution.cycles[-1]
        ends = [step.termination for step in this.steps]
        expected = len(sim.experiment.steps)
        last = ends[-1] if ends else "no step"
        if len(ends) < expected or any(isinstance(s, pybamm.EmptySolution) for s in this.steps):
            outcome = Outcome(this, f"stopped: {last}", "failed", f"step {len(ends)}: {last}")
        else:
            termination = _discharge_end(last)
            if termination is None:
                outcome = Outcome(this, last, "failed", f"the discharge ended with {last}")
            else:
                outcome = Outcome(this, termination, "ok")
        end = solution.last_state
        # PyBaMM steps on from a solution only if it did not end on a model event; a
        # discharge that ran out of Li did, and the next cycle's first step (a rest or a
        # charge, where that event is inactive) may go on from it
        end.termination = "final time"
        return CycleStep(outcome, end, values.get(ISOLATED))

    def _run_experiment(self, cell, sim, inputs, state):
        import pybamm

        start = state if state is not None else cell.anode.as_built(cell)
        values = self.input_values(cell, start, 0.0, inputs)
        try:
            solution = sim.solve(inputs=values)
            q = -float(solution["Discharge capacity [A.h]"].entries[-1]) * 1e3 / cell.area_cm2
            end = _end_state(cell, solution, start)
        except (
            pybamm.SolverError,
            pybamm.ModelError,
            CellDefinitionError,
            TypeError,
            IndexError,
            ValueError,
        ) as exc:
            # a TypeError/IndexError: PyBaMM skipped an infeasible first step
            failed = Outcome(None, "experiment failure", "failed", str(exc))
            return ExperimentResult(failed, None, np.nan)
        return ExperimentResult(Outcome(solution, "completed", "ok"), end, q)


def _end_state(cell, solution, start):
    """The last state of ``solution``, relaxed to equilibrium (uniform CAM)."""
    c_end = float(solution["Average positive particle concentration [mol.m-3]"].entries[-1])
    li_end = float(solution["Lithium metal thickness [m]"].entries[-1])
    inactive = start.inactive_lithium_thickness
    if INACTIVE_VARIABLE in cell.anode.state_variables:
        inactive = float(solution[INACTIVE_VARIABLE].entries[-1])
    c_max = cell.parameter_values["Maximum concentration in positive electrode [mol.m-3]"]
    return CellState(c_end / c_max, max(li_end, 0.0), max(inactive, 0.0))


EXPERIMENT_OUTPUTS = (
    "Discharge capacity [A.h]",
    "Average positive particle concentration [mol.m-3]",
    "Lithium metal thickness [m]",
    "Voltage [V]",
    "Current [A]",
)


# the variables a cycling test reads from each cycle
CYCLE_OUTPUTS = (
    *EXPERIMENT_OUTPUTS,
    "Discharge energy [W.h]",
    "Total lithium [mol]",
    "Total lithium in positive electrode [mol]",
    "Total lithium in anode [mol]",
    "Inactive lithium thickness [m]",
    "Counter electrode potential vs Li [V]",
)


def _discharge_end(termination):
    """How a cycle's discharge (its last step) ended: ``"voltage cut-off"`` (the
    experiment's cut-off or the model's), ``"Li exhausted"``, or None (anything else)."""
    if termination == "event: Lithium metal exhausted":
        return "Li exhausted"
    if termination == "event: Minimum voltage [V]" or (
        termination.startswith("event: Voltage <") and termination.endswith("[experiment]")
    ):
        return "voltage cut-off"
    return None


def _quiet_logging():
    import pybamm

    class QuietLogging(pybamm.callbacks.LoggingCallback):
        """PyBaMM's logging, without the warning that a step ended on a model event:
        a cycle's discharge may end when the anode's Li runs out, which is a result."""

        def on_experiment_infeasible_event(self, logs):
            if "Lithium metal exhausted" not in str(logs.get("termination", "")):
                super().on_experiment_infeasible_event(logs)

    return QuietLogging()


@dataclass
class CycleStep:
    """One cycle of :meth:`Runner.cycle`: its outcome (``termination``: how the
    discharge ended, ``"voltage cut-off"`` or ``"Li exhausted"``), the end state
    to continue from (a PyBaMM solution of the last time point, every state of the
    model) and the isolated CAM fraction the cycle ran with."""

    outcome: Outcome
    end: object
    isolated: float | None


@dataclass
class ExperimentResult:
    """Result of :meth:`Runner.experiment` and :meth:`Runner.charge`: the outcome, the end
    state relaxed to equilibrium (None if it failed), the net charge passed
    [mA.h.cm-2], positive on charge, and (a charge) its plating current checked
    against the critical current density."""

    outcome: Outcome
    state: CellState | None
    capacity: float
    critical_current: object = None  # CurrentCheck of a charge's plating current


def _solve_batch(sim, t_end, inputs_list, t_eval=None):
    """Solve many input sets in one call (output at ``t_eval`` if given); on failure,
    one by one. Returns a list of (solution or None, message)."""
    import pybamm

    if len(inputs_list) == 1:
        return [_solve_one(sim, t_end, inputs_list[0], t_eval)]
    try:
        solutions = sim.solve([0, t_end], inputs=inputs_list, t_interp=t_eval)
        if not isinstance(solutions, list):
            solutions = [solutions]
        return [(s, "") for s in solutions]
    except pybamm.SolverError:
        return [_solve_one(sim, t_end, inputs, t_eval) for inputs in inputs_list]


def _solve_one(sim, t_end, inputs, t_eval=None):
    import pybamm

    try:
        return sim.solve([0, t_end], inputs=inputs, t_interp=t_eval), ""
    except pybamm.SolverError as exc:
        return _retry_tight(sim, t_end, inputs, str(exc), t_eval)


def _retry_tight(sim, t_end, inputs, message, t_eval=None):
    """Solve one input set again at 1/100 of the build's tolerance.

    A safety net: a loose tolerance allows long steps, and a step into a steep
    stretch of a discharge (a particle surface close to full lithiation, where the
    OCP falls steeply) may not converge where shorter steps do. With the BDF order
    capped at loose tolerances (:func:`~asslb_sim.simulation.solver.make_solver`)
    no discharge of the sweep benchmark's 2000-design grid needs it; on a coarse
    particle mesh (r_p 15, stretch 2) at order 5, 5 of 8000 did, and each ended at
    the cut-off like its neighbours when retried. A cell below a cut-off at the
    start fails the same way at any tolerance and is not retried.
    """
    import pybamm

    if "initial conditions" in message:
        return None, message
    solver = _TIGHT_SOLVERS.get(sim)
    if solver is None:
        base = sim.solver
        solver = make_solver(
            output_variables=base.output_variables,
            rtol=max(base.rtol / 100, 1e-10),
            ends_only=base.store_first_last,
        )
        _TIGHT_SOLVERS[sim] = solver
    try:
        solution = solver.solve(sim.built_model, [0, t_end], inputs=inputs, t_interp=t_eval)
    except pybamm.SolverError as exc:
        return None, f"{message}; at rtol {solver.rtol:g} too: {exc}"
    return solution, f"solved at rtol {solver.rtol:g} after: {message}"
