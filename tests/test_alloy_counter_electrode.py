"""The In/InLi counter electrode (#14): its potential against its Li content (the
0.622 V plateau, the Li-poor and Li-rich ends) in series with the Li-metal anode
model, its Li inventory from the alloy's composition, and cut-offs and voltages
against it."""

import numpy as np
import pytest

from asslb_sim.design import from_dict
from asslb_sim.errors import CellDefinitionError
from asslb_sim.metrics import areal_resistance
from asslb_sim.simulate import rate_capability
from conftest import solve_from

PLATEAU = 0.622  # V vs Li, Santhosha et al. (2019)
F = 96485.33212
C_LI = 534.0 / 6.941e-3  # mol/m3, Li metal
C_IN = 7310.0 / 114.818e-3  # mol/m3, In metal
VS_LI = {"lower_cutoff_V": 3.0, "upper_cutoff_V": 4.25}
VS_IN = {k: v - PLATEAU for k, v in VS_LI.items()}


def in_inli(anode=None, operation=None):
    return from_dict(
        {
            "anode": {"material": "In/InLi", **(anode or {})},
            "operation": {**VS_IN, **(operation or {})},
        }
    )


def test_li_available_on_the_plateau_from_the_alloy_composition():
    """100 um of In at 33 at% Li: the Li down to the plateau's Li-poor end (1 at%), as
    Li metal. Catches: Li fractions taken as Li/In ratios, the plateau end ignored."""
    cell = in_inli({"alloy_thickness_um": 100.0, "lithium_atomic_fraction": 0.33})
    v = cell.parameter_values
    moles = 100e-6 * C_IN * (0.33 / 0.67 - 0.01 / 0.99)  # mol Li per m2
    # 1e-12: the same closed form
    assert v["Lithium metal thickness as built [m]"] == pytest.approx(moles / C_LI, rel=1e-12)
    plated = cell.basis.usable_capacity * 3.6e4 / (F * C_LI)  # 3.6e4 C.m-2 per mA.h.cm-2
    assert v["Lithium counter electrode thickness [m]"] == pytest.approx(
        moles / C_LI + plated, rel=1e-9
    )
    assert v["Voltage reference potential vs Li [V]"] == PLATEAU
    # the Li-free host lies the plateau's Li-poor end (1 at%) below the inventory's zero
    below = 100e-6 * C_IN * (0.01 / 0.99) / C_LI
    assert v["Minimum lithium metal thickness [m]"] == pytest.approx(-below, rel=1e-12)


def test_default_cut_offs_shift_to_the_in_inli_scale():
    """Without cut-offs in the design, the library's defaults vs Li less the plateau.
    Catches: the defaults left on the Li scale."""
    from asslb_sim.design import from_preset
    from asslb_sim.design.compose import compose
    from asslb_sim.parameter_sets import defaults

    design = {
        k: v
        for k, v in from_preset().design.items()
        if k not in ("operation", "anode", "model", "parameters")
    }
    v = compose({**design, "anode": {"material": "In/InLi"}})
    # 1e-12: a difference of two numbers
    assert v["Lower voltage cut-off [V]"] == pytest.approx(
        float(defaults.LOWER_CUTOFF) - PLATEAU, abs=1e-12
    )
    assert v["Upper voltage cut-off [V]"] == pytest.approx(
        float(defaults.UPPER_CUTOFF) - PLATEAU, abs=1e-12
    )


@pytest.fixture(scope="module")
def both_scales():
    rates = [0.2, 1.0]
    return rate_capability(in_inli(), rates), rate_capability(
        from_dict({"operation": VS_LI}), rates
    )


