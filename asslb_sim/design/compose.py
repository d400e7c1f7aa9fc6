"""Compose a cell's PyBaMM parameter values from a design: materials + formulation.

A design is a nested dict with the sections of a cell file (see
:data:`~asslb_sim.design.schema.SCHEMA` and the README), in battery units with
the unit in each key. :func:`compose` turns it into PyBaMM parameter values
(SI): material properties come from the library
(:mod:`asslb_sim.parameter_sets.materials`), defaults from
:mod:`asslb_sim.parameter_sets.defaults`, volume fractions, thicknesses and
loadings from the formulation; explicit keys override either. Every value is
checked against its valid range, and an error names the key, the value and the
range.
"""

from __future__ import annotations

import math

from ..errors import CellDefinitionError
from ..parameter_sets import defaults, laws
from ..parameter_sets import materials as lib
from .anodes import anode_kind_of_design, check_anode_keys
from .basis import usable_window
from .formulation import (
    PHASES,
    cathode_fractions,
    mass_fractions_from_volume,
    separator_fractions,
)
from .microstructure import cam_percolation_threshold, isolated_fraction_from_percolation
from .schema import SCHEMA, check_keys, is_number

# loading and thickness given together must agree to this relative tolerance
CONSISTENCY = 0.01
_MATERIAL_KIND = {
    "active_material": "cathode active material",
    "solid_electrolyte": "solid electrolyte",
    "carbon": "carbon",
    "binder": "binder",
    "coating": "coating",
    "template": "template",
}
_P = "Positive electrode"


def _number(section, key, design, default=None):
    """The SI value of ``section.key`` (validated), or ``default`` if absent."""
    value = design.get(section, {}).get(key)
    if value is None:
        return default
    return SCHEMA[section][key].check(f"{section}.{key}", value)


def _material(role, name, where):
    if name == "none":
        return None
    try:
        return lib.get(_MATERIAL_KIND[role], name)
    except lib.UnknownMaterialError as exc:
        raise CellDefinitionError(f"{where}: {exc}") from None


def _arrhenius_phase(prefix, reference, energy):
    """The conductivity law of one ionic phase and its two scalars: the value at the
    reference temperature [S.m-1] and the activation energy [J.mol-1]."""
    return {
        f"{prefix} conductivity [S.m-1]": laws.arrhenius_conductivity(prefix),
        f"{prefix} conductivity at reference temperature [S.m-1]": reference,
        f"{prefix} conductivity activation energy [J.mol-1]": energy,
    }


def _complete_laws(values, prefix, phase, threshold):
    """Give every transport-efficiency law of one phase its parameters.

    The tortuosity factor defaults to the value equivalent to the Bruggeman law
    at the design's volume fraction, ``tau = eps^(1 - b)`` [D] (at least 1); the
    percolation law gets ``threshold`` and the default exponent and floor. Values
    already set (sourced) are kept.
    """
    eps = values[f"{prefix} {phase} volume fraction"]
    b = values[f"{prefix} {phase} Bruggeman exponent"]
    tau = max(eps ** (1 - b), 1.0) if eps > 0 else 1.0
    values.setdefault(f"{prefix} {phase} tortuosity factor", tau)
    values.setdefault(f"{prefix} {phase} percolation threshold", threshold)
    values.setdefault(
        f"{prefix} {phase} percolation exponent", float(defaults.PERCOLATION_EXPONENT)
    )
    values.setdefault(f"{prefix} {phase} percolation floor", float(defaults.PERCOLATION_FLOOR))


def _cathode_thickness(design, cam_per_volume):
    cathode = design.get("cathode", {})
    thickness = _number("cathode", "thickness_um", design)
    loading = _number("cathode", "loading_mg_cm2", design)  # kg/m2
    if thickness is None and loading is None:
        raise CellDefinitionError(
            "cathode: give thickness_um or loading_mg_cm2 (CAM areal loading)"
        )
    if loading is None:
        return thickness
    from_loading = loading / cam_per_volume
    if thickness is not None and abs(from_loading / thickness - 1) > CONSISTENCY:
        raise CellDefinitionError(
            f"cathode: loading_mg_cm2 = {cathode['loading_mg_cm2']} gives "
            f"{from_loading * 1e6:.1f} um with these fractions, but thickness_um = "
            f"{cathode['thickness_um']}; give one, or consistent values (within 1 %)"
        )
    return from_loading


