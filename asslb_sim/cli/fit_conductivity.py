"""``asslb-sim fit-conductivity``: a transport law fitted to measured effective conductivities."""

from __future__ import annotations


def add_parser(sub):
    parser = sub.add_parser(
        "fit-conductivity",
        help="fit a transport law to measured effective conductivities vs CAM fraction",
        description="Fits the percolation (or Bruggeman) law of the SE (ionic) or CAM "
        "(electronic) network to a CSV of measured effective conductivities against the "
        "CAM volume fraction (columns cam_volume_fraction or cam_vol_percent, sigma_mS_cm, "
        "optionally void_volume_fraction and carbon_volume_fraction). Writes the "
        "coefficients with 95 %% confidence intervals, the residuals, a plot and the "
        "cell-file entries that make the model use the fit.",
    )
    parser.add_argument("table", help="CSV table of measured effective conductivities")
    parser.add_argument("--phase", choices=["ionic", "electronic"], default="ionic")
    parser.add_argument("--law", choices=["percolation", "Bruggeman"], default="percolation")
    parser.add_argument(
        "--bulk-mS-cm",
        type=float,
        default=None,
        help="bulk conductivity of the conducting phase [mS/cm] (fitted when omitted)",
    )
    parser.add_argument(
        "--void", type=float, default=None, help="void volume fraction of every row"
    )
    parser.add_argument("--out", default="asslb-conductivity-fit", help="output folder")
    parser.set_defaults(run=run)


def run(args):
    import pandas as pd

    from ..fitting.conductivity import fit_conductivity_law, write_conductivity_fit
    from .outputs import prepare_out, wrote_line

    _, overwrote = prepare_out(args.out)
    fit = fit_conductivity_law(
        args.table, phase=args.phase, law=args.law, bulk_mS_cm=args.bulk_mS_cm, void=args.void
    )
    with pd.option_context("display.width", 200):
        print(fit.coefficients.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
        print()
        print(fit.residuals.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    print(f"\nworst point within a factor of {fit.max_factor:.2f}\n")
    print("cell-file entries:\n" + fit.toml())
    written = write_conductivity_fit(fit, args.out)
    print(wrote_line(written, overwrote))
    return 0