def test_in_inli_cell_is_the_li_cell_shifted_by_the_plateau(both_scales):
    """The same cathode against In/InLi (cut-offs vs In/InLi) and against Li (cut-offs
    vs Li): the same capacity, every voltage lower by the plateau potential, with the
    same interface parameters. Catches: the plateau applied twice or not at all, the
    cut-offs or the usable window left on the Li scale."""
    alloy, lithium = both_scales
    # 1e-5: the two builds take different solver steps at rtol 1e-6 (measured 1e-6)
    np.testing.assert_allclose(
        alloy.summary["Discharge capacity [mA.h.cm-2]"],
        lithium.summary["Discharge capacity [mA.h.cm-2]"],
        rtol=1e-5,
    )
    for c in (0.2, 1.0):
        a = alloy.curves[alloy.curves["C-rate"] == c]
        b = lithium.curves[lithium.curves["C-rate"] == c]
        q = np.linspace(0.05, 0.95, 19) * a["Discharge capacity [mA.h.cm-2]"].iloc[-1]
        va = np.interp(q, a["Discharge capacity [mA.h.cm-2]"], a["Voltage [V]"])
        vb = np.interp(q, b["Discharge capacity [mA.h.cm-2]"], b["Voltage [V]"])
        # 1e-3 V: linear interpolation between two sets of adaptive steps (measured
        # 2e-4 V); an error in the plateau would be of its size, 0.622 V
        np.testing.assert_allclose(vb - va, PLATEAU, atol=1e-3)


def test_alloy_interphase_resistance_adds_its_ohmic_drop():
    """10 Ohm cm2 more at the In/InLi|SE interface lowers the 10 s pulse voltage by
    i x 10 Ohm cm2: the pulse resistance rises by exactly that. Catches: the alloy's
    interface parameters not reaching the model."""
    base = areal_resistance(in_inli({"interphase_resistance_ohm_cm2": 5.0}))
    more = areal_resistance(in_inli({"interphase_resistance_ohm_cm2": 15.0}))
    # 1e-3 Ohm cm2: the solver's tolerance on a 10 s pulse of ~70 Ohm cm2 (measured 1e-5)
    assert more.pulse - base.pulse == pytest.approx(10.0, abs=1e-3)
    lithium = areal_resistance(from_dict({"operation": VS_LI}))
    # the same kinetics and interphase by default: the same resistance as against Li
    assert base.pulse == pytest.approx(lithium.pulse, abs=1e-3)


# Santhosha et al. (2019) Fig. 1/2a as the library states it, typed out again by hand:
# (Li atomic fraction, V vs Li)
SANTHOSHA = [
    (0.0, 1.95),
    (0.001, 1.88),
    (0.01, 0.622),
    (0.47, 0.622),
    (0.489, 0.342),
    (0.517, 0.339),
    (0.537, 0.30),
    (0.547, 0.17),
    (0.555, 0.14),
    (0.60, 0.122),
]


def inventory_at(fraction, thickness=100e-6):
    """The inventory [m] (as Li metal, from the plateau's Li-poor end) of an In foil
    at a Li atomic fraction, by hand."""
    n_in = thickness * C_IN
    return n_in * (fraction / (1 - fraction) - 0.01 / 0.99) / C_LI


def counter_potential(cell, inventory):
    """The cell's counter-electrode potential [V vs Li] at the inventories [m]."""
    import pybamm

    values = pybamm.ParameterValues(dict(cell.parameter_values))
    inventory = np.atleast_1d(np.asarray(inventory, dtype=float))
    symbol = pybamm.FunctionParameter(
        "Counter electrode potential vs Li [V]", {"L": pybamm.Vector(inventory)}
    )
    return np.asarray(values.process_symbol(symbol).evaluate()).ravel()


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [
        (0.0005, 1.915),  # the Li-poor branch, halfway between 1.95 and 1.88 V
        (0.0055, 1.251),  # 1.88 + (0.622 - 1.88) x 0.5
        (0.30, PLATEAU),
        (0.4795, 0.482),  # the InLi single phase: 0.622 - 0.280 x 0.5
        (0.503, 0.3405),  # 0.342 - 0.003 x 0.5
        (0.5775, 0.131),  # 0.14 - 0.018 x 0.5
        (0.70, 0.122),  # past the titration's end: held at its last value
    ],
)
def test_in_inli_potential_against_its_li_content(fraction, expected):
    """The counter electrode's potential at chosen Li contents, computed by hand from
    Santhosha's points: the inventory mapped to the Li fraction through the In foil
    and the plateau's Li-poor end, then linear between the points. Catches: Li
    fractions taken as Li/In ratios, the inventory's zero misplaced (the plateau's end
    instead of the Li-free host), a point or the interpolation wrong."""
    cell = in_inli({"alloy_thickness_um": 100.0, "lithium_atomic_fraction": 0.33})
    # 1e-9 V: linear interpolation of typed numbers, evaluated twice
    (u,) = counter_potential(cell, inventory_at(fraction))
    assert u == pytest.approx(expected, abs=1e-9)


