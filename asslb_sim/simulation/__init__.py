"""The simulation seam: one runner for every build and solve, protocols defined once.

:class:`Runner` decides which parameters are inputs, caches the builds, solves
cases in batches with retries and classifies how each ended; the protocols
(:class:`Charge`, :class:`Pulse`, discharges at C-rates) say what a simulation
does. Single runs, studies, fits, resistance tests and ``describe`` use it alike.
"""

from .meshes import MESHES, Mesh, resolve_mesh
from .outcomes import Outcome, classify, classify_error
from .protocols import (
    Charge,
    Cycle,
    Pulse,
    check_c_rates,
    discharge_end_time,
    parse_charge,
    resolve_charge,
)
from .resolution import RESOLVED_POINTS_RATIO, diffusion_ratio, solve_resolved
from .runner import (
    CURRENT,
    INITIAL_CONCENTRATION,
    NOMINAL,
    REBUILD,
    STATE_INPUTS,
    Case,
    CycleStep,
    ExperimentResult,
    Runner,
    clear_cache,
    structure_key,
)
from .solver import available_cores, make_solver

__all__ = [
    "CURRENT",
    "INITIAL_CONCENTRATION",
    "MESHES",
    "NOMINAL",
    "REBUILD",
    "RESOLVED_POINTS_RATIO",
    "STATE_INPUTS",
    "Case",
    "Charge",
    "Cycle",
    "CycleStep",
    "ExperimentResult",
    "Mesh",
    "Outcome",
    "Pulse",
    "Runner",
    "available_cores",
    "check_c_rates",
    "classify",
    "classify_error",
    "clear_cache",
    "diffusion_ratio",
    "discharge_end_time",
    "make_solver",
    "parse_charge",
    "resolve_charge",
    "resolve_mesh",
    "solve_resolved",
    "structure_key",
]
