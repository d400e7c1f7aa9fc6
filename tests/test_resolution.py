"""Radial resolution: the named meshes and their adaptive refinement against a fine mesh.

The CAM diffusivity now depends on lithiation (a decade lower near full lithiation for
NMC811), on the contact coverage (theta^2) and on temperature, so slow particles at
low temperature are the hard case for the radial mesh. Each check compares the
discharge capacity with that on a mesh of 200 radial points (the refinement's limit).
"""

import pytest

from asslb_sim.design import from_dict
from asslb_sim.models.mesh import MESHES, Mesh
from asslb_sim.simulation import Case, Runner
from asslb_sim.simulation.protocols import discharge_end_time
from asslb_sim.simulation.resolution import (
    RESOLVED_POINTS_RATIO,
    diffusion_ratio,
    particle_diffusivity,
    solve_resolved,
)

pytestmark = pytest.mark.slow

REFERENCE = Mesh(r_p=200, particle_stretch=5.0)


def _case(cell, c_rate):
    state = cell.anode.charged(cell)
    density = c_rate * cell.basis.nominal_capacity
    return Case(cell, state, cell.current(density), discharge_end_time(cell, state, density))


def _capacity(outcome):
    q = outcome.solution["Discharge capacity [A.h]"].entries
    return float(q[-1] - q[0])


def _reference(case):
    (outcome,) = Runner(mesh=REFERENCE).solve([case])
    assert outcome.ok, outcome.message
    return _capacity(outcome)


@pytest.mark.parametrize(
    ("cathode", "temperature_C", "c_rate"),
    [
        ({"diffusivity_m2_s": 1e-17}, 25, 0.5),  # a slow CAM at room temperature
        ({}, -20, 0.5),  # the default CAM in the cold
    ],
    ids=["D=1e-17", "-20C"],
)
def test_refinement_reaches_the_fine_mesh(cathode, temperature_C, c_rate):
    cell = from_dict(
        {"cathode": {"thickness_um": 60, **cathode}, "operation": {"temperature_C": temperature_C}}
    )
    case = _case(cell, c_rate)
    runner = Runner(mesh=MESHES["single-run"])
    # these cases are under-resolved on the named mesh: the refinement must run
    assert diffusion_ratio(case) < RESOLVED_POINTS_RATIO / runner.mesh.r_p
    (outcome,), (points,), (error,) = solve_resolved(runner, [case])
    assert outcome.ok, outcome.message
    assert points > runner.mesh.r_p
    # 2 %: the refinement stops when two meshes agree within 1 %; the finite-volume error
    # falls at least linearly with the points, so the finest is within another 1 %
    assert _capacity(outcome) == pytest.approx(_reference(case), rel=0.02)
    assert error <= 0.01 or "under-resolved" in outcome.message


def test_named_mesh_is_adequate_where_it_claims():
    """Where delta / R is just above the named mesh's claim (no refinement), its
    capacity is within 1.5 % of the fine mesh's (measured 0.7-1.4 % near the limit)."""
    cell = from_dict({"cathode": {"thickness_um": 60}})
    runner = Runner(mesh=MESHES["single-run"])
    limit = RESOLVED_POINTS_RATIO / runner.mesh.r_p
    for c_rate in (0.2, 1.0, 3.0):
        case = _case(cell, c_rate)
        if diffusion_ratio(case) >= limit:
            break
    else:
        pytest.fail("no C-rate where the named mesh claims to be adequate")
    (outcome,) = runner.solve([case])
    assert outcome.ok, outcome.message
    # 1.5 %: the claim is "about 1 %" (0.7-1.4 % measured near the limit)
    assert _capacity(outcome) == pytest.approx(_reference(case), rel=0.015)


def test_diffusivity_as_the_model_evaluates_it():
    """The ratio uses the effective diffusivity: theta^2 D_ref 10^f(0.5) at 25 C."""
    cell = from_dict({})
    v = cell.parameter_values
    theta = v["Positive electrode active material contact coverage"]
    d = particle_diffusivity(v, 0.5)
    assert 0 < d < v["Positive particle diffusivity at reference temperature [m2.s-1]"]
    cold = from_dict({"operation": {"temperature_C": -20}}).parameter_values
    assert particle_diffusivity(cold, 0.5) < d
    # theta^2: doubling the coverage (capped at 1) scales D by its square
    covered = from_dict({"cathode": {"contact_coverage": min(1.0, 2 * theta)}})
    ratio = particle_diffusivity(covered.parameter_values, 0.5) / d
    assert ratio == pytest.approx((min(1.0, 2 * theta) / theta) ** 2, rel=1e-9)
