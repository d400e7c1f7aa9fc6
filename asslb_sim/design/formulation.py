"""Formulation maths: mass and volume fractions of the phases of a layer.

.. math::

    \\varepsilon_i = (1 - \\varepsilon_{void})
        \\frac{w_i / \\rho_i}{\\sum_k w_k / \\rho_k}, \\qquad
    w_i = \\frac{\\varepsilon_i \\rho_i}{\\sum_k \\varepsilon_k \\rho_k}

for the solid phases ``i`` of a composite with mass fractions ``w`` and
densities ``rho``; voids carry no mass.
"""

from __future__ import annotations

from ..errors import CellDefinitionError
from .schema import SCHEMA

PHASES = ("active_material", "solid_electrolyte", "carbon", "binder")
# fractions written with 3-4 decimals must sum to 1 within this
SUM_TOLERANCE = 1e-3


def volume_fractions_from_mass(mass_fractions, densities, void_fraction):
    """Volume fractions of the solid phases from mass fractions and densities."""
    specific = {k: mass_fractions[k] / densities[k] for k in mass_fractions}
    total = sum(specific.values())
    return {k: (1 - void_fraction) * v / total for k, v in specific.items()}


def mass_fractions_from_volume(volume_fractions, densities):
    """Mass fractions of the solid phases from volume fractions (voids carry no mass)."""
    masses = {k: volume_fractions[k] * densities[k] for k in volume_fractions}
    total = sum(masses.values())
    return {k: m / total for k, m in masses.items()}


def _value(section, key, entries, default=None):
    value = entries.get(key)
    if value is None:
        return default
    return SCHEMA[section][key].check(f"{section}.{key}", value)


def cathode_fractions(cathode, densities, present):
    """Volume fractions ``{phase: eps}`` and the void fraction of a cathode design.

    Parameters
    ----------
    cathode : dict
        The ``[cathode]`` section: ``mass_fractions`` or the four
        ``<phase>_volume_fraction`` keys, and ``void_volume_fraction``.
    densities : dict
        Phase -> density [kg.m-3] (any positive number for absent phases).
    present : dict
        Phase -> whether a material is named for it.
    """
    mass = cathode.get("mass_fractions")
    given_direct = [f"{p}_volume_fraction" for p in PHASES if f"{p}_volume_fraction" in cathode]
    void = _value("cathode", "void_volume_fraction", cathode, 0.0)
    if mass is not None and given_direct:
        raise CellDefinitionError(
            "cathode: give either mass_fractions or volume fractions, not both "
            f"(got mass_fractions and {given_direct})"
        )
    if mass is not None:
        return _from_mass(mass, densities, present, void), void
    eps = {p: _value("cathode", f"{p}_volume_fraction", cathode, 0.0) for p in PHASES}
    total = sum(eps.values()) + void
    if abs(total - 1) > SUM_TOLERANCE:
        parts = ", ".join(f"{p} = {eps[p]:g}" for p in PHASES) + f", void = {void:g}"
        raise CellDefinitionError(
            f"cathode volume fractions sum to {total:.4f}, must be 1 (+-{SUM_TOLERANCE:g}): {parts}"
        )
    if eps["active_material"] <= 0 or eps["solid_electrolyte"] <= 0:
        raise CellDefinitionError(
            "cathode: active_material_volume_fraction and solid_electrolyte_volume_fraction "
            "must be in (0, 1)"
        )
    for p in PHASES:
        if eps[p] > 0 and not present[p]:
            raise CellDefinitionError(
                f"cathode.{p}_volume_fraction = {eps[p]:g} but cathode.{p} is 'none': name the "
                "material"
            )
    return eps, void


def _from_mass(mass, densities, present, void):
    if not isinstance(mass, dict):
        raise CellDefinitionError("cathode.mass_fractions must be a table of phase = fraction")
    unknown = sorted(set(mass) - set(PHASES))
    if unknown:
        raise CellDefinitionError(
            f"cathode.mass_fractions: unknown phase(s) {unknown}; valid: {list(PHASES)}"
        )
    spec = SCHEMA["cathode"]["mass_fractions"]
    w = {}
    for p in PHASES:
        value = mass.get(p, 0.0)
        w[p] = spec[p].check(f"cathode.mass_fractions.{p}", value)
        if w[p] > 0 and not present[p]:
            raise CellDefinitionError(
                f"cathode.mass_fractions.{p} = {value} but cathode.{p} is 'none': name the material"
            )
    if abs(sum(w.values()) - 1) > SUM_TOLERANCE:
        raise CellDefinitionError(
            f"cathode.mass_fractions sum to {sum(w.values()):.4f}, must be 1 "
            f"(+-{SUM_TOLERANCE:g}): {w}"
        )
    if w["active_material"] <= 0 or w["solid_electrolyte"] <= 0:
        raise CellDefinitionError(
            "cathode.mass_fractions: active_material and solid_electrolyte must be above 0; "
            "valid range (0, 1)"
        )
    return volume_fractions_from_mass(w, densities, void)


def separator_fractions(separator, se_density, binder_density, has_binder, has_template):
    """Volume fractions of a separator: ``(eps_se, eps_binder, eps_template, eps_void)``.

    Either ``solid_electrolyte_volume_fraction`` directly (the rest is void), or a
    binder mass fraction (of the solids but the template), a template volume
    fraction and a void fraction.
    """
    w_b = _value("separator", "binder_mass_fraction", separator, 0.0)
    eps_t = _value("separator", "template_volume_fraction", separator, 0.0)
    void = _value("separator", "void_volume_fraction", separator, 0.0)
    if w_b > 0 and not has_binder:
        raise CellDefinitionError(
            "separator.binder_mass_fraction > 0 but separator.binder is 'none'"
        )
    if eps_t > 0 and not has_template:
        raise CellDefinitionError(
            "separator.template_volume_fraction > 0 but separator.template is 'none'"
        )
    direct = _value("separator", "solid_electrolyte_volume_fraction", separator)
    if direct is not None:
        if w_b > 0 or eps_t > 0 or void > 0:
            raise CellDefinitionError(
                "separator: give solid_electrolyte_volume_fraction, or binder / template / void "
                "fractions, not both"
            )
        return direct, 0.0, 0.0, 1 - direct
    if eps_t + void >= 1:
        raise CellDefinitionError(
            f"separator: template ({eps_t}) and void ({void}) fractions leave no room for the SE; "
            "their sum must be below 1"
        )
    solid = 1 - eps_t - void
    vol_se = (1 - w_b) / se_density
    vol_b = w_b / binder_density if has_binder else 0.0
    eps_se = solid * vol_se / (vol_se + vol_b)
    # the binder's own share, not solid - eps_se: that difference is -1e-16 (rejected as
    # a negative fraction) for a named binder with no binder mass
    eps_b = solid * vol_b / (vol_se + vol_b)
    return eps_se, eps_b, eps_t, void
