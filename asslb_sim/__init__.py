"""asslb-sim: all-solid-state Li-metal battery simulator built on PyBaMM.

The workflows users call. Heavy imports (PyBaMM) happen on first use, so that
``import asslb_sim`` and ``asslb-sim --help`` stay fast.

Layers: :mod:`asslb_sim.design` defines cells (design keys, composition, the
C-rate basis); :mod:`asslb_sim.simulation` builds and solves them (one runner,
protocols); :mod:`asslb_sim.metrics` turns results into cell-level figures;
:mod:`asslb_sim.simulate` (rate capability), :mod:`asslb_sim.studies` and
:mod:`asslb_sim.fitting` are the workflows. The physics is in
:mod:`asslb_sim.models`, the numbers in :mod:`asslb_sim.parameter_sets`.
"""

import importlib
import os

# before any PyBaMM import: every module of the package (the CLI, study workers on
# Dask, which import asslb_sim.studies to run a chunk) passes through here first
os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")

__version__ = "0.1.0"

# public name -> module that defines it
_PUBLIC = {
    "Cell": "design",
    "CellState": "design",
    "from_dict": "design",
    "from_preset": "design",
    "from_toml": "design",
    "load_cell": "design",
    "write_cell_file": "design",
    "CellDefinitionError": "errors",
    "rate_capability": "simulate",
    "Charge": "simulation",
    "Runner": "simulation",
    "Study": "studies",
    "run_study": "studies",
    "load_study": "studies",
    "fit": "fitting",
    "FitParameter": "fitting",
    "bill_of_materials": "metrics",
    "energy_table": "metrics",
    "areal_resistance": "metrics",
    "plot_discharge_curves": "plotting",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name):
    if name in _PUBLIC:
        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'asslb_sim' has no attribute {name!r}")
