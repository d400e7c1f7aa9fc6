"""Each law and each part of the overvoltage breakdown against its analytic value.

Every configuration is built explicitly (tests/conftest.py, ``explicit_cell``) so that
the law under test matters: a porous separator with an ion-conducting binder, an
ionically limited and an electronically limited cathode in which a resistive film
makes the reaction uniform, a cathode with negligible transport losses where the
charge transfer is non-linear. The values are read at t = 0, where the CAM is still
at its uniform starting stoichiometry and the potentials are the consistent solution
for the applied current; every check runs on discharge and on charge.

Uniform-reaction limits (i the current density, L the cathode thickness, a the
connected CAM surface per volume, theta the contact coverage, j_c = i / (a theta L)
the contact current density):

- cathode ionic part ``i L / (3 kappa_eff)``, electronic part ``i L / (3 sigma_eff)``;
- charge transfer ``2RT/F asinh(j_c / (2 j0))``, film ``j_c R_f``, with ``j0 = j0_half
  g(x)`` and ``g`` the CAM's measured table (evaluated here with np.interp);
- separator ``i L_s / kappa_s``, Li kinetics ``2RT/F asinh(i / (2 j0_Li))``, Li
  interphase ``i R_int`` (exact: no distribution).

With linear interface kinetics of resistance ``rho`` per volume and one conducting
rail, the reaction follows ``cosh(nu (1 - x/L))`` with ``nu^2 = L^2 / (rho kappa)``, and
the weighted ionic part is ``i L / kappa (sinh(2 nu)/(4 nu) - 1/2) / sinh(nu)^2 =
i L / (3 kappa) (1 - 2 nu^2 / 15 + ...)`` (the electronic part likewise with sigma).
The film configurations have ``nu^2 = 0.020`` (electronic) and ``0.024`` (ionic): the
transport parts are 0.3 % below their uniform limit, film and charge transfer within 1e-4.

The CAM's lithiation-dependent laws are uniform at t = 0 (x = X0 everywhere) and are
evaluated by hand at X0: the electronic conductivity ``sigma_lith 10^(k (1 - x))``, the
exchange current ``j0_half g(x)`` and the diffusivity ``theta^n D_ref 10^f(x)``.
"""

import numpy as np
import pybamm
import pytest

from asslb_sim.design import CellState
from conftest import (
    R_GAS,
    SMALL_MESH,
    T_REF,
    F,
    cam_conductivity,
    exchange_factor,
    explicit_cell,
    log10_diffusivity,
    solve_from,
)

X0 = 0.6  # uniform CAM stoichiometry of the starting state
STATE = CellState(X0, 30e-6)
L_P, L_S = 60e-6, 30e-6  # as in EXPLICIT_DESIGN
EPS = {"active material": 0.50, "solid electrolyte": 0.30, "carbon": 0.05, "binder": 0.05}
R_P, THETA, F_ISO = 5e-6, 0.25, 0.15
A_CONNECTED = 3 * EPS["active material"] * (1 - F_ISO) / R_P  # m-1
R_FILM = 0.8  # Ohm m2 per contact area (8000 Ohm cm2)
# the transport-part tests solve on 40 points across the cathode: the mesh error of
# each transport part is then below 0.1 % (measured: +1/(2 N^2) ionic, -1/(4 N^2)
# electronic)
MESH = {**SMALL_MESH, "x_p": 40}
# 0.5 %: the reaction's departure from uniform (2 nu^2 / 15 = 0.3 % at nu^2 = 0.024) plus
# the 40-point mesh error (< 0.1 %) (measured 0.19-0.33 % on both configurations); the
# planted errors move these parts by 25 % or more
TRANSPORT_RTOL = 5e-3

