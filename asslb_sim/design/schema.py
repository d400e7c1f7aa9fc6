"""The design keys of a cell file: one table, one entry per key.

:data:`SCHEMA` holds every key of a cell file: its unit, its conversion to SI,
its valid range and the PyBaMM parameter it sets (the name in PyBaMM's grammar
under which the composed cell carries it). The SI ranges of those parameters
are derived from it (:mod:`asslb_sim.design.ranges`).
"""

from __future__ import annotations

import functools
import itertools
import math
import numbers
from dataclasses import dataclass

from ..errors import CellDefinitionError
from ..parameter_sets.constants import EV

_INF = math.inf


def is_number(value):
    """A real number that is not a bool."""
    if type(value) in (float, int):  # the common case, without the ABC check
        return True
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


@dataclass(frozen=True)
class Quantity:
    """A numeric design key.

    ``SI = value * scale + offset``; ``low``/``high`` bound the value in the
    key's own unit. ``parameter`` is the PyBaMM name the composed cell carries
    it under. ``composed``: the key enters a composition with other keys (volume
    or mass fractions, CAM loading, N/P ratio), so setting its parameter alone
    cannot recompose the cell.
    """

    unit: str
    scale: float
    low: float
    high: float
    parameter: str
    low_inclusive: bool = False
    high_inclusive: bool = True
    offset: float = 0.0
    composed: bool = False

    def range_text(self):
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        return f"{left}{self.low:g}, {self.high:g}{right} {self.unit}".rstrip()

    def contains(self, value):
        if not (is_number(value) and math.isfinite(value)):
            return False
        above = value >= self.low if self.low_inclusive else value > self.low
        below = value <= self.high if self.high_inclusive else value < self.high
        return above and below

    def check(self, where, value):
        """The SI value of ``value`` given at ``where``, or a CellDefinitionError."""
        if not self.contains(value):
            raise CellDefinitionError(
                f"{where}: {value!r} is out of range; valid range {self.range_text()}"
            )
        return value * self.scale + self.offset

    def from_si(self, value):
        """The key's value of an SI ``value``."""
        return (value - self.offset) / self.scale

    def si_limits(self):
        """(low, high, low inclusive, high inclusive) in SI units."""
        return (
            self.low * self.scale + self.offset,
            self.high * self.scale + self.offset,
            self.low_inclusive,
            self.high_inclusive,
        )


@dataclass(frozen=True)
class Table:
    """A measured table of a composition series: ``{cam_volume_fraction = [...], <column>
    = [...]}``, the column in ``unit``, both increasing-x and positive."""

    column: str
    unit: str

    def check(self, where, value):
        """``(x, y)`` arrays of a valid table, or a CellDefinitionError."""
        if not isinstance(value, dict) or set(value) != {"cam_volume_fraction", self.column}:
            raise CellDefinitionError(
                f"{where}: give a table {{cam_volume_fraction = [...], {self.column} = [...]}}"
            )
        x, y = value["cam_volume_fraction"], value[self.column]
        ok = isinstance(x, list) and isinstance(y, list) and len(x) == len(y) >= 2
        ok = ok and all(is_number(v) and math.isfinite(v) for v in [*x, *y])
        if not ok:
            raise CellDefinitionError(
                f"{where}: the two columns must be lists of at least 2 numbers, of equal length"
            )
        if any(not 0 < v < 1 for v in x) or any(b <= a for a, b in itertools.pairwise(x)):
            raise CellDefinitionError(
                f"{where}.cam_volume_fraction: {x!r} must increase, each in (0, 1)"
            )
        if any(v <= 0 for v in y):
            raise CellDefinitionError(f"{where}.{self.column}: {y!r} must be above 0 {self.unit}")
        return x, y


