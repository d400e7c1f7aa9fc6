"""Effective conductivities from blocking-electrode spectra: recovery of known values from
synthetic spectra, and the flags for what a spectrum does not determine."""

import math

import numpy as np
import pytest

from asslb_sim.errors import CellDefinitionError
from asslb_sim.impedance.extraction import (
    ELEMENTS,
    FitOptions,
    extract_conductivities,
    initial_guesses,
    series_resistance_range,
)
from asslb_sim.impedance.spectra import SpectrumError, complex_impedance, spectrum
from asslb_sim.impedance.transmission_line import SeriesElements, TransmissionLine, resistance

L_UM = 100.0
L_M = L_UM * 1e-6
SIGMA_ION, SIGMA_EL = 0.02, 0.005  # S/m: 0.2 and 0.05 mS/cm
SERIES = "Series resistance [Ohm.cm2]"
FREQ = np.logspace(6, -2, 57)  # 1 MHz to 10 mHz, 7 points per decade
NOISE = 0.005  # 0.5 % of |Z| on each part: a good analyser on a pellet cell


def cell(configuration="electron-blocking", sigma_ion=SIGMA_ION, sigma_el=SIGMA_EL, **kwargs):
    series = SeriesElements(**kwargs.pop("series", {"resistance": 2.0}))
    values = {"interface_capacitance": 1e-4, "interface_exponent": 0.85}
    values.update(kwargs)
    return TransmissionLine(
        configuration,
        resistance(sigma_ion, L_M),
        resistance(sigma_el, L_M),
        series=series,
        **values,
    )


def measured(line, noise=0.0, seed=0, frequency=FREQ):
    z = line.impedance(frequency)
    rng = np.random.default_rng(seed)
    z = z + noise * np.abs(z) * (rng.standard_normal(z.size) + 1j * rng.standard_normal(z.size))
    return spectrum(frequency, z.real, -z.imag)


def fixed_series(**kwargs):
    return FitOptions(fixed={SERIES: 2.0}, **kwargs)


def test_recovers_known_conductivities_from_a_noisy_spectrum():
    line = cell()
    result = extract_conductivities(measured(line, NOISE, seed=3), L_UM, fixed_series())
    # Over 30 noise seeds (measured): RMS error 0.11 % (ionic), 0.72 % (electronic), the
    # 95 % intervals +-0.21 % and +-1.9 % wide (seed to seed +-0.18-0.24 % and
    # +-1.6-2.2 %), covering the truth in 29 and 30 of 30. Tolerances: about 9 and 7
    # times the RMS error; the interval widths within the seeds' range widened by 10 %
    # (a variance scale off by sqrt(2), e.g. counting each frequency once instead of its
    # two residuals, would leave it).
    for phase, truth, tolerance, width in (
        ("ionic", SIGMA_ION, 0.01, (0.0016, 0.0027)),
        ("electronic", SIGMA_EL, 0.05, (0.0145, 0.024)),
    ):
        value, low, high, determined = result.conductivity(phase)
        assert determined, result.conductivities
        assert value == pytest.approx(truth, rel=tolerance)
        assert low < truth < high
        assert width[0] < (high - low) / 2 / value < width[1]
    row = result.conductivities.set_index("Phase").loc["ionic"]
    assert row["Effective conductivity [mS.cm-1]"] == pytest.approx(10 * row.iloc[0], rel=1e-12)
    elements = result.elements.set_index("Element")
    for name, truth in (
        ("Interface capacitance [F.cm-2]", 1e-4),
        ("Interface CPE exponent", 0.85),
    ):
        assert elements.loc[name, "95% CI low"] < truth < elements.loc[name, "95% CI high"]
    # the residuals are the noise: 0.5 % per part is 0.71 % of |Z| in RMS (+-20 %)
    assert result.rms_relative_residual == pytest.approx(NOISE * math.sqrt(2), rel=0.2)
    # the numbers the README quotes for this spectrum (seed 3), to their last printed
    # digit (half a unit of it): sigma_ion 0.1999 (0.1994-0.2004), sigma_el 0.0506
    # (0.0496-0.0517) mS/cm
    for phase, quoted in (
        ("ionic", (0.1999, 0.1994, 0.2004)),
        ("electronic", (0.0506, 0.0496, 0.0517)),
    ):
        got = [10 * v for v in result.conductivity(phase)[:3]]
        assert got == pytest.approx(quoted, abs=5e-5), (phase, got)


