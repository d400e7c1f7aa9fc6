"""``asslb-sim fit``: fit parameters to published discharge curves or rate tables."""

from __future__ import annotations

from pathlib import Path

from .rate_capability import c_rates


def states_of_charge(text):
    """``--soc``: comma-separated states of charge (their range is checked with the data)."""
    import argparse

    try:
        values = [float(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--soc: {text!r} is not a comma-separated list of numbers, e.g. 0.5 or 0.2,0.8"
        ) from None
    if not values:
        raise argparse.ArgumentTypeError("--soc: give at least one state of charge")
    return values


def add_parser(sub):
    parser = sub.add_parser(
        "fit", help="fit parameters to discharge curves, rate tables or impedance spectra"
    )
    parser.add_argument(
        "--cell",
        default="default",
        help="built-in preset name or TOML cell file (default: the default cell)",
    )
    parser.add_argument(
        "--data",
        nargs="+",
        required=True,
        help="CSV data file(s), or cycler files (BioLogic .mpr or .mpt, Neware .nda or .ndax, an "
        "Arbin CSV or XLSX export: their constant-current discharge steps; the binary formats "
        "need pip install 'asslb-sim[cycler]'); a CSV whose header has 'Frequency [Hz]' is "
        "an impedance spectrum (with --soc)",
    )
    parser.add_argument(
        "--fit",
        action="append",
        required=True,
        metavar="NAME:LOW:HIGH[:INITIAL]",
        help="a parameter to fit, by its PyBaMM name, with bounds (SI units); repeat for several",
    )
    parser.add_argument(
        "--unit",
        default=None,
        choices=["mA.h.g-1", "mA.h.cm-2"],
        help="capacity unit of headerless (WebPlotDigitizer) files, and of the curves read "
        "from cycler files (default there: mA.h.cm-2)",
    )
    parser.add_argument(
        "--cycler-c-rates",
        type=c_rates,
        default=None,
        metavar="C1,C2,...",
        help="the C-rate of every discharge step of the cycler files, in their order (default: "
        "each step's current over the cell's 1C, to 3 significant figures)",
    )
    parser.add_argument(
        "--c-rate",
        type=float,
        default=None,
        help="C-rate of headerless files or of files without a C-rate column",
    )
    parser.add_argument(
        "--kind",
        default=None,
        choices=["curves", "rates", "spectra"],
        help="what every data file is: voltage curves (need a 'Voltage [V]' column), rate "
        "tables (one capacity per C-rate or current density) or impedance spectra (CSV, or "
        "BioLogic impedance files); default: a spectrum if a file's header has a frequency "
        "column, curves if it has a 'Voltage [V]' column, else a rate table",
    )
    parser.add_argument(
        "--soc",
        type=states_of_charge,
        default=None,
        metavar="S1,S2,...",
        help="state of charge (0-1] each impedance spectrum was measured at: one value, or "
        "one per spectrum file in order; the model's spectrum is the cell at rest there",
    )
    parser.add_argument(
        "--area-cm2",
        type=float,
        default=None,
        help="electrode area [cm2] of spectra given in Ohm (not Ohm.cm2)",
    )
    parser.add_argument(
        "--spectrum-weight",
        type=float,
        default=1.0,
        help="weight of the spectra: 1 %% of |Z| counts like this x 10 mV (default 1)",
    )
    parser.add_argument(
        "--spectrum-weighting",
        default="modulus",
        choices=["modulus", "unit", "proportional"],
        help="weights of a spectrum's frequencies: 1/|Z| (default, every decade alike), the "
        "spectrum's mean |Z| (the large arcs dominate), or each part its own magnitude",
    )
    parser.add_argument(
        "--voltage-vs",
        default=None,
        choices=["Li", "In/InLi"],
        help="what the curves' 'Voltage [V]' columns are against (default: the cell's own "
        "scale, its counter electrode); a 'Voltage vs Li [V]' column states Li itself. Data "
        "vs Li are compared with the model's 'Voltage vs Li [V]'",
    )
    parser.add_argument("--max-evaluations", type=int, default=200, help="model evaluations")
    parser.add_argument(
        "--backend",
        default="scipy",
        choices=["scipy", "pybop"],
        help="optimiser: scipy least_squares (default) or PyBOP's XNES",
    )
    parser.add_argument("--out", default="asslb-fit", help="output folder")
    parser.add_argument(
        "--no-progress", action="store_true", help="hide the progress bar (model evaluations)"
    )
    parser.set_defaults(run=run)


def interval_text(row, parameter):
    """The 95 % interval of a fitted parameter as text: "LOW .. HIGH", or "not
    determined" when it is wider than the parameter's bounds (the data do not
    constrain it; the statistics' own warning says the same)."""
    import math

    low, high = row["95% CI low"], row["95% CI high"]
    if not (math.isfinite(low) and math.isfinite(high)):
        return "not determined"
    if parameter.log:
        wider = low <= 0 or math.log(high / low) > parameter.span
    else:
        wider = high - low > parameter.span
    return "not determined" if wider else f"{low:.4g} .. {high:.4g}"


def read_cycler_files(args):
    """The discharge curves of the cycler files among ``args.data`` (path -> curves in
    the fit's format) and the notes on steps left out."""
    from ..errors import CellDefinitionError
    from ..fitting.cycler import cycler_curves, is_cycler_file

    paths = [p for p in args.data if is_cycler_file(p)]
    if not paths:
        if args.cycler_c_rates is not None:
            raise CellDefinitionError(
                "--cycler-c-rates: no cycler file (BioLogic .mpr/.mpt, Neware .nda/.ndax, Arbin "
                "export) in --data"
            )
        return {}, []
    if len(paths) > 1 and args.cycler_c_rates is not None:
        raise CellDefinitionError("--cycler-c-rates: give one cycler file with it, not several")
    stems = [Path(p).stem for p in paths]
    if len(set(stems)) != len(stems):
        raise CellDefinitionError(f"--data: cycler files need distinct names; got {paths}")
    unit = args.unit or "mA.h.cm-2"
    curves, notes = {}, []
    for path in paths:
        curves[path], more = cycler_curves(path, args.cell, unit, args.cycler_c_rates)
        notes += more
    return curves, notes


def run(args):
    from ..design import write_cell_file
    from ..fitting import fit, load
    from ..plotting import plot_fit
    from .outputs import prepare_out, wrote_line

    cycler, notes = read_cycler_files(args)
    if cycler:
        out, overwrote = prepare_out(args.out)
        for path, curves in cycler.items():  # the curves fitted, kept beside the results
            curves.to_csv(out / f"{Path(path).stem}-discharges.csv", index=False)
    paths = [str(out / f"{Path(p).stem}-discharges.csv") if p in cycler else p for p in args.data]
    soc = None if args.soc is None else (args.soc[0] if len(args.soc) == 1 else args.soc)
    data = load(
        paths,
        unit=args.unit,
        c_rate=args.c_rate,
        kind=args.kind,
        voltage_vs=args.voltage_vs,
        soc=soc,
        area_cm2=args.area_cm2,
    )
    if not cycler:
        out, overwrote = prepare_out(args.out)
    for note in notes:
        print(f"note: {note}")
    result = fit(
        args.cell,
        data,
        args.fit,
        max_evaluations=args.max_evaluations,
        backend=args.backend,
        progress=not args.no_progress,
        spectrum_weight=args.spectrum_weight,
        spectrum_weighting=args.spectrum_weighting,
    )
    import pandas as pd

    from ..fitting import FitParameter

    bounds = [FitParameter.parse(text) for text in args.fit]
    intervals = [
        interval_text(row, p)
        for row, p in zip(result.parameters.to_dict("records"), bounds, strict=True)
    ]
    shown = result.parameters.drop(columns=["95% CI low", "95% CI high"]).assign(
        **{"95% interval": intervals}
    )
    with pd.option_context("display.width", 250, "display.max_colwidth", 90):
        print(
            f"Fit of {len(result.parameters)} parameter(s) to {', '.join(data.sources)}: "
            f"{result.evaluations} model evaluations; {result.message}"
        )
        print(shown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
        print("Correlation matrix:")
        print(result.correlation.round(3).to_string())
    for row in result.rmse.to_dict("records"):
        if pd.notna(row["RMSE [mV]"]):
            print(f"{row['Data']}: RMSE {row['RMSE [mV]']:.3g} mV")
        elif row["Data"].startswith("spectrum"):
            print(f"{row['Data']}: RMS relative impedance error {row['RMS error [%]']:.3g} %")
        else:
            print(f"{row['Data']}: RMS relative capacity error {row['RMS error [%]']:.3g} %")
    for warning in result.warnings:
        print(f"warning: {warning}")
    result.parameters.to_csv(out / "fitted_parameters.csv", index=False)
    result.correlation.to_csv(out / "correlation.csv")
    result.comparison.to_csv(out / "comparison.csv", index=False)
    header = f"fitted by asslb-sim to {', '.join(data.sources)}\n" + "\n".join(
        f"{r['Parameter']} = {r['Fitted']:.6g} (95% interval {text})"
        for r, text in zip(result.parameters.to_dict("records"), intervals, strict=True)
    )
    write_cell_file(result.cell, out / "fitted_cell.toml", header=header)
    plot_fit(result, out / "fit_overlay.png")
    written = ["fitted_parameters.csv", "correlation.csv", "comparison.csv", "fitted_cell.toml"]
    if not result.spectra.empty:
        result.spectra.to_csv(out / "spectra.csv", index=False)
        written.append("spectra.csv")
    print(wrote_line([out / name for name in [*written, "fit_overlay.png"]], overwrote))
    return 0
