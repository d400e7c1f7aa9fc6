"""The validation report: every shipped dataset, predicted against measured, with overlays.

``run_validation()`` runs every check of :data:`CHECKS` with the library's one set of
defaults and returns the table; ``write_report`` writes it as CSV and Markdown with a
figure per dataset. ``asslb-sim validate`` does both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from . import checks
from .conductivity import conductivity_checks

# dataset -> the check that simulates it
CHECKS = {
    "sigma_eff": conductivity_checks,
    "Ruess 2020": checks.ruess2020,
    "Yanev 2024": checks.yanev2024,
    "Lee 2020": checks.lee2020,
    "Stavola 2023": checks.stavola2023,
}
COLUMNS = [
    "dataset",
    "case",
    "quantity",
    "unit",
    "measured",
    "predicted",
    "error",
    "error [%]",
    "target",
    "met",
    "note",
]


@dataclass
class ValidationReport:
    """The comparisons of a validation run: one row per measured quantity."""

    table: pd.DataFrame

    @property
    def met(self):
        return int(self.table["met"].sum())

    @property
    def total(self):
        return len(self.table)

    def misses(self):
        return self.table[~self.table["met"]]


def run_validation(only=None, progress=False):
    """Run the checks (all, or the datasets named in ``only``) with the library defaults."""
    names = list(CHECKS) if not only else list(only)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        from ..errors import CellDefinitionError

        raise CellDefinitionError(f"validate: unknown dataset(s) {unknown}; known: {list(CHECKS)}")
    iterator = names
    if progress:
        from tqdm import tqdm

        iterator = tqdm(names, desc="datasets", unit="dataset")
    rows = []
    for name in iterator:
        rows.extend(row.as_row() for row in CHECKS[name]())
    return ValidationReport(pd.DataFrame(rows, columns=COLUMNS))


def markdown_table(report):
    """The report as a Markdown table (for the README and the issue notes)."""
    lines = [
        "| dataset | case | quantity | measured | predicted | error | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for _, r in report.table.iterrows():
        unit = f" {r['unit']}" if r["unit"] else ""
        if r["unit"] in ("mA.h.g-1", "S/cm"):
            error = f"{r['error [%]']:+.0f} %"
        else:
            error = f"{r['error']:+.3g}{unit}"
        lines.append(
            f"| {r['dataset']} | {r['case']} | {r['quantity']} | {_fmt(r['measured'])}{unit} | "
            f"{_fmt(r['predicted'])}{unit} | {error} | {r['target']} | "
            f"{'yes' if r['met'] else 'no'} |"
        )
    return "\n".join(lines)


def _fmt(x):
    if not np.isfinite(x):
        return "n/a"
    return f"{x:.3g}" if abs(x) < 1e-2 or abs(x) >= 1e4 else f"{x:.4g}"


def plot_report(report, path):
    """Predicted and measured, one panel per dataset: the effective conductivities as
    predicted against measured (log-log, with the factor-2 band), every other dataset as
    an overlay of measured and predicted values across its cases."""
    from matplotlib.figure import Figure

    datasets = list(dict.fromkeys(report.table["dataset"]))
    groups = {}
    for name in datasets:
        key = "sigma_eff" if "sigma_eff" in name else name
        groups.setdefault(key, []).append(name)
    fig = Figure(figsize=(4.4 * len(groups), 4.2), layout="constrained")
    axes = fig.subplots(1, len(groups), squeeze=False)[0]
    for ax, (key, names) in zip(axes, groups.items(), strict=True):
        table = report.table[report.table["dataset"].isin(names)]
        if key == "sigma_eff":
            _parity(ax, table)
        else:
            _overlay(ax, table)
        ax.set_title(f"{key}: {int(table['met'].sum())}/{len(table)} within target", fontsize=9)
        ax.grid(alpha=0.3, which="both")
    fig.savefig(path, dpi=150)
    return fig


def _parity(ax, table):
    measured, predicted = table["measured"].to_numpy(), table["predicted"].to_numpy()
    finite = np.isfinite(predicted) & (predicted > 0)
    colors = np.where(table["met"], "tab:green", "tab:red")
    ionic = table["quantity"].str.contains("ionic").to_numpy()
    for mask, marker, label in ((ionic, "o", "ionic"), (~ionic, "s", "electronic")):
        m = finite & mask
        ax.scatter(measured[m], predicted[m], c=colors[m], marker=marker, s=20, label=label)
    values = np.r_[measured, predicted[finite]]
    grid = np.geomspace(np.nanmin(values) / 2, np.nanmax(values) * 2, 10)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.plot(grid, grid, "k-", lw=0.8)
    ax.plot(grid, 2 * grid, "k--", lw=0.6)
    ax.plot(grid, grid / 2, "k--", lw=0.6)
    ax.set_xlabel("measured [S/cm]")
    ax.set_ylabel("predicted [S/cm]")
    ax.legend(fontsize=7, title="green: within x2", title_fontsize=7)


def _overlay(ax, table):
    pairs = zip(table["case"], table["quantity"], strict=True)
    labels = [f"{case}\n{quantity.split(' (')[0][:22]}" for case, quantity in pairs]
    x = np.arange(len(table))
    ax.plot(x, table["measured"], "ko", ms=6, label="measured")
    colors = np.where(table["met"], "tab:green", "tab:red")
    ax.scatter(x, table["predicted"], c=colors, marker="D", s=28, zorder=3, label="predicted")
    ax.plot(x, table["predicted"], color="0.6", lw=0.8, zorder=2)
    ax.set_xticks(x, labels, fontsize=6, rotation=30, ha="right")
    unit = table["unit"].iloc[0]
    ax.set_ylabel(f"{table['quantity'].iloc[0].split(' (')[0][:40]}{f' [{unit}]' if unit else ''}")
    ax.legend(fontsize=7, title="predicted: green within target", title_fontsize=7)


def provenance():
    """Where every dataset comes from: the shipped tables' headers (paper, table or
    figure, how each value was read) and each simulated cell's spec notes."""
    from importlib import resources

    from . import specs

    lines = ["## Data and provenance", ""]
    for name in (
        "measured-effective-conductivity.csv",
        "published-rate-data.csv",
        "published-lithiation-gradients.csv",
    ):
        path = resources.files(__package__) / "data" / name
        with path.open() as f:
            header = [line[1:].rstrip() for line in f if line.startswith("#")]
        lines += [f"### {name}", "", "```", *header, "```", ""]
    lines += ["### Cell specs simulated (asslb_sim/validation/specs.py)", ""]
    for spec in (
        specs.ruess2020(),
        specs.yanev2024("gran", 73),
        specs.lee2020(),
        specs.stavola2023(70),
    ):
        lines.append(f"- **{spec.name}** ({spec.source}):")
        lines += [f"  - {note}" for note in spec.notes]
    return "\n".join(lines)


def write_report(report, out):
    """Write ``validation.csv``, ``validation.md`` and ``validation.png`` into ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report.table.to_csv(out / "validation.csv", index=False)
    text = (
        f"# Validation: {report.met} of {report.total} within target\n\n"
        + markdown_table(report)
        + "\n\n"
        + provenance()
        + "\n"
    )
    (out / "validation.md").write_text(text)
    plot_report(report, out / "validation.png")
    return [out / "validation.csv", out / "validation.md", out / "validation.png"]
