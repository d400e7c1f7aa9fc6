"""Cell-level accounting: bill of materials, energy density, stacking, packaging."""

import numpy as np
import pytest

from asslb_sim.cell import from_dict
from asslb_sim.design import c_rate_basis
from asslb_sim.energy import bill_of_materials, energy_table
from asslb_sim.simulate import rate_capability

F = 96485.33212

HAND_CELL = {
    "cathode": {
        "active_material": "NMC811",
        "solid_electrolyte": "Li6PS5Cl",
        "carbon": "carbon black",
        "binder": "PTFE",
        "active_material_volume_fraction": 0.50,
        "solid_electrolyte_volume_fraction": 0.35,
        "carbon_volume_fraction": 0.03,
        "binder_volume_fraction": 0.02,
        "void_volume_fraction": 0.10,
        "thickness_um": 100,
    },
    "separator": {"solid_electrolyte": "Li6PS5Cl", "thickness_um": 30},
    "anode": {"li_thickness_um": 40},
    "collectors": {
        "cathode": "Al",
        "anode": "stainless steel",
        "cathode_thickness_um": 12,
        "anode_thickness_um": 10,
    },
    "packaging": {"stacking": "single-sided"},
}


def _hand_masses(x_charged, x_discharged):
    """mg/cm2 of each layer, worked by hand from densities in g/cm3 and um."""
    um = 1e-4  # cm
    cam = 0.50 * 100 * um * 4.77 * 1e3
    c_max = 4770 / 97.28e-3  # mol/m3
    moved = 0.50 * 100e-6 * c_max * (x_discharged - x_charged) * 6.941e-3 * 1e2  # mg/cm2
    return {
        "Al": 12 * um * 2.70e3,
        "CAM": cam - moved,
        "SE": 0.35 * 100 * um * 1.865e3,
        "carbon": 0.03 * 100 * um * 1.825e3,
        "binder": 0.02 * 100 * um * 2.2e3,
        "separator": 30 * um * 1.865e3,
        "Li": 40 * um * 0.534e3,
        "SUS": 10 * um * 7.9e3,
    }


def test_bill_of_materials_matches_hand_calculation():
    cell = from_dict(HAND_CELL)
    basis = c_rate_basis(cell)
    hand = _hand_masses(basis.stoichiometry_charged, basis.stoichiometry_discharged)
    bom = bill_of_materials(cell)
    masses = bom.layers["Areal mass [mg.cm-2]"].to_numpy()
    # rows: Al, CAM, SE, carbon, binder, void, separator, Li, SUS
    expected = [
        hand["Al"],
        hand["CAM"],
        hand["SE"],
        hand["carbon"],
        hand["binder"],
        0.0,
        hand["separator"],
        hand["Li"],
        hand["SUS"],
    ]
    # 0.1 %: the requirement (the two calculations differ only in round-off)
    np.testing.assert_allclose(masses, expected, rtol=1e-3)
    assert bom.stack_mass * 100 == pytest.approx(sum(hand.values()), rel=1e-3)
    assert bom.stack_thickness == pytest.approx((12 + 100 + 30 + 40 + 10) * 1e-6, rel=1e-12)


def test_double_sided_stacking_shares_collectors():
    single = bill_of_materials(from_dict(HAND_CELL))
    double = bill_of_materials(from_dict({**HAND_CELL, "packaging": {"stacking": "double-sided"}}))
    bicell = bill_of_materials(from_dict({**HAND_CELL, "packaging": {"stacking": "bicell"}}))
    al, sus = 12e-4 * 2.70e3, 10e-4 * 7.9e3  # mg/cm2 of a whole foil
    # each collector serves two cells: half of each foil belongs to one unit
    assert (single.stack_mass - double.stack_mass) * 100 == pytest.approx((al + sus) / 2, rel=1e-9)
    assert single.stack_thickness - double.stack_thickness == pytest.approx(11e-6, rel=1e-9)
    # a bicell shares only the cathode collector
    assert (single.stack_mass - bicell.stack_mass) * 100 == pytest.approx(al / 2, rel=1e-9)


