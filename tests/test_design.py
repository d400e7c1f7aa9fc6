"""The definition layer: one schema of design keys, and changes that never go stale."""

import math

import numpy as np
import pytest

from asslb_sim.design import from_dict, from_preset, lithium_thickness_per_capacity
from asslb_sim.design.anodes import F
from asslb_sim.design.ranges import parameter_range
from asslb_sim.design.schema import SCHEMA, Choice, Quantity, Table, key_of_parameter, quantities
from asslb_sim.errors import CellDefinitionError
from asslb_sim.metrics import bill_of_materials

KAPPA = "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]"
EXPONENT = "Positive electrode solid electrolyte percolation exponent"


def test_every_key_has_unit_range_and_pybamm_name():
    keys = quantities()
    assert len(keys) > 50
    names = [q.parameter for _, q in keys]
    # one key per parameter: the table is the one place that says which key sets it
    assert len(names) == len(set(names))
    for dotted, q in keys:
        assert isinstance(q.unit, str), dotted
        assert q.low < q.high and q.scale > 0, dotted
        # PyBaMM's grammar: a unit in brackets, or a dimensionless name
        assert q.parameter and q.parameter[0].isupper(), dotted
        assert ("[" in q.parameter) == (q.unit != ""), (dotted, q.parameter, q.unit)
        # every parameter a key sets has an SI range, by default the key's own
        assert parameter_range(q.parameter) is not None, dotted
        low, high, _, _ = q.si_limits()
        assert low == pytest.approx(q.low * q.scale + q.offset)
        assert high == pytest.approx(q.high * q.scale + q.offset) or math.isinf(high)
    for section, entries in SCHEMA.items():
        for key, spec in entries.items():
            assert isinstance(spec, Quantity | Choice | Table | dict), (section, key)


def test_composed_cell_carries_every_key_it_was_given_under_its_pybamm_name():
    cell = from_preset()
    for dotted, q in quantities():
        section, *rest = dotted.split(".")
        value = cell.design.get(section, {})
        for part in rest:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            got = cell.parameter_values[q.parameter]
            assert got == pytest.approx(value * q.scale + q.offset, rel=1e-12), dotted


def test_key_ranges_reach_direct_parameter_overrides():
    # the same range, whichever way the value arrives
    with pytest.raises(CellDefinitionError, match="valid range"):
        from_dict({"cathode": {"contact_coverage": 1.5}})
    with pytest.raises(CellDefinitionError, match="valid range"):
        from_preset().with_parameters(
            **{"Positive electrode active material contact coverage": 1.5}
        )


def test_with_design_keeps_values_set_with_parameters():
    fitted = from_preset().with_parameters(**{KAPPA: 0.04, EXPONENT: 1.7})
    changed = fitted.with_design(separator={"thickness_um": 15})
    # a keyed parameter lives in the design, an unkeyed one in the overrides: both stay
    assert changed.parameter_values[KAPPA] == pytest.approx(0.04)
    assert changed.parameter_values[EXPONENT] == pytest.approx(1.7)
    assert changed.parameter_values["Separator thickness [m]"] == pytest.approx(15e-6)
    assert fitted.design["cathode"]["se_conductivity_mS_cm"] == pytest.approx(0.4)


def test_with_parameters_on_a_composed_quantity_recomposes_what_depends_on_it():
    # planted error it catches: a thicker cathode set by name leaving the Li at start stale
    # (47.6 um instead of 59.4 um before this layer existed)
    base = from_preset()
    thick = base.with_parameters(**{"Positive electrode thickness [m]": 200e-6})
    by_design = base.with_design(cathode={"thickness_um": 200})
    for name in (
        "Lithium counter electrode thickness [m]",
        "Nominal cell capacity [A.h]",
        "Positive electrode active material loading [kg.m-2]",
    ):
        assert thick.parameter_values[name] == pytest.approx(by_design.parameter_values[name])
    v = thick.parameter_values
    plated = thick.basis.usable_capacity * lithium_thickness_per_capacity(v)
    expected = v["Lithium metal thickness as built [m]"] + plated
    assert v["Lithium counter electrode thickness [m]"] == pytest.approx(expected, rel=1e-12)
    assert v["Lithium counter electrode thickness [m]"] == pytest.approx(59.4e-6, abs=0.05e-6)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Positive electrode active material volume fraction", "cathode.active_material"),
        ("Positive electrode active material loading [kg.m-2]", "cathode.loading_mg_cm2"),
        ("Negative electrode thickness [m]", "anode.li_excess_um"),
        ("Initial concentration in positive electrode [mol.m-3]", "upper_cutoff_V"),
    ],
)
def test_with_parameters_refuses_quantities_composed_from_several_keys(name, words):
    with pytest.raises(CellDefinitionError) as info:
        from_preset().with_parameters(**{name: 0.5})
    assert words in str(info.value) and "with_design" in str(info.value)


