"""Areal resistance (compatibility module): see :mod:`asslb_sim.metrics.resistance`."""

from .metrics import BREAKDOWN, ResistanceResult, areal_resistance, pulse_resistance

__all__ = ["BREAKDOWN", "ResistanceResult", "areal_resistance", "pulse_resistance"]
