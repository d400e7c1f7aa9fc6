"""Helpers the composition of every layer uses: validated keys, materials, laws."""

from __future__ import annotations

from ..errors import CellDefinitionError
from ..parameter_sets import defaults, laws
from ..parameter_sets import materials as lib
from .schema import SCHEMA

MATERIAL_KIND = {
    "active_material": "cathode active material",
    "solid_electrolyte": "solid electrolyte",
    "carbon": "carbon",
    "binder": "binder",
    "coating": "coating",
    "template": "template",
}


def number(section, key, design, default=None):
    """The SI value of ``section.key`` (validated), or ``default`` if absent."""
    value = design.get(section, {}).get(key)
    if value is None:
        return default
    return SCHEMA[section][key].check(f"{section}.{key}", value)


def material(role, name, where):
    """The library material of a ``role`` (``"active_material"``, ...), None for "none"."""
    if name == "none":
        return None
    try:
        return lib.get(MATERIAL_KIND[role], name)
    except lib.UnknownMaterialError as exc:
        raise CellDefinitionError(f"{where}: {exc}") from None


def arrhenius_phase(prefix, reference, energy):
    """The conductivity law of one ionic phase and its two scalars: the value at the
    reference temperature [S.m-1] and the activation energy [J.mol-1]."""
    return {
        f"{prefix} conductivity [S.m-1]": laws.arrhenius_conductivity(prefix),
        f"{prefix} conductivity at reference temperature [S.m-1]": reference,
        f"{prefix} conductivity activation energy [J.mol-1]": energy,
    }


def complete_laws(values, prefix, phase, threshold):
    """Give every transport-efficiency law of one phase its parameters.

    The tortuosity factor defaults to the value equivalent to the Bruggeman law
    at the design's volume fraction, ``tau = eps^(1 - b)`` [D] (at least 1); the
    percolation law gets ``threshold`` and the default exponent and floor. Values
    already set (sourced) are kept.

    Returns
    -------
    set of str
        The tortuosity factor's name if it was given its default here (empty if it
        was already set).
    """
    eps = values[f"{prefix} {phase} volume fraction"]
    b = values[f"{prefix} {phase} Bruggeman exponent"]
    tau_name = f"{prefix} {phase} tortuosity factor"
    defaulted = tau_name not in values
    values.setdefault(tau_name, default_tortuosity(eps, b))
    values.setdefault(f"{prefix} {phase} percolation threshold", threshold)
    values.setdefault(
        f"{prefix} {phase} percolation exponent", float(defaults.PERCOLATION_EXPONENT)
    )
    values.setdefault(f"{prefix} {phase} percolation floor", float(defaults.PERCOLATION_FLOOR))
    return {tau_name} if defaulted else set()


def default_tortuosity(eps, b):
    """The tortuosity factor equivalent to the Bruggeman law ``eps^b`` at volume
    fraction ``eps``: ``max(eps^(1 - b), 1)`` [D], 1 for an absent phase."""
    return max(eps ** (1 - b), 1.0) if eps > 0 else 1.0


def refresh_default_tortuosity(values, defaulted):
    """Recompute the default tortuosity factors named in ``defaulted`` from the values'
    current volume fractions and Bruggeman exponents: after ``[parameters]`` overrides,
    a default follows an overridden exponent as it follows one set by a design key."""
    suffix = " tortuosity factor"
    for name in defaulted:
        stem = name[: -len(suffix)]
        values[name] = default_tortuosity(
            values[f"{stem} volume fraction"], values[f"{stem} Bruggeman exponent"]
        )