FILM = {"film_resistance_ohm_cm2": R_FILM * 1e4}
J0_FILM = 1.3  # A/m2 at half lithiation: EXPLICIT_DESIGN's, which the film configurations keep
SIGMA_AM = cam_conductivity(X0)  # 10 * 10^(2.5 * 0.4) = 100 S/m (conftest.EXPLICIT_DESIGN)
# ionically limited: kappa_eff = 0.1 * 0.3^2 + 0.1 * 0.05^1.2 = 0.0117 S/m, a quarter of it
# through the binder; sigma_eff = 100 * 0.5^1.5 + 1000 * 0.05^2 = 37.9 S/m
IONIC = {
    "cathode": {**FILM, "binder": "ion-conducting binder"},
    "parameters": {"Positive electrode binder conductivity at reference temperature [S.m-1]": 0.1},
}
# electronically limited: sigma_eff = 0.02 * 0.5^1.5 + 2.83 * 0.05^2 = 0.0141 S/m, half
# of it through the carbon (sigma_AM(X0) = 0.002 * 10^(2.5 * 0.4) = 0.02 S/m); kappa_eff =
# 100 * 0.3^2 = 9 S/m
ELECTRONIC = {
    "cathode": {
        **FILM,
        "se_conductivity_mS_cm": 1e3,
        "active_material_conductivity_S_m": 0.002,
        "carbon_conductivity_S_m": 2.83,
    },
}
# transport losses below 30 uV, no film: the charge transfer is the cathode's loss,
# at j_c / (2 j0) = 2.9 (j0 = 0.4 g(0.6) = 0.46 A/m2), far from linear
J0_KINETIC = 0.4
KINETIC = {"cathode": {"se_conductivity_mS_cm": 1e3, "exchange_current_density_A_m2": J0_KINETIC}}
SIGNS = pytest.mark.parametrize("sign", [1, -1], ids=["discharge", "charge"])


def _cell(config, **more):
    cathode = {**config.get("cathode", {}), **more.pop("cathode", {})}
    parameters = {**config.get("parameters", {}), **more.pop("parameters", {})}
    return explicit_cell(parameters=parameters, cathode=cathode, **more)


def _at_start(cell, density, mesh=MESH):
    """The solution at t = 0 of ``cell`` from :data:`STATE` at ``density`` [mA.cm-2]."""
    sol = solve_from(cell, STATE, density, 1e-3, mesh=mesh)
    return lambda name: sol[name].entries[..., 0]


def _j0(cell, j0_half, x=X0):
    # the CAM exchange current at stoichiometry x, j0_half g(x) with g the CAM's table
    # (no T factor at T_REF)
    return j0_half * exchange_factor(cell, x)


def _kinetic(j, j0, T=T_REF):
    return 2 * R_GAS * T / F * np.arcsinh(j / (2 * j0))


def _ocp(cell, x):
    u = cell.parameter_values["Positive electrode OCP [V]"](x)
    return float(u.evaluate()) if hasattr(u, "evaluate") else float(u)


def _separator_kappa(cell):
    """kappa_s = kappa_SE eps_SE^2 + kappa_b eps_b^1.2 (the explicit exponents)."""
    v = cell.parameter_values
    eps_se, eps_b = (v[f"Separator {p} volume fraction"] for p in ("solid electrolyte", "binder"))
    # the explicit separator is porous and holds binder: both paths carry current
    assert eps_se < 0.9 and eps_b > 0.2
    return 0.1 * eps_se**2.0 + 0.05 * eps_b**1.2


KAPPA_IONIC = 0.1 * 0.3**2 + 0.1 * 0.05**1.2
SIGMA_IONIC = SIGMA_AM * 0.5**1.5 + 1000 * 0.05**2
KAPPA_ELECTRONIC = 100 * 0.3**2
SIGMA_ELECTRONIC = cam_conductivity(X0, 0.002) * 0.5**1.5 + 2.83 * 0.05**2
KAPPA_KINETIC, SIGMA_KINETIC = KAPPA_ELECTRONIC, SIGMA_IONIC


@SIGNS
def test_cathode_ionic_part_is_i_L_over_3_kappa(sign):
    """Catches: the binder path or the SE transport law dropped or set to T = 1; the
    ionic and electronic parts swapped; the breakdown's weights of the wrong sign on
    charge."""
    density = 0.1 * sign  # mA.cm-2
    i = density * 10  # A.m-2
    at = _at_start(_cell(IONIC), density)
    # exact: the same closed form evaluated twice
    assert at("Positive electrode effective ionic conductivity [S.m-1]") == pytest.approx(
        np.full(MESH["x_p"], KAPPA_IONIC), rel=1e-12
    )
    expected = i * L_P / (3 * KAPPA_IONIC)
    assert at("Cathode ionic overvoltage [V]") == pytest.approx(expected, rel=TRANSPORT_RTOL)
    # the electronic part of this cell is 3200 times smaller, as its conductivity ratio
    assert at("Cathode electronic overvoltage [V]") == pytest.approx(
        i * L_P / (3 * SIGMA_IONIC), rel=TRANSPORT_RTOL
    )


