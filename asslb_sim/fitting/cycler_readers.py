"""Readers of cycler files: each turns one instrument's file into one time series.

Every reader returns a table with "Time [s]", "Voltage [V]" and "Current [mA]"
(negative on discharge), and "Step" (a number that changes from one step of the
test to the next) and "Charge [mA.h]" (the file's charge counter, net of
discharge) where the file has them. The readers of binary formats are optional
dependencies (``pip install 'asslb-sim[cycler]'``):

- BioLogic ``.mpr`` (EC-Lab's binary format) and ``.mpt`` (its text export):
  galvani. Discharge is a negative current already.
- Neware ``.nda`` and ``.ndax`` (BTSDA's binary formats): NewareNDA. The sign
  follows each record's step type: a "DChg" step (``CC_DChg``, ``CCCV_DChg``,
  ...) is a discharge, whatever sign the file stores.
- Arbin: the CSV or XLSX export of MITS Pro (columns ``Test_Time(s)``,
  ``Step_Index``, ``Cycle_Index``, ``Current(A)``, ``Voltage(V)``,
  ``Charge_Capacity(Ah)``, ``Discharge_Capacity(Ah)``; the same names with spaces
  are taken too), read with pandas (XLSX: openpyxl, its data on the sheets whose
  names start with "Channel"). Arbin's own ``.res`` file is a Microsoft Access
  database: no maintained reader of it installs next to numpy 2 and pandas 3
  (cellpy 1.x needs pandas < 3, its 2.x Python 3.13), so it is refused with a
  pointer to the export.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .data import DataError

INSTALL = "pip install 'asslb-sim[cycler]'"
BIOLOGIC = (".mpr", ".mpt")
NEWARE = (".nda", ".ndax")
ARBIN_EXPORTS = (".csv", ".xlsx")
ARBIN_DATABASE = ".res"
# column names galvani gives for BioLogic files (first found wins)
TIME = ("time/s",)
EWE = ("Ewe/V", "Ecell/V")
CURRENT = ("I/mA", "<I>/mA", "control/mA")
CHARGE = ("(Q-Qo)/mA.h",)
STEP = ("Ns",)
# Arbin's export columns (MITS Pro's spelling; matched without spaces and underscores)
ARBIN_COLUMNS = {
    "time": "Test_Time(s)",
    "step": "Step_Index",
    "cycle": "Cycle_Index",
    "current": "Current(A)",
    "voltage": "Voltage(V)",
    "charge": "Charge_Capacity(Ah)",
    "discharge": "Discharge_Capacity(Ah)",
}
# what marks a CSV file as an Arbin export rather than fit data
ARBIN_MARKERS = ("Test_Time(s)", "Step_Index")


def _key(name):
    """A column name without spaces and underscores, in lower case: Arbin's exports
    spell ``Test_Time(s)`` and ``Test Time (s)`` both."""
    return "".join(str(name).split()).replace("_", "").lower()


def is_arbin_csv(path):
    """Whether the CSV file ``path`` is an Arbin export: its header names Arbin's
    test time and step index columns (a file's kind is stated by its columns)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            header = handle.readline()
    except OSError:
        return False
    keys = {_key(name) for name in header.split(",")}
    return all(_key(marker) in keys for marker in ARBIN_MARKERS)


def cycler_kind(path):
    """The instrument and format of a cycler file, or None if ``path`` is not one."""
    suffix = Path(path).suffix.lower()
    if suffix == ".mpr":
        return "BioLogic .mpr"
    if suffix == ".mpt":
        return "BioLogic .mpt (text export)"
    if suffix in NEWARE:
        return f"Neware {suffix}"
    if suffix == ARBIN_DATABASE:
        return "Arbin .res"
    if suffix == ".xlsx" or (suffix == ".csv" and is_arbin_csv(path)):
        return f"Arbin {suffix} export"
    return None


def _unreadable(path, kind, exc):
    text = " ".join(str(exc).split())[:200] or type(exc).__name__
    return DataError(f"{path}: not a readable {kind} file: {text}")


def _missing(path, module, what):
    return DataError(f"{path}: reading {what} files needs the optional reader {module}: {INSTALL}")


def biologic_records(path):
    """The records of a BioLogic ``.mpr`` or ``.mpt`` file as galvani reads them: a
    structured array, one field per column under galvani's names (``"time/s"``,
    ``"Ewe/V"``, ``"freq/Hz"``, ``"Re(Z)/Ohm"``, ...). Cycling time series
    (:func:`read_biologic`) and impedance spectra
    (:mod:`asslb_sim.impedance.spectra`) both come from here."""
    try:
        import galvani
        from galvani import BioLogic as biologic
    except ImportError:
        raise _missing(path, "galvani", "BioLogic") from None
    kind = cycler_kind(path)
    try:
        if Path(path).suffix.lower() == ".mpr":
            records = galvani.MPRfile(str(path)).data
        else:
            with open(path, "rb") as handle:
                records, _ = biologic.MPTfile(handle)
    except Exception as exc:  # galvani raises what its parser meets: say which file
        raise _unreadable(path, kind, exc) from None
    return records


def read_biologic(path):
    """The time series of a BioLogic ``.mpr`` or ``.mpt`` file (galvani)."""
    records = biologic_records(path)
    names = list(records.dtype.names or ())

    def column(options, required=True):
        found = next((n for n in options if n in names), None)
        if found is None and required:
            raise DataError(f"{path}: no {options[0]!r} column in the file; found {names}")
        return None if found is None else np.asarray(records[found], dtype=float)

    table = pd.DataFrame(
        {"Time [s]": column(TIME), "Voltage [V]": column(EWE), "Current [mA]": column(CURRENT)}
    )
    for name, options in (("Step", STEP), ("Charge [mA.h]", CHARGE)):
        values = column(options, required=False)
        if values is not None:
            table[name] = values
    return table


def read_neware(path):
    """The time series of a Neware ``.nda`` or ``.ndax`` file (NewareNDA)."""
    try:
        import NewareNDA
    except ImportError:
        raise _missing(path, "NewareNDA", "Neware") from None
    kind = cycler_kind(path)
    if Path(path).suffix not in NEWARE:  # NewareNDA knows the suffixes in lower case only
        raise DataError(f"{path}: name the {kind} file with a lower-case suffix ({NEWARE})")
    if Path(path).suffix == ".ndax" and not zipfile.is_zipfile(path):
        raise _unreadable(path, kind, "not a zip archive (an .ndax file is one)")
    try:
        with warnings.catch_warnings():  # its use of pandas' deprecated API is not the user's
            warnings.filterwarnings("ignore", module="NewareNDA")
            frame = NewareNDA.read(str(path), log_level="ERROR")
    except Exception as exc:  # NewareNDA raises what its parser meets: say which file
        raise _unreadable(path, kind, exc) from None
    needed = ["Time", "Voltage", "Current(mA)", "Status", "Step"]
    missing = [name for name in needed if name not in frame]
    if missing:
        raise DataError(f"{path}: no {missing} column(s) in the {kind} file")
    status = frame["Status"].astype(str)
    current = np.abs(frame["Current(mA)"].to_numpy(dtype=float))
    discharging = status.str.contains("DChg", regex=False).to_numpy()
    table = pd.DataFrame(
        {
            "Time [s]": frame["Time"].to_numpy(dtype=float),
            "Voltage [V]": frame["Voltage"].to_numpy(dtype=float),
            "Current [mA]": np.where(discharging, -current, current),
            "Step": frame["Step"].to_numpy(dtype=float),
        }
    )
    if {"Charge_Capacity(mAh)", "Discharge_Capacity(mAh)"} <= set(frame.columns):
        charge = frame["Charge_Capacity(mAh)"].to_numpy(dtype=float)
        table["Charge [mA.h]"] = charge - frame["Discharge_Capacity(mAh)"].to_numpy(dtype=float)
    return table


def _arbin_frame(path):
    """The rows of an Arbin CSV or XLSX export, as pandas reads them."""
    if Path(path).suffix.lower() == ".csv":
        return pd.read_csv(path)
    try:
        import openpyxl  # noqa: F401  (pandas' reader of .xlsx)
    except ImportError:
        raise _missing(path, "openpyxl", "Arbin .xlsx") from None
    sheets = pd.read_excel(path, sheet_name=None)
    data = [frame for name, frame in sheets.items() if str(name).lower().startswith("channel")]
    if not data:
        raise DataError(
            f"{path}: not an Arbin export: no data sheet named 'Channel...'; found sheets "
            f"{list(sheets)}"
        )
    return pd.concat(data, ignore_index=True)  # Arbin splits long tests over sheets


def read_arbin(path):
    """The time series of an Arbin CSV or XLSX export (pandas)."""
    kind = cycler_kind(path)
    if Path(path).suffix.lower() == ARBIN_DATABASE:
        raise DataError(
            f"{path}: Arbin .res files are Microsoft Access databases, which no reader here "
            "opens; export the test from MITS Pro to CSV or XLSX (Test_Time(s), Step_Index, "
            "Current(A), Voltage(V), ...) and give that file"
        )
    try:
        frame = _arbin_frame(path)
    except DataError:
        raise
    except Exception as exc:  # pandas or openpyxl on a damaged file: say which file
        raise _unreadable(path, kind, exc) from None
    columns = {_key(name): name for name in frame.columns}

    def column(role, required=True):
        name = columns.get(_key(ARBIN_COLUMNS[role]))
        if name is None:
            if required:
                raise DataError(
                    f"{path}: no {ARBIN_COLUMNS[role]!r} column in the {kind}; found "
                    f"{list(frame.columns)}"
                )
            return None
        values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        if np.isnan(values).any():
            row = int(np.argmax(np.isnan(values))) + 1
            raise DataError(f"{path}: {name!r} row {row} is not a number")
        return values

    table = pd.DataFrame(
        {
            "Time [s]": column("time"),
            "Voltage [V]": column("voltage"),
            "Current [mA]": 1e3 * column("current"),
        }
    )
    step, cycle = column("step"), column("cycle", required=False)
    if cycle is not None:  # a step index repeats in every cycle: a new cycle is a new step
        change = np.r_[True, (step[1:] != step[:-1]) | (cycle[1:] != cycle[:-1])]
        step = np.cumsum(change).astype(float)
    table["Step"] = step
    charge, discharge = column("charge", required=False), column("discharge", required=False)
    if charge is not None and discharge is not None:
        table["Charge [mA.h]"] = 1e3 * (charge - discharge)
    return table


def read_time_series(path):
    """The time series of any cycler file this module reads (by its kind)."""
    kind = cycler_kind(path)
    if kind is None:
        raise DataError(f"{path}: not a cycler file this reader knows")
    if kind.startswith("BioLogic"):
        return read_biologic(path)
    if kind.startswith("Neware"):
        return read_neware(path)
    return read_arbin(path)
