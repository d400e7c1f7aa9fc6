"""Single-ion SE separator: the ohmic drop is I L / kappa_eff, nothing else."""

import numpy as np
import pytest

from conftest import solve_cell

R = 8.314462618


def _kappa_eff(values, T, eps):
    kappa = values[
        "Separator solid electrolyte conductivity at reference temperature [S.m-1]"
    ] * np.exp(
        -values["Separator solid electrolyte conductivity activation energy [J.mol-1]"]
        / R
        * (1 / T - 1 / values["Reference temperature [K]"])
    )
    return kappa * eps**1.5


def test_separator_drop_equals_IL_over_kappa(default_cell):
    # a separator with voids (eps = 0.8, Bruggeman 1.5) at 45 C, so that the transport
    # efficiency and the Arrhenius law are exercised; the cell voltage of two separator
    # thicknesses differs by exactly i * dL / kappa_eff, the rest of the cell being equal
    T = 318.15
    base = default_cell.with_parameters(
        **{
            "Separator solid electrolyte volume fraction": 0.8,
            "Ambient temperature [K]": T,
            "Initial temperature [K]": T,
        }
    )
    thin = base.with_parameters(**{"Separator thickness [m]": 20e-6})
    thick = base.with_parameters(**{"Separator thickness [m]": 120e-6})
    s_thin, basis, _ = solve_cell(thin, 1.0)
    s_thick, _, _ = solve_cell(thick, 1.0)
    i = basis.nominal_capacity * 10  # mA/cm2 -> A/m2
    expected = i * 100e-6 / _kappa_eff(base.parameter_values, T, 0.8)

    dv0 = s_thin["Voltage [V]"].entries[0] - s_thick["Voltage [V]"].entries[0]
    # relative 1e-6: both start from the same consistent initial state, solved to
    # the algebraic tolerance (about 1e-9 V on a 0.1 V difference)
    assert dv0 == pytest.approx(expected, rel=1e-6)
    t = np.linspace(0, 0.8 * min(s_thin.t[-1], s_thick.t[-1]), 50)
    dv = s_thin["Voltage [V]"](t) - s_thick["Voltage [V]"](t)
    # 1e-4 relative along the discharge: the two runs take different time steps, and
    # their outputs are interpolated between them (beyond 80 % of the shorter run, where
    # the OCP steepens, that interpolation differs by up to 2e-4: measured 1.9e-4 at 88 %)
    np.testing.assert_allclose(dv, expected, rtol=1e-4)


def test_separator_potential_is_linear_with_slope_i_over_kappa(default_cell):
    sol, basis, _ = solve_cell(default_cell, 1.0)
    i = basis.nominal_capacity * 10
    kappa = _kappa_eff(default_cell.parameter_values, 298.15, 1.0)
    phi = sol["Separator electrolyte potential [V]"].entries[:, -1]
    x = sol["x_s [m]"].entries[:, -1]
    slope, _ = np.polyfit(x, phi, 1)
    # 1e-9 relative: the potential is linear in x by construction; the fit is exact
    assert slope == pytest.approx(-i / kappa, rel=1e-9)
    # the cathode's SE potential starts where the separator's ends (Dirichlet coupling):
    # the first cathode node lies half a cell inside, so the potential keeps falling
    phi_all = sol["Electrolyte potential [V]"].entries[:, 10]
    assert np.all(np.diff(phi_all) <= 1e-12)
