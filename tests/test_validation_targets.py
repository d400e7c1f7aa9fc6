"""The validation targets, with the library's one set of defaults (slow: they simulate
the published cells). Targets the physics meets are asserted; targets it misses are
strict xfails that name the cause, so that a change of physics that meets them (or
breaks a met one) is seen here."""

import pytest

from asslb_sim.cli import main
from asslb_sim.validation import checks
from asslb_sim.validation.conductivity import conductivity_checks

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sigma():
    rows = conductivity_checks()
    return {(r.dataset, r.case, r.quantity): r for r in rows}


@pytest.fixture(scope="module")
def yanev():
    return checks.yanev2024()


@pytest.fixture(scope="module")
def ruess():
    return {r.case: r for r in checks.ruess2020()}


@pytest.fixture(scope="module")
def lee():
    return {r.case: r for r in checks.lee2020()}


@pytest.fixture(scope="module")
def stavola():
    return {r.case: r for r in checks.stavola2023()}


def _factor(row):
    return row.predicted / row.measured


def test_sigma_eff_of_the_calibration_papers(sigma):
    """Minnmann 2021 and Yanev 2024 (the laws' calibration): every point within a factor
    of 2.1 (the joint fit reached 1.98 with each powder's SE size fitted; the library
    has one size per SE) and all but the two known misses within 2 (Minnmann's
    ball-milled-SE electronic point: the law has no size effect on the CAM network;
    Yanev sc84 ionic, x0.49)."""
    rows = [r for key, r in sigma.items() if "Stavola" not in key[0]]
    assert len(rows) == 19  # Minnmann 6 ionic + 6 electronic, Yanev 7 ionic
    factors = {(r.case, r.quantity): _factor(r) for r in rows}
    outside = sorted(k for k, f in factors.items() if not 0.5 <= f <= 2.0)
    assert all(0.45 <= f <= 3.1 for f in factors.values()), factors
    assert len(outside) <= 2, outside


def test_ionic_conductivity_collapses_with_cam_fraction(sigma):
    """The composition sensitivity the simulator lacked: Minnmann's sigma_ion falls 137x
    from 24.6 to 61.1 vol% CAM; the law within a factor 2 of that ratio."""
    ionic = {
        r.case: r.predicted
        for key, r in sigma.items()
        if key[0].startswith("Minnmann") and "ionic" in r.quantity and "fine" not in r.case
    }
    low = next(v for k, v in ionic.items() if "24.6" in k)
    high = next(v for k, v in ionic.items() if "61.1" in k)
    assert 137 / 2 < low / high < 137 * 2


@pytest.mark.xfail(
    strict=True,
    reason="Stavola 2023's ionic values are inconsistent with Minnmann's and Yanev's under "
    "any shared law (tortuosity 8.7 at 18 vol% CAM; a log-slope below any fitted exponent); "
    "its 40 wt% electronic point lies below the CAM network's threshold",
)
def test_sigma_eff_stavola_within_factor_2(sigma):
    rows = [r for key, r in sigma.items() if "Stavola" in key[0]]
    assert all(r.met for r in rows)


def test_ruess_low_rate_first_charge(ruess):
    row = ruess["first charge at 0.02C"]
    assert row.met, row  # within 10 % of 197 mA.h/g


@pytest.mark.xfail(
    strict=True,
    reason="0.5C first charge over-predicted (about +20 %): one particle size (3.1 um from "
    "the BET area) where the real CAM has a distribution whose large particles limit",
)
def test_ruess_half_c_first_charge(ruess):
    assert ruess["first charge at 0.5C"].met


def test_yanev_composition_series(yanev):
    low = {r.case: r.predicted for r in yanev if "0.02C" in r.quantity}
    # the composition collapse: gran90 well below gran51 (measured 147 vs 194, -24 %)
    assert low["gran90"] < 0.85 * low["gran51"]
    # single-crystal (small particles) above granular at 73 wt% (measured 211 vs 172)
    assert low["sc73"] > low["gran73"]
    gran90_1c = next(r for r in yanev if "1C" in r.quantity)
    assert gran90_1c.met, gran90_1c  # within 20 mA.h/g of 25


@pytest.mark.xfail(
    strict=True,
    reason="gran73 and gran84 swap: measured 172 and 174 mA.h/g (a tie within the "
    "measurement), predicted decreasing with CAM content",
)
def test_yanev_order(yanev):
    assert all(r.met for r in yanev if "0.02C" in r.quantity)


def test_lee_low_rate_retention(lee):
    for case in ("0.33C", "0.5C", "1C"):
        assert lee[case].met, lee[case]


@pytest.mark.xfail(
    strict=True,
    reason="2C retention under-predicted (75 vs 85 %): the NCM90 OCP and kinetics are "
    "NMC811 proxies (0.2C gives 169 of the printed 215 mA.h/g) and the composite's SE size "
    "is only bounded (< 1 um)",
)
def test_lee_2c_retention(lee):
    assert lee["2C"].met


def test_lee_first_cycle_efficiency(lee):
    """#14: the first cycle's losses, each where it should be: the Ag-C's first-charge
    loss (Lee's own 3 mA.h/g), plating at the cycling CE, the rest in the cathode."""
    row = lee["first cycle"]
    assert row.met, row
    assert "3.0 mA.h/g to the Ag-C" in row.note, row.note


@pytest.mark.xfail(
    strict=True,
    reason="0.2C capacity under-predicted (169 vs the printed 215 mA.h/g; ends at the cut-off): no "
    "published NCM90 OCP exists, and the NMC811 proxy holds less Li between 3.0 and 4.25 V "
    "(the printed 2.5 V lower cut-off is below the proxy's range)",
)
def test_lee_specific_capacity_at_0_2c_from_the_spec_alone(lee):
    """#14: Lee 2020's 0.2C capacity within 5 % of 215 mA.h/g from its printed spec."""
    assert lee["0.2C capacity"].met


def test_stavola_gradients_have_the_measured_size_order(stavola):
    """The 40 wt% composite has the largest gradient (measured 0.338 against 0.145 and
    0.24), and it starts at the collector: carbon-free CAM at 17.9 vol% is electronically
    starved."""
    deltas = {case: row.predicted for case, row in stavola.items()}
    assert deltas["40 wt% CAM"] == max(deltas.values())
    assert "collector side" in stavola["40 wt% CAM"].note


@pytest.mark.xfail(
    strict=True,
    reason="40 wt% gradient over-predicted (0.46 vs 0.34): its CAM (17.9 vol%) is below the "
    "CAM network's threshold (19.5 vol%), where the law's floor puts the electronic "
    "conductivity 4000x below Stavola's measured 6e-7 S/cm",
)
def test_stavola_low_cam_gradient(stavola):
    assert stavola["40 wt% CAM"].met


@pytest.mark.xfail(
    strict=True,
    reason="70 and 80 wt% gradients under-predicted: their SE's effective conductivity is "
    "predicted 1.6-2.9x above Stavola's own measurement (see the sigma_eff misses)",
)
def test_stavola_high_cam_gradients(stavola):
    assert stavola["70 wt% CAM"].met and stavola["80 wt% CAM"].met


def test_validate_command_writes_the_report(tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["validate", "--only", "Ruess 2020", "--out", str(out), "--no-progress"]) == 0
    text = (out / "validation.md").read_text()
    assert "Ruess 2020" in text and "Data and provenance" in text
    for name in ("validation.csv", "validation.png"):
        assert (out / name).stat().st_size > 0
    assert "within target" in capsys.readouterr().out
