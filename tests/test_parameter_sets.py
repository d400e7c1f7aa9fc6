"""Parameter sets are registered with PyBaMM and complete."""

from importlib.metadata import entry_points

import pybamm
import pytest

from asslb_sim.cell import validate_parameter_values


def _our_entry_points():
    return [
        ep for ep in entry_points(group="pybamm_parameter_sets") if ep.value.startswith("asslb_sim")
    ]


def test_entry_points_registered():
    assert {ep.name for ep in _our_entry_points()} >= {"NMC811_Li6PS5Cl_Li"}


@pytest.mark.parametrize("ep", _our_entry_points(), ids=lambda ep: ep.name)
def test_every_entry_point_loads_in_pybamm(ep):
    values = pybamm.ParameterValues(ep.name)
    direct = ep.load()()
    assert set(direct) - {"chemistry"} <= set(values.keys())
    validate_parameter_values(direct)


def test_default_cell_spec():
    v = pybamm.ParameterValues("NMC811_Li6PS5Cl_Li")
    assert v["Positive electrode thickness [m]"] >= 120e-6
    assert v["Nominal cell capacity [A.h]"] / 1e-4 * 1e3 / 1e4 >= 5.0  # mA.h.cm-2
    assert v["Separator thickness [m]"] == pytest.approx(30e-6)
    assert 20e-6 <= v["Lithium counter electrode thickness [m]"] <= 50e-6