def _isolated_fraction(design, eps, radius, mats):
    spec = design.get("cathode", {}).get("isolated_fraction", 0.0)
    if spec == "percolation":
        carbon, binder = mats["carbon"], mats["binder"]
        return isolated_fraction_from_percolation(
            eps,
            radius,
            float(carbon.percolation_threshold) if carbon else None,
            binder is not None and float(binder.ionic_conductivity) > 0,
        )
    if isinstance(spec, str):
        raise CellDefinitionError(
            f"cathode.isolated_fraction: {spec!r} is not valid; give a number in [0, 1) or "
            '"percolation"'
        )
    return _number("cathode", "isolated_fraction", design, 0.0)


def _cathode(design, values):
    cathode = design.get("cathode", {})
    names = {role: cathode.get(role, "none") for role in (*PHASES, "coating")}
    mats = {role: _material(role, names[role], f"cathode.{role}") for role in names}
    for role in ("active_material", "solid_electrolyte"):
        if mats[role] is None:
            known = sorted(lib.LIBRARY[_MATERIAL_KIND[role]])
            raise CellDefinitionError(f"cathode.{role}: a material is required; known: {known}")
    densities = {p: float(mats[p].density) if mats[p] else 1.0 for p in PHASES}
    eps, void = cathode_fractions(cathode, densities, {p: mats[p] is not None for p in PHASES})
    am, se, carbon, binder = (mats[p] for p in PHASES)
    thickness = _cathode_thickness(design, eps["active_material"] * float(am.density))
    radius = _number("cathode", "particle_radius_um", design, float(am.particle_radius))
    film = float(mats["coating"].film_resistance) if mats["coating"] else 0.0
    mass = mass_fractions_from_volume(eps, densities)

    def key(name, default):
        return _number("cathode", name, design, default)

    values.update(
        {
            f"{_P} thickness [m]": thickness,
            **{f"{_P} {p.replace('_', ' ')} volume fraction": eps[p] for p in PHASES},
            f"{_P} void volume fraction": void,
            **{f"{_P} {p.replace('_', ' ')} mass fraction": mass[p] for p in PHASES},
            f"{_P} active material loading [kg.m-2]": eps["active_material"]
            * float(am.density)
            * thickness,
            **{
                f"{_P} {p.replace('_', ' ')} density [kg.m-3]": float(mats[p].density)
                if mats[p]
                else 0.0
                for p in PHASES
            },
            # SE phase
            **_arrhenius_phase(
                f"{_P} solid electrolyte",
                key("se_conductivity_mS_cm", float(se.conductivity)),
                key("se_activation_energy_eV", float(se.activation_energy)),
            ),
            f"{_P} solid electrolyte Bruggeman exponent": key(
                "se_bruggeman_exponent", float(defaults.SE_BRUGGEMAN_EXPONENT)
            ),
            f"{_P} solid electrolyte tortuosity factor": key(
                "se_tortuosity_factor", float(defaults.SE_TORTUOSITY_FACTOR)
            ),
            # binder: a second, parallel ionic path (0 for blocking binders)
            **_arrhenius_phase(
                f"{_P} binder",
                float(binder.ionic_conductivity) if binder else 0.0,
                float(binder.activation_energy) if binder else 0.0,
            ),
            f"{_P} binder Bruggeman exponent": key(
                "binder_bruggeman_exponent", float(defaults.BINDER_BRUGGEMAN_EXPONENT)
            ),
            # CAM electronic
            f"{_P} active material conductivity [S.m-1]": laws.constant_in_stoichiometry(
                f"{_P} active material conductivity at reference state [S.m-1]"
            ),
            f"{_P} active material conductivity at reference state [S.m-1]": key(
                "active_material_conductivity_S_m", float(am.electronic_conductivity)
            ),
            f"{_P} active material Bruggeman exponent": key(
                "active_material_bruggeman_exponent",
                float(defaults.ACTIVE_MATERIAL_BRUGGEMAN_EXPONENT),
            ),
            # carbon electronic
            f"{_P} carbon conductivity [S.m-1]": key(
                "carbon_conductivity_S_m", float(carbon.conductivity) if carbon else 0.0
            ),
            f"{_P} carbon Bruggeman exponent": key(
                "carbon_bruggeman_exponent", float(defaults.CARBON_BRUGGEMAN_EXPONENT)
            ),
            # CAM
            "Maximum concentration in positive electrode [mol.m-3]": float(am.max_concentration),
            "Positive particle radius [m]": radius,
            "Positive particle diffusivity [m2.s-1]": laws.particle_diffusivity,
            "Positive particle diffusivity at reference temperature [m2.s-1]": key(
                "diffusivity_m2_s", float(am.diffusivity)
            ),
            "Positive particle diffusivity activation energy [J.mol-1]": float(
                am.diffusivity_activation_energy
            ),
            "Positive electrode OCP [V]": am.ocp,
            "Positive electrode OCP entropic change [V.K-1]": 0.0,  # assumed: isothermal use
            f"{_P} exchange-current density [A.m-2]": laws.cam_exchange_current_density,
            f"{_P} exchange-current density at half lithiation [A.m-2]": key(
                "exchange_current_density_A_m2", float(am.exchange_current_density)
            ),
            f"{_P} exchange-current density activation energy [J.mol-1]": float(
                am.exchange_current_activation_energy
            ),
            f"{_P} active material contact coverage": key(
                "contact_coverage", float(defaults.CONTACT_COVERAGE)
            ),
            f"{_P} isolated active material fraction": _isolated_fraction(
                design, eps, radius, mats
            ),
            f"{_P} film resistance [Ohm.m2]": key("film_resistance_ohm_cm2", film),
        }
    )
    se_threshold = float(defaults.SE_PERCOLATION_THRESHOLD)
    for phase, threshold in (
        ("solid electrolyte", se_threshold),
        ("active material", cam_percolation_threshold(radius)),
        ("carbon", float(carbon.percolation_threshold) if carbon else 0.0),
        ("binder", se_threshold),
    ):
        _complete_laws(values, _P, phase, threshold)


