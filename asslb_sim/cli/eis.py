"""``asslb-sim eis``: the impedance spectrum of a cell and the processes behind its arcs."""

from __future__ import annotations


def add_parser(sub):
    parser = sub.add_parser(
        "eis",
        help="impedance spectrum of a cell at rest: Nyquist and Bode plots, the arcs' processes",
    )
    parser.add_argument(
        "--cell",
        default="default",
        help="built-in preset name or TOML cell file (default: the default cell)",
    )
    parser.add_argument(
        "--soc", type=float, default=0.5, help="state of charge at rest (0-1], default 0.5"
    )
    parser.add_argument(
        "--frequencies",
        nargs=3,
        metavar=("HIGHEST", "LOWEST", "COUNT"),
        default=None,
        help="log-spaced frequencies [Hz] (default: 60 from 1 MHz to 10 mHz)",
    )
    parser.add_argument(
        "--configuration",
        default="cell",
        choices=["cell", "electron-blocking", "ion-blocking"],
        help="the cell as designed (default), or its composite between blocking electrodes: "
        "electron-blocking (counter electrode | SE | composite | SE | counter electrode) or "
        "ion-blocking (steel | composite | steel), whose spectra give sigma_ion,eff and "
        "sigma_el,eff (asslb-sim eis-conductivity reads them back)",
    )
    parser.add_argument("--out", default="asslb-out", help="output folder for the plots and CSVs")
    parser.set_defaults(run=run)


def run(args):
    from ..design import load_cell
    from ..errors import CellDefinitionError
    from ..impedance import (
        DEFAULT_FREQUENCIES,
        blocking_spectrum,
        frequencies_from,
        impedance_spectrum,
    )
    from ..plotting import plot_bode, plot_nyquist
    from .outputs import prepare_out, wrote_line

    if not 0 < args.soc <= 1:
        raise CellDefinitionError(f"--soc: {args.soc:g} is out of range; valid range (0, 1]")
    frequencies = frequencies_from(args.frequencies or DEFAULT_FREQUENCIES)
    out, overwrote = prepare_out(args.out)
    cell = load_cell(args.cell)
    if args.configuration != "cell":
        return _blocking(args, cell, frequencies, out, overwrote, blocking_spectrum)
    result = impedance_spectrum(cell, args.soc, frequencies)
    s = result.settings
    print(
        f"{cell.name} at rest, SOC {args.soc:.0%} ({s['Rest voltage [V]']:.4f} V): "
        f"{len(frequencies)} frequencies from {frequencies[0]:g} to {frequencies[-1]:g} Hz"
    )
    print("Processes behind the arcs (small-signal values at this state):")
    print(result.processes.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    low = result.spectrum.iloc[-1]
    f_low, z_low = low["Frequency [Hz]"], low["Z' [Ohm.cm2]"]
    print(
        f"Z' at the lowest frequency ({f_low:g} Hz): {z_low:.2f} Ohm.cm2 "
        "(solid diffusion adds to the total above)"
    )
    files = [out / "eis_spectrum.csv", out / "eis_processes.csv"]
    result.spectrum.to_csv(files[0], index=False)
    result.processes.to_csv(files[1], index=False)
    title = f"{cell.name}, SOC {args.soc:.0%}"
    spectra = {cell.name: result.spectrum}
    files += [out / "eis_nyquist.png", out / "eis_bode.png"]
    plot_nyquist(spectra, files[2], title=title)
    plot_bode(spectra, files[3], title=title)
    print(wrote_line(files, overwrote))
    return 0


def _blocking(args, cell, frequencies, out, overwrote, blocking_spectrum):
    """The composite of ``cell`` between blocking electrodes: spectrum, plots, values."""
    from ..plotting import plot_bode, plot_nyquist
    from .outputs import wrote_line

    result = blocking_spectrum(cell, args.configuration, args.soc, frequencies)
    s = result.settings
    kappa = s["Positive electrode effective ionic conductivity [S.m-1]"]
    sigma = s["Positive electrode effective electronic conductivity [S.m-1]"]
    series = s["Series resistance [Ohm.cm2]"]
    hint = " (eis-conductivity's --series-ohm-cm2)" if series > 0 else ""
    print(
        f"{cell.name}'s composite, {args.configuration} cell, SOC {args.soc:.0%}: "
        f"sigma_ion,eff {kappa * 10:.4g} mS/cm, sigma_el,eff {sigma * 10:.4g} mS/cm, "
        f"{s['Positive electrode thickness [m]'] * 1e6:.4g} um; series resistance "
        f"{series:.4g} Ohm.cm2{hint}"
    )
    print(result.processes.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    stem = f"eis_{args.configuration}"
    files = [out / f"{stem}_spectrum.csv", out / f"{stem}_nyquist.png", out / f"{stem}_bode.png"]
    result.spectrum.to_csv(files[0], index=False)
    title = f"{cell.name}'s composite, {args.configuration}, SOC {args.soc:.0%}"
    plot_nyquist({cell.name: result.spectrum}, files[1], title=title)
    plot_bode({cell.name: result.spectrum}, files[2], title=title)
    print(wrote_line(files, overwrote))
    return 0
