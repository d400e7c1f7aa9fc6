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

The CAM diffusivity falls by a decade or more towards full lithiation (NMC811,
Ruess 2020) and by theta^2 with the contact coverage, so on discharge a lithiated
shell with a steep front moves into the particle: the front needs points across the
whole radius, the opening boundary layer points under the surface (a stretch of 5
balances both; 8-10 is worse, 2-3 too). Measured on the default cell
(NMC811 | Li6PS5Cl | Li, 140 um) against x_p 50, r_p 160 (scripts in the README,
"Mesh"; tests/test_mesh_convergence.py):

- ``"single-run"`` (x_p 25, r_p 60, stretch 5): at 1C the voltage within 4.3 mV over
  the first 95 % of the discharge (11 mV in the final knee), capacity 0.15 % low; at
  2C capacity and energy 0.15-0.4 % low for 60-200 um, the 10 s pulse voltage within
  0.5 mV.
- ``"study"`` (x_p 25, r_p 40, stretch 5): at 2C capacity and energy 0.45-0.9 % low
  (60-200 um), 3 % at D/10 and 2.2 % at 0 C, where the adaptive radial refinement of
  :mod:`asslb_sim.simulation.resolution` takes over; 2/3 of the single-run mesh's
  particle states.

Where diffusion starves the particles (D/10 at 2C, 0 C and below) neither named
mesh is converged: discharges there are refined until two meshes agree within 1 %
(:func:`asslb_sim.simulation.resolution.solve_resolved`).
"""

from __future__ import annotations

import numbers
from dataclasses import asdict, dataclass, fields


class MeshError(ValueError):
    """A mesh specification is invalid; the message names the field and the valid range."""


_POINTS_RANGE = (3, 400)
_STRETCH_RANGE = (0.01, 10.0)  # or 0: uniform (a tiny stretch underflows)


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
    r_p: int = 60
    particle_stretch: float = 5.0

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
    "study": Mesh(r_p=40, particle_stretch=5.0),
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