def test_the_starts_are_not_the_answer():
    """The fit must move: every start computed from the data is off the truth by more
    than 30 % in R_el or Q, and the fit lands within its tolerance (above)."""
    line = cell()
    frequency, z = complex_impedance(measured(line))
    starts = initial_guesses(frequency, z, fixed_series())
    assert len(starts) == 3
    for start in starts:
        off_el = abs(start["Electronic resistance [Ohm.cm2]"] / line.electronic_resistance - 1)
        off_q = abs(start["Interface capacitance [F.cm-2]"] / line.interface_capacitance - 1)
        assert max(off_el, off_q) > 0.3, start


@pytest.mark.parametrize(
    ("configuration", "options"),
    [
        ("ion-blocking", {}),
        ("electron-blocking", {"blocking_contacts": True}),
        ("electron-blocking", {"charge_transfer": True}),
        ("electron-blocking", {"interface": "capacitor"}),
        ("electron-blocking", {"separator_arc": True}),
    ],
    ids=["ion-blocking", "blocking contacts", "charge transfer", "capacitor", "SE arc"],
)
def test_noise_free_recovery_of_each_model_variant(configuration, options):
    kwargs = {}
    if options.get("blocking_contacts"):
        kwargs["series"] = {"resistance": 2.0, "contact_capacitance": 5e-6, "contact_exponent": 0.9}
    if options.get("charge_transfer"):
        kwargs["charge_transfer_resistance"] = 300.0
    if options.get("interface") == "capacitor":
        kwargs["interface_exponent"] = 1.0
    if options.get("separator_arc"):
        # the SE layers' arc at 1/(2 pi 5 Ohm.cm2 1e-7 F/cm2) = 318 kHz, inside the range
        kwargs["series"] = {
            "resistance": 2.0,
            "separator_resistance": 5.0,
            "separator_capacitance": 1e-7,
        }
    line = cell(configuration, **kwargs)
    result = extract_conductivities(
        measured(line), L_UM, fixed_series(configuration=configuration, **options)
    )
    # noise-free: the optimiser's tolerance (1e-8 on the cost) limits the recovery
    assert result.conductivity("ionic")[0] == pytest.approx(SIGMA_ION, rel=1e-4)
    assert result.conductivity("electronic")[0] == pytest.approx(SIGMA_EL, rel=1e-4)
    assert result.rms_relative_residual < 1e-6
    if options.get("separator_arc"):
        assert result.line.series.separator_resistance == pytest.approx(5.0, rel=1e-4)


def test_sigma_el_of_an_electron_blocked_layer_is_not_determined():
    """sigma_el 1e4 times sigma_ion: R_el (0.005 Ohm.cm2) hides below the noise of the
    high-frequency intercept (2 Ohm.cm2 +-0.5 %), the ionic rail stays measured."""
    line = cell(sigma_el=1e4 * SIGMA_ION)
    result = extract_conductivities(measured(line, NOISE, seed=1), L_UM, fixed_series())
    _, low, high, determined = result.conductivity("ionic")
    assert determined and low < SIGMA_ION < high
    _, low, high, determined = result.conductivity("electronic")
    assert not determined
    note = result.conductivities.set_index("Phase").loc["electronic", "Note"]
    assert "not determined" in note or "bound" in note, note
    # the interval the flag rests on spans more than a decade either way
    assert high / low > 100 or not np.isfinite(high / low)


