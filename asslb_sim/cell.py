"""Cell definitions: built-in presets, TOML files, validation before any solve.

A cell is a parameter set (PyBaMM names, SI units) plus the model options that
choose each law, plus the C-rate basis. Users write cells in battery units
(um, mS/cm, Ohm cm2, ...) in a TOML file; :data:`FIELDS` maps each TOML key to
its PyBaMM parameter and unit, and :data:`RANGES` gives the valid range of each
parameter, checked for every cell whatever its origin.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomllib

from .errors import CellDefinitionError

PRESETS = {
    "default": "NMC811_Li6PS5Cl_Li",
    "NMC811_Li6PS5Cl_Li": "NMC811_Li6PS5Cl_Li",
}

_F = 96485.33212  # C/mol, to convert eV per ion to J/mol
_INF = math.inf


@dataclass(frozen=True)
class Field:
    """One TOML key: its PyBaMM parameter(s) and the conversion to SI."""

    names: tuple[str, ...]
    scale: float = 1.0
    offset: float = 0.0
    unit: str = ""

    def to_si(self, value):
        return value * self.scale + self.offset


# section -> key -> Field. Keys carry their unit, as users write them.
FIELDS = {
    "separator": {
        "thickness_um": Field(("Separator thickness [m]",), 1e-6, unit="um"),
        "conductivity_mS_cm": Field(
            ("Separator solid electrolyte conductivity at reference temperature [S.m-1]",),
            0.1,
            unit="mS/cm",
        ),
        "activation_energy_eV": Field(
            ("Separator solid electrolyte conductivity activation energy [J.mol-1]",),
            _F,
            unit="eV",
        ),
        "solid_electrolyte_volume_fraction": Field(
            ("Separator solid electrolyte volume fraction",)
        ),
        "bruggeman_exponent": Field(("Separator solid electrolyte Bruggeman exponent",)),
    },
    "cathode": {
        "thickness_um": Field(("Positive electrode thickness [m]",), 1e-6, unit="um"),
        "active_material_volume_fraction": Field(
            ("Positive electrode active material volume fraction",)
        ),
        "solid_electrolyte_volume_fraction": Field(
            ("Positive electrode solid electrolyte volume fraction",)
        ),
        "carbon_volume_fraction": Field(("Positive electrode carbon volume fraction",)),
        "binder_volume_fraction": Field(("Positive electrode binder volume fraction",)),
        "void_volume_fraction": Field(("Positive electrode void volume fraction",)),
        "se_conductivity_mS_cm": Field(
            ("Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]",),
            0.1,
            unit="mS/cm",
        ),
        "se_activation_energy_eV": Field(
            ("Positive electrode solid electrolyte conductivity activation energy [J.mol-1]",),
            _F,
            unit="eV",
        ),
        "se_bruggeman_exponent": Field(
            ("Positive electrode solid electrolyte Bruggeman exponent",)
        ),
        "se_tortuosity_factor": Field(("Positive electrode solid electrolyte tortuosity factor",)),
        "active_material_conductivity_S_m": Field(
            ("Positive electrode active material conductivity at reference state [S.m-1]",),
            unit="S/m",
        ),
        "active_material_bruggeman_exponent": Field(
            ("Positive electrode active material Bruggeman exponent",)
        ),
        "carbon_conductivity_S_m": Field(
            ("Positive electrode carbon conductivity [S.m-1]",), unit="S/m"
        ),
        "carbon_bruggeman_exponent": Field(("Positive electrode carbon Bruggeman exponent",)),
        "particle_radius_um": Field(("Positive particle radius [m]",), 1e-6, unit="um"),
        "diffusivity_m2_s": Field(
            ("Positive particle diffusivity at reference temperature [m2.s-1]",), unit="m2/s"
        ),
        "exchange_current_density_A_m2": Field(
            ("Positive electrode exchange-current density at half lithiation [A.m-2]",),
            unit="A/m2",
        ),
        "contact_coverage": Field(("Positive electrode active material contact coverage",)),
        "isolated_fraction": Field(("Positive electrode isolated active material fraction",)),
        "film_resistance_ohm_cm2": Field(
            ("Positive electrode film resistance [Ohm.m2]",), 1e-4, unit="Ohm cm2"
        ),
    },
    "anode": {
        "li_thickness_um": Field(("Negative electrode thickness [m]",), 1e-6, unit="um"),
        "interphase_resistance_ohm_cm2": Field(
            ("Lithium metal interphase resistance [Ohm.m2]",), 1e-4, unit="Ohm cm2"
        ),
        "exchange_current_density_mA_cm2": Field(
            ("Lithium metal exchange-current density at reference temperature [A.m-2]",),
            10.0,
            unit="mA/cm2",
        ),
    },
    "operation": {
        "temperature_C": Field(
            ("Ambient temperature [K]", "Initial temperature [K]"), 1.0, 273.15, unit="C"
        ),
        "lower_cutoff_V": Field(("Lower voltage cut-off [V]",), unit="V"),
        "upper_cutoff_V": Field(("Upper voltage cut-off [V]",), unit="V"),
    },
}

# parameter -> (low, high, low inclusive, high inclusive), in SI units
RANGES = {
    "Separator thickness [m]": (0, 5e-3, False, True),
    "Positive electrode thickness [m]": (0, 5e-3, False, True),
    "Negative electrode thickness [m]": (0, 5e-3, False, True),
    "Positive particle radius [m]": (0, 1e-4, False, True),
    "Separator solid electrolyte volume fraction": (0, 1, False, True),
    "Separator solid electrolyte Bruggeman exponent": (0, 10, True, True),
    "Positive electrode active material volume fraction": (0, 1, False, False),
    "Positive electrode solid electrolyte volume fraction": (0, 1, False, False),
    "Positive electrode carbon volume fraction": (0, 1, True, False),
    "Positive electrode binder volume fraction": (0, 1, True, False),
    "Positive electrode void volume fraction": (0, 1, True, False),
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

CATHODE_PHASES = (
    "Positive electrode active material volume fraction",
    "Positive electrode solid electrolyte volume fraction",
    "Positive electrode carbon volume fraction",
    "Positive electrode binder volume fraction",
    "Positive electrode void volume fraction",
)

# volume fractions are stored to 4 decimals in published formulations
_SUM_TOLERANCE = 1e-3


def _describe_range(low, high, low_inc, high_inc):
    left = "[" if low_inc else "("
    right = "]" if high_inc else ")"
    return f"{left}{low:g}, {high:g}{right}"


def _check_range(name, value, where):
    low, high, low_inc, high_inc = RANGES[name]
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if ok:
        ok = (value >= low if low_inc else value > low) and (
            value <= high if high_inc else value < high
        )
    if not ok:
        raise CellDefinitionError(
            f"{where}: {value!r} is out of range; valid range "
            f"{_describe_range(low, high, low_inc, high_inc)} (SI units)"
        )


@dataclass(frozen=True)
class Cell:
    """A validated cell definition.

    Attributes
    ----------
    name : str
        Name of the cell (preset name or the TOML file's ``[cell] name``).
    parameter_values : dict
        Parameter name -> value (SI), as understood by ``pybamm.ParameterValues``.
    model_options : dict
        Keyword arguments of :class:`asslb_sim.models.CellModelOptions`.
    nominal_capacity : float or None
        Areal capacity [mA.h.cm-2] defining 1C when given by the user; ``None``
        means "computed from the CAM loading and its usable stoichiometry window".
    """

    name: str
    parameter_values: dict
    model_options: dict = field(default_factory=dict)
    nominal_capacity: float | None = None

    def __post_init__(self):
        validate_parameter_values(self.parameter_values)
        _validate_model_options(self.model_options)
        if self.nominal_capacity is not None:
            v = self.nominal_capacity
            if not (isinstance(v, (int, float)) and math.isfinite(v) and v > 0):
                raise CellDefinitionError(
                    f"operation.nominal_capacity_mAh_cm2: {v!r} is out of range; "
                    "valid range (0, inf) mA.h.cm-2"
                )

    def with_parameters(self, **updates):
        """Return a copy with PyBaMM-named parameters replaced (validated)."""
        values = dict(self.parameter_values)
        for name, value in updates.items():
            if name not in values:
                raise CellDefinitionError(f"unknown parameter {name!r}")
            values[name] = value
        return replace(self, parameter_values=values)

    def with_options(self, **options):
        """Return a copy with model options replaced (validated)."""
        return replace(self, model_options={**self.model_options, **options})


def _validate_model_options(options):
    from .models.options import CellModelOptions

    try:
        CellModelOptions(**options)
    except TypeError as exc:
        raise CellDefinitionError(
            f"model: unknown option in {sorted(options)}; valid: "
            f"{sorted(CellModelOptions.__dataclass_fields__)}"
        ) from exc
    except ValueError as exc:
        raise CellDefinitionError(f"model: {exc}") from exc


def validate_parameter_values(values):
    """Check every known parameter against :data:`RANGES` and the phase balance.

    Raises
    ------
    CellDefinitionError
        Naming the first offending parameter, its value and the valid range.
    """
    for name in RANGES:
        if name in values:
            _check_range(name, values[name], name)
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


def preset_names():
    """Names of the built-in cell presets."""
    return sorted(PRESETS)


def from_preset(name="default"):
    """Return the built-in cell ``name`` (see :func:`preset_names`)."""
    if name not in PRESETS:
        raise CellDefinitionError(f"cell: unknown preset {name!r}; known presets: {preset_names()}")
    from .parameter_sets import nmc811_li6ps5cl_li

    sets = {"NMC811_Li6PS5Cl_Li": nmc811_li6ps5cl_li.get_parameter_values}
    values = sets[PRESETS[name]]()
    return Cell(name=name, parameter_values=values)


def from_toml(path):
    """Read a cell definition file (format in the README).

    Parameters
    ----------
    path : str or Path
        The TOML file.

    Returns
    -------
    Cell
    """
    path = Path(path)
    if not path.is_file():
        raise CellDefinitionError(f"cell file {str(path)!r} does not exist")
    try:
        doc = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CellDefinitionError(f"cell file {str(path)!r} is not valid TOML: {exc}") from exc
    return from_dict(doc, source=str(path))


def from_dict(doc, source="cell definition"):
    """Build a cell from the parsed TOML structure (see :func:`from_toml`)."""
    known = {"cell", "model", "parameters", *FIELDS}
    unknown = sorted(set(doc) - known)
    if unknown:
        raise CellDefinitionError(f"{source}: unknown section(s) {unknown}; valid: {sorted(known)}")
    head = doc.get("cell", {})
    unknown = sorted(set(head) - {"preset", "name", "nominal_capacity_mAh_cm2"})
    if unknown:
        raise CellDefinitionError(
            f"{source}: unknown key(s) {unknown} in [cell]; valid: "
            "['name', 'nominal_capacity_mAh_cm2', 'preset']"
        )
    base = from_preset(head.get("preset", "default"))
    values = dict(base.parameter_values)
    for section, fields in FIELDS.items():
        entries = doc.get(section, {})
        if not isinstance(entries, dict):
            raise CellDefinitionError(f"{source}: [{section}] must be a table")
        for key, value in entries.items():
            if key not in fields:
                raise CellDefinitionError(
                    f"{source}: unknown key {section}.{key}; valid: {sorted(fields)}"
                )
            spec = fields[key]
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise CellDefinitionError(
                    f"{section}.{key}: {value!r} must be a number in {spec.unit or '1'}"
                )
            for name in spec.names:
                si = spec.to_si(value)
                if name in RANGES:
                    low, high, li, hi = RANGES[name]
                    try:
                        _check_range(name, si, f"{section}.{key}")
                    except CellDefinitionError:
                        lo_u = (low - spec.offset) / spec.scale
                        hi_u = (high - spec.offset) / spec.scale
                        raise CellDefinitionError(
                            f"{section}.{key}: {value!r} is out of range; valid range "
                            f"{_describe_range(lo_u, hi_u, li, hi)} {spec.unit}".rstrip()
                        ) from None
                values[name] = si
    for name, value in doc.get("parameters", {}).items():
        if name not in values:
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} is not a parameter of the base cell"
            )
        values[name] = value
    return Cell(
        name=head.get("name", Path(source).stem if source.endswith(".toml") else "cell"),
        parameter_values=values,
        model_options=dict(doc.get("model", {})),
        nominal_capacity=head.get("nominal_capacity_mAh_cm2"),
    )


def load_cell(spec="default"):
    """Return a cell from a preset name or a TOML file path."""
    if isinstance(spec, Cell):
        return spec
    spec = str(spec)
    if spec.endswith(".toml") or Path(spec).is_file():
        return from_toml(spec)
    return from_preset(spec)
