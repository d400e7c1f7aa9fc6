"""Plots of simulation results (matplotlib's object API: no global state, no screen)."""

from __future__ import annotations

import textwrap

# the DOE cell targets quoted by the review, drawn on energy plots
TARGETS = {"specific energy [W.h.kg-1]": 350.0, "energy density [W.h.L-1]": 750.0}


# the capacity axes of discharge plots: option -> (column of the curves, axis label)
CAPACITY_AXES = {
    "specific": ("Specific capacity [mA.h.g-1]", "Specific capacity [mA.h.g-1 CAM]"),
    "areal": ("Discharge capacity [mA.h.cm-2]", "Areal capacity [mA.h.cm-2]"),
}


def capacity_axis(capacity):
    """The (column, axis label) of the capacity axis ``capacity`` ("specific" or
    "areal"); a clear error otherwise."""
    if capacity not in CAPACITY_AXES:
        from .errors import CellDefinitionError

        raise CellDefinitionError(
            f"capacity axis: {capacity!r} is not known; valid: {sorted(CAPACITY_AXES)}"
        )
    return CAPACITY_AXES[capacity]


def plot_discharge_curves(result, path=None, ax=None, capacity="specific"):
    """Voltage vs capacity, one line per C-rate.

    Parameters
    ----------
    result : RateCapabilityResult
        From :func:`asslb_sim.rate_capability`.
    path : str or Path, optional
        Save the figure there (PNG) when given.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.
    capacity : {"specific", "areal"}
        The capacity axis: per gram of CAM [mA.h.g-1] or per electrode area
        [mA.h.cm-2].

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib import colormaps

    column, label = capacity_axis(capacity)
    fig, ax = _new_axes(ax)
    cmap = colormaps["viridis"]
    rates = list(result.summary["C-rate"])
    for k, c in enumerate(rates):
        curve = result.curves[result.curves["C-rate"] == c]
        if curve.empty:
            continue
        ax.plot(
            curve[column],
            curve["Voltage [V]"],
            color=cmap(k / max(len(rates) - 1, 1)),
            label=f"{c:g}C",
        )
    ax.set_xlabel(label)
    ax.set_ylabel(f"Voltage vs {result.voltage_reference} [V]")
    name = title_text(result.cell_name, 50)
    ax.set_title(f"{name}: 1C = {result.basis.nominal_capacity:.2f} mA.h.cm-2", fontsize=10)
    ax.grid(alpha=0.3)
    if ax.get_lines():
        ax.legend(title="C-rate", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no discharge curve", ha="center", transform=ax.transAxes)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def title_text(text, width):
    """``text`` shortened to ``width`` characters at a word boundary (never mid-word)."""
    return textwrap.shorten(str(text), width, placeholder=" ...")


def _new_axes(ax, size=(6.4, 4.4)):
    from matplotlib.figure import Figure

    if ax is not None:
        return ax.figure, ax
    fig = Figure(figsize=size, layout="constrained")
    return fig, fig.subplots()


def plot_ragone(tables, path=None, ax=None, level=None):
    """Ragone plot: specific power vs specific energy over C-rates, one line per cell.

    Parameters
    ----------
    tables : dict
        Label -> energy table from :func:`asslb_sim.energy.energy_table`.
    path : str or Path, optional
        Save the figure there (PNG).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes.
    level : str, optional
        "CAM", "Cathode composite", "Stack" or "Cell"; default: each table's
        own "Energy level".
    """
    fig, ax = _new_axes(ax)
    for label, table in tables.items():
        lvl = level or table["Energy level"].iloc[0].capitalize()
        ax.plot(
            table[f"{lvl} specific energy [W.h.kg-1]"],
            table[f"{lvl} specific power [W.kg-1]"],
            "o-",
            label=f"{label} ({lvl.lower()})",
        )
        for _, row in table.iterrows():
            ax.annotate(
                f"{row['C-rate']:g}C",
                (row[f"{lvl} specific energy [W.h.kg-1]"], row[f"{lvl} specific power [W.kg-1]"]),
                fontsize=7,
                textcoords="offset points",
                xytext=(3, 3),
            )
    ax.set_yscale("log")
    ax.set_xlabel("Specific energy [W.h.kg-1]")
    ax.set_ylabel("Specific power [W.kg-1]")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def plot_energy_vs_rate(tables, level="Stack", path=None, axes=None, targets=True):
    """Specific energy and energy density against C-rate, one line per cell.

    Parameters
    ----------
    tables : dict
        Label -> energy table from :func:`asslb_sim.energy.energy_table`.
    level : str
        "Cathode composite", "Stack" or "Cell" (levels with a volume; the tables
        of packaged cells have "Cell").
    path : str or Path, optional
        Save the figure there (PNG).
    axes : pair of matplotlib.axes.Axes, optional
        Draw into these (specific energy, energy density) instead of a new figure.
    targets : bool
        Draw the DOE targets (350 Wh/kg, 750 Wh/L) as dashed lines.

    Returns
    -------
    matplotlib.figure.Figure
        The figure of ``axes`` (a SubFigure if they are drawn in one).
    """
    from matplotlib.figure import Figure

    for label, table in tables.items():
        missing = [c for c in (f"{level} {q}" for q in TARGETS) if c not in table]
        if missing:
            raise ValueError(
                f"plot_energy_vs_rate: the table {label!r} has no {missing}; valid levels "
                "with a volume: 'Cathode composite', 'Stack', 'Cell' (packaged cells)"
            )
    if axes is None:
        fig = Figure(figsize=(10, 4), layout="constrained")
        axes = fig.subplots(1, 2)
    fig = axes[0].figure
    for ax, quantity in zip(axes, TARGETS, strict=True):
        column = f"{level} {quantity}"
        for label, table in tables.items():
            ax.plot(table["C-rate"], table[column], "o-", label=label)
        if targets:
            value = TARGETS[quantity]
            ax.axhline(
                value, color="k", ls="--", lw=1, label=f"DOE {value:g} {quantity.split()[-1][1:-1]}"
            )
        ax.set_xscale("log")
        ax.set_xlabel("C-rate")
        ax.set_ylabel(column)
        ax.grid(alpha=0.3)
    axes[1].legend(fontsize=7)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def _plot_fit_rates(result, ax):
    """Data and model capacities of a fit's rate table against C-rate (or current)."""
    rates = result.rates
    model = next(c for c in rates.columns if c.startswith("Model "))
    data = model[len("Model ") :]
    data = next(c for c in rates.columns if c.lower() == data.lower())
    x = "C-rate" if "C-rate" in rates and rates["C-rate"].notna().all() else None
    x = x or "Current density [mA.cm-2]"
    table = rates.sort_values(x)
    ax.plot(table[x], table[data], "o", color="k", label="data")
    ax.plot(table[x], table[model], "s--", color="tab:red", label="fit")
    ax.set_xscale("log")
    ax.set_xlabel(x)
    ax.set_ylabel(data)
    ax.legend(fontsize=7)
    ax.grid(alpha=0.3, which="both")


