"""Statistics of a fit: confidence intervals, correlations and identifiability warnings.

From the residuals ``r`` and their Jacobian ``J`` in the optimiser's [0, 1] box
at the optimum: the covariance ``s^2 (J^T J)^-1`` with ``s^2 = r.r / (m - n)``,
scaled to each parameter's own scale (ln for log-scaled parameters), 95 %
intervals from Student's t, and a plain-language warning for every parameter
the data do not determine and every pair with |corr| > 0.95.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

CORRELATION_WARNING = 0.95
INTERVAL_COLUMNS = ["Parameter", "Initial", "Fitted", "95% CI low", "95% CI high", "Scale"]


def fit_statistics(params, initial, values, optimum):
    """``(parameter table, correlation table, warnings)`` of a fit."""
    from scipy.stats import t as student_t

    m, n = len(optimum.fun), len(params)
    J = optimum.jac
    dof = max(m - n, 1)
    s2 = float(optimum.fun @ optimum.fun) / dof
    warnings = []
    if J is None:  # the fit's evaluation limit came before any Jacobian
        cov_u = np.full((n, n), np.nan)
        warnings.append(
            "No intervals or correlations: the evaluation limit came before the Jacobian "
            "could be computed (raise max_evaluations)."
        )
    else:
        try:
            cov_u = s2 * np.linalg.inv(J.T @ J)
            if not np.all(np.isfinite(cov_u)):
                raise np.linalg.LinAlgError
        except np.linalg.LinAlgError:
            cov_u = np.full((n, n), np.inf)
            warnings.append(
                "The data do not constrain the parameters jointly (singular Jacobian): "
                "at least one parameter or combination is not identifiable."
            )
    spans = np.array([p.span for p in params])
    cov = cov_u * np.outer(spans, spans)  # in each parameter's own scale (ln or linear)
    sd = np.sqrt(np.clip(np.diag(cov), 0, None))  # NaN stays NaN: no interval
    tq = student_t.ppf(0.975, dof)
    rows = []
    for p, v0, v, s in zip(params, initial, values, sd, strict=True):
        if p.log:
            half = min(tq * s, 700.0)  # exp overflows beyond; such an interval means "any"
            low, high = v * math.exp(-half), v * math.exp(half)
        else:
            low, high = v - tq * s, v + tq * s
        rows.append((p.name, v0, v, low, high, "log" if p.log else "linear"))
    table = pd.DataFrame(rows, columns=INTERVAL_COLUMNS)
    names = [p.name for p in params]
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sd, sd)
    if J is not None:
        warnings += _identifiability(params, values, sd, tq, corr)
    return table, pd.DataFrame(corr, index=names, columns=names), warnings


def _identifiability(params, values, sd, tq, corr):
    """Plain-language warnings: parameters at a bound or not determined, and pairs
    that are not separately identifiable."""
    warnings = []
    names = [p.name for p in params]
    n = len(params)
    for p, v, s_ in zip(params, values, sd, strict=True):
        u = p.to_unit(v)
        if u < 1e-3 or u > 1 - 1e-3:
            side = "lower" if u < 0.5 else "upper"
            warnings.append(
                f"{p.name} ended at its {side} bound ({v:.4g}): the optimum may lie "
                "outside the bounds, or the data do not constrain it."
            )
        # a 95 % interval wider than the whole search box: the data do not determine it
        if not np.isfinite(s_) or 2 * tq * s_ > p.span:
            warnings.append(
                f"{p.name} is not determined by these data: its 95 % interval is "
                "wider than its bounds (the model is insensitive to it here)."
            )
    for i in range(n):
        for j in range(i + 1, n):
            r = corr[i, j]
            if np.isfinite(r) and abs(r) > CORRELATION_WARNING:
                warnings.append(
                    f"{names[i]} and {names[j]} are not separately identifiable from these "
                    f"data (correlation {r:+.3f}): only a combination of the two is determined, "
                    "and their individual values and intervals should not be trusted."
                )
            elif not np.isfinite(r):
                warnings.append(
                    f"{names[i]} and {names[j]}: correlation undefined "
                    "(a parameter has no influence on the data)."
                )
    return warnings
