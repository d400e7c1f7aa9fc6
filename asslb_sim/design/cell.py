"""A cell: its design, the PyBaMM parameter values composed from it, and its C-rate basis.

A cell is made from a design (materials and formulation, in the battery units
of a cell file; :mod:`asslb_sim.design.schema`), composed into PyBaMM parameter
values (:func:`~asslb_sim.design.compose.compose`), with the model options that
choose each law and its C-rate basis, computed once. Every change goes back
through the design, so what depends on a changed value never goes stale:
:meth:`Cell.with_parameters` turns PyBaMM-named values into design keys where a
key sets them (and keeps the others as explicit overrides), and
:meth:`Cell.with_design` keeps those overrides.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field, replace

from ..errors import CellDefinitionError
from ..parameter_sets import defaults
from .anodes import anode_kind, anode_kind_of_design
from .basis import compute_basis
from .cathode import MEASURED_KEYS
from .compose import compose
from .ranges import DERIVED, validate_parameter_values
from .schema import ALTERNATIVES, is_number, key_of_parameter

# longest cell name: it titles plots and tables (a file name is at most 255 bytes)
MAX_NAME_LENGTH = 256


class FrozenParameters(dict):
    """A read-only dict of parameter values (picklable, unlike a mapping proxy)."""

    def _readonly(self, *args, **kwargs):
        raise TypeError(
            "cell parameter values are read-only: use Cell.with_parameters(...) for a new cell"
        )

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _readonly

    def __reduce__(self):
        return (FrozenParameters, (dict(self),))


def validate_model_options(options):
    """Check model options; raise a CellDefinitionError naming the bad one."""
    from ..models.options import CellModelOptions

    try:
        CellModelOptions(**options)
    except TypeError:
        raise CellDefinitionError(
            f"model: unknown option in {sorted(options)}; valid: "
            f"{sorted(CellModelOptions.__dataclass_fields__)}"
        ) from None
    except ValueError as exc:
        raise CellDefinitionError(f"model: {exc}") from None


@dataclass(frozen=True)
class Cell:
    """A validated cell.

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
        The design the parameter values were composed from (cell-file sections;
        ``"parameters"`` holds explicit overrides of parameters without a key).
    basis : CRateBasis
        What 1C means, and the usable stoichiometry window (computed once).
    """

    name: str
    parameter_values: dict
    model_options: dict = field(default_factory=dict)
    nominal_capacity: float | None = None
    design: dict = field(default_factory=dict)
    basis: object = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self):
        values = dict(self.parameter_values)
        validate_parameter_values(values)
        options = dict(self.model_options)
        validate_model_options(options)
        film = values.get("Positive electrode film resistance [Ohm.m2]", 0)
        if is_number(film) and film > 0 and options.get("film", "none") == "none":
            raise CellDefinitionError(
                f"Positive electrode film resistance [Ohm.m2] = {film:g} needs the film law: "
                "model option film = 'resistive' (cell files select it automatically)"
            )
        gb = values.get("Separator grain-boundary resistance [Ohm.m2]", 0)
        with_boundaries = options.get("grain_boundaries", "none") != "none"
        if is_number(gb) and gb > 0 and not with_boundaries:
            raise CellDefinitionError(
                f"Separator grain-boundary resistance [Ohm.m2] = {gb:g} needs the model option "
                "grain_boundaries = 'separator' (cell files select it automatically)"
            )
        if is_number(gb) and gb <= 0 and with_boundaries:
            raise CellDefinitionError(
                f"model option grain_boundaries = 'separator' needs a grain-boundary resistance: "
                f"separator.grain_boundary_resistance_ohm_cm2 = {gb * 1e4:g}; valid range (0, 1e4] "
                "Ohm.cm2"
            )
        if self.nominal_capacity is not None:
            v = self.nominal_capacity
            if not (is_number(v) and math.isfinite(v) and v > 0):
                raise CellDefinitionError(
                    f"cell.nominal_capacity_mAh_cm2: {v!r} is out of range; "
                    "valid range (0, inf) mA.h.cm-2"
                )
        basis = compute_basis(values, self.nominal_capacity)
        # the PyBaMM record of 1C (experiments' C-rates use it)
        values["Nominal cell capacity [A.h]"] = basis.nominal_capacity * area_cm2(values) * 1e-3
        object.__setattr__(self, "parameter_values", FrozenParameters(values))
        object.__setattr__(self, "model_options", options)
        object.__setattr__(self, "basis", basis)

    @property
    def anode(self):
        """The :class:`~asslb_sim.design.anodes.AnodeKind` of this cell."""
        return anode_kind(self)

    @property
    def area_cm2(self):
        """Electrode area of the parameter values [cm2]."""
        return area_cm2(self.parameter_values)

    @property
    def cam_loading(self):
        """Mass of all CAM (connected or not) per electrode area [g.cm-2]."""
        v = self.parameter_values
        return (
            v["Positive electrode active material volume fraction"]
            * v["Positive electrode thickness [m]"]
            * v["Positive electrode active material density [kg.m-3]"]
            * 0.1  # kg/m2 -> g/cm2
        )

    def current(self, density):
        """The current [A] of a current density [mA.cm-2] over the electrode area."""
        return density * self.area_cm2 * 1e-3

    def with_parameters(self, **updates):
        """A new cell with PyBaMM-named parameters changed (SI units), recomposed.

        A parameter that a design key sets is changed through that key, so that
        what is composed from it follows (a thicker cathode plates more Li); a
        parameter composed from several keys (a volume fraction, the CAM loading)
        is refused with the key to use instead; any other parameter becomes an
        explicit override, kept by later :meth:`with_design` calls. A positive
        film resistance selects the film law unless the option was set.
        """
        sections, overrides = {}, {}
        for name, value in updates.items():
            found = key_of_parameter().get(name)
            if name in DERIVED or (found is not None and found[1].composed):
                hint = DERIVED.get(name) or f"{found[0]} (with the keys it is composed with)"
                raise CellDefinitionError(
                    f"{name} is composed from the design; change {hint} instead, with "
                    "Cell.with_design"
                )
            if found is not None:
                dotted, quantity = found
                if not (is_number(value) and math.isfinite(value)):
                    raise CellDefinitionError(f"{name}: {value!r} must be a finite number (SI)")
                section, _, key = dotted.partition(".")
                sections.setdefault(section, {})[key] = quantity.from_si(value)
            elif name in self.parameter_values:
                overrides[name] = value
            else:
                raise CellDefinitionError(f"unknown parameter {name!r}")
        return _recompose(self, sections, overrides)

    def with_options(self, **options):
        """A new cell with model options replaced (validated); the choice is kept by
        later :meth:`with_design` calls, like a cell file's ``[model]``."""
        design = {**self.design, "model": {**self.design.get("model", {}), **options}}
        return replace(self, model_options={**self.model_options, **options}, design=design)

    def with_design(self, **sections):
        """The cell recomposed with some design keys changed.

        ``cell.with_design(cathode={"mass_fractions": {...}}, separator={...})``
        merges each given section into the cell's design (as a cell file would)
        and composes the parameter values again; explicit overrides are kept.
        """
        return from_dict(sections, base=self)