@SIGNS
def test_cathode_electronic_part_is_i_L_over_3_sigma(sign):
    """Catches: the carbon term halved or dropped; the CAM or carbon transport law set to
    T = 1; the ionic and electronic parts swapped."""
    density = 0.1 * sign
    i = density * 10
    at = _at_start(_cell(ELECTRONIC), density)
    assert at("Positive electrode effective electronic conductivity [S.m-1]") == pytest.approx(
        np.full(MESH["x_p"], SIGMA_ELECTRONIC), rel=1e-12
    )
    expected = i * L_P / (3 * SIGMA_ELECTRONIC)
    assert at("Cathode electronic overvoltage [V]") == pytest.approx(expected, rel=TRANSPORT_RTOL)
    assert at("Cathode ionic overvoltage [V]") == pytest.approx(
        i * L_P / (3 * KAPPA_ELECTRONIC), rel=TRANSPORT_RTOL
    )
    # the mean electronic drop phi_s(L) - phi_s over the cathode is the same -i L/(3 sigma)
    assert at("X-averaged positive electrode ohmic losses [V]") == pytest.approx(
        -expected, rel=TRANSPORT_RTOL
    )


@SIGNS
@pytest.mark.parametrize("config", [IONIC, ELECTRONIC], ids=["ionic", "electronic"])
def test_film_and_charge_transfer_parts_in_the_uniform_limit(config, sign):
    """Catches: the contact coverage applied twice or not at all; the isolated fraction
    left out of the surface area; the film law's sign or factor; the charge-transfer
    part's factor 2 or sign on charge."""
    density = 0.1 * sign
    i = density * 10
    cell = _cell(config)
    at = _at_start(cell, density)
    j_c = i / (A_CONNECTED * THETA * L_P)
    # 1e-4: the film is linear, so its reaction-weighted mean departs from j_c R_f by
    # O(nu^4) only (measured 1.3e-5)
    assert at("Cathode film overvoltage [V]") == pytest.approx(j_c * R_FILM, rel=1e-4)
    # 1e-3: the weighted mean of asinh(j_c/2j0) over a distribution that is uniform to
    # nu^2 = 2.4 % (measured 1.3e-5)
    assert at("Cathode charge-transfer overvoltage [V]") == pytest.approx(
        _kinetic(j_c, _j0(cell, J0_FILM)), rel=1e-3
    )
    # the contact current itself, node by node: 2 %, as the distribution departs from
    # uniform by about nu^2 / 3 at either end (nu^2 up to 0.024; measured 0.77 %)
    assert at("Positive electrode contact current density [A.m-2]") == pytest.approx(
        np.full(MESH["x_p"], -j_c), rel=0.02
    )
    # the reaction integrates to the applied current: x-averaged a j = -i / L, to the
    # consistent initialisation's tolerance (measured: round-off, 4e-16)
    assert at(
        "X-averaged positive electrode volumetric interfacial current density [A.m-3]"
    ) == pytest.approx(-i / L_P, rel=1e-6)
    assert at("X-averaged positive electrode interfacial current density [A.m-2]") == (
        pytest.approx(-i / (A_CONNECTED * L_P), rel=1e-6)
    )