@dataclass(frozen=True)
class Choice:
    """A named choice: a material of a library kind, or one of fixed values."""

    kind: str
    values: tuple = ()

    def check(self, where, value, known=()):
        valid = self.values or tuple(known)
        if not isinstance(value, str):
            raise CellDefinitionError(f"{where}: {value!r} must be a name; valid: {list(valid)}")
        if self.values and value not in self.values:
            raise CellDefinitionError(
                f"{where}: {value!r} is not valid; valid: {list(self.values)}"
            )
        return value


def _fraction(parameter, low_inclusive=True, high_inclusive=False, composed=True):
    return Quantity("", 1.0, 0.0, 1.0, parameter, low_inclusive, high_inclusive, composed=composed)


def _um(parameter, high=5000, low_inclusive=False, composed=False):
    return Quantity("um", 1e-6, 0, high, parameter, low_inclusive, True, composed=composed)


def _exponent(parameter):
    return Quantity("", 1.0, 0, 10, parameter, True, True)


def _ohm_cm2(parameter):
    return Quantity("Ohm cm2", 1e-4, 0, 1e4, parameter, True, True)


_P = "Positive electrode"
_S = "Separator"

SCHEMA = {
    "cell": {
        "preset": Choice("preset"),
        "name": Choice("text"),
        # compose works on 1 cm2 of electrode: 1 mA.h.cm-2 is 1e-3 A.h
        "nominal_capacity_mAh_cm2": Quantity(
            "mA.h.cm-2", 1e-3, 0, _INF, "Nominal cell capacity [A.h]", False, False
        ),
    },
    "cathode": {
        "active_material": Choice("cathode active material"),
        "solid_electrolyte": Choice("solid electrolyte"),
        "carbon": Choice("carbon"),
        "binder": Choice("binder"),
        "coating": Choice("coating"),
        "thickness_um": _um(f"{_P} thickness [m]"),
        "loading_mg_cm2": Quantity(
            "mg/cm2", 1e-2, 0, 1000, f"{_P} active material loading [kg.m-2]", composed=True
        ),
        "mass_fractions": {
            phase: _fraction(f"{_P} {phase.replace('_', ' ')} mass fraction")
            for phase in ("active_material", "solid_electrolyte", "carbon", "binder")
        },
        "active_material_volume_fraction": _fraction(
            f"{_P} active material volume fraction", low_inclusive=False
        ),
        "solid_electrolyte_volume_fraction": _fraction(
            f"{_P} solid electrolyte volume fraction", low_inclusive=False
        ),
        "carbon_volume_fraction": _fraction(f"{_P} carbon volume fraction"),
        "binder_volume_fraction": _fraction(f"{_P} binder volume fraction"),
        "void_volume_fraction": _fraction(f"{_P} void volume fraction"),
        "se_conductivity_mS_cm": Quantity(
            "mS/cm",
            0.1,
            0,
            _INF,
            f"{_P} solid electrolyte conductivity at reference temperature [S.m-1]",
            False,
            False,
        ),
        "se_activation_energy_eV": Quantity(
            "eV", EV, 0, 2, f"{_P} solid electrolyte conductivity activation energy [J.mol-1]", True
        ),
        "se_bruggeman_exponent": _exponent(f"{_P} solid electrolyte Bruggeman exponent"),
        "se_tortuosity_factor": Quantity(
            "", 1.0, 1, _INF, f"{_P} solid electrolyte tortuosity factor", True, False
        ),
        "active_material_conductivity_S_m": Quantity(
            "S/m",
            1.0,
            0,
            _INF,
            f"{_P} active material conductivity at reference state [S.m-1]",
            True,
            False,
        ),
        "active_material_bruggeman_exponent": _exponent(f"{_P} active material Bruggeman exponent"),
        "active_material_conductivity_slope": Quantity(
            "", 1.0, 0, 10, f"{_P} active material conductivity delithiation slope", True, True
        ),
        "carbon_conductivity_S_m": Quantity(
            "S/m", 1.0, 0, _INF, f"{_P} carbon conductivity [S.m-1]", True, False
        ),
        "carbon_bruggeman_exponent": _exponent(f"{_P} carbon Bruggeman exponent"),
        "binder_bruggeman_exponent": _exponent(f"{_P} binder Bruggeman exponent"),
        "particle_radius_um": Quantity("um", 1e-6, 0, 100, "Positive particle radius [m]"),
        # typical diameter of the SE powder: sets the networks' percolation thresholds
        "se_particle_size_um": Quantity(
            "um", 1e-6, 0, 100, f"{_P} solid electrolyte particle size [m]"
        ),
        "diffusivity_m2_s": Quantity(
            "m2/s", 1.0, 0, 1e-8, "Positive particle diffusivity at reference temperature [m2.s-1]"
        ),
        "diffusivity_contact_exponent": Quantity(
            "", 1.0, 0, 4, "Positive particle diffusivity contact exponent", True, True
        ),
        "exchange_current_density_A_m2": Quantity(
            "A/m2",
            1.0,
            0,
            _INF,
            f"{_P} exchange-current density at half lithiation [A.m-2]",
            False,
            False,
        ),
        "contact_coverage": Quantity("", 1.0, 0, 1, f"{_P} active material contact coverage"),
        "isolated_fraction": Quantity(
            "", 1.0, 0, 1, f"{_P} isolated active material fraction", True, False
        ),
        "film_resistance_ohm_cm2": _ohm_cm2(f"{_P} film resistance [Ohm.m2]"),
        # per CAM|SE contact area (model option surface_form)
        "film_capacity_uF_cm2": Quantity("uF/cm2", 1e-2, 0, 1e5, f"{_P} film capacity [F.m-2]"),
        "double_layer_capacity_uF_cm2": Quantity(
            "uF/cm2", 1e-2, 0, 1e5, f"{_P} double-layer capacity [F.m-2]"
        ),
        # cycling: the fraction of the connected CAM isolated per cycle (capacity loss)
        "active_material_loss_per_cycle": Quantity(
            "", 1.0, 0, 0.5, f"{_P} active material loss per cycle", True, False
        ),
        # measured effective conductivities of the composite (they select the "measured"
        # transport law of their phase), a value or a table against the CAM fraction
        "se_effective_conductivity_mS_cm": Quantity(
            "mS/cm",
            0.1,
            0,
            _INF,
            f"{_P} solid electrolyte effective conductivity at reference temperature [S.m-1]",
            False,
            False,
        ),
        "se_effective_conductivity_table": Table("mS_cm", "mS/cm"),
        "electronic_conductivity_mS_cm": Quantity(
            "mS/cm",
            0.1,
            0,
            _INF,
            f"{_P} effective electronic conductivity at reference state [S.m-1]",
            False,
            False,
        ),
        "electronic_conductivity_table": Table("mS_cm", "mS/cm"),
    },
    "separator": {
        "solid_electrolyte": Choice("solid electrolyte"),
        "binder": Choice("binder"),
        "template": Choice("template"),
        "thickness_um": _um(f"{_S} thickness [m]"),
        "solid_electrolyte_volume_fraction": _fraction(
            f"{_S} solid electrolyte volume fraction", False, True, composed=False
        ),
        "binder_mass_fraction": _fraction(f"{_S} binder mass fraction"),
        "template_volume_fraction": _fraction(f"{_S} template volume fraction"),
        "void_volume_fraction": _fraction(f"{_S} void volume fraction"),
        "conductivity_mS_cm": Quantity(
            "mS/cm",
            0.1,
            0,
            _INF,
            f"{_S} solid electrolyte conductivity at reference temperature [S.m-1]",
            False,
            False,
        ),
        "activation_energy_eV": Quantity(
            "eV", EV, 0, 2, f"{_S} solid electrolyte conductivity activation energy [J.mol-1]", True
        ),
        "bruggeman_exponent": _exponent(f"{_S} solid electrolyte Bruggeman exponent"),
        # the separator's geometric capacitance eps0 eps_r / L (model option surface_form)
        "relative_permittivity": Quantity(
            "", 1.0, 1, 1e5, f"{_S} solid electrolyte relative permittivity", True
        ),
        # the grain boundaries as their own element (the conductivity is then the grains')
        "grain_boundary_resistance_ohm_cm2": _ohm_cm2(f"{_S} grain-boundary resistance [Ohm.m2]"),
        "grain_boundary_permittivity": Quantity(
            "", 1.0, 1, 1e8, f"{_S} grain-boundary relative permittivity", True
        ),
    },
    "anode": {
        "material": Choice("anode"),
        "interlayer": Choice("interlayer"),
        # the Li at the start of discharge (the charged state)
        "li_thickness_um": _um("Lithium counter electrode thickness [m]", low_inclusive=True),
        "li_excess_um": _um("Lithium metal thickness as built [m]", low_inclusive=True),
        "n_p_ratio": Quantity(
            "", 1.0, 0, 100, "Lithium excess capacity ratio", True, True, composed=True
        ),
        "interlayer_thickness_um": _um("Interlayer thickness [m]", 1000, low_inclusive=True),
        # an alloy counter electrode (In/InLi): the host foil and its Li content as built
        "alloy_thickness_um": _um("Alloy host thickness [m]", 5000, low_inclusive=True),
        "lithium_atomic_fraction": Quantity(
            "", 1.0, 0, 1, "Alloy lithium atomic fraction as built", False, False, composed=True
        ),
        "coulombic_efficiency": Quantity(
            "", 1.0, 0, 1, "Lithium plating Coulombic efficiency", False, True
        ),
        # Li (as metal) the interlayer takes on the first charge before any Li plates
        "interlayer_first_charge_loss_um": _um(
            "Interlayer first-charge lithium loss [m]", 1000, low_inclusive=True
        ),
        "interphase_resistance_ohm_cm2": _ohm_cm2("Lithium metal interphase resistance [Ohm.m2]"),
        # of the Li|SE (or alloy|SE, interlayer|SE) interface (model option surface_form)
        "double_layer_capacity_uF_cm2": Quantity(
            "uF/cm2", 1e-2, 0, 1e5, "Lithium metal double-layer capacity [F.m-2]"
        ),
        "exchange_current_density_mA_cm2": Quantity(
            "mA/cm2",
            10.0,
            0,
            _INF,
            "Lithium metal exchange-current density at reference temperature [A.m-2]",
            False,
            False,
        ),
        # the Li|SE interface's critical current densities at the cell's temperature and
        # stack pressure (a measured value for this cell; default: the library's law)
        "critical_current_density_mA_cm2": Quantity(
            "mA/cm2", 10.0, 0, 1000, "Critical current density [A.m-2]"
        ),
        "stripping_critical_current_density_mA_cm2": Quantity(
            "mA/cm2", 10.0, 0, 1000, "Stripping critical current density [A.m-2]"
        ),
    },
    "collectors": {
        "cathode": Choice("collector"),
        "anode": Choice("collector"),
        "cathode_thickness_um": _um("Positive current collector thickness [m]", 1000, True),
        "anode_thickness_um": _um("Negative current collector thickness [m]", 1000, True),
    },
    "packaging": {
        "stacking": Choice("stacking", ("single-sided", "double-sided", "bicell")),
        "layers": Quantity("", 1.0, 1, 10000, "Number of repeating units in the cell", True, True),
        "electrode_area_cm2": Quantity("cm2", 1e-4, 0, 1e5, "Electrode area per layer [m2]"),
        "footprint_area_cm2": Quantity("cm2", 1e-4, 0, 1e5, "Cell footprint area [m2]"),
        "pouch_foil_thickness_um": _um("Pouch foil thickness [m]", 2000, True),
        "pouch_foil_density_g_cm3": Quantity(
            "g/cm3", 1e3, 0, 25, "Pouch foil density [kg.m-3]", True, True
        ),
        "tab_mass_g": Quantity("g", 1e-3, 0, 1e4, "Tab mass [kg]", True, True),
    },
    "operation": {
        "temperature_C": Quantity(
            "C", 1.0, -100, 300, "Ambient temperature [K]", True, True, offset=273.15
        ),
        "lower_cutoff_V": Quantity("V", 1.0, 0, 6, "Lower voltage cut-off [V]"),
        "upper_cutoff_V": Quantity("V", 1.0, 0, 6, "Upper voltage cut-off [V]"),
        # the scale the cut-offs are stated on: the cell's own (against its counter
        # electrode, as a cycler measures), or vs Li (converted by the counter electrode's
        # potential; the same for Li-metal and anode-free cells)
        "cutoffs_vs": Choice("cut-off reference", ("counter electrode", "Li")),
        # the pressure the cell is held at while it cycles (sets the Li|SE critical current)
        "stack_pressure_MPa": Quantity("MPa", 1e6, 0, 1000, "Stack pressure [Pa]"),
    },
}

