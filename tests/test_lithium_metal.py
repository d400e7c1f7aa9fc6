"""Li-metal anode: inventory, exhaustion, kinetics against hand calculations."""

import numpy as np
import pytest

from conftest import F, solve_cell


def test_li_thickness_change_equals_charge_passed(default_cell):
    v = default_cell.parameter_values
    sol, _, area = solve_cell(default_cell, 1.0)
    c_li = v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]
    L = sol["Lithium metal thickness [m]"].entries
    q = sol["Discharge capacity [A.h]"].entries * 3600 / (area * 1e-4)  # C/m2
    # rtol 1e-6 / atol 1e-12 m: the ODE is integrated by IDAKLU at rtol 1e-6 with
    # the thickness scaled by its initial value
    np.testing.assert_allclose(L[0] - L, q / (F * c_li), rtol=1e-6, atol=1e-12)
    # lithium is conserved between the CAM and the Li metal
    n = sol["Total lithium [mol]"].entries
    np.testing.assert_allclose(n, n[0], rtol=1e-6)


def test_thin_foil_ends_with_li_exhausted_at_hand_capacity(default_cell):
    from asslb_sim.simulate import rate_capability

    v = default_cell.parameter_values
    L0 = 10e-6
    from asslb_sim.design import CellState

    cell = default_cell
    start = CellState(cell.basis.stoichiometry_charged, L0)
    row = rate_capability(cell, [0.2], start=start).summary.iloc[0]
    c_li = v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]
    expected = L0 * c_li * F / 3600 * 0.1  # mA.h.cm-2 (2.06 for 10 um)
    assert row["Termination"] == "Li exhausted"
    # 1e-4: the event is located by the solver's root finding
    assert row["Discharge capacity [mA.h.cm-2]"] == pytest.approx(expected, rel=1e-4)


def test_li_kinetics_and_interphase_shift_the_voltage_as_hand_calculated(default_cell):
    v = default_cell.parameter_values
    i0_name = "Lithium metal exchange-current density at reference temperature [A.m-2]"
    r_name = "Lithium metal interphase resistance [Ohm.m2]"
    base, basis, _ = solve_cell(default_cell, 1.0)
    more_r, _, _ = solve_cell(default_cell.with_parameters(**{r_name: v[r_name] + 2e-3}), 1.0)
    slow, _, _ = solve_cell(default_cell.with_parameters(**{i0_name: 1.0}), 1.0)
    i = basis.nominal_capacity * 10
    T = v["Ambient temperature [K]"]

    def eta(j0):
        return 2 * 8.314462618 * T / F * np.arcsinh(i / (2 * j0))

    # relative 1e-6: the same consistent initial state, algebraic tolerance ~1e-9 V
    v0 = base["Voltage [V]"].entries[0]
    assert v0 - more_r["Voltage [V]"].entries[0] == pytest.approx(i * 2e-3, rel=1e-6)
    assert v0 - slow["Voltage [V]"].entries[0] == pytest.approx(
        eta(1.0) - eta(v[i0_name]), rel=1e-6
    )


def test_li_thickness_grows_on_charge(default_cell):
    import pybamm

    from asslb_sim.models import LithiumMetalCell

    basis, values = default_cell.basis, pybamm.ParameterValues(dict(default_cell.parameter_values))
    values = values.copy()
    values["Current function [A]"] = basis.nominal_capacity * 1e-3
    exp = pybamm.Experiment(
        ["Discharge at 1C for 20 minutes", "Rest for 5 minutes", "Charge at 0.5C for 10 minutes"]
    )
    sim = pybamm.Simulation(LithiumMetalCell(), parameter_values=values, experiment=exp)
    sol = sim.solve()
    L = sol["Lithium metal thickness [m]"].entries
    L_after_discharge = sol.cycles[0].steps[0]["Lithium metal thickness [m]"].entries[-1]
    assert L_after_discharge < L[0]
    assert L[-1] > L_after_discharge