@SIGNS
def test_charge_transfer_part_is_non_linear_butler_volmer(sign):
    """Catches: Butler-Volmer's factor 2, its F/2RT, the contact coverage or the
    exchange current or its lithiation dependence changed; a linearised law (asinh(2.9)
    is 0.62 of 2.9)."""
    density = 1.0 * sign
    i = density * 10
    cell = _cell(KINETIC)
    at = _at_start(cell, density, mesh=SMALL_MESH)
    j_c = i / (A_CONNECTED * THETA * L_P)
    j0 = _j0(cell, J0_KINETIC)
    assert abs(j_c / (2 * j0)) > 2.5  # far from the linear regime
    # 1e-3: transport losses are 3e-4 of this part, so the reaction is uniform to 1e-3
    # (measured 8e-9)
    assert at("Cathode charge-transfer overvoltage [V]") == pytest.approx(
        _kinetic(j_c, j0), rel=1e-3
    )
    assert at("Cathode film overvoltage [V]") == pytest.approx(0.0, abs=1e-15)


@SIGNS
def test_separator_and_lithium_parts_are_exact(sign):
    """Catches: the separator's binder path or transport law dropped or T = 1; the Li
    kinetics with the wrong sign on charge or a wrong factor; the interphase and
    interlayer resistances dropped."""
    density = 1.0 * sign
    i = density * 10
    cell = _cell(KINETIC)
    at = _at_start(cell, density, mesh=SMALL_MESH)
    kappa_s = _separator_kappa(cell)
    # 1e-12: closed forms, evaluated twice
    assert at("Separator effective ionic conductivity [S.m-1]") == pytest.approx(kappa_s, 1e-12)
    assert at("Separator ohmic overvoltage [V]") == pytest.approx(i * L_S / kappa_s, rel=1e-12)
    j0_li = 0.5 * 10  # 0.5 mA/cm2
    assert at("Lithium metal interface kinetic overvoltage [V]") == pytest.approx(
        _kinetic(i, j0_li), rel=1e-12
    )
    assert at("Lithium metal interphase overvoltage [V]") == pytest.approx(i * 1e-3, rel=1e-12)
    # the separator carries the whole current, its potential linear between the Li|SE
    # interface and the cathode
    assert at("Separator electrolyte current density [A.m-2]") == pytest.approx(
        np.full(SMALL_MESH["x_s"], i), rel=1e-12
    )
    phi_li = -_kinetic(i, j0_li) - i * 1e-3
    # x from the Li|SE interface, which sits behind the as-built Li foil
    x = at("x_s [m]") - cell.parameter_values["Negative electrode thickness [m]"]
    assert at("Separator electrolyte potential [V]") == pytest.approx(
        phi_li - i * x / kappa_s, rel=1e-12
    )
    assert at("Separator electrolyte potential at positive electrode [V]") == pytest.approx(
        phi_li - i * L_S / kappa_s, rel=1e-12
    )


@SIGNS
@pytest.mark.parametrize("config", [KINETIC, IONIC], ids=["kinetic", "ionic"])
def test_voltage_is_the_ocv_minus_the_analytic_parts(config, sign):
    """The voltage on charge and on discharge, assembled from the analytic parts.

    Catches: any loss entering the voltage with the wrong sign or not at all (the Li
    kinetics of the wrong sign on charge: 2 x 45 mV); the breakdown's parts no longer
    adding up to U(x_avg) - V.
    """
    density = (1.0 if config is KINETIC else 0.1) * sign
    i = density * 10
    cell = _cell(config)
    at = _at_start(cell, density, mesh=SMALL_MESH)
    film = config is IONIC
    kappa, sigma = (KAPPA_IONIC, SIGMA_IONIC) if film else (KAPPA_KINETIC, SIGMA_KINETIC)
    j_c = i / (A_CONNECTED * THETA * L_P)
    transport = i * L_P / (3 * kappa) + i * L_P / (3 * sigma)
    parts = (
        i * L_S / _separator_kappa(cell)
        + transport
        + _kinetic(j_c, _j0(cell, J0_FILM if film else J0_KINETIC))
        + (j_c * R_FILM if film else 0.0)
        + _kinetic(i, 5.0)
        + i * 1e-3
    )
    u = _ocp(cell, X0)
    # the transport parts within 0.3 % + the 20-point mesh error (< 0.2 %), the
    # kinetic parts within 2e-4: 1 % of the transport parts plus 2e-4 of the rest
    # (measured: 0.57 uV of the 61 uV allowed with the film, 0.013 uV of 31 uV without)
    tolerance = 0.01 * abs(transport) + 2e-4 * abs(parts)
    assert at("Voltage [V]") == pytest.approx(u - parts, abs=tolerance)
    assert at("Relaxed open-circuit voltage [V]") == pytest.approx(u, rel=1e-12)
    assert at("Total overvoltage [V]") == pytest.approx(parts, abs=tolerance)
    # the parts add up to the total: an identity of the discrete equations, met to the
    # tolerance of the consistent initialisation (measured: up to 7e-15 V)
    assert at("Sum of overvoltage parts [V]") == pytest.approx(
        at("Total overvoltage [V]"), abs=2e-6
    )
    # the reaction weights integrate to 1 (the electronic current enters only at the
    # collector, the ionic current only from the separator): 1e-6, measured 2e-15
    assert at("Cathode reaction weight integral") == pytest.approx(1.0, abs=1e-6)
    # the CAM is uniform at t = 0: no diffusion or OCP-spread loss yet (1e-6 V: the
    # consistent initialisation's tolerance; measured 8e-15 V on 0.15-0.22 V)
    assert abs(at("Cathode solid diffusion and OCP spread overvoltage [V]")) < 1e-6