# sections whose entries are not design keys of this table
FREE_SECTIONS = ("model", "parameters")
SECTIONS = (*SCHEMA, *FREE_SECTIONS)

# keys that state the same fact in different ways: per section, families of
# alternative groups; a key from one group removes the others of its family
ALTERNATIVES = {
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
        [("se_effective_conductivity_mS_cm",), ("se_effective_conductivity_table",)],
        [("electronic_conductivity_mS_cm",), ("electronic_conductivity_table",)],
    ],
    "separator": [
        [
            ("solid_electrolyte_volume_fraction",),
            ("binder_mass_fraction", "template_volume_fraction", "void_volume_fraction"),
        ]
    ],
    "anode": [[("li_thickness_um",), ("li_excess_um",), ("n_p_ratio",)]],
}


def quantities():
    """Every numeric key: ``(dotted key, Quantity)`` pairs, mass fractions included."""
    out = []
    for section, entries in SCHEMA.items():
        for key, spec in entries.items():
            if isinstance(spec, Quantity):
                out.append((f"{section}.{key}", spec))
            elif isinstance(spec, dict):
                out.extend((f"{section}.{key}.{k}", q) for k, q in spec.items())
    return out


# parameters set by the same key as another one: (parameter, the key's own parameter)
ALIASES = (("Initial temperature [K]", "Ambient temperature [K]"),)


