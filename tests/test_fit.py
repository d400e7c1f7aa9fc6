"""Fitting: parameter recovery, identifiability, malformed data."""

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cell import from_preset, from_toml
from asslb_sim.data import DataError, Dataset, load
from asslb_sim.fit import FitParameter, fit, write_cell_file
from asslb_sim.simulate import rate_capability

KAPPA = "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]"
DIFF = "Positive particle diffusivity at reference temperature [m2.s-1]"
J0 = "Positive electrode exchange-current density at half lithiation [A.m-2]"
COVERAGE = "Positive electrode active material contact coverage"
TRUTH = {KAPPA: 0.10, DIFF: 2e-15, J0: 1.0}
RATES = (0.2, 1.0, 2.0)
NOISE = 0.005  # V, a careful digitisation


@pytest.fixture(scope="module")
def synthetic():
    """Noisy curves of the model itself at the true parameters, 40 points per C-rate."""
    result = rate_capability(from_preset().with_parameters(**TRUTH), list(RATES))
    rng = np.random.default_rng(0)
    rows = []
    for c in RATES:
        curve = result.curves[result.curves["C-rate"] == c]
        q_end = curve["Discharge capacity [mA.h.cm-2]"].iloc[-1]
        q = np.linspace(0.02, 0.99 * q_end, 40)
        v = np.interp(q, curve["Discharge capacity [mA.h.cm-2]"], curve["Voltage [V]"])
        rows.append(
            pd.DataFrame(
                {
                    "C-rate": c,
                    "Discharge capacity [mA.h.cm-2]": q,
                    "Voltage [V]": v + rng.normal(0, NOISE, q.size),
                }
            )
        )
    return Dataset(
        pd.concat(rows, ignore_index=True),
        pd.DataFrame(),
        "Discharge capacity [mA.h.cm-2]",
        ["synthetic"],
    )


def test_recovers_three_parameters_from_noisy_curves(synthetic):
    # start 2.5x above or below the truth, bounds a decade either side
    starts = {KAPPA: 2.5, DIFF: 0.4, J0: 2.5}
    params = [FitParameter(n, v / 10, v * 10, initial=v * starts[n]) for n, v in TRUTH.items()]
    result = fit(from_preset(), synthetic, params)
    fitted = result.parameters.set_index("Parameter")
    for name, value in TRUTH.items():
        # 10 %: 120 points with 5 mV noise determine each parameter to a few % (the
        # 95 % intervals below); 10 % is a safe bound that still fails a wrong answer
        assert fitted.loc[name, "Fitted"] == pytest.approx(value, rel=0.10)
        assert fitted.loc[name, "95% CI low"] <= value <= fitted.loc[name, "95% CI high"]
    # the residual is the noise: RMSE about 5 mV per curve (twice that is a bad fit)
    assert (result.rmse["RMSE [mV]"] < 2 * NOISE * 1e3).all()
    assert not result.warnings
    assert result.evaluations > 1


def test_start_far_from_the_truth_is_not_already_the_answer(synthetic):
    from asslb_sim.fitting import FitProblem

    params = [FitParameter(n, v / 10, v * 10) for n, v in TRUTH.items()]
    problem = FitProblem(from_preset(), synthetic, params, 1.0)
    start = [v * 2.5 for v in TRUTH.values()]
    rms_start = np.sqrt(np.mean(problem.residuals(start) ** 2))
    rms_truth = np.sqrt(np.mean(problem.residuals(list(TRUTH.values())) ** 2))
    assert rms_start > 5 * rms_truth


def test_non_identifiable_pair_is_flagged(synthetic):
    # j0 and the contact coverage enter the kinetics only as their product once the
    # coverage's theta^2 on the diffusivity is switched off (contact exponent 0)
    params = [
        FitParameter(J0, 0.1, 10, initial=2.0),
        FitParameter(COVERAGE, 0.05, 1.0, initial=0.3),
    ]
    start = from_preset().with_parameters(
        **{KAPPA: 0.10, DIFF: 2e-15, "Positive particle diffusivity contact exponent": 0.0}
    )
    result = fit(start, synthetic, params)
    assert any(
        "not separately identifiable" in w or "not identifiable" in w for w in result.warnings
    ), result.warnings


