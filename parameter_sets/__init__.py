"""Parameter sets of asslb-sim: all the numbers, each with its source.

``materials`` is the materials library, ``defaults`` the values a design takes
where a cell file is silent, ``laws`` the PyBaMM function parameters (Arrhenius
and concentration laws) that read their coefficients from named parameters, and
each preset module one cell design. Nothing here imports the workflows or the
models: ``asslb_sim.design`` composes designs into PyBaMM parameter values, and
registers the presets with PyBaMM's ``pybamm_parameter_sets`` entry point.
"""

from . import defaults, laws, materials, nmc811_li6ps5cl_li

# preset name -> cell design (the sections of a cell file)
PRESETS = {"NMC811_Li6PS5Cl_Li": nmc811_li6ps5cl_li.DESIGN}

__all__ = ["PRESETS", "defaults", "laws", "materials", "nmc811_li6ps5cl_li"]
