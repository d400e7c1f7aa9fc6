"""Anode-free cells, thin Li and the Li inventory through charge and discharge."""

import numpy as np
import pybamm
import pytest

from asslb_sim.cell import from_dict, from_preset
from asslb_sim.design import c_rate_basis
from asslb_sim.energy import bill_of_materials
from asslb_sim.errors import CellDefinitionError
from asslb_sim.models import AnodeFreeCell, LithiumMetalCell
from asslb_sim.simulate import Charge, rate_capability, simulate_charge

F = 96485.33212
AG_C = {"anode": {"material": "anode-free", "interlayer": "Ag-C"}}


@pytest.fixture(scope="module")
def anode_free():
    return from_dict(AG_C)


def _c_li(cell):
    v = cell.parameter_values
    return v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]


def test_plated_li_equals_charge_less_the_interlayer_loss_times_ce(anode_free):
    sol = simulate_charge(anode_free, Charge(0.2, 0.05))
    v = anode_free.parameter_values
    ce = v["Lithium plating Coulombic efficiency"]
    loss = v["Interlayer first-charge lithium loss [m]"]
    assert loss > 0  # Ag-C's, from Lee 2020
    charge = -sol["Discharge capacity [A.h]"].entries * 3600 / 1e-4  # C/m2, per area
    moved = charge / (F * _c_li(anode_free))  # m of Li (as metal)
    rest = np.maximum(moved - loss, 0)
    plated = sol["Lithium metal thickness [m]"].entries
    inactive = sol["Inactive lithium thickness [m]"].entries
    # rtol 1e-6: the ODEs are integrated to the solver's relative tolerance; atol 1e-9 m:
    # the ramp of width 1e-3 L_irr (4.6e-10 m) where the interlayer's loss ends
    np.testing.assert_allclose(plated, ce * rest, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(
        inactive, np.minimum(moved, loss) + (1 - ce) * rest, rtol=1e-6, atol=1e-9
    )
    # Li is conserved between the CAM, the plated and the inactive Li
    n = sol["Total lithium [mol]"].entries
    np.testing.assert_allclose(n, n[0], rtol=1e-6)


def test_discharge_never_strips_more_than_was_plated():
    # a fast-diffusing CAM: the cathode could take back all the Li it gave, so that at
    # C/20 the plated Li (charge x CE) runs out first (with the library's NMC811, whose
    # diffusivity falls a decade towards full lithiation, the voltage cut-off comes first)
    # and plating at CE 0.88 (the default Ag-C plates at 0.998 after its first-charge loss)
    anode_free = from_dict(
        {
            **AG_C,
            "anode": {**AG_C["anode"], "coulombic_efficiency": 0.88},
            "cathode": {"diffusivity_m2_s": 1e-13},
        }
    )
    result = rate_capability(anode_free, [0.05, 0.5, 2.0], charge=Charge(0.1, 0.02))
    v = anode_free.parameter_values
    ce = v["Lithium plating Coulombic efficiency"]
    loss = v["Interlayer first-charge lithium loss [m]"] * _c_li(anode_free) * F / 3.6e4
    plated = (result.charge_capacity - loss) * ce  # mA.h.cm-2
    caps = result.summary["Discharge capacity [mA.h.cm-2]"]
    # the capacity is at most what was plated; 1e-6: solver tolerance, and the ramp of width
    # 1e-3 L_irr where the interlayer's loss ends lets up to half of it plate early
    assert (caps <= plated * (1 + 1e-6) + 0.5e-3 * loss).all()
    slow = result.summary.iloc[0]
    # at C/20 the Li plated as metal (beyond the Ag-C's reversible capacity Q) strips
    # first, then the Ag-C delithiates, its potential rising from 0 towards 1 V vs Li,
    # until the voltage cut-off: after all the metal and before all of the Ag-C's Li
    # (the bounds: event location; 1e-4 as above)
    stored = v["Interlayer lithium capacity [m]"] * _c_li(anode_free) * F / 3.6e4
    assert stored > 0.5  # mA.h.cm-2, Lee's Ag-C (0.545)
    assert slow["Termination"] == "voltage cut-off"
    q = slow["Discharge capacity [mA.h.cm-2]"]
    assert (plated - stored) * (1 + 1e-4) < q < plated * (1 - 1e-4)


def test_anode_free_with_ideal_plating_reproduces_li_metal_cell():
    # CE = 1, no interlayer resistance: after the same charge, an anode-free cell is a
    # Li-metal cell whose foil was fully plated, as long as Li never runs out
    ideal = from_dict({"anode": {"material": "anode-free", "coulombic_efficiency": 1.0}})
    metal = from_dict({"anode": {"li_excess_um": 200}})
    charge = Charge(0.2, 0.05)
    a = rate_capability(ideal, [1.0], charge=charge)
    b = rate_capability(metal, [1.0], charge=charge)
    assert a.charge_capacity == pytest.approx(b.charge_capacity, rel=1e-5)
    q = np.linspace(0, 0.98 * a.summary["Discharge capacity [mA.h.cm-2]"].iloc[0], 100)
    ca, cb = a.curves, b.curves
    va = np.interp(q, ca["Discharge capacity [mA.h.cm-2]"], ca["Voltage [V]"])
    vb = np.interp(q, cb["Discharge capacity [mA.h.cm-2]"], cb["Voltage [V]"])
    # 1 mV: identical equations; only the solver's steps differ
    assert np.max(np.abs(va - vb)) < 1e-3
    assert a.summary["Discharge capacity [mA.h.cm-2]"].iloc[0] == pytest.approx(
        b.summary["Discharge capacity [mA.h.cm-2]"].iloc[0], rel=1e-3
    )


def test_experiment_strings_run_on_both_models(default_cell, anode_free):
    for cell, model in ((default_cell, LithiumMetalCell), (anode_free, AnodeFreeCell)):
        basis, values = cell.basis, pybamm.ParameterValues(dict(cell.parameter_values))
        values = values.copy()
        c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
        values["Initial concentration in positive electrode [mol.m-3]"] = (
            basis.stoichiometry_discharged * c_max
        )
        values["Current function [A]"] = basis.nominal_capacity * 1e-3
        experiment = pybamm.Experiment(
            [
                "Charge at 0.5C until 4.25 V",
                "Hold at 4.25 V until C/10",
                "Rest for 5 minutes",
                "Discharge at 1C until 3.0 V",
            ]
        )
        sim = pybamm.Simulation(
            model(cell.model_options), parameter_values=values, experiment=experiment
        )
        sol = sim.solve()
        L = sol["Lithium metal thickness [m]"].entries
        assert L.max() > L[0] and L[-1] < L.max()
        assert sol["Voltage [V]"].entries[-1] == pytest.approx(3.0, abs=1e-3) or (
            sol.termination == "event: Lithium metal exhausted"
        )


def test_li_mass_counted_once_hand_calculation(anode_free):
    v = anode_free.parameter_values
    basis = c_rate_basis(anode_free)
    bom = bill_of_materials(anode_free)
    layers = bom.layers.set_index("Component")
    eps = v["Positive electrode active material volume fraction"]
    L = v["Positive electrode thickness [m]"]
    cam_built = eps * L * 4770.0  # kg/m2, lithiated as built
    window_mol = (
        eps
        * L
        * v["Maximum concentration in positive electrode [mol.m-3]"]
        * (basis.stoichiometry_discharged - basis.stoichiometry_charged)
    )
    li_kg = window_mol * 6.941e-3
    # charged: the CAM has lost the window's Li, which now sits on the anode side
    assert layers.loc["NMC811 (charged)", "Areal mass [mg.cm-2]"] == pytest.approx(
        (cam_built - li_kg) * 100, rel=1e-9
    )
    plated = layers.loc["plated Li, active and inactive (charged)"]
    assert plated["Areal mass [mg.cm-2]"] == pytest.approx(li_kg * 100, rel=1e-9)
    # so the cell weighs exactly what it weighed as built: CAM + rest, no extra Li
    rest = bom.layers[
        ~bom.layers["Component"].isin(
            ["NMC811 (charged)", "plated Li, active and inactive (charged)"]
        )
    ]
    assert bom.stack_mass * 100 == pytest.approx(
        cam_built * 100 + rest["Areal mass [mg.cm-2]"].sum(), rel=1e-12
    )


def test_li_metal_cell_mass_counts_excess_foil_once():
    excess = 20e-6
    cell = from_dict({"anode": {"li_excess_um": excess * 1e6}})
    base = bill_of_materials(from_dict({"anode": {"li_excess_um": 0}}))
    bom = bill_of_materials(cell)
    # the excess foil is the only mass difference: 20 um of Li at 0.534 g/cm3
    assert (bom.stack_mass - base.stack_mass) == pytest.approx(excess * 534.0, rel=1e-9)


def test_n_p_ratio_sets_the_excess():
    """The as-built foil holds N/P times the cathode's usable capacity, computed here from
    the OCP at the cut-offs (not from the code's own plated thickness).

    Catches: the ratio applied to the wrong capacity (the CAM's whole capacity, or the
    isolated CAM's), or to the charged Li instead of the plated Li.
    """
    from scipy.optimize import brentq

    cell = from_dict({"anode": {"n_p_ratio": 0.5}})
    v = cell.parameter_values
    ocp = v["Positive electrode OCP [V]"]
    x_charged = brentq(lambda x: ocp(x) - v["Upper voltage cut-off [V]"], 1e-6, 1 - 1e-6)
    x_discharged = brentq(lambda x: ocp(x) - v["Lower voltage cut-off [V]"], 1e-6, 1 - 1e-6)
    connected = v["Positive electrode active material volume fraction"] * (
        1 - v["Positive electrode isolated active material fraction"]
    )
    moles = (  # mol/m2 of Li the connected CAM gives up between the cut-offs
        connected
        * v["Positive electrode thickness [m]"]
        * v["Maximum concentration in positive electrode [mol.m-3]"]
        * (x_discharged - x_charged)
    )
    plated = moles / _c_li(cell)  # m of Li metal
    # 1e-9: brentq's tolerance on the stoichiometry window (1e-12 of 0.7)
    assert v["Lithium metal thickness as built [m]"] == pytest.approx(0.5 * plated, rel=1e-9)
    assert v["Lithium counter electrode thickness [m]"] == pytest.approx(1.5 * plated, rel=1e-9)


def test_charge_first_li_at_start_is_the_foil_plus_what_the_charge_plated():
    excess = 3e-6
    cell = from_dict({"anode": {"li_excess_um": excess * 1e6}})
    result = rate_capability(cell, [0.05], charge=Charge(0.1, 0.02))
    plated = result.charge_capacity * 3.6e4 / (F * _c_li(cell))  # mA.h/cm2 -> m
    ce = cell.parameter_values["Lithium plating Coulombic efficiency"]
    assert ce == 0.998  # the library's Li foil: 1 - CE of what a charge plates is lost
    # rtol 1e-6: the thickness ODE is integrated to the solver's relative tolerance
    assert result.lithium_at_start == pytest.approx(excess + ce * plated, rel=1e-6)
    row = result.summary.iloc[0]
    # the discharge cannot take back more than the foil and the charge provided
    assert row["Discharge capacity [mA.h.cm-2]"] <= (
        result.charge_capacity + excess * F * _c_li(cell) / 3.6e4
    ) * (1 + 1e-6)


def test_li_thickness_below_the_cathode_window_is_rejected():
    with pytest.raises(CellDefinitionError, match="li_excess_um"):
        from_dict({"anode": {"li_thickness_um": 5}})


def test_anode_free_needs_a_charge(anode_free):
    with pytest.raises(CellDefinitionError, match="charge"):
        rate_capability(anode_free, [1.0], charge=None)
    with pytest.raises(CellDefinitionError, match=r"charge\.c_rate"):
        Charge(c_rate=-1)


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        ({"anode": {"material": "sodium"}}, "valid"),
        ({"anode": {"material": "anode-free", "li_excess_um": 5}}, "no Li as built"),
        ({"anode": {"li_thickness_um": 30, "li_excess_um": 5}}, "exactly one"),
        ({"anode": {"interlayer": "Ag-C"}}, "apply to anode.material = 'anode-free' only"),
        ({"anode": {"material": "anode-free", "interlayer": "gold"}}, "known:"),
        ({"anode": {"material": "anode-free", "coulombic_efficiency": 1.2}}, "valid range"),
    ],
)
def test_bad_anode_definitions(doc, words):
    with pytest.raises(CellDefinitionError) as info:
        from_dict(doc)
    assert words in str(info.value)


