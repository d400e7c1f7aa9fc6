"""Capacity limits against hand calculations from the parameters."""

import numpy as np
import pytest
from scipy.optimize import brentq

from conftest import F, solve_cell


def _usable_capacity_mAh_cm2(v, f_iso=0.0):
    ocp = v["Positive electrode OCP [V]"]
    x_hi = brentq(lambda x: ocp(x) - v["Upper voltage cut-off [V]"], 0.01, 0.999)
    x_lo = brentq(lambda x: ocp(x) - v["Lower voltage cut-off [V]"], 0.01, 0.9999)
    eps = v["Positive electrode active material volume fraction"] * (1 - f_iso)
    q = (
        eps
        * v["Positive electrode thickness [m]"]
        * v["Maximum concentration in positive electrode [mol.m-3]"]
        * F
        * (x_lo - x_hi)
    )
    return q / 3600 * 0.1  # C/m2 -> mA.h.cm-2


def test_c50_capacity_within_1_percent_of_usable(default_cell):
    from asslb_sim.simulate import rate_capability

    # fast-diffusing particles: the thermodynamic limit (the library's NMC811 diffusivity
    # falls a hundredfold towards full lithiation, which holds even C/50 below it)
    cell = default_cell.with_design(cathode={"diffusivity_m2_s": 1e-12})
    expected = _usable_capacity_mAh_cm2(cell.parameter_values)
    result = rate_capability(cell, [0.02])
    row = result.summary.iloc[0]
    assert row["Termination"] == "voltage cut-off"
    # 1 %: the requirement; at C/50 the remaining overpotential (a few mV
    # on a steep end-of-discharge OCP) costs about 0.3 %
    assert row["Discharge capacity [mA.h.cm-2]"] == pytest.approx(expected, rel=0.01)
    assert result.basis.nominal_capacity == pytest.approx(expected, rel=1e-6)
    assert default_cell.basis.nominal_capacity == pytest.approx(expected, rel=1e-6)


def test_isolated_cam_removes_its_share_of_capacity(default_cell):
    from asslb_sim.simulate import rate_capability

    fast = default_cell.with_design(cathode={"diffusivity_m2_s": 1e-12})  # see above
    cell = fast.with_parameters(**{"Positive electrode isolated active material fraction": 0.25})
    full = rate_capability(fast, [0.02]).summary.iloc[0]
    cut = rate_capability(cell, [0.02]).summary.iloc[0]
    # 1 %: both runs are within 0.3 % of their usable capacity (test above)
    ratio = cut["Discharge capacity [mA.h.cm-2]"] / full["Discharge capacity [mA.h.cm-2]"]
    assert ratio == pytest.approx(0.75, rel=0.01)


def test_capacity_per_gram_uses_cam_mass(default_cell):
    from asslb_sim.simulate import rate_capability

    v = default_cell.parameter_values
    row = rate_capability(default_cell, [0.1]).summary.iloc[0]
    cam_g_cm2 = (
        v["Positive electrode active material volume fraction"]
        * v["Positive electrode thickness [m]"]
        * v["Positive electrode active material density [kg.m-3]"]
        * 0.1
    )
    assert row["Specific capacity [mA.h.g-1]"] == pytest.approx(
        row["Discharge capacity [mA.h.cm-2]"] / cam_g_cm2, rel=1e-12
    )


def test_mean_voltage_and_energy_from_the_curve(default_cell):
    """The summary's mean voltage and energy against the curve itself: the trapezoid of
    V dq over q, and of i V dt (not the code's own energy / capacity).

    Catches: the mean voltage or the energy of the wrong discharge, counted from t = 0
    of another state, or in the wrong units.
    """
    from asslb_sim.simulate import rate_capability

    result = rate_capability(default_cell, [0.5])
    row = result.summary.iloc[0]
    curve = result.curves[result.curves["C-rate"] == 0.5]
    q = curve["Discharge capacity [mA.h.cm-2]"].to_numpy()
    V = curve["Voltage [V]"].to_numpy()
    t = curve["Time [s]"].to_numpy()
    i = row["Current density [mA.cm-2]"] * 10  # A/m2
    # 1e-5: the trapezoid over the curve's ~1600 points against the solver's integrated
    # energy counter (measured 4e-7 here, 5e-7 at 0.1C and 1e-7 at 1C)
    assert row["Mean voltage [V]"] == pytest.approx(np.trapezoid(V, q) / q[-1], rel=1e-5)
    energy = np.trapezoid(i * V, t) / 3600  # W.h.m-2
    assert row["Discharge energy [W.h.m-2]"] == pytest.approx(energy, rel=1e-5)
    assert row["Discharge capacity [mA.h.cm-2]"] == pytest.approx(i * t[-1] / 3600 / 10, 1e-12)
    v = default_cell.parameter_values
    assert v["Lower voltage cut-off [V]"] < row["Mean voltage [V]"] < v["Upper voltage cut-off [V]"]


def test_contact_coverage_raises_kinetic_overpotential(default_cell):
    """Symmetric Butler-Volmer on the contact area: eta = 2RT/F asinh(j / (2 theta j0)).

    A thin cathode (uniform reaction) with the coverage's theta^2 on the diffusivity
    switched off, so that the coverage acts on the kinetics only; the x-averaged
    overpotential at the start of a 1C discharge against the closed form, with j0 the
    library's j0(x) at the charged state."""
    cell = default_cell.with_design(
        cathode={"thickness_um": 30, "diffusivity_contact_exponent": 0, "contact_coverage": 0.5}
    )
    low = cell.with_design(cathode={"contact_coverage": 0.1})
    v = cell.parameter_values
    x0 = cell.anode.charged(cell).stoichiometry
    table = v["Positive electrode relative exchange-current density"][1]
    j0 = v["Positive electrode exchange-current density at half lithiation [A.m-2]"] * np.interp(
        x0, table[0][0], table[1]
    )
    radius = v["Positive particle radius [m]"]
    area = 3 * v["Positive electrode active material volume fraction"] / radius  # m2/m3
    j = cell.basis.nominal_capacity * 10 / (area * v["Positive electrode thickness [m]"])  # A/m2
    thermal = 2 * 8.314462618 * 298.15 / 96485.33212
    etas = []
    for c, theta in ((cell, 0.5), (low, 0.1)):
        sol, _, _ = solve_cell(c, 1.0)
        eta = np.abs(sol["X-averaged positive electrode reaction overpotential [V]"].entries[1])
        etas.append(eta)
        # 5 %: the reaction is uniform within a few % across 30 um, and the surface
        # stoichiometry has moved slightly from x0 at the first output time
        assert eta == pytest.approx(thermal * np.arcsinh(j / (2 * theta * j0)), rel=0.05)
    assert etas[1] > etas[0]
