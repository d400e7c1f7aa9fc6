"""Li-metal anode submodels: the Li inventory, and the Li|SE interface."""

from .interface_double_layer import LithiumInterfaceDoubleLayer
from .interface_kinetics import LithiumInterfaceKinetics
from .lithium_metal_anode import LithiumMetalAnode
from .plated_lithium_anode import PlatedLithiumAnode

__all__ = [
    "LithiumInterfaceDoubleLayer",
    "LithiumInterfaceKinetics",
    "LithiumMetalAnode",
    "PlatedLithiumAnode",
]
