"""``asslb-sim eis-conductivity``: effective conductivities from blocking-electrode spectra."""

from __future__ import annotations

import math

CONFIGURATIONS = ("electron-blocking", "ion-blocking", "mixed")
SERIES = "Series resistance [Ohm.cm2]"


def add_parser(sub):
    parser = sub.add_parser(
        "eis-conductivity",
        help="sigma_ion,eff and sigma_el,eff of a composite from blocking-electrode spectra",
        description="Fits the analytic transmission-line model of a composite layer between "
        "blocking electrodes to each measured spectrum (CSV with 'Frequency [Hz]', \"Z' "
        '[Ohm.cm2]" or "Z\' [Ohm]", "-Z\'\' [...]" or "Z\'\' [...]"; or BioLogic '
        ".mpr/.mpt with the [cycler] extra) and reports the effective ionic and electronic "
        "conductivities with 95 % intervals, flagging what the spectrum does not "
        "determine. Writes a Nyquist plot of data and fit per spectrum, the fitted values "
        "(eis-conductivity.csv, eis-elements.csv), and with --table appends the determined "
        "conductivities to a table that 'asslb-sim fit-conductivity' reads. Each of "
        "--thickness-um, --area-cm2, --cam-fraction takes one value for every spectrum or "
        "one per spectrum.",
    )
    parser.add_argument("spectra", nargs="+", metavar="SPECTRUM", help="spectrum files")
    parser.add_argument(
        "--thickness-um", type=float, nargs="+", required=True, help="composite thickness [um]"
    )
    parser.add_argument(
        "--area-cm2",
        type=float,
        nargs="+",
        default=None,
        help="electrode area [cm2] (needed for spectra in Ohm)",
    )
    parser.add_argument(
        "--cam-fraction",
        type=float,
        nargs="+",
        default=None,
        help="CAM volume fraction of the composite (0-1; needed with --table)",
    )
    parser.add_argument(
        "--configuration",
        choices=CONFIGURATIONS,
        default="electron-blocking",
        help="electron-blocking (SE | composite | SE: sigma_ion), ion-blocking (electronic "
        "contacts: sigma_el), or mixed (SE | composite | collector)",
    )
    parser.add_argument(
        "--series-ohm-cm2",
        type=float,
        default=None,
        help="series resistance held fixed [Ohm.cm2]: the SE layers (L_SE / kappa_SE) and "
        "contacts, measured without the composite. Left free, an electron- or ion-blocking "
        "spectrum cannot tell it from the layer's own high-frequency resistance",
    )
    parser.add_argument(
        "--interface", choices=["CPE", "capacitor"], default="CPE", help="interfacial element"
    )
    parser.add_argument(
        "--charge-transfer",
        action="store_true",
        help="a charge-transfer resistance in parallel with the interface (default blocking)",
    )
    parser.add_argument(
        "--blocking-contacts",
        action="store_true",
        help="a CPE in series for blocking contacts (the low-frequency tail)",
    )
    parser.add_argument(
        "--separator-arc",
        action="store_true",
        help="fit the SE layers' resistance with their geometric capacitance (an RC in "
        "series) when their arc lies inside the measured range; --series-ohm-cm2 then "
        "holds only the contacts",
    )
    parser.add_argument(
        "--weighting", choices=["modulus", "proportional", "unit"], default="modulus"
    )
    parser.add_argument("--f-min", type=float, default=0.0, help="lowest frequency fitted [Hz]")
    parser.add_argument(
        "--f-max", type=float, default=math.inf, help="highest frequency fitted [Hz]"
    )
    parser.add_argument("--cycle", type=int, default=None, help="impedance loop of a BioLogic file")
    parser.add_argument(
        "--table",
        default=None,
        help="append the determined conductivities to this CSV (fit-conductivity's format)",
    )
    parser.add_argument(
        "--phase",
        choices=["ionic", "electronic"],
        default=None,
        help="which conductivity --table receives (default: what the configuration "
        "measures: ionic for electron-blocking, electronic for ion-blocking)",
    )
    parser.add_argument(
        "--void-fraction", type=float, default=None, help="void volume fraction, for --table"
    )
    parser.add_argument(
        "--carbon-fraction", type=float, default=None, help="carbon volume fraction, for --table"
    )
    parser.add_argument("--out", default="asslb-eis-conductivity", help="output folder")
    parser.set_defaults(run=run)


def _per_spectrum(flag, values, n, low, high, unit="", inclusive_high=False):
    """One value per spectrum from a flag given once or once per spectrum, each checked
    to lie in ``(low, high)`` (or ``(low, high]``)."""
    from ..errors import CellDefinitionError

    if values is None:
        return None
    if len(values) not in (1, n):
        raise CellDefinitionError(
            f"{flag}: {len(values)} values for {n} spectra; give one, or one per spectrum"
        )
    bracket = "]" if inclusive_high else ")"
    for value in values:
        inside = low < value and (value <= high if inclusive_high else value < high)
        if not (math.isfinite(value) and inside):
            raise CellDefinitionError(
                f"{flag}: {value!r}; valid range ({low:g}, {high:g}{bracket}{unit}"
            )
    return list(values) * n if len(values) == 1 else list(values)


