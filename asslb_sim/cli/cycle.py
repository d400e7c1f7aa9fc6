"""``asslb-sim cycle``: cycle life of one or more cells, simulated or estimated."""

from __future__ import annotations


def add_parser(sub):
    parser = sub.add_parser(
        "cycle",
        help="cycle life: capacity, energy, Wh/kg, Wh/L and thickness swing per cycle",
        description="Charge-discharge cycles on one model build, each from the previous "
        "cycle's end state, with the anode's plating loss (CE) and an optional CAM loss per "
        "cycle; or, with --estimate, a few cycles and Li inventory bookkeeping.",
    )
    parser.add_argument(
        "--cell",
        action="append",
        default=None,
        help="built-in preset name or TOML cell file; repeat for several cells (default: "
        "the default cell)",
    )
    parser.add_argument("--cycles", type=int, default=100, help="cycles to run (default 100)")
    parser.add_argument(
        "--charge",
        default="0.5,0.05",
        help="charge C-rate and CV cut-off C-rate, e.g. 0.5,0.05 ('0.5,none': CC only; "
        "default 0.5,0.05)",
    )
    parser.add_argument(
        "--discharge-c-rate", type=float, default=0.5, help="discharge C-rate (default 0.5)"
    )
    parser.add_argument(
        "--rest", type=float, default=10.0, help="rest after charge and discharge [min]"
    )
    parser.add_argument(
        "--estimate",
        action="store_true",
        help="simulate a few cycles, then book the Li inventory (fast; to the threshold "
        "and at least --cycles)",
    )
    parser.add_argument(
        "--threshold", type=float, default=0.8, help="retention threshold (default 0.8)"
    )
    parser.add_argument("--mesh", default="single-run", help="'single-run' or 'study'")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.add_argument("--out", default="asslb-out", help="output folder for the CSV and plot")
    parser.set_defaults(run=run)


def parse_cycle(charge, discharge_c_rate, rest):
    """The :class:`~asslb_sim.simulation.Cycle` of the command's flags."""
    from ..errors import CellDefinitionError
    from ..simulation import Cycle

    parts = [p.strip() for p in str(charge).split(",")]
    try:
        if len(parts) > 2:
            raise ValueError
        c_rate = float(parts[0])
        cutoff = None
        if len(parts) > 1 and parts[1] != "none":
            cutoff = float(parts[1])
    except ValueError:
        raise CellDefinitionError(
            f"--charge: {charge!r} is not C_RATE[,CV_CUTOFF_C_RATE] (e.g. 0.5,0.05 or 0.5,none)"
        ) from None
    try:
        return Cycle(c_rate, discharge_c_rate, cutoff, rest)
    except CellDefinitionError as exc:  # name the flag, not the protocol's field
        text = str(exc)
        for field, flag in FLAGS.items():
            text = text.replace(field, flag)
        raise CellDefinitionError(text) from None


FLAGS = {
    "cycle.charge_c_rate": "--charge (C-rate)",
    "cycle.cv_cutoff_c_rate": "--charge (CV cut-off C-rate)",
    "cycle.discharge_c_rate": "--discharge-c-rate",
    "cycle.rest_minutes": "--rest",
}


def run(args):
    import pandas as pd

    from ..cycling import (
        check_cycles,
        check_threshold,
        critical_current_flag,
        cycle_life,
        cycles_to_column,
        estimate_cycle_life,
    )
    from ..design import load_cell
    from ..plotting import plot_retention
    from ..simulation import resolve_mesh
    from .outputs import prepare_out, wrote_line

    # every input is checked before any solve
    cycle = parse_cycle(args.charge, args.discharge_c_rate, args.rest)
    cycles = check_cycles(args.cycles, "--cycles")
    threshold = check_threshold(args.threshold, "--threshold")
    mesh = resolve_mesh(args.mesh)
    cells = [load_cell(name) for name in (args.cell or ["default"])]
    labels = _labels(args.cell or ["default"], cells)
    out, overwrote = prepare_out(args.out)

    tables, curves, summary = [], {}, []
    for label, cell in zip(labels, cells, strict=True):
        if args.estimate:
            est = estimate_cycle_life(cell, cycle, threshold, at_cycle=cycles, mesh=mesh)
            n = len(est.capacity)
            table = pd.DataFrame(
                {
                    "Cycle": range(1, n + 1),
                    "Discharge capacity [mA.h.cm-2]": est.capacity,
                    "Discharge energy [W.h.m-2]": est.energy,
                    "Capacity retention [%]": 100 * est.retention,
                    "Simulated": [i < len(est.simulated) for i in range(n)],
                }
            )
            first = est.simulated.iloc[0]
            to_threshold = est.cycles_to_threshold
            curves[label] = (table["Cycle"], table["Capacity retention [%]"], len(est.simulated))
        else:
            result = cycle_life(
                cell, cycles, cycle, mesh=mesh, progress=_progress(label, cycles, args)
            )
            table = result.table
            first = table.iloc[0]
            to_threshold = result.cycles_to(threshold)
            curves[label] = (table["Cycle"], table["Capacity retention [%]"])
        tables.append(table.assign(Cell=label))
        last = table.iloc[-1]
        summary.append(
            {
                "Cell": label,
                "Specific energy, cycle 1 [W.h.kg-1]": first["Specific energy [W.h.kg-1]"],
                "Energy density, cycle 1 [W.h.L-1]": first["Energy density [W.h.L-1]"],
                cycles_to_column(threshold): to_threshold,
                f"Retention at cycle {int(last['Cycle'])} [%]": last["Capacity retention [%]"],
                "Critical current flag": critical_current_flag(cell, cycle),
            }
        )
    summary = pd.DataFrame(summary)
    flags = summary.pop("Critical current flag")
    print(summary.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    for label, flag in zip(summary["Cell"], flags, strict=True):
        if flag:
            print(f"critical current: {label}: {flag}")
    summary["Critical current flag"] = flags
    if args.estimate:
        print("(estimates: the simulated cycles, then Li inventory bookkeeping)")
    data = pd.concat(tables, ignore_index=True)
    data.insert(0, "Cell", data.pop("Cell"))
    data.to_csv(out / "cycles.csv", index=False)
    summary.to_csv(out / "cycle_summary.csv", index=False)
    plot_retention(curves, out / "retention.png", threshold=threshold)
    files = [out / "cycles.csv", out / "cycle_summary.csv", out / "retention.png"]
    print(wrote_line(files, overwrote))
    return 0


def _labels(names, cells):
    """Each cell's label: its name, or its file/preset name when names repeat."""
    labels = [cell.name for cell in cells]
    if len(set(labels)) < len(labels):
        labels = [str(name) for name in names]
    return labels


def _progress(label, cycles, args):
    if args.no_progress:
        return None
    from tqdm import tqdm

    bar = tqdm(total=cycles, desc=label[:30], unit="cycle", leave=False)

    def tick(row):
        bar.update(1)
        if row["Cycle"] >= cycles or row.get("Status") != "ok":
            bar.close()

    return tick
