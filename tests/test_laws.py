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
def test_bruggeman_and_tortuosity_factor_at_interior_points(domain, phase):
    """Catches: T = 1, T = eps, the exponent or the tortuosity factor ignored or
    inverted, a law reading another layer's or phase's parameters."""
    laws_ = transport_efficiency
    for eps, b in ((0.3, 1.5), (0.55, 2.7), (0.05, 3.0)):
        got = _efficiency(laws_.Bruggeman, domain, phase, eps, **{"Bruggeman exponent": b})
        # 1e-12: the same power evaluated twice
        assert got == pytest.approx(eps**b, rel=1e-12)
    for eps, tau in ((0.3, 4.33), (0.8, 1.7)):
        got = _efficiency(laws_.TortuosityFactor, domain, phase, eps, **{"tortuosity factor": tau})
        assert got == pytest.approx(eps / tau, rel=1e-12)


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
    return float(pybamm.ParameterValues(values).process_symbol(symbol).evaluate())


@pytest.mark.parametrize("T", [253.15, 298.15, 333.15])
def test_arrhenius_laws(T):
    """Every temperature law of laws.py against exp(-Ea/R (1/T - 1/T_ref)), at T_ref and
    away from it, with values at interior concentrations.

    Catches: the Li exchange current or a conductivity without its Arrhenius factor,
    the factor inverted or about another reference; the CAM exchange current's
    concentration terms or its normalisation at half lithiation changed.
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
    D = _evaluate(
        {
            **base,
            "Positive particle diffusivity at reference temperature [m2.s-1]": 3e-14,
            "Positive particle diffusivity activation energy [J.mol-1]": 25e3,
        },
        laws.particle_diffusivity(scalar(0.4), scalar(T)),
    )
    assert D == pytest.approx(3e-14 * _arrhenius(25e3, T), rel=1e-12)
    c_max = 49000.0
    cam = {
        **base,
        "Positive electrode exchange-current density at half lithiation [A.m-2]": 2.0,
        "Positive electrode exchange-current density activation energy [J.mol-1]": 18e3,
    }
    for x in (0.5, 0.2, 0.9):
        j0 = _evaluate(
            cam,
            laws.cam_exchange_current_density(scalar(x * c_max), scalar(c_max), scalar(T)),
        )
        # j0 = j0_half at x = 1/2, and 2 j0_half sqrt(x (1 - x)) elsewhere
        expected = 2 * 2.0 * math.sqrt(x * (1 - x)) * _arrhenius(18e3, T)
        assert j0 == pytest.approx(expected, rel=1e-12), x
    constant = laws.constant_in_stoichiometry("Positive electrode carbon conductivity [S.m-1]")
    value = _evaluate(
        {"Positive electrode carbon conductivity [S.m-1]": 12.5}, constant(scalar(0.3), scalar(T))
    )
    assert value == 12.5


def _coefficients():
    """The microstructure laws' coefficients, read (not restated) from the defaults."""
    return {
        "slope": float(defaults.CAM_THRESHOLD_SLOPE),
        "intercept": float(defaults.CAM_THRESHOLD_INTERCEPT),
        "se": float(defaults.SE_PERCOLATION_THRESHOLD),
        "width": float(defaults.CONNECTIVITY_WIDTH),
    }


def test_cam_percolation_threshold_and_connected_fraction():
    """Catches: the particle diameter taken as the radius, the units of d, the percent
    scale; the connected fraction not clipped, or its width ignored."""
    c = _coefficients()
    for radius in (2.5e-6, 5e-6, 7.5e-6):
        d_um = 2 * radius * 1e6
        expected = (c["slope"] * math.log(d_um) + c["intercept"]) / 100
        # 1e-12: the same closed form evaluated twice
        assert microstructure.cam_percolation_threshold(radius) == pytest.approx(expected, 1e-12)
    f = microstructure.connected_fraction
    assert f(0.25, 0.2, 0.1) == pytest.approx(0.5, rel=1e-12)
    assert f(0.26, 0.2, 0.2) == pytest.approx(0.3, rel=1e-12)
    assert f(0.1, 0.2, 0.1) == 0.0 and f(0.5, 0.2, 0.1) == 1.0
    # the default width is the library's
    assert f(0.2 + 0.4 * c["width"], 0.2) == pytest.approx(0.4, rel=1e-12)


