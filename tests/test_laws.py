"""Each law on its own, evaluated as a PyBaMM expression or a function, against its
analytic value at interior points (not only at its limits).

Fast (no model build): these are the unit-level tests of the mutation runs
(scripts/mutation.py).
"""

import math

import numpy as np
import pybamm
import pytest

from asslb_sim.design import microstructure
from asslb_sim.models.submodels import transport_efficiency
from asslb_sim.models.submodels.solid_electrolyte.effective_conductivity import (
    effective_ionic_conductivity,
)
from asslb_sim.parameter_sets import defaults, laws
from conftest import R_GAS

LAYERS = {"separator": "Separator", "positive": "Positive electrode"}
# every (layer, phase) the named models use a transport law for
SLOTS = [
    ("separator", "solid electrolyte"),
    ("separator", "binder"),
    ("positive", "solid electrolyte"),
    ("positive", "active material"),
    ("positive", "carbon"),
    ("positive", "binder"),
]


def _efficiency(law, domain, phase, eps, **parameters):
    """T(eps) of ``law`` for ``phase`` in ``domain``, its parameters given by suffix."""
    prefix = f"{LAYERS[domain]} {phase}"
    variables = law(None, domain, phase).get_coupled_variables({})
    symbol = variables[f"{prefix} transport efficiency"]
    values = pybamm.ParameterValues(
        {f"{prefix} volume fraction": eps, **{f"{prefix} {k}": v for k, v in parameters.items()}}
    )
    return float(values.process_symbol(symbol).evaluate())


@pytest.mark.parametrize(("domain", "phase"), SLOTS)
def test_bruggeman_tortuosity_factor_and_measured_at_interior_points(domain, phase):
    """Catches: T = 1, T = eps, the exponent or the tortuosity factor ignored or
    inverted, a law reading another layer's or phase's parameters; the measured
    efficiency scaled by the volume fraction."""
    laws_ = transport_efficiency
    for eps, b in ((0.3, 1.5), (0.55, 2.7), (0.05, 3.0)):
        got = _efficiency(laws_.Bruggeman, domain, phase, eps, **{"Bruggeman exponent": b})
        # 1e-12: the same power evaluated twice
        assert got == pytest.approx(eps**b, rel=1e-12)
    for eps, tau in ((0.3, 4.33), (0.8, 1.7)):
        got = _efficiency(laws_.TortuosityFactor, domain, phase, eps, **{"tortuosity factor": tau})
        assert got == pytest.approx(eps / tau, rel=1e-12)
    for eps, measured in ((0.3, 0.021), (0.8, 0.35)):
        # the measured value whatever the volume fraction (exact: a parameter read back)
        got = _efficiency(
            laws_.Measured, domain, phase, eps, **{"measured transport efficiency": measured}
        )
        assert got == measured


PERCOLATION = {"percolation threshold": 0.2, "percolation exponent": 1.7, "percolation floor": 1e-3}


@pytest.mark.parametrize(("domain", "phase"), SLOTS)
def test_percolation_above_at_and_below_its_threshold(domain, phase):
    """T = max(((eps - eps_c)/(1 - eps_c))^mu, floor), at interior points, just above the
    threshold (where the floor wins), at it and below it.

    Catches: the threshold, exponent or floor ignored; the excess not clipped at 0 (a
    negative base); the normalisation 1 - eps_c changed; max and min confused.
    """
    law = transport_efficiency.Percolation

    def expected(eps):
        return max((max(eps - 0.2, 0) / 0.8) ** 1.7, 1e-3)

    # interior, the floor regime just above the threshold (0.21: T = 1.9e-3 > floor;
    # 0.201: T = 1.8e-5 < floor), the threshold itself, below it and the dense phase
    for eps in (0.25, 0.5, 0.9, 0.21, 0.201, 0.2, 0.15, 0.0, 1.0):
        got = _efficiency(law, domain, phase, eps, **PERCOLATION)
        # 1e-12: the same closed form evaluated twice
        assert got == pytest.approx(expected(eps), rel=1e-12), eps
    assert _efficiency(law, domain, phase, 0.201, **PERCOLATION) == 1e-3
    assert _efficiency(law, domain, phase, 1.0, **PERCOLATION) == pytest.approx(1.0, rel=1e-15)


