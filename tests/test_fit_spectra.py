"""Fitting to measured impedance spectra through the fit machinery (#16, item 4)."""

import numpy as np
import pandas as pd
import pytest

from asslb_sim.errors import CellDefinitionError
from asslb_sim.fitting import fit, load
from asslb_sim.impedance import impedance_spectrum

J0 = "Positive electrode exchange-current density at half lithiation [A.m-2]"
CDL = "Positive electrode double-layer capacity [F.m-2]"
D = "Positive particle diffusivity at reference temperature [m2.s-1]"
NOISE = 0.01  # relative to |Z|, on each part: a good measured spectrum


def noisy_spectrum(cell, soc, frequencies, path, seed=1, per_part=False):
    """The model's spectrum of ``cell`` with NOISE x |Z| of Gaussian noise on each part
    (``per_part``: NOISE x that part's own magnitude), written as a CSV a lab would give
    (units in the header)."""
    table = impedance_spectrum(cell, soc, frequencies).spectrum
    table = table[["Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]"]].copy()
    modulus = np.hypot(table["Z' [Ohm.cm2]"], table["-Z'' [Ohm.cm2]"])
    rng = np.random.default_rng(seed)
    for column in ("Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]"):
        scale = np.abs(table[column]) if per_part else modulus
        table[column] += NOISE * scale * rng.standard_normal(len(table))
    table.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def truth(default_cell):
    """The default cell with a doubled exchange current and a 25 uF/cm2 double layer."""
    j0 = default_cell.parameter_values[J0]
    return default_cell.with_parameters(**{J0: 2 * j0, CDL: 0.25})


def test_parameters_recovered_from_a_noisy_spectrum(default_cell, truth, tmp_path):
    f = np.logspace(4, -1, 30)
    path = noisy_spectrum(truth, 0.5, f, tmp_path / "spectrum.csv")
    result = fit(
        default_cell,
        load([path], soc=0.5),
        [f"{J0}:0.01:100", f"{CDL}:0.01:1"],
        max_evaluations=80,
    )
    table = result.parameters.set_index("Parameter")
    for name in (J0, CDL):
        row = table.loc[name]
        true_value = truth.parameter_values[name]
        # the 95 % interval from the Jacobian holds the truth (1 % noise on 30 points:
        # measured 0.8 % and 0.5 % off, intervals +-1.5 % and +-2.7 %)
        assert row["95% CI low"] <= true_value <= row["95% CI high"]
        assert row["Fitted"] == pytest.approx(true_value, rel=0.03)
    # the report: an error row for the spectrum at the noise level, the overlay table
    (rms,) = result.rmse.loc[result.rmse["Data"] == "spectrum at SOC 50%", "RMS error [%]"]
    assert rms == pytest.approx(100 * NOISE * np.sqrt(2), rel=0.3)  # both parts noisy
    assert len(result.spectra) == len(f)
    assert {"Model Z' [Ohm.cm2]", "Model -Z'' [Ohm.cm2]"} <= set(result.spectra.columns)


@pytest.mark.parametrize("weighting", ["unit", "proportional"])
def test_other_weightings_recover_the_parameters(default_cell, truth, tmp_path, weighting):
    f = np.logspace(4, -1, 20)
    # each weighting with the noise it is right for: proportional to each part's size
    # for "proportional" (1/|Z''| would amplify |Z|-sized noise where Z'' is near 0)
    per_part = weighting == "proportional"
    path = noisy_spectrum(truth, 0.5, f, tmp_path / "spectrum.csv", seed=2, per_part=per_part)
    result = fit(
        default_cell,
        load([path], soc=0.5),
        [f"{J0}:0.01:100", f"{CDL}:0.01:1"],
        max_evaluations=80,
        spectrum_weighting=weighting,
    )
    fitted = result.parameters.set_index("Parameter")["Fitted"]
    # the same 1 % noise: each weighting lands within a few % of the truth
    for name in (J0, CDL):
        assert fitted[name] == pytest.approx(truth.parameter_values[name], rel=0.05)


