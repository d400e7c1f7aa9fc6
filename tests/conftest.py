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


def solve_at(cell, current, t_end, mesh=None, state=None):
    """The built model of ``cell`` (every variable) solved from ``state`` (default: the
    charged equilibrium) at ``current`` [A] for ``t_end`` [s]."""
    from asslb_sim.simulation import Runner

    runner = Runner(mesh=mesh)
    state = state if state is not None else cell.anode.charged(cell)
    inputs = runner.input_values(cell, state, current)
    return runner.simulation(cell).solve([0, t_end], inputs=inputs)


def solve_cell(cell, c_rate, t_factor=1.5, mesh=None):
    """One constant-current discharge of ``cell``; returns (solution, basis, area_cm2)."""
    current = c_rate * cell.basis.nominal_capacity * cell.area_cm2 * 1e-3
    sol = solve_at(cell, current, t_factor * 3600 / c_rate, mesh)
    return sol, cell.basis, cell.area_cm2
