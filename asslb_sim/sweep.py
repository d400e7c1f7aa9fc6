"""Design studies over many cells: grids and samples, local or Dask, resumable.

A study varies cell-file keys (``"separator.thickness_um"``,
``"cathode.loading_mg_cm2"``, ``"cathode.mass_fractions.active_material"``,
``"operation.temperature_C"``, ...) or PyBaMM parameters
(``"parameters.<name>"``) over a grid, a random or a Latin-hypercube sample,
and runs a rate test on every design. Designs are composed and validated one by
one; every PyBaMM parameter that varies between them becomes an input of one
built model (thicknesses too, on PyBaMM's symbolic mesh), so a group of designs
is solved in one solver call per C-rate without rebuilding. Only parameters
that shape the mesh or are functions (particle radius, materials) split the
designs into build groups.

Results stream, one Parquet file per finished chunk of designs, into a dataset
folder; a study that is run again skips the designs already there. A design
that fails (invalid input, solver failure) is a row with its status and reason.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import numbers
import os
import weakref
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import CellDefinitionError
from .simulate import _CURRENT
from .simulate import INITIAL_CONCENTRATION as _INITIAL
from .simulate import INITIAL_PLATED as _PLATED
from .simulate import NOMINAL as _NOMINAL

SAMPLINGS = ("grid", "random", "latin-hypercube")
# parameters that shape the particle mesh or the solver's scaling: designs that
# differ in these are built separately
_STRUCTURAL = (
    "Positive particle radius [m]",
    "Maximum concentration in positive electrode [mol.m-3]",
)
_LI = "Negative electrode thickness [m]"  # Li-metal cells: the Li at the start
_EXPERIMENT_CONTROLLED = {
    _CURRENT,
    "Voltage function [V]",
    "Initial temperature [K]",
    "Ambient temperature [K]",
}
_CHARGE_OUTPUTS = [
    "Discharge capacity [A.h]",
    "Average positive particle concentration [mol.m-3]",
    "Lithium metal thickness [m]",
    "Voltage [V]",
]


def _check(cond, message):
    if not cond:
        raise CellDefinitionError(message)


@dataclass(frozen=True)
class Study:
    """A design study.

    Parameters
    ----------
    parameters : dict
        Key -> values. Keys are cell-file keys with dots (``"separator.thickness_um"``,
        ``"cathode.mass_fractions.active_material"``: the solid electrolyte takes up
        the difference) or ``"parameters.<PyBaMM name>"``. Values: a list (grid
        values), or a table ``{min, max, num}`` (grid: ``num`` points; add
        ``log = true`` for a geometric spacing) or ``{min, max}`` (random and
        Latin-hypercube samples).
    cell : str or Cell
        The base cell (preset name, TOML file or Cell).
    c_rates : sequence of float
        C-rates of the rate test of every design.
    sampling : str
        ``"grid"`` (every combination), ``"random"`` or ``"latin-hypercube"``.
    samples : int, optional
        Number of designs for random and Latin-hypercube sampling.
    seed : int
        Seed of the random generators.
    asr : bool
        Also compute the DC-pulse areal resistance (10 s at 1C, 50 % SOC).
    chunk_size : int
        Designs per task (and per Parquet part file).
    name : str
        Name of the study.
    rtol : float
        Relative tolerance of the solver, in [1e-8, 1e-3]. The default, PyBaMM's
        own, keeps the solver's error in capacity and energy within about 0.07 %
        for 99 % of discharges (median 3e-5 to 9e-5; at most 0.22 %, thick
        cathodes at 2C, where the study mesh's own error is 0.5 %; at most
        0.07 % at 0.2C, where it is 0.02 %), measured against rtol = 1e-8 over the 800 discharges of
        benchmarks/bench_sweep.py. 1e-5 gives at most 2e-4 for about 1.4x the
        time; single runs use 1e-6. A design whose solve fails is retried once at
        1/100 of ``rtol``.
    charge : "auto", "equilibrium", dict or Charge
        How each design reaches its charged state. ``"equilibrium"``: discharges
        start at equilibrium at the upper cut-off (Li-metal cells only). A
        :class:`~asslb_sim.simulate.Charge` or a table ``{c_rate,
        cv_cutoff_c_rate}`` (``"none"``: no CV hold): every design is charged from
        its as-built state, then discharged from the charged Li inventory relaxed
        to equilibrium. ``"auto"`` (default): ``Charge()`` (C/10 CC-CV to C/50)
        for anode-free cells, equilibrium for Li-metal cells, as
        :func:`~asslb_sim.simulate.rate_capability` does.
    compile : bool or "auto"
        Compile the model to machine code (system C compiler; about 1.5 s per
        build, then about 25 % faster solves). ``"auto"`` compiles when the study
        has at least 2000 discharges (designs x C-rates), where it pays off.
    mesh : str, dict or Mesh
        The finite-volume mesh (:mod:`asslb_sim.models.mesh`). ``"study"``
        (default): 20 radial points (stretch 3.5), which resolve capacity, energy
        and the 10 s pulse nearly as well as the 25 of the ``"single-run"`` mesh of
        :func:`~asslb_sim.simulate.rate_capability` (at most 0.09 points further
        off), about 12 % faster. A table of Mesh fields (``{r_p = 25}``) replaces
        those of the study mesh.
    """

    parameters: dict
    cell: object = "default"
    c_rates: tuple = (1.0,)
    sampling: str = "grid"
    samples: int | None = None
    seed: int = 0
    asr: bool = True
    chunk_size: int = 10
    name: str = "study"
    rtol: float = 1e-4
    charge: object = "auto"
    compile: object = "auto"
    mesh: object = "study"
    _keys: tuple = field(default=(), init=False, repr=False)

    def __post_init__(self):
        _check(
            isinstance(self.parameters, dict) and self.parameters,
            "study.parameters: give at least one parameter to vary",
        )
        _check(
            self.sampling in SAMPLINGS,
            f"study.sampling: {self.sampling!r} is not valid; valid: {list(SAMPLINGS)}",
        )
        rates = tuple(self.c_rates)
        _check(
            rates and all(isinstance(c, numbers.Real) and 0 < c <= 100 for c in rates),
            f"study.c_rates: {self.c_rates!r}; each C-rate must be in (0, 100]",
        )
        object.__setattr__(self, "c_rates", rates)
        _check(
            isinstance(self.chunk_size, int) and self.chunk_size >= 1,
            f"study.chunk_size: {self.chunk_size!r}; valid range [1, inf)",
        )
        _check(
            isinstance(self.rtol, numbers.Real) and 1e-8 <= self.rtol <= 1e-3,
            f"study.rtol: {self.rtol!r}; valid range [1e-8, 1e-3]",
        )
        object.__setattr__(self, "charge", _charge_protocol(self.charge))
        _check(
            self.compile in (True, False, "auto"),
            f"study.compile: {self.compile!r}; valid: true, false or 'auto'",
        )
        from .models import resolve_mesh

        try:
            object.__setattr__(self, "mesh", resolve_mesh(self.mesh, default="study"))
        except CellDefinitionError as exc:
            raise CellDefinitionError(f"study.{exc}") from None
        if self.sampling != "grid":
            _check(
                isinstance(self.samples, int) and self.samples >= 1,
                f"study.samples: {self.samples!r}; {self.sampling} sampling needs a number "
                "of samples in [1, inf)",
            )
        for key, spec in self.parameters.items():
            _check(
                isinstance(key, str) and "." in key,
                f"study.parameters: {key!r} is not a dotted cell-file key such as "
                "'separator.thickness_um' or 'parameters.<PyBaMM name>'",
            )
            if isinstance(spec, dict):
                unknown = set(spec) - {"min", "max", "num", "log"}
                _check(not unknown, f"study.parameters.{key}: unknown field(s) {sorted(unknown)}")
                _check(
                    "min" in spec and "max" in spec and spec["min"] < spec["max"],
                    f"study.parameters.{key}: needs min < max, got {spec}",
                )
                if self.sampling == "grid":
                    _check(
                        isinstance(spec.get("num"), int) and spec["num"] >= 1,
                        f"study.parameters.{key}: grid sampling of a range needs num >= 1",
                    )
                if spec.get("log"):
                    _check(spec["min"] > 0, f"study.parameters.{key}: log spacing needs min > 0")
            else:
                _check(
                    isinstance(spec, (list, tuple)) and len(spec) > 0,
                    f"study.parameters.{key}: give a list of values or a {{min, max}} table",
                )
                _check(
                    self.sampling == "grid",
                    f"study.parameters.{key}: a list of values needs grid sampling; "
                    "give {min, max} for random or Latin-hypercube samples",
                )
        object.__setattr__(self, "_keys", tuple(self.parameters))

    @property
    def keys(self):
        """The varied keys, in order."""
        return self._keys

    @property
    def size(self):
        """Number of designs."""
        if self.sampling != "grid":
            return self.samples
        return int(
            np.prod([s["num"] if isinstance(s, dict) else len(s) for s in self.parameters.values()])
        )

    @property
    def compiles(self):
        """Whether the study's builds are compiled to machine code."""
        if self.compile == "auto":
            return self.size * len(self.c_rates) >= 2000
        return bool(self.compile)

    def designs(self):
        """The designs: a list of ``{key: value}`` dicts."""
        return list(self.iter_designs())

    def iter_designs(self):
        """The designs one at a time (a grid is never held whole; a sample holds its
        unit-cube points only, 8 bytes per value)."""
        if self.sampling == "grid":
            axes = []
            for spec in self.parameters.values():
                if isinstance(spec, dict):
                    if spec.get("log"):
                        axes.append(np.geomspace(spec["min"], spec["max"], spec["num"]))
                    else:
                        axes.append(np.linspace(spec["min"], spec["max"], spec["num"]))
                else:
                    axes.append(np.asarray(spec, dtype=float))
            # first key slowest, as numpy's "ij" indexing
            points = itertools.product(*[[float(a) for a in axis] for axis in axes])
        else:
            d = len(self.keys)
            if self.sampling == "random":
                unit = np.random.default_rng(self.seed).random((self.samples, d))
            else:
                from scipy.stats import qmc

                unit = qmc.LatinHypercube(d=d, seed=self.seed).random(self.samples)
            points = np.empty_like(unit)
            for j, spec in enumerate(self.parameters.values()):
                lo, hi = spec["min"], spec["max"]
                if spec.get("log"):
                    points[:, j] = np.exp(np.log(lo) + unit[:, j] * (np.log(hi) - np.log(lo)))
                else:
                    points[:, j] = lo + unit[:, j] * (hi - lo)
        for p in points:
            yield dict(zip(self.keys, map(float, p), strict=True))


