"""From a measured retention curve back to the Coulombic efficiency of plating.

Assumptions (they hold for every function here):

- the cell's capacity is limited by its cyclable Li (Li-limited): the cathode takes
  back every Li the anode returns, and no cathode capacity is lost;
- all the Li lost per cycle is lost at the anode: a fraction ``1 - CE`` of the Li
  plated on each charge never strips again (dead Li, interphase);
- the Coulombic efficiency ``CE`` is the same in every cycle.

Then an anode-free cell (no Li excess) keeps

.. math::
    R(n) = CE^{n}

of its capacity after ``n`` cycles (``n`` counts the cycles after the one the table's
retention is measured against; :func:`~asslb_sim.cycling.life.cycle_life`'s retention
is against cycle 1, so its cycle ``k`` is ``n = k - 1`` here: one factor of ``CE``,
0.01 % at Lee's CE), and a cell with a Li excess ``E`` [mA.h.cm-2]
cycling ``Q`` [mA.h.cm-2] loses ``(1 - CE) Q`` of its excess per cycle and none of
its capacity until the excess is used, after

.. math::
    n_0 = \\frac{E}{(1 - CE)\\,Q}

cycles, and then fades as the anode-free cell does: ``R(n) = CE^(n - n0)`` for
``n > n0``, 1 before. (The cycle that uses up the excess fades by part of a cycle's
loss; the law takes ``n0`` as a real number.)

:func:`implied_coulombic_efficiency` fits ``CE`` to a retention table (least squares
on the retention, :func:`scipy.optimize.curve_fit`) with a standard error from the
scatter of the points about the law; :func:`check_printed_efficiency` says what
retention a printed ``CE`` implies and by how much it disagrees with the table.
A cell whose capacity fades for another reason too (CAM loss, rising resistance)
fades faster than its CE says: the CE implied by its retention is then a lower
bound of the true CE.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError

CYCLE = "Cycle number"
RETENTION = "Capacity retention [%]"
# a retention above this is not a Li-limited cell's (which cannot gain capacity) even
# allowing for measurement scatter: refused as a likely unit error (a fraction, or a
# capacity in mA.h.g-1)
MAX_RETENTION = 150.0

LEE_2020 = pd.DataFrame({CYCLE: [600, 1000], RETENTION: [95.0, 89.0]})
"""Lee et al. Nat. Energy 5, 299 (2020): the 0.6 A.h anode-free Ag-C pouch cell
cycled at 0.5C/0.5C, 60 C, 2.5-4.25 V, keeps 95 % of its capacity at 600 cycles and
89 % at 1000 [Pd] (../shared/reference/literature-values.md 2.2)."""

LEE_2020_PRINTED_CE = 0.998
"""Lee 2020: "CE > 99.8 %" over the 1000 cycles [Pd]."""

LEE_2020_MEDIAN_CE = {
    (0, 200): 0.9989,
    (200, 400): 0.9990,
    (400, 600): 0.9988,
    (600, 800): 0.9990,
    (800, 900): 0.9980,
    (900, 1000): 0.9921,
}
"""Lee 2020: median CE by block of cycles, read from the figure in a digest [Fd]
(/work/notes/literature-survey.md section 7)."""


def read_retention_table(table, where="retention table"):
    """Cycle numbers and retentions (fractions) of a retention table.

    ``table``: a pandas DataFrame or the path of a CSV file with the columns
    "Cycle number" (positive, increasing) and "Capacity retention [%]" (in
    (0, 150] %), at least two rows. Bad tables raise a one-line
    :class:`~asslb_sim.errors.CellDefinitionError` naming the problem.
    """
    if isinstance(table, (str, Path)):
        where = str(table)
        try:
            table = pd.read_csv(table)
        except FileNotFoundError:
            raise CellDefinitionError(f"{where}: no such file") from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "empty"
            raise CellDefinitionError(f"{where}: not a readable CSV table ({first})") from None
    if not isinstance(table, pd.DataFrame):
        raise CellDefinitionError(
            f"{where}: {type(table).__name__} is not a table; give a pandas DataFrame or a CSV "
            f"file with columns {CYCLE!r} and {RETENTION!r}"
        )
    missing = [c for c in (CYCLE, RETENTION) if c not in table.columns]
    if missing:
        raise CellDefinitionError(
            f"{where}: missing column(s) {missing}; found {list(map(str, table.columns))}"
        )
    columns = {}
    for name in (CYCLE, RETENTION):
        values = pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            row = int(bad[0])
            raise CellDefinitionError(
                f"{where}: column {name!r} row {row + 1}: {table[name].iloc[row]!r} is not a "
                "finite number"
            )
        columns[name] = values
    cycles, retention = columns[CYCLE], columns[RETENTION]
    if len(cycles) < 2:
        raise CellDefinitionError(
            f"{where}: {len(cycles)} row(s); give at least 2 (the scatter needs them)"
        )
    if np.any(cycles <= 0):
        row = int(np.flatnonzero(cycles <= 0)[0])
        raise CellDefinitionError(
            f"{where}: column {CYCLE!r} row {row + 1}: {cycles[row]:g} must be above 0"
        )
    if np.any(np.diff(cycles) <= 0):
        row = int(np.flatnonzero(np.diff(cycles) <= 0)[0]) + 1
        raise CellDefinitionError(
            f"{where}: column {CYCLE!r} row {row + 1}: {cycles[row]:g} must be above the row "
            f"before ({cycles[row - 1]:g}); cycle numbers increase"
        )
    outside = np.flatnonzero((retention <= 0) | (retention > MAX_RETENTION))
    if outside.size:
        row = int(outside[0])
        raise CellDefinitionError(
            f"{where}: column {RETENTION!r} row {row + 1}: {retention[row]:g} is out of range; "
            f"valid range (0, {MAX_RETENTION:g}] %"
        )
    return cycles, retention / 100


def fade_delay(excess, coulombic_efficiency, capacity):
    """Cycles ``n0 = E / ((1 - CE) Q)`` a Li excess ``E`` [mA.h.cm-2] lasts at the
    Coulombic efficiency ``CE`` with ``Q`` [mA.h.cm-2] cycled (inf at CE = 1; 0 without
    an excess, whatever ``Q``).

    Bad arguments raise a one-line :class:`~asslb_sim.errors.CellDefinitionError`
    naming the argument and its valid range."""
    _check_efficiency(coulombic_efficiency, "coulombic_efficiency")
    _check_excess(excess, capacity)
    if excess == 0:
        return 0.0
    loss = (1 - coulombic_efficiency) * capacity
    return math.inf if loss == 0 else excess / loss


def retention_model(cycles, coulombic_efficiency, excess=0.0, capacity=None):
    """Retention (fraction) after ``cycles`` of a Li-limited cell:
    ``CE^max(n - n0, 0)`` with ``n0`` = :func:`fade_delay` (0 without excess).

    Bad arguments raise as :func:`fade_delay` says."""
    n0 = fade_delay(excess, coulombic_efficiency, capacity)
    n = np.asarray(cycles, dtype=float)
    return coulombic_efficiency ** np.maximum(n - n0, 0.0)


def _is_real(value):
    """A real number (not a bool, not a string)."""
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )


def _check_efficiency(value, where):
    if not (_is_real(value) and 0 < value <= 1):
        raise CellDefinitionError(f"{where}: {value!r} is out of range; valid range (0, 1]")


def _check_excess(excess, capacity):
    if not (_is_real(excess) and excess >= 0 and math.isfinite(excess)):
        raise CellDefinitionError(
            f"excess: {excess!r} mA.h.cm-2 is out of range; valid range [0, inf)"
        )
    if excess > 0 and not (_is_real(capacity) and capacity > 0 and math.isfinite(capacity)):
        raise CellDefinitionError(
            f"capacity: {capacity!r} mA.h.cm-2 is needed with a Li excess; valid range (0, inf)"
        )


@dataclass(frozen=True)
class RetentionFit:
    """The Coulombic efficiency a retention table implies.

    Attributes
    ----------
    coulombic_efficiency : float
        The fitted CE.
    standard_error : float
        Its standard error from the scatter of the points about the law (the
        residual variance over the degrees of freedom, times the inverse
        Gauss-Newton curvature); 0 when the law passes through every point.
    interval : tuple of float
        The 95 % interval of CE (Student t with the degrees of freedom).
    fade_delay : float
        ``n0`` at the fitted CE [cycles] (0 without a Li excess).
    cycles, retention, residuals : numpy.ndarray
        The table's cycle numbers, retentions and measured minus fitted retention
        (fractions).
    degrees_of_freedom : int
        Points less one.
    """

    coulombic_efficiency: float
    standard_error: float
    interval: tuple
    fade_delay: float
    cycles: np.ndarray
    retention: np.ndarray
    residuals: np.ndarray
    degrees_of_freedom: int

    @property
    def loss_per_cycle(self):
        """``1 - CE``: the fraction of the plated Li lost per cycle."""
        return 1 - self.coulombic_efficiency

    @property
    def rms_error(self):
        """RMS of the residuals, in percentage points of retention."""
        return float(np.sqrt(np.mean(self.residuals**2)) * 100)


def implied_coulombic_efficiency(table, excess=0.0, capacity=None):
    """The per-cycle Coulombic efficiency a measured retention curve implies.

    Fits ``R(n) = CE^max(n - n0, 0)``, ``n0 = E / ((1 - CE) Q)`` (the module's
    assumptions: Li-limited, all loss at the anode, one CE) to the table by least
    squares on the retention, in the loss per cycle ``1 - CE``.

    Parameters
    ----------
    table : pandas.DataFrame or path
        "Cycle number" and "Capacity retention [%]" (:func:`read_retention_table`).
    excess : float
        Li excess ``E`` [mA.h.cm-2] beyond what the cathode cycles (0: anode-free).
    capacity : float, optional
        Capacity cycled ``Q`` [mA.h.cm-2]; needed with an excess.

    Returns
    -------
    RetentionFit
    """
    from scipy import optimize, stats

    _check_excess(excess, capacity)
    cycles, retention = read_retention_table(table)
    if np.all(retention >= 1):
        raise CellDefinitionError(
            "retention table: no point below 100 %: a Li-limited cell that has not faded "
            "does not determine its Coulombic efficiency"
        )

    def law(n, loss):
        return retention_model(n, 1 - loss, excess, capacity)

    # start from the best of a log-spaced scan of the loss per cycle: with an excess the
    # law is flat (zero gradient) wherever n0 lies beyond the last cycle
    scan = np.logspace(-9, math.log10(0.5), 600)
    sse = [np.sum((retention - law(cycles, u)) ** 2) for u in scan]
    start = float(scan[int(np.argmin(sse))])
    (loss,), covariance = optimize.curve_fit(
        law, cycles, retention, p0=[start], bounds=(0, 1), absolute_sigma=False
    )
    dof = len(cycles) - 1
    residuals = retention - law(cycles, loss)
    se = float(np.sqrt(covariance[0, 0])) if np.isfinite(covariance[0, 0]) else 0.0
    if np.allclose(residuals, 0, atol=1e-15):
        se = 0.0
    half = stats.t.ppf(0.975, dof) * se
    ce = 1 - float(loss)
    return RetentionFit(
        ce,
        se,
        (ce - half, min(ce + half, 1.0)),
        fade_delay(excess, ce, capacity),
        cycles,
        retention,
        residuals,
        dof,
    )


@dataclass(frozen=True)
class EfficiencyCheck:
    """A printed Coulombic efficiency against a retention table.

    Attributes
    ----------
    printed : float
        The printed CE.
    fit : RetentionFit
        The CE the table implies.
    table : pandas.DataFrame
        Per point: "Cycle number", "Capacity retention [%]" (measured), "Implied
        retention [%]" (what the printed CE gives), "Difference [pp]" (implied less
        measured).
    loss_ratio : float
        ``(1 - CE_printed) / (1 - CE_implied)``: how many times more Li the printed
        CE loses per cycle than the retention shows.
    deviations : float
        ``(CE_implied - CE_printed) / standard error``: how far the printed CE lies
        from the implied one in units of the data's scatter (inf when the law fits
        the points exactly).
    """

    printed: float
    fit: RetentionFit
    table: pd.DataFrame
    loss_ratio: float
    deviations: float

    @property
    def consistent(self):
        """The printed CE lies within the implied CE's 95 % interval."""
        low, high = self.fit.interval
        return bool(low <= self.printed <= high)