def plot_resistance_breakdown(result, path=None, ax=None):
    """Bar plot of the breakdown from :func:`asslb_sim.resistance.areal_resistance`."""
    fig, ax = _new_axes(ax, (7.0, 4.4))
    parts = result.breakdown[result.breakdown["Process"] != "Total"]
    ax.barh(parts["Process"], parts["Areal resistance [Ohm.cm2]"], color="tab:blue")
    ax.invert_yaxis()
    total = result.breakdown.loc[
        result.breakdown["Process"] == "Total", "Areal resistance [Ohm.cm2]"
    ].iloc[0]
    s = result.settings
    ax.set_xlabel("Areal resistance [Ohm.cm2]")
    ax.set_title(
        f"{s['Pulse duration [s]']:g} s pulse at {s['Current density [mA.cm-2]']:.3g} mA/cm2, "
        f"SOC {s['State of charge']:.0%}: total {total:.1f}, pulse {result.pulse:.1f} Ohm cm2",
        fontsize=9,
    )
    ax.grid(alpha=0.3, axis="x")
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def study_key_label(key):
    """A readable axis label of a study key: "Separator thickness [um]" for
    ``separator.thickness_um``, the PyBaMM name for ``parameters.<name>``."""
    from .design.schema import quantities

    section, _, rest = key.partition(".")
    if section == "parameters":
        return rest
    spec = dict(quantities()).get(key)
    if spec is None:
        return key
    name = spec.parameter.split(" [")[0]
    return f"{name} [{spec.unit}]" if spec.unit else name


