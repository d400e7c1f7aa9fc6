"""Measured impedance spectra: CSV with units in the header, BioLogic files via galvani."""

import builtins
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from asslb_sim.errors import CellDefinitionError
from asslb_sim.impedance.spectra import (
    FREQUENCY,
    MIN_POINTS,
    MINUS_IMAG,
    REAL,
    SpectrumError,
    complex_impedance,
    read_spectrum,
    spectrum,
)

FREQ = np.logspace(5, -1, 13)  # Hz
Z = 10 + 40 / (1 + 1j * 2 * np.pi * FREQ * 40 * 1e-4)  # Ohm.cm2, an R-RC
AREA = 0.785  # cm2, a 10 mm pellet


def write(path, columns):
    pd.DataFrame(columns).to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    ("columns", "area"),
    [
        ({"Frequency [Hz]": FREQ, "Z' [Ohm.cm2]": Z.real, "-Z'' [Ohm.cm2]": -Z.imag}, None),
        ({"Frequency [Hz]": FREQ, "Z' [Ohm.cm2]": Z.real, "Z'' [Ohm.cm2]": Z.imag}, None),
        ({"Frequency [Hz]": FREQ, "Z' [Ohm]": Z.real / AREA, "Z'' [Ohm]": Z.imag / AREA}, AREA),
        (
            {
                "Frequency [kHz]": FREQ / 1e3,
                "Z' [kOhm]": Z.real / AREA / 1e3,
                "-Z'' [kOhm]": -Z.imag / AREA / 1e3,
                "Phase [deg]": 0.0,
            },
            AREA,
        ),
        (
            {"Frequency [Hz]": FREQ, "Z' [Ohm.m2]": Z.real / 1e4, "-Z'' [Ohm.m2]": -Z.imag / 1e4},
            None,
        ),
    ],
    ids=["areal -Z''", "areal Z''", "Ohm with area", "kHz kOhm extra column", "Ohm.m2"],
)
def test_csv_units_and_signs_come_back_areal(tmp_path, columns, area):
    table = read_spectrum(write(tmp_path / "s.csv", columns), area_cm2=area)
    assert list(table.columns) == [FREQUENCY, REAL, MINUS_IMAG]
    # highest frequency first, every unit converted exactly (float rounding of a scale)
    np.testing.assert_allclose(table[FREQUENCY], FREQ, rtol=1e-12)
    np.testing.assert_allclose(table[REAL], Z.real, rtol=1e-12)
    np.testing.assert_allclose(table[MINUS_IMAG], -Z.imag, rtol=1e-12)
    frequency, z = complex_impedance(table)
    np.testing.assert_allclose(frequency, FREQ, rtol=1e-12)
    np.testing.assert_allclose(z, Z, rtol=1e-12)


def test_rows_are_sorted_highest_frequency_first(tmp_path):
    order = np.random.default_rng(0).permutation(len(FREQ))
    columns = {
        "Frequency [Hz]": FREQ[order],
        "Z' [Ohm.cm2]": Z.real[order],
        "-Z'' [Ohm.cm2]": -Z.imag[order],
    }
    table = read_spectrum(write(tmp_path / "s.csv", columns))
    np.testing.assert_allclose(table[FREQUENCY], FREQ)
    np.testing.assert_allclose(table[REAL], Z.real)


def good():
    return {"Frequency [Hz]": FREQ, "Z' [Ohm.cm2]": Z.real, "-Z'' [Ohm.cm2]": -Z.imag}


def changed(**changes):
    columns = good()
    for key, value in changes.items():
        columns[key.replace("_", " ")] = value
    return columns