def test_rate_table_fit_and_cell_file_round_trip(tmp_path):
    truth = from_preset().with_parameters(**{KAPPA: 0.08})
    summary = rate_capability(truth, [0.2, 0.5, 1.0, 2.0]).summary
    path = tmp_path / "rates.csv"
    summary[["C-rate", "Specific capacity [mA.h.g-1]"]].to_csv(path, index=False)
    data = load(path)
    assert data.curves.empty and len(data.rates) == 4
    result = fit(from_preset(), data, [f"{KAPPA}:0.01:1"])
    fitted = result.parameters.set_index("Parameter").loc[KAPPA, "Fitted"]
    # 2 %: capacities are exact (no noise); the optimiser stops on xtol
    assert fitted == pytest.approx(0.08, rel=0.02)
    out = write_cell_file(result.cell, tmp_path / "fitted.toml", header="test")
    again = from_toml(out)
    assert again.parameter_values[KAPPA] == pytest.approx(fitted, rel=1e-12)


def test_progress_bar_ticks_once_per_model_evaluation(tmp_path, capsys):
    summary = rate_capability(from_preset(), [0.5, 2.0]).summary
    path = tmp_path / "rates.csv"
    summary[["C-rate", "Specific capacity [mA.h.g-1]"]].to_csv(path, index=False)
    result = fit(from_preset(), load(path), [f"{KAPPA}:0.01:1"], max_evaluations=2, progress=True)
    bar = capsys.readouterr().err.strip().split("\r")[-1]
    assert bar.startswith(f"fit: {result.evaluations}evaluation"), bar
    fit(from_preset(), load(path), [f"{KAPPA}:0.01:1"], max_evaluations=2)
    assert capsys.readouterr().err == ""


@pytest.fixture(scope="module")
def rate_table(tmp_path_factory):
    """Specific capacities of the model at 0.5C and 2C with a lower SE conductivity."""
    truth = from_preset().with_parameters(**{KAPPA: 0.08})
    summary = rate_capability(truth, [0.5, 2.0]).summary
    path = tmp_path_factory.mktemp("rates") / "rates.csv"
    summary[["C-rate", "Specific capacity [mA.h.g-1]"]].to_csv(path, index=False)
    return load(path)


@pytest.fixture
def evaluations(monkeypatch):
    """Every model evaluation of a fit, as (parameter values, sum of squared residuals)."""
    from asslb_sim.fitting import FitProblem

    seen = []
    evaluate = FitProblem.evaluate

    def counted(self, values):
        residuals, simulated = evaluate(self, values)
        seen.append((list(values), float(residuals @ residuals)))
        return residuals, simulated

    monkeypatch.setattr(FitProblem, "evaluate", counted)
    return seen


@pytest.mark.parametrize("limit", [6, 1])
def test_fit_stops_at_its_evaluation_limit_with_the_best_point(rate_table, evaluations, limit):
    # one parameter from 0.18 S/m: least_squares(max_nfev=6) made 11 model evaluations
    # here and the report a 12th (finite differences and the final solve were not
    # counted); unlimited, this fit converges in 20 (both measured)
    start = from_preset().with_parameters(**{KAPPA: 0.18})
    result = fit(start, rate_table, [f"{KAPPA}:0.01:1"], max_evaluations=limit)
    assert len(evaluations) == result.evaluations == limit
    assert not result.success
    assert f"stopped at the limit of {limit} model evaluation" in result.message
    values, costs = zip(*evaluations, strict=True)
    best = values[int(np.argmin(costs))][0]
    fitted = result.parameters.set_index("Parameter").loc[KAPPA]
    assert fitted["Fitted"] == best
    if limit == 1:  # only the start was evaluated: no Jacobian, so no interval
        assert fitted["Fitted"] == pytest.approx(0.18)
        assert np.isnan(fitted["95% CI low"]) and np.isnan(fitted["95% CI high"])
        assert any("evaluation limit" in w for w in result.warnings)
    else:  # the best point is better than the start
        assert costs[0] > min(costs)
        assert fitted["95% CI low"] < fitted["Fitted"] < fitted["95% CI high"]


