"""Parameter sets of asslb-sim: all the numbers, each with its source.

Registered with PyBaMM's ``pybamm_parameter_sets`` entry point, so that
``pybamm.ParameterValues("NMC811_Li6PS5Cl_Li")`` returns the default cell.
"""

from . import nmc811_li6ps5cl_li
from .stoichiometry import stoichiometry_at_voltage

default_cell = nmc811_li6ps5cl_li

__all__ = ["default_cell", "nmc811_li6ps5cl_li", "stoichiometry_at_voltage"]