def _charge_protocol(spec):
    """``"auto"``, None (equilibrium) or a Charge from a study's ``charge`` entry."""
    from .simulate import Charge

    if spec in ("auto", None, "equilibrium") or isinstance(spec, Charge):
        return None if spec == "equilibrium" else spec
    _check(
        isinstance(spec, dict),
        f"study.charge: {spec!r}; valid: 'auto', 'equilibrium' or a table "
        "{c_rate, cv_cutoff_c_rate}",
    )
    unknown = set(spec) - {"c_rate", "cv_cutoff_c_rate"}
    _check(not unknown, f"study.charge: unknown key(s) {sorted(unknown)}")
    cutoff = spec.get("cv_cutoff_c_rate", 0.02)
    return Charge(spec.get("c_rate", 0.1), None if cutoff == "none" else cutoff)


def design_id(values):
    """A stable identifier of a design from its parameter values."""
    text = json.dumps(sorted((k, repr(float(v))) for k, v in values.items()))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def load_study(path):
    """Read a study file (TOML; format in the README)."""
    import tomllib

    path = Path(path)
    _check(path.is_file(), f"study file {str(path)!r} does not exist")
    try:
        doc = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CellDefinitionError(f"study file {str(path)!r} is not valid TOML: {exc}") from None
    unknown = set(doc) - {"study", "parameters"}
    _check(
        not unknown, f"{path}: unknown section(s) {sorted(unknown)}; valid: ['parameters', 'study']"
    )
    head = dict(doc.get("study", {}))
    allowed = {
        "name",
        "cell",
        "c_rates",
        "sampling",
        "samples",
        "seed",
        "asr",
        "chunk_size",
        "rtol",
        "charge",
        "compile",
        "mesh",
    }
    unknown = set(head) - allowed
    _check(
        not unknown,
        f"{path}: unknown key(s) {sorted(unknown)} in [study]; valid: {sorted(allowed)}",
    )
    cell = head.get("cell", "default")
    if isinstance(cell, str) and cell.endswith(".toml") and not Path(cell).is_absolute():
        cell = str(path.parent / cell)
    head["cell"] = cell
    return Study(parameters=doc.get("parameters", {}), **head)


