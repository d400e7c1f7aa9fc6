"""``asslb-sim sweep``: a design study over many cells, resumable, local or Dask."""

from __future__ import annotations

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


def run(args):
    from ..studies import best_design, load_study, run_study

    study = load_study(args.study)
    results = run_study(
        study,
        args.out,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=not args.no_progress,
    )
    ok = results[results["Status"] == "ok"]
    failed = results[results["Status"] != "ok"]
    print(
        f"Study {study.name}: {results['Design'].nunique()} designs, {len(results)} rows "
        f"({len(failed)} failed) in {args.out}"
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
        plot_study_map(results, *args.map, c_rate=args.map_c_rate, path=path)
        print(f"Wrote {path}")
    return 0