@pytest.mark.parametrize("step", ["Discharge", "Charge"])
def test_breakdown_under_current_and_at_rest_while_relaxing(step):
    """Under current, once diffusion has built up, the parts still add up to U(x_avg) - V
    and the diffusion part carries the sign of the current; at rest the weighted parts
    are off and the remainder is the whole overvoltage, positive while the CAM relaxes
    after a discharge, negative after a charge.

    Catches: the rest switch or its floor current changed (parts of NaN or left on at
    rest), the remainder at rest or under current replaced (it is 4 nV at t = 0 but
    21 mV after 60 s here).
    """
    # slow diffusion (theta^2 D_ref = 1e-14 m2/s, times 10^f(0.6) = 1.12: R^2/D = 2200 s):
    # the CAM is far from relaxed after 60 s
    cell = _cell(KINETIC, cathode={"diffusivity_m2_s": 1e-14 / THETA**2})
    values = pybamm.ParameterValues(dict(cell.parameter_values))
    values.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": X0
            * values["Maximum concentration in positive electrode [mol.m-3]"],
            "Lithium counter electrode thickness [m]": STATE.lithium_thickness,
        }
    )
    experiment = pybamm.Experiment([f"{step} at 2 mA for 60 seconds", "Rest for 60 seconds"])
    from asslb_sim.models import cell_model
    from asslb_sim.simulation import make_solver

    model = cell_model(cell.model_options)
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=experiment,
        var_pts={**model.default_var_pts, **SMALL_MESH},
        solver=make_solver(),
    )
    solution = sim.solve()
    sign = 1 if step == "Discharge" else -1
    current = solution.cycles[0].steps[0]
    diffusion = current["Cathode solid diffusion and OCP spread overvoltage [V]"].entries
    assert sign * diffusion[-1] > 0.01
    # the identity of the breakdown along the step: 5e-5 V, twice the solver's error on
    # the algebraic potentials over these 60 s (they are out of its error test: measured
    # 2.4e-5 V on discharge, 2.7e-6 V on charge); a remainder of the wrong form is
    # millivolts off
    np.testing.assert_allclose(
        current["Sum of overvoltage parts [V]"].entries,
        current["Total overvoltage [V]"].entries,
        rtol=0,
        atol=5e-5,
    )
    rest = solution.cycles[-1].steps[-1]
    total = rest["Total overvoltage [V]"].entries
    for name in (
        "Cathode ionic overvoltage [V]",
        "Cathode electronic overvoltage [V]",
        "Cathode charge-transfer overvoltage [V]",
        "Cathode film overvoltage [V]",
        "Separator ohmic overvoltage [V]",
        "Lithium metal interface kinetic overvoltage [V]",
        "Lithium metal interphase overvoltage [V]",
        "Cathode reaction weight integral",
    ):
        assert np.all(rest[name].entries == 0), name
    remainder = rest["Cathode solid diffusion and OCP spread overvoltage [V]"].entries
    # exact: at rest the remainder is defined as the whole U(x_avg) - V
    np.testing.assert_allclose(remainder, total, rtol=1e-12, atol=0)
    np.testing.assert_allclose(rest["Sum of overvoltage parts [V]"].entries, total, rtol=1e-12)
    # relaxing after a discharge the surface is richer in Li than the mean, U(x_avg) > V;
    # after a charge poorer, U(x_avg) < V
    assert np.all(sign * total > 1e-3) and sign * total[-1] < sign * total[0] / 2


