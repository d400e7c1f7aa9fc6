"""Fit a transport law's coefficients to measured effective conductivities of composites.

What blocking-electrode EIS and transmission-line fits give a lab: the effective ionic
or electronic conductivity of a composite cathode at several CAM fractions. The law of
the phase that carries the charge (the SE for ions, the CAM for electrons) is fitted to
it:

- ``"percolation"``: ``sigma_eff = sigma_bulk max(((eps - eps_c) / (1 - eps_c))^mu,
  T_floor)``, coefficients ``eps_c`` and ``mu``;
- ``"Bruggeman"``: ``sigma_eff = sigma_bulk eps^b``, coefficient ``b``;

with ``sigma_bulk`` given (the pellet's) or fitted too. The fit minimises the squared
log10 residuals (the data span decades), with 95 % confidence intervals from the
Jacobian at the optimum (Student's t), and returns the cell-file entries that make the
model use the fitted law.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError
from ..parameter_sets import defaults

PHASES = {
    "ionic": ("solid electrolyte", "solid_electrolyte_transport", "se_conductivity_mS_cm"),
    "electronic": ("active material", "active_material_transport", None),
}
LAWS = ("percolation", "Bruggeman")
# coefficient -> (bounds, unit)
_BOUNDS = {
    "percolation threshold": ((0.0, 0.6), ""),
    "percolation exponent": ((0.5, 6.0), ""),
    "Bruggeman exponent": ((0.5, 8.0), ""),
    "log10 bulk conductivity [mS.cm-1]": ((-9.0, 4.0), ""),
}


@dataclass
class ConductivityFit:
    """The result of :func:`fit_conductivity_law`.

    Attributes
    ----------
    law, phase : str
        The fitted law and the charge carrier ("ionic" or "electronic").
    coefficients : pandas.DataFrame
        One row per coefficient: fitted value and 95 % confidence interval.
    residuals : pandas.DataFrame
        The data with the fitted conductivity and the factor fitted / measured.
    bulk_mS_cm : float
        The bulk conductivity used (given or fitted) [mS/cm].
    """

    law: str
    phase: str
    coefficients: pd.DataFrame
    residuals: pd.DataFrame
    bulk_mS_cm: float
    floor: float

    @property
    def max_factor(self):
        """The worst ratio between fitted and measured, as a factor >= 1."""
        f = self.residuals["factor"].to_numpy()
        return float(np.max(np.maximum(f, 1 / f)))

    def value(self, name):
        row = self.coefficients[self.coefficients["Coefficient"] == name]
        return float(row["Fitted"].iloc[0])

    def predict(self, phase_fraction):
        """The law's effective conductivity [mS/cm] at phase volume fractions."""
        eps = np.asarray(phase_fraction, dtype=float)
        if self.law == "percolation":
            return self.bulk_mS_cm * _percolation(
                eps,
                self.value("percolation threshold"),
                self.value("percolation exponent"),
                self.floor,
            )
        return self.bulk_mS_cm * eps ** self.value("Bruggeman exponent")

    def cell_file_entries(self):
        """The cell-file sections that make the model use the fitted law (TOML-ready):
        the ``[model]`` law and, under ``[parameters]``, its coefficients for the
        composite cathode's phase (and the bulk conductivity as a design key)."""
        phase, slot, bulk_key = PHASES[self.phase]
        prefix = f"Positive electrode {phase}"
        if self.law == "percolation":
            parameters = {
                f"{prefix} percolation threshold": self.value("percolation threshold"),
                f"{prefix} percolation exponent": self.value("percolation exponent"),
            }
        else:
            parameters = {f"{prefix} Bruggeman exponent": self.value("Bruggeman exponent")}
        sections = {"model": {slot: self.law}, "parameters": parameters}
        if bulk_key:
            sections["cathode"] = {bulk_key: self.bulk_mS_cm}
        else:
            sections["cathode"] = {"active_material_conductivity_S_m": 0.1 * self.bulk_mS_cm}
        return sections

    def toml(self):
        """:meth:`cell_file_entries` as TOML text."""
        lines = []
        for section, entries in self.cell_file_entries().items():
            lines.append(f"[{section}]")
            for key, value in entries.items():
                name = f'"{key}"' if " " in key else key
                text = f'"{value}"' if isinstance(value, str) else f"{value:.6g}"
                lines.append(f"{name} = {text}")
            lines.append("")
        return "\n".join(lines)


def _percolation(eps, threshold, exponent, floor):
    excess = np.maximum(eps - threshold, 0.0) / (1 - threshold)
    return np.maximum(excess**exponent, floor)


