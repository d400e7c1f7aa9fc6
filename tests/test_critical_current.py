"""The Li|SE critical current density: the library's law against its published points,
its composition into a cell, and currents flagged exactly above it."""

import math

import numpy as np
import pytest

from asslb_sim.cell import from_dict
from asslb_sim.design.critical_current import (
    PLATING,
    PRESSURE,
    STRIPPING,
    check_current,
    maximum_charge_c_rate,
)
from asslb_sim.parameter_sets import materials as lib
from asslb_sim.simulation import Charge, ExperimentResult, Outcome, Runner

LI_LPSCL = lib.CRITICAL_CURRENTS[("Li metal", "Li6PS5Cl")]
AG_C = lib.CRITICAL_CURRENTS[("Ag-C", "Li6PS5Cl")]


def _cell(temperature_c, pressure_mpa, **anode):
    return from_dict(
        {
            "operation": {"temperature_C": temperature_c, "stack_pressure_MPa": pressure_mpa},
            **({"anode": anode} if anode else {}),
        }
    )


def _ccd(cell, name=PLATING):
    return cell.parameter_values[name] / 10  # mA.cm-2


@pytest.mark.parametrize("point", LI_LPSCL.points, ids=lambda p: p.source[:40])
def test_composed_ccd_follows_the_published_points(point):
    cell = _cell(point.temperature - 273.15, point.pressure / 1e6)
    value = cell.parameter_values[PLATING]
    # 1e-4: the activation energy is stored rounded to 1 J/mol (33902.26 -> 33902)
    if point.relation == "=":
        assert value == pytest.approx(point.value, rel=1e-4)
    elif point.relation == "<":
        assert value < point.value
    else:  # stable cycling at that current: the law is at or above it
        assert value >= point.value * (1 - 1e-4)
    # symmetric cells bound both directions alike
    assert cell.parameter_values[STRIPPING] == value


def test_the_recorded_fit_is_the_fit_of_the_points():
    measured = [p for p in LI_LPSCL.points if p.relation == "=" and p.pressure == 1e6]
    (t1, j1), (t2, j2) = [(p.temperature, p.value) for p in measured]
    ea = lib.R_GAS * math.log(j2 / j1) / (1 / t1 - 1 / t2)
    # 1 J/mol: the stored value is the fit rounded to the joule
    assert float(LI_LPSCL.activation_energy) == pytest.approx(ea, abs=1)
    # the pressure exponent: the 5 MPa point against the 1 MPa point at the same 80 C
    hot = {p.pressure: p.value for p in LI_LPSCL.points if p.temperature == 353.15}
    n = math.log(hot[5e6] / hot[1e6]) / math.log(5)
    assert float(LI_LPSCL.pressure_exponent) == pytest.approx(n, rel=1e-12)


def test_ccd_rises_with_temperature_and_pressure_up_to_the_data():
    cold, warm = _ccd(_cell(25, 2)), _ccd(_cell(60, 2))
    assert warm > cold
    # doubling the pressure doubles it (exponent 1) within the measured 1-5 MPa ...
    assert _ccd(_cell(60, 4)) == pytest.approx(2 * _ccd(_cell(60, 2)), rel=1e-12)
    # ... and no credit beyond the highest pressure measured
    assert _ccd(_cell(60, 20)) == pytest.approx(_ccd(_cell(60, 5)), rel=1e-12)
    # default: 25 C at the assumed 2 MPa
    default = from_dict({})
    assert default.parameter_values[PRESSURE] == 2e6
    assert _ccd(default) == pytest.approx(_ccd(_cell(25, 2)), rel=1e-12)


