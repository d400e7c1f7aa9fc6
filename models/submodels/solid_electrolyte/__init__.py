"""Single-ion ohmic conduction in the solid electrolyte (no concentration states)."""

from .composite_ionic_ohm import CompositeIonicOhm
from .separator_ohm import SeparatorOhm

__all__ = ["CompositeIonicOhm", "SeparatorOhm"]