def plot_study_map(results, x, y, c_rate=1.0, quantities=None, targets=None, path=None):
    """Maps of study results over two swept parameters at one C-rate.

    Parameters
    ----------
    results : pandas.DataFrame
        From :func:`asslb_sim.sweep.run_study` (a grid over ``x`` and ``y``).
    x, y : str
        Two swept keys (columns of ``results``).
    c_rate : float
        The C-rate to map.
    quantities : list of str, optional
        Columns to map; default specific energy and energy density.
    targets : dict, optional
        Column -> value drawn as a contour (default: 350 Wh/kg, 750 Wh/L, the
        DOE targets quoted by the review).
    path : str or Path, optional
        Save the figure there (PNG).
    """
    from matplotlib.figure import Figure

    quantities = quantities or ["Specific energy [W.h.kg-1]", "Energy density [W.h.L-1]"]
    if targets is None:
        targets = {k[0].upper() + k[1:]: v for k, v in TARGETS.items()}
    table = results[(results["C-rate"] == c_rate) & (results["Status"] == "ok")]
    for key in (x, y):
        if table[key].nunique() < 2:
            raise ValueError(
                f"plot_study_map: {key!r} has {table[key].nunique()} value(s) among the "
                f"designs that succeeded at {c_rate:g}C; a map needs at least 2"
            )
    level = ""
    if "Energy level" in table and table["Energy level"].nunique() == 1:
        level = f", {table['Energy level'].iloc[0]} level"
    fig = Figure(figsize=(5.2 * len(quantities), 4.2), layout="constrained")
    axes = fig.subplots(1, len(quantities), squeeze=False)[0]
    for ax, quantity in zip(axes, quantities, strict=True):
        grid = table.pivot_table(index=y, columns=x, values=quantity)
        X, Y = grid.columns.to_numpy(), grid.index.to_numpy()
        mesh = ax.contourf(X, Y, grid.to_numpy(), levels=15, cmap="viridis")
        fig.colorbar(mesh, ax=ax, label=quantity)
        if quantity in targets:
            lines = ax.contour(
                X, Y, grid.to_numpy(), levels=[targets[quantity]], colors="w", linewidths=2
            )
            ax.clabel(lines, fmt=lambda v: f"{v:g}")
        ax.set_xlabel(study_key_label(x))
        ax.set_ylabel(study_key_label(y))
        ax.set_title(f"{quantity.split(' [')[0]} at {c_rate:g}C{level}", fontsize=10)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def _plot_fit_spectra(spectra, ax):
    """Nyquist overlay of the fitted spectra (:func:`plot_nyquist`): data as points,
    the model as lines, one colour per state of charge."""
    from .impedance.spectra import MINUS_IMAG, REAL

    data, fits = {}, {}
    model_columns = {"Model Z' [Ohm.cm2]": REAL, "Model -Z'' [Ohm.cm2]": MINUS_IMAG}
    for soc, g in spectra.groupby("State of charge", sort=False):
        label = f"SOC {soc:.0%}"
        data[label] = g[[REAL, MINUS_IMAG]]
        fits[label] = g[list(model_columns)].rename(columns=model_columns)
    plot_nyquist(data, ax=ax, fits=fits, points=True, decades=False)


