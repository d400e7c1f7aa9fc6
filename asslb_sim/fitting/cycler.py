"""Discharge curves straight from cycler files, for fits.

BioLogic (``.mpr``, ``.mpt``), Neware (``.nda``, ``.ndax``) and Arbin (its CSV
or XLSX export) files are read by :mod:`.cycler_readers` (the binary formats
with optional readers: ``pip install 'asslb-sim[cycler]'``) into one time
series. The discharge steps are picked from the current (negative on
discharge: a reduction at the working electrode, the cathode against Li) and
the file's step numbers where it has them; only constant-current steps are
kept. Each step's capacity counts from its start (from the file's charge
counter, else the current integrated over time); its C-rate is its current over
the cell's electrode area and 1C, rounded to 3 significant figures, unless
given. The result is a table in the fit's curve format: "C-rate", the capacity
column and "Voltage [V]".
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..design import load_cell
from .cycler_readers import BIOLOGIC, biologic_records, cycler_kind, read_time_series
from .data import RATE, UNITS, VOLTAGE, DataError

# a constant-current step's current varies by less than this, relative to its mean
# (a cycler's current control holds well within 0.1 %; a CV step falls by far more)
CC_SPREAD = 0.02
FORMATS = "BioLogic .mpr/.mpt, Neware .nda/.ndax, Arbin .csv/.xlsx export"


def is_cycler_file(path):
    """Whether ``path`` is a cycler file this module reads: by its suffix, and for a
    CSV file by its columns (an Arbin export names its test time and step index)."""
    return cycler_kind(path) is not None


def biologic_file_records(path):
    """The records of a BioLogic ``.mpr`` or ``.mpt`` file as galvani reads them (a
    structured array under galvani's column names), after checking the file: what
    :mod:`asslb_sim.impedance.spectra` reads spectra from. (The time series of a BioLogic
    file is :func:`.cycler_readers.read_biologic`'s.)

    Raises
    ------
    DataError
        If the file is missing, is not a BioLogic file, galvani is missing, or galvani
        cannot read it.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file does not exist")
    if path.suffix.lower() not in BIOLOGIC:
        raise DataError(f"{path}: not a BioLogic file; valid suffixes: {list(BIOLOGIC)}")
    return biologic_records(path)


def read_cycler(path):
    """The time series of a cycler file (:mod:`.cycler_readers`).

    Parameters
    ----------
    path : str or Path
        The file.

    Returns
    -------
    pandas.DataFrame
        "Time [s]", "Voltage [V]", "Current [mA]" (negative on discharge), and
        "Step" and "Charge [mA.h]" where the file has them.

    Raises
    ------
    DataError
        If the reader is missing, the file cannot be read, or it lacks time, voltage
        or current.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file does not exist")
    if not is_cycler_file(path):
        raise DataError(f"{path}: not a cycler file; valid: {FORMATS}")
    table = read_time_series(path)
    if table.empty:
        raise DataError(f"{path}: the file has no data rows")
    return table


def discharge_steps(table):
    """The constant-current discharge steps of a time series from :func:`read_cycler`.

    Returns
    -------
    list of pandas.DataFrame
        One per step with at least 3 points, in the order of the file.
    """
    discharging = (table["Current [mA]"] < 0).to_numpy()
    boundary = np.r_[True, discharging[1:] != discharging[:-1]]
    if "Step" in table:
        step = table["Step"].to_numpy()
        boundary |= np.r_[True, step[1:] != step[:-1]]
    segment = np.cumsum(boundary)
    steps = []
    for _, rows in table[discharging].groupby(segment[discharging], sort=True):
        current = rows["Current [mA]"].to_numpy()
        spread = (current.max() - current.min()) / abs(current.mean())
        if len(rows) >= 3 and spread <= CC_SPREAD:
            steps.append(rows)
    return steps


def step_capacity(rows):
    """Capacity drawn since the start of a step [mA.h]: from the file's charge
    counter, else the current integrated over time (trapezoids)."""
    if "Charge [mA.h]" in rows:
        charge = rows["Charge [mA.h]"].to_numpy()
        return np.abs(charge - charge[0])
    t = rows["Time [s]"].to_numpy()
    i = np.abs(rows["Current [mA]"].to_numpy())
    return np.r_[0.0, np.cumsum(0.5 * (i[1:] + i[:-1]) * np.diff(t))] / 3600


def cycler_curves(path, cell, unit="mA.h.cm-2", c_rates=None):
    """The discharge curves of a cycler file in the fit's curve format.

    Parameters
    ----------
    path : str or Path
        A cycler file (:func:`is_cycler_file`).
    cell : str, Path or Cell
        The measured cell: its electrode area converts capacities, its 1C the
        currents to C-rates.
    unit : {"mA.h.cm-2", "mA.h.g-1"}
        Capacity per electrode area, or per gram of CAM.
    c_rates : list of float, optional
        The C-rate of every discharge step, in the file's order (default: the
        step's current over the cell's 1C, to 3 significant figures).

    Returns
    -------
    curves : pandas.DataFrame
        "C-rate", the capacity column, "Voltage [V]": one curve per C-rate
        (capacity strictly increasing).
    notes : list of str
        Discharge steps left out (a second one at the same C-rate).
    """
    if unit not in UNITS:
        raise DataError(f"unit: {unit!r} is not known; valid: {sorted(UNITS)}")
    cell = load_cell(cell)
    steps = discharge_steps(read_cycler(path))
    if not steps:
        raise DataError(
            f"{path}: no constant-current discharge step (negative current, at least 3 points)"
        )
    if c_rates is not None and len(c_rates) != len(steps):
        raise DataError(
            f"{path}: {len(c_rates)} C-rate(s) given for {len(steps)} discharge step(s); "
            "give one per step, in the file's order"
        )
    column = UNITS[unit]
    scale = 1 / cell.area_cm2 / (cell.cam_loading if unit == "mA.h.g-1" else 1.0)
    curves, notes, seen = [], [], set()
    for k, rows in enumerate(steps):
        density = abs(rows["Current [mA]"].mean()) / cell.area_cm2  # mA.cm-2
        if c_rates is None:
            c_rate = float(f"{density / cell.basis.nominal_capacity:.3g}")
        else:
            c_rate = float(c_rates[k])
        if c_rate in seen:
            notes.append(
                f"{path}: discharge step {k + 1} at {c_rate:g}C left out (an earlier step has "
                "that C-rate)"
            )
            continue
        seen.add(c_rate)
        q = step_capacity(rows) * scale
        keep = np.r_[True, np.diff(np.maximum.accumulate(q)) > 0]  # strictly increasing
        curves.append(
            pd.DataFrame(
                {RATE: c_rate, column: q[keep], VOLTAGE: rows["Voltage [V]"].to_numpy()[keep]}
            )
        )
    return pd.concat(curves, ignore_index=True), notes