def read_conductivity_table(path):
    """A measured table: CSV with ``cam_volume_fraction`` (or ``cam_vol_percent``),
    ``sigma_mS_cm``, and optionally ``void_volume_fraction`` and
    ``carbon_volume_fraction`` per row ('#' lines are comments)."""
    path = Path(path)
    if not path.is_file():
        raise CellDefinitionError(f"conductivity table: {path} does not exist")
    try:
        table = pd.read_csv(path, comment="#")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise CellDefinitionError(f"conductivity table: {path} is not a CSV table: {exc}") from None
    return table


def _column(table, name, default=None):
    if name in table:
        values = pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)
        if not np.all(np.isfinite(values)):
            raise CellDefinitionError(f"conductivity table: column {name} has non-numbers")
        return values
    return None if default is None else np.full(len(table), float(default))


def phase_fractions(table, phase, void=None):
    """``(CAM fraction, conducting phase fraction)`` of each row: the CAM for electrons,
    ``1 - CAM - void - carbon`` (the SE) for ions."""
    cam = _column(table, "cam_volume_fraction")
    if cam is None:
        percent = _column(table, "cam_vol_percent")
        if percent is None:
            raise CellDefinitionError(
                "conductivity table: give a column cam_volume_fraction (0-1) or cam_vol_percent"
            )
        cam = percent / 100
    void_col = _column(table, "void_volume_fraction", void)
    if void_col is None:
        raise CellDefinitionError(
            "conductivity table: give void_volume_fraction (a column, or --void) for ionic data"
            if phase == "ionic"
            else "conductivity table: void_volume_fraction missing"
        )
    carbon = _column(table, "carbon_volume_fraction", 0.0)
    if np.any((cam <= 0) | (cam >= 1)):
        raise CellDefinitionError("conductivity table: cam_volume_fraction must be in (0, 1)")
    if np.any((void_col < 0) | (void_col >= 1)):
        raise CellDefinitionError("conductivity table: void_volume_fraction must be in [0, 1)")
    conducting = cam if phase == "electronic" else 1 - cam - void_col - carbon
    if np.any(conducting <= 0):
        raise CellDefinitionError(
            "conductivity table: a row leaves no SE (1 - CAM - void - carbon <= 0)"
        )
    return cam, conducting


def _checked_data(table, phase, law, bulk_mS_cm, void):
    """``(measured, CAM fraction, phase fraction)`` of a table, every input checked."""
    if phase not in PHASES:
        raise CellDefinitionError(f"fit-conductivity: phase {phase!r}; valid: {list(PHASES)}")
    if law not in LAWS:
        raise CellDefinitionError(f"fit-conductivity: law {law!r}; valid: {list(LAWS)}")
    if not isinstance(table, pd.DataFrame):
        table = read_conductivity_table(table)
    measured = _column(table, "sigma_mS_cm")
    if measured is None:
        raise CellDefinitionError("conductivity table: give a column sigma_mS_cm")
    if np.any(measured <= 0):
        raise CellDefinitionError("conductivity table: sigma_mS_cm must be above 0")
    if bulk_mS_cm is not None and not (math.isfinite(bulk_mS_cm) and bulk_mS_cm > 0):
        raise CellDefinitionError(
            f"fit-conductivity: bulk conductivity {bulk_mS_cm!r} mS/cm; valid range (0, inf)"
        )
    cam, eps = phase_fractions(table, phase, void)
    return measured, cam, eps


def _least_squares(residual, names, lower, upper, start):
    """The best of a few starts (the threshold and the exponent trade off along a
    valley)."""
    from scipy.optimize import least_squares

    x0 = np.clip([start[n] for n in names], lower, upper)
    best = None
    for shift in (1.0, 0.3, 0.8):
        guess = x0.copy()
        if names[0] == "percolation threshold":
            guess[0] = shift * upper[0] * 0.9
        result = least_squares(residual, guess, bounds=(lower, upper), x_scale="jac")
        if best is None or result.cost < best.cost:
            best = result
    return best


def _coefficients(best, names):
    """Fitted values with 95 % intervals: ``s^2 (J^T J)^-1``, Student's t."""
    from scipy.stats import t as student_t

    m, n = len(best.fun), len(names)
    s2 = float(best.fun @ best.fun) / max(m - n, 1)
    try:
        cov = s2 * np.linalg.inv(best.jac.T @ best.jac)
        half = student_t.ppf(0.975, max(m - n, 1)) * np.sqrt(np.clip(np.diag(cov), 0, None))
    except np.linalg.LinAlgError:
        half = np.full(n, np.inf)
    rows = []
    for i, name in enumerate(names):
        value, low, high = best.x[i], best.x[i] - half[i], best.x[i] + half[i]
        if name.startswith("log10"):
            rows.append(("bulk conductivity [mS.cm-1]", 10**value, 10**low, 10**high))
        else:
            rows.append((name, value, low, high))
    return pd.DataFrame(rows, columns=["Coefficient", "Fitted", "95% CI low", "95% CI high"])