def test_in_inli_potential_never_rises_with_li_and_is_flat_on_the_plateau():
    """Over the whole composition range the potential never rises as Li is added (a
    two-phase plateau is flat, a single phase slopes down); on the plateau it is the
    0.622 V the cell's scale uses. Catches: a point out of order in the table."""
    cell = in_inli()
    fractions = np.linspace(0.0, 0.65, 651)
    u = counter_potential(cell, inventory_at(fractions))
    assert np.all(np.diff(u) <= 0)
    on = (fractions >= 0.01) & (fractions <= 0.47)
    # exact: the plateau's two points carry the same number
    assert np.all(u[on] == PLATEAU)
    assert u[0] > 1.9 and u[-1] < 0.13


def test_discharge_off_the_plateau_rises_and_ends_on_the_voltage_cut_off():
    """A discharge from a state whose alloy holds 2 um (as Li metal) of plateau Li, less
    than the cathode takes back: past the plateau the In's potential rises steeply and
    the discharge ends at the lower cut-off, after the plateau's Li and before the Li-free
    host (never on a bare "Li exhausted"). The counter electrode's potential at the end
    (the curve on the Li scale less the cell voltage) is the hand-computed one at the
    Li fraction the charge passed leaves. Catches: the inventory stopped at the plateau's
    end, the potential held constant off the plateau, the Li-scale column built with the
    plateau value."""
    from asslb_sim.design import CellState

    cell = in_inli({"alloy_thickness_um": 100.0, "lithium_atomic_fraction": 0.33})
    start = CellState(cell.basis.stoichiometry_charged, 2e-6, 0.0)
    result = rate_capability(cell, [0.1], start=start)
    row = result.summary.iloc[0]
    assert row["Termination"] == "voltage cut-off", row["Termination"]
    per_capacity = 3.6e4 / (F * C_LI)  # m of Li per mA.h.cm-2
    plateau = 2e-6 / per_capacity
    host = (2e-6 + 100e-6 * C_IN * (0.01 / 0.99) / C_LI) / per_capacity
    q = row["Discharge capacity [mA.h.cm-2]"]
    assert plateau < q < host
    curve = result.curves
    u_ce = (curve["Voltage vs Li [V]"] - curve["Voltage [V]"]).to_numpy()
    # 1e-9 V: on the plateau the column adds exactly 0.622 V
    assert u_ce[0] == pytest.approx(PLATEAU, abs=1e-9)
    left = 2e-6 - q * per_capacity  # m, below the plateau's Li-poor end
    n_li = 100e-6 * C_IN * 0.01 / 0.99 + left * C_LI
    x_end = n_li / (n_li + 100e-6 * C_IN)
    by_hand = np.interp(x_end, *zip(*SANTHOSHA, strict=True))
    # 1e-4 V: the event's time at the solver's tolerance (the branch falls 140 V per unit
    # of Li fraction, 1e-4 V is 7e-7 of it); an error in the mapping is 10-100x larger
    assert u_ce[-1] == pytest.approx(by_hand, abs=1e-4)
    assert u_ce[-1] > PLATEAU + 0.5


def test_li_is_conserved_across_the_plateau_end():
    """Total Li (CAM + alloy inventory) is constant over a discharge that crosses the
    plateau's Li-poor end. Catches: the inventory's rate changed off the plateau."""
    cell = in_inli()
    sol = solve_from(cell, state_at(cell, cell.basis.stoichiometry_charged, 1e-6), 2.0, 3600)
    n = sol["Total lithium [mol]"].entries
    li = sol["Lithium metal thickness [m]"].entries
    assert li.min() < 0  # it did cross below the plateau
    # 1e-9 relative: the solver's tolerance on the conserved sum (measured 1e-12)
    np.testing.assert_allclose(n, n[0], rtol=1e-9)