def _design_cell(base, values):
    """The cell of one design: ``base`` with the varied keys applied."""
    from .cell import from_dict

    doc = {}
    for key, value in values.items():
        section, _, rest = key.partition(".")
        if section == "parameters":
            doc.setdefault("parameters", {})[rest] = value
        elif rest.startswith("mass_fractions."):
            phase = rest.split(".", 1)[1]
            fractions = dict(
                doc.get(section, {}).get("mass_fractions")
                or base.design.get(section, {}).get("mass_fractions")
                or {}
            )
            _check(fractions, f"{key}: the base cell's {section} has no mass_fractions")
            fractions[phase] = value
            if phase != "solid_electrolyte":
                others = sum(v for k, v in fractions.items() if k != "solid_electrolyte")
                fractions["solid_electrolyte"] = 1 - others
            doc.setdefault(section, {})["mass_fractions"] = fractions
        else:
            doc.setdefault(section, {})[rest] = value
    return from_dict(doc, source="design", base=base)


def _structure_key(cell, input_names):
    """Everything a build fixes: every parameter that is not an input (values, and
    functions by name) and the model options. Designs, or studies, that agree on
    all of it can share one build."""
    values = cell.parameter_values
    fixed = []
    for name in sorted(values):
        if name in input_names:
            continue
        value = values[name]
        if callable(value):
            value = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        elif isinstance(value, numbers.Real):
            value = repr(float(value))
        else:
            value = repr(value)
        fixed.append((name, value))
    return hashlib.sha1(
        json.dumps([fixed, sorted(cell.model_options.items())]).encode()
    ).hexdigest()


