"""Fitting model parameters to measured curves and rate tables.

:mod:`.data` loads and validates data files, :mod:`.parameters` defines a fitted
parameter, :mod:`.problem` the residuals, :mod:`.optimisers` the back ends and
:mod:`.statistics` the report's intervals and warnings; :func:`fit` runs them.
"""

from .data import DataError, Dataset, load
from .optimisers import BACKENDS
from .parameters import FitParameter
from .problem import FitProblem
from .run import FitResult, fit
from .statistics import CORRELATION_WARNING

__all__ = [
    "BACKENDS",
    "CORRELATION_WARNING",
    "DataError",
    "Dataset",
    "FitParameter",
    "FitProblem",
    "FitResult",
    "fit",
    "load",
]