@pytest.mark.parametrize(
    ("anode", "words"),
    [
        ({"lithium_atomic_fraction": 0.6}, "off the In/InLi plateau; valid range [0.01, 0.47]"),
        ({"lithium_atomic_fraction": 0.005}, "off the In/InLi plateau"),
        ({"alloy_thickness_um": 2.0, "lithium_atomic_fraction": 0.45}, "room for"),
        ({"li_excess_um": 20.0}, "do not apply to anode.material = 'In/InLi'"),
    ],
    ids=["Li-rich", "Li-poor", "no room for the charge", "a Li-metal key"],
)
def test_bad_alloy_electrodes_rejected(anode, words):
    with pytest.raises(CellDefinitionError) as info:
        in_inli(anode)
    assert words in str(info.value)


def test_cut_offs_on_the_li_scale_are_refused_with_the_conversion():
    with pytest.raises(CellDefinitionError, match=r"subtract 0\.622 V from cut-offs vs Li"):
        from_dict({"anode": {"material": "In/InLi"}, "operation": VS_LI})


def test_bill_of_materials_counts_the_indium_and_all_its_li():
    """The In foil's mass and the Li it holds, charged (plateau Li, the Li below the
    plateau and the charge's Li). Catches: the host left out of Wh/kg."""
    from asslb_sim.metrics import bill_of_materials

    cell = in_inli({"alloy_thickness_um": 100.0, "lithium_atomic_fraction": 0.33})
    layers = bill_of_materials(cell).layers
    anode = layers[layers["Layer"] == "Anode"]
    masses = dict(zip(anode["Component"], anode["Areal mass [mg.cm-2]"] / 100, strict=True))
    # 1e-12: closed forms (kg.m-2)
    assert masses["In host"] == pytest.approx(100e-6 * 7310.0, rel=1e-12)
    li = (
        cell.parameter_values["Lithium counter electrode thickness [m]"]
        + 100e-6 * C_IN * (0.01 / 0.99) / C_LI
    )
    assert masses["In/InLi (charged)"] == pytest.approx(li * 534.0, rel=1e-9)


def test_cut_offs_stated_vs_li_give_the_same_cell():
    """``cutoffs_vs = "Li"``: the same cell as cut-offs converted by hand; for a Li-metal
    cell the option changes nothing. Catches: the conversion's sign, or applying it
    to cut-offs already on the cell's scale."""
    stated = from_dict(
        {"anode": {"material": "In/InLi"}, "operation": {**VS_LI, "cutoffs_vs": "Li"}}
    )
    by_hand = in_inli()
    for name in ("Lower voltage cut-off [V]", "Upper voltage cut-off [V]"):
        # 1e-12: one subtraction
        assert stated.parameter_values[name] == pytest.approx(
            by_hand.parameter_values[name], abs=1e-12
        )
    assert stated.basis.usable_capacity == pytest.approx(by_hand.basis.usable_capacity, rel=1e-12)
    lithium = from_dict({"operation": {**VS_LI, "cutoffs_vs": "Li"}})
    assert lithium.parameter_values["Lower voltage cut-off [V]"] == VS_LI["lower_cutoff_V"]
    with pytest.raises(CellDefinitionError, match=r"operation\.cutoffs_vs"):
        from_dict({"operation": {"cutoffs_vs": "In"}})


def test_curves_against_in_inli_also_on_the_li_scale(both_scales):
    """The curves of an In/InLi cell carry the Li-scale voltage too, and its plot says
    which scale it shows. Catches: the column shifted the wrong way."""
    import matplotlib

    matplotlib.use("Agg")
    from asslb_sim.plotting import plot_discharge_curves

    alloy, lithium = both_scales
    # 1e-12 V: one addition
    np.testing.assert_allclose(
        alloy.curves["Voltage vs Li [V]"], alloy.curves["Voltage [V]"] + PLATEAU, atol=1e-12
    )
    assert "Voltage vs Li [V]" not in lithium.curves
    assert alloy.voltage_reference == "In/InLi"
    fig = plot_discharge_curves(alloy)
    assert fig.axes[0].get_ylabel() == "Voltage vs In/InLi [V]"
    assert plot_discharge_curves(lithium).axes[0].get_ylabel() == "Voltage vs Li [V]"


