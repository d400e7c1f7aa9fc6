"""Active-material submodels."""

from .partially_connected import PartiallyConnected

__all__ = ["PartiallyConnected"]
