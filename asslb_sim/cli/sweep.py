"""``asslb-sim sweep``: a design study over many cells, resumable, local or Dask."""

from __future__ import annotations

import sys
from pathlib import Path


def add_parser(sub):
    parser = sub.add_parser(
        "sweep", help="a design study over many cells (grid or sample), resumable, local or Dask"
    )
    parser.add_argument("study", help="study definition file (TOML)")
    parser.add_argument(
        "--out",
        default="results.parquet",
        help="results folder, a Parquet dataset (default: results.parquet)",
    )
    parser.add_argument("--workers", type=int, default=1, help="local worker processes")
    parser.add_argument(
        "--scheduler",
        default=None,
        help="address of a running Dask scheduler, e.g. tcp://host:8786",
    )
    parser.add_argument(
        "--map",
        nargs=2,
        metavar=("X", "Y"),
        default=None,
        help="draw maps of Wh/kg and Wh/L over two swept keys (grid studies)",
    )
    parser.add_argument("--map-c-rate", type=float, default=1.0, help="C-rate of the maps")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
    parser.set_defaults(run=run)


def check_map(study, keys, c_rate):
    """Refuse a map that the study cannot draw, before it runs."""
    from ..errors import CellDefinitionError

    unknown = [k for k in keys if k not in study.keys]
    if unknown:
        raise CellDefinitionError(
            f"--map: {unknown} not varied by the study; valid: {list(study.keys)}"
        )
    if keys[0] == keys[1]:
        raise CellDefinitionError(f"--map: give two different keys, not {keys[0]!r} twice")
    if study.sampling != "grid":
        raise CellDefinitionError(
            f"--map: needs a grid study; this one is sampled ({study.sampling!r})"
        )
    if c_rate not in study.c_rates:
        raise CellDefinitionError(
            f"--map-c-rate: {c_rate:g} is not a C-rate of the study; valid: "
            f"{[float(c) for c in study.c_rates]}"
        )


def run(args):
    from ..errors import CellDefinitionError
    from ..studies import best_design, check_scheduler, load_study, run_study

    study = load_study(args.study)
    if args.workers < 1:
        raise CellDefinitionError(f"--workers: {args.workers}; valid range [1, inf)")
    if args.map is not None:
        check_map(study, args.map, args.map_c_rate)
    if Path(args.out).exists() and not Path(args.out).is_dir():
        raise CellDefinitionError(
            f"--out: {args.out!r} is an existing file; valid: a results folder (new, or one "
            "of this study to resume)"
        )
    if args.scheduler is not None:
        check_scheduler(args.scheduler, field="--scheduler")
    try:
        results = run_study(
            study,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=not args.no_progress,
        )
    except KeyboardInterrupt:
        print(
            f"asslb-sim: interrupted; the finished designs are kept in {args.out}: run the same "
            "command again to resume (designs already there are not run again)",
            file=sys.stderr,
        )
        return 130
    if results.empty:
        print(f"Study {study.name}: no designs in {args.out}")
        return 0
    ok = results[results["Status"] == "ok"]
    failed = results[results["Status"] != "ok"]
    print(
        f"Study {study.name}: {results['Design'].nunique()} designs, {len(results)} rows "
        f"({len(failed)} failed) in {args.out}"
    )
    if ok.empty:
        reasons = failed["Termination"].value_counts()
        print(
            "every design failed ("
            + ", ".join(f"{n} {t}" for t, n in reasons.items())
            + f"); first message: {str(failed['Message'].iloc[0])[:200]}"
        )
    for c in study.c_rates:
        best = best_design(results, c_rate=c)
        if best is not None:
            keys = ", ".join(f"{k} = {best[k]:.4g}" for k in study.keys)
            print(
                f"  best specific energy at {c:g}C: {best['Specific energy [W.h.kg-1]']:.1f} "
                f"Wh/kg, {best['Energy density [W.h.L-1]']:.0f} Wh/L ({keys})"
            )
    if args.map is not None and not ok.empty:
        from ..plotting import plot_study_map

        path = Path(args.out).with_suffix(".png")
        overwrote = path.exists()
        try:
            plot_study_map(results, *args.map, c_rate=args.map_c_rate, path=path)
        except ValueError as exc:  # too few designs succeeded to draw a map
            print(f"no map: {exc}")
        else:
            print(f"Wrote {path}" + (" (replacing the earlier map)" if overwrote else ""))
    return 0