def _varying_parameters(base, designs):
    """Names of the numeric parameters that differ between the valid ``designs``."""
    names, first = set(), None
    for _, values in designs:
        try:
            current = _design_cell(base, values).parameter_values
        except (CellDefinitionError, ValueError):
            continue
        if first is None:
            first = dict(current)
            continue
        for name, value in current.items():
            if (
                isinstance(value, numbers.Real)
                and not isinstance(value, bool)
                and name not in _STRUCTURAL
                and value != first.get(name)
            ):
                names.add(name)
    return names


_BUILD_CACHE = {}
_BUILD_CACHE_SIZE = 8  # builds kept per process (oldest dropped): a build is ~0.1 MB-1 MB
# what the study reads from each solution: computing nothing else saves ~12 %
_OUTPUTS = ["Discharge capacity [A.h]", "Discharge energy [W.h]", "Voltage [V]"]


def _cached(key, make):
    if key not in _BUILD_CACHE:
        while len(_BUILD_CACHE) >= _BUILD_CACHE_SIZE:
            _BUILD_CACHE.pop(next(iter(_BUILD_CACHE)))
        _BUILD_CACHE[key] = make()
    return _BUILD_CACHE[key]


def _built(cell, input_names, mesh, threads=1, rtol=1e-4, compile=False):
    """A built discharge simulation with ``input_names`` (plus current and initial
    state) as inputs, on symbolic x meshes; cached per worker process."""
    import pybamm

    from .simulate import _simulation, make_solver

    inputs = set(input_names) | {_CURRENT, _INITIAL}
    key = (
        "discharge",
        _structure_key(cell, inputs),
        tuple(sorted(inputs)),
        mesh,
        threads,
        rtol,
        compile,
    )

    def make():
        values = pybamm.ParameterValues(dict(cell.parameter_values))
        values.update({name: "[input]" for name in inputs})
        solver = make_solver(
            threads, output_variables=_OUTPUTS, rtol=rtol, compile=compile, ends_only=True
        )
        sim = _simulation(cell, values, mesh, solver, symbolic_x=True)
        sim.build()
        return sim, inputs

    return _cached(key, make)


def _built_charge(cell, input_names, charge, mesh, rtol=1e-4):
    """A CC-CV charge experiment from the as-built state with ``input_names`` (plus
    the initial state and the nominal capacity that sets its C-rate) as inputs;
    built on its first solve and cached per worker process."""
    import pybamm

    from .simulate import _simulation, make_solver

    # parameters an experiment controls cannot be inputs: designs that differ in
    # them (temperature) get builds of their own
    inputs = (set(input_names) - _EXPERIMENT_CONTROLLED) | {_INITIAL, _NOMINAL}
    if cell.model_options.get("anode") != "anode-free":
        inputs.add(_LI)  # the as-built foil (the discharge build holds the charged one)
    steps = tuple(charge.steps(cell.parameter_values["Upper voltage cut-off [V]"]))
    key = ("charge", _structure_key(cell, inputs), tuple(sorted(inputs)), steps, mesh, rtol)

    def make():
        values = pybamm.ParameterValues(dict(cell.parameter_values))
        values.update({name: "[input]" for name in inputs})
        solver = make_solver(output_variables=_CHARGE_OUTPUTS, rtol=rtol)
        experiment = pybamm.Experiment(list(steps))
        return _simulation(cell, values, mesh, solver, experiment, symbolic_x=True), inputs

    return _cached(key, make)