def test_a_free_series_resistance_leaves_both_rails_undetermined_with_their_range():
    """``R_s`` and the layer's ``R_par`` enter the electron-blocking spectrum only as
    their sum: both conductivities are flagged, and the range given contains the truth."""
    line = cell()
    result = extract_conductivities(measured(line), L_UM, FitOptions())
    table = result.conductivities.set_index("Phase")
    assert not table["Determined"].any()
    assert "trades off exactly with" in table.loc["ionic", "Note"]
    assert "Series resistance [Ohm.cm2]" in table.loc["ionic", "Note"]
    ranges = series_resistance_range(result.line, L_M)
    assert ranges["ionic"][0] < SIGMA_ION < ranges["ionic"][1]
    assert ranges["electronic"][0] < SIGMA_EL and ranges["electronic"][1] == math.inf
    # the range's ends are the cells with R_s = 0 and R_s = the high-frequency resistance
    a = 2.0 + line.parallel_resistance
    b = line.ionic_resistance**2 / (line.ionic_resistance + line.electronic_resistance)
    assert ranges["ionic"][0] == pytest.approx(L_M / ((a + b) * 1e-4), rel=1e-4)
    assert ranges["ionic"][1] == pytest.approx(L_M / (b * 1e-4), rel=1e-4)
    assert f"{ranges['ionic'][0]:.3g}" in table.loc["ionic", "Note"]


def test_mixed_configuration_cannot_tell_the_rails_apart():
    a, b = cell("mixed"), cell("mixed", sigma_ion=SIGMA_EL, sigma_el=SIGMA_ION)
    # exchanging the rails leaves the spectrum unchanged (to float rounding)
    np.testing.assert_allclose(a.impedance(FREQ), b.impedance(FREQ), rtol=1e-12)
    result = extract_conductivities(measured(a), L_UM, FitOptions(configuration="mixed"))
    table = result.conductivities.set_index("Phase")
    assert not table["Determined"].any()
    assert "exchanged" in table.loc["ionic", "Note"]
    found = sorted(table["Effective conductivity [S.m-1]"])
    np.testing.assert_allclose(found, sorted([SIGMA_ION, SIGMA_EL]), rtol=1e-4)


@pytest.mark.parametrize("weighting", ["unit", "modulus", "proportional"])
def test_each_weighting_minimises_its_documented_residuals(weighting):
    """The reported cost is half the sum of squares of the residuals weighted as the
    module says, and each weighting recovers noise-free values."""
    line = cell()
    data = measured(line, NOISE, seed=5)
    result = extract_conductivities(data, L_UM, fixed_series(weighting=weighting))
    r = result.residuals
    z = r["Z' [Ohm.cm2]"].to_numpy() - 1j * r["-Z'' [Ohm.cm2]"].to_numpy()
    fit = r["Fit Z' [Ohm.cm2]"].to_numpy() - 1j * r["Fit -Z'' [Ohm.cm2]"].to_numpy()
    modulus = np.abs(z)
    w_re, w_im = {
        "unit": (1.0, 1.0),
        "modulus": (1 / modulus, 1 / modulus),
        "proportional": (
            1 / np.maximum(np.abs(z.real), 0.01 * modulus),
            1 / np.maximum(np.abs(z.imag), 0.01 * modulus),
        ),
    }[weighting]
    cost = 0.5 * np.sum((w_re * (fit - z).real) ** 2 + (w_im * (fit - z).imag) ** 2)
    assert result.cost == pytest.approx(cost, rel=1e-9)
    # with this noise every weighting lands within 1 % of sigma_ion (measured at this
    # seed: 0.15 % unit, 0.16 % modulus, 0.05 % proportional; 5-6x margin)
    assert result.conductivity("ionic")[0] == pytest.approx(SIGMA_ION, rel=0.01)
    clean = extract_conductivities(measured(line), L_UM, fixed_series(weighting=weighting))
    assert clean.conductivity("ionic")[0] == pytest.approx(SIGMA_ION, rel=1e-4)


