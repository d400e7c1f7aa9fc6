"""``asslb-sim eis-conductivity``: spectra in, conductivities out, and the rows that
``asslb-sim fit-conductivity`` fits a law to."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cli import eis_conductivity, main
from asslb_sim.fitting.conductivity import fit_conductivity_law, read_conductivity_table
from asslb_sim.impedance.transmission_line import (
    CONFIGURATIONS,
    SeriesElements,
    TransmissionLine,
    resistance,
)

AREA = 0.785  # cm2
L_UM = 120.0
VOID = 0.1
CAM = [0.35, 0.42, 0.50, 0.57, 0.63]
# a percolation law for the SE network, as fit-conductivity fits it
BULK, THRESHOLD, EXPONENT = 2.0, 0.12, 2.3  # mS/cm, -, -
SERIES = 3.0  # Ohm.cm2: the SE layers and contacts
FREQ = np.logspace(6.5, -1.5, 60)


def sigma_law(cam):
    se = 1 - cam - VOID
    return BULK * ((se - THRESHOLD) / (1 - THRESHOLD)) ** EXPONENT  # mS/cm


def write_spectrum(path, sigma_ion_ms_cm, sigma_el_ms_cm=10.0):
    """An electron-blocking cell's spectrum, absolute (Ohm) as an analyser writes it."""
    line = TransmissionLine(
        "electron-blocking",
        resistance(0.1 * sigma_ion_ms_cm, L_UM * 1e-6),
        resistance(0.1 * sigma_el_ms_cm, L_UM * 1e-6),
        1e-4,
        0.85,
        series=SeriesElements(resistance=SERIES),
    )
    z = line.impedance(FREQ) / AREA
    pd.DataFrame({"Frequency [Hz]": FREQ, "Z' [Ohm]": z.real, "Z'' [Ohm]": z.imag}).to_csv(
        path, index=False
    )
    return path


def run(argv):
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_round_trip_through_fit_conductivity(tmp_path, capsys):
    """Spectra of five compositions made from a known percolation law: eis-conductivity
    appends their sigma_ion to a table, fit-conductivity recovers the law."""
    paths = [write_spectrum(tmp_path / f"cam{k}.csv", sigma_law(c)) for k, c in enumerate(CAM)]
    table, out = tmp_path / "sigma.csv", tmp_path / "out"
    argv = [*map(str, paths), "--thickness-um", str(L_UM), "--area-cm2", str(AREA)]
    argv += ["--cam-fraction", *map(str, CAM), "--series-ohm-cm2", str(SERIES)]
    argv += ["--table", str(table), "--void-fraction", str(VOID), "--out", str(out)]
    assert run(["eis-conductivity", *argv]) == 0
    printed = capsys.readouterr().out
    assert "Appended 5 ionic conductivities" in printed
    data = read_conductivity_table(table)
    assert list(data.columns) == ["cam_volume_fraction", "sigma_mS_cm", "void_volume_fraction"]
    # noise-free spectra: the fit's tolerance (1e-4) and the 6 digits written limit it
    np.testing.assert_allclose(data["sigma_mS_cm"], sigma_law(np.array(CAM)), rtol=2e-4)
    np.testing.assert_allclose(data["cam_volume_fraction"], CAM)
    fit = fit_conductivity_law(table, bulk_mS_cm=BULK)
    # 2e-4 errors in sigma move the coefficients by about as much (the law's slope is
    # of order 1 in log space): 1e-3 absolute / relative is five times that
    assert fit.value("percolation threshold") == pytest.approx(THRESHOLD, abs=1e-3)
    assert fit.value("percolation exponent") == pytest.approx(EXPONENT, rel=1e-3)
    # the same table through the command
    assert (
        run(
            [
                "fit-conductivity",
                str(table),
                "--bulk-mS-cm",
                str(BULK),
                "--out",
                str(tmp_path / "law"),
            ]
        )
        == 0
    )
    coefficients = pd.read_csv(tmp_path / "law" / "coefficients.csv").set_index("Coefficient")
    assert coefficients.loc["percolation exponent", "Fitted"] == pytest.approx(EXPONENT, rel=1e-3)

    summary = pd.read_csv(out / "eis-conductivity.csv")
    assert list(summary["Spectrum"]) == [str(p) for p in paths]
    np.testing.assert_allclose(
        summary["Effective ionic conductivity [mS.cm-1]"], sigma_law(np.array(CAM)), rtol=2e-4
    )
    np.testing.assert_allclose(
        summary["Effective ionic conductivity [S.m-1]"],
        0.1 * summary["Effective ionic conductivity [mS.cm-1]"],
        rtol=1e-12,
    )
    assert summary["Effective ionic conductivity determined"].all()
    assert (summary["Series resistance [Ohm.cm2]"] == SERIES).all()
    for k in range(len(CAM)):
        fitted = pd.read_csv(out / f"cam{k}-fit.csv")
        assert len(fitted) == len(FREQ)
        assert (out / f"cam{k}-nyquist.png").stat().st_size > 10_000
    elements = pd.read_csv(out / "eis-elements.csv")
    assert set(elements["Spectrum"]) == {str(p) for p in paths}