def _solve_batch(sim, t_end, inputs_list):
    """Solve many input sets in one call; on failure, one by one, and a set that
    fails again once more at a 100x tighter tolerance. Returns a list of
    (solution or None, message); the message notes a retry that succeeded."""
    import pybamm

    try:
        solutions = sim.solve([0, t_end], inputs=inputs_list)
        if not isinstance(solutions, list):
            solutions = [solutions]
        return [(s, "") for s in solutions]
    except pybamm.SolverError:
        out = []
        for inputs in inputs_list:
            try:
                out.append((sim.solve([0, t_end], inputs=inputs), ""))
            except pybamm.SolverError as exc:
                out.append(_retry_tight(sim, t_end, inputs, str(exc)))
        return out


# per built simulation, its solver at a tighter tolerance (set up on first use)
_TIGHT_SOLVERS = weakref.WeakKeyDictionary()


def _retry_tight(sim, t_end, inputs, message):
    """Solve one input set again at 1/100 of the build's tolerance.

    A safety net: a loose tolerance allows long steps, and a step into a steep
    stretch of a discharge (a particle surface close to full lithiation, where the
    OCP falls steeply) may not converge where shorter steps do. With the BDF order
    capped at loose tolerances (:func:`~asslb_sim.simulate.make_solver`) no
    discharge of the benchmark's 2000-design grid needs it; on a coarse particle
    mesh (r_p 15, stretch 2) at order 5, 5 of 8000 did, and each ended at the
    cut-off like its neighbours when retried. A
    cell below a cut-off at the start fails the same way at any tolerance and is
    not retried.
    """
    import pybamm

    from .simulate import make_solver

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
        solution = solver.solve(sim.built_model, [0, t_end], inputs=inputs)
    except pybamm.SolverError as exc:
        return None, f"{message}; at rtol {solver.rtol:g} too: {exc}"
    return solution, f"solved at rtol {solver.rtol:g} after: {message}"


def _input_values(cell, inputs, given):
    """Values of the build's ``inputs`` for one design: ``given`` where it has them,
    else the design's own parameter values."""
    v = cell.parameter_values
    return {n: given[n] if n in given else v[n] for n in inputs}


def _design_inputs(cell, inputs, current, x0, start):
    """Discharge inputs of one design: current [A], initial CAM stoichiometry ``x0``
    and ``start`` (the charged state's inputs)."""
    c_max = cell.parameter_values["Maximum concentration in positive electrode [mol.m-3]"]
    return _input_values(cell, inputs, {**start, _CURRENT: current, _INITIAL: x0 * c_max})


@dataclass
class _Design:
    """One valid design of a chunk on its way through the evaluation."""

    head: dict
    cell: object
    basis: object
    charge: object = None  # the Charge protocol, or None (start at equilibrium)
    start: dict = field(default_factory=dict)  # charged-state inputs of the discharges
    x_start: float = float("nan")  # CAM stoichiometry at the start of the discharges
    charge_capacity: float = float("nan")  # mA.h.cm-2
    lithium_start: float = float("nan")  # m
    bom: object = None


def _charge_design(item, input_names, study):
    """Simulate the design's charge; fill in its charged state. Returns an error
    message, or "" when the charge succeeded."""
    import pybamm

    from .simulate import _area_cm2, _current_A

    cell, basis = item.cell, item.basis
    v = cell.parameter_values
    sim, inputs = _built_charge(cell, input_names, item.charge, study.mesh, study.rtol)
    c_max = v["Maximum concentration in positive electrode [mol.m-3]"]
    area = _area_cm2(v)
    values = _input_values(
        cell,
        inputs,
        {
            _INITIAL: basis.stoichiometry_discharged * c_max,
            _NOMINAL: _current_A(v, basis.nominal_capacity),
            _LI: v["Lithium metal thickness as built [m]"],
        },
    )
    try:
        sol = sim.solve(inputs=values)
        q = -sol["Discharge capacity [A.h]"].entries[-1] * 1e3 / area
        c_end = float(sol["Average positive particle concentration [mol.m-3]"].entries[-1])
        li_end = float(sol["Lithium metal thickness [m]"].entries[-1])
    except (pybamm.SolverError, pybamm.ModelError, TypeError, IndexError, ValueError) as exc:
        # a TypeError/IndexError: PyBaMM skipped an infeasible first step
        return f"the charge failed: {exc}"
    item.charge_capacity, item.lithium_start = q, li_end
    item.x_start = c_end / c_max
    item.start = {_PLATED if cell.model_options.get("anode") == "anode-free" else _LI: li_end}
    return ""