@functools.cache
def key_of_parameter():
    """PyBaMM name -> (dotted design key, Quantity)."""
    table = {q.parameter: (key, q) for key, q in quantities()}
    table.update({alias: table[name] for alias, name in ALIASES})
    return table


def check_keys(design):
    """Reject unknown sections and keys and values of the wrong type, naming the valid ones."""
    unknown = sorted(set(design) - set(SECTIONS))
    if unknown:
        raise CellDefinitionError(f"unknown section(s) {unknown}; valid: {list(SECTIONS)}")
    for section, entries in design.items():
        if section in FREE_SECTIONS:
            if not isinstance(entries, dict):
                raise CellDefinitionError(f"[{section}] must be a table")
            continue
        if not isinstance(entries, dict):
            raise CellDefinitionError(f"[{section}] must be a table")
        valid = SCHEMA[section]
        for key, value in entries.items():
            spec = valid.get(key)
            where = f"{section}.{key}"
            if spec is None:
                raise CellDefinitionError(f"unknown key {where}; valid: {sorted(valid)}")
            if isinstance(spec, Quantity):
                if (section, key, value) == ("cathode", "isolated_fraction", "percolation"):
                    continue
                if not is_number(value):
                    extra = ' or "percolation"' if key == "isolated_fraction" else ""
                    raise CellDefinitionError(
                        f"{where}: {value!r} must be a number in {spec.range_text()}{extra}"
                    )
            elif isinstance(spec, Table):
                spec.check(where, value)
            elif isinstance(spec, Choice):
                if spec.kind == "text":
                    if not isinstance(value, str):
                        raise CellDefinitionError(f"{where}: {value!r} must be text")
                else:
                    spec.check(where, value)
            elif not isinstance(value, dict):
                raise CellDefinitionError(f"{where} must be a table of phase = fraction")
