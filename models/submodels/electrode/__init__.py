"""Electronic conduction submodels."""

from .composite_electronic_ohm import CompositeElectronicOhm

__all__ = ["CompositeElectronicOhm"]
