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


# --- Neware and Arbin files, written here from the same experiment ----------------------


def counters(rows):
    """Cumulative charge and discharge [mA.h] of the rows, from their signed charge
    counter (Arbin's and Neware's two positive counters)."""
    q = np.array([row[5] for row in rows])
    dq = np.diff(q, prepend=q[0])
    return np.cumsum(np.maximum(dq, 0)), np.cumsum(np.maximum(-dq, 0))


def write_arbin(path, rows):
    """Arbin MITS Pro's export of the experiment: a CSV file, or an XLSX workbook with
    its "Global_Info" sheet and the data on a "Channel_..." sheet."""
    charge, discharge = counters(rows)
    frame = pd.DataFrame(
        {
            "Data_Point": np.arange(1, len(rows) + 1),
            "Test_Time(s)": [row[2] for row in rows],
            "Step_Index": [row[6] + 1 for row in rows],
            "Cycle_Index": 1,
            "Current(A)": [row[4] / 1e3 for row in rows],
            "Voltage(V)": [row[3] for row in rows],
            "Charge_Capacity(Ah)": charge / 1e3,
            "Discharge_Capacity(Ah)": discharge / 1e3,
        }
    )
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        with pd.ExcelWriter(path) as writer:
            info = pd.DataFrame({"Test_Name": ["run"]})
            info.to_excel(writer, sheet_name="Global_Info", index=False)
            frame.to_excel(writer, sheet_name="Channel_1-006", index=False)


NEWARE_RANGE = -2  # the current range whose unit is 1e-5 mA (NewareNDA's multiplier table)
NEWARE_UNIT = 1e-5  # mA per count of current; capacities in counts of 1e-5 mA.s


def write_nda(path, rows, discharge_sign=-1):
    """A Neware .nda file (version 29) of the experiment: the "NEWARE" header, then one
    86-byte record per row (index, cycle, step, step type, time in ms, voltage in
    0.1 mV, current and per-step capacities in the range's units), little-endian.
    ``discharge_sign``: the sign the file gives discharge currents."""
    import struct

    charge, discharge = counters(rows)
    header = bytearray(1024)
    header[:6] = b"NEWARE"
    header[14] = 29
    records, step, start = [], None, 0
    for k, (_, _, t, v, i, _, ns) in enumerate(rows):
        if ns != step:
            step, start = ns, k
        status = 2 if i < 0 else 1 if i > 0 else 4  # CC_DChg, CC_Chg, Rest
        current = discharge_sign * abs(i) if i < 0 else i
        caps = [charge[k] - charge[start], discharge[k] - discharge[start]]
        record = bytearray(86)
        record[0:2] = b"\x55\x00"
        struct.pack_into("<IIHB", record, 2, k + 1, 0, ns + 1, status)
        struct.pack_into(
            "<Qii", record, 14, round(t * 1e3), round(v * 1e4), round(current / NEWARE_UNIT)
        )
        struct.pack_into("<qqqq", record, 38, *(round(c * 3600 / NEWARE_UNIT) for c in caps), 0, 0)
        struct.pack_into("<HBBBBB", record, 70, 2026, 1, 1, 0, 0, 0)
        struct.pack_into("<i", record, 78, NEWARE_RANGE)
        records.append(bytes(record))
    # the data section starts after four zero bytes
    path.write_bytes(bytes(header) + b"\x00\x00\x00\x00" + b"".join(records))


def check_curves(curves, source, area, voltage_atol, capacity_rtol):
    """The discharges of the file are the model's, to the file's precision."""
    assert sorted(curves["C-rate"].unique()) == list(RATES)
    largest = sum(source.summary["Discharge capacity [mA.h.cm-2]"])
    for c in RATES:
        mine = curves[curves["C-rate"] == c]
        truth = source.curves[source.curves["C-rate"] == c]
        assert len(mine) == len(truth)  # every point of the discharge, nothing else
        np.testing.assert_allclose(
            mine["Voltage [V]"], truth["Voltage [V]"], rtol=0, atol=voltage_atol
        )
        np.testing.assert_allclose(
            mine["Discharge capacity [mA.h.cm-2]"],
            truth["Discharge capacity [mA.h.cm-2]"],
            rtol=0,
            atol=capacity_rtol * largest,
        )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_arbin_export_round_trip(source, tmp_path, suffix):
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    cell = load_cell("default")
    path = tmp_path / f"run{suffix}"
    write_arbin(path, mpt_rows(source, cell.area_cm2))
    curves, notes = cycler_curves(path, cell)
    assert notes == []
    # the numbers are written in full: voltages exact from the CSV, within a unit in the
    # last place (4.4e-16 V) from the workbook (openpyxl's text of a float); capacities
    # the difference of two cumulative sums, to float rounding of the largest
    atol = 0 if suffix == ".csv" else 1e-15
    check_curves(curves, source, cell.area_cm2, voltage_atol=atol, capacity_rtol=1e-12)