def area_cm2(values):
    """Electrode area [cm2] of parameter ``values``."""
    return (
        values["Electrode height [m]"]
        * values["Electrode width [m]"]
        * values["Number of electrodes connected in parallel to make a cell"]
        * 1e4
    )


def merge(base, update):
    """Merge cell-file sections: a user's key replaces the preset's, and a key that
    states a fact another way (thickness vs loading, mass vs volume fractions, Li
    thickness vs excess) removes the preset's alternatives."""
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
        for family in ALTERNATIVES.get(section, []):
            for group in family:
                if any(k in entries for k in group):
                    for other in family:
                        if other is not group:
                            for k in other:
                                target.pop(k, None)
        target.update(copy.deepcopy(entries))
    _keep_cut_offs_on_their_scale(base, update, merged)
    return merged


def _keep_cut_offs_on_their_scale(base, update, merged):
    """Cut-offs inherited from ``base`` across a change of counter electrode (a preset
    vs Li made an In/InLi half cell) keep the scale they were stated on: they are
    marked as vs Li (``cutoffs_vs = "Li"``), converted if the base stated them against
    its alloy."""
    operation = update.get("operation", {})
    if not isinstance(operation, dict) or {"lower_cutoff_V", "upper_cutoff_V", "cutoffs_vs"} & set(
        operation
    ):
        return
    inherited = merged.get("operation", {})
    if not {"lower_cutoff_V", "upper_cutoff_V"} & set(inherited):
        return
    try:
        before, after = anode_kind_of_design(base), anode_kind_of_design(merged)
    except CellDefinitionError:
        return  # an unknown material: composition says so
    if before.voltage_reference == after.voltage_reference:
        return
    if inherited.get("cutoffs_vs", "counter electrode") != "Li":
        for key in ("lower_cutoff_V", "upper_cutoff_V"):
            if key in inherited:
                inherited[key] += before.counter_potential
    inherited["cutoffs_vs"] = "Li"


