"""Cell definitions: built-in presets and TOML files, validated before any solve.

A cell is a design (materials and formulation, in the battery units of a cell
file), the PyBaMM parameter values composed from it
(``asslb_sim.parameter_sets.compose``), the model options that choose each law,
and the C-rate basis. A TOML cell file starts from a preset and overrides what
differs; the keys are documented in the README.
"""

from __future__ import annotations

import copy
import functools
import math
import numbers
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomllib

from .errors import CellDefinitionError

# parameter -> (low, high, low inclusive, high inclusive), SI units: checked for
# every cell, including direct overrides by PyBaMM name
_INF = math.inf
RANGES = {
    "Separator thickness [m]": (0, 5e-3, False, True),
    "Positive electrode thickness [m]": (0, 5e-3, False, True),
    "Negative electrode thickness [m]": (0, 5e-3, True, True),
    "Positive particle radius [m]": (0, 1e-4, False, True),
    "Separator solid electrolyte volume fraction": (0, 1, False, True),
    "Positive electrode active material volume fraction": (0, 1, False, False),
    "Positive electrode solid electrolyte volume fraction": (0, 1, False, False),
    "Positive electrode carbon volume fraction": (0, 1, True, False),
    "Positive electrode binder volume fraction": (0, 1, True, False),
    "Positive electrode void volume fraction": (0, 1, True, False),
    "Separator solid electrolyte Bruggeman exponent": (0, 10, True, True),
    "Positive electrode solid electrolyte Bruggeman exponent": (0, 10, True, True),
    "Positive electrode active material Bruggeman exponent": (0, 10, True, True),
    "Positive electrode carbon Bruggeman exponent": (0, 10, True, True),
    "Positive electrode solid electrolyte tortuosity factor": (1, _INF, True, False),
    "Separator solid electrolyte conductivity at reference temperature [S.m-1]": (
        0,
        _INF,
        False,
        False,
    ),
    "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]": (
        0,
        _INF,
        False,
        False,
    ),
    "Separator solid electrolyte conductivity activation energy [J.mol-1]": (0, 2e5, True, True),
    "Positive electrode solid electrolyte conductivity activation energy [J.mol-1]": (
        0,
        2e5,
        True,
        True,
    ),
    "Positive electrode active material conductivity at reference state [S.m-1]": (
        0,
        _INF,
        True,
        False,
    ),
    "Positive electrode carbon conductivity [S.m-1]": (0, _INF, True, False),
    "Positive particle diffusivity at reference temperature [m2.s-1]": (0, 1e-8, False, True),
    "Positive electrode exchange-current density at half lithiation [A.m-2]": (
        0,
        _INF,
        False,
        False,
    ),
    "Positive electrode active material contact coverage": (0, 1, False, True),
    "Positive electrode isolated active material fraction": (0, 1, True, False),
    "Positive electrode film resistance [Ohm.m2]": (0, 1, True, True),
    "Lithium metal interphase resistance [Ohm.m2]": (0, 1, True, True),
    "Lithium metal exchange-current density at reference temperature [A.m-2]": (
        0,
        _INF,
        False,
        False,
    ),
    "Maximum concentration in positive electrode [mol.m-3]": (0, _INF, False, False),
    "Ambient temperature [K]": (173.15, 573.15, True, True),
    "Initial temperature [K]": (173.15, 573.15, True, True),
    "Reference temperature [K]": (173.15, 573.15, True, True),
    "Lower voltage cut-off [V]": (0, 6, False, True),
    "Upper voltage cut-off [V]": (0, 6, False, True),
}

# rules by name ending, for every parameter not in RANGES
SUFFIX_RANGES = (
    (" activation energy [J.mol-1]", (0, 2e5, True, True)),
    (" percolation threshold", (0, 1, True, False)),
    (" percolation floor", (0, 1, False, True)),
    (" percolation exponent", (0, 10, False, True)),
    (" tortuosity factor", (1, _INF, True, False)),
    (" Bruggeman exponent", (0, 10, True, True)),
    (" volume fraction", (0, 1, True, True)),
    (" density [kg.m-3]", (0, _INF, True, False)),
    (" conductivity at reference temperature [S.m-1]", (0, _INF, True, False)),
    (" thickness [m]", (0, 5e-3, True, True)),
)
RANGES.update(
    {
        "Lithium metal density [kg.m-3]": (0, _INF, False, False),
        "Lithium metal molar mass [kg.mol-1]": (0, _INF, False, False),
        "Positive electrode active material density [kg.m-3]": (0, _INF, False, False),
    }
)

