"""asslb-sim: all-solid-state Li-metal battery simulator built on PyBaMM.

The workflows users call. Heavy imports (PyBaMM) happen on first use, so that
``import asslb_sim`` and ``asslb-sim --help`` stay fast.
"""

import os

# before any PyBaMM import: every module of the package (the CLI, sweep workers on
# Dask, which import asslb_sim.sweep to run a chunk) passes through here first
os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")

__version__ = "0.1.0"

__all__ = [
    "Cell",
    "CellDefinitionError",
    "from_preset",
    "from_toml",
    "load_cell",
    "plot_discharge_curves",
    "rate_capability",
]


def __getattr__(name):
    if name in {"Cell", "from_preset", "from_toml", "load_cell"}:
        from . import cell

        return getattr(cell, name)
    if name == "CellDefinitionError":
        from .errors import CellDefinitionError

        return CellDefinitionError
    if name == "rate_capability":
        from .simulate import rate_capability

        return rate_capability
    if name == "plot_discharge_curves":
        from .plotting import plot_discharge_curves

        return plot_discharge_curves
    raise AttributeError(f"module 'asslb_sim' has no attribute {name!r}")