def _design_of_overrides(overrides, source):
    """Split ``[parameters]`` into design keys (where a key sets the parameter) and
    overrides; refuse parameters composed from several keys."""
    sections, rest = {}, {}
    for name, value in overrides.items():
        found = key_of_parameter().get(name)
        if name in DERIVED or (found is not None and found[1].composed):
            hint = DERIVED.get(name) or found[0]
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} is composed from the design; give {hint} instead"
            )
        if found is None:
            rest[name] = value
            continue
        if not (is_number(value) and math.isfinite(value)):
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} = {value!r} must be a finite number (SI units)"
            )
        dotted, quantity = found
        section, _, key = dotted.partition(".")
        sections.setdefault(section, {})[key] = quantity.from_si(value)
    return sections, rest


def resolve_options(design, values, source):
    """The model options of a composed cell.

    The cell file's ``[model]`` choices (kept in ``design["model"]``, also by
    :meth:`Cell.with_options`) stand; every other option follows the design: a
    measured effective conductivity selects the "measured" law of its phase, a
    tortuosity factor the "tortuosity factor" law, a film resistance the film law,
    the anode material the anode model, and the cathode's networks otherwise use
    the library's laws (:data:`~asslb_sim.parameter_sets.defaults.CATHODE_LAWS`).
    """
    chosen = dict(design.get("model", {}))
    cathode = design.get("cathode", {})
    derived = {}
    for key, slots in MEASURED_KEYS.items():
        if key in cathode:
            derived.update(dict.fromkeys(slots, "measured"))
    if "se_tortuosity_factor" in cathode:
        derived["solid_electrolyte_transport"] = "tortuosity factor"
    for slot, law in derived.items():
        if chosen.get(slot, law) != law:
            why = "a tortuosity factor" if law == "tortuosity factor" else "a measured conductivity"
            raise CellDefinitionError(
                f"{source}: the cathode gives {why} but [model] {slot} = {chosen[slot]!r}; "
                f"use {law!r} (or leave it out)"
            )
    for slot, needs in (
        ("solid_electrolyte_transport", "se_effective_conductivity"),
        ("active_material_transport", "electronic_conductivity"),
    ):
        if chosen.get(slot) == "measured" and not any(k.startswith(needs) for k in cathode):
            raise CellDefinitionError(
                f"{source}: [model] {slot} = 'measured' needs cathode.{needs}_mS_cm or "
                f"cathode.{needs}_table"
            )
    options = {**{k: str(v) for k, v in defaults.CATHODE_LAWS.items()}, **derived, **chosen}
    film = values["Positive electrode film resistance [Ohm.m2]"]
    if film > 0 and "film" not in options:
        options["film"] = "resistive"  # a coating or film resistance needs the film law
    elif film > 0 and options.get("film") == "none":
        raise CellDefinitionError(
            f"{source}: the cathode has a film resistance ({film * 1e4:g} Ohm cm2, from a "
            "coating or film_resistance_ohm_cm2) but [model] film = 'none'; use 'resistive'"
        )
    gb = values["Separator grain-boundary resistance [Ohm.m2]"]
    if gb > 0 and "grain_boundaries" not in options:
        options["grain_boundaries"] = "separator"  # its own element in series
    elif gb > 0 and options.get("grain_boundaries") == "none":
        raise CellDefinitionError(
            f"{source}: the separator has a grain-boundary resistance ({gb * 1e4:g} Ohm cm2) "
            "but [model] grain_boundaries = 'none'; use 'separator'"
        )
    anode = anode_kind_of_design(design).model_option
    if chosen.get("anode", anode) != anode:
        raise CellDefinitionError(
            f"{source}: [model] anode = {chosen['anode']!r} contradicts anode.material"
        )
    options["anode"] = anode
    return options