def test_frequency_window():
    line = cell()
    data = measured(line)
    # the leads' inductance at the top decade, left out by the window
    spoiled = data.copy()
    top = spoiled["Frequency [Hz]"] > 1.1e5
    spoiled.loc[top, "-Z'' [Ohm.cm2]"] -= 2 * np.pi * spoiled.loc[top, "Frequency [Hz]"] * 1e-5
    result = extract_conductivities(spoiled, L_UM, fixed_series(frequency_range=(0, 1.1e5)))
    assert result.residuals["Frequency [Hz]"].max() < 1.1e5
    assert len(result.residuals) == (~top).sum()
    assert result.conductivity("ionic")[0] == pytest.approx(SIGMA_ION, rel=1e-4)
    with pytest.raises(SpectrumError, match=r"within 1-10 Hz: \d points; valid: at least 10"):
        extract_conductivities(data, L_UM, fixed_series(frequency_range=(1, 10)))


def test_fixed_elements_are_reported_as_given():
    result = extract_conductivities(measured(cell()), L_UM, fixed_series())
    row = result.elements.set_index("Element").loc[SERIES]
    assert row["Fitted"] == 2.0 and row["Fixed"] and row["Note"] == "fixed (given)"
    assert result.line.series.resistance == 2.0
    assert SERIES not in result.correlation.columns


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"configuration": "symmetric"}, ["configuration", "'symmetric'", "electron-blocking"]),
        ({"weighting": "squared"}, ["weighting", "'squared'", "modulus"]),
        ({"interface": "Warburg"}, ["interface", "'Warburg'"]),
        ({"frequency_range": (10.0, 1.0)}, ["frequency_range", "f_min < f_max"]),
        ({"fixed": {"Contact capacitance [F.cm-2]": 1e-6}}, ["fixed", "Contact capacitance"]),
        ({"fixed": {"Wire [Ohm]": 1.0}}, ["fixed", "'Wire [Ohm]'"]),
    ],
)
def test_bad_options_are_refused(kwargs, words):
    with pytest.raises(CellDefinitionError) as info:
        FitOptions(**kwargs)
    for word in words:
        assert word in str(info.value)


def test_everything_fixed_is_refused():
    names = FitOptions(interface="capacitor").elements()
    with pytest.raises(CellDefinitionError, match="every element is fixed"):
        FitOptions(interface="capacitor", fixed=dict.fromkeys(names, 1.0))


@pytest.mark.parametrize("thickness", [0.0, -5.0, math.inf, math.nan])
def test_bad_thickness(thickness):
    with pytest.raises(CellDefinitionError, match="thickness_um"):
        extract_conductivities(measured(cell()), thickness, fixed_series())


def test_every_element_has_bounds_in_its_space():
    for name, (target, _, space, (low, high)) in ELEMENTS.items():
        assert target in ("line", "series") and space in ("log", "linear"), name
        assert low < high, name
        if space == "linear":
            assert high == 1.0, name  # CPE exponents: an ideal capacitor at most


def test_the_nyquist_plot_shows_the_data_the_fit_and_the_conductivities():
    from asslb_sim.impedance.report import plot_extraction

    table = measured(cell(), NOISE, seed=3)
    result = extract_conductivities(table, L_UM, fixed_series(frequency_range=(0.0, 1e5)))
    fig = plot_extraction(result, table, title="synthetic")
    (ax,) = fig.axes
    lines = {line.get_label(): line for line in ax.get_lines()}
    frequency, z = complex_impedance(table)
    inside = frequency <= 1e5
    fitted, left_out = lines["measured (fitted)"], lines["measured (not fitted)"]
    np.testing.assert_array_equal(fitted.get_xdata(), z.real[inside])
    np.testing.assert_array_equal(left_out.get_ydata(), -z.imag[~inside])
    assert left_out.get_markerfacecolor() == "none" and fitted.get_markerfacecolor() != "none"
    # the fit's line is the fitted model over the fitted range, highest frequency last
    model = lines["electron-blocking fit"]
    ends = result.impedance(np.array([frequency[inside].min(), 1e5]))
    np.testing.assert_allclose(model.get_xdata()[[0, -1]], ends.real, rtol=1e-12)
    np.testing.assert_allclose(model.get_ydata()[[0, -1]], -ends.imag, rtol=1e-12)
    title = ax.get_legend().get_title().get_text()
    value = result.conductivity("ionic")[0]
    assert f"sigma_ion = {10 * value:.3g} mS/cm" in title and "sigma_el" in title
    assert ax.get_title() == "synthetic"