def test_transport_law_names_its_variable_and_checks_its_slot():
    """Catches: a law registered under another name; bad domains or phases accepted."""
    assert transport_efficiency.LAWS == {
        "Bruggeman": transport_efficiency.Bruggeman,
        "tortuosity factor": transport_efficiency.TortuosityFactor,
        "percolation": transport_efficiency.Percolation,
        "measured": transport_efficiency.Measured,
    }
    assert transport_efficiency.PHASES == (
        "solid electrolyte",
        "active material",
        "carbon",
        "binder",
    )
    with pytest.raises(ValueError, match="domain must be one of"):
        transport_efficiency.Bruggeman(None, "negative", "carbon")
    with pytest.raises(ValueError, match="phase must be one of"):
        transport_efficiency.Bruggeman(None, "positive", "glue")
    law = transport_efficiency.Bruggeman(None, "separator", "binder")
    assert law.prefix == "Separator binder"
    assert law.layer == "separator" and law.solid_phase == "binder"
    with pytest.raises(NotImplementedError):
        transport_efficiency.BaseTransportEfficiency(
            None, "positive", "carbon"
        ).get_coupled_variables({})


def _arrhenius_values(prefix, reference, energy):
    return {
        f"{prefix} conductivity [S.m-1]": laws.arrhenius_conductivity(prefix),
        f"{prefix} conductivity at reference temperature [S.m-1]": reference,
        f"{prefix} conductivity activation energy [J.mol-1]": energy,
    }


def _arrhenius(energy, T, T_ref=298.15):
    return math.exp(-energy / R_GAS * (1 / T - 1 / T_ref))


@pytest.mark.parametrize("layer", ["Separator", "Positive electrode"])
def test_effective_ionic_conductivity_adds_the_binder_path(layer):
    """kappa_eff = kappa_SE(T) T_SE + kappa_b(T) T_b, each with its own Arrhenius factor.

    Catches: the binder path dropped; the two paths multiplied; one phase's activation
    energy or transport efficiency used for the other.
    """
    T = 320.0
    variables = {
        f"{layer} solid electrolyte transport efficiency": pybamm.Scalar(0.4),
        f"{layer} binder transport efficiency": pybamm.Scalar(0.15),
    }
    values = pybamm.ParameterValues(
        {
            "Reference temperature [K]": 298.15,
            **_arrhenius_values(f"{layer} solid electrolyte", 0.2, 30e3),
            **_arrhenius_values(f"{layer} binder", 0.05, 60e3),
        }
    )
    symbol = effective_ionic_conductivity(layer, pybamm.Scalar(T), variables)
    expected = 0.2 * _arrhenius(30e3, T) * 0.4 + 0.05 * _arrhenius(60e3, T) * 0.15
    # 1e-12: the same closed form evaluated twice
    assert float(values.process_symbol(symbol).evaluate()) == pytest.approx(expected, rel=1e-12)


def _evaluate(values, symbol):
    value = pybamm.ParameterValues(values).process_symbol(symbol).evaluate()
    return float(np.asarray(value).reshape(-1)[0])  # an interpolant evaluates to (1, 1)


# a measured lithiation table as PyBaMM data (name, ([x], y)), interpolated linearly
TABLE_X, TABLE_Y = np.array([0.0, 0.3, 0.55, 1.0]), np.array([0.4, 1.3, 0.8, 0.1])
TABLE = ("g", ([TABLE_X], TABLE_Y))


