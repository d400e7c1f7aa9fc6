"""Fit data from cycler files: BioLogic .mpt exports written here, read back with galvani."""

import builtins

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cli import main
from asslb_sim.design import load_cell
from asslb_sim.fitting import DataError, load
from asslb_sim.fitting.cycler import cycler_curves, read_cycler
from asslb_sim.simulate import rate_capability

RATES = (0.5, 2.0)
COLUMNS = ["mode", "ox/red", "time/s", "Ewe/V", "I/mA", "(Q-Qo)/mA.h", "Ns"]
# the printed precision of the file below: voltages to 7 decimals, charges to 10
# significant digits of mA.h (EC-Lab's exports print about as many)
VOLTAGE_DECIMALS = 7
CHARGE_DIGITS = 10


@pytest.fixture(scope="module")
def source():
    return rate_capability("default", list(RATES))


def mpt_rows(result, area):
    """A BioLogic-like experiment: rest, 0.5C discharge, a charge, rest, 2C discharge,
    as (mode, ox/red, time, Ewe, I, Q-Qo, Ns) rows."""
    rows, t0, q0, ns = [], 0.0, 0.0, 0

    def hold(n, voltage, current, mode):
        nonlocal t0, q0, ns
        for k in range(n):
            t = t0 + 10.0 * k
            q = q0 + current * 10.0 * k / 3600
            rows.append((mode, int(current > 0), t, voltage, current, q, ns))
        t0, q0, ns = t0 + 10.0 * n, q0 + current * 10.0 * n / 3600, ns + 1

    for k, c in enumerate(RATES):
        curve = result.curves[result.curves["C-rate"] == c]
        hold(5, float(curve["Voltage [V]"].iloc[0]), 0.0, 3)  # rest
        current = -c * result.basis.nominal_capacity * area  # mA, negative: discharge
        q = curve["Discharge capacity [mA.h.cm-2]"].to_numpy() * area
        for t, v, qk in zip(curve["Time [s]"], curve["Voltage [V]"], q, strict=True):
            rows.append((1, 0, t0 + t, v, current, q0 - qk, ns))
        t0, q0, ns = t0 + curve["Time [s]"].iloc[-1] + 1, q0 - q[-1], ns + 1
        if k == 0:
            hold(20, 3.9, 0.2 * abs(current), 1)  # a charge between the discharges
    return rows


def write_mpt(path, rows, comma=False):
    lines = [
        "EC-Lab ASCII FILE",
        "Nb header lines : 5",
        "",
        "Written by the tests of asslb-sim",
        "\t".join(COLUMNS),
    ]
    for mode, ox, t, v, i, q, ns in rows:
        values = [
            f"{mode}",
            f"{ox}",
            f"{t:.4f}",
            f"{v:.{VOLTAGE_DECIMALS}f}",
            f"{i:.7E}",
            f"{q:.{CHARGE_DIGITS - 1}E}",
            f"{ns}",
        ]
        line = "\t".join(values)
        lines.append(line.replace(".", ",") if comma else line)
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))


@pytest.mark.parametrize("comma", [False, True], ids=["point", "decimal comma"])
def test_mpt_round_trip(source, tmp_path, comma):
    pytest.importorskip("galvani")
    cell = load_cell("default")
    path = tmp_path / "run.mpt"
    write_mpt(path, mpt_rows(source, cell.area_cm2), comma=comma)
    curves, notes = cycler_curves(path, cell)
    assert notes == []
    # the C-rates come back exactly: the current printed to 8 digits, rounded to 3
    assert sorted(curves["C-rate"].unique()) == list(RATES)
    for c in RATES:
        mine = curves[curves["C-rate"] == c]
        truth = source.curves[source.curves["C-rate"] == c]
        assert len(mine) == len(truth)  # every point of the discharge, nothing else
        # voltages within half a unit of the 7th decimal printed
        np.testing.assert_allclose(
            mine["Voltage [V]"], truth["Voltage [V]"], rtol=0, atol=0.5 * 10**-VOLTAGE_DECIMALS
        )
        # capacities are differences of two printed charges, each within half a unit of
        # its 10th significant digit: 1e-9 relative to the largest charge in the file
        largest = sum(source.summary["Discharge capacity [mA.h.cm-2]"])
        np.testing.assert_allclose(
            mine["Discharge capacity [mA.h.cm-2]"],
            truth["Discharge capacity [mA.h.cm-2]"],
            rtol=0,
            atol=10 ** (1 - CHARGE_DIGITS) * largest,
        )
    specific, _ = cycler_curves(path, cell, unit="mA.h.g-1")
    # the same capacities per gram of CAM: the unit conversion only, to float rounding
    np.testing.assert_allclose(
        specific["Specific capacity [mA.h.g-1]"] * cell.cam_loading,
        curves["Discharge capacity [mA.h.cm-2]"],
        rtol=1e-12,
    )


