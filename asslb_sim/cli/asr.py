"""``asslb-sim asr``: areal resistance three ways, with its breakdown."""

from __future__ import annotations


def add_pulse_arguments(parser):
    """The resistance pulse's ``--soc`` and ``--duration`` (``asr`` and ``compare``
    alike; each command checks them with :class:`~asslb_sim.simulation.Pulse` before any
    solve)."""
    parser.add_argument(
        "--soc", type=float, default=0.5, help="state of charge of the pulse (0-1, default 0.5)"
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="pulse duration [s] (default 10)"
    )


def check_pulse_arguments(args):
    """Refuse the pulse's flags out of range, naming the flag, before any output or solve
    (:class:`~asslb_sim.simulation.Pulse` holds the ranges)."""
    from ..errors import CellDefinitionError
    from ..simulation import Pulse

    try:
        Pulse(getattr(args, "current_density", None), args.duration, args.soc)
    except CellDefinitionError as exc:
        name, _, rest = str(exc).partition(":")
        raise CellDefinitionError(f"--{name.replace('_', '-')}:{rest}") from None


def add_parser(sub):
    parser = sub.add_parser(
        "asr", help="areal resistance: DC pulse, charge/discharge, and its breakdown"
    )
    parser.add_argument(
        "--cell",
        default="default",
        help="built-in preset name or TOML cell file (default: the default cell)",
    )
    add_pulse_arguments(parser)
    parser.add_argument(
        "--current-density",
        type=float,
        default=None,
        help="pulse current density [mA/cm2] (default: 1C)",
    )
    parser.add_argument("--out", default="asslb-out", help="output folder for the plot and CSV")
    parser.set_defaults(run=run)


def run(args):
    from ..metrics import areal_resistance
    from ..plotting import plot_resistance_breakdown
    from .outputs import prepare_out, wrote_line

    check_pulse_arguments(args)
    out, overwrote = prepare_out(args.out)
    result = areal_resistance(args.cell, args.soc, args.current_density, args.duration)
    s = result.settings
    print(
        f"DC pulse ({s['Pulse duration [s]']:g} s at {s['Current density [mA.cm-2]']:.4g} "
        f"mA/cm2 from rest at SOC {s['State of charge']:.0%}): {result.pulse:.2f} Ohm.cm2"
    )
    print(
        f"Charge/discharge at the same current, (U_ch - U_dis)/(2 i): "
        f"{result.charge_discharge:.2f} Ohm.cm2 (U_ch = {s['Mean charge voltage [V]']:.4f} V, "
        f"U_dis = {s['Mean discharge voltage [V]']:.4f} V)"
    )
    print("Breakdown at the end of the pulse:")
    print(result.breakdown.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    total = result.breakdown["Areal resistance [Ohm.cm2]"].iloc[-1]
    print(
        f"The breakdown's total ({total:.2f} Ohm.cm2) is measured from the open-circuit "
        f"voltage at the end of the pulse, the pulse ({result.pulse:.2f}) from the rest voltage "
        f"before it: the difference ({result.pulse - total:+.2f}) is the fall of the "
        "open-circuit voltage as the pulse's charge is drawn."
    )
    result.breakdown.to_csv(out / "asr_breakdown.csv", index=False)
    plot_resistance_breakdown(result, out / "asr_breakdown.png")
    print(wrote_line([out / "asr_breakdown.csv", out / "asr_breakdown.png"], overwrote))
    return 0