@pytest.mark.parametrize("T", [253.15, 298.15, 333.15])
def test_arrhenius_laws(T):
    """Every temperature law of laws.py against exp(-Ea/R (1/T - 1/T_ref)), at T_ref and
    away from it, with the lithiation-dependent ones at interior stoichiometries.

    Catches: the Li exchange current, a conductivity or the diffusivity without its
    Arrhenius factor, the factor inverted or about another reference; the CAM exchange
    current's lithiation factor dropped, read at c instead of c / c_max, or the
    symmetric default's normalisation at half lithiation changed; the diffusivity's
    contact factor theta^n or its 10^f(x) dropped, or f taken as the factor itself; the
    CAM conductivity's 10^(k (1 - x)) with x in place of 1 - x or its slope ignored.
    """
    T_ref = 298.15
    base = {"Reference temperature [K]": T_ref}
    scalar = pybamm.Scalar
    kappa = _evaluate(
        {**base, **_arrhenius_values("Separator binder", 0.05, 48e3)},
        laws.arrhenius_conductivity("Separator binder")(scalar(T)),
    )
    # 1e-12: closed forms evaluated twice
    assert kappa == pytest.approx(0.05 * _arrhenius(48e3, T), rel=1e-12)
    li = _evaluate(
        {
            **base,
            "Lithium metal exchange-current density at reference temperature [A.m-2]": 7.0,
            "Lithium metal exchange-current density activation energy [J.mol-1]": 35e3,
        },
        laws.lithium_exchange_current_density(scalar(T)),
    )
    assert li == pytest.approx(7.0 * _arrhenius(35e3, T), rel=1e-12)
    diffusion = {
        **base,
        "Positive particle diffusivity at reference temperature [m2.s-1]": 3e-14,
        "Positive particle diffusivity activation energy [J.mol-1]": 25e3,
        "Positive electrode active material contact coverage": 0.4,
        "Positive particle diffusivity contact exponent": 2.0,
        laws.LOG10_DIFFUSIVITY_FACTOR: TABLE,
    }
    for x in (0.4, 0.2, 0.9):
        D = _evaluate(diffusion, laws.particle_diffusivity(scalar(x), scalar(T)))
        # theta^n D_ref 10^f(x): f interpolated linearly in the table (1e-12 as above)
        f = np.interp(x, TABLE_X, TABLE_Y)
        assert D == pytest.approx(0.4**2 * 3e-14 * 10**f * _arrhenius(25e3, T), rel=1e-12), x
    c_max = 49000.0
    cam = {
        **base,
        "Positive electrode exchange-current density at half lithiation [A.m-2]": 2.0,
        "Positive electrode exchange-current density activation energy [J.mol-1]": 18e3,
    }
    for factor, g in (
        # the default where a material has no table: 1 at x = 1/2, 2 sqrt(x (1 - x))
        (laws.symmetric_exchange_factor, lambda x: 2 * math.sqrt(x * (1 - x))),
        (TABLE, lambda x: np.interp(x, TABLE_X, TABLE_Y)),
    ):
        values = {**cam, laws.EXCHANGE_CURRENT_FACTOR: factor}
        for x in (0.5, 0.2, 0.9):
            j0 = _evaluate(
                values,
                laws.cam_exchange_current_density(scalar(x * c_max), scalar(c_max), scalar(T)),
            )
            assert j0 == pytest.approx(2.0 * g(x) * _arrhenius(18e3, T), rel=1e-12), x
    assert laws.symmetric_exchange_factor(0.5) == pytest.approx(1.0, rel=1e-15)
    sigma = {
        **base,
        "Positive electrode active material conductivity at reference state [S.m-1]": 0.8,
        "Positive electrode active material conductivity delithiation slope": 2.5,
        "Positive electrode active material conductivity activation energy [J.mol-1]": 14e3,
    }
    for x in (1.0, 0.7, 0.25):
        value = _evaluate(sigma, laws.cam_electronic_conductivity(scalar(x), scalar(T)))
        # sigma_lith at x = 1, rising 2.5 decades per unit of Li removed
        expected = 0.8 * 10 ** (2.5 * (1 - x)) * _arrhenius(14e3, T)
        assert value == pytest.approx(expected, rel=1e-12), x


