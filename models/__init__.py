"""Physics of asslb-sim: PyBaMM submodels and the named cell models."""

from . import submodels
from .lithium_metal_cell import LithiumMetalCell
from .options import CellModelOptions

__all__ = ["CellModelOptions", "LithiumMetalCell", "submodels"]
