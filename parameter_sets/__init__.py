"""Parameter sets of asslb-sim: all the numbers, each with its source.

``materials`` is the materials library, ``compose`` turns a cell design
(materials + formulation) into PyBaMM parameter values, and each preset module
holds one cell design. Presets are registered with PyBaMM's
``pybamm_parameter_sets`` entry point, so ``pybamm.ParameterValues(
"NMC811_Li6PS5Cl_Li")`` returns the default cell.
"""

from . import compose, materials, nmc811_li6ps5cl_li
from .compose import DesignError
from .stoichiometry import stoichiometry_at_voltage

PRESETS = {"NMC811_Li6PS5Cl_Li": nmc811_li6ps5cl_li}
default_cell = nmc811_li6ps5cl_li

__all__ = [
    "PRESETS",
    "DesignError",
    "compose",
    "default_cell",
    "materials",
    "nmc811_li6ps5cl_li",
    "stoichiometry_at_voltage",
]