def evaluate_chunk(base_cell, study, chunk, input_names, threads=1):
    """Run the rate test (and ASR) of a chunk of designs; return result rows.

    This is the unit of work sent to local or Dask workers; ``threads`` solve the
    designs of a chunk in parallel (OpenMP) within one solver call. A design with
    a charge protocol is first charged from its as-built state (one shared
    experiment build, one solve per design); its discharges then start from the
    charged state relaxed to equilibrium: the charged Li inventory (CAM
    stoichiometry, lithium thickness) with a uniform CAM concentration.
    """
    from .cell import load_cell
    from .energy import bill_of_materials
    from .simulate import c_rate_basis, resolve_charge

    base = load_cell(base_cell)
    rows, ready = [], []

    def fail(head, termination, message):
        for c in study.c_rates:
            rows.append(
                {
                    **head,
                    "C-rate": c,
                    "Status": "failed",
                    "Termination": termination,
                    "Message": message,
                }
            )

    for did, values in chunk:
        head = {"Design": did, **values}
        try:
            cell = _design_cell(base, values)
            item = _Design(head, cell, c_rate_basis(cell), resolve_charge(study.charge, cell))
        except (CellDefinitionError, ValueError) as exc:
            fail(head, "invalid design", str(exc))
            continue
        if item.charge is None:
            item.x_start = item.basis.stoichiometry_charged
            item.lithium_start = cell.parameter_values[_LI]
        else:
            message = _charge_design(item, input_names, study)
            if message:
                fail(head, "charge failure", message)
                continue
        item.bom = bill_of_materials(cell, charge_capacity=item.charge_capacity)
        ready.append(item)

    groups = {}
    for item in ready:
        sim, inputs = _built(
            item.cell,
            set(input_names) | set(item.start),
            study.mesh,
            threads,
            study.rtol,
            study.compiles,
        )
        groups.setdefault(id(sim), (sim, inputs, []))[2].append(item)
    for sim, inputs, items in groups.values():
        resistance = _pulse_resistance(sim, inputs, items) if study.asr else {}
        for c in study.c_rates:
            rows.extend(_discharge_rows(sim, inputs, items, c, resistance))
    return rows


def _pulse_resistance(sim, inputs, items):
    """DC-pulse areal resistance [Ohm.cm2] per design: 10 s at 1C from rest at half
    the usable window. Returns design -> (resistance, message); the message
    notes a pulse that failed or needed the tighter retry."""
    from .simulate import _current_A

    pulse_inputs = []
    for item in items:
        basis = item.basis
        x_rest = 0.5 * (basis.stoichiometry_charged + basis.stoichiometry_discharged)
        current = _current_A(item.cell.parameter_values, basis.nominal_capacity)
        pulse_inputs.append(_design_inputs(item.cell, inputs, current, x_rest, item.start))
    resistance = {}
    for item, inp, (sol, msg) in zip(
        items, pulse_inputs, _solve_batch(sim, 10.0, pulse_inputs), strict=True
    ):
        design = item.head["Design"]
        note = f"ASR pulse: {msg}" if msg else ""
        if sol is None or sol.t[-1] < 10.0 - 1e-6:
            if sol is not None:
                ended = f"ASR pulse: ended at {sol.t[-1]:.3g} s ({sol.termination})"
                note = f"{ended}; {note}" if note else ended
            resistance[design] = (float("nan"), note)
            continue
        v = item.cell.parameter_values
        x_rest = inp[_INITIAL] / v["Maximum concentration in positive electrode [mol.m-3]"]
        ocv = float(v["Positive electrode OCP [V]"](x_rest))
        value = (ocv - sol["Voltage [V]"].entries[-1]) / (item.basis.nominal_capacity * 1e-3)
        resistance[design] = (value, note)
    return resistance