def test_lithiation_tables_as_composed():
    """A material's measured table becomes PyBaMM data from x = 0 to 1, its end values
    held beyond the measured range, the diffusivity's as log10; a material without
    tables gets f = 0 and the symmetric exchange factor.

    Catches: the log10 dropped or applied to the exchange current; the end points not
    held (an extrapolated slope); the table's points reordered or shifted.
    """
    from asslb_sim.cell import from_dict
    from asslb_sim.design.cathode import lithiation_dependence
    from asslb_sim.parameter_sets import materials

    table = [(0.6, 2.0), (0.2, 0.5), (0.4, 1.0)]  # unordered, as a user may give it
    name, (xs, ys) = lithiation_dependence("t", table, False, None)
    assert name == "t"
    np.testing.assert_array_equal(xs[0], [0.0, 0.2, 0.4, 0.6, 1.0])
    np.testing.assert_array_equal(ys, [0.5, 0.5, 1.0, 2.0, 2.0])
    _, (_, logs) = lithiation_dependence("t", table, True, None)
    # 1e-15: log10 evaluated twice
    np.testing.assert_allclose(logs, np.log10([0.5, 0.5, 1.0, 2.0, 2.0]), rtol=0, atol=1e-15)
    assert lithiation_dependence("t", None, True, 0.0) == 0.0

    def composed(active_material):
        return from_dict({"cathode": {"active_material": active_material}}).parameter_values

    v = composed("NMC811")
    for key, points, log10 in (
        (laws.LOG10_DIFFUSIVITY_FACTOR, materials.NMC811_DIFFUSIVITY, True),
        (laws.EXCHANGE_CURRENT_FACTOR, materials.NMC811_EXCHANGE_CURRENT, False),
    ):
        _, (xs, ys) = v[key]
        x, y = np.array(points).T
        expected = np.log10(y) if log10 else y
        # exact: the measured points are the table's interior points
        np.testing.assert_array_equal(xs[0][1:-1], x)
        np.testing.assert_allclose(ys[1:-1], expected, rtol=1e-15)
        assert (xs[0][0], xs[0][-1]) == (0.0, 1.0)
        assert (ys[0], ys[-1]) == (ys[1], ys[-2])
    plain = composed("NMC622")
    assert plain[laws.LOG10_DIFFUSIVITY_FACTOR] == 0.0
    assert plain[laws.EXCHANGE_CURRENT_FACTOR] is laws.symmetric_exchange_factor


def test_connected_fraction():
    """Catches: the connected fraction not clipped at 0 or 1, its width ignored, or the
    library's default width not used. (The thresholds and the coverage are checked in
    tests/test_microstructure.py.)"""
    width = float(defaults.CONNECTIVITY_WIDTH)
    f = microstructure.connected_fraction
    # 1e-12: the same closed form evaluated twice
    assert f(0.25, 0.2, 0.1) == pytest.approx(0.5, rel=1e-12)
    assert f(0.26, 0.2, 0.2) == pytest.approx(0.3, rel=1e-12)
    assert f(0.1, 0.2, 0.1) == 0.0 and f(0.5, 0.2, 0.1) == 1.0
    # the default width is the library's
    assert f(0.2 + 0.4 * width, 0.2) == pytest.approx(0.4, rel=1e-12)


# the two networks' thresholds, distinct so that a swap shows
THRESHOLDS = {"active_material": 0.25, "solid_electrolyte": 0.12}


