"""The analytic transmission line of a composite layer: limits, a discrete ladder network,
and high-precision values of its closed forms."""

import math

import numpy as np
import pytest

from asslb_sim.errors import CellDefinitionError
from asslb_sim.impedance.transmission_line import (
    CONFIGURATIONS,
    SMALL_NU,
    SeriesElements,
    TransmissionLine,
    conductivity,
    cpe_impedance,
    layer_impedance,
    resistance,
    rq_impedance,
)

R_ION, R_EL = 20.0, 3.0  # Ohm.cm2
R_PAR = R_ION * R_EL / (R_ION + R_EL)
CONTACT = {
    "electron-blocking": ("ion", "ion"),
    "ion-blocking": ("el", "el"),
    "mixed": ("ion", "el"),
}


def ladder(r_ion, r_el, z_int, configuration, n):
    """The impedance of ``n`` discrete segments of the two-rail line, by nodal analysis:
    rail resistances R/n between neighbouring nodes, the interface's admittance
    1/(n Z_int) between the rails at each node (half at the two faces: trapezoids),
    current into the contacted rail at x = 0 and out of the contacted rail at x = L.
    Independent of the closed forms; it converges to them as 1/n^2."""
    rail = {"ion": 0, "el": n + 1}
    start, end = CONTACT[configuration]
    source, sink = rail[start], rail[end] + n
    out = []
    for z in np.atleast_1d(z_int):
        g = np.zeros((2 * n + 2, 2 * n + 2), dtype=complex)

        def connect(i, j, y, g=g):
            g[i, i] += y
            g[j, j] += y
            g[i, j] -= y
            g[j, i] -= y

        for k in range(n):
            connect(k, k + 1, n / r_ion)
            connect(n + 1 + k, n + 2 + k, n / r_el)
        for k in range(n + 1):
            connect(k, n + 1 + k, (0.5 if k in (0, n) else 1.0) / (n * z))
        keep = [i for i in range(2 * n + 2) if i != sink]
        current = np.zeros(2 * n + 2, dtype=complex)
        current[source] = 1.0
        potential = np.linalg.solve(g[np.ix_(keep, keep)], current[keep])
        out.append(potential[keep.index(source)])
    return np.array(out)


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
def test_closed_form_equals_the_ladder_network_in_the_limit(configuration):
    """The closed forms against an independent discrete circuit, with a CPE and a
    charge-transfer resistance (both enter only through Z_int), over nine decades."""
    frequency = np.logspace(-3, 6, 10)
    z_int = rq_impedance(frequency, 50.0, 1e-5, 0.9)
    exact = layer_impedance(R_ION, R_EL, z_int, configuration)
    err = [
        np.max(np.abs(ladder(R_ION, R_EL, z_int, configuration, n) - exact) / np.abs(exact))
        for n in (60, 120)
    ]
    # the trapezoidal ladder's error falls as 1/n^2: halving the segment length divides
    # it by 4 (3.5-4.5 allows the next order); a wrong closed form would not converge
    assert 3.5 < err[0] / err[1] < 4.5, err
    # measured 7e-4 at n = 120 at most; a wrong term would differ by percents
    assert err[1] < 2e-3, err


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
@pytest.mark.parametrize("alpha", [1.0, 0.8])
def test_high_frequency_branch_at_45_alpha_degrees(configuration, alpha):
    """``Z - R_par`` goes as ``Z_int^(1/2)``: a straight branch at 45 alpha degrees."""
    q = 1e-4
    # |nu| = sqrt(R_sum |Q (j w)^alpha|) from 40 to 400: the hyperbolic terms' corrections
    # (e^-nu, 1/(nu sinh nu)) are below 1e-17 there
    w = (np.array([40.0, 400.0]) ** 2 / ((R_ION + R_EL) * q)) ** (1 / alpha)
    z = layer_impedance(R_ION, R_EL, cpe_impedance(w / (2 * np.pi), q, alpha), configuration)
    angle = np.degrees(np.arctan2(-z.imag, z.real - R_PAR))
    np.testing.assert_allclose(angle, 45 * alpha, atol=1e-9)  # float rounding only
    slope = np.diff(-z.imag) / np.diff(z.real)
    np.testing.assert_allclose(slope, np.tan(np.radians(45 * alpha)), rtol=1e-9)


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
def test_high_frequency_limit_is_the_two_rails_in_parallel(configuration):
    """At high frequency the interface shorts the rails at every depth: ``R_ion R_el /
    (R_ion + R_el)`` for every configuration (the general case included)."""
    z_int = cpe_impedance(np.array([1e14]), 1e-4)  # |nu| = 2e5: corrections 5e-6 x R
    z = layer_impedance(R_ION, R_EL, z_int, configuration)
    assert z.real[0] == pytest.approx(R_PAR, rel=1e-4)


