"""Outputs of a conductivity extraction: the Nyquist plot (drawn by
:func:`asslb_sim.plotting.plot_nyquist`), the tables, and the rows of a
conductivity table that ``asslb-sim fit-conductivity`` reads.

The conductivity table (:func:`append_conductivity_table`) has exactly the columns
:func:`asslb_sim.fitting.conductivity.read_conductivity_table` reads:
``cam_volume_fraction``, ``sigma_mS_cm`` and, when given, ``void_volume_fraction``
and ``carbon_volume_fraction``; each row is preceded by a ``#`` comment (that reader
skips comments) naming the spectrum, the configuration and the 95 % interval. Only
determined conductivities are written.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError
from .extraction import ELECTRONIC, IONIC
from .spectra import FREQUENCY, MINUS_IMAG, REAL, complex_impedance

# what each configuration measures: the rail contacted at both faces
MEASURED_PHASE = {"electron-blocking": IONIC, "ion-blocking": ELECTRONIC}


def plot_extraction(result, table, path=None, ax=None, title=None):
    """Nyquist plot of a spectrum and its transmission-line fit
    (:func:`asslb_sim.plotting.plot_nyquist`): every point, those outside the fitted
    range open, the fit as a line over the fitted range, the conductivities with their
    95 % intervals above the legend.

    Parameters
    ----------
    result : ExtractionResult
    table : pandas.DataFrame
        The whole spectrum.
    path : str or Path, optional
        Save the figure there (PNG) when given.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.
    title : str, optional
        Title of the plot.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..plotting import plot_nyquist

    frequency, z = complex_impedance(table)
    fitted_f = result.residuals[FREQUENCY].to_numpy()
    fitted = np.isin(frequency, fitted_f)
    spectra = {"measured (fitted)": _nyquist_table(z[fitted])}
    if not np.all(fitted):
        spectra["measured (not fitted)"] = _nyquist_table(z[~fitted])
    fine = np.logspace(np.log10(fitted_f.min()), np.log10(fitted_f.max()), 400)
    fits = {result.options.configuration: _nyquist_table(result.impedance(fine))}
    lines = []
    for phase, symbol in ((IONIC, "sigma_ion"), (ELECTRONIC, "sigma_el")):
        value, low, high, determined = result.conductivity(phase)
        text = f"{symbol} = {10 * value:.3g} mS/cm"
        lines.append(text + (f" [{10 * low:.4g}, {10 * high:.4g}]" if determined else " (n.d.)"))
    return plot_nyquist(
        spectra,
        path,
        ax=ax,
        title=title,
        fits=fits,
        points=True,
        hollow=("measured (not fitted)",),
        decades=False,
        legend_title="\n".join(lines),
    )


def _nyquist_table(z):
    """The two columns of a Nyquist plot of the impedances ``z`` [Ohm.cm2]."""
    return pd.DataFrame({REAL: z.real, MINUS_IMAG: -z.imag})


def summary_row(result, source, cam_fraction=None, area_cm2=None):
    """One row of ``eis-conductivity.csv``: the spectrum, the geometry, both
    conductivities with their intervals and flags, every fitted element."""
    row = {
        "Spectrum": str(source),
        "Configuration": result.options.configuration,
        "Thickness [um]": result.thickness_um,
        "Area [cm2]": np.nan if area_cm2 is None else area_cm2,
        "CAM volume fraction": np.nan if cam_fraction is None else cam_fraction,
    }
    names = {IONIC: "Effective ionic conductivity", ELECTRONIC: "Effective electronic conductivity"}
    for _, sigma in result.conductivities.iterrows():
        name = names[sigma["Phase"]]
        for unit in ("S.m-1", "mS.cm-1"):
            row[f"{name} [{unit}]"] = sigma[f"Effective conductivity [{unit}]"]
            row[f"{name} 95% CI low [{unit}]"] = sigma[f"95% CI low [{unit}]"]
            row[f"{name} 95% CI high [{unit}]"] = sigma[f"95% CI high [{unit}]"]
        row[f"{name} determined"] = bool(sigma["Determined"])
        row[f"{name} note"] = sigma["Note"]
    for _, element in result.elements.iterrows():
        row[element["Element"]] = element["Fitted"]
    row["RMS relative residual"] = result.rms_relative_residual
    row["Weighting"] = result.options.weighting
    return row


def fit_table(result):
    """The fitted spectrum: data, fit and the relative residual at each frequency."""
    return result.residuals.copy()


def conductivity_columns(void=False, carbon=False):
    """The columns of a conductivity table as :mod:`asslb_sim.fitting.conductivity` reads
    them."""
    columns = ["cam_volume_fraction", "sigma_mS_cm"]
    if void:
        columns.append("void_volume_fraction")
    if carbon:
        columns.append("carbon_volume_fraction")
    return columns