def _discharge_rows(sim, inputs, items, c, resistance):
    """Discharge every design of ``items`` at C-rate ``c`` in one solver call."""
    from .simulate import _AT_START, TERMINATIONS, _area_cm2, _cam_mass_g_per_cm2, _current_A

    inputs_list, t_ends = [], []
    for item in items:
        basis = item.basis
        current = _current_A(item.cell.parameter_values, c * basis.nominal_capacity)
        inputs_list.append(_design_inputs(item.cell, inputs, current, item.x_start, item.start))
        # longest possible discharge: all connected CAM filled from the start
        q_max = (
            basis.usable_capacity
            * (1 - item.x_start)
            / (basis.stoichiometry_discharged - basis.stoichiometry_charged)
        )
        t_ends.append(
            1.05 * max(q_max, basis.nominal_capacity) / (c * basis.nominal_capacity) * 3600
        )
    rows = []
    for item, (sol, msg) in zip(items, _solve_batch(sim, max(t_ends), inputs_list), strict=True):
        cell, basis = item.cell, item.basis
        pulse = resistance.get(item.head["Design"], (float("nan"), ""))
        message = "; ".join(m for m in (msg, pulse[1]) if m)
        row = {
            **item.head,
            "C-rate": c,
            "Areal resistance [Ohm.cm2]": pulse[0],
            "Charge capacity [mA.h.cm-2]": item.charge_capacity,
            "Lithium metal at start [um]": item.lithium_start * 1e6,
        }
        if sol is None:
            reason, status = "solver failure", "failed"
            for event, text in _AT_START.items():
                if f"'{event}'" in msg and "initial conditions" in msg:
                    reason, status = text, "ok"
            rows.append(
                {
                    **row,
                    "Status": status,
                    "Termination": reason,
                    "Message": message,
                    "Discharge capacity [mA.h.cm-2]": 0.0,
                    "Discharge energy [W.h.m-2]": 0.0,
                }
            )
            continue
        area = _area_cm2(cell.parameter_values)
        q = sol["Discharge capacity [A.h]"].entries[-1] * 1e3 / area
        e = sol["Discharge energy [W.h]"].entries[-1] / (area * 1e-4)
        hours = sol.t[-1] / 3600
        reason, status = TERMINATIONS.get(sol.termination, (sol.termination, "failed"))
        cam = _cam_mass_g_per_cm2(cell.parameter_values)
        rows.append(
            {
                **row,
                "Status": status,
                "Termination": reason,
                "Message": message,
                "Nominal capacity [mA.h.cm-2]": basis.nominal_capacity,
                "Discharge capacity [mA.h.cm-2]": q,
                "Specific capacity [mA.h.g-1]": q / cam,
                "Mean voltage [V]": e / (q * 10) if q > 0 else float("nan"),
                "Discharge energy [W.h.m-2]": e,
                **_energy_columns(cell, item.bom, e, hours),
            }
        )
    return rows


def _energy_columns(cell, bom, energy, hours):
    """Specific energy, energy density and specific power at cell level when the
    design is packaged, else at stack level (as the rate-capability summary does)."""
    if bom.cell_mass is not None:
        n = cell.design["packaging"]["layers"]
        e = energy * bom.electrode_area * n  # W.h
        mass, volume, level = bom.cell_mass, bom.cell_volume, "cell"
    else:
        e, mass, volume, level = energy, bom.stack_mass, bom.stack_thickness, "stack"
    return {
        "Specific energy [W.h.kg-1]": e / mass,
        "Energy density [W.h.L-1]": e / volume / 1e3,
        "Specific power [W.kg-1]": e / hours / mass if hours > 0 else 0.0,
        "Energy level": level,
    }


def _write_part(out, rows):
    frame = pd.DataFrame(rows)
    name = hashlib.sha1("".join(sorted(set(frame["Design"]))).encode()).hexdigest()[:16]
    path = out / f"part-{name}.parquet"
    tmp = out / f".{path.name}.tmp"
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)  # atomic: an interrupted write leaves no partial part


def study_fingerprint(study, base):
    """What the rows of a results folder depend on besides the varied values: the
    base cell (every parameter and option), the C-rates, the ASR setting, the
    tolerance, the charge protocol and the mesh."""
    return _structure_key(base, set()) + json.dumps(
        [
            list(study.c_rates),
            study.asr,
            sorted(study.keys),
            study.rtol,
            repr(study.charge),
            study.mesh.as_dict(),
        ]
    )


def _check_fingerprint(out, fingerprint):
    """Refuse to mix the rows of two different studies in one results folder."""
    path = out / "study.fingerprint"
    if path.exists():
        if path.read_text() != fingerprint:
            raise CellDefinitionError(
                f"{out}: this results folder holds a different study (another base cell, "
                "C-rates, ASR setting, tolerance, charge, mesh or set of varied keys); give "
                "another --out or delete it"
            )
    else:
        path.write_text(fingerprint)


def finished_designs(out):
    """Design ids already in the results folder ``out``."""
    out = Path(out)
    if not out.exists():
        return set()
    done = set()
    for part in out.glob("part-*.parquet"):
        done |= set(pd.read_parquet(part, columns=["Design"])["Design"])
    return done


