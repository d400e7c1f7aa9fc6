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
from ..parameter_sets import defaults
from ..parameter_sets import materials as lib
from ..parameter_sets.constants import EPS0, F
from .anodes import anode_kind_of_design, check_anode_keys
from .basis import REFERENCE_POTENTIAL, usable_window
from .cathode import compose_cathode
from .critical_current import compose_critical_current
from .formulation import separator_fractions
from .layers import (
    arrhenius_phase,
    complete_laws,
    material,
    number,
    refresh_default_tortuosity,
)
from .schema import SCHEMA, check_keys, is_number


def _separator(design, values):
    """Write the separator's parameters into ``values``; return the names of the
    tortuosity factors given their default."""
    sep = design.get("separator", {})
    se = material(
        "solid_electrolyte", sep.get("solid_electrolyte", "Li6PS5Cl"), "separator.solid_electrolyte"
    )
    binder = material("binder", sep.get("binder", "none"), "separator.binder")
    template = material("template", sep.get("template", "none"), "separator.template")
    eps_se, eps_b, eps_t, void = separator_fractions(
        sep,
        float(se.density),
        float(binder.density) if binder else 1.0,
        binder is not None,
        template is not None,
    )
    thickness = number("separator", "thickness_um", design)
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
            **arrhenius_phase(
                f"{pre} solid electrolyte",
                number("separator", "conductivity_mS_cm", design, float(se.conductivity)),
                number("separator", "activation_energy_eV", design, float(se.activation_energy)),
            ),
            # a physical constant, a parameter so that the models hold no numbers
            "Vacuum permittivity [F.m-1]": EPS0,
            f"{pre} solid electrolyte relative permittivity": number(
                "separator",
                "relative_permittivity",
                design,
                float(se.relative_permittivity or defaults.SE_RELATIVE_PERMITTIVITY),
            ),
            f"{pre} grain-boundary resistance [Ohm.m2]": number(
                "separator", "grain_boundary_resistance_ohm_cm2", design, 0.0
            ),
            f"{pre} grain-boundary relative permittivity": number(
                "separator",
                "grain_boundary_permittivity",
                design,
                float(defaults.SE_GRAIN_BOUNDARY_PERMITTIVITY),
            ),
            f"{pre} solid electrolyte Bruggeman exponent": number(
                "separator",
                "bruggeman_exponent",
                design,
                float(defaults.SEPARATOR_BRUGGEMAN_EXPONENT),
            ),
            **arrhenius_phase(
                f"{pre} binder",
                float(binder.ionic_conductivity) if binder else 0.0,
                float(binder.activation_energy) if binder else 0.0,
            ),
            f"{pre} binder Bruggeman exponent": float(defaults.BINDER_BRUGGEMAN_EXPONENT),
        }
    )
    threshold = float(defaults.SE_PERCOLATION_THRESHOLD)
    return {
        name
        for phase in ("solid electrolyte", "binder")
        for name in complete_laws(values, pre, phase, threshold)
    }


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
        values[f"{pre} current collector thickness [m]"] = number(
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
            values[SCHEMA["packaging"][key].parameter] = number("packaging", key, design)
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
    """Temperature and cut-offs. The cell's cut-offs are against its counter electrode:
    those stated vs Li (``cutoffs_vs = "Li"``) and the library's defaults (vs Li) shift
    by its potential vs Li (In/InLi: 3.0-4.3 V vs Li are 2.378-3.678 V vs In/InLi)."""
    T = number("operation", "temperature_C", design, float(defaults.TEMPERATURE))
    offset = values[REFERENCE_POTENTIAL]
    given_vs_li = design.get("operation", {}).get("cutoffs_vs", "counter electrode") == "Li"
    v_low = number("operation", "lower_cutoff_V", design)
    v_high = number("operation", "upper_cutoff_V", design)
    v_low = float(defaults.LOWER_CUTOFF) - offset if v_low is None else v_low - offset * given_vs_li
    v_high = (
        float(defaults.UPPER_CUTOFF) - offset if v_high is None else v_high - offset * given_vs_li
    )
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
    defaulted = compose_cathode(design, values) | _separator(design, values)
    _collectors(design, values)
    _packaging(design, values)
    kind.compose_materials(anode, values)
    _operation(design, values)
    compose_critical_current(design, values)
    _apply_overrides(values, overrides, source)
    refresh_default_tortuosity(values, defaulted - set(overrides or {}))
    # derived from all of the above: the charged state and the Li inventory
    try:
        x_charged, _, moles = usable_window(values)
    except ValueError as exc:
        offset = values[REFERENCE_POTENTIAL]
        scale = (
            f" (against the counter electrode, {offset:g} V vs Li: subtract {offset:g} V from "
            'cut-offs vs Li, or set operation.cutoffs_vs = "Li")'
            if offset
            else ""
        )
        raise CellDefinitionError(f"operation: voltage cut-off: {exc}{scale}") from None
    c_li = values["Lithium metal density [kg.m-3]"] / values["Lithium metal molar mass [kg.mol-1]"]
    kind.compose_inventory(anode, values, moles / c_li)
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    area = values["Electrode height [m]"] * values["Electrode width [m]"]
    q = moles * F / 3600 * area  # A.h
    values.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": x_charged * c_max,
            "Nominal cell capacity [A.h]": q,
            "Current function [A]": q,
        }
    )
    return values