MALFORMED = {
    "missing_voltage.csv": (
        "C-rate,Discharge capacity [mA.h.cm-2],Volts\n1,0.1,4.0\n",
        "missing columns",
    ),
    "unknown_unit.csv": (
        "C-rate,Capacity [A.h.kg-1],Voltage [V]\n1,10,4.0\n",
        "no capacity column",
    ),
    "non_monotonic.csv": (
        "C-rate,Discharge capacity [mA.h.cm-2],Voltage [V]\n"
        "1,0.1,4.0\n1,0.3,3.9\n1,0.2,3.8\n1,0.4,3.7\n",
        "not increasing",
    ),
    "voltage_range.csv": (
        "C-rate,Discharge capacity [mA.h.cm-2],Voltage [V]\n1,0.1,4.0\n1,0.2,39\n1,0.3,3.8\n",
        "out of range",
    ),
    "not_number.csv": (
        "C-rate,Discharge capacity [mA.h.cm-2],Voltage [V]\n1,0.1,4.0\n1,abc,3.9\n1,0.3,3.8\n",
        "not a number",
    ),
    "empty.csv": ("# nothing here\n", "no data"),
    "headerless.csv": ("0.1,4.0\n0.2,3.9\n0.3,3.8\n", "needs the capacity unit"),
    "no_rate.csv": (
        "Discharge capacity [mA.h.cm-2],Voltage [V]\n0.1,4.0\n0.2,3.9\n0.3,3.8\n",
        "C-rate",
    ),
    "negative_rate.csv": ("C-rate,Specific capacity [mA.h.g-1]\n-1,150\n", "above 0"),
    "two_units.csv": (
        "C-rate,Specific capacity [mA.h.g-1],Discharge capacity [mA.h.cm-2],"
        "Voltage [V]\n1,150,3,4.0\n",
        "one capacity column",
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_data_rejected(tmp_path, name):
    text, words = MALFORMED[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(DataError) as info:
        load(path)
    assert words in str(info.value) and name in str(info.value)


def test_webplotdigitizer_export_with_options(tmp_path):
    path = tmp_path / "wpd.csv"
    path.write_text("10,4.1\n50,3.9\n120,3.7\n180,3.4\n")
    data = load(path, unit="mA.h.g-1", c_rate=0.5)
    assert data.capacity == "Specific capacity [mA.h.g-1]"
    assert data.c_rates == [0.5] and len(data.curves) == 4


def test_bad_fit_requests():
    from asslb_sim.errors import CellDefinitionError

    with pytest.raises(CellDefinitionError, match="lower < upper"):
        FitParameter(KAPPA, 1.0, 0.1)
    with pytest.raises(CellDefinitionError, match="NAME:LOW:HIGH"):
        FitParameter.parse("just-a-name")
    with pytest.raises(CellDefinitionError, match="mesh"):
        fit(
            from_preset(),
            Dataset(
                pd.DataFrame(
                    {
                        "C-rate": [1.0] * 3,
                        "Discharge capacity [mA.h.cm-2]": [0.1, 0.2, 0.3],
                        "Voltage [V]": [4.0, 3.9, 3.8],
                    }
                ),
                pd.DataFrame(),
                "Discharge capacity [mA.h.cm-2]",
                [],
            ),
            ["Positive particle radius [m]:1e-6:1e-5"],
        )


def test_pybop_backend_recovers_parameters(synthetic):
    pytest.importorskip("pybop")
    params = [FitParameter(KAPPA, 0.01, 1.0), FitParameter(DIFF, 2e-16, 2e-14)]
    cell = from_preset().with_parameters(**{J0: TRUTH[J0]})
    result = fit(cell, synthetic, params, backend="pybop", max_evaluations=300)
    fitted = result.parameters.set_index("Parameter")
    for name in (KAPPA, DIFF):
        # 15 %: XNES is a stochastic search stopped by its evaluation budget
        assert fitted.loc[name, "Fitted"] == pytest.approx(TRUTH[name], rel=0.15)


def test_unknown_or_missing_backend(synthetic):
    from asslb_sim.errors import CellDefinitionError

    with pytest.raises(CellDefinitionError, match="valid"):
        fit(from_preset(), synthetic, [f"{KAPPA}:0.01:1"], backend="nlopt")


def test_retention_table_loads_with_curves(tmp_path):
    curve = tmp_path / "curve.csv"
    curve.write_text(
        "C-rate,Specific capacity [mA.h.g-1],Voltage [V]\n0.1,10,4.1\n0.1,100,3.8\n0.1,180,3.5\n"
    )
    data = load([curve, "examples/data/lee2020_rate_retention.csv"])
    assert data.capacity == "Specific capacity [mA.h.g-1]"
    assert data.rate_capacity == "Capacity retention [%]"


def test_film_resistance_and_thickness_can_be_fitted(synthetic):
    from asslb_sim.fitting import FitProblem

    film = "Positive electrode film resistance [Ohm.m2]"
    problem = FitProblem(from_preset(), synthetic, [FitParameter(film, 1e-6, 1e-1)], 1.0)
    low, high = (np.sqrt(np.mean(problem.residuals([r]) ** 2)) for r in (1e-6, 1e-2))
    # the film law is in the model: 100 Ohm cm2 per contact area changes the voltage
    assert abs(high - low) > 0.005
    sep = "Separator thickness [m]"
    problem = FitProblem(from_preset(), synthetic, [FitParameter(sep, 10e-6, 500e-6)], 1.0)
    thin, thick = (np.sqrt(np.mean(problem.residuals([L]) ** 2)) for L in (30e-6, 500e-6))
    assert abs(thick - thin) > 0.005  # a 500 um separator costs voltage


def test_anode_free_fit_is_refused_clearly(synthetic):
    from asslb_sim.cell import from_dict
    from asslb_sim.errors import CellDefinitionError

    with pytest.raises(CellDefinitionError, match="anode-free"):
        fit(from_dict({"anode": {"material": "anode-free"}}), synthetic, [f"{KAPPA}:0.01:1"])


def test_in_inli_data_stated_vs_li_give_the_same_fit(tmp_path):
    """An In/InLi half cell's 1C curve written twice: on the cell's scale ("Voltage [V]")
    and vs Li ("Voltage vs Li [V]", 0.622 V higher, as papers convert it); and once more
    as "Voltage [V]" with voltage_vs = "Li". All fit the SE conductivity to the same value
    (on the plateau the model's voltage vs Li is its voltage plus 0.622 V exactly).
    Catches: data vs Li compared with the cell's own voltage (a 0.622 V offset the fit
    would absorb into a wrong conductivity), the column or the option ignored."""
    from asslb_sim.design import from_dict

    plateau = 0.622
    cell = from_dict(
        {
            "anode": {"material": "In/InLi"},
            "operation": {"lower_cutoff_V": 3.0, "upper_cutoff_V": 4.25, "cutoffs_vs": "Li"},
        }
    )
    truth = cell.with_parameters(**{KAPPA: 0.05})
    curve = rate_capability(truth, [1.0]).curves
    q_end = curve["Discharge capacity [mA.h.cm-2]"].iloc[-1]
    q = np.linspace(0.02, 0.95 * q_end, 25)
    v = np.interp(q, curve["Discharge capacity [mA.h.cm-2]"], curve["Voltage [V]"])
    table = pd.DataFrame({"C-rate": 1.0, "Discharge capacity [mA.h.cm-2]": q})
    table.assign(**{"Voltage [V]": v}).to_csv(tmp_path / "own.csv", index=False)
    table.assign(**{"Voltage vs Li [V]": v + plateau}).to_csv(tmp_path / "li.csv", index=False)
    table.assign(**{"Voltage [V]": v + plateau}).to_csv(tmp_path / "li-option.csv", index=False)
    datasets = [
        load(tmp_path / "own.csv"),
        load(tmp_path / "li.csv"),
        load(tmp_path / "li-option.csv", voltage_vs="Li"),
    ]
    assert [d.voltage_vs for d in datasets] == ["", "Li", "Li"]
    fitted = [
        fit(cell, data, [FitParameter(KAPPA, 0.005, 0.5, initial=0.15)], max_evaluations=20)
        .parameters.set_index("Parameter")
        .loc[KAPPA, "Fitted"]
        for data in datasets
    ]
    # 1e-6: the three fits see the same residuals up to the 0.622 V added to data and
    # model in floating point (measured: identical fitted values); a 0.622 V offset left
    # in would move the conductivity by orders of magnitude or to a bound
    assert fitted[1] == pytest.approx(fitted[0], rel=1e-6)
    assert fitted[2] == pytest.approx(fitted[0], rel=1e-6)
    # 10 %: noise-free data recover the truth
    assert fitted[0] == pytest.approx(0.05, rel=0.1)