def test_preset_with_anode_free_switch_drops_li_keys():
    cell = from_preset().with_design(anode={"material": "anode-free"})
    assert cell.model_options["anode"] == "anode-free"
    assert "li_excess_um" not in cell.design["anode"]


def test_areal_resistance_of_anode_free_cell_includes_interlayer(anode_free):
    from asslb_sim.resistance import areal_resistance

    result = areal_resistance(anode_free, duration=1.0)
    v = anode_free.parameter_values
    row = result.breakdown.set_index("Process").loc["Li interphase"]
    expected = (
        v["Lithium metal interphase resistance [Ohm.m2]"]
        + v["Interlayer interface resistance [Ohm.m2]"]
    ) * 1e4
    assert row["Areal resistance [Ohm.cm2]"] == pytest.approx(expected, rel=1e-9)
    assert np.isfinite(result.charge_discharge)


def test_describe_shows_the_interlayer_not_as_li_metal():
    from asslb_sim.describe import describe

    cell = from_dict({"anode": {"material": "anode-free", "interlayer": "Ag-C"}})
    table = describe(cell).set_index("Quantity")["Value"]
    assert table["Interlayer thickness"] == pytest.approx(
        cell.parameter_values["Interlayer thickness [m]"] * 1e6
    )
    assert table["Interlayer thickness"] > 0
    assert table["Li metal thickness as built"] == 0.0
    assert "Li metal thickness" not in table.index