def test_small_current_still_gets_a_breakdown():
    """0.01 mA/cm2 (0.1 A/m2) is well above the 1 uA/m2 at which the weights are
    switched off. Catches: the switch-off current raised above the currents of use."""
    density = 0.01
    i = density * 10
    cell = _cell(KINETIC)
    at = _at_start(cell, density, mesh=SMALL_MESH)
    j_c = i / (A_CONNECTED * THETA * L_P)
    # 1e-3: as in the non-linear test; here the kinetics are linear (j_c/2j0 = 0.03)
    # (measured 3e-9)
    assert at("Cathode charge-transfer overvoltage [V]") == pytest.approx(
        _kinetic(j_c, _j0(cell, J0_KINETIC)), rel=1e-3
    )
    assert at("Cathode reaction weight integral") == pytest.approx(1.0, abs=1e-6)


def test_connected_cam_variables_and_the_cam_laws_at_the_start():
    """The connected CAM, and the CAM's lithiation-dependent laws at the uniform X0:
    j0 = j0_half g(X0), D = theta^n D_ref 10^f(X0), sigma_AM = sigma_lith 10^(k (1 - X0)).

    Catches: the isolated fraction applied to the wrong factor or its complement; a
    changing active-material volume fraction; the exchange current's or the
    diffusivity's table dropped, read at another stoichiometry or taken as its log; the
    contact exponent or the delithiation slope ignored.
    """
    cell = _cell(KINETIC)
    at = _at_start(cell, 1.0, mesh=SMALL_MESH)
    n = SMALL_MESH["x_p"]
    eps = EPS["active material"]
    # 1e-12: the same products evaluated twice
    assert at("Positive electrode active material volume fraction") == pytest.approx(
        np.full(n, eps * (1 - F_ISO)), rel=1e-12
    )
    assert at("Positive electrode isolated active material volume fraction") == pytest.approx(
        eps * F_ISO, rel=1e-12
    )
    assert at("Positive electrode surface area to volume ratio [m-1]") == pytest.approx(
        np.full(n, A_CONNECTED), rel=1e-12
    )
    assert np.all(at("Positive electrode active material volume fraction change [s-1]") == 0)
    # exact (1e-12): the same closed forms at x = X0, which the particles hold at t = 0
    assert at("Positive electrode exchange current density [A.m-2]") == pytest.approx(
        np.full(n, _j0(cell, J0_KINETIC)), rel=1e-12
    )
    D = THETA**2 * 1e-12 * 10 ** log10_diffusivity(cell, X0)  # 1e-12: EXPLICIT_DESIGN's
    diffusivity = at("Positive particle effective diffusivity [m2.s-1]")
    assert diffusivity == pytest.approx(np.full(np.shape(diffusivity), D), rel=1e-12)
    assert at("Positive electrode effective electronic conductivity [S.m-1]") == pytest.approx(
        np.full(n, SIGMA_AM * 0.5**1.5 + 1000 * 0.05**2), rel=1e-12
    )