def check_printed_efficiency(printed, table, excess=0.0, capacity=None):
    """Whether a printed Coulombic efficiency explains a retention table.

    Under the module's assumptions (Li-limited, all loss at the anode, one CE) the
    printed CE implies a retention at each cycle of the table
    (:func:`retention_model`); the check gives it, the difference from the measured
    retention, and how the printed CE compares with the one the table implies
    (:func:`implied_coulombic_efficiency`).

    Returns
    -------
    EfficiencyCheck
    """
    _check_efficiency(printed, "printed coulombic efficiency")
    fit = implied_coulombic_efficiency(table, excess, capacity)
    implied = retention_model(fit.cycles, printed, excess, capacity)
    rows = pd.DataFrame(
        {
            CYCLE: fit.cycles,
            RETENTION: fit.retention * 100,
            "Implied retention [%]": implied * 100,
            "Difference [pp]": (implied - fit.retention) * 100,
        }
    )
    gap = fit.coulombic_efficiency - printed
    deviations = (
        gap / fit.standard_error if fit.standard_error > 0 else math.copysign(math.inf, gap)
    )
    ratio = (1 - printed) / fit.loss_per_cycle if fit.loss_per_cycle > 0 else math.inf
    return EfficiencyCheck(printed, fit, rows, ratio, deviations)
