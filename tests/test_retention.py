"""From retention back to the Coulombic efficiency: analytic limits, recovery of a known
CE from noisy synthetic retention, and Lee 2020's printed CE against its retention."""

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cycling import (
    CYCLE,
    LEE_2020,
    LEE_2020_MEDIAN_CE,
    LEE_2020_PRINTED_CE,
    RETENTION,
    check_printed_efficiency,
    fade_delay,
    implied_coulombic_efficiency,
    retention_model,
)


def _table(cycles, retention):
    return pd.DataFrame({CYCLE: cycles, RETENTION: 100 * np.asarray(retention)})


def test_anode_free_cell_retains_ce_to_the_n():
    n = np.array([1, 10, 100, 1000])
    np.testing.assert_allclose(retention_model(n, 0.999), 0.999**n, rtol=1e-15)
    fit = implied_coulombic_efficiency(_table(n, 0.999**n))
    # 1e-12: noiseless data on the law; the fit converges to the solver's tolerance
    assert fit.coulombic_efficiency == pytest.approx(0.999, abs=1e-12)
    assert fit.fade_delay == 0


def test_excess_delays_the_fade_by_e_over_loss_per_cycle():
    # 2 mA.h.cm-2 of excess, 4 cycled at CE 0.999: 2 / (0.001 * 4) = 500 cycles
    assert fade_delay(2.0, 0.999, 4.0) == pytest.approx(500)
    n = np.array([100, 499, 500, 600, 1000])
    r = retention_model(n, 0.999, excess=2.0, capacity=4.0)
    # no fade while the excess lasts; 1e-12: 1 - 0.999 is 1e-3 only to rounding, so n0
    # is 500 to about 1e-12 cycles
    np.testing.assert_allclose(r[:3], 1.0, rtol=1e-12)
    np.testing.assert_allclose(r[3:], 0.999 ** (n[3:] - 500.0), rtol=1e-12)
    assert fade_delay(0.0, 0.999, 4.0) == 0 and fade_delay(1.0, 1.0, 4.0) == np.inf


@pytest.mark.parametrize(
    ("ce", "excess", "capacity"), [(0.9995, 0.0, None), (0.999, 2.0, 4.0)], ids=["AF", "excess"]
)
def test_known_ce_is_recovered_from_noisy_retention(ce, excess, capacity):
    rng = np.random.default_rng(7)
    n = np.arange(50, 1501, 50)
    noise = 0.3  # percentage points, about a cycler's scatter of capacity
    measured = 100 * retention_model(n, ce, excess, capacity) + rng.normal(0, noise, n.size)
    fit = implied_coulombic_efficiency(
        pd.DataFrame({CYCLE: n, RETENTION: measured}), excess, capacity
    )
    # 4 standard errors: the error estimated from the scatter itself (a wrong law or a
    # wrong delay would leave it far outside; a correct fit lies within 2 in 95 % of seeds)
    assert abs(fit.coulombic_efficiency - ce) < 4 * fit.standard_error
    # the standard error follows the noise: sigma / sqrt(sum (dR/dloss)^2) by hand, within
    # 50 % (the scatter estimates sigma from 29 degrees of freedom: +-13 % at one sigma)
    n_fade = np.maximum(n - fade_delay(excess, ce, capacity) if excess else n, 0)
    slope = n_fade * ce ** (n_fade - 1)
    if excess:  # n0 = E / (u Q) moves with the loss per cycle u too
        n0 = fade_delay(excess, ce, capacity)
        slope = slope - np.where(n > n0, ce**n_fade * np.log(ce) * n0 / (1 - ce), 0)
    expected = noise / 100 / np.sqrt(np.sum(slope**2))
    assert fit.standard_error == pytest.approx(expected, rel=0.5)
    assert fit.rms_error == pytest.approx(noise, rel=0.5)


def test_the_95_percent_interval_covers_the_true_ce_in_95_percent_of_samples():
    n = np.arange(50, 1501, 50)
    truth = retention_model(n, 0.9995)
    covered = []
    for seed in range(100):
        measured = 100 * truth + np.random.default_rng(seed).normal(0, 0.3, n.size)
        low, high = implied_coulombic_efficiency(_table(n, measured / 100)).interval
        covered.append(low <= 0.9995 <= high)
    # 95 % expected; 100 samples scatter by 2.2 % (binomial): 88 % is three of them below
    assert 0.88 <= np.mean(covered) <= 1.0


def test_lee_2020_printed_ce_does_not_explain_its_retention():
    """Lee's anode-free cell: 95 % at 600 cycles and 89 % at 1000 need CE 99.989 %;
    the printed 'CE > 99.8 %' (and the medians 99.88-99.90 %) would leave about 30-55 %
    at 600 cycles."""
    fit = implied_coulombic_efficiency(LEE_2020)
    # each point alone: 0.95^(1/600) = 0.999915, 0.89^(1/1000) = 0.999883
    assert 0.999883 < fit.coulombic_efficiency < 0.999915
    assert fit.coulombic_efficiency == pytest.approx(0.999892, abs=1e-6)
    printed = check_printed_efficiency(LEE_2020_PRINTED_CE, LEE_2020)
    rows = printed.table.set_index(CYCLE)
    # 0.998^600 = 30.08 %, 0.998^1000 = 13.51 %
    assert rows.loc[600, "Implied retention [%]"] == pytest.approx(30.08, abs=0.01)
    assert rows.loc[1000, "Implied retention [%]"] == pytest.approx(13.51, abs=0.01)
    assert rows.loc[600, "Difference [pp]"] == pytest.approx(30.08 - 95, abs=0.01)
    # the printed CE loses 18.6x the Li per cycle that the retention shows
    assert printed.loss_ratio == pytest.approx(0.002 / (1 - fit.coulombic_efficiency), rel=1e-9)
    assert printed.loss_ratio == pytest.approx(18.6, abs=0.1)
    assert not printed.consistent
    # the best median (99.90 %) still leaves 54.9 % at 600 cycles, and loses 9.3x the Li
    best = check_printed_efficiency(max(LEE_2020_MEDIAN_CE.values()), LEE_2020)
    assert best.table["Implied retention [%]"].iloc[0] == pytest.approx(54.86, abs=0.01)
    assert best.loss_ratio == pytest.approx(9.3, abs=0.1)
    assert not best.consistent


def test_a_consistent_printed_ce_is_consistent():
    n = np.array([200, 400, 600, 800])
    table = _table(n, 0.9995**n * np.array([1.001, 0.999, 1.0005, 0.9995]))
    check = check_printed_efficiency(0.9995, table)
    assert check.consistent and abs(check.deviations) < 2
    assert not check_printed_efficiency(0.999, table).consistent