def _separator(design, values):
    sep = design.get("separator", {})
    se = _material(
        "solid_electrolyte", sep.get("solid_electrolyte", "Li6PS5Cl"), "separator.solid_electrolyte"
    )
    binder = _material("binder", sep.get("binder", "none"), "separator.binder")
    template = _material("template", sep.get("template", "none"), "separator.template")
    eps_se, eps_b, eps_t, void = separator_fractions(
        sep,
        float(se.density),
        float(binder.density) if binder else 1.0,
        binder is not None,
        template is not None,
    )
    thickness = _number("separator", "thickness_um", design)
    if thickness is None:
        raise CellDefinitionError("separator.thickness_um is required; valid range (0, 5000] um")
    solids = eps_se * float(se.density) + (eps_b * float(binder.density) if binder else 0.0)
    pre = "Separator"
    values.update(
        {
            "Separator thickness [m]": thickness,
            f"{pre} solid electrolyte volume fraction": eps_se,
            f"{pre} binder volume fraction": eps_b,
            f"{pre} binder mass fraction": eps_b * float(binder.density) / solids
            if binder
            else 0.0,
            f"{pre} template volume fraction": eps_t,
            f"{pre} void volume fraction": void,
            f"{pre} solid electrolyte density [kg.m-3]": float(se.density),
            f"{pre} binder density [kg.m-3]": float(binder.density) if binder else 0.0,
            f"{pre} template density [kg.m-3]": float(template.density) if template else 0.0,
            **_arrhenius_phase(
                f"{pre} solid electrolyte",
                _number("separator", "conductivity_mS_cm", design, float(se.conductivity)),
                _number("separator", "activation_energy_eV", design, float(se.activation_energy)),
            ),
            f"{pre} solid electrolyte Bruggeman exponent": _number(
                "separator",
                "bruggeman_exponent",
                design,
                float(defaults.SEPARATOR_BRUGGEMAN_EXPONENT),
            ),
            **_arrhenius_phase(
                f"{pre} binder",
                float(binder.ionic_conductivity) if binder else 0.0,
                float(binder.activation_energy) if binder else 0.0,
            ),
            f"{pre} binder Bruggeman exponent": float(defaults.BINDER_BRUGGEMAN_EXPONENT),
        }
    )
    for phase in ("solid electrolyte", "binder"):
        _complete_laws(values, pre, phase, float(defaults.SE_PERCOLATION_THRESHOLD))


def _collectors(design, values):
    col = design.get("collectors", {})
    for side, pre, default in (
        ("cathode", "Positive", "Al"),
        ("anode", "Negative", "stainless steel"),
    ):
        try:
            mat = lib.get("collector", col.get(side, default))
        except lib.UnknownMaterialError as exc:
            raise CellDefinitionError(f"collectors.{side}: {exc}") from None
        values[f"{pre} current collector thickness [m]"] = _number(
            "collectors", f"{side}_thickness_um", design, float(mat.thickness)
        )
        values[f"{pre} current collector density [kg.m-3]"] = float(mat.density)