BAD = [
    (
        "Z'' and -Z''",
        dict(good(), **{"Z'' [Ohm.cm2]": Z.imag}),
        None,
        ["Z'' [Ohm.cm2]", "-Z'' [Ohm.cm2]", "ambiguous"],
    ),
    ("no Z'", {"Frequency [Hz]": FREQ, "-Z'' [Ohm.cm2]": -Z.imag}, None, ["Z' [Ohm.cm2]", "found"]),
    ("no Z''", {"Frequency [Hz]": FREQ, "Z' [Ohm.cm2]": Z.real}, None, ["-Z''", "found"]),
    ("no frequency", {"Z' [Ohm.cm2]": Z.real, "-Z'' [Ohm.cm2]": -Z.imag}, None, ["Frequency [Hz]"]),
    (
        "no units",
        {"Frequency": FREQ, "Z'": Z.real, "-Z''": -Z.imag},
        None,
        ["Frequency [Hz]", "units in the header"],
    ),
    (
        "unknown unit",
        {"Frequency [Hz]": FREQ, "Z' [ohms]": Z.real, "-Z'' [ohms]": -Z.imag},
        None,
        ["Z' [ohms]", "'ohms'", "Ohm.cm2"],
    ),
    (
        "frequency unit",
        {"Frequency [rad/s]": FREQ, "Z' [Ohm.cm2]": Z.real, "-Z'' [Ohm.cm2]": -Z.imag},
        None,
        ["Frequency [rad/s]", "Hz"],
    ),
    (
        "mixed units",
        {"Frequency [Hz]": FREQ, "Z' [Ohm]": Z.real, "-Z'' [Ohm.cm2]": -Z.imag},
        AREA,
        ["Z' [Ohm]", "-Z'' [Ohm.cm2]", "mix"],
    ),
    (
        "Ohm without area",
        {"Frequency [Hz]": FREQ, "Z' [Ohm]": Z.real, "-Z'' [Ohm]": -Z.imag},
        None,
        ["absolute", "--area-cm2"],
    ),
    ("Z' twice", dict(good(), **{"Z' [Ohm]": Z.real}), AREA, ["Z' [Ohm.cm2]", "Z' [Ohm]", "same"]),
    (
        "negative frequency",
        changed(**{"Frequency [Hz]": -FREQ}),
        None,
        ["Frequency [Hz]", "(0, inf)"],
    ),
    (
        "duplicate frequency",
        changed(**{"Frequency [Hz]": np.r_[FREQ[:-1], FREQ[0]]}),
        None,
        ["Frequency [Hz]", "more than once"],
    ),
    ("negative Z'", changed(**{"Z' [Ohm.cm2]": -Z.real}), None, ["Z' [Ohm.cm2]", "row 1"]),
    (
        "nan",
        changed(**{"-Z'' [Ohm.cm2]": np.r_[np.nan, -Z.imag[1:]]}),
        None,
        ["-Z'' [Ohm.cm2]", "row 1", "finite"],
    ),
    (
        "text",
        changed(**{"Z' [Ohm.cm2]": ["a", *Z.real[1:]]}),
        None,
        ["Z' [Ohm.cm2]", "'a'", "row 1"],
    ),
    (
        "too few points",
        {k: v[: MIN_POINTS - 1] for k, v in good().items()},
        None,
        [f"{MIN_POINTS - 1} points", f"at least {MIN_POINTS}"],
    ),
]


