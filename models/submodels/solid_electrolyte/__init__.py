"""Single-ion ohmic conduction in the solid electrolyte (no concentration states)."""

from .capacitive_grain_boundaries import CapacitiveGrainBoundaries
from .capacitive_separator_ohm import CapacitiveSeparatorOhm
from .composite_ionic_ohm import CompositeIonicOhm
from .grain_boundaries import GrainBoundaries
from .no_grain_boundaries import NoGrainBoundaries
from .separator_ohm import SeparatorOhm

__all__ = [
    "CapacitiveGrainBoundaries",
    "CapacitiveSeparatorOhm",
    "CompositeIonicOhm",
    "GrainBoundaries",
    "NoGrainBoundaries",
    "SeparatorOhm",
]
