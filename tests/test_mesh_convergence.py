"""The named meshes against refined ones: the "single-run" mesh resolves the voltage
from the first millisecond, the "study" mesh the outputs of design studies."""

import dataclasses

import numpy as np
import pybamm
import pytest

from asslb_sim.cell import from_dict
from asslb_sim.design import CellState
from asslb_sim.errors import CellDefinitionError
from asslb_sim.models import MESHES, Mesh
from asslb_sim.simulation import resolve_mesh
from conftest import solve_at

REFERENCE = Mesh(x_s=10, x_p=50, r_p=160, particle_stretch=5.0)


def test_default_mesh_voltage_against_a_fine_mesh(default_cell):
    solutions = []
    for grid in (MESHES["single-run"], REFERENCE):
        current = default_cell.basis.nominal_capacity * default_cell.area_cm2 * 1e-3
        solutions.append(solve_at(default_cell, current, 5400, grid))
    t_end = min(s.t[-1] for s in solutions)
    t = np.concatenate([np.linspace(0, 30, 3001), np.linspace(30, 0.95 * t_end, 3000)])
    dv = solutions[0]["Voltage [V]"](t) - solutions[1]["Voltage [V]"](t)
    # 5 mV over the first 95 % of a 1C discharge: measured 4.3 mV (the lithiated shell's
    # front, which D(x) makes steep; 2.8 mV with 80 radial points, 6.8 mV with 40)
    assert np.max(np.abs(dv)) < 5e-3
    q = [s["Discharge capacity [A.h]"].entries[-1] for s in solutions]
    # 0.3 %: measured 0.15 % low
    assert q[0] == pytest.approx(q[1], rel=3e-3)
    assert isinstance(solutions[0], pybamm.Solution)


def _study_outputs(cell, grid):
    """Capacity [A.h] and energy [W.h] at 2C, and the voltage at the end of a 10 s
    1C pulse from half the usable window (the study's ASR pulse)."""
    basis = cell.basis
    one_c = basis.nominal_capacity * cell.area_cm2 * 1e-3
    full = solve_at(cell, 2 * one_c, 3600, grid)
    x_rest = 0.5 * (basis.stoichiometry_charged + basis.stoichiometry_discharged)
    rest = CellState(x_rest, cell.anode.charged(cell).lithium_thickness)
    pulse = solve_at(cell, one_c, 10, grid, rest)
    return (
        full["Discharge capacity [A.h]"].entries[-1],
        full["Discharge energy [W.h]"].entries[-1],
        pulse["Voltage [V]"].entries[-1],
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    "design",
    [
        {"cathode": {"thickness_um": 60}},
        {"cathode": {"thickness_um": 200}},
        # diffusion-limited at 2C: a steep front in the particles
        {"cathode": {"diffusivity_m2_s": 4e-16}},
        {"operation": {"temperature_C": 0}},
    ],
    ids=["60um", "200um", "D_over_10", "0C"],
)
def test_study_mesh_within_1_percent_or_refined(design):
    """At 2C the study mesh's capacity and energy are within 1 % of the fine mesh's, or
    the case is one the adaptive refinement re-solves (n delta / R below its limit)."""
    from asslb_sim.simulation import RESOLVED_POINTS_RATIO, Case, diffusion_ratio

    cell = from_dict(design)
    fine = _study_outputs(cell, REFERENCE)
    study = _study_outputs(cell, "study")
    state = cell.anode.charged(cell)
    case = Case(cell, state, cell.current(2 * cell.basis.nominal_capacity), 3600)
    refined = diffusion_ratio(case) < RESOLVED_POINTS_RATIO / MESHES["study"].r_p
    for k in (0, 1):  # capacity, energy
        err = abs(study[k] / fine[k] - 1)
        # 1 %: the requirement (measured 0.45-0.9 % where no refinement runs)
        assert err < 1e-2 or refined, (k, err)
    # the 10 s pulse voltage (ASR): measured within 1.3 mV of the reference
    assert abs(study[2] - fine[2]) < 3e-3


def test_mesh_specs():
    assert resolve_mesh(None) == MESHES["single-run"]
    assert resolve_mesh("study").r_p == 40
    assert resolve_mesh({"r_p": 30}) == dataclasses.replace(MESHES["single-run"], r_p=30)
    assert resolve_mesh({"x_p": 30}, default="study").r_p == 40
    # one spelling: equal meshes serialise alike (results-folder fingerprints)
    as_ints = Mesh(r_p=np.int64(40), particle_stretch=np.float32(5.0))
    assert (
        as_ints.as_dict()
        == MESHES["study"].as_dict()
        == {
            "x_s": 5,
            "x_p": 25,
            "r_p": 40,
            "particle_stretch": 5.0,
        }
    )
    assert type(as_ints.r_p) is int and type(as_ints.particle_stretch) is float


@pytest.mark.parametrize(
    "spec, words",
    [
        ("coarse", "valid: ['single-run', 'study']"),
        ({"r": 10}, "unknown field(s) ['r']"),
        ({"r_p": 2}, "mesh.r_p: 2; valid range [3, 400]"),
        ({"x_p": 10.5}, "mesh.x_p: 10.5 is not a whole number; valid range [3, 400]"),
        ({"particle_stretch": -1}, "mesh.particle_stretch: -1; valid: 0 (uniform) or [0.01, 10.0]"),
        ({"particle_stretch": 1e-20}, "valid: 0 (uniform) or [0.01, 10.0]"),
        (25, "give a name"),
    ],
)
def test_bad_meshes_rejected(spec, words):
    with pytest.raises(CellDefinitionError) as info:
        resolve_mesh(spec)
    assert words in str(info.value)