@pytest.mark.parametrize("binder", [False, True], ids=["blocking binder", "ionic binder"])
def test_isolated_cam_fraction_at_interior_points(binder):
    """f_iso = 1 - f_el f_ion with both networks partly connected.

    Catches: the ionic-network factor dropped (f_iso = 1 - f_el), the electronic one
    dropped, the binder's share of the ionic network ignored, carbon counted below its
    threshold.
    """
    c = _coefficients()
    radius = 5e-6
    p_cam = (c["slope"] * math.log(2 * radius * 1e6) + c["intercept"]) / 100
    # both networks inside their connectivity ramps: f_el = 0.3, f_ion = 0.6
    eps = {
        "active_material": p_cam + 0.3 * c["width"],
        "solid_electrolyte": c["se"] + (0.45 if binder else 0.6) * c["width"],
        "carbon": 0.01,
        "binder": 0.15 * c["width"],
    }
    # carbon below its threshold (0.05): electrons go through the CAM
    f_iso = microstructure.isolated_fraction_from_percolation(eps, radius, 0.05, binder)
    # the ionic network is SE + binder for an ion-conducting binder, SE alone otherwise:
    # 0.6 of the ramp either way (0.45 or 0.75 if the binder were miscounted)
    f_ion = 0.6
    expected = 1 - 0.3 * f_ion
    # 1e-9: the ramps are linear; the only error is round-off in eps
    assert f_iso == pytest.approx(expected, rel=1e-9)
    # carbon at its threshold wires every particle: only the ionic network limits
    wired = microstructure.isolated_fraction_from_percolation(
        {**eps, "carbon": 0.05}, radius, 0.05, binder
    )
    assert wired == pytest.approx(1 - f_ion, rel=1e-9)
    # no carbon at all: the CAM path again
    assert microstructure.isolated_fraction_from_percolation(
        eps, radius, None, binder
    ) == pytest.approx(expected, rel=1e-9)
    # both networks cut: capped just below 1 (a cell needs some connected CAM)
    cut = {**eps, "active_material": p_cam - 0.01, "solid_electrolyte": c["se"] - 0.01}
    assert microstructure.isolated_fraction_from_percolation(cut, radius, 0.05, binder) == (
        1 - 1e-9
    )


def test_isolated_fraction_of_a_composed_cell_at_an_interior_point():
    """The cell file's ``isolated_fraction = "percolation"`` composes the same value.

    Catches: the composition passing the wrong volume fractions, radius or carbon
    threshold to the law.
    """
    from asslb_sim.cell import from_dict

    c = _coefficients()
    radius_um = 5.0
    p_cam = (c["slope"] * math.log(2 * radius_um) + c["intercept"]) / 100
    eps_am, eps_se = p_cam + 0.3 * c["width"], c["se"] + 0.6 * c["width"]
    cell = from_dict(
        {
            "cathode": {
                "carbon": "none",
                "binder": "none",
                "active_material_volume_fraction": eps_am,
                "solid_electrolyte_volume_fraction": eps_se,
                "void_volume_fraction": 1 - eps_am - eps_se,
                "particle_radius_um": radius_um,
                "isolated_fraction": "percolation",
                "thickness_um": 100,
            }
        }
    )
    value = cell.parameter_values["Positive electrode isolated active material fraction"]
    # 1e-9: round-off in the volume fractions only
    assert value == pytest.approx(1 - 0.3 * 0.6, rel=1e-9)
    assert np.isfinite(value)