@pytest.mark.parametrize(
    ("columns", "area", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_csv_is_refused_naming_the_column(tmp_path, columns, area, words):
    path = write(tmp_path / "s.csv", columns)
    with pytest.raises(SpectrumError) as info:
        read_spectrum(path, area_cm2=area)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message or "area" in message
    for word in words:
        assert word in message, message
    assert isinstance(info.value, CellDefinitionError)  # the CLI's one-line errors


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(SpectrumError, match="does not exist"):
        read_spectrum(tmp_path / "none.csv")
    (tmp_path / "b.csv").write_bytes(b"\x00\x01\xff\xfe\x00")
    with pytest.raises(SpectrumError, match=r"b\.csv"):
        read_spectrum(tmp_path / "b.csv")


def test_bad_area(tmp_path):
    columns = {"Frequency [Hz]": FREQ, "Z' [Ohm]": Z.real, "-Z'' [Ohm]": -Z.imag}
    with pytest.raises(SpectrumError, match=r"area_cm2: -1.0; valid range \(0, inf\)"):
        read_spectrum(write(tmp_path / "s.csv", columns), area_cm2=-1.0)


def test_inductive_points_are_kept():
    """-Z'' below zero at the highest frequencies (the leads' inductance) is data."""
    table = spectrum(FREQ, Z.real, np.r_[-0.5, -Z.imag[1:]])
    assert table[MINUS_IMAG].iloc[0] == -0.5


# --- BioLogic ------------------------------------------------------------------------

MPT_COLUMNS = [
    "freq/Hz",
    "Re(Z)/Ohm",
    "-Im(Z)/Ohm",
    "|Z|/Ohm",
    "Phase(Z)/deg",
    "time/s",
    "<Ewe>/V",
    "<I>/mA",
    "cycle number",
]


def write_mpt(path, loops=1, comma=False, zero_rows=0):
    """An EC-Lab PEIS text export: ``loops`` sweeps of FREQ, Z in Ohm (absolute), and
    ``zero_rows`` rows at zero frequency (an OCV step of a linked experiment)."""
    lines = [
        "EC-Lab ASCII FILE",
        "Nb header lines : 5",
        "",
        "Written by asslb-sim's tests",
        "\t".join(MPT_COLUMNS),
    ]
    t = 0.0
    for _ in range(zero_rows):
        lines.append("\t".join(["0", "0", "0", "0", "0", f"{t:.3f}", "3.0", "0", "1"]))
        t += 1
    for loop in range(1, loops + 1):
        z = Z * loop / AREA  # each loop its own impedance, to tell them apart
        for f, zk in zip(FREQ, z, strict=True):
            values = [
                f"{f:.10E}",
                f"{zk.real:.10E}",
                f"{-zk.imag:.10E}",
                f"{abs(zk):.10E}",
                f"{np.degrees(np.angle(zk)):.6E}",
                f"{t:.3f}",
                "3.0",
                "0",
                f"{loop}",
            ]
            t += 1
            line = "\t".join(values)
            lines.append(line.replace(".", ",") if comma else line)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    return path


@pytest.mark.parametrize("comma", [False, True], ids=["point", "decimal comma"])
def test_biologic_mpt_round_trip(tmp_path, comma):
    pytest.importorskip("galvani")
    path = write_mpt(tmp_path / "peis.mpt", comma=comma, zero_rows=2)
    table = read_spectrum(path, area_cm2=AREA)
    # printed to 11 significant digits: 1e-10 relative, the zero-frequency rows left out
    assert len(table) == len(FREQ)
    np.testing.assert_allclose(table[FREQUENCY], FREQ, rtol=1e-10)
    np.testing.assert_allclose(table[REAL], Z.real, rtol=1e-10)
    np.testing.assert_allclose(table[MINUS_IMAG], -Z.imag, rtol=1e-10)


def test_biologic_file_records_are_galvanis_after_the_file_checks(tmp_path):
    from asslb_sim.fitting.cycler import biologic_file_records
    from asslb_sim.fitting.data import DataError

    with pytest.raises(DataError, match="file does not exist"):
        biologic_file_records(tmp_path / "missing.mpt")
    other = tmp_path / "peis.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(DataError, match="not a BioLogic file"):
        biologic_file_records(other)
    pytest.importorskip("galvani")
    records = biologic_file_records(write_mpt(tmp_path / "peis.mpt"))
    # galvani's structured array under its column names, every row of the file
    names = {"freq/Hz", "Re(Z)/Ohm", "-Im(Z)/Ohm", "cycle number"}
    assert names <= set(records.dtype.names) and len(records) == len(FREQ)
    np.testing.assert_allclose(records["freq/Hz"], FREQ, rtol=1e-10)


def test_biologic_loops_need_a_choice(tmp_path):
    pytest.importorskip("galvani")
    path = write_mpt(tmp_path / "peis.mpt", loops=2)
    with pytest.raises(SpectrumError, match=r"'cycle number' holds 2 impedance loops \[1, 2\]"):
        read_spectrum(path, area_cm2=AREA)
    second = read_spectrum(path, area_cm2=AREA, cycle=2)
    np.testing.assert_allclose(second[REAL], 2 * Z.real, rtol=1e-10)
    with pytest.raises(SpectrumError, match=r"cycle: 3 is not in .*valid: \[1, 2\]"):
        read_spectrum(path, area_cm2=AREA, cycle=3)


def test_biologic_needs_the_area_and_impedance_columns(tmp_path):
    pytest.importorskip("galvani")
    path = write_mpt(tmp_path / "peis.mpt")
    with pytest.raises(SpectrumError, match="--area-cm2"):
        read_spectrum(path)
    cycling = tmp_path / "cc.mpt"
    cycling.write_bytes(
        b"EC-Lab ASCII FILE\r\nNb header lines : 3\r\ntime/s\tEwe/V\tI/mA\r\n"
        + b"".join(f"{k}\t3.{k}\t1.0\r\n".encode() for k in range(12))
    )
    with pytest.raises(SpectrumError, match=r"no 'freq/Hz' column: not an impedance file"):
        read_spectrum(cycling, area_cm2=AREA)


def test_cycle_is_for_biologic_files_only(tmp_path):
    with pytest.raises(SpectrumError, match="BioLogic files only"):
        read_spectrum(write(tmp_path / "s.csv", good()), cycle=1)


def test_without_galvani_the_error_says_how_to_install(tmp_path, monkeypatch):
    path = write_mpt(tmp_path / "peis.mpt")
    real_import = builtins.__import__

    def no_galvani(name, *args, **kwargs):
        if name == "galvani" or name.startswith("galvani."):
            raise ImportError("No module named 'galvani'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_galvani)
    with pytest.raises(CellDefinitionError, match=r"asslb-sim\[cycler\]"):
        read_spectrum(path, area_cm2=AREA)


def test_the_impedance_package_does_not_import_pybamm():
    code = (
        "import sys\n"
        "import asslb_sim.impedance.extraction, asslb_sim.impedance.report\n"
        "import asslb_sim.impedance.spectra, asslb_sim.impedance.transmission_line\n"
        "assert 'pybamm' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
