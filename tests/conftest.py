import os

import matplotlib
import pytest

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")
matplotlib.use("Agg")

F = 96485.33212

# columns the issue requires in every rate-capability summary
SUMMARY_COLUMNS = [
    "C-rate",
    "Discharge capacity [mA.h.cm-2]",
    "Specific capacity [mA.h.g-1]",
    "Mean voltage [V]",
    "Discharge energy [W.h.m-2]",
    "Termination",
]


@pytest.fixture(scope="session")
def default_cell():
    from asslb_sim.cell import from_preset

    return from_preset("default")


def solve_cell(cell, c_rate, t_factor=1.5, mesh=None):
    """One constant-current discharge of ``cell``; returns (solution, basis, area_cm2)."""
    from asslb_sim.simulate import _area_cm2, prepare

    sim, basis, _ = prepare(cell, mesh)
    area = _area_cm2(cell.parameter_values)
    current = c_rate * basis.nominal_capacity * area * 1e-3
    sol = sim.solve([0, t_factor * 3600 / c_rate], inputs={"Current function [A]": current})
    return sol, basis, area
