"""Parameter sets of asslb-sim: all the numbers, each with its source.

``materials`` is the materials library, ``defaults`` the values a design takes
where a cell file is silent, ``laws`` the PyBaMM function parameters (Arrhenius
and concentration laws) that read their coefficients from named parameters, and
``constants`` the physical constants (each defined once, importing nothing), and
each preset module one cell design. Nothing here imports the workflows or the
models: ``asslb_sim.design`` composes designs into PyBaMM parameter values, and
registers the presets with PyBaMM's ``pybamm_parameter_sets`` entry point.
"""

import importlib

_SUBMODULES = ("constants", "defaults", "laws", "materials", "nmc811_li6ps5cl_li")
# preset name -> the module whose DESIGN is that cell design (the sections of a cell file)
_PRESET_MODULES = {"NMC811_Li6PS5Cl_Li": "nmc811_li6ps5cl_li"}


def __getattr__(name):
    """The submodules and ``PRESETS`` on first use: importing this package (e.g. for
    :mod:`.constants`) does not import PyBaMM; ``laws`` and ``materials`` do."""
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    if name == "PRESETS":
        return {
            preset: importlib.import_module(f".{module}", __name__).DESIGN
            for preset, module in _PRESET_MODULES.items()
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PRESETS", *_SUBMODULES]