def test_arrhenius_laws_in_the_cell_at_60_c():
    """At 60 C every conductivity and exchange current follows its own activation
    energy, and 2RT/F uses the cell's temperature.

    Catches: the Li exchange current, the binder, SE or CAM conductivity or the CAM
    diffusivity without their Arrhenius factor (or with another phase's); T_ref in place
    of T in the kinetics.
    """
    T = 333.15
    energies = {  # J/mol, each different so that a swapped factor shows
        "Separator solid electrolyte conductivity activation energy [J.mol-1]": 30e3,
        "Separator binder conductivity activation energy [J.mol-1]": 50e3,
        "Lithium metal exchange-current density activation energy [J.mol-1]": 20e3,
        "Positive electrode exchange-current density activation energy [J.mol-1]": 40e3,
        "Positive electrode active material conductivity activation energy [J.mol-1]": 15e3,
        "Positive particle diffusivity activation energy [J.mol-1]": 45e3,
        "Positive electrode solid electrolyte conductivity activation energy [J.mol-1]": 35e3,
    }
    by_key = {  # given through their design keys (eV)
        "Separator solid electrolyte conductivity activation energy [J.mol-1]",
        "Positive electrode solid electrolyte conductivity activation energy [J.mol-1]",
    }

    def factor(name):
        return np.exp(-energies[name] / R_GAS * (1 / T - 1 / T_REF))

    cell = _cell(
        KINETIC,
        operation={"temperature_C": T - 273.15},
        parameters={name: value for name, value in energies.items() if name not in by_key},
        separator={"activation_energy_eV": 30e3 / F},
        cathode={"se_activation_energy_eV": 35e3 / F},
    )
    density = 1.0
    i = density * 10
    at = _at_start(cell, density, mesh=SMALL_MESH)
    v = cell.parameter_values
    eps_se, eps_b = (v[f"Separator {p} volume fraction"] for p in ("solid electrolyte", "binder"))
    names = list(energies)
    kappa_s = 0.1 * factor(names[0]) * eps_se**2 + 0.05 * factor(names[1]) * eps_b**1.2
    # 1e-9: closed forms; the activation energy given in eV is converted once
    assert at("Separator ohmic overvoltage [V]") == pytest.approx(i * L_S / kappa_s, rel=1e-9)
    j0_li = 5.0 * factor(names[2])
    assert at("Lithium metal interface kinetic overvoltage [V]") == pytest.approx(
        _kinetic(i, j0_li, T), rel=1e-12
    )
    j_c = i / (A_CONNECTED * THETA * L_P)
    j0 = _j0(cell, J0_KINETIC) * factor(names[3])
    # 1e-3: as at 25 C (the SE conducts better still) (measured 4e-9)
    assert at("Cathode charge-transfer overvoltage [V]") == pytest.approx(
        _kinetic(j_c, j0, T), rel=1e-3
    )
    n = SMALL_MESH["x_p"]
    # 1e-9: closed forms (one activation energy given in eV)
    assert at("Positive electrode exchange current density [A.m-2]") == pytest.approx(
        np.full(n, j0), rel=1e-9
    )
    sigma = SIGMA_AM * factor(names[4]) * 0.5**1.5 + 1000 * 0.05**2  # carbon: no T law
    assert at("Positive electrode effective electronic conductivity [S.m-1]") == pytest.approx(
        np.full(n, sigma), rel=1e-9
    )
    D = THETA**2 * 1e-12 * 10 ** log10_diffusivity(cell, X0) * factor(names[5])
    diffusivity = at("Positive particle effective diffusivity [m2.s-1]")
    assert diffusivity == pytest.approx(np.full(np.shape(diffusivity), D), rel=1e-9)
    kappa = 100 * factor(names[6]) * 0.3**2  # the cathode's binder (PTFE) blocks
    assert at("Positive electrode effective ionic conductivity [S.m-1]") == pytest.approx(
        np.full(n, kappa), rel=1e-9
    )


def test_cam_conductivity_that_depends_on_the_surface_stoichiometry():
    """sigma_AM(x_surf) = 10 * 10^(2.5 (1 - x_surf)) S/m: the effective conductivity
    follows the local surface stoichiometry node by node, which diffusion has moved away
    from the particle average.

    Catches: the CAM conductivity evaluated at the mean stoichiometry, at a fixed one, or
    without its transport efficiency; its slope or the sign of 1 - x changed; the carbon
    term changed.
    """
    # theta^2 D_ref = 1e-15 m2/s (times 10^f(x))
    cell = _cell(KINETIC, cathode={"diffusivity_m2_s": 1e-15 / THETA**2})
    values = pybamm.ParameterValues(dict(cell.parameter_values))
    values["Current function [A]"] = cell.current(5.0)
    from asslb_sim.models import cell_model
    from asslb_sim.simulation import make_solver

    model = cell_model(cell.model_options)
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        var_pts={**model.default_var_pts, **SMALL_MESH},
        solver=make_solver(),
    )
    sol = sim.solve([0, 30])
    x_surf = sol["Positive particle surface stoichiometry"].entries
    x_mean = sol["R-averaged positive particle stoichiometry"].entries
    # diffusion has opened a surface layer: surface and mean differ by far more than
    # the tolerance below
    assert np.max(np.abs(x_surf[:, -1] - x_mean[:, -1])) > 0.01
    expected = cam_conductivity(x_surf) * 0.5**1.5 + 1000 * 0.05**2
    # 1e-12: the same closed form evaluated node by node
    np.testing.assert_allclose(
        sol["Positive electrode effective electronic conductivity [S.m-1]"].entries,
        expected,
        rtol=1e-12,
    )


