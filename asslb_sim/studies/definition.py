"""What a design study is: the varied keys, the rate test and the numerics."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import CellDefinitionError
from ..simulation import parse_charge, resolve_mesh
from .sampling import MAX_DESIGNS, MAX_LATIN_HYPERCUBE, grid_size, iter_designs

SAMPLINGS = ("grid", "random", "latin-hypercube")
STUDY_KEYS = (
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
    "cycling",
)
CYCLING_KEYS = (
    "at_cycle",
    "threshold",
    "charge_c_rate",
    "discharge_c_rate",
    "cv_cutoff_c_rate",
    "rest_minutes",
)


@dataclass(frozen=True)
class CyclingOutputs:
    """The cycle-life outputs of a study: every design's cycles to ``threshold`` and
    its energy at cycle ``at_cycle``, from :func:`~asslb_sim.cycling.estimate_cycle_life`
    with the protocol ``cycle`` (from the as-built state)."""

    cycle: object
    at_cycle: int = 500
    threshold: float = 0.8

    @classmethod
    def parse(cls, spec):
        """From a study file's ``[study.cycling]`` table (or a CyclingOutputs)."""
        from ..cycling import check_cycles, check_threshold
        from ..simulation import Cycle

        if isinstance(spec, cls):
            return spec
        _check(
            isinstance(spec, dict),
            f"study.cycling: {spec!r}; give a table with keys {list(CYCLING_KEYS)}",
        )
        unknown = set(spec) - set(CYCLING_KEYS)
        _check(
            not unknown,
            f"study.cycling: unknown key(s) {sorted(unknown)}; valid: {sorted(CYCLING_KEYS)}",
        )
        defaults = Cycle()
        cutoff = spec.get("cv_cutoff_c_rate", defaults.cv_cutoff_c_rate)
        try:
            cycle = Cycle(
                spec.get("charge_c_rate", defaults.charge_c_rate),
                spec.get("discharge_c_rate", defaults.discharge_c_rate),
                None if cutoff == "none" else cutoff,
                spec.get("rest_minutes", defaults.rest_minutes),
            )
            return cls(
                cycle,
                check_cycles(spec.get("at_cycle", 500), "at_cycle"),
                check_threshold(spec.get("threshold", 0.8), "threshold"),
            )
        except CellDefinitionError as exc:
            raise CellDefinitionError(f"study.cycling.{str(exc).removeprefix('cycle.')}") from None

    @property
    def columns(self):
        """The study's output columns, in order."""
        from ..cycling.life import cycles_to_column

        n = self.at_cycle
        return (
            cycles_to_column(self.threshold),
            f"Discharge energy at cycle {n} [W.h.m-2]",
            f"Specific energy at cycle {n} [W.h.kg-1]",
            f"Energy density at cycle {n} [W.h.L-1]",
            f"Capacity retention at cycle {n} [%]",
            "Cycling critical current flag",
        )


def _check(cond, message):
    if not cond:
        raise CellDefinitionError(message)


