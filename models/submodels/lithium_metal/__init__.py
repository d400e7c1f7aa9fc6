"""Li-metal anode submodels."""

from .lithium_metal_anode import LithiumMetalAnode
from .plated_lithium_anode import PlatedLithiumAnode

__all__ = ["LithiumMetalAnode", "PlatedLithiumAnode"]
