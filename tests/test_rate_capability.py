"""rate_capability: outputs, termination reasons, failure handling."""

import pybamm
import pytest

from asslb_sim.simulate import rate_capability
from conftest import SUMMARY_COLUMNS

CURVE_COLUMNS = [
    "C-rate",
    "Time [s]",
    "Voltage [V]",
    "Discharge capacity [mA.h.cm-2]",
    "Specific capacity [mA.h.g-1]",
]


def test_outputs_and_basis(default_cell):
    result = rate_capability(default_cell, [0.5, 1, 2])
    assert set(SUMMARY_COLUMNS) <= set(result.summary.columns)
    assert set(CURVE_COLUMNS) <= set(result.curves.columns)
    assert "stoichiometry window" in result.basis.method
    caps = result.summary["Discharge capacity [mA.h.cm-2]"].to_numpy()
    assert caps[0] > caps[1] > caps[2] > 0
    assert (result.summary["Termination"] == "voltage cut-off").all()
    for c in (0.5, 1, 2):
        curve = result.curves[result.curves["C-rate"] == c]
        assert curve["Voltage [V]"].iloc[-1] == pytest.approx(3.0, abs=1e-6)


def test_user_nominal_capacity_defines_1c(default_cell):
    from dataclasses import replace

    cell = replace(default_cell, nominal_capacity=4.0)
    result = rate_capability(cell, [1.0])
    assert result.basis.nominal_capacity == 4.0
    assert "given by the user" in result.basis.method
    assert result.summary["Current density [mA.cm-2]"].iloc[0] == pytest.approx(4.0)


def test_small_user_nominal_capacity_does_not_cut_the_discharge(default_cell):
    from dataclasses import replace

    # 1C = 1 mA/cm2 on a 5.7 mA.h/cm2 cathode: the discharge takes about 5 h
    result = rate_capability(replace(default_cell, nominal_capacity=1.0), [1.0])
    row = result.summary.iloc[0]
    assert row["Termination"] == "voltage cut-off"
    assert row["Status"] == "ok"
    # the same current on the computed basis: the same discharge, to solver tolerance
    same = rate_capability(default_cell, [1.0 / default_cell.basis.nominal_capacity])
    assert row["Discharge capacity [mA.h.cm-2]"] == pytest.approx(
        same.summary["Discharge capacity [mA.h.cm-2]"].iloc[0], rel=1e-4
    )


def test_below_cutoff_at_start_reports_zero_capacity(default_cell):
    result = rate_capability(default_cell, [1.0, 20.0, 60.0])
    row = result.summary.iloc[1]
    assert row["Termination"] == "below cut-off at start"
    assert row["Discharge capacity [mA.h.cm-2]"] == 0
    assert result.summary.iloc[0]["Discharge capacity [mA.h.cm-2]"] > 0
    # at 60C not even a consistent initial state exists: flagged, with a short reason
    extreme = result.summary.iloc[2]
    assert extreme["Status"] == "failed"
    assert extreme["Termination"] == "no consistent start"
    assert "cut-off" in extreme["Message"] and len(extreme["Message"]) < 200


def test_solver_failure_is_flagged_and_others_go_on(default_cell, monkeypatch):
    original = pybamm.BaseSolver.solve

    def flaky(self, *args, **kwargs):
        # every solver, the tighter retry's too
        current = kwargs["inputs"]["Current function [A]"]
        if current > 0.008:  # the 2C point only
            raise pybamm.SolverError("injected failure")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pybamm.BaseSolver, "solve", flaky)
    result = rate_capability(default_cell, [0.5, 2.0, 1.0])
    statuses = result.summary.set_index("C-rate")
    assert statuses.loc[2.0, "Termination"] == "solver failure"
    assert statuses.loc[2.0, "Status"] == "failed"
    assert "injected failure" in statuses.loc[2.0, "Message"]
    assert statuses.loc[0.5, "Status"] == "ok" and statuses.loc[1.0, "Status"] == "ok"
    assert set(result.curves["C-rate"]) == {0.5, 1.0}


def test_c_rate_basis_is_kept_on_the_immutable_cell(default_cell):
    from dataclasses import replace

    from asslb_sim.design import c_rate_basis

    assert c_rate_basis(default_cell) is c_rate_basis(default_cell)
    thinner = default_cell.with_design(cathode={"thickness_um": 70})
    # a new cell computes its own basis: half the thickness, half the capacity
    assert c_rate_basis(thinner).nominal_capacity == pytest.approx(
        c_rate_basis(default_cell).nominal_capacity / 2, rel=1e-9
    )
    assert c_rate_basis(replace(default_cell, nominal_capacity=4.0)).nominal_capacity == 4.0
