"""Finite-volume meshes of the cell models, and the two named ones.

The x direction (separator, composite cathode) is uniform; the particle's radial
mesh crowds its points towards the surface with PyBaMM's exponential submesh,

.. math::

    r_i = R \\, \\frac{e^{s i / n} - 1}{e^{s} - 1}, \\quad i = 0 \\dots n,

seen from the centre (``side = "right"``), with stretch :math:`s` (0: uniform).
A current step opens a diffusion boundary layer of width :math:`\\sqrt{D t}`
under the surface (40 nm after 0.4 s in NMC811), which the stretch resolves; the
capacity and energy of a whole discharge also depend on the profile across the
particle.

Measured at 2C against a 100 x 120 mesh (NMC811 | Li6PS5Cl | Li: cathodes of 60,
140 and 200 um, particles of 10 and 15 um, D/10, 0 C; README, "Mesh"):

- ``"single-run"`` (x_p 25, r_p 25, stretch 4): the voltage within 2 mV of a
  2x refined mesh from the first millisecond of a 1C discharge
  (tests/test_mesh_convergence.py); capacity and energy 0.14-0.57 % low, the
  10 s pulse voltage within 2.6 mV.
- ``"study"`` (x_p 25, r_p 20, stretch 3.5): capacity and energy 0.17-0.62 % low
  (at most 0.09 points further than ``"single-run"``), the 10 s pulse voltage
  within 2.3 mV; 20 % fewer particle states, design studies about 12 % faster.

Neither is converged where diffusion starves the particle surface (D/100, or
-20 C, at 2C: 10-18 % and 13-36 % off); refine ``r_p`` there. A coarser, mildly
stretched mesh (r_p 15, stretch 2) matched at 25 C but was 4 % off at D/10 and
2-3x off at D/100.
"""

from __future__ import annotations

import numbers
from dataclasses import asdict, dataclass, fields


class MeshError(ValueError):
    """A mesh specification is invalid; the message names the field and the valid range."""


_POINTS_RANGE = (3, 400)
_STRETCH_RANGE = (0.01, 20.0)  # or 0: uniform (a tiny stretch underflows)


@dataclass(frozen=True)
class Mesh:
    """Points per domain and the particle mesh's stretch towards the surface.

    Parameters
    ----------
    x_s : int
        Points across the separator, in [3, 400].
    x_p : int
        Points across the composite cathode, in [3, 400].
    r_p : int
        Points along the radius of the active-material particle, in [3, 400].
    particle_stretch : float
        Stretch of the radial mesh towards the particle surface: 0 (uniform) or
        in [0.01, 10].
    """

    x_s: int = 5
    x_p: int = 25
    r_p: int = 25
    particle_stretch: float = 4.0

    def __post_init__(self):
        lo, hi = _POINTS_RANGE
        for name in ("x_s", "x_p", "r_p"):
            value = getattr(self, name)
            if not (isinstance(value, numbers.Integral) and not isinstance(value, bool)):
                raise MeshError(
                    f"mesh.{name}: {value!r} is not a whole number; valid range [{lo}, {hi}]"
                )
            if not lo <= value <= hi:
                raise MeshError(f"mesh.{name}: {value}; valid range [{lo}, {hi}]")
            object.__setattr__(self, name, int(value))  # numpy integers: plain, for JSON
        s = self.particle_stretch
        lo, hi = _STRETCH_RANGE
        if not (
            isinstance(s, numbers.Real) and not isinstance(s, bool) and (s == 0 or lo <= s <= hi)
        ):
            raise MeshError(f"mesh.particle_stretch: {s!r}; valid: 0 (uniform) or [{lo}, {hi}]")
        # 2 and 2.0 are the same mesh: one spelling in fingerprints and cache keys
        object.__setattr__(self, "particle_stretch", float(s))

    def simulation_kwargs(self, model):
        """``var_pts`` and ``submesh_types`` of a :class:`pybamm.Simulation` of ``model``."""
        return {"var_pts": self.var_pts(model), "submesh_types": self.submesh_types(model)}

    def var_pts(self, model):
        """``model``'s points per spatial variable, with this mesh's."""
        return {**model.default_var_pts, "x_s": self.x_s, "x_p": self.x_p, "r_p": self.r_p}

    def submesh_types(self, model):
        """``model``'s submesh generators, with this mesh's particle mesh."""
        submeshes = dict(model.default_submesh_types)
        submeshes["positive particle"] = particle_submesh(self.particle_stretch)
        return submeshes

    def as_dict(self):
        return asdict(self)


def particle_submesh(stretch):
    """The radial mesh generator: exponential towards the surface, or uniform."""
    import pybamm

    if stretch == 0:
        return pybamm.MeshGenerator(pybamm.Uniform1DSubMesh)
    return pybamm.MeshGenerator(
        pybamm.Exponential1DSubMesh, submesh_params={"side": "right", "stretch": float(stretch)}
    )


MESHES = {
    "single-run": Mesh(),
    "study": Mesh(r_p=20, particle_stretch=3.5),
}


def resolve_mesh(spec=None, default="single-run"):
    """A :class:`Mesh` from ``spec``: a Mesh, a name in :data:`MESHES`, or a dict of
    fields that replace those of the ``default`` mesh (``{"r_p": 50}``); None gives
    the ``default``."""
    if default not in MESHES:
        raise MeshError(f"mesh: default {default!r}; valid: {sorted(MESHES)}")
    if spec is None:
        spec = default
    if isinstance(spec, Mesh):
        return spec
    if isinstance(spec, str):
        if spec not in MESHES:
            raise MeshError(f"mesh: {spec!r} is not a mesh; valid: {sorted(MESHES)}")
        return MESHES[spec]
    if isinstance(spec, dict):
        names = {f.name for f in fields(Mesh)}
        unknown = set(spec) - names
        if unknown:
            raise MeshError(f"mesh: unknown field(s) {sorted(unknown)}; valid: {sorted(names)}")
        return Mesh(**{**asdict(MESHES[default]), **spec})
    raise MeshError(f"mesh: {spec!r}; give a name {sorted(MESHES)}, a table of fields or a Mesh")