CATHODE_PHASES = (
    "Positive electrode active material volume fraction",
    "Positive electrode solid electrolyte volume fraction",
    "Positive electrode carbon volume fraction",
    "Positive electrode binder volume fraction",
    "Positive electrode void volume fraction",
)

# volume fractions written with 3-4 decimals must sum to 1 within this
_SUM_TOLERANCE = 1e-3
# keys that state the same fact in different ways: per section, families of
# alternative groups; a user's key from one group removes the preset's others
_ALTERNATIVES = {
    "cathode": [
        [
            ("mass_fractions",),
            (
                "active_material_volume_fraction",
                "solid_electrolyte_volume_fraction",
                "carbon_volume_fraction",
                "binder_volume_fraction",
            ),
        ],
        [("thickness_um",), ("loading_mg_cm2",)],
    ],
    "separator": [
        [
            ("solid_electrolyte_volume_fraction",),
            ("binder_mass_fraction", "template_volume_fraction", "void_volume_fraction"),
        ]
    ],
    "anode": [[("li_thickness_um",), ("li_excess_um",), ("n_p_ratio",)]],
}


class FrozenParameters(dict):
    """A read-only dict of parameter values (picklable, unlike a mapping proxy)."""

    def _readonly(self, *args, **kwargs):
        raise TypeError(
            "cell parameter values are read-only: use Cell.with_parameters(...) for a new cell"
        )

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _readonly

    def __reduce__(self):
        return (FrozenParameters, (dict(self),))


def _describe_range(low, high, low_inc, high_inc):
    left = "[" if low_inc else "("
    right = "]" if high_inc else ")"
    return f"{left}{low:g}, {high:g}{right}"


@functools.cache  # RANGES and SUFFIX_RANGES are fixed at import; names repeat per design
def _range_of(name):
    if name in RANGES:
        return RANGES[name]
    for suffix, limits in SUFFIX_RANGES:
        if name.endswith(suffix):
            return limits
    return None


def _is_number(value):
    if type(value) in (float, int):  # the common case, without the ABC check
        return True
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _check_range(name, value):
    low, high, low_inc, high_inc = _range_of(name)
    ok = _is_number(value) and math.isfinite(value)
    if ok:
        ok = (value >= low if low_inc else value > low) and (
            value <= high if high_inc else value < high
        )
    if not ok:
        raise CellDefinitionError(
            f"{name}: {value!r} is out of range; valid range "
            f"{_describe_range(low, high, low_inc, high_inc)} (SI units)"
        )


def validate_parameter_values(values):
    """Check every known parameter against :data:`RANGES` and the phase balance.

    Raises
    ------
    CellDefinitionError
        Naming the offending parameter, its value and the valid range.
    """
    for name, value in values.items():
        if hasattr(value, "evaluate"):
            continue  # a PyBaMM symbol (e.g. an input parameter for a sweep or a fit)
        if _range_of(name) is not None:
            _check_range(name, value)
        elif name not in ("chemistry", "citations") and not (
            callable(value) or (_is_number(value) and math.isfinite(value))
        ):
            raise CellDefinitionError(f"{name}: {value!r} must be a finite number")
    present = [n for n in CATHODE_PHASES if n in values]
    if present:
        missing = [n for n in CATHODE_PHASES if n not in values]
        if missing:
            raise CellDefinitionError(f"cathode volume fractions incomplete: missing {missing}")
        total = sum(values[n] for n in CATHODE_PHASES)
        if abs(total - 1) > _SUM_TOLERANCE:
            parts = ", ".join(f"{n.split('electrode ')[1]} = {values[n]:g}" for n in CATHODE_PHASES)
            raise CellDefinitionError(
                f"cathode volume fractions sum to {total:.4f}, must be 1 "
                f"(+-{_SUM_TOLERANCE:g}): {parts}"
            )
    low = values.get("Lower voltage cut-off [V]")
    high = values.get("Upper voltage cut-off [V]")
    if low is not None and high is not None and not low < high:
        raise CellDefinitionError(
            f"Lower voltage cut-off [V] = {low} must be below Upper voltage cut-off [V] = {high}"
        )


