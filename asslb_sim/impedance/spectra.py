"""Measured impedance spectra: read, convert to areal units, validate.

A spectrum is a pandas table with "Frequency [Hz]", "Z' [Ohm.cm2]" and "-Z'' [Ohm.cm2]"
(per electrode area; -Z'' positive for a capacitive response), one row per frequency,
highest frequency first.

Sources:

- CSV with the unit of every column in its header: "Frequency [Hz]" (or kHz, MHz),
  "Z' [U]" and either "Z'' [U]" (the imaginary part as measured, negative where
  capacitive) or "-Z'' [U]", where ``U`` is areal (``Ohm.cm2``, ``Ohm.m2``) or absolute
  (``Ohm``, ``kOhm``, ``mOhm``, divided by the electrode area given). Other columns
  are ignored; a table with both Z'' and -Z'', with one quantity twice, with Z' and
  Z'' in different kinds of unit, or absolute without an area is refused with the
  column named.
- BioLogic ``.mpr`` / ``.mpt`` (PEIS, GEIS) through galvani, the optional ``[cycler]``
  extra, read by :func:`asslb_sim.fitting.cycler.biologic_file_records`: ``freq/Hz``,
  ``Re(Z)/Ohm``, ``-Im(Z)/Ohm`` (absolute: the area is required). Rows at zero
  frequency (the other techniques of a linked experiment) are left out; a file with
  several impedance loops needs ``cycle`` to say which.

Validation: every value finite, frequencies and Z' above zero (a passive sample's
real part), no frequency twice, at least :data:`MIN_POINTS` points. -Z'' may be
negative (the leads' inductance at the highest frequencies).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError

FREQUENCY = "Frequency [Hz]"
REAL = "Z' [Ohm.cm2]"
MINUS_IMAG = "-Z'' [Ohm.cm2]"
COLUMNS = (FREQUENCY, REAL, MINUS_IMAG)
# the transmission-line fit has at most 9 free elements and each point gives two
# residuals: 10 points leave at least 11 degrees of freedom
MIN_POINTS = 10
FREQUENCY_UNITS = {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6}
# unit -> (areal?, factor to Ohm.cm2 if areal, else to Ohm)
IMPEDANCE_UNITS = {
    "Ohm.cm2": (True, 1.0),
    "Ohm.m2": (True, 1e4),
    "Ohm": (False, 1.0),
    "kOhm": (False, 1e3),
    "mOhm": (False, 1e-3),
}
_HEADER = re.compile(r"^\s*(?P<name>-?\s*Z''|Z'|Frequency)\s*\[(?P<unit>[^\]]*)\]\s*$")
BIOLOGIC = {"frequency": "freq/Hz", "real": "Re(Z)/Ohm", "minus_imag": "-Im(Z)/Ohm"}
BIOLOGIC_CYCLES = ("cycle number", "z cycle")


class SpectrumError(CellDefinitionError):
    """A spectrum file or table is malformed; the message names the file and column."""


def _check_area(area_cm2, source):
    if area_cm2 is None:
        raise SpectrumError(
            f"{source}: the impedance is absolute (Ohm): give the electrode area "
            "(area_cm2, --area-cm2) to make it areal"
        )
    if not (isinstance(area_cm2, (int, float)) and math.isfinite(area_cm2) and area_cm2 > 0):
        raise SpectrumError(f"area_cm2: {area_cm2!r}; valid range (0, inf) cm2")
    return float(area_cm2)


def _numbers(values, column, source):
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    bad = np.flatnonzero(~np.isfinite(numbers))
    if bad.size:
        row = int(bad[0])
        raise SpectrumError(
            f"{source}: column {column!r}, row {row + 1}: {pd.Series(values).iloc[row]!r} "
            "is not a finite number"
        )
    return numbers


def spectrum(frequency, z_real, minus_z_imag, source="spectrum"):
    """A validated spectrum table from areal arrays.

    Parameters
    ----------
    frequency : array
        [Hz].
    z_real, minus_z_imag : array
        ``Z'`` and ``-Z''`` [Ohm.cm2].
    source : str
        Named in error messages.

    Returns
    -------
    pandas.DataFrame
        "Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]", highest frequency first.

    Raises
    ------
    SpectrumError
        A value not finite, a frequency or Z' not above zero, a frequency twice,
        fewer than :data:`MIN_POINTS` points, or arrays of different lengths.
    """
    data = {}
    for column, values in zip(COLUMNS, (frequency, z_real, minus_z_imag), strict=True):
        data[column] = _numbers(np.ravel(values), column, source)
    lengths = {len(v) for v in data.values()}
    if len(lengths) != 1:
        raise SpectrumError(f"{source}: the columns have different lengths {sorted(lengths)}")
    table = pd.DataFrame(data)
    for column in (FREQUENCY, REAL):
        bad = np.flatnonzero(table[column].to_numpy() <= 0)
        if bad.size:
            raise SpectrumError(
                f"{source}: column {column!r}, row {bad[0] + 1}: {table[column].iloc[bad[0]]!r}; "
                "valid range (0, inf)"
            )
    twice = table[FREQUENCY][table[FREQUENCY].duplicated()]
    if len(twice):
        raise SpectrumError(
            f"{source}: column {FREQUENCY!r}: {twice.iloc[0]!r} Hz appears more than once "
            "(one point per frequency; a file with several sweeps needs one chosen)"
        )
    if len(table) < MIN_POINTS:
        raise SpectrumError(
            f"{source}: {len(table)} points; valid: at least {MIN_POINTS} frequencies"
        )
    return table.sort_values(FREQUENCY, ascending=False, ignore_index=True)


def _classify_header(columns, source):
    """``{"frequency"|"real"|"imag"|"minus_imag": (column, unit)}`` from a CSV header."""
    found = {}
    for column in columns:
        match = _HEADER.match(str(column))
        if match is None:
            continue
        name = re.sub(r"\s", "", match.group("name"))
        unit = match.group("unit").strip()
        kind = {"Frequency": "frequency", "Z'": "real", "Z''": "imag", "-Z''": "minus_imag"}[name]
        valid = FREQUENCY_UNITS if kind == "frequency" else IMPEDANCE_UNITS
        if unit not in valid:
            raise SpectrumError(
                f"{source}: column {column!r}: unit {unit!r} is not known; valid: {list(valid)}"
            )
        if kind in found:
            raise SpectrumError(
                f"{source}: columns {found[kind][0]!r} and {column!r} both give the same "
                "quantity; keep one"
            )
        found[kind] = (column, unit)
    if "imag" in found and "minus_imag" in found:
        raise SpectrumError(
            f"{source}: columns {found['imag'][0]!r} and {found['minus_imag'][0]!r} are "
            "ambiguous (Z'' or -Z''?); keep one"
        )
    for kind, example in (
        ("frequency", "Frequency [Hz]"),
        ("real", "Z' [Ohm.cm2]"),
    ):
        if kind not in found:
            raise SpectrumError(
                f"{source}: no column {example!r} (units in the header); found {list(columns)}"
            )
    if "imag" not in found and "minus_imag" not in found:
        raise SpectrumError(
            f"{source}: no column \"-Z'' [Ohm.cm2]\" or \"Z'' [Ohm.cm2]\" (units in the "
            f"header); found {list(columns)}"
        )
    return found


def is_spectrum_header(columns):
    """Whether a CSV header (its column names) is a spectrum's: it names a frequency
    column with a unit ("Frequency [Hz]", "[kHz]", "[MHz]")."""
    for column in columns:
        match = _HEADER.match(str(column))
        if match is not None and match.group("name") == "Frequency":
            return True
    return False


def read_csv_spectrum(path, area_cm2=None):
    """A spectrum from a CSV file with units in its header (see the module docstring).

    Parameters
    ----------
    path : str or Path
    area_cm2 : float, optional
        The electrode area [cm2], required when the impedance is absolute (Ohm).
    """
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise SpectrumError(f"{source}: file does not exist")
    try:
        table = pd.read_csv(path, comment="#", dtype=str, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        text = " ".join(str(exc).split())[:200]
        raise SpectrumError(f"{source}: not a CSV table: {text}") from None
    found = _classify_header(table.columns, source)
    imag_kind = "imag" if "imag" in found else "minus_imag"
    real_column, real_unit = found["real"]
    imag_column, imag_unit = found[imag_kind]
    areal = IMPEDANCE_UNITS[real_unit][0]
    if IMPEDANCE_UNITS[imag_unit][0] != areal:
        raise SpectrumError(
            f"{source}: columns {real_column!r} and {imag_column!r} mix absolute and areal "
            "units; give both in Ohm or both in Ohm.cm2"
        )
    scale = IMPEDANCE_UNITS[real_unit][1], IMPEDANCE_UNITS[imag_unit][1]
    if not areal:
        area = _check_area(area_cm2, source)
        scale = (scale[0] * area, scale[1] * area)  # Ohm -> Ohm.cm2: times the area
    frequency_column, frequency_unit = found["frequency"]
    frequency = _numbers(table[frequency_column], frequency_column, source)
    z_real = _numbers(table[real_column], real_column, source) * scale[0]
    z_imag = _numbers(table[imag_column], imag_column, source) * scale[1]
    return spectrum(
        frequency * FREQUENCY_UNITS[frequency_unit],
        z_real,
        -z_imag if imag_kind == "imag" else z_imag,
        source,
    )


def read_biologic_spectrum(path, area_cm2=None, cycle=None):
    """A spectrum from a BioLogic ``.mpr``/``.mpt`` impedance file (galvani needed).

    Parameters
    ----------
    path : str or Path
    area_cm2 : float
        The electrode area [cm2] (BioLogic's impedance is in Ohm).
    cycle : int, optional
        Which impedance loop of a file with several (its "cycle number" or "z cycle").
    """
    from ..fitting.cycler import biologic_file_records

    source = str(path)
    records = biologic_file_records(path)
    names = list(records.dtype.names or ())
    for key in ("frequency", "real", "minus_imag"):
        if BIOLOGIC[key] not in names:
            raise SpectrumError(
                f"{source}: no {BIOLOGIC[key]!r} column: not an impedance file; found {names}"
            )
    area = _check_area(area_cm2, source)
    frequency = np.asarray(records[BIOLOGIC["frequency"]], dtype=float)
    keep = frequency != 0  # the rows of the other techniques of a linked experiment
    loops = next((n for n in BIOLOGIC_CYCLES if n in names), None)
    if loops is not None:
        numbers = np.asarray(records[loops])[keep]
        distinct = sorted({int(n) for n in numbers})
        if cycle is None and len(distinct) > 1:
            raise SpectrumError(
                f"{source}: column {loops!r} holds {len(distinct)} impedance loops "
                f"{distinct}; choose one (cycle, --cycle)"
            )
        if cycle is not None:
            if cycle not in distinct:
                raise SpectrumError(f"cycle: {cycle!r} is not in {source}; valid: {distinct}")
            keep &= np.asarray(records[loops]) == cycle
    elif cycle is not None:
        raise SpectrumError(f"cycle: {cycle!r}, but {source} has one impedance loop only")
    return spectrum(
        frequency[keep],
        np.asarray(records[BIOLOGIC["real"]], dtype=float)[keep] * area,
        np.asarray(records[BIOLOGIC["minus_imag"]], dtype=float)[keep] * area,
        source,
    )


def read_spectrum(path, area_cm2=None, cycle=None):
    """A spectrum from a file: ``.mpr``/``.mpt`` through galvani, anything else as CSV.

    Returns
    -------
    pandas.DataFrame
        "Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]", highest frequency first.
    """
    if Path(path).suffix.lower() in (".mpr", ".mpt"):
        return read_biologic_spectrum(path, area_cm2=area_cm2, cycle=cycle)
    if cycle is not None:
        raise SpectrumError(f"cycle: {cycle!r} applies to BioLogic files only, not {path}")
    return read_csv_spectrum(path, area_cm2=area_cm2)


def complex_impedance(table):
    """``(frequency [Hz], Z = Z' + j Z'' [Ohm.cm2])`` arrays of a spectrum table."""
    frequency = table[FREQUENCY].to_numpy(dtype=float)
    z = table[REAL].to_numpy(dtype=float) - 1j * table[MINUS_IMAG].to_numpy(dtype=float)
    return frequency, z