def plot_fit(result, path=None):
    """Overlay of data and fitted model: curves (voltage vs capacity) per C-rate, the
    rate table (capacity vs C-rate or current density) and the impedance spectra
    (Nyquist), each in a panel of its own when the fit has it."""
    from matplotlib import colormaps
    from matplotlib.figure import Figure

    comparison = result.comparison
    spectra = getattr(result, "spectra", None)
    has_spectra = spectra is not None and not spectra.empty
    panels = int(not comparison.empty) + int(not result.rates.empty) + int(has_spectra)
    fig = Figure(figsize=(6.4 * max(panels, 1), 4.4), layout="constrained")
    axes = list(fig.subplots(1, max(panels, 1), squeeze=False)[0])
    ax = axes[0]
    if has_spectra:
        _plot_fit_spectra(spectra, axes.pop())
    if not result.rates.empty:
        _plot_fit_rates(result, axes[-1])
    if not comparison.empty:
        rates = sorted(comparison["C-rate"].unique())
        cmap = colormaps["viridis"]
        for k, c in enumerate(rates):
            g = comparison[comparison["C-rate"] == c]
            color = cmap(k / max(len(rates) - 1, 1))
            ax.plot(
                g[result.capacity],
                g["Data voltage [V]"],
                "o",
                ms=3,
                color=color,
                label=f"data {c:g}C",
            )
            ax.plot(
                g[result.capacity], g["Model voltage [V]"], "-", color=color, label=f"fit {c:g}C"
            )
        ax.set_xlabel(result.capacity)
        ax.set_ylabel("Voltage [V]")
        ax.legend(fontsize=7, ncol=2)
        ax.grid(alpha=0.3)
    text = "\n".join(
        f"{title_text(row.Parameter.split(' [')[0], 60)}: {row.Fitted:.3g}"
        for row in result.parameters.itertuples()
    )
    fig.suptitle(text, fontsize=7)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def succeeded(summary):
    """The rows of a rate test's summary whose discharge gave a curve."""
    return summary[summary["Status"] == "ok"]


