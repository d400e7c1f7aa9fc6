"""Plots of simulation results (matplotlib's object API: no global state, no screen)."""

from __future__ import annotations


def plot_discharge_curves(result, path=None, ax=None):
    """Voltage vs specific capacity, one line per C-rate.

    Parameters
    ----------
    result : RateCapabilityResult
        From :func:`asslb_sim.rate_capability`.
    path : str or Path, optional
        Save the figure there (PNG) when given.
    ax : matplotlib.axes.Axes, optional
        Draw into this axes instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib import colormaps
    from matplotlib.figure import Figure

    if ax is None:
        fig = Figure(figsize=(6.4, 4.4), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    cmap = colormaps["viridis"]
    rates = list(result.summary["C-rate"])
    for k, c in enumerate(rates):
        curve = result.curves[result.curves["C-rate"] == c]
        if curve.empty:
            continue
        ax.plot(
            curve["Specific capacity [mA.h.g-1]"],
            curve["Voltage [V]"],
            color=cmap(k / max(len(rates) - 1, 1)),
            label=f"{c:g}C",
        )
    ax.set_xlabel("Specific capacity [mA.h.g-1 CAM]")
    ax.set_ylabel("Voltage [V]")
    ax.set_title(
        f"{result.cell_name}: 1C = {result.basis.nominal_capacity:.2f} mA.h.cm-2", fontsize=10
    )
    ax.grid(alpha=0.3)
    ax.legend(title="C-rate", fontsize=8)
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig
