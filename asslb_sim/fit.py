"""Fitting (compatibility module): it lives in :mod:`asslb_sim.fitting`."""

from .design import write_cell_file
from .fitting import BACKENDS, CORRELATION_WARNING, FitParameter, FitProblem, FitResult, fit

__all__ = [
    "BACKENDS",
    "CORRELATION_WARNING",
    "FitParameter",
    "FitProblem",
    "FitResult",
    "fit",
    "write_cell_file",
]