def test_capacity_from_the_current_when_the_file_has_no_charge_column(source, tmp_path):
    pytest.importorskip("galvani")
    cell = load_cell("default")
    path = tmp_path / "run.mpt"
    write_mpt(path, mpt_rows(source, cell.area_cm2))
    table = read_cycler(path).drop(columns="Charge [mA.h]")
    from asslb_sim.fitting.cycler import discharge_steps, step_capacity

    steps = discharge_steps(table)
    assert len(steps) == 2
    q = step_capacity(steps[0]) / cell.area_cm2
    truth = source.curves[source.curves["C-rate"] == RATES[0]]
    # a constant current integrated exactly by trapezoids, so within the file's printed
    # precision: the current to 8 digits (rtol 1e-7) and the times to 1e-4 s, half a unit
    # at either end of the interval (atol: the current density over 1e-4 s)
    density = RATES[0] * cell.basis.nominal_capacity  # mA.cm-2
    np.testing.assert_allclose(
        q, truth["Discharge capacity [mA.h.cm-2]"], rtol=1e-7, atol=density * 1e-4 / 3600
    )


def test_repeated_c_rate_and_given_c_rates(source, tmp_path):
    pytest.importorskip("galvani")
    cell = load_cell("default")
    rows = mpt_rows(source, cell.area_cm2)
    path = tmp_path / "run.mpt"
    write_mpt(path, rows)
    curves, _ = cycler_curves(path, cell, c_rates=[0.4, 1.9])
    assert sorted(curves["C-rate"].unique()) == [0.4, 1.9]
    with pytest.raises(DataError, match="1 C-rate"):
        cycler_curves(path, cell, c_rates=[0.4])
    curves, notes = cycler_curves(path, cell, c_rates=[1.0, 1.0])
    assert list(curves["C-rate"].unique()) == [1.0]
    assert len(notes) == 1 and "step 2 at 1C left out" in notes[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not a biologic file\r\n", r"not a readable BioLogic \.mpt"),
        (b"EC-Lab ASCII FILE\r\nNb header lines : 3\r\nmode\tbogus\r\n1\t2\r\n", "bogus"),
        (
            b"EC-Lab ASCII FILE\r\nNb header lines : 3\r\nmode\ttime/s\r\n1\t0\r\n",
            "no 'Ewe/V' column",
        ),
        (
            b"EC-Lab ASCII FILE\r\nNb header lines : 3\r\ntime/s\tEwe/V\tI/mA\r\n"
            b"0\t4.0\t1\r\n1\t4.1\t1\r\n2\t4.2\t1\r\n",
            "no constant-current discharge step",
        ),
    ],
    ids=["not biologic", "unknown column", "no voltage", "only a charge"],
)
def test_unreadable_cycler_files_are_one_line_errors(tmp_path, content, words, capsys):
    pytest.importorskip("galvani")
    path = tmp_path / "bad.mpt"
    path.write_bytes(content)
    with pytest.raises(DataError, match=words):
        cycler_curves(path, "default")
    status = main(["fit", "--data", str(path), "--fit", "Separator thickness [m]:1e-5:1e-4"])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and "bad.mpt" in err


def test_mpr_that_is_not_one_is_a_clear_error(tmp_path):
    pytest.importorskip("galvani")
    path = tmp_path / "bad.mpr"
    path.write_bytes(b"\x00\x01 not an EC-Lab binary file")
    with pytest.raises(DataError, match=r"not a readable BioLogic \.mpr"):
        read_cycler(path)


def test_missing_reader_says_how_to_install(tmp_path, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_galvani(name, *args, **kwargs):
        if name == "galvani" or name.startswith("galvani."):
            raise ImportError("No module named 'galvani'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_galvani)
    path = tmp_path / "run.mpt"
    path.write_bytes(b"EC-Lab ASCII FILE\r\n")
    with pytest.raises(DataError, match=r"pip install 'asslb-sim\[cycler\]'"):
        read_cycler(path)
    out = tmp_path / "fit"
    status = main(["fit", "--data", str(path), "--fit", "Separator thickness [m]:1e-5:1e-4"])
    err = capsys.readouterr().err
    assert status == 2 and "asslb-sim[cycler]" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_fit_straight_from_a_cycler_file(source, tmp_path, capsys):
    pytest.importorskip("galvani")
    cell = load_cell("default")
    path = tmp_path / "run.mpt"
    write_mpt(path, mpt_rows(source, cell.area_cm2))
    out = tmp_path / "fit"
    kappa = "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]"
    truth = cell.parameter_values[kappa]
    # started 3x below the cell's own value, from which the file's discharges came
    bounds = f"{kappa}:{truth / 10}:{truth * 10}:{truth / 3}"
    args = ["fit", "--data", str(path), "--fit", bounds, "--out", str(out), "--no-progress"]
    assert main(args) == 0
    fitted = pd.read_csv(out / "run-discharges.csv")
    # the curves written are the ones the fit read, and load as fit data again
    assert set(fitted["C-rate"]) == set(RATES)
    assert load(out / "run-discharges.csv").c_rates == list(RATES)
    value = pd.read_csv(out / "fitted_parameters.csv")["Fitted"].iloc[0]
    # back to the cell's own value: 3 % allows for the fit's solver tolerance and mesh
    # (the fit lands 0.3 % off), while wrong C-rates or capacity units miss by far more
    assert value == pytest.approx(truth, rel=0.03)
    assert "run-discharges.csv" not in capsys.readouterr().err