@dataclass(frozen=True)
class Cell:
    """A validated cell definition.

    Attributes
    ----------
    name : str
        Name of the cell.
    parameter_values : dict
        Parameter name -> value (SI), as understood by ``pybamm.ParameterValues``.
    model_options : dict
        Keyword arguments of :class:`asslb_sim.models.CellModelOptions`.
    nominal_capacity : float or None
        Areal capacity [mA.h.cm-2] defining 1C when given by the user; ``None``
        means "computed from the CAM loading and its usable stoichiometry window".
    design : dict
        The design the parameter values were composed from (cell-file sections).
    """

    name: str
    parameter_values: dict
    model_options: dict = field(default_factory=dict)
    nominal_capacity: float | None = None
    design: dict = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "parameter_values", FrozenParameters(self.parameter_values))
        object.__setattr__(self, "model_options", dict(self.model_options))
        validate_parameter_values(self.parameter_values)
        _validate_model_options(self.model_options)
        film = self.parameter_values.get("Positive electrode film resistance [Ohm.m2]", 0)
        if _is_number(film) and film > 0 and self.model_options.get("film", "none") == "none":
            raise CellDefinitionError(
                f"Positive electrode film resistance [Ohm.m2] = {film:g} needs the film law: "
                "model option film = 'resistive' (cell files select it automatically)"
            )
        if self.nominal_capacity is not None:
            v = self.nominal_capacity
            if not (_is_number(v) and math.isfinite(v) and v > 0):
                raise CellDefinitionError(
                    f"cell.nominal_capacity_mAh_cm2: {v!r} is out of range; "
                    "valid range (0, inf) mA.h.cm-2"
                )

    def with_parameters(self, **updates):
        """Return a copy with PyBaMM-named parameters replaced (validated).

        A positive ``"Positive electrode film resistance [Ohm.m2]"`` selects the
        resistive-film law unless the film option was set explicitly.
        """
        values = dict(self.parameter_values)
        for name, value in updates.items():
            if name not in values:
                raise CellDefinitionError(f"unknown parameter {name!r}")
            values[name] = value
        options = dict(self.model_options)
        film = values.get("Positive electrode film resistance [Ohm.m2]", 0)
        if _is_number(film) and film > 0 and "film" not in options:
            options["film"] = "resistive"
        return replace(self, parameter_values=values, model_options=options)

    def with_options(self, **options):
        """Return a copy with model options replaced (validated)."""
        return replace(self, model_options={**self.model_options, **options})

    def with_design(self, **sections):
        """Return the cell recomposed with some design keys changed.

        ``cell.with_design(cathode={"mass_fractions": {...}}, separator={...})``
        merges each given section into the cell's design (as a cell file would)
        and composes the parameter values again.
        """
        return from_dict(sections, base=self)


def _validate_model_options(options):
    from .models.options import CellModelOptions

    try:
        CellModelOptions(**options)
    except TypeError:
        raise CellDefinitionError(
            f"model: unknown option in {sorted(options)}; valid: "
            f"{sorted(CellModelOptions.__dataclass_fields__)}"
        ) from None
    except ValueError as exc:
        raise CellDefinitionError(f"model: {exc}") from None


def preset_names():
    """Names of the built-in cell presets (plus ``"default"``)."""
    from .parameter_sets import PRESETS

    return sorted(["default", *PRESETS])


def _preset_design(name):
    from .parameter_sets import PRESETS, default_cell

    if name == "default":
        return default_cell.DESIGN
    if name not in PRESETS:
        raise CellDefinitionError(f"cell: unknown preset {name!r}; known presets: {preset_names()}")
    return PRESETS[name].DESIGN


def _merge(base, update):
    """Merge cell-file sections: a user's key replaces the preset's, and a key
    that states a fact another way (thickness vs loading, mass vs volume
    fractions, Li thickness vs excess) removes the preset's alternatives."""
    merged = copy.deepcopy(base)
    for section, entries in update.items():
        if not isinstance(entries, dict):
            merged[section] = entries
            continue
        target = merged.setdefault(section, {})
        if section == "anode" and entries.get("material", target.get("material")) != target.get(
            "material"
        ):
            target.clear()  # another kind of anode: none of the preset's anode keys apply
        for family in _ALTERNATIVES.get(section, []):
            for group in family:
                if any(k in entries for k in group):
                    for other in family:
                        if other is not group:
                            for k in other:
                                target.pop(k, None)
        target.update(copy.deepcopy(entries))
    return merged