def test_curves_and_spectra_fitted_together(default_cell, tmp_path):
    """A curve determines the diffusivity, a spectrum the double layer: fitted together,
    both come back."""
    from asslb_sim import rate_capability

    d = default_cell.parameter_values[D]
    truth = default_cell.with_parameters(**{D: 2 * d, CDL: 0.25})
    curves = rate_capability(truth, [1.0]).curves
    curve = curves[["Specific capacity [mA.h.g-1]", "Voltage [V]"]].iloc[::10]
    curve.assign(**{"C-rate": 1.0}).to_csv(tmp_path / "curve.csv", index=False)
    spectrum = noisy_spectrum(truth, 0.5, np.logspace(4, 0, 15), tmp_path / "spectrum.csv")
    data = load([tmp_path / "curve.csv", spectrum], soc=0.5)
    assert not data.curves.empty and not data.spectra.empty
    result = fit(default_cell, data, [f"{D}:1e-17:1e-13", f"{CDL}:0.01:1"], max_evaluations=60)
    table = result.parameters.set_index("Parameter")["Fitted"]
    # the curve is noise-free (the model's own, thinned); the spectrum has 1 % noise
    assert table[D] == pytest.approx(2 * d, rel=0.02)
    assert table[CDL] == pytest.approx(0.25, rel=0.05)
    assert {"curve at 1C", "spectrum at SOC 50%"} <= set(result.rmse["Data"])


def test_fit_command_on_a_spectrum(default_cell, truth, tmp_path, capsys):
    from asslb_sim.cli import main

    path = noisy_spectrum(truth, 0.5, np.logspace(4, -1, 12), tmp_path / "s.csv")
    argv = ["fit", "--data", str(path), "--soc", "0.5", "--fit", f"{CDL}:0.01:1"]
    assert main([*argv, "--no-progress", "--out", str(tmp_path / "out")]) == 0
    assert "spectrum at SOC 50%: RMS relative impedance error" in capsys.readouterr().out
    spectra = pd.read_csv(tmp_path / "out" / "spectra.csv")
    assert len(spectra) == 12
    assert (tmp_path / "out" / "fit_overlay.png").stat().st_size > 0


@pytest.fixture
def spectrum_file(tmp_path):
    f = np.logspace(4, 0, 12)
    table = pd.DataFrame(
        {"Frequency [Hz]": f, "Z' [Ohm.cm2]": 10 + 0 * f, "-Z'' [Ohm.cm2]": 1 + 0 * f}
    )
    path = tmp_path / "spectrum.csv"
    table.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    "soc, words",
    [
        (None, "state of charge"),
        (0.0, "soc"),
        (1.5, "soc"),
        ([0.5, 0.6], "2 values for 1 spectrum"),
        (True, "soc"),
    ],
)
def test_bad_spectrum_states_of_charge(spectrum_file, soc, words):
    with pytest.raises(CellDefinitionError, match=words):
        load([spectrum_file], soc=soc)


def test_two_spectra_at_one_state_of_charge_are_refused(spectrum_file, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text(spectrum_file.read_text())
    with pytest.raises(CellDefinitionError, match="one per state"):
        load([spectrum_file, other], soc=0.5)


def test_soc_without_a_spectrum_is_refused(tmp_path):
    curve = tmp_path / "curve.csv"
    pd.DataFrame(
        {"Specific capacity [mA.h.g-1]": [0, 50, 100], "Voltage [V]": [4.0, 3.8, 3.6], "C-rate": 1}
    ).to_csv(curve, index=False)
    with pytest.raises(CellDefinitionError, match="no impedance spectrum"):
        load([curve], soc=0.5)


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--soc", "x"], "--soc"),
        (["--soc", "0"], "soc"),
        ([], "state of charge"),
        (["--soc", "0.5", "--spectrum-weight", "-1"], "spectrum_weight"),
        (["--soc", "0.5", "--spectrum-weighting", "cubic"], "--spectrum-weighting"),
    ],
)
def test_fit_command_bad_spectrum_inputs_before_any_solve(
    spectrum_file, argv, words, tmp_path, capsys, monkeypatch
):
    from asslb_sim.cli import main
    from asslb_sim.simulation import Runner

    def no_solve(*args, **kwargs):
        raise AssertionError("solved before the input was checked")

    monkeypatch.setattr(Runner, "impedance", no_solve)
    monkeypatch.setattr(Runner, "solve", no_solve)
    out = str(tmp_path / "out")
    try:  # argparse's own errors exit from the parser
        code = main(
            [
                "fit",
                "--data",
                str(spectrum_file),
                "--fit",
                f"{CDL}:0.01:1",
                *argv,
                "--no-progress",
                "--out",
                out,
            ]
        )
    except SystemExit as exc:
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
