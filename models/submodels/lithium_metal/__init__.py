"""Li-metal anode submodels."""

from .lithium_metal_anode import LithiumMetalAnode

__all__ = ["LithiumMetalAnode"]