def _packaging(design, values):
    """Packaging of a cell: validated, carried as parameters for the bill of materials.
    ``layers`` and ``electrode_area_cm2`` together make the figures cell level."""
    pack = design.get("packaging", {})
    given = [k for k in ("layers", "electrode_area_cm2") if k in pack]
    if len(given) == 1:
        missing = ({"layers", "electrode_area_cm2"} - set(given)).pop()
        raise CellDefinitionError(
            f"packaging.{given[0]} is given without packaging.{missing}: cell-level figures need "
            "both (or neither, for stack level)"
        )
    for key in SCHEMA["packaging"]:
        if key != "stacking" and key in pack:
            values[SCHEMA["packaging"][key].parameter] = _number("packaging", key, design)
    if given:
        area = pack["electrode_area_cm2"]
        footprint = pack.get("footprint_area_cm2", area)
        if footprint < area:
            raise CellDefinitionError(
                f"packaging.footprint_area_cm2: {footprint!r} is smaller than the electrode area "
                f"({area!r} cm2); valid range [{area:g}, 1e+05] cm2"
            )
        if pack["layers"] != int(pack["layers"]):
            raise CellDefinitionError(
                f"packaging.layers: {pack['layers']!r} must be a whole number; valid range "
                "[1, 10000]"
            )
        values.setdefault("Cell footprint area [m2]", footprint * 1e-4)


def _operation(design, values):
    T = _number("operation", "temperature_C", design, float(defaults.TEMPERATURE))
    v_low = _number("operation", "lower_cutoff_V", design, float(defaults.LOWER_CUTOFF))
    v_high = _number("operation", "upper_cutoff_V", design, float(defaults.UPPER_CUTOFF))
    if not v_low < v_high:
        raise CellDefinitionError(
            f"operation: lower_cutoff_V ({v_low}) must be below upper_cutoff_V ({v_high})"
        )
    values.update(
        {
            "Reference temperature [K]": float(defaults.REFERENCE_TEMPERATURE),
            "Ambient temperature [K]": T,
            "Initial temperature [K]": T,
            "Lower voltage cut-off [V]": v_low,
            "Upper voltage cut-off [V]": v_high,
            "Open-circuit voltage at 0% SOC [V]": v_low,
            "Open-circuit voltage at 100% SOC [V]": v_high,
        }
    )


def _apply_overrides(values, overrides, source):
    """Explicit PyBaMM-named values (a cell file's ``[parameters]``, or
    :meth:`~asslb_sim.design.Cell.with_parameters` for parameters without a design
    key): applied before the Li inventory and the charged state are derived, so
    that those follow them."""
    for name, value in (overrides or {}).items():
        if name not in values:
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} is not a parameter of the cell"
            )
        if callable(values[name]):
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} is a function and cannot be replaced by a "
                "value; override its scalar parameters"
            )
        if not (is_number(value) and math.isfinite(value)):
            raise CellDefinitionError(
                f"{source}: [parameters] {name!r} = {value!r} must be a finite number (SI units)"
            )
        values[name] = float(value)


def compose(design, overrides=None, source="cell definition"):
    """PyBaMM parameter values (a dict) of the cell described by ``design``.

    ``overrides``: PyBaMM name -> SI value for parameters without a design key,
    applied before the Li inventory and the charged state are derived.

    Raises
    ------
    CellDefinitionError
        For an unknown section, key or material, a value out of range, fractions
        that do not sum to 1, or inconsistent loading and thickness.
    """
    check_keys(design)
    kind = anode_kind_of_design(design)
    anode = design.get("anode", {})
    check_anode_keys(kind, anode)
    values = {
        "chemistry": "lithium_ion",
        # 1 cm x 1 cm: results are per cm2 of electrode
        "Electrode height [m]": 0.01,
        "Electrode width [m]": 0.01,
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
        "citations": ["Chen2020"],
    }
    _cathode(design, values)
    _separator(design, values)
    _collectors(design, values)
    _packaging(design, values)
    _operation(design, values)
    kind.compose_materials(anode, values)
    _apply_overrides(values, overrides, source)
    # derived from all of the above: the charged state and the Li inventory
    try:
        x_charged, _, moles = usable_window(values)
    except ValueError as exc:
        raise CellDefinitionError(f"operation: voltage cut-off: {exc}") from None
    c_li = values["Lithium metal density [kg.m-3]"] / values["Lithium metal molar mass [kg.mol-1]"]
    kind.compose_inventory(anode, values, moles / c_li)
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    area = values["Electrode height [m]"] * values["Electrode width [m]"]
    q = moles * lib.F / 3600 * area  # A.h
    values.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": x_charged * c_max,
            "Nominal cell capacity [A.h]": q,
            "Current function [A]": q,
        }
    )
    return values
