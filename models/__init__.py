"""Physics of asslb-sim: PyBaMM submodels and the named cell models."""

from . import submodels
from .anode_free_cell import AnodeFreeCell
from .lithium_metal_cell import LithiumMetalCell
from .mesh import MESHES, Mesh, MeshError, resolve_mesh
from .options import CellModelOptions

__all__ = [
    "MESHES",
    "AnodeFreeCell",
    "CellModelOptions",
    "LithiumMetalCell",
    "Mesh",
    "MeshError",
    "cell_model",
    "resolve_mesh",
    "submodels",
]


def cell_model(options=None, build=True):
    """The named model for ``options`` (a :class:`CellModelOptions` or dict):
    :class:`AnodeFreeCell` when ``anode`` is ``"anode-free"``, else
    :class:`LithiumMetalCell`."""
    options = CellModelOptions.coerce(options)
    model = AnodeFreeCell if options.anode == "anode-free" else LithiumMetalCell
    return model(options, build=build)