def _batches(iterable, size):
    """Lists of ``size`` items from ``iterable``, lazily."""
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def run_study(study, out, workers=1, scheduler=None, client=None, progress=True, load=True):
    """Run ``study``, streaming results into the Parquet dataset folder ``out``.

    Parameters
    ----------
    study : Study or str or Path
        The study, or a study TOML file.
    out : str or Path
        Results folder (a Parquet dataset: one part file per finished chunk).
        Designs already there are not run again.
    workers : int
        Local worker processes (Dask LocalCluster); 1 runs in this process.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``).
    client : dask.distributed.Client, optional
        An existing Dask client.
    progress : bool
        Show a progress bar with ETA.
    load : bool
        Read all results into memory at the end. ``False`` for studies too big for
        that: designs are generated and their results written one chunk at a time,
        so the memory of this process does not grow with the study; read the
        Parquet dataset in pieces afterwards.

    Returns
    -------
    pandas.DataFrame or None
        All results in ``out`` (this run and earlier ones), or None if not ``load``.
    """
    from .cell import load_cell

    if not isinstance(study, Study):
        study = load_study(study)
    _check(isinstance(workers, int) and workers >= 1, f"workers: {workers!r}; valid range [1, inf)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    base = load_cell(study.cell)
    _check_fingerprint(out, study_fingerprint(study, base))
    done = finished_designs(out)

    def todo():  # the designs still to run, generated afresh on every pass
        return (
            (i, v) for i, v in ((design_id(v), v) for v in study.iter_designs()) if i not in done
        )

    # the inputs of the one build: every parameter that varies between valid designs
    # (compared one design at a time, so that memory does not grow with the study)
    input_names = _varying_parameters(base, todo())
    chunks = _batches(todo(), study.chunk_size)

    bar = None
    if progress:
        from tqdm import tqdm

        remaining = sum(1 for _ in todo())
        bar = tqdm(total=study.size, initial=study.size - remaining, unit="design", desc=study.name)
    if client is None and scheduler is None and workers == 1:
        # one process: its solver calls use every core for the designs of a chunk
        threads = max(
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else os.cpu_count() or 1,
            1,
        )
        # PyBaMM's solutions hold reference cycles: collect them after every chunk
        # (cheap once the build's objects are frozen out of the collector's scans),
        # else they pile up between the rare full collections and memory grows
        # with the study
        try:
            for i, chunk in enumerate(chunks):
                _write_part(out, evaluate_chunk(base, study, chunk, input_names, threads))
                if i == 0:
                    gc.freeze()
                gc.collect()
                if bar is not None:
                    bar.update(len(chunk))
        finally:
            gc.unfreeze()
    else:
        _run_dask(base, study, chunks, input_names, out, workers, scheduler, client, bar)
    if bar is not None:
        bar.close()
    return read_results(out) if load else None


def _run_dask(base, study, chunks, input_names, out, workers, scheduler, client, bar):
    from dask.distributed import Client, LocalCluster, as_completed

    own_client = client is None
    cluster = None
    if own_client:
        if scheduler is not None:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    try:
        base_future = client.scatter(base, broadcast=True)
        # a bounded window of tasks in flight keeps the scheduler's memory flat
        window = max(2 * len(client.scheduler_info()["workers"]), 2)
        pending = iter(chunks)
        futures = as_completed()
        for chunk in [next(pending, None) for _ in range(window)]:
            if chunk is not None:
                futures.add(
                    client.submit(
                        evaluate_chunk, base_future, study, chunk, input_names, pure=False
                    )
                )
        for future in futures:
            rows = future.result()
            _write_part(out, rows)
            if bar is not None:
                bar.update(len({r["Design"] for r in rows}))
            future.release()
            chunk = next(pending, None)
            if chunk is not None:
                futures.add(
                    client.submit(
                        evaluate_chunk, base_future, study, chunk, input_names, pure=False
                    )
                )
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()


def read_results(out):
    """All rows of a results folder, as one DataFrame."""
    parts = sorted(Path(out).glob("part-*.parquet"))
    if not parts:
        return pd.DataFrame()
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


def best_design(results, objective="Specific energy [W.h.kg-1]", c_rate=1.0, constraint=None):
    """The design maximising ``objective`` at ``c_rate`` among those meeting ``constraint``.

    ``constraint`` is a function of the per-design table (rows of that C-rate) that
    returns a boolean mask, e.g. ``lambda t: t["Discharge capacity [mA.h.cm-2]"] >=
    0.8 * t["Nominal capacity [mA.h.cm-2]"]``.
    """
    table = results[(results["C-rate"] == c_rate) & (results["Status"] == "ok")]
    if constraint is not None:
        table = table[constraint(table)]
    if table.empty:
        return None
    return table.loc[table[objective].idxmax()]