def test_cut_offs_inherited_across_a_change_of_counter_electrode_keep_their_scale():
    """The default preset's cut-offs (3.0-4.25 V vs Li) on an In/InLi half cell made
    from it are 2.378-3.628 V vs In/InLi, and back to Li metal they are 3.0-4.25 V
    again. Catches: inherited cut-offs read on the new counter electrode's scale."""
    half = from_dict({"anode": {"material": "In/InLi"}})
    for name, vs_li in (("Lower voltage cut-off [V]", 3.0), ("Upper voltage cut-off [V]", 4.25)):
        # 1e-12: one subtraction
        assert half.parameter_values[name] == pytest.approx(vs_li - PLATEAU, abs=1e-12)
    back = half.with_design(anode={"material": "Li metal", "li_excess_um": 20.0})
    assert back.parameter_values["Lower voltage cut-off [V]"] == pytest.approx(3.0, abs=1e-12)
    assert back.parameter_values["Upper voltage cut-off [V]"] == pytest.approx(4.25, abs=1e-12)


@pytest.mark.parametrize("density", [0.0, 2.0], ids=["at rest", "under current"])
def test_breakdown_against_the_alloy(density):
    """The breakdown's relaxed open-circuit voltage is the CAM's OCP less the plateau,
    the total overvoltage that less the cell voltage, and the parts add up to it, at rest
    and under current. Catches: the plateau missing from (or doubled in) the relaxed OCV,
    the total or the rest branch of the diffusion part."""
    from asslb_sim.design.basis import ocp_as_float

    cell = in_inli()
    x0 = 0.6
    sol = solve_from(cell, state_at(cell, x0), density, 10.0)
    relaxed = sol["Relaxed open-circuit voltage [V]"].entries
    # 1e-9 V: the OCP of the uniform starting stoichiometry, evaluated twice
    assert relaxed[0] == pytest.approx(ocp_as_float(cell.parameter_values)(x0) - PLATEAU, abs=1e-9)
    total = sol["Total overvoltage [V]"].entries
    np.testing.assert_allclose(total, relaxed - sol["Voltage [V]"].entries, atol=1e-12)
    # 2e-4 V: the parts add up to the solver's tolerance on the algebraic potentials
    # (OverpotentialBreakdown's docstring: 1.4e-4 V measured at 1C)
    np.testing.assert_allclose(sol["Sum of overvoltage parts [V]"].entries, total, atol=2e-4)


def state_at(cell, x, lithium=None):
    """A uniform state at CAM stoichiometry ``x`` with the charged alloy's Li (or
    ``lithium`` [m])."""
    from asslb_sim.design import CellState

    if lithium is None:
        lithium = cell.parameter_values["Lithium counter electrode thickness [m]"]
    return CellState(x, lithium, 0.0)


def test_breakdown_adds_up_off_the_plateau():
    """A 2 mA/cm2 discharge from 1 um of plateau Li, past the plateau's end to the cut-off
    (the In's potential rising to ~1.5 V): the relaxed OCV follows U_ce, and the parts
    still add up to the total. Catches: the breakdown holding the plateau value."""
    cell = in_inli()
    sol = solve_from(cell, state_at(cell, cell.basis.stoichiometry_charged, 1e-6), 2.0, 3000)
    u_ce = sol["Counter electrode potential vs Li [V]"].entries
    assert u_ce.max() > 1.0 and "Minimum voltage" in sol.termination
    total = sol["Total overvoltage [V]"].entries
    # 2e-4 V: as on the plateau (OverpotentialBreakdown's docstring; measured 1.4e-4 V)
    np.testing.assert_allclose(sol["Sum of overvoltage parts [V]"].entries, total, atol=2e-4)
    from asslb_sim.design.basis import ocp_as_float

    ocp = ocp_as_float(cell.parameter_values)
    x_avg = sol["Average positive particle stoichiometry"].entries
    relaxed = sol["Relaxed open-circuit voltage [V]"].entries
    # 1e-9 V: the CAM's OCP at the mean stoichiometry, evaluated twice
    np.testing.assert_allclose(relaxed[-1], ocp(x_avg[-1]) - u_ce[-1], atol=1e-9)