@pytest.mark.parametrize(
    ("configuration", "dc"), [("electron-blocking", R_ION), ("ion-blocking", R_EL)]
)
def test_low_frequency_limit_of_the_symmetric_cells_is_the_contacted_rail(configuration, dc):
    """With a blocking interface, only the rail contacted at both faces carries DC."""
    z_int = cpe_impedance(np.array([1e-9]), 1e-4)  # |nu| = 1e-6: corrections 1e-13 x R
    z = layer_impedance(R_ION, R_EL, z_int, configuration)
    assert z[0].real == pytest.approx(dc, rel=1e-9)
    assert abs(z[0].imag) < 1e-9 * dc


def test_low_frequency_real_part_is_r_ion_over_3():
    """Ionic contact at one face, electronic at the other, blocking interface, the
    electronic rail much more conductive: ``Z -> R_ion/3 + 1/(j w C)`` (de Levie)."""
    c, r_el = 1e-3, R_ION * 1e-7
    frequency = np.array([1e-6, 1e-5])  # |nu| = 3e-4, 1e-3: next terms below 1e-12 x R
    z = layer_impedance(R_ION, r_el, cpe_impedance(frequency, c), "mixed")
    # (R_ion + R_el)/3 exactly in the limit; R_el shifts it by 1e-7 relative
    np.testing.assert_allclose(z.real, R_ION / 3, rtol=2e-7)
    np.testing.assert_allclose(-z.imag, 1 / (2 * np.pi * frequency * c), rtol=1e-9)


def test_low_frequency_real_part_of_the_general_case_is_r_sum_over_3():
    z = layer_impedance(R_ION, R_EL, cpe_impedance(np.array([1e-7]), 1e-3), "mixed")
    assert z[0].real == pytest.approx((R_ION + R_EL) / 3, rel=1e-9)


def test_rc_is_a_semicircle_with_its_apex_at_one_over_2_pi_rc():
    r, c = 100.0, 2e-6
    apex = 1 / (2 * np.pi * r * c)
    frequency = apex * np.logspace(-3, 3, 6001)  # 1000 points per decade
    z = rq_impedance(frequency, r, c)
    # every point on the circle of diameter R centred at R/2 (float rounding)
    np.testing.assert_allclose(np.abs(z - r / 2), r / 2, rtol=1e-12)
    top = np.argmax(-z.imag)
    # the apex on the grid: within one grid step (1000 per decade: 0.23 %)
    assert frequency[top] == pytest.approx(apex, rel=2.5e-3)
    assert -z.imag[top] == pytest.approx(r / 2, rel=1e-6)
    z_apex = rq_impedance(np.array([apex]), r, c)[0]
    assert z_apex == pytest.approx(complex(r / 2, -r / 2), rel=1e-12)
    assert rq_impedance(np.array([1e-9]), r, c)[0].real == pytest.approx(r, rel=1e-9)


def test_series_elements_add_up():
    """Series resistance + the separator's RC + a blocking contact's CPE."""
    series = SeriesElements(2.0, 5.0, 1e-9, 1e-5, 0.9)
    frequency = np.logspace(-2, 7, 30)
    w = 2 * np.pi * frequency
    expected = 2.0 + 5.0 / (1 + 5.0 * 1e-9 * 1j * w) + 1 / (1e-5 * (1j * w) ** 0.9)
    np.testing.assert_allclose(series.impedance(frequency), expected, rtol=1e-12)
    line = TransmissionLine("electron-blocking", R_ION, R_EL, 1e-4, 0.9, 40.0, series)
    np.testing.assert_allclose(
        line.impedance(frequency),
        line.layer_impedance(frequency) + expected,
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        line.interface_impedance(frequency), 1 / (1 / 40.0 + 1e-4 * (1j * w) ** 0.9), rtol=1e-12
    )
    assert line.parallel_resistance == pytest.approx(R_PAR, rel=1e-15)