def test_appending_again_adds_rows_and_keeps_the_comments(tmp_path, capsys):
    table = tmp_path / "sigma.csv"
    path = write_spectrum(tmp_path / "a.csv", 0.3)
    argv = [
        "eis-conductivity",
        str(path),
        "--thickness-um",
        str(L_UM),
        "--area-cm2",
        str(AREA),
        "--cam-fraction",
        "0.5",
        "--series-ohm-cm2",
        str(SERIES),
        "--table",
        str(table),
        "--out",
        str(tmp_path / "o"),
    ]
    assert run(argv) == 0
    assert run(argv) == 0
    text = table.read_text()
    assert text.count("cam_volume_fraction") == 1  # one header
    assert text.count("# ionic sigma_eff from a.csv") == 2
    assert len(read_conductivity_table(table)) == 2
    # a table with other columns is refused before any fit, naming both
    capsys.readouterr()
    status = run([*argv, "--void-fraction", "0.1"])
    err = capsys.readouterr().err
    assert status == 2 and "void_volume_fraction" in err and str(table) in err


def test_undetermined_conductivities_are_not_appended(tmp_path, capsys):
    """Without the series resistance an electron-blocking spectrum determines neither
    rail: nothing is appended, and the command says so."""
    table = tmp_path / "sigma.csv"
    path = write_spectrum(tmp_path / "a.csv", 0.3)
    argv = [
        "eis-conductivity",
        str(path),
        "--thickness-um",
        str(L_UM),
        "--area-cm2",
        str(AREA),
        "--cam-fraction",
        "0.5",
        "--table",
        str(table),
        "--out",
        str(tmp_path / "o"),
    ]
    assert run(argv) == 0
    printed = capsys.readouterr().out
    assert "Appended 0 ionic conductivities" in printed
    assert f"Not appended: {path}" in printed
    assert "fix the series resistance" in printed
    assert not table.exists() or table.read_text() == ""


def test_separator_arc_flag_fits_the_se_layers_rc(tmp_path):
    """--separator-arc fits the SE layers' R || C_geo beside the series resistance: a
    spectrum with that arc inside the range gives back the layers' resistance and
    sigma_ion (without the flag the arc has no element to go to)."""
    se_resistance, se_capacitance = 20.0, 1e-8  # Ohm.cm2, F.cm-2: the arc's apex at 0.8 MHz
    line = TransmissionLine(
        "electron-blocking",
        resistance(0.03, L_UM * 1e-6),
        resistance(1.0, L_UM * 1e-6),
        1e-4,
        0.85,
        series=SeriesElements(
            resistance=SERIES,
            separator_resistance=se_resistance,
            separator_capacitance=se_capacitance,
        ),
    )
    z = line.impedance(FREQ)
    path = tmp_path / "arc.csv"
    pd.DataFrame(
        {"Frequency [Hz]": FREQ, "Z' [Ohm.cm2]": z.real, "-Z'' [Ohm.cm2]": -z.imag}
    ).to_csv(path, index=False)
    argv = ["eis-conductivity", str(path), "--thickness-um", str(L_UM)]
    argv += ["--series-ohm-cm2", str(SERIES), "--out"]
    assert run([*argv, str(tmp_path / "arc"), "--separator-arc"]) == 0
    summary = pd.read_csv(tmp_path / "arc" / "eis-conductivity.csv").iloc[0]
    # noise-free data on the model: 1e-4 is the optimiser's tolerance, with margin
    assert summary["Separator resistance [Ohm.cm2]"] == pytest.approx(se_resistance, rel=1e-4)
    assert summary["Effective ionic conductivity [mS.cm-1]"] == pytest.approx(0.3, rel=1e-4)
    assert run([*argv, str(tmp_path / "plain")]) == 0
    plain = pd.read_csv(tmp_path / "plain" / "eis-conductivity.csv").iloc[0]
    assert "Separator resistance [Ohm.cm2]" not in plain
    assert plain["Effective ionic conductivity [mS.cm-1]"] != pytest.approx(0.3, rel=1e-2)


def test_cli_configurations_are_the_models():
    assert eis_conductivity.CONFIGURATIONS == CONFIGURATIONS


def test_help_does_not_import_pybamm():
    code = (
        "import sys\n"
        "from asslb_sim.cli import main\n"
        "try:\n    main(['eis-conductivity', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'pybamm' not in sys.modules, 'pybamm imported by --help'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
