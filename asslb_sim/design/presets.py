"""The built-in cells, composed, and their PyBaMM parameter-set entry points.

The designs are numbers with sources in :mod:`asslb_sim.parameter_sets`; this
module composes them. ``pybamm.ParameterValues("NMC811_Li6PS5Cl_Li")`` calls
:func:`nmc811_li6ps5cl_li` through the ``pybamm_parameter_sets`` entry point.
"""

from ..parameter_sets import PRESETS
from .compose import compose

__all__ = ["PRESETS", "nmc811_li6ps5cl_li"]


def nmc811_li6ps5cl_li():
    """Parameter values of the default cell (a dict for ``pybamm.ParameterValues``)."""
    return compose(PRESETS["NMC811_Li6PS5Cl_Li"])