def _fraction(flag, value):
    from ..errors import CellDefinitionError

    if value is not None and not (math.isfinite(value) and 0 <= value < 1):
        raise CellDefinitionError(f"{flag}: {value!r}; valid range [0, 1)")


def _check(args):
    """Every flag checked before any file is read: the per-spectrum values."""
    from ..errors import CellDefinitionError

    n = len(args.spectra)
    thickness = _per_spectrum("--thickness-um", args.thickness_um, n, 0, math.inf, " um")
    areas = _per_spectrum("--area-cm2", args.area_cm2, n, 0, math.inf, " cm2")
    cam = _per_spectrum("--cam-fraction", args.cam_fraction, n, 0, 1)
    _fraction("--void-fraction", args.void_fraction)
    _fraction("--carbon-fraction", args.carbon_fraction)
    if args.series_ohm_cm2 is not None and not (
        math.isfinite(args.series_ohm_cm2) and args.series_ohm_cm2 > 0
    ):
        raise CellDefinitionError(
            f"--series-ohm-cm2: {args.series_ohm_cm2!r}; valid range (0, inf) Ohm.cm2"
        )
    if not (args.f_min >= 0 and args.f_max > args.f_min):
        raise CellDefinitionError(
            f"--f-min/--f-max: {args.f_min!r}, {args.f_max!r} Hz; valid: 0 <= f_min < f_max"
        )
    if args.table is not None and cam is None:
        raise CellDefinitionError("--table: needs --cam-fraction (the table's CAM column)")
    phase = args.phase
    if args.table is not None and phase is None:
        if args.configuration == "mixed":
            raise CellDefinitionError(
                "--phase: the mixed configuration does not say which rail is which; give "
                "--phase ionic or electronic with --table"
            )
        phase = {"electron-blocking": "ionic", "ion-blocking": "electronic"}[args.configuration]
    return thickness, areas, cam, phase


def run(args):
    import pandas as pd

    from ..impedance.extraction import FitOptions, extract_conductivities
    from ..impedance.report import (
        append_conductivity_table,
        check_conductivity_table,
        conductivity_columns,
        conductivity_row,
        write_extraction,
    )
    from ..impedance.spectra import read_spectrum
    from .outputs import prepare_out, wrote_line

    thickness, areas, cam, phase = _check(args)
    if args.table is not None:
        check_conductivity_table(
            args.table,
            conductivity_columns(args.void_fraction is not None, args.carbon_fraction is not None),
        )
    _, overwrote = prepare_out(args.out)
    fixed = {} if args.series_ohm_cm2 is None else {SERIES: args.series_ohm_cm2}
    options = FitOptions(
        configuration=args.configuration,
        interface=args.interface,
        charge_transfer=args.charge_transfer,
        blocking_contacts=args.blocking_contacts,
        separator_arc=args.separator_arc,
        weighting=args.weighting,
        frequency_range=(args.f_min, args.f_max),
        fixed=fixed,
    )
    n = len(args.spectra)
    tables = [
        read_spectrum(path, area_cm2=None if areas is None else areas[k], cycle=args.cycle)
        for k, path in enumerate(args.spectra)
    ]
    results = [
        extract_conductivities(table, thickness[k], options, source=args.spectra[k])
        for k, table in enumerate(tables)
    ]
    rows = []
    with pd.option_context("display.width", 200, "display.max_colwidth", 90):
        for source, result in zip(args.spectra, results, strict=True):
            print(f"{source} ({args.configuration}, L = {result.thickness_um:g} um):")
            shown = result.conductivities[
                [
                    "Phase",
                    "Effective conductivity [mS.cm-1]",
                    "95% CI low [mS.cm-1]",
                    "95% CI high [mS.cm-1]",
                    "Determined",
                    "Note",
                ]
            ]
            print(shown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
            print(f"RMS relative residual {100 * result.rms_relative_residual:.2f} %\n")
    written = write_extraction(
        args.out, results, tables, args.spectra, cam_fractions=cam, areas=areas
    )
    if args.table is not None:
        skipped = []
        for k in range(n):
            row = conductivity_row(
                results[k],
                args.spectra[k],
                phase,
                cam[k],
                void=args.void_fraction,
                carbon=args.carbon_fraction,
            )
            if row is None:
                skipped.append(args.spectra[k])
            else:
                rows.append(row)
        append_conductivity_table(args.table, rows)
        print(
            f"Appended {len(rows)} {phase} conductivit{'y' if len(rows) == 1 else 'ies'} to "
            f"{args.table}"
        )
        for source in skipped:
            print(f"Not appended: {source} (the {phase} conductivity is not determined)")
    print(wrote_line(written, overwrote))
    return 0
