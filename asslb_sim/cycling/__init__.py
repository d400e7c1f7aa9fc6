"""Cycle life: cycling on one build, Li inventory losses, fast life estimates.

:func:`cycle_life` runs N cycles, each from the previous cycle's full end state
(:mod:`.life`); :func:`estimate_cycle_life` simulates a few cycles until the per-cycle
losses are steady, then books the Li inventory forward (:mod:`.estimate`).
"""

from .estimate import CycleLifeEstimate, estimate_cycle_life
from .life import (
    TABLE_COLUMNS,
    CycleLifeResult,
    CycleSeries,
    check_cycles,
    check_threshold,
    cycle_life,
    first_below,
)

__all__ = [
    "TABLE_COLUMNS",
    "CycleLifeEstimate",
    "CycleLifeResult",
    "CycleSeries",
    "check_cycles",
    "check_threshold",
    "cycle_life",
    "estimate_cycle_life",
    "first_below",
]