@pytest.mark.parametrize(
    "change",
    [
        {"Positive electrode thickness [m]": 200e-6},
        {"Maximum concentration in positive electrode [mol.m-3]": 45000.0},
        {"Lithium metal density [kg.m-3]": 500.0},
    ],
    ids=["thickness", "c_max", "Li density"],
)
@pytest.mark.parametrize("anode", ["Li metal", "anode-free"])
def test_li_is_conserved_in_the_bill_of_materials(change, anode):
    # the Li that left the CAM sits on the anode side: charged-state Li on the anode minus
    # the as-built foil equals the moved Li, whichever value changed
    cell = from_dict({"anode": {"material": anode}}).with_parameters(**change)
    v = cell.parameter_values
    bom = bill_of_materials(cell)
    layers = bom.layers
    anode_li = layers[layers["Component"] == cell.anode.label]["Areal mass [mg.cm-2]"].sum()
    as_built = v["Lithium metal thickness as built [m]"] * v["Lithium metal density [kg.m-3]"]
    moved = (anode_li / 100 - as_built) * 1  # kg.m-2
    expected = cell.basis.usable_capacity * 3.6e4 / F * v["Lithium metal molar mass [kg.mol-1]"]
    # 1e-12: the same Li counted twice, by two routes (thickness and moles)
    assert moved == pytest.approx(expected, rel=1e-12)
    assert bom.lithium_moved == pytest.approx(expected, rel=1e-12)


def test_keyed_parameters_in_a_cell_file_become_design_keys(tmp_path):
    path = tmp_path / "cell.toml"
    path.write_text(f'[parameters]\n"{KAPPA}" = 0.05\n"{EXPONENT}" = 2.5\n')
    from asslb_sim.design import from_toml, write_cell_file

    cell = from_toml(path)
    assert cell.design["cathode"]["se_conductivity_mS_cm"] == pytest.approx(0.5)
    assert cell.design["parameters"] == {EXPONENT: 2.5}
    write_cell_file(cell, tmp_path / "again.toml")
    again = from_toml(tmp_path / "again.toml")
    for name, value in cell.parameter_values.items():
        if isinstance(value, float):
            assert again.parameter_values[name] == pytest.approx(value, rel=1e-12), name


def test_key_of_parameter_covers_the_temperature_alias():
    assert key_of_parameter()["Initial temperature [K]"][0] == "operation.temperature_C"
    cell = from_preset().with_parameters(**{"Initial temperature [K]": 333.15})
    assert cell.parameter_values["Ambient temperature [K]"] == pytest.approx(333.15)
    assert np.isclose(cell.design["operation"]["temperature_C"], 60.0)


def test_default_tortuosity_factor_follows_an_overridden_bruggeman_exponent():
    """The default tortuosity factor is the Bruggeman-equivalent one of the cell's own
    exponent, however the exponent was set (a design key recomposes it; so does an
    override). Catches: the defaults composed before the [parameters] overrides (the
    bug this test found: the factor stayed at the library exponent's value)."""
    cell = from_dict(
        {"separator": {"binder": "ion-conducting binder", "binder_mass_fraction": 0.2}}
    ).with_parameters(**{"Separator binder Bruggeman exponent": 3.0})
    v = cell.parameter_values
    eps = v["Separator binder volume fraction"]
    # 1e-12: the same closed form
    assert v["Separator binder tortuosity factor"] == pytest.approx(
        max(eps ** (1 - 3.0), 1.0), rel=1e-12
    )


def test_overridden_tortuosity_factor_is_kept_when_its_exponent_is_overridden_too():
    """Catches: the refresh of the defaults overwriting a factor the user gave."""
    cell = from_dict(
        {"separator": {"binder": "ion-conducting binder", "binder_mass_fraction": 0.2}}
    ).with_parameters(
        **{"Separator binder Bruggeman exponent": 3.0, "Separator binder tortuosity factor": 7.0}
    )
    assert cell.parameter_values["Separator binder tortuosity factor"] == 7.0


def test_default_tortuosity_factor_follows_a_bruggeman_exponent_set_by_its_key():
    """Through a design key the default is recomposed too."""
    cell = from_preset().with_design(cathode={"carbon_bruggeman_exponent": 3.0})
    v = cell.parameter_values
    eps = v["Positive electrode carbon volume fraction"]
    assert v["Positive electrode carbon tortuosity factor"] == pytest.approx(
        max(eps ** (1 - 3.0), 1.0), rel=1e-12
    )
