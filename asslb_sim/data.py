"""Data files of fits (compatibility module): see :mod:`asslb_sim.fitting.data`."""

from .fitting.data import (
    CAPACITY_COLUMNS,
    CURRENT,
    RATE,
    RETENTION,
    UNITS,
    VOLTAGE,
    DataError,
    Dataset,
    load,
)

__all__ = [
    "CAPACITY_COLUMNS",
    "CURRENT",
    "RATE",
    "RETENTION",
    "UNITS",
    "VOLTAGE",
    "DataError",
    "Dataset",
    "load",
]