@pytest.mark.parametrize("binder", [False, True], ids=["blocking binder", "ionic binder"])
def test_isolated_cam_fraction_at_interior_points(binder):
    """f_iso = 1 - f_el f_ion with both networks partly connected.

    Catches: the ionic-network factor dropped (f_iso = 1 - f_el), the electronic one
    dropped, the binder's share of the ionic network ignored, carbon counted below its
    threshold, the two networks' thresholds swapped.
    """
    width = float(defaults.CONNECTIVITY_WIDTH)
    # both networks inside their connectivity ramps: f_el = 0.3, f_ion = 0.6
    eps = {
        "active_material": THRESHOLDS["active_material"] + 0.3 * width,
        "solid_electrolyte": THRESHOLDS["solid_electrolyte"] + (0.45 if binder else 0.6) * width,
        "carbon": 0.01,
        "binder": 0.15 * width,
    }
    isolated = microstructure.isolated_fraction_from_percolation
    # carbon below its threshold (0.05): electrons go through the CAM
    f_iso = isolated(eps, THRESHOLDS, 0.05, binder)
    # the ionic network is SE + binder for an ion-conducting binder, SE alone otherwise:
    # 0.6 of the ramp either way (0.45 or 0.75 if the binder were miscounted)
    f_ion = 0.6
    expected = 1 - 0.3 * f_ion
    # 1e-9: the ramps are linear; the only error is round-off in eps
    assert f_iso == pytest.approx(expected, rel=1e-9)
    # carbon at or above its threshold wires every particle: only the ionic network limits
    for carbon in (0.05, 0.08):
        wired = isolated({**eps, "carbon": carbon}, THRESHOLDS, 0.05, binder)
        assert wired == pytest.approx(1 - f_ion, rel=1e-9), carbon
    # no carbon at all: the CAM path again
    assert isolated(eps, THRESHOLDS, None, binder) == pytest.approx(expected, rel=1e-9)
    # both networks cut: capped just below 1 (a cell needs some connected CAM)
    cut = {
        **eps,
        "active_material": THRESHOLDS["active_material"] - 0.01,
        "solid_electrolyte": THRESHOLDS["solid_electrolyte"] - 0.01,
    }
    assert isolated(cut, THRESHOLDS, 0.05, binder) == 1 - 1e-9


def test_isolated_fraction_of_a_composed_cell_at_an_interior_point():
    """The cell file's ``isolated_fraction = "percolation"`` composes the same value, with
    the networks' thresholds by hand: the CAM's ``(1 - void) phi_c0``, the SE's
    ``(1 - void) k / (k + d_CAM / d_SE)``, ``k = phi_c0 / (1 - phi_c0)``.

    Catches: the composition passing the wrong volume fractions, void, particle sizes
    (the CAM's radius for its diameter) or carbon threshold to the law.
    """
    from asslb_sim.cell import from_dict

    phi0 = float(defaults.EQUAL_SIZE_THRESHOLD)
    width = float(defaults.CONNECTIVITY_WIDTH)
    k = phi0 / (1 - phi0)
    void, radius_um, se_um = 0.10, 5.0, 30.0  # a coarse SE: its threshold above the CAM's
    eps_c_am = (1 - void) * phi0
    eps_c_se = (1 - void) * k / (k + 2 * radius_um / se_um)
    eps_am, eps_se, eps_carbon = eps_c_am + 0.3 * width, eps_c_se + 0.6 * width, 0.04
    cell = from_dict(
        {
            "cathode": {
                "carbon": "carbon black",  # below its threshold (0.05): no wiring
                "binder": "PTFE",  # blocking: not in the ionic network
                "active_material_volume_fraction": eps_am,
                "solid_electrolyte_volume_fraction": eps_se,
                "carbon_volume_fraction": eps_carbon,
                "binder_volume_fraction": 1 - void - eps_am - eps_se - eps_carbon,
                "void_volume_fraction": void,
                "particle_radius_um": radius_um,
                "se_particle_size_um": se_um,
                "isolated_fraction": "percolation",
                "thickness_um": 100,
            }
        }
    )
    value = cell.parameter_values["Positive electrode isolated active material fraction"]
    # 1e-9: round-off in the volume fractions only
    assert value == pytest.approx(1 - 0.3 * 0.6, rel=1e-9)
    assert np.isfinite(value)
