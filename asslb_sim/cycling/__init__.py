"""Cycle life: cycling on one build, Li inventory losses, fast life estimates, and the
Coulombic efficiency measured retention implies.

:func:`cycle_life` runs N cycles, each from the previous cycle's full end state
(:mod:`.life`); :func:`estimate_cycle_life` simulates a few cycles until the per-cycle
losses are steady, then books the Li inventory forward (:mod:`.estimate`);
:mod:`.retention` goes from a measured retention curve back to the per-cycle
Coulombic efficiency of plating, and checks a printed efficiency against it.
"""

from .estimate import CycleLifeEstimate, estimate_cycle_life
from .life import (
    TABLE_COLUMNS,
    CycleLifeResult,
    CycleSeries,
    DischargeCurve,
    check_cycles,
    check_threshold,
    critical_current_flag,
    cycle_life,
    cycles_to_column,
    first_below,
)
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
    "TABLE_COLUMNS",
    "CycleLifeEstimate",
    "CycleLifeResult",
    "CycleSeries",
    "DischargeCurve",
    "EfficiencyCheck",
    "RetentionFit",
    "check_cycles",
    "check_printed_efficiency",
    "check_threshold",
    "critical_current_flag",
    "cycle_life",
    "cycles_to_column",
    "estimate_cycle_life",
    "fade_delay",
    "first_below",
    "implied_coulombic_efficiency",
    "read_retention_table",
    "retention_model",
]