def fit_conductivity_law(
    table, phase="ionic", law="percolation", bulk_mS_cm=None, void=None, floor=None
):
    """Fit ``law`` to measured effective conductivities of one phase.

    Parameters
    ----------
    table : pandas.DataFrame or path
        See :func:`read_conductivity_table`; ``sigma_mS_cm`` is the measured value.
    phase : {"ionic", "electronic"}
        Which conductivity the table holds.
    law : {"percolation", "Bruggeman"}
    bulk_mS_cm : float, optional
        The bulk conductivity of the conducting phase [mS/cm]; fitted when omitted.
    void : float, optional
        Void volume fraction of every row (when the table has no such column).
    floor : float, optional
        The percolation law's floor (default: the library's).

    Returns
    -------
    ConductivityFit
    """
    measured, cam, eps = _checked_data(table, phase, law, bulk_mS_cm, void)
    floor = float(defaults.PERCOLATION_FLOOR) if floor is None else floor
    names = (
        ["percolation threshold", "percolation exponent"]
        if law == "percolation"
        else ["Bruggeman exponent"]
    )
    if bulk_mS_cm is None:
        names.append("log10 bulk conductivity [mS.cm-1]")
    if len(measured) <= len(names):
        raise CellDefinitionError(
            f"fit-conductivity: {len(measured)} measurements cannot determine {len(names)} "
            "coefficients; give more rows (or the bulk conductivity)"
        )

    def model(p):
        bulk = bulk_mS_cm if bulk_mS_cm is not None else 10 ** p[-1]
        if law == "percolation":
            return bulk * _percolation(eps, p[0], p[1], floor)
        return bulk * eps ** p[0]

    lower = [_BOUNDS[n][0][0] for n in names]
    upper = [_BOUNDS[n][0][1] for n in names]
    if law == "percolation":
        upper[0] = min(upper[0], float(np.min(eps)) * 0.999)  # every point above threshold
    start = {
        "percolation threshold": 0.5 * upper[0] if law == "percolation" else 0.0,
        "percolation exponent": 2.0,
        "Bruggeman exponent": 1.5,
        "log10 bulk conductivity [mS.cm-1]": float(np.log10(np.max(measured))) + 0.5,
    }
    best = _least_squares(
        lambda p: np.log10(model(p)) - np.log10(measured), names, lower, upper, start
    )
    bulk = bulk_mS_cm if bulk_mS_cm is not None else float(10 ** best.x[-1])
    fitted = model(best.x)
    residuals = pd.DataFrame(
        {
            "CAM volume fraction": cam,
            f"{PHASES[phase][0].capitalize()} volume fraction": eps,
            "Measured [mS.cm-1]": measured,
            "Fitted [mS.cm-1]": fitted,
            "factor": fitted / measured,
        }
    )
    return ConductivityFit(law, phase, _coefficients(best, names), residuals, bulk, floor)


def plot_conductivity_fit(fit, ax=None):
    """Measured points and the fitted law against the CAM fraction (log scale)."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    data = fit.residuals
    eps_col = data.columns[1]
    order = np.argsort(data["CAM volume fraction"].to_numpy())
    cam = data["CAM volume fraction"].to_numpy()[order]
    eps = data[eps_col].to_numpy()[order]
    fine_cam = np.linspace(cam.min(), cam.max(), 200)
    fine_eps = np.interp(fine_cam, cam, eps)
    ax.semilogy(cam, data["Measured [mS.cm-1]"].to_numpy()[order], "o", label="measured")
    ax.semilogy(fine_cam, fit.predict(fine_eps), "-", label=f"{fit.law} fit")
    ax.set_xlabel("CAM volume fraction")
    ax.set_ylabel(f"Effective {fit.phase} conductivity [mS/cm]")
    ax.set_title(f"max factor {fit.max_factor:.2f}")
    ax.legend()
    return ax


def write_conductivity_fit(fit, out):
    """Write coefficients.csv, residuals.csv, fit.png and cell-file.toml to ``out``."""
    import matplotlib.pyplot as plt

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [
        out / "coefficients.csv",
        out / "residuals.csv",
        out / "fit.png",
        out / "cell-file.toml",
    ]
    fit.coefficients.to_csv(paths[0], index=False)
    fit.residuals.to_csv(paths[1], index=False)
    ax = plot_conductivity_fit(fit)
    ax.figure.tight_layout()
    ax.figure.savefig(paths[2], dpi=120)
    plt.close(ax.figure)
    paths[3].write_text(fit.toml())
    return paths
