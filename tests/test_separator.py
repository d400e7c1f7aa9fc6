"""Single-ion SE separator: the ohmic drop is I L / kappa_eff, nothing else."""

import numpy as np

from conftest import solve_cell


def test_separator_drop_equals_IL_over_kappa(default_cell):
    # a separator with binder/voids (eps = 0.8, Bruggeman 1.5) at 45 C, so that the
    # transport efficiency and the Arrhenius law are both exercised
    T = 318.15
    cell = default_cell.with_parameters(
        **{
            "Separator solid electrolyte volume fraction": 0.8,
            "Positive electrode void volume fraction": 0.1,
            "Separator thickness [m]": 50e-6,
            "Ambient temperature [K]": T,
            "Initial temperature [K]": T,
        }
    )
    v = cell.parameter_values
    sol, basis, _ = solve_cell(cell, 1.0)
    i = basis.nominal_capacity * 10  # mA/cm2 -> A/m2
    kappa = v["Separator solid electrolyte conductivity at reference temperature [S.m-1]"] * np.exp(
        -v["Separator solid electrolyte conductivity activation energy [J.mol-1]"]
        / 8.314462618
        * (1 / T - 1 / v["Reference temperature [K]"])
    )
    kappa_eff = kappa * 0.8**1.5
    expected = i * 50e-6 / kappa_eff

    drop = (
        sol["Lithium metal interface electrolyte potential [V]"].entries
        - sol["Separator electrolyte potential at positive electrode [V]"].entries
    )
    # relative 1e-6: the closed-form separator solution is exact up to round-off
    np.testing.assert_allclose(drop, expected, rtol=1e-6)
    np.testing.assert_allclose(
        sol["Separator ohmic overpotential [V]"].entries, expected, rtol=1e-6
    )

    # the potential inside the separator is linear in x with slope -i/kappa_eff
    phi = sol["Separator electrolyte potential [V]"].entries[:, -1]
    x = sol["x_s [m]"].entries[:, -1]
    slope = np.polyfit(x, phi, 1)[0]
    np.testing.assert_allclose(slope, -i / kappa_eff, rtol=1e-6)


def test_cathode_ionic_potential_continuous_at_separator(default_cell):
    sol, _, _ = solve_cell(default_cell, 1.0)
    phi_e = sol["Electrolyte potential [V]"].entries[:, 10]
    # the whole-cell potential is monotonic on discharge (current flows towards the cathode)
    assert np.all(np.diff(phi_e) <= 1e-12)
