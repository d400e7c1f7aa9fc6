"""Parameter sets are registered with PyBaMM and complete."""

from dataclasses import fields
from importlib.metadata import entry_points

import pybamm
import pytest

from asslb_sim.cell import validate_parameter_values
from asslb_sim.parameter_sets import defaults, materials


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


def _sources(value, where):
    """(where, source) of every Sourced value or SourcedTable in ``value``, walking
    dataclasses, dicts, lists and tuples."""
    if isinstance(value, (materials.Sourced, materials.SourcedTable)):
        yield where, value.source
    if isinstance(value, (materials.SourcedTable, str, float, int, type)):
        return
    if hasattr(value, "__dataclass_fields__"):
        for f in fields(value):
            yield from _sources(getattr(value, f.name), f"{where}.{f.name}")
        ocp = getattr(value, "ocp", None)
        if callable(ocp):
            yield f"{where}.ocp", ocp.__doc__ or ""
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _sources(item, f"{where}[{key!r}]")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _sources(item, f"{where}[{i}]")


def _library_sources():
    for module in (materials, defaults):
        for name, value in vars(module).items():
            if not name.startswith("__"):
                yield from _sources(value, f"{module.__name__.rsplit('.', 1)[-1]}.{name}")


# source strings allowed to keep the [M] tag (recalled, not verified): none, issue #14
ALLOWED_RECALLED = set()


def test_no_recalled_values_left():
    """Every value in the materials library and the defaults has been checked against a
    source, re-tagged, or marked assumed with a reason: no source string carries [M]."""
    sources = dict(_library_sources())
    assert len(sources) > 150  # the walk reaches the library
    recalled = {where for where, source in sources.items() if "[M]" in source}
    assert recalled <= ALLOWED_RECALLED, sorted(recalled - ALLOWED_RECALLED)


@pytest.mark.parametrize("name", sorted(materials.ACTIVE_MATERIALS))
def test_every_ocp_is_monotonic_over_its_window_and_says_where_it_comes_from(name):
    """#14: each CAM's OCP falls strictly with lithiation between the library's default
    cut-offs (3.0 V and 4.3 V vs Li, the window every cell derives its capacity from), and
    its docstring cites a source or says it is a proxy. Catches: a non-monotonic fit that
    would make the window ambiguous, an unsourced OCP."""
    import numpy as np

    from asslb_sim.design import stoichiometry_at_voltage

    am = materials.ACTIVE_MATERIALS[name]

    def ocp(x):
        return float(am.ocp(x))

    x_high = stoichiometry_at_voltage(ocp, 4.3)
    x_low = stoichiometry_at_voltage(ocp, 3.0)
    x = np.linspace(x_high, x_low, 400)
    u = np.array([ocp(v) for v in x])
    assert np.all(np.diff(u) < 0), name
    doc = am.ocp.__doc__ or ""
    assert "[P]" in doc or "[Pd]" in doc or doc.lstrip().startswith("Proxy"), doc
