"""The degenerate Li-metal cell reproduces PyBaMM's DFN half-cell with t+ = 1."""

import numpy as np
import pybamm
import pytest

from asslb_sim.models import LithiumMetalCell
from asslb_sim.reference import degenerate_parameter_values, stock_half_cell


@pytest.mark.parametrize("c_rate", [0.2, 2.0])
def test_matches_stock_dfn_half_cell(default_cell, c_rate):
    values = degenerate_parameter_values(pybamm.ParameterValues(default_cell.parameter_values))
    # a thick foil so that both models end at the voltage cut-off
    values["Lithium counter electrode thickness [m]"] = 200e-6
    ours = LithiumMetalCell()
    stock, stock_values = stock_half_cell(values)
    q = values["Nominal cell capacity [A.h]"]
    var_pts = ours.default_var_pts
    submesh = ours.default_submesh_types
    solutions = []
    for model, pv in [(ours, values), (stock, stock_values)]:
        pv = pv.copy()
        pv["Current function [A]"] = c_rate * q
        sim = pybamm.Simulation(
            model,
            parameter_values=pv,
            var_pts=var_pts,
            submesh_types=submesh,
            solver=pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-10),
        )
        solutions.append(sim.solve([0, 1.5 * 3600 / c_rate]))
    for sol in solutions:
        assert sol.termination == "event: Minimum voltage [V]"
    t = np.linspace(0, min(s.t[-1] for s in solutions), 2000)
    dv = solutions[0]["Voltage [V]"](t) - solutions[1]["Voltage [V]"](t)
    # 1 mV: the requirement; the two are the same equations on the same
    # mesh, and agree to about 1e-4 mV at these solver tolerances
    assert np.max(np.abs(dv)) < 1e-3
    q_ours, q_stock = (s["Discharge capacity [A.h]"].entries[-1] for s in solutions)
    assert q_ours == pytest.approx(q_stock, rel=1e-4)