@pytest.mark.parametrize("sign", [-1, 1], ids=["negative", "positive"])
def test_neware_nda_round_trip(source, tmp_path, sign):
    pytest.importorskip("NewareNDA")
    cell = load_cell("default")
    path = tmp_path / "run.nda"
    write_nda(path, mpt_rows(source, cell.area_cm2), discharge_sign=sign)
    # the discharges are found by their step type, whichever sign the file stores
    curves, notes = cycler_curves(path, cell)
    assert notes == []
    # voltages stored in 0.1 mV (half a unit) and read as float32 (6e-8 of 4.2 V);
    # capacities as float32, 6e-8 of a step's, twice (the difference of two)
    check_curves(curves, source, cell.area_cm2, voltage_atol=0.5e-4 + 3e-7, capacity_rtol=2e-7)


def test_an_arbin_csv_is_told_from_fit_data_by_its_columns(source, tmp_path, capsys):
    from asslb_sim.fitting.cycler import is_cycler_file

    cell = load_cell("default")
    arbin = tmp_path / "arbin.csv"
    write_arbin(arbin, mpt_rows(source, cell.area_cm2))
    curve = tmp_path / "curve.csv"
    curve.write_text("Specific capacity [mA.h.g-1],Voltage [V],C-rate\n1,4,1\n2,3.9,1\n3,3,1\n")
    assert is_cycler_file(arbin) and not is_cycler_file(curve)
    # the command line reads it as a cycler file: one C-rate given for its two steps
    argv = ["fit", "--data", str(arbin), "--cycler-c-rates", "1", "--out", str(tmp_path / "o")]
    status = main([*argv, "--fit", "Separator thickness [m]:1e-5:1e-4"])
    err = capsys.readouterr().err
    assert status == 2 and "1 C-rate(s) given for 2 discharge step(s)" in err


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bad.nda", b"not a neware file", r"not a readable Neware \.nda file"),
        ("bad.ndax", b"not a zip archive", r"not a readable Neware \.ndax file"),
        ("bad.xlsx", b"not a workbook", r"not a readable Arbin \.xlsx export file"),
        ("bad.res", b"\x00\x01\x00\x00Standard Jet DB", r"export the test from MITS Pro"),
        (
            "bad.csv",
            b"Data_Point,Test_Time(s),Step_Index,Current(A)\n1,0,1,-0.001\n",
            r"no 'Voltage\(V\)' column in the Arbin \.csv export",
        ),
        (
            "bad2.csv",
            b"Test_Time(s),Step_Index,Current(A),Voltage(V)\n0,1,-0.001,4.1\n1,1,x,4.0\n",
            r"'Current\(A\)' row 2 is not a number",
        ),
    ],
    ids=["nda", "ndax", "xlsx", "res", "arbin without voltage", "arbin text"],
)
def test_unreadable_neware_and_arbin_files(tmp_path, name, content, words, capsys):
    if name.endswith((".nda", ".ndax")):
        pytest.importorskip("NewareNDA")
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DataError, match=words):
        read_cycler(path)
    status = main(["fit", "--data", str(path), "--fit", "Separator thickness [m]:1e-5:1e-4"])
    err = capsys.readouterr().err
    assert status == 2 and len(err.strip().splitlines()) == 1 and name in err


def test_an_xlsx_without_arbin_data_sheets(tmp_path):
    pytest.importorskip("openpyxl")
    path = tmp_path / "other.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(path, sheet_name="Sheet1", index=False)
    with pytest.raises(DataError, match=r"no data sheet named 'Channel\.\.\.'.*\['Sheet1'\]"):
        read_cycler(path)


@pytest.mark.parametrize(("module", "name"), [("NewareNDA", "run.nda"), ("openpyxl", "run.xlsx")])
def test_missing_neware_or_xlsx_reader_says_how_to_install(tmp_path, monkeypatch, module, name):
    real_import = builtins.__import__

    def without(imported, *args, **kwargs):
        if imported == module or imported.startswith(f"{module}."):
            raise ImportError(f"No module named {module!r}")
        return real_import(imported, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without)
    path = tmp_path / name
    path.write_bytes(b"anything")
    with pytest.raises(DataError, match=rf"needs the optional reader {module}: pip install"):
        read_cycler(path)