def test_anode_kinds_and_separators_pick_their_interface():
    agc = _cell(60, 2, material="anode-free", interlayer="Ag-C")
    assert _ccd(agc) == pytest.approx(float(AG_C.plating) / 10)
    assert _ccd(agc, STRIPPING) == pytest.approx(float(AG_C.stripping) / 10)
    # Li plated on a bare collector meets the SE as a foil does
    bare = _cell(60, 2, material="anode-free")
    assert _ccd(bare) == pytest.approx(_ccd(_cell(60, 2)), rel=1e-12)
    # no published CCD: none composed, nothing flagged
    for cell in (
        _cell(60, 2, material="In/InLi"),
        from_dict({"separator": {"solid_electrolyte": "Li3InCl6"}}),
    ):
        assert PLATING not in cell.parameter_values
        check = check_current(cell, 100.0, "plating")
        assert math.isnan(check.limit) and not check.exceeded and check.message == ""
        assert math.isnan(maximum_charge_c_rate(cell))


def test_cell_file_overrides_and_the_highest_charge_c_rate():
    cell = from_dict(
        {
            "anode": {
                "critical_current_density_mA_cm2": 3.0,
                "stripping_critical_current_density_mA_cm2": 7.0,
            }
        }
    )
    assert _ccd(cell) == pytest.approx(3.0) and _ccd(cell, STRIPPING) == pytest.approx(7.0)
    assert maximum_charge_c_rate(cell) == pytest.approx(3.0 / cell.basis.nominal_capacity)
    # a value set by its PyBaMM name goes through the key
    again = cell.with_parameters(**{PLATING: 12.0})
    assert _ccd(again) == pytest.approx(1.2)


@pytest.mark.parametrize(("factor", "flagged"), [(1 - 1e-6, False), (1.0, False), (1 + 1e-6, True)])
def test_check_flags_exactly_above_the_threshold(factor, flagged):
    cell = from_dict({"anode": {"critical_current_density_mA_cm2": 2.0}})
    check = check_current(cell, 2.0 * factor, "plating")
    assert check.exceeded is flagged
    assert bool(check.message) is flagged
    if flagged:
        assert "plating at 2 mA.cm-2" in check.message and "no dendrite short" in check.message


def test_rate_capability_flags_stripping_above_the_ccd_and_runs_on():
    from asslb_sim.simulate import rate_capability

    # 1C is 2 mA.cm-2 and so is the stripping CCD: 1C is at it, 1.001C above
    cell = from_dict(
        {
            "cell": {"nominal_capacity_mAh_cm2": 2.0},
            "anode": {"stripping_critical_current_density_mA_cm2": 2.0},
        }
    )
    summary = rate_capability(cell, [0.999, 1.0, 1.001]).summary.set_index("C-rate")
    flags = summary["Critical current flag"]
    assert flags[0.999] == "" and flags[1.0] == ""
    assert flags[1.001].startswith("stripping at 2 mA.cm-2") and "ran on" in flags[1.001]
    # not stopped: the flagged discharge runs to its cut-off like the others
    assert (summary["Termination"] == "voltage cut-off").all()
    assert (summary["Status"] == "ok").all()
    np.testing.assert_allclose(summary["Stripping critical current density [mA.cm-2]"], 2.0)
    plating = summary["Plating critical current density [mA.cm-2]"].iloc[0]
    assert summary["Maximum charge C-rate"].iloc[0] == pytest.approx(plating / 2.0)


@pytest.mark.parametrize(("c_rate", "flagged"), [(0.5, False), (1.0, False), (1.5, True)])
def test_runner_charge_checks_its_constant_current_against_plating(monkeypatch, c_rate, flagged):
    cell = from_dict(
        {
            "cell": {"nominal_capacity_mAh_cm2": 2.0},
            "anode": {"critical_current_density_mA_cm2": 2.0},
        }
    )

    def charged(self, cell, sim, inputs, state):  # the charge's bookkeeping, no solve
        return ExperimentResult(Outcome(None, "completed", "ok"), None, 2.0)

    monkeypatch.setattr(Runner, "_run_experiment", charged)
    monkeypatch.setattr(Runner, "charge_simulation", lambda self, cell, charge: (None, set()))
    result = Runner().charge(cell, Charge(c_rate, 0.02))
    assert result.critical_current.exceeded is flagged
    assert result.critical_current.current_density == pytest.approx(2.0 * c_rate)
    assert result.outcome.ok  # flagged, not failed
