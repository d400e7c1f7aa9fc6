"""Cycle life: the Li inventory over many cycles.

:mod:`.retention` goes from a measured retention curve back to the per-cycle
Coulombic efficiency of plating, and checks a printed efficiency against it.
"""

from .retention import (
    CYCLE,
    LEE_2020,
    LEE_2020_MEDIAN_CE,
    LEE_2020_PRINTED_CE,
    RETENTION,
    EfficiencyCheck,
    RetentionFit,
    check_printed_efficiency,
    fade_delay,
    implied_coulombic_efficiency,
    read_retention_table,
    retention_model,
)

__all__ = [
    "CYCLE",
    "LEE_2020",
    "LEE_2020_MEDIAN_CE",
    "LEE_2020_PRINTED_CE",
    "RETENTION",
    "EfficiencyCheck",
    "RetentionFit",
    "check_printed_efficiency",
    "fade_delay",
    "implied_coulombic_efficiency",
    "read_retention_table",
    "retention_model",
]
