"""Meshes for simulations: the named meshes of the models, with input errors as ours."""

from __future__ import annotations

from ..errors import CellDefinitionError
from ..models import MESHES, Mesh, MeshError
from ..models import mesh as model_mesh

__all__ = ["MESHES", "Mesh", "resolve_mesh"]


def resolve_mesh(spec=None, default="single-run"):
    """A :class:`~asslb_sim.models.Mesh` from ``spec``: a Mesh, a name in ``MESHES``, or
    a dict of fields replacing those of the ``default`` mesh; None gives the default.

    Raises
    ------
    CellDefinitionError
        For an unknown name or field, or a value out of range.
    """
    try:
        return model_mesh.resolve_mesh(spec, default)
    except MeshError as exc:
        raise CellDefinitionError(str(exc)) from None
