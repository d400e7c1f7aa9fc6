"""One simulation seam: single runs, studies, fits and resistance tests agree by construction."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from asslb_sim.design import from_dict, from_preset
from asslb_sim.fitting import Dataset, FitParameter, FitProblem
from asslb_sim.fitting.problem import FIT_RTOL
from asslb_sim.metrics import areal_resistance
from asslb_sim.simulate import rate_capability
from asslb_sim.simulation import Charge, Runner
from asslb_sim.studies import Study, run_study

KAPPA = "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]"


@pytest.mark.parametrize(
    ("design", "charge"),
    [({}, None), ({"anode": {"material": "anode-free"}}, Charge())],
    ids=["Li metal", "anode-free after a charge"],
)
def test_single_run_one_design_study_and_fit_model_give_the_same_discharge(
    tmp_path, design, charge
):
    cell = from_dict(design)
    single = rate_capability(cell, [1.0], charge=charge or "auto")
    row = single.summary.iloc[0]
    study = Study(
        parameters={"separator.thickness_um": [30.0]},
        cell=cell,
        c_rates=(1.0,),
        rtol=1e-6,  # single runs' tolerance
        asr=False,
        mesh="single-run",
        charge=charge if charge is not None else "auto",
    )
    design_row = run_study(study, tmp_path / "r", progress=False).iloc[0]
    # 1e-12: the same build settings and the same start, through the same runner (measured
    # equal to the last bit); a study that built or started its own way would differ at
    # the solver tolerance, 1e-6
    for column in (
        "Discharge capacity [mA.h.cm-2]",
        "Discharge energy [W.h.m-2]",
        "Specific energy [W.h.kg-1]",
        "Charge capacity [mA.h.cm-2]",
    ):
        assert design_row[column] == pytest.approx(row[column], rel=1e-12, nan_ok=True), column
    if charge is not None:
        return  # fits start from the charged equilibrium only
    data = Dataset(
        pd.DataFrame(
            {"C-rate": 1.0, "Discharge capacity [mA.h.cm-2]": [0.5, 1, 2], "Voltage [V]": 3.5}
        ),
        pd.DataFrame(),
        "Discharge capacity [mA.h.cm-2]",
        ["test"],
    )
    problem = FitProblem(cell, data, [FitParameter(KAPPA, 0.01, 1.0)], 1.0)
    ((q, v),) = problem.simulate([cell.parameter_values[KAPPA]])
    # FIT_RTOL (1e-5), the looser of the two solver tolerances: a fit solves at 1e-5, the
    # single run at 1e-6, and the fitted parameter is an input of the fit's build, so the
    # steps differ (measured 5.4e-6; 1.1e-7 when both ran at 1e-6)
    assert q[-1] == pytest.approx(row["Discharge capacity [mA.h.cm-2]"], rel=FIT_RTOL)
    curve = single.curves
    v_single = np.interp(q[1:-1], curve["Discharge capacity [mA.h.cm-2]"], curve["Voltage [V]"])
    # 1e-4 V: linear interpolation between the single run's adaptive steps (measured 2.4e-5
    # V), while the fit's points are the solver's own dense output
    assert np.max(np.abs(v_single - v[1:-1])) < 1e-4


def test_study_pulse_resistance_equals_the_single_cell_pulse(tmp_path):
    cell = from_preset()
    study = Study(
        parameters={"separator.thickness_um": [30.0]},
        cell=cell,
        c_rates=(1.0,),
        rtol=1e-6,
        asr=True,
        mesh="single-run",
    )
    row = run_study(study, tmp_path / "r", progress=False).iloc[0]
    single = areal_resistance(cell)
    # 1e-9: one definition of the pulse (10 s at 1C from half the window), one runner
    assert row["Areal resistance [Ohm.cm2]"] == pytest.approx(single.pulse, rel=1e-9)


def test_one_build_per_structure_is_cached_and_shared(monkeypatch):
    import pybamm

    builds = []
    original = pybamm.Simulation.__init__

    def counting(self, *args, **kwargs):
        builds.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pybamm.Simulation, "__init__", counting)
    cell = from_dict({"separator": {"thickness_um": 33.3}})  # a structure built nowhere else
    rate_capability(cell, [0.5, 1.0, 2.0])
    rate_capability(cell, [0.2])
    areal_resistance(cell)
    # the rate tests, the pulse and the full charge and discharge share one build
    assert len(builds) == 1
    assert Runner().simulation(cell) is Runner().simulation(cell)


def test_builds_tell_closures_with_different_data_apart():
    """Two cells whose function parameter comes from one factory with different data
    (same name, same code) must not share a build."""
    from asslb_sim.parameter_sets import laws
    from asslb_sim.simulation import Case, Runner

    def shape(value):
        def f(sto):
            return value + 0 * sto

        return f

    cell = from_preset()
    fast = cell.with_parameters(**{laws.LOG10_DIFFUSIVITY_FACTOR: 0.0})
    a = dataclasses.replace(
        fast, parameter_values={**fast.parameter_values, laws.LOG10_DIFFUSIVITY_FACTOR: shape(0.0)}
    )
    b = dataclasses.replace(
        fast, parameter_values={**fast.parameter_values, laws.LOG10_DIFFUSIVITY_FACTOR: shape(-1.0)}
    )
    runner = Runner()
    state = a.anode.charged(a)
    cases = [Case(c, state, c.current(c.basis.nominal_capacity), 3600.0) for c in (a, b)]
    qa, qb = (o.solution["Discharge capacity [A.h]"].entries[-1] for o in runner.solve(cases))
    assert qb < 0.99 * qa  # a tenth of the diffusivity gives less capacity at 1C


def test_cases_with_output_times_solved_together_equal_each_solved_alone():
    """A fit's discharges are one batch with the union of their output times; each
    case's values at its own times are those it has solved alone. Catches: the batch
    solved at one case's times, or a case's output taken from another's solution."""
    from asslb_sim.simulation import Case

    cell = from_preset()
    state = cell.anode.charged(cell)
    one_c = cell.basis.nominal_capacity
    cases = [
        Case(
            cell,
            state,
            cell.current(c * one_c),
            1.2 * 3600 / c,
            t_eval=np.linspace(0, 1.2 * 3600 / c, n),
        )
        for c, n in ((0.5, 41), (2.0, 23))
    ]
    runner = Runner(output_variables=["Voltage [V]"], rtol=1e-6, threads=2)
    together = runner.solve(cases)
    for case, outcome in zip(cases, together, strict=True):
        (alone,) = runner.solve([case])
        t_alone = alone.solution.t
        v_alone = alone.solution["Voltage [V]"].entries
        mine = np.isin(outcome.solution.t, case.t_eval)
        # the batch's times include this case's own (up to its end)
        np.testing.assert_array_equal(
            outcome.solution.t[mine], t_alone[np.isin(t_alone, case.t_eval)]
        )
        # 1e-12 V: the same solver settings and inputs on independent solvers, the
        # values interpolated from the same steps (measured equal to the last bit)
        np.testing.assert_allclose(
            outcome.solution["Voltage [V]"].entries[mine],
            v_alone[np.isin(t_alone, case.t_eval)],
            rtol=0,
            atol=1e-12,
        )
