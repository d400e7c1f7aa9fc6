"""Published discharge data: voltage curves and rate tables, validated on load.

Curves are voltage vs capacity at one C-rate each, either one file per C-rate
or one long table with a "C-rate" column. The capacity unit is read from the
header: "Specific capacity [mA.h.g-1]" (per gram of CAM) or "Discharge capacity
[mA.h.cm-2]". A WebPlotDigitizer export (two columns, no header) is accepted
with the unit and the C-rate given as options. Rate tables give one capacity per
C-rate (or per current density): a capacity column and "C-rate" or "Current
density [mA.cm-2]", and no voltage.

What a file is follows from its columns (a "Voltage [V]" or "Voltage vs Li [V]"
column makes it a curve), or from the ``kind`` option, never from a guess: a rate table lists
every C-rate once, so a curve that lost its voltage column is refused rather
than read as a table. Two curves at one C-rate and a C-rate listed twice in the
rate tables are errors.

Voltages are on the cell's own scale (against its counter electrode: In/InLi for
an In/InLi half cell) unless stated otherwise: a "Voltage vs Li [V]" column, or
the ``voltage_vs`` option (``"Li"`` or ``"In/InLi"``) for "Voltage [V]" columns.
The fit compares such data with the model's "Voltage vs Li [V]"; a scale that is
neither Li nor the cell's counter electrode is refused before any solve.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError

CAPACITY_COLUMNS = {
    "Specific capacity [mA.h.g-1]": "specific",
    "Discharge capacity [mA.h.cm-2]": "areal",
    # rate tables only: capacity relative to the lowest C-rate of the table, as
    # papers report utilisation or retention against a slow reference rate
    "Capacity retention [%]": "relative",
}
RETENTION = "Capacity retention [%]"
UNITS = {"mA.h.g-1": "Specific capacity [mA.h.g-1]", "mA.h.cm-2": "Discharge capacity [mA.h.cm-2]"}
VOLTAGE = "Voltage [V]"
VOLTAGE_VS_LI = "Voltage vs Li [V]"
# the scales a curve file may state its voltages on
VOLTAGE_REFERENCES = ("Li", "In/InLi")
RATE = "C-rate"
CURRENT = "Current density [mA.cm-2]"
# voltages of Li-metal cells with layered-oxide cathodes (vs Li) lie well inside this
VOLTAGE_RANGE = (0.0, 6.0)


class DataError(CellDefinitionError):
    """A data file is malformed; the message names the file, the column and the row."""


@dataclass(frozen=True)
class Dataset:
    """Validated data.

    Attributes
    ----------
    curves : pandas.DataFrame
        Columns "C-rate", "Voltage [V]" and the capacity column; one curve per C-rate.
    rates : pandas.DataFrame
        Columns "C-rate" and/or "Current density [mA.cm-2]" and the capacity column.
    capacity : str
        The capacity column (its unit) of the curves.
    sources : list of str
        The files read.
    rate_capacity : str
        The capacity column of the rate tables (may differ from the curves', e.g.
        "Capacity retention [%]").
    voltage_vs : str
        What the curves' voltages are against: ``"Li"``, ``"In/InLi"``, or ``""``
        for the cell's own scale (its counter electrode).
    spectra : pandas.DataFrame
        Impedance spectra: "State of charge", "Frequency [Hz]", "Z' [Ohm.cm2]" and
        "-Z'' [Ohm.cm2]"; one spectrum per state of charge (empty: none).
    """

    curves: pd.DataFrame
    rates: pd.DataFrame
    capacity: str
    sources: list
    rate_capacity: str = ""
    voltage_vs: str = ""
    spectra: pd.DataFrame = None

    def __post_init__(self):
        if not self.rate_capacity:
            object.__setattr__(self, "rate_capacity", self.capacity)
        if self.spectra is None:
            object.__setattr__(self, "spectra", pd.DataFrame())

    @property
    def states_of_charge(self):
        """States of charge of the spectra, in their order."""
        return list(dict.fromkeys(self.spectra[SOC])) if not self.spectra.empty else []

    @property
    def c_rates(self):
        """C-rates of the curves, sorted."""
        return sorted(self.curves[RATE].unique()) if not self.curves.empty else []


def _read(path):
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file does not exist")
    try:
        text = path.read_text()
    except UnicodeDecodeError:
        raise DataError(f"{path}: not a text (CSV) file") from None
    if "\x00" in text:
        raise DataError(f"{path}: not a text (CSV) file")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise DataError(f"{path}: the file has no data")
    first = [c.strip() for c in lines[0].split(",")]
    has_header = not all(_is_number(c) for c in first)
    try:
        frame = pd.read_csv(io.StringIO("\n".join(lines)), header=0 if has_header else None)
    except (pd.errors.ParserError, ValueError) as exc:
        text = " ".join(str(exc).split())
        raise DataError(f"{path}: not a readable CSV table: {text}") from None
    if frame.empty:
        raise DataError(f"{path}: the file has a header but no data rows")
    return frame, has_header


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def _numeric(frame, column, path):
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna() & frame[column].notna()
    if bad.any() or values.isna().any():
        row = int(np.argmax(values.isna().to_numpy()))
        raise DataError(
            f"{path}: column {column!r} row {row + 1}: {frame[column].iloc[row]!r} is not a number"
        )
    return values.astype(float)


def _capacity_column(frame, path):
    """The one capacity column of a table, named in its header."""
    known = {*CAPACITY_COLUMNS, VOLTAGE, VOLTAGE_VS_LI, RATE, CURRENT}
    unknown = [c for c in frame.columns if c not in known]
    found = [c for c in frame.columns if c in CAPACITY_COLUMNS]
    if unknown and found:
        raise DataError(
            f"{path}: unknown column(s) {unknown}; valid: {sorted(known)} "
            f"(missing columns? a curve needs {VOLTAGE!r})"
        )
    if not found:
        unknown = [c for c in frame.columns if "capacity" in c.lower()]
        hint = f"; found {unknown}" if unknown else ""
        raise DataError(
            f"{path}: no capacity column; valid headers: {sorted(CAPACITY_COLUMNS)}{hint}"
        )
    if len(found) > 1:
        raise DataError(f"{path}: give one capacity column, not {found}")
    return found[0]


def _curve_table(frame, column, q, path, c_rate):
    """A table of voltage curves: validated voltages, C-rates and increasing capacities."""
    if column == RETENTION:
        raise DataError(
            f"{path}: {RETENTION!r} is for rate tables; give curves in mA.h.g-1 or mA.h.cm-2"
        )
    v = _numeric(frame, VOLTAGE, path)
    lo, hi = VOLTAGE_RANGE
    bad = (v <= lo) | (v > hi)
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise DataError(
            f"{path}: column {VOLTAGE!r} row {row + 1}: {v.iloc[row]} V is "
            f"out of range; valid range ({lo:g}, {hi:g}] V"
        )
    if RATE in frame.columns:
        rate = _numeric(frame, RATE, path)
    elif c_rate is not None:
        rate = pd.Series(float(c_rate), index=frame.index)
    else:
        raise DataError(f"{path}: no {RATE!r} column; add one or give the C-rate")
    if (rate <= 0).any():
        raise DataError(f"{path}: C-rates must be above 0")
    table = pd.DataFrame({RATE: rate, column: q, VOLTAGE: v})
    for c, curve in table.groupby(RATE):
        dq = np.diff(curve[column].to_numpy())
        if (dq <= 0).any():
            row = int(curve.index[np.argmax(dq <= 0) + 1])
            raise DataError(
                f"{path}: the {c:g}C curve's capacity is not increasing at "
                f"row {row + 1}; digitised curves must be sorted by capacity "
                "without repeats"
            )
        if len(curve) < 3:
            raise DataError(
                f"{path}: the {c:g}C curve has {len(curve)} points; at least 3 are needed"
            )
    return table


def _rate_table(frame, column, q, path):
    """A rate table: one capacity per C-rate or current density."""
    keys = [k for k in (RATE, CURRENT) if k in frame.columns]
    if not keys:
        raise DataError(
            f"{path}: missing columns: a curve needs {VOLTAGE!r}; a rate "
            f"table needs {RATE!r} or {CURRENT!r}"
        )
    table = pd.DataFrame({k: _numeric(frame, k, path) for k in keys})
    if (table <= 0).any().any():
        raise DataError(f"{path}: C-rates and current densities must be above 0")
    table[column] = q
    if column == RETENTION and RATE not in table.columns:
        raise DataError(f"{path}: a {RETENTION!r} table needs a {RATE!r} column")
    return table


KINDS = ("curves", "rates", "spectra")
SOC = "State of charge"


def _check_no_repeats(curves, rates, path):
    """Refuse a curve at a C-rate that an earlier file already gave, and a C-rate or
    current density listed twice in the rate tables."""
    if curves:
        seen = set().union(*(set(t[RATE]) for t in curves[:-1]))
        again = sorted(seen & set(curves[-1][RATE]))
        if again:
            raise DataError(
                f"{path}: a curve at {again[0]:g}C is already given by an earlier file; "
                "give each C-rate's curve once (two files at one C-rate would be read as one "
                "looped curve)"
            )
    if rates:
        table = pd.concat(rates, ignore_index=True)
        for key in (RATE, CURRENT):
            if key in table.columns:
                values = table[key].dropna()
                repeated = values[values.duplicated()]
                if not repeated.empty:
                    raise DataError(
                        f"{path}: {key!r} = {repeated.iloc[0]:g} is listed twice in the rate "
                        f"tables; a rate table gives one capacity per {key!r} (a discharge "
                        f"curve needs a {VOLTAGE!r} column)"
                    )


def _voltage_scale(frame, path, voltage_vs):
    """The scale of a curve file's voltages (``""``: the cell's own) and the file with
    its voltage column named "Voltage [V]"."""
    if VOLTAGE in frame.columns and VOLTAGE_VS_LI in frame.columns:
        raise DataError(
            f"{path}: give one voltage column, {VOLTAGE!r} or {VOLTAGE_VS_LI!r}, not both"
        )
    if VOLTAGE_VS_LI not in frame.columns:
        return voltage_vs or "", frame
    if voltage_vs not in (None, "Li"):
        raise DataError(
            f"{path}: a {VOLTAGE_VS_LI!r} column with voltage_vs = {voltage_vs!r}; the "
            f"column states its scale (Li): drop the option, or name the column {VOLTAGE!r}"
        )
    return "Li", frame.rename(columns={VOLTAGE_VS_LI: VOLTAGE})


def _is_spectrum(path, kind):
    """Whether the file ``path`` is an impedance spectrum: stated by ``kind``, or a CSV
    file whose header names a frequency column."""
    from ..impedance.spectra import is_spectrum_header

    if kind == "spectra":
        return True
    if kind is not None or Path(path).suffix.lower() != ".csv":
        return False
    frame, has_header = _read(path)
    return has_header and is_spectrum_header([str(c).strip() for c in frame.columns])


def _spectra(paths, soc, area_cm2):
    """The spectra of ``paths`` at the states of charge ``soc`` (one, or one per file),
    as one table."""
    from ..impedance.spectra import read_spectrum

    if soc is None:
        raise DataError(
            f"{paths[0]}: an impedance spectrum needs the state of charge it was measured "
            "at: soc (--soc), one value or one per spectrum file, each in (0, 1]"
        )
    socs = [soc] * len(paths) if isinstance(soc, (int, float)) else list(soc)
    if len(socs) != len(paths):
        raise DataError(
            f"soc: {len(socs)} values for {len(paths)} spectrum files; give one, or one per file"
        )
    tables = []
    for path, s in zip(paths, socs, strict=True):
        if isinstance(s, bool) or not (isinstance(s, (int, float)) and 0 < s <= 1):
            raise DataError(f"soc: {s!r} is out of range; valid range (0, 1]")
        table = read_spectrum(path, area_cm2=area_cm2)
        table.insert(0, SOC, float(s))
        tables.append(table)
    if len(set(map(float, socs))) != len(socs):
        raise DataError(f"soc: two spectra at one state of charge ({socs}); one per state")
    return pd.concat(tables, ignore_index=True)


def load(paths, unit=None, c_rate=None, kind=None, voltage_vs=None, soc=None, area_cm2=None):
    """Load and validate curve files and rate tables.

    Parameters
    ----------
    paths : str, Path or list of them
        CSV files.
    unit : str, optional
        ``"mA.h.g-1"`` or ``"mA.h.cm-2"``: the capacity unit of headerless
        (WebPlotDigitizer) files.
    c_rate : float, optional
        The C-rate of headerless files, or of curve files without a "C-rate" column.
    kind : {"curves", "rates"}, optional
        What every file is. ``"curves"``: each needs a "Voltage [V]" column;
        ``"rates"``: none may have one. Default: a file with a "Voltage [V]" column
        is a curve, one without it a rate table (which lists each C-rate once).
    voltage_vs : {"Li", "In/InLi"}, optional
        What the "Voltage [V]" columns are against (default: the cell's own scale, its
        counter electrode). A "Voltage vs Li [V]" column is against Li whatever this says
        (and may not be combined with ``"In/InLi"``).
    soc : float or list of float, optional
        The state of charge (0-1] each impedance spectrum was measured at: one for all,
        or one per spectrum file in order. A file is a spectrum by its header (a
        "Frequency [Hz]" column, units in every header: see
        :mod:`asslb_sim.impedance.spectra`) or by ``kind = "spectra"`` (BioLogic
        impedance files).
    area_cm2 : float, optional
        The electrode area of spectra given in Ohm (not Ohm.cm2).

    Returns
    -------
    Dataset
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if unit is not None and unit not in UNITS:
        raise DataError(f"unit: {unit!r} is not known; valid: {sorted(UNITS)}")
    if kind is not None and kind not in KINDS:
        raise DataError(f"kind: {kind!r} is not known; valid: {list(KINDS)}")
    if voltage_vs is not None and voltage_vs not in VOLTAGE_REFERENCES:
        raise DataError(
            f"voltage_vs: {voltage_vs!r} is not known; valid: {list(VOLTAGE_REFERENCES)}"
        )
    if c_rate is not None and not (
        isinstance(c_rate, (int, float)) and np.isfinite(c_rate) and 0 < c_rate <= 100
    ):
        raise DataError(f"c_rate: {c_rate!r} is out of range; valid range (0, 100]")
    if not paths:
        raise DataError("data: give at least one data file")
    spectrum_paths = [p for p in paths if _is_spectrum(p, kind)]
    spectra = _spectra(spectrum_paths, soc, area_cm2) if spectrum_paths else pd.DataFrame()
    if soc is not None and not spectrum_paths:
        raise DataError("soc: no impedance spectrum among the data files (soc is for spectra)")
    curves, rates, capacity, rate_capacity, scale = [], [], None, None, None
    for path in paths:
        if path in spectrum_paths:
            continue
        frame, has_header = _read(path)
        if not has_header:
            if frame.shape[1] != 2:
                raise DataError(
                    f"{path}: a headerless (WebPlotDigitizer) file must have 2 "
                    f"columns, capacity and voltage; found {frame.shape[1]}"
                )
            if unit is None or c_rate is None:
                raise DataError(
                    f"{path}: a headerless (WebPlotDigitizer) file needs the "
                    "capacity unit and the C-rate given as options"
                )
            frame.columns = [UNITS[unit], VOLTAGE]
        frame.columns = [str(c).strip() for c in frame.columns]
        column = _capacity_column(frame, path)
        is_curve = VOLTAGE in frame.columns or VOLTAGE_VS_LI in frame.columns
        if is_curve:
            stated, frame = _voltage_scale(frame, path, voltage_vs)
            if scale is not None and stated != scale:
                raise DataError(
                    f"{path}: voltages vs {stated or 'the cell'} but earlier curves are vs "
                    f"{scale or 'the cell'}; give every curve on one scale"
                )
            scale = stated
        if kind == "curves" and not is_curve:
            raise DataError(
                f"{path}: no {VOLTAGE!r} column; a curve file needs one (columns found: "
                f"{list(frame.columns)})"
            )
        if kind == "rates" and is_curve:
            raise DataError(
                f"{path}: a {VOLTAGE!r} column in a rate table; a rate table gives one "
                f"capacity per {RATE!r} or {CURRENT!r}, no voltage"
            )
        earlier = capacity if is_curve else rate_capacity
        if earlier is not None and column != earlier:
            kind = "curves" if is_curve else "rate tables"
            raise DataError(
                f"{path}: capacity in {column!r} but earlier {kind} use "
                f"{earlier!r}; use one unit for all {kind}"
            )
        q = _numeric(frame, column, path)
        if (q < 0).any():
            raise DataError(f"{path}: column {column!r} has negative capacities")
        if is_curve:
            capacity = column
            curves.append(_curve_table(frame, column, q, path, c_rate))
        else:
            rate_capacity = column
            rates.append(_rate_table(frame, column, q, path))
        _check_no_repeats(curves, rates, path)
    return Dataset(
        curves=pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(),
        rates=pd.concat(rates, ignore_index=True) if rates else pd.DataFrame(),
        capacity=capacity or rate_capacity,
        sources=[str(p) for p in paths],
        rate_capacity=rate_capacity or capacity,
        voltage_vs=scale or "",
        spectra=spectra,
    )