def _reference(configuration, z_int, r1, r2):
    """The closed forms in 40-digit arithmetic (mpmath), from the same Z_int."""
    mpmath = pytest.importorskip("mpmath")
    mpmath.mp.dps = 40
    z_int = mpmath.mpc(z_int.real, z_int.imag)
    r1, r2 = mpmath.mpf(r1), mpmath.mpf(r2)
    rs, rp = r1 + r2, r1 * r2 / (r1 + r2)
    nu = mpmath.sqrt(rs / z_int)
    if configuration == "electron-blocking":
        return complex(rp + 2 * r1**2 / (rs * nu) * mpmath.tanh(nu / 2))
    if configuration == "ion-blocking":
        return complex(rp + 2 * r2**2 / (rs * nu) * mpmath.tanh(nu / 2))
    return complex(
        rp * (1 + 2 / (nu * mpmath.sinh(nu))) + (r1**2 + r2**2) / (rs * nu) * mpmath.coth(nu)
    )


MODULI = [1e-4, 0.03, 0.099, SMALL_NU, 0.101, 0.25, 0.5, 3.0, 30.0, 300.0]


@pytest.mark.parametrize("configuration", CONFIGURATIONS)
@pytest.mark.parametrize("modulus", MODULI)
@pytest.mark.parametrize("degrees", [45, 30])
def test_closed_forms_to_high_precision_on_both_sides_of_the_series_switch(
    configuration, modulus, degrees
):
    """The float evaluation (Taylor series below |nu| = 0.1, closed forms above) against
    the formulas in 40 digits, for a capacitor (nu at 45 degrees) and a CPE (30)."""
    z_int = (R_ION + R_EL) / (modulus * np.exp(1j * np.radians(degrees))) ** 2
    z = layer_impedance(R_ION, R_EL, np.array([z_int]), configuration)[0]
    ref = _reference(configuration, z_int, R_ION, R_EL)
    # the mixed form holds Z_int itself, which dominates at small nu: its own float
    # rounding (1e-16 of it) is all the precision the sum can have
    regular = abs(ref - z_int) if configuration == "mixed" else abs(ref)
    carried = 4e-16 * abs(z_int) if configuration == "mixed" else 0.0
    # float64 rounding amplified at most ~100x by the closed forms' cancellation at
    # |nu| = 0.1; a wrong Taylor coefficient of the series' last term errs by > 1e-10
    assert abs(z - ref) < 1e-12 * regular + carried, (z, ref)
    if configuration == "mixed" and degrees == 45:
        # Z_int purely imaginary: the real part is the regular part alone, to 1e-12
        assert abs(z.real - ref.real) < 1e-12 * regular, (z, ref)


def test_conductivity_and_resistance_are_inverse():
    # 100 um at 1 mS/cm (0.1 S/m): R = 1e-4 m / 0.1 S/m = 1e-3 Ohm.m2 = 10 Ohm.cm2
    assert float(resistance(0.1, 100e-6)) == pytest.approx(10.0, rel=1e-12)
    assert float(conductivity(10.0, 100e-6)) == pytest.approx(0.1, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"ionic_resistance": 0.0}, ["Ionic resistance [Ohm.cm2]", "0.0", "(0, inf)"]),
        ({"electronic_resistance": -1.0}, ["Electronic resistance", "-1.0"]),
        ({"electronic_resistance": math.inf}, ["Electronic resistance", "inf"]),
        ({"interface_capacitance": 0.0}, ["Interface capacitance [F.cm-2]", "(0, inf)"]),
        ({"interface_exponent": 1.2}, ["Interface CPE exponent", "1.2", "(0, 1]"]),
        ({"charge_transfer_resistance": -3.0}, ["charge-transfer", "(0, inf]"]),
        ({"configuration": "blocking"}, ["configuration", "'blocking'", "mixed"]),
    ],
)
def test_bad_element_values_are_refused(kwargs, words):
    values = {
        "configuration": "mixed",
        "ionic_resistance": 1.0,
        "electronic_resistance": 1.0,
        "interface_capacitance": 1e-4,
    }
    with pytest.raises(CellDefinitionError) as info:
        TransmissionLine(**dict(values, **kwargs))
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"resistance": -1.0}, ["Series resistance", "[0, inf)"]),
        ({"separator_capacitance": math.nan}, ["Separator geometric capacitance"]),
        ({"contact_capacitance": 0.0}, ["Contact capacitance", "(0, inf]"]),
        ({"contact_exponent": 0.0}, ["Contact CPE exponent", "(0, 1]"]),
    ],
)
def test_bad_series_elements_are_refused(kwargs, words):
    with pytest.raises(CellDefinitionError) as info:
        SeriesElements(**kwargs)
    for word in words:
        assert word in str(info.value)