def test_areal_resistance_breakdown_rows_are_the_uniform_limits():
    """The breakdown table of ``areal_resistance`` (a 1 ms pulse at 50 % state of
    charge): each row is its analytic part, over the current density in A/cm2.

    Catches: the table's rows mislabelled (ionic and electronic swapped), a part
    divided by the current in the wrong unit, the total not U(x_avg) - V.
    """
    from scipy.optimize import brentq

    from asslb_sim.resistance import areal_resistance

    cell = _cell(IONIC)
    v = cell.parameter_values
    ocp = v["Positive electrode OCP [V]"]
    x_charged = brentq(lambda x: ocp(x) - v["Upper voltage cut-off [V]"], 1e-6, 1 - 1e-6)
    x_discharged = brentq(lambda x: ocp(x) - v["Lower voltage cut-off [V]"], 1e-6, 1 - 1e-6)
    x = (x_charged + x_discharged) / 2
    density = 0.1
    result = areal_resistance(cell, soc=0.5, current_density=density, duration=1e-3, mesh=MESH)
    i = density * 10
    j_c = i / (A_CONNECTED * THETA * L_P)
    sigma = cam_conductivity(x) * 0.5**1.5 + 1000 * 0.05**2  # at 50 % SOC, not at X0
    expected = {
        "Separator ohmic": (i * L_S / _separator_kappa(cell), 1e-9),
        "Cathode ionic": (i * L_P / (3 * KAPPA_IONIC), TRANSPORT_RTOL),
        "Cathode electronic": (i * L_P / (3 * sigma), TRANSPORT_RTOL),
        # 2e-3: the uniform-limit tolerance plus 1 ms of diffusion (measured 1.2e-5; the
        # diffusion part is 0.3 uV of the 4.3 mV)
        "Cathode charge transfer": (_kinetic(j_c, _j0(cell, J0_FILM, x)), 2e-3),
        "Cathode film": (j_c * R_FILM, 1e-4),
        "Li interface kinetics": (_kinetic(i, 5.0), 1e-9),
        "Li interphase": (i * 1e-3, 1e-9),
    }
    # (1e-9 for the exact parts: closed forms, up to round-off in the units)
    rows = result.breakdown.set_index("Process")
    for process, (value, rtol) in expected.items():
        row = rows.loc[process]
        assert row["Overvoltage [V]"] == pytest.approx(value, rel=rtol), process
        # Ohm cm2: V over A/cm2
        assert row["Areal resistance [Ohm.cm2]"] == pytest.approx(
            value / (density * 1e-3), rel=rtol
        ), process
    total = sum(value for value, _ in expected.values())
    # the transport parts' and the charge transfer's tolerances (9 uV each) and the film's
    # error (measured 2.6 uV of 0.21 V; it is O(nu^4)) (measured 1.9 uV in all)
    assert rows.loc["Total", "Overvoltage [V]"] == pytest.approx(total, abs=3e-5)
    assert rows.loc["Total", "Areal resistance [Ohm.cm2]"] == pytest.approx(
        rows.loc["Total", "Overvoltage [V]"] / (density * 1e-3), rel=1e-12
    )
    assert result.pulse == pytest.approx(total / (density * 1e-3), abs=3e-5 / (density * 1e-3))
    assert result.settings["Rest voltage [V]"] == pytest.approx(_ocp(cell, x), rel=1e-9)