def test_packaged_cell_mass_and_volume():
    packaging = {
        "stacking": "double-sided",
        "layers": 10,
        "electrode_area_cm2": 50.0,
        "footprint_area_cm2": 60.0,
        "pouch_foil_thickness_um": 150,
        "pouch_foil_density_g_cm3": 2.2,
        "tab_mass_g": 1.5,
    }
    cell = from_dict({**HAND_CELL, "packaging": packaging})
    bom = bill_of_materials(cell)
    stack_g = 10 * 50 * bom.stack_mass * 100 / 1e3  # g
    foil_g = 2 * 60 * 150e-4 * 2.2
    assert bom.cell_mass * 1e3 == pytest.approx(stack_g + foil_g + 1.5, rel=1e-12)
    thickness_cm = 10 * bom.stack_thickness * 100 + 2 * 150e-4
    assert bom.cell_volume * 1e6 == pytest.approx(60 * thickness_cm, rel=1e-12)
    result = rate_capability(cell, [0.5])
    table = energy_table(result, cell)
    assert table["Energy level"].iloc[0] == "cell"
    e_wh = result.summary["Discharge energy [W.h.m-2]"].iloc[0] * 50e-4 * 10
    assert table["Cell specific energy [W.h.kg-1]"].iloc[0] == pytest.approx(
        e_wh / bom.cell_mass, rel=1e-12
    )
    # packaging only adds mass and volume
    assert (
        table["Cell specific energy [W.h.kg-1]"].iloc[0]
        < table["Stack specific energy [W.h.kg-1]"].iloc[0]
    )


def test_energy_at_c50_is_capacity_times_mean_ocv(default_cell):
    v = default_cell.parameter_values
    result = rate_capability(default_cell, [0.02])
    row = result.summary.iloc[0]
    basis = result.basis
    eps = v["Positive electrode active material volume fraction"]
    c_max = v["Maximum concentration in positive electrode [mol.m-3]"]
    q = row["Discharge capacity [mA.h.cm-2]"] * 10 * 3600  # C/m2
    x_end = basis.stoichiometry_charged + q / (
        eps * v["Positive electrode thickness [m]"] * c_max * F
    )
    x = np.linspace(basis.stoichiometry_charged, x_end, 4001)
    mean_ocv = np.trapezoid(v["Positive electrode OCP [V]"](x), x) / (x_end - x[0])
    expected = row["Discharge capacity [mA.h.cm-2]"] * 10 * mean_ocv  # W.h.m-2
    # 1 %: the requirement; at C/50 the overvoltage is about 3 mV on 3.8 V
    assert row["Discharge energy [W.h.m-2]"] == pytest.approx(expected, rel=0.01)


def test_specific_energy_rises_as_the_separator_thins():
    values = []
    for thickness in (500, 200, 100, 30, 10):
        cell = from_dict({"separator": {"thickness_um": thickness}})
        table = energy_table(rate_capability(cell, [1.0]), cell)
        values.append(table["Stack specific energy [W.h.kg-1]"].iloc[0])
    assert np.all(np.diff(values) > 0), values


def test_energy_levels_are_consistent(default_cell):
    result = rate_capability(default_cell, [0.1, 1.0])
    table = energy_table(result, default_cell)
    # the same energy over ever larger masses
    for _, row in table.iterrows():
        assert (
            row["CAM specific energy [W.h.kg-1]"]
            > row["Cathode composite specific energy [W.h.kg-1]"]
            > row["Stack specific energy [W.h.kg-1]"]
        )
    assert table["Energy level"].iloc[0] == "stack"
    assert (table["Specific energy [W.h.kg-1]"] == table["Stack specific energy [W.h.kg-1]"]).all()
    # the mean power of the 1C discharge from the curve, the integral of i V dt over its
    # duration, over the stack mass (the bill of materials is checked by hand above)
    curve = result.curves[result.curves["C-rate"] == 1.0]
    t, V = curve["Time [s]"].to_numpy(), curve["Voltage [V]"].to_numpy()
    i = result.summary["Current density [mA.cm-2]"].iloc[1] * 10  # A/m2
    power = np.trapezoid(i * V, t) / t[-1]  # W/m2
    stack = bill_of_materials(default_cell, result).stack_mass
    # 1e-5: the trapezoid over the curve's ~1700 points against the solver's integrated
    # energy counter (measured 1e-7)
    assert table["Stack specific power [W.kg-1]"].iloc[1] == pytest.approx(power / stack, rel=1e-5)


def test_energy_vs_rate_plot_draws_the_tables_and_the_targets(default_cell, tmp_path):
    from asslb_sim.plotting import plot_energy_vs_rate

    table = energy_table(rate_capability(default_cell, [0.5, 2.0]), default_cell)
    fig = plot_energy_vs_rate({"default": table}, path=tmp_path / "e.png")
    ax_kg, ax_l = fig.axes
    line, target = ax_kg.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), table["C-rate"])
    np.testing.assert_array_equal(line.get_ydata(), table["Stack specific energy [W.h.kg-1]"])
    assert set(target.get_ydata()) == {350.0}
    assert set(ax_l.get_lines()[1].get_ydata()) == {750.0}
    assert ax_l.get_ylabel() == "Stack energy density [W.h.L-1]"
    assert (tmp_path / "e.png").stat().st_size > 10_000
    assert target.get_label() == "DOE 350 W.h.kg-1"
    with pytest.raises(ValueError, match="valid levels with a volume"):
        plot_energy_vs_rate({"default": table}, level="CAM")  # a CAM has no volume