def _header(path):
    """The column names of an existing table (its first line that is not a comment)."""
    with open(path, newline="") as handle:
        for line in handle:
            if line.strip() and not line.lstrip().startswith("#"):
                return next(csv.reader([line]))
    return None


def check_conductivity_table(path, columns):
    """The header of the table at ``path`` (``None`` when it is missing or empty),
    checked to be ``columns``.

    Raises
    ------
    CellDefinitionError
        If ``path`` is a folder, is not text, or its header has other columns.
    """
    path = Path(path)
    if path.is_dir():
        raise CellDefinitionError(f"--table: {str(path)!r} is a folder; valid: a CSV file")
    if not path.is_file():
        return None
    try:
        existing = _header(path)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise CellDefinitionError(f"--table: {path} is not a CSV table ({exc})") from None
    if existing is not None and [c.strip() for c in existing] != columns:
        raise CellDefinitionError(
            f"--table: {path} has the columns {existing}; these rows have {columns} "
            "(give the same void and carbon fractions, or a new table)"
        )
    return existing


def append_conductivity_table(path, rows):
    """Append measured conductivities to a table ``fit-conductivity`` reads.

    Parameters
    ----------
    path : str or Path
        Created with its header when missing or empty; else its header must have the
        same columns.
    rows : list of dict
        Each with ``cam_volume_fraction``, ``sigma_mS_cm``, optionally
        ``void_volume_fraction`` and ``carbon_volume_fraction`` (all rows the same
        keys), and ``comment`` (written on a ``#`` line before the row).

    Returns
    -------
    Path
    """
    path = Path(path)
    if not rows:
        return path
    columns = [c for c in conductivity_columns(True, True) if c in rows[0]]
    existing = check_conductivity_table(path, columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if existing is None:
        writer.writerow(columns)
    for row in rows:
        comment = " ".join(str(row.get("comment", "")).split())
        if comment:
            buffer.write(f"# {comment}\n")
        writer.writerow([f"{row[c]:.6g}" for c in columns])
    text = buffer.getvalue()
    if path.is_file() and path.stat().st_size:
        with open(path, "rb") as handle:
            handle.seek(-1, 2)
            if handle.read(1) != b"\n":
                text = "\n" + text
    with open(path, "a", newline="") as handle:
        handle.write(text)
    return path


def conductivity_row(result, source, phase, cam_fraction, void=None, carbon=None):
    """The conductivity-table row of one extraction (``None`` when ``phase`` is not
    determined by the spectrum)."""
    value, low, high, determined = result.conductivity(phase)
    if not determined:
        return None
    row = {"cam_volume_fraction": float(cam_fraction), "sigma_mS_cm": 10 * value}
    if void is not None:
        row["void_volume_fraction"] = float(void)
    if carbon is not None:
        row["carbon_volume_fraction"] = float(carbon)
    row["comment"] = (
        f"{phase} sigma_eff from {Path(str(source)).name} "
        f"({result.options.configuration} transmission-line fit, "
        f"95 % CI {10 * low:.4g}-{10 * high:.4g} mS/cm, L = {result.thickness_um:g} um)"
    )
    return row


def write_extraction(out, results, tables, sources, cam_fractions=None, areas=None):
    """Write ``eis-conductivity.csv``, ``eis-elements.csv`` and, per spectrum,
    ``<stem>-fit.csv`` and ``<stem>-nyquist.png`` into ``out``.

    Returns
    -------
    list of Path
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    n = len(results)
    cam_fractions = cam_fractions or [None] * n
    areas = areas or [None] * n
    stems = _stems(sources)
    summary = pd.DataFrame(
        [
            summary_row(r, s, c, a)
            for r, s, c, a in zip(results, sources, cam_fractions, areas, strict=True)
        ]
    )
    elements = pd.concat(
        [r.elements.assign(Spectrum=str(s)) for r, s in zip(results, sources, strict=True)],
        ignore_index=True,
    )
    paths = [out / "eis-conductivity.csv", out / "eis-elements.csv"]
    summary.to_csv(paths[0], index=False)
    elements[["Spectrum", *[c for c in elements.columns if c != "Spectrum"]]].to_csv(
        paths[1], index=False
    )
    for result, table, source, stem in zip(results, tables, sources, stems, strict=True):
        fit_path, plot_path = out / f"{stem}-fit.csv", out / f"{stem}-nyquist.png"
        fit_table(result).to_csv(fit_path, index=False)
        plot_extraction(result, table, plot_path, title=str(source))
        paths += [fit_path, plot_path]
    return paths


def _stems(sources):
    """File stems of the spectra, made unique (a, a-2, ...) where two share a name."""
    stems, seen = [], {}
    for source in sources:
        stem = Path(str(source)).stem or "spectrum"
        seen[stem] = seen.get(stem, 0) + 1
        stems.append(stem if seen[stem] == 1 else f"{stem}-{seen[stem]}")
    return stems
