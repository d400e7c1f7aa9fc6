"""The valid range of every parameter of a composed cell, in SI units.

The range of a parameter that a design key sets comes from that key
(:data:`~asslb_sim.design.schema.SCHEMA`); the few parameters no key sets
(densities, law coefficients, the cut-offs' SI form) have theirs in
:data:`PARAMETER_RANGES` and :data:`SUFFIX_RANGES`. :data:`DERIVED` names the
parameters composed from several keys, which cannot be set alone.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..errors import CellDefinitionError
from .schema import is_number, key_of_parameter

_INF = math.inf

# SI ranges of parameters that no design key sets:
# name -> (low, high, low inclusive, high inclusive)
PARAMETER_RANGES = {
    "Positive electrode active material volume fraction": (0, 1, False, False),
    "Positive electrode solid electrolyte volume fraction": (0, 1, False, False),
    "Ambient temperature [K]": (173.15, 573.15, True, True),
    "Initial temperature [K]": (173.15, 573.15, True, True),
    "Reference temperature [K]": (173.15, 573.15, True, True),
    "Maximum concentration in positive electrode [mol.m-3]": (0, _INF, False, False),
    "Lithium metal density [kg.m-3]": (0, _INF, False, False),
    "Lithium metal molar mass [kg.mol-1]": (0, _INF, False, False),
    "Positive electrode active material density [kg.m-3]": (0, _INF, False, False),
    "Lithium counter electrode thickness [m]": (0, 5e-3, True, True),
    "Positive electrode thickness [m]": (0, 5e-3, False, True),
    "Separator thickness [m]": (0, 5e-3, False, True),
    "Negative electrode thickness [m]": (0, 5e-3, True, True),
    "Positive particle radius [m]": (0, 1e-4, False, True),
    "Positive electrode film resistance [Ohm.m2]": (0, 1, True, True),
    "Lithium metal interphase resistance [Ohm.m2]": (0, 1, True, True),
    "Positive electrode double-layer capacity [F.m-2]": (0, 1e3, False, True),
    "Positive electrode film capacity [F.m-2]": (0, 1e3, False, True),
    "Lithium metal double-layer capacity [F.m-2]": (0, 1e3, False, True),
    "Separator solid electrolyte relative permittivity": (1, 1e5, True, True),
    "Separator grain-boundary resistance [Ohm.m2]": (0, 1, True, True),
    "Separator grain-boundary relative permittivity": (1, 1e8, True, True),
    "Initial inactive lithium thickness [m]": (0, 5e-3, True, True),
    # below 0 for an alloy: its Li-free host, under the inventory counted from its plateau
    "Minimum lithium metal thickness [m]": (-5e-3, 0, True, True),
    "Interlayer lithium capacity [m]": (0, 5e-3, True, True),
    "Interlayer lithiation potential [V]": (0, 5, True, True),
    "Voltage reference potential vs Li [V]": (0, 5, True, True),
    "Lower voltage cut-off [V]": (0, 6, False, True),
    "Upper voltage cut-off [V]": (0, 6, False, True),
}

# rules by name ending, for every parameter neither table names
SUFFIX_RANGES = (
    (" activation energy [J.mol-1]", (0, 2e5, True, True)),
    (" percolation threshold", (0, 1, True, False)),
    (" percolation floor", (0, 1, False, True)),
    (" percolation exponent", (0, 10, False, True)),
    (" tortuosity factor", (1, _INF, True, False)),
    (" Bruggeman exponent", (0, 10, True, True)),
    (" volume fraction", (0, 1, True, True)),
    (" mass fraction", (0, 1, True, True)),
    (" density [kg.m-3]", (0, _INF, True, False)),
    (" conductivity at reference temperature [S.m-1]", (0, _INF, True, False)),
    (" thickness [m]", (0, 5e-3, True, True)),
)


@functools.cache  # the tables are fixed at import; names repeat per design
def parameter_range(name):
    """SI range ``(low, high, low inclusive, high inclusive)`` of a parameter, or None.

    Ranges stated for the parameter itself come first, then those of the design
    key that sets it, then the rules by name ending.
    """
    if name in PARAMETER_RANGES:
        return PARAMETER_RANGES[name]
    found = key_of_parameter().get(name)
    if found is not None:
        return found[1].si_limits()
    for suffix, limits in SUFFIX_RANGES:
        if name.endswith(suffix):
            return limits
    return None


# parameters the composition derives from design keys and material properties without a
# key of their own: setting them alone would leave what depends on them stale
# (name -> what to change instead)
DERIVED = {
    "Negative electrode thickness [m]": "anode.li_excess_um (Li metal) or "
    "anode.interlayer_thickness_um (anode-free)",
    "Initial concentration in positive electrode [mol.m-3]": "the cut-off voltages "
    "(operation.upper_cutoff_V), or start a simulation from a CellState",
    "Initial inactive lithium thickness [m]": "a CellState to start a simulation from",
    "Minimum lithium metal thickness [m]": "anode.alloy_thickness_um (the alloy's host)",
    "Voltage reference potential vs Li [V]": "anode.material (the counter electrode)",
    "Current function [A]": "the C-rates or the current density of a protocol",
    "Open-circuit voltage at 0% SOC [V]": "operation.lower_cutoff_V",
    "Open-circuit voltage at 100% SOC [V]": "operation.upper_cutoff_V",
    "Separator binder volume fraction": "separator.binder_mass_fraction",
    **{
        f"{layer} {phase} density [kg.m-3]": f"the material ({section}.{key}), or give "
        f"{section} volume fractions and a thickness"
        for layer, section, phases in (
            (
                "Positive electrode",
                "cathode",
                ("active material", "solid electrolyte", "carbon", "binder"),
            ),
            ("Separator", "separator", ("solid electrolyte", "binder", "template")),
        )
        for phase in phases
        for key in (phase.replace(" ", "_"),)
    },
}


def is_data(value):
    """A PyBaMM data table: ``(name, ([x], y))`` with finite arrays."""
    if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)):
        return False
    try:
        (x,), y = value[1]
        return bool(np.all(np.isfinite(x)) and np.all(np.isfinite(y)) and len(x) == len(y))
    except (TypeError, ValueError):
        return False


def describe_range(limits):
    low, high, low_inc, high_inc = limits
    return f"{'[' if low_inc else '('}{low:g}, {high:g}{']' if high_inc else ')'}"


def check_parameter(name, value):
    """Check an SI parameter value against its range; raise naming it and the range."""
    limits = parameter_range(name)
    if limits is None:
        if not (callable(value) or is_data(value) or (is_number(value) and math.isfinite(value))):
            raise CellDefinitionError(f"{name}: {value!r} must be a finite number")
        return
    low, high, low_inc, high_inc = limits
    ok = is_number(value) and math.isfinite(value)
    if ok:
        ok = (value >= low if low_inc else value > low) and (
            value <= high if high_inc else value < high
        )
    if not ok:
        raise CellDefinitionError(
            f"{name}: {value!r} is out of range; valid range {describe_range(limits)} (SI units)"
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


def validate_parameter_values(values):
    """Check every parameter against its range, the phase balance and the cut-offs.

    Raises
    ------
    CellDefinitionError
        Naming the offending parameter, its value and the valid range.
    """
    for name, value in values.items():
        if name in ("chemistry", "citations") or hasattr(value, "evaluate"):
            continue  # a PyBaMM symbol: an input parameter of a study or a fit
        check_parameter(name, value)
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