def _synthetic_result(cell, energy, hours):
    """A rate test of ``cell`` with given energies [W.h.m-2] and durations [h]: the energy
    tables are then checked without a simulation."""
    import pandas as pd

    from asslb_sim.simulate import RateCapabilityResult

    summary = pd.DataFrame(
        {
            "C-rate": np.arange(1, len(energy) + 1, dtype=float),
            "Discharge energy [W.h.m-2]": energy,
            "Duration [h]": hours,
        }
    )
    return RateCapabilityResult(pd.DataFrame(), summary, cell.basis, cell.name)


# quotients that are not whole numbers (a floor division must show); the last row is a
# discharge that never ran
ENERGY, HOURS = [40.0, 30.0, 0.0], [3.0, 0.7, 0.0]


def test_energy_table_levels_against_hand_masses():
    """Every column of the energy table from hand-calculated masses and thicknesses.

    Catches: a level divided by another level's mass or thickness, W.h/m3 not converted
    to W.h/L, the power of the wrong duration, a zero-duration discharge given power.
    """
    cell = from_dict(HAND_CELL)
    basis = c_rate_basis(cell)
    hand = _hand_masses(basis.stoichiometry_charged, basis.stoichiometry_discharged)
    cam = 0.50 * 100e-6 * 4770  # kg/m2, as built (lithiated)
    cathode = 100e-6 * (0.50 * 4770 + 0.35 * 1865 + 0.03 * 1825 + 0.02 * 2200)
    stack = sum(hand.values()) / 100  # mg/cm2 -> kg/m2
    thickness = {"Cathode composite": 100e-6, "Stack": (12 + 100 + 30 + 40 + 10) * 1e-6}
    table = energy_table(_synthetic_result(cell, ENERGY, HOURS), cell)
    energy, hours = np.array(ENERGY), np.array(HOURS)
    power = np.divide(energy, hours, out=np.zeros(3), where=hours > 0)
    # 1e-9: hand masses in round numbers against the composed ones (round-off only)
    for level, mass in (("CAM", cam), ("Cathode composite", cathode), ("Stack", stack)):
        np.testing.assert_allclose(
            table[f"{level} specific energy [W.h.kg-1]"], energy / mass, rtol=1e-9
        )
        np.testing.assert_allclose(
            table[f"{level} specific power [W.kg-1]"], power / mass, rtol=1e-9
        )
        if level in thickness:
            L = thickness[level]
            np.testing.assert_allclose(
                table[f"{level} energy density [W.h.L-1]"], energy / L / 1e3, rtol=1e-9
            )
            np.testing.assert_allclose(
                table[f"{level} power density [W.L-1]"], power / L / 1e3, rtol=1e-9
            )
    assert "CAM energy density [W.h.L-1]" not in table
    assert list(table["Energy level"]) == ["stack"] * 3
    np.testing.assert_allclose(table["Specific energy [W.h.kg-1]"], energy / stack, rtol=1e-9)
    np.testing.assert_allclose(table["Specific power [W.kg-1]"], power / stack, rtol=1e-9)
    L = thickness["Stack"]
    np.testing.assert_allclose(table["Energy density [W.h.L-1]"], energy / L / 1e3, rtol=1e-9)
    np.testing.assert_allclose(table["Power density [W.L-1]"], power / L / 1e3, rtol=1e-9)
    np.testing.assert_array_equal(table["C-rate"], [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(table["Discharge energy [W.h.m-2]"], energy)


def test_energy_table_of_a_packaged_cell_against_hand_masses():
    """Cell level: the energy of every layer over the packaged mass and volume.

    Catches: the layer count or electrode area left out, the pouch counted once, the
    tab forgotten, the footprint not used for the volume.
    """
    packaging = {
        "stacking": "single-sided",
        "layers": 4,
        "electrode_area_cm2": 20.0,
        "footprint_area_cm2": 25.0,
        "pouch_foil_thickness_um": 100,
        "pouch_foil_density_g_cm3": 1.5,
        "tab_mass_g": 0.8,
    }
    cell = from_dict({**HAND_CELL, "packaging": packaging})
    basis = c_rate_basis(cell)
    hand = _hand_masses(basis.stoichiometry_charged, basis.stoichiometry_discharged)
    stack = sum(hand.values()) / 100  # kg/m2
    area, layers = 20e-4, 4  # m2, repeating units
    mass = layers * area * stack + 2 * 25e-4 * 100e-6 * 1500 + 0.8e-3  # kg
    volume = 25e-4 * (layers * 192e-6 + 2 * 100e-6)  # m3
    table = energy_table(_synthetic_result(cell, ENERGY, HOURS), cell)
    energy, hours = np.array(ENERGY), np.array(HOURS)
    watt_hours = energy * area * layers
    power = np.divide(watt_hours, hours, out=np.zeros(3), where=hours > 0)
    # 1e-9: hand values against composed ones (round-off only)
    np.testing.assert_allclose(table["Cell energy [W.h]"], watt_hours, rtol=1e-9)
    for column, value in (
        ("Cell specific energy [W.h.kg-1]", watt_hours / mass),
        ("Cell specific power [W.kg-1]", power / mass),
        ("Cell energy density [W.h.L-1]", watt_hours / volume / 1e3),
        ("Cell power density [W.L-1]", power / volume / 1e3),
        ("Specific energy [W.h.kg-1]", watt_hours / mass),
        ("Energy density [W.h.L-1]", watt_hours / volume / 1e3),
        ("Specific power [W.kg-1]", power / mass),
        ("Power density [W.L-1]", power / volume / 1e3),
    ):
        np.testing.assert_allclose(table[column], value, rtol=1e-9, err_msg=column)
    assert list(table["Energy level"]) == ["cell"] * 3
    # a single C-rate: the same figures in a one-row table
    one = energy_table(_synthetic_result(cell, ENERGY[:1], HOURS[:1]), cell)
    assert one["Power density [W.L-1]"].iloc[0] == pytest.approx(power[0] / volume / 1e3, rel=1e-9)


def test_headline_energy_of_a_single_discharge():
    """The one definition every table shows, at stack level and with no duration.

    Catches: power given to a discharge of zero duration, or a division by it.
    """
    from asslb_sim.metrics.energy import HEADLINE, headline_energy

    cell = from_dict(HAND_CELL)
    bom = bill_of_materials(cell)
    row = headline_energy(bom, 50.0, 2.0)
    assert tuple(row) == HEADLINE
    # 1e-12: the same quotients
    assert row["Specific energy [W.h.kg-1]"] == pytest.approx(50.0 / bom.stack_mass, rel=1e-12)
    assert row["Energy density [W.h.L-1]"] == pytest.approx(
        50.0 / bom.stack_thickness / 1e3, rel=1e-12
    )
    assert row["Specific power [W.kg-1]"] == pytest.approx(25.0 / bom.stack_mass, rel=1e-12)
    assert row["Energy level"] == "stack"
    assert headline_energy(bom, 50.0, 0.0)["Specific power [W.kg-1]"] == 0.0


def test_energy_table_row_with_no_duration_has_no_power():
    """A summary row whose duration is missing (NaN, as in a table read back with a
    gap) keeps its energy figures and has zero power, not the power of an assumed hour.

    Catches: a missing duration filled with 1 h (mutant ``fillna(1.0)``: 40 W.h.m-2
    would show as 40 W.m-2); power computed over a duration of zero (mutants
    ``hours.where(hours >= 0)``, ``hours > -1``: infinite power).
    """
    cell = from_dict(HAND_CELL)
    bom = bill_of_materials(cell)
    table = energy_table(_synthetic_result(cell, [40.0, 30.0], [np.nan, 0.7]), cell)
    stack, L = bom.stack_mass, bom.stack_thickness  # kg/m2, m
    # 1e-12: the same quotients; zero exactly, as no power is computed
    assert table["Stack specific power [W.kg-1]"].iloc[0] == 0.0
    assert table["Specific power [W.kg-1]"].iloc[0] == 0.0
    assert table["Power density [W.L-1]"].iloc[0] == 0.0
    assert table["Specific energy [W.h.kg-1]"].iloc[0] == pytest.approx(40.0 / stack, rel=1e-12)
    # the other row is untouched: 30 W.h.m-2 over 0.7 h
    assert table["Specific power [W.kg-1]"].iloc[1] == pytest.approx(30.0 / 0.7 / stack, rel=1e-12)
    assert table["Power density [W.L-1]"].iloc[1] == pytest.approx(30.0 / 0.7 / L / 1e3, rel=1e-12)
