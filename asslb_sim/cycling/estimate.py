"""placeholder"""

CycleLifeEstimate = None
estimate_cycle_life = None