def _recompose(cell, sections, overrides):
    """``cell`` with design ``sections`` merged and ``overrides`` added, composed again
    (model options kept; those that follow the design follow it)."""
    design = merge(cell.design, sections)
    design["parameters"] = {**cell.design.get("parameters", {}), **overrides}
    values = compose(
        {k: v for k, v in design.items() if k not in ("model", "parameters")},
        design["parameters"],
    )
    return Cell(
        name=cell.name,
        parameter_values=values,
        model_options=resolve_options(design, values, "cell"),
        nominal_capacity=design.get("cell", {}).get(
            "nominal_capacity_mAh_cm2", cell.nominal_capacity
        ),
        design=design,
    )


def preset_names():
    """Names of the built-in cell presets (plus ``"default"``)."""
    from .presets import PRESETS

    return sorted(["default", *PRESETS])


def _preset_design(name):
    from .presets import PRESETS

    if name == "default":
        name = "NMC811_Li6PS5Cl_Li"
    if name not in PRESETS:
        raise CellDefinitionError(f"cell: unknown preset {name!r}; known presets: {preset_names()}")
    return copy.deepcopy(PRESETS[name])


def from_dict(doc, source="cell definition", base=None):
    """Build a cell from cell-file sections (parsed TOML), on a preset or on ``base``."""
    if not isinstance(doc, dict):
        raise CellDefinitionError(f"{source}: a cell definition is a table of sections")
    from .schema import check_keys

    try:
        check_keys(doc)
    except CellDefinitionError as exc:
        raise CellDefinitionError(f"{source}: {exc}") from None
    head = doc.get("cell", {})
    if base is None:
        base_design = _preset_design(head.get("preset", "default"))
        base_nominal = None
        base_name = head.get("preset", "default")
    else:
        base_design = base.design
        base_nominal, base_name = base.nominal_capacity, base.name
    keyed, overrides = _design_of_overrides(doc.get("parameters", {}), source)
    sections = {k: v for k, v in doc.items() if k not in ("model", "parameters")}
    design = merge(merge(base_design, sections), keyed)
    design["parameters"] = {**base_design.get("parameters", {}), **overrides}
    design["model"] = {**base_design.get("model", {}), **doc.get("model", {})}
    try:
        values = compose(
            {k: v for k, v in design.items() if k not in ("model", "parameters")},
            design["parameters"],
            source,
        )
    except CellDefinitionError as exc:
        text = str(exc)
        raise CellDefinitionError(
            text if text.startswith(source) else f"{source}: {text}"
        ) from None
    options = resolve_options(design, values, source)
    if "nominal_capacity_mAh_cm2" in design.get("cell", {}):
        nominal = design["cell"]["nominal_capacity_mAh_cm2"]
        if not is_number(nominal):
            raise CellDefinitionError(
                f"{source}: cell.nominal_capacity_mAh_cm2: {nominal!r} must be a number in "
                "mA.h.cm-2; valid range (0, inf)"
            )
    else:
        nominal = base_nominal
    name = head.get(
        "name", source.rsplit("/", 1)[-1][:-5] if source.endswith(".toml") else base_name
    )
    if len(name) > MAX_NAME_LENGTH:
        raise CellDefinitionError(
            f"{source}: cell.name: {len(name)} characters; valid range [0, {MAX_NAME_LENGTH}] "
            "characters (it titles plots and tables)"
        )
    return Cell(
        name=name,
        parameter_values=values,
        model_options=options,
        nominal_capacity=nominal,
        design=design,
    )


def from_preset(name="default"):
    """Return the built-in cell ``name`` (see :func:`preset_names`)."""
    _preset_design(name)  # unknown names fail here with the list of presets
    return from_dict({"cell": {"preset": name, "name": name}}, source=f"preset {name!r}")