def _is_number(value):
    """A finite real number (not a bool, not text)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and np.isfinite(value)


def _is_whole(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _check_axis(key, spec, sampling):
    """Check one varied key and its values (a list, or a ``{min, max[, num, log]}`` table)."""
    _check(
        isinstance(key, str) and "." in key,
        f"study.parameters: {key!r} is not a dotted cell-file key such as "
        "'separator.thickness_um' or 'parameters.<PyBaMM name>'",
    )
    if isinstance(spec, dict):
        unknown = set(spec) - {"min", "max", "num", "log"}
        _check(
            not unknown,
            f"study.parameters.{key}: unknown field(s) {sorted(unknown)}; "
            "valid: ['log', 'max', 'min', 'num']",
        )
        for end in ("min", "max"):
            _check(
                _is_number(spec.get(end)),
                f"study.parameters.{key}.{end}: {spec.get(end)!r} must be a finite number",
            )
        _check(
            spec["min"] < spec["max"],
            f"study.parameters.{key}: needs min < max, got min = {spec['min']!r}, "
            f"max = {spec['max']!r}",
        )
        _check(
            isinstance(spec.get("log", False), bool),
            f"study.parameters.{key}.log: {spec.get('log')!r} must be true or false",
        )
        if sampling == "grid":
            _check(
                _is_whole(spec.get("num")) and 1 <= spec["num"] <= MAX_DESIGNS,
                f"study.parameters.{key}.num: {spec.get('num')!r}; grid sampling of a range "
                f"needs a whole number of points in [1, {MAX_DESIGNS}]",
            )
        if spec.get("log"):
            _check(spec["min"] > 0, f"study.parameters.{key}: log spacing needs min > 0")
    else:
        _check(
            isinstance(spec, (list, tuple)) and len(spec) > 0,
            f"study.parameters.{key}: give a list of values or a {{min, max}} table",
        )
        _check(
            sampling == "grid",
            f"study.parameters.{key}: a list of values needs grid sampling; "
            "give {min, max} for random or Latin-hypercube samples",
        )
        bad = [v for v in spec if not _is_number(v)]
        _check(
            not bad,
            f"study.parameters.{key}: {bad[0]!r} is not a finite number; valid: a list of numbers"
            if bad
            else "",
        )


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
        :class:`~asslb_sim.simulation.Charge` or a table ``{c_rate,
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
        (default): 40 radial points (stretch 5), 2/3 of the particle states of the
        ``"single-run"`` mesh of :func:`~asslb_sim.simulate.rate_capability` (60),
        capacity and energy at most 0.9 % low at 2C on the default cell; discharges
        where diffusion starves the particles are refined until two meshes agree
        within 1 % (:mod:`asslb_sim.simulation.resolution`). A table of Mesh fields
        (``{r_p = 50}``) replaces those of the study mesh.
    cycling : dict or CyclingOutputs, optional
        Cycle-life outputs of every design (``[study.cycling]``: ``at_cycle``,
        ``threshold``, ``charge_c_rate``, ``discharge_c_rate``, ``cv_cutoff_c_rate``,
        ``rest_minutes``): "Cycles to 80 % [-]", the discharge energy, specific energy,
        energy density and retention at cycle ``at_cycle``, estimated from a few
        simulated cycles from the as-built state (on every row of the design).
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
    cycling: object = None
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
        _check(
            isinstance(self.c_rates, (list, tuple)),
            f"study.c_rates: {self.c_rates!r} must be a list of C-rates, each in (0, 100]",
        )
        rates = tuple(self.c_rates)
        _check(
            rates and all(_is_number(c) and 0 < c <= 100 for c in rates),
            f"study.c_rates: {self.c_rates!r}; each C-rate must be in (0, 100]",
        )
        _check(
            len(set(rates)) == len(rates),
            f"study.c_rates: {list(rates)!r} lists a C-rate twice; give each once",
        )
        object.__setattr__(self, "c_rates", rates)
        _check(
            isinstance(self.name, str) and 0 < len(self.name) <= 256,
            f"study.name: {str(self.name)[:40]!r}; valid: text of 1 to 256 characters",
        )
        _check(_is_whole(self.seed), f"study.seed: {self.seed!r} must be a whole number")
        _check(isinstance(self.asr, bool), f"study.asr: {self.asr!r} must be true or false")
        _check(
            _is_whole(self.chunk_size) and self.chunk_size >= 1,
            f"study.chunk_size: {self.chunk_size!r}; valid range [1, inf)",
        )
        _check(
            _is_number(self.rtol) and 1e-8 <= self.rtol <= 1e-3,
            f"study.rtol: {self.rtol!r}; valid range [1e-8, 1e-3]",
        )
        object.__setattr__(self, "charge", parse_charge(self.charge, "study.charge"))
        if self.cycling is not None:
            object.__setattr__(self, "cycling", CyclingOutputs.parse(self.cycling))
        _check(
            self.compile in (True, False, "auto"),
            f"study.compile: {self.compile!r}; valid: true, false or 'auto'",
        )
        try:
            object.__setattr__(self, "mesh", resolve_mesh(self.mesh, default="study"))
        except CellDefinitionError as exc:
            raise CellDefinitionError(f"study.{exc}") from None
        if self.sampling != "grid":
            limit = MAX_LATIN_HYPERCUBE if self.sampling == "latin-hypercube" else MAX_DESIGNS
            _check(
                _is_whole(self.samples) and 1 <= self.samples <= limit,
                f"study.samples: {self.samples!r}; {self.sampling} sampling needs a whole "
                f"number of samples in [1, {limit}]",
            )
        for key, spec in self.parameters.items():
            _check_axis(key, spec, self.sampling)
        object.__setattr__(self, "_keys", tuple(self.parameters))
        if self.sampling == "grid":
            size = grid_size(self.parameters)
            _check(
                size <= MAX_DESIGNS,
                f"study.parameters: the grid has {size:,} designs; valid range [1, "
                f"{MAX_DESIGNS:,}] (split the study, or sample it with sampling = "
                "'random' or 'latin-hypercube')",
            )

    @property
    def keys(self):
        """The varied keys, in order."""
        return self._keys

    @property
    def size(self):
        """Number of designs."""
        if self.sampling != "grid":
            return self.samples
        return grid_size(self.parameters)

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
        """The designs one at a time (:func:`~asslb_sim.studies.sampling.iter_designs`)."""
        return iter_designs(self)


def _study_cell(cell, path):
    """The base cell of a study file: a preset name, or a cell file found beside the
    study file (a relative path is relative to the study file's folder, not to the
    working directory)."""
    from ..design import preset_names

    _check(
        isinstance(cell, str) and cell,
        f"{path}: study.cell: {cell!r} must be a preset name or a cell file (text)",
    )
    if cell in preset_names() or Path(cell).is_absolute():
        return cell
    local = path.parent / cell
    _check(
        local.is_file() or cell.endswith(".toml"),
        f"{path}: study.cell: {cell!r} is neither a preset ({preset_names()}) nor a file in "
        f"the study file's folder {str(path.parent)!r}",
    )
    return str(local)


def load_study(path):
    """Read a study file (TOML; format in the README)."""
    import tomllib

    path = Path(path)
    _check(path.is_file(), f"study file {str(path)!r} does not exist")
    try:
        doc = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CellDefinitionError(f"study file {str(path)!r} is not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise CellDefinitionError(f"study file {str(path)!r} is not a text (TOML) file") from None
    unknown = set(doc) - {"study", "parameters"}
    _check(
        not unknown, f"{path}: unknown section(s) {sorted(unknown)}; valid: ['parameters', 'study']"
    )
    head = dict(doc.get("study", {}))
    unknown = set(head) - set(STUDY_KEYS)
    _check(
        not unknown,
        f"{path}: unknown key(s) {sorted(unknown)} in [study]; valid: {sorted(STUDY_KEYS)}",
    )
    head["cell"] = _study_cell(head.get("cell", "default"), path)
    return Study(parameters=doc.get("parameters", {}), **head)