def plot_capacity_vs_rate(results, path=None, ax=None, capacity="specific"):
    """Discharge capacity against C-rate, one line per cell.

    Parameters
    ----------
    results : RateCapabilityResult or dict
        One result, or label -> result (from :func:`asslb_sim.rate_capability`).
    path : str or Path, optional
        Save the figure there (PNG).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes.
    capacity : {"specific", "areal"}
        Per gram of CAM [mA.h.g-1] or per electrode area [mA.h.cm-2].

    Returns
    -------
    matplotlib.figure.Figure
    """
    column, label = capacity_axis(capacity)
    if not isinstance(results, dict):
        results = {results.cell_name: results}
    fig, ax = _new_axes(ax)
    for name, result in results.items():
        table = succeeded(result.summary)
        ax.plot(table["C-rate"], table[column], "o-", label=title_text(name, 40))
    ax.set_xscale("log")
    ax.set_xlabel("C-rate")
    ax.set_ylabel(label)
    ax.grid(alpha=0.3, which="both")
    if ax.get_lines() and any(len(line.get_xdata()) for line in ax.get_lines()):
        ax.legend(fontsize=8)
    else:
        ax.text(0.5, 0.5, "no discharge gave a capacity", ha="center", transform=ax.transAxes)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def plot_curves_side_by_side(results, path=None, capacity="specific"):
    """The discharge curves of several cells, one panel per cell on shared axes.

    Parameters
    ----------
    results : dict
        Label -> :class:`~asslb_sim.simulate.RateCapabilityResult`.
    path : str or Path, optional
        Save the figure there (PNG).
    capacity : {"specific", "areal"}
        The capacity axis.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4.6 * len(results), 4.2), layout="constrained")
    axes = fig.subplots(1, len(results), sharex=True, sharey=True, squeeze=False)[0]
    for ax, (label, result) in zip(axes, results.items(), strict=True):
        plot_discharge_curves(result, ax=ax, capacity=capacity)
        ax.set_title(title_text(label, 40), fontsize=10)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def plot_resistance_comparison(resistances, path=None, ax=None):
    """The areal-resistance breakdowns of several cells as stacked bars, one per cell.

    Parameters
    ----------
    resistances : dict
        Label -> :class:`~asslb_sim.metrics.ResistanceResult`.
    path : str or Path, optional
        Save the figure there (PNG).
    ax : matplotlib.axes.Axes, optional
        Draw into this axes.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib import colormaps

    fig, ax = _new_axes(ax, (2.2 + 1.4 * len(resistances), 4.6))
    labels = [title_text(label, 24) for label in resistances]
    tables = [r.breakdown[r.breakdown["Process"] != "Total"] for r in resistances.values()]
    processes = list(tables[0]["Process"]) if tables else []
    cmap = colormaps["tab10"]
    bottom = [0.0] * len(tables)
    for k, process in enumerate(processes):
        heights = [
            float(t.loc[t["Process"] == process, "Areal resistance [Ohm.cm2]"].sum())
            for t in tables
        ]
        ax.bar(labels, heights, bottom=bottom, color=cmap(k % 10), label=process)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, (total, result) in enumerate(zip(bottom, resistances.values(), strict=True)):
        ax.annotate(
            f"{total:.1f}\n(pulse {result.pulse:.1f})",
            (x, total),
            ha="center",
            va="bottom",
            fontsize=7,
        )
    ax.set_ylabel("Areal resistance [Ohm.cm2]")
    ax.margins(y=0.15)  # room for the totals above the bars
    settings = next(iter(resistances.values())).settings if resistances else {}
    if settings:
        ax.set_title(
            f"{settings['Pulse duration [s]']:g} s pulse at 1C from SOC "
            f"{settings['State of charge']:.0%}",
            fontsize=9,
        )
    ax.grid(alpha=0.3, axis="y")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def plot_nyquist(
    spectra,
    path=None,
    ax=None,
    title=None,
    fits=None,
    points=False,
    hollow=(),
    decades=True,
    legend_title=None,
):
    """Nyquist plot: -Z'' against Z' [Ohm.cm2], equal axes, one series per spectrum,
    optionally each with its fitted model as a line.

    Parameters
    ----------
    spectra : dict of str -> pandas.DataFrame
        Label -> table with "Z' [Ohm.cm2]" and "-Z'' [Ohm.cm2]" (and optionally
        "Frequency [Hz]", whose decades are marked).
    path : str or Path, optional
        Save the figure there (PNG) when given.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.
    title : str, optional
        Title of the plot.
    fits : dict of str -> pandas.DataFrame, optional
        Label -> a model's table with the same two columns, drawn as a line labelled
        "<label> fit", in the colour of the spectrum of the same label when there is
        one.
    points : bool
        Draw the spectra as points (measured data) rather than points joined by lines.
    hollow : collection of str
        Labels of spectra drawn with open markers (e.g. points left out of a fit).
    decades : bool
        Mark and label each decade of frequency on the spectra.
    legend_title : str, optional
        Text above the legend's entries (e.g. the fitted values).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from .impedance.spectra import FREQUENCY, MINUS_IMAG, REAL

    fig, ax = _new_axes(ax)
    fits = fits or {}
    colours = {}
    for label, table in spectra.items():
        style = {"mfc": "none"} if label in hollow else {}
        (line,) = ax.plot(
            table[REAL], table[MINUS_IMAG], "o" if points else ".-", ms=3, label=label, **style
        )
        colours[label] = line.get_color()
        if decades and FREQUENCY in table:
            _mark_decades(ax, table, line.get_color())
    for label, table in fits.items():
        colour = {"color": colours[label]} if label in colours else {}
        ax.plot(table[REAL], table[MINUS_IMAG], "-", label=f"{label} fit", **colour)
    ax.set_xlabel(REAL)
    ax.set_ylabel(MINUS_IMAG)
    ax.set_aspect("equal", adjustable="datalim")
    ax.grid(alpha=0.3)
    if len(spectra) + len(fits) > 1 or legend_title:
        ax.legend(title=legend_title, fontsize=7, title_fontsize=7)
    if title:
        ax.set_title(title_text(title, 70), fontsize=9)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def _mark_decades(ax, table, colour):
    """Each decade of ``table``'s "Frequency [Hz]" at its nearest point, if one lies
    within half the grid's step, marked and labelled."""
    import numpy as np

    from .impedance.spectra import FREQUENCY, MINUS_IMAG, REAL

    log_f = np.log10(table[FREQUENCY].to_numpy())
    step = np.max(np.abs(np.diff(log_f))) if log_f.size > 1 else 1.0
    for decade in range(int(np.floor(log_f.min())), int(np.ceil(log_f.max())) + 1):
        k = int(np.argmin(np.abs(log_f - decade)))
        if abs(log_f[k] - decade) <= step / 2:
            x, y = table[REAL].iloc[k], table[MINUS_IMAG].iloc[k]
            ax.plot(x, y, "o", ms=4, color=colour)
            ax.annotate(
                f"1e{decade} Hz", (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points"
            )


def plot_bode(spectra, path=None, title=None):
    """Bode plot: |Z| [Ohm.cm2] and the phase [deg] against frequency [Hz].

    Parameters
    ----------
    spectra : dict of str -> pandas.DataFrame
        Label -> table with "Frequency [Hz]", "Z' [Ohm.cm2]" and "-Z'' [Ohm.cm2]".
    path : str or Path, optional
        Save the figure there (PNG) when given.
    title : str, optional
        Title of the plot.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import numpy as np
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 5.6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True)
    for label, table in spectra.items():
        z = table["Z' [Ohm.cm2]"].to_numpy() - 1j * table["-Z'' [Ohm.cm2]"].to_numpy()
        f = table["Frequency [Hz]"]
        top.loglog(f, np.abs(z), ".-", ms=3, label=label)
        bottom.semilogx(f, np.degrees(np.angle(z)), ".-", ms=3, label=label)
    top.set_ylabel("|Z| [Ohm.cm2]")
    bottom.set_ylabel("Phase [deg]")
    bottom.set_xlabel("Frequency [Hz]")
    for ax in (top, bottom):
        ax.grid(alpha=0.3, which="both")
    if len(spectra) > 1:
        top.legend(fontsize=8)
    if title:
        top.set_title(title_text(title, 70), fontsize=9)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def plot_retention(curves, path=None, ax=None, threshold=0.8):
    """Capacity retention against cycle number, one line per cell.

    Parameters
    ----------
    curves : dict
        Label -> ``(cycles, retention [%])`` (simulated cycles drawn as markers when a
        third item, the number of simulated cycles, follows: the rest is booked).
    path : str or Path, optional
        Save the figure there (PNG) when given.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.
    threshold : float
        The retention threshold, drawn as a dashed line (fraction).

    Returns
    -------
    matplotlib.figure.Figure
    """
    fig, ax = _new_axes(ax)
    for label, curve in curves.items():
        cycles, retention = curve[0], curve[1]
        (line,) = ax.plot(cycles, retention, label=label)
        if len(curve) > 2:  # the simulated cycles of an estimate
            n = curve[2]
            ax.plot(cycles[:n], retention[:n], "o", color=line.get_color(), ms=3)
    ax.axhline(100 * threshold, ls="--", color="grey", lw=1)
    ax.set_xlabel("Cycle")
    ax.set_ylabel("Capacity retention [%]")
    ax.legend(fontsize="small")
    if path is not None:
        fig.savefig(path, dpi=150, bbox_inches="tight")
    return fig