def from_dict(doc, source="cell definition", base=None):
    """Build a cell from cell-file sections (parsed TOML), on a preset or ``base``."""
    from .parameter_sets import compose as composer

    if not isinstance(doc, dict):
        raise CellDefinitionError(f"{source}: a cell definition is a table of sections")
    head = doc.get("cell", {})
    if not isinstance(head, dict):
        raise CellDefinitionError(f"{source}: [cell] must be a table")
    nominal = head.get("nominal_capacity_mAh_cm2")
    if nominal is not None and not _is_number(nominal):
        raise CellDefinitionError(
            f"{source}: cell.nominal_capacity_mAh_cm2: {nominal!r} must "
            "be a number in mA.h.cm-2; valid range (0, inf)"
        )
    try:
        composer.check_keys({k: v for k, v in doc.items() if k != "parameters"})
    except composer.DesignError as exc:
        raise CellDefinitionError(f"{source}: {exc}") from None
    if base is None:
        base_design = _preset_design(head.get("preset", "default"))
        base_options, base_nominal, base_name = {}, None, head.get("preset", "default")
    else:
        base_design = base.design
        base_options, base_nominal, base_name = base.model_options, base.nominal_capacity, base.name
    design = _merge(
        base_design, {k: v for k, v in doc.items() if k not in ("cell", "model", "parameters")}
    )
    try:
        values = composer.compose(design)
    except composer.DesignError as exc:
        raise CellDefinitionError(f"{source}: {exc}") from None
    for section in ("model", "parameters"):
        if not isinstance(doc.get(section, {}), dict):
            raise CellDefinitionError(f"{source}: [{section}] must be a table")
    for name, value in doc.get("parameters", {}).items():
        if name not in values:
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} is not a parameter of the base cell"
            )
        if callable(values[name]):
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} is a function in the base cell and cannot "
                "be replaced by a value in a cell file; override its scalar parameters"
            )
        if not (_is_number(value) and math.isfinite(value)):
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} = {value!r} must be a finite number (SI units)"
            )
        values[name] = value
    # the anode option follows the design; only a cell file's own [model] may state it
    options = {**{k: v for k, v in base_options.items() if k != "anode"}, **doc.get("model", {})}
    # a tortuosity factor given in the file selects the tortuosity-factor law
    if "se_tortuosity_factor" in doc.get("cathode", {}):
        law = options.setdefault("solid_electrolyte_transport", "tortuosity factor")
        if law != "tortuosity factor":
            raise CellDefinitionError(
                f"{source}: cathode.se_tortuosity_factor is given but [model] "
                f"solid_electrolyte_transport = {law!r}; use 'tortuosity factor'"
            )
    film = values["Positive electrode film resistance [Ohm.m2]"]
    if film > 0 and "film" not in options:
        options["film"] = "resistive"  # a coating or film resistance needs the film law
    elif film > 0 and options.get("film") == "none":
        raise CellDefinitionError(
            f"{source}: the cathode has a film resistance ({film * 1e4:g} Ohm cm2, from a "
            "coating or film_resistance_ohm_cm2) but [model] film = 'none'; use 'resistive'"
        )
    anode = (
        "anode-free"
        if design.get("anode", {}).get("material") == "anode-free"
        else ("lithium metal")
    )
    if options.get("anode", anode) != anode:
        raise CellDefinitionError(
            f"{source}: [model] anode = {options['anode']!r} contradicts anode.material"
        )
    options["anode"] = anode
    name = head.get("name", Path(source).stem if source.endswith(".toml") else base_name)
    return Cell(
        name=name,
        parameter_values=values,
        model_options=options,
        nominal_capacity=head.get("nominal_capacity_mAh_cm2", base_nominal),
        design=design,
    )


def from_preset(name="default"):
    """Return the built-in cell ``name`` (see :func:`preset_names`)."""
    _preset_design(name)  # unknown names fail here with the list of presets
    return from_dict({"cell": {"preset": name, "name": name}}, source=f"preset {name!r}")


def from_toml(path):
    """Read a cell definition file (format in the README)."""
    path = Path(path)
    if not path.is_file():
        raise CellDefinitionError(f"cell file {str(path)!r} does not exist")
    try:
        doc = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CellDefinitionError(f"cell file {str(path)!r} is not valid TOML: {exc}") from None
    return from_dict(doc, source=str(path))


def load_cell(spec="default"):
    """Return a cell from a preset name, a TOML file path, or a :class:`Cell`."""
    if isinstance(spec, Cell):
        return spec
    spec = str(spec)
    if spec.endswith(".toml") or Path(spec).is_file():
        return from_toml(spec)
    return from_preset(spec)
