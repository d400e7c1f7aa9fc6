"""The critical current density of a design's Li|SE interface, and currents checked
against it.

Above its critical current density (CCD) a Li|SE interface fails in a real cell:
stripping faster than Li creeps back leaves voids, and plating on the remaining
contact grows dendrites that short the cell (the library's sources:
:data:`~asslb_sim.parameter_sets.materials.CRITICAL_CURRENTS`). The model has no
dendrite short, so a current above the CCD is not stopped: the result carries a
flag with the reason (:func:`check_current`).

Parameters (one meaning each):

- ``"Critical current density [A.m-2]"``: the plating (charge) CCD at the cell's
  temperature and stack pressure;
- ``"Stripping critical current density [A.m-2]"``: the stripping (discharge) CCD;
- ``"Stack pressure [Pa]"``: the pressure the cell is held at.

A cell whose Li|SE pair has no published CCD (an In/InLi counter electrode, a
halide or oxide separator) carries neither CCD parameter, and no current is
flagged, unless its file gives the values
(``anode.critical_current_density_mA_cm2``,
``anode.stripping_critical_current_density_mA_cm2``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..parameter_sets import defaults
from ..parameter_sets import materials as lib
from .schema import SCHEMA

PLATING = "Critical current density [A.m-2]"
STRIPPING = "Stripping critical current density [A.m-2]"
PRESSURE = "Stack pressure [Pa]"
PARAMETERS = {"plating": PLATING, "stripping": STRIPPING}
KEYS = {
    "plating": "critical_current_density_mA_cm2",
    "stripping": "stripping_critical_current_density_mA_cm2",
}
# a current density equal to the CCD up to floating-point rounding (of the C-rate times
# the nominal capacity, and the unit conversions) is at it, not above it
AT_THRESHOLD = 1e-9


def library_law(design):
    """The library's :class:`~asslb_sim.parameter_sets.materials.CriticalCurrent` of a
    design's Li|SE pair, or None when none is published.

    The Li side is the Li foil, or the interlayer of an anode-free cell (Li plated on
    a bare collector meets the SE as a foil does); the SE is the separator's.
    """
    anode = design.get("anode", {})
    material = anode.get("material", "Li metal")
    if material == "Li metal":
        side = "Li metal"
    elif material == "anode-free":
        interlayer = anode.get("interlayer", "none")
        side = "Li metal" if interlayer == "none" else interlayer
    else:
        return None
    se = design.get("separator", {}).get("solid_electrolyte", "Li6PS5Cl")
    return lib.CRITICAL_CURRENTS.get((side, se))


def compose_critical_current(design, values):
    """Write the stack pressure and the CCDs (from the cell file, else the library's
    law at the cell's temperature and pressure) into ``values``."""
    operation = design.get("operation", {})
    pressure = operation.get("stack_pressure_MPa")
    spec = SCHEMA["operation"]["stack_pressure_MPa"]
    values[PRESSURE] = (
        float(defaults.STACK_PRESSURE)
        if pressure is None
        else spec.check("operation.stack_pressure_MPa", pressure)
    )
    law = library_law(design)
    anode = design.get("anode", {})
    for direction, name in PARAMETERS.items():
        key = KEYS[direction]
        if key in anode:
            values[name] = SCHEMA["anode"][key].check(f"anode.{key}", anode[key])
        elif law is not None:
            values[name] = law.at(direction, values["Ambient temperature [K]"], values[PRESSURE])


def critical_current_density(cell, direction):
    """The ``direction`` ("plating" or "stripping") CCD of ``cell`` [mA.cm-2], or NaN
    when it has none."""
    value = cell.parameter_values.get(PARAMETERS[direction])
    return float("nan") if value is None else value / 10  # A.m-2 -> mA.cm-2


@dataclass(frozen=True)
class CurrentCheck:
    """A current density [mA.cm-2] of a ``direction`` ("plating" on charge,
    "stripping" on discharge) against the CCD [mA.cm-2] (NaN: none known)."""

    direction: str
    current_density: float
    limit: float

    @property
    def exceeded(self):
        """Above the CCD (not at it: :data:`AT_THRESHOLD`)."""
        return math.isfinite(self.limit) and self.current_density > self.limit * (1 + AT_THRESHOLD)

    @property
    def message(self):
        """The flag's reason, or "" when the current is at or below the CCD."""
        if not self.exceeded:
            return ""
        failure = (
            "may short by dendrites"
            if self.direction == "plating"
            else "may leave voids at the Li|SE interface, and dendrites on the next charge"
        )
        return (
            f"{self.direction} at {self.current_density:.3g} mA.cm-2 exceeds the Li|SE "
            f"critical current density {self.limit:.3g} mA.cm-2: a real cell {failure}; the "
            "model has no dendrite short and ran on"
        )


def check_current(cell, current_density, direction):
    """A :class:`CurrentCheck` of ``current_density`` [mA.cm-2] plating ("plating", a
    charge) or stripping ("stripping", a discharge) at the cell's Li|SE interface."""
    return CurrentCheck(direction, current_density, critical_current_density(cell, direction))


def maximum_charge_c_rate(cell):
    """The highest charge C-rate the cell's Li|SE interface tolerates: the plating CCD
    over the current density of 1C (NaN when no CCD is known)."""
    return critical_current_density(cell, "plating") / cell.basis.nominal_capacity


def join_flags(*messages):
    """Flags joined into one text ("" when none)."""
    return "; ".join(m for m in messages if m)
