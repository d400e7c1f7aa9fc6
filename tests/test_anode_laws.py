"""The Li-metal and plated-Li anodes: thickness rates, plating efficiency, inventory
and the exhaustion event, against hand calculations on charge and on discharge."""

import numpy as np
import pytest

from asslb_sim.design import CellState
from conftest import F, explicit_cell, solve_from

X0 = 0.6
AREA = 1e-4  # m2: the composed cells are 1 cm2


def _c_li(cell):
    v = cell.parameter_values
    return v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]


@pytest.mark.parametrize("sign", [1, -1], ids=["discharge", "charge"])
def test_li_metal_thickness_follows_the_charge_passed(sign):
    """dL/dt = -i / (F c_Li) on discharge (stripping, no loss); on charge the foil keeps
    CE of the plated Li and the rest, 1 - CE, becomes inactive Li (the explicit
    cell's CE is 0.97).

    Catches: the rate's sign, its F or c_Li = rho/M changed; the inventory not L c_Li A;
    a foil that plates without loss, loses on discharge, or loses CE instead of 1 - CE.
    """
    cell = explicit_cell()
    ce = cell.parameter_values["Lithium plating Coulombic efficiency"]
    assert ce == 0.97
    L0, t_end, density = 30e-6, 20.0, 1.0 * sign
    sol = solve_from(cell, CellState(X0, L0, 2e-6), density, t_end)
    i = density * 10
    L = sol["Lithium metal thickness [m]"].entries
    dead = sol["Inactive lithium thickness [m]"].entries
    t = sol.t
    c_li = _c_li(cell)
    moved = -i * t / (F * c_li)  # Li (as metal) moved to the anode side
    kept = ce if sign < 0 else 1.0
    # 1e-12 m on changes up to 2.7e-8 m: the thickness ODE is integrated at rtol 1e-6
    # on a state scaled by the cathode thickness (60 um)
    np.testing.assert_allclose(L - L0, kept * moved, rtol=0, atol=1e-12)
    np.testing.assert_allclose(dead - 2e-6, (1 - kept) * moved, rtol=0, atol=1e-12)
    n = sol["Total lithium in lithium metal [mol]"].entries
    np.testing.assert_allclose(n, L * c_li * AREA, rtol=1e-12)
    n_dead = sol["Total inactive lithium [mol]"].entries
    np.testing.assert_allclose(n_dead, dead * c_li * AREA, rtol=1e-12)
    np.testing.assert_allclose(sol["Total lithium in anode [mol]"].entries, n + n_dead, rtol=1e-12)
    # bookkeeping of a charge from as built (AnodeKind.after_charge) plates the same way
    state = cell.anode.after_charge(cell, 1.0)
    as_built = cell.parameter_values["Lithium metal thickness as built [m]"]
    per = 3.6e4 / (F * c_li)  # m of Li per mA.h.cm-2
    assert state.lithium_thickness == pytest.approx(as_built + ce * per, rel=1e-12)
    assert state.inactive_lithium_thickness == pytest.approx((1 - ce) * per, rel=1e-12)


@pytest.mark.parametrize(
    ("L0", "density"),
    [(1e-8, 1.0), (1e-9, 0.05)],
    ids=["10 nm at 1 mA/cm2", "1 nm at 0.05 mA/cm2"],
)
def test_li_exhausted_ends_a_discharge_when_the_foil_is_gone(L0, density):
    """A discharge ends when the Li is gone, after L0 F c_Li / i (7.4 s and 15 s here),
    at any discharge current; charging or resting with no Li is allowed.

    Catches: the exhaustion event missing, active on charge or at rest, inactive below
    some current, or at the wrong thickness.
    """
    cell = explicit_cell()
    sol = solve_from(cell, CellState(X0, L0), density, 30.0)
    assert "Lithium metal exhausted" in sol.termination
    # 1e-4: the event is located by the solver's root finding to its tolerance
    assert sol.t[-1] == pytest.approx(L0 * F * _c_li(cell) / (density * 10), rel=1e-4)
    # charging from no Li at all plates it; resting with none left is allowed
    for density in (-1.0, 0.0):
        sol = solve_from(cell, CellState(X0, 0.0), density, 5.0)
        assert sol.t[-1] == pytest.approx(5.0) and "final time" in sol.termination
    plated = sol["Lithium metal thickness [m]"].entries
    assert np.all(plated == 0)


def test_li_thicker_than_the_cathode_is_not_exhausted_on_the_way():
    """The event is scaled by the cathode thickness (60 um); Li that starts 10 nm above
    it and passes it during the discharge must not end the discharge there.

    Catches: an exhaustion event that vanishes at other thicknesses than zero.
    """
    cell = explicit_cell()
    L0 = cell.parameter_values["Positive electrode thickness [m]"] + 1e-8
    sol = solve_from(cell, CellState(X0, L0), 1.0, 20.0)
    assert sol.t[-1] == pytest.approx(20.0) and "final time" in sol.termination
    assert sol["Lithium metal thickness [m]"].entries[-1] < L0 - 1e-8  # it did pass it


CE = 0.9
R_INTERLAYER = 2e-4  # Ohm m2 (2 Ohm cm2)


def _anode_free(first_charge_loss_um=0.0):
    return explicit_cell(
        anode={
            "material": "anode-free",
            "interlayer": "Ag-C",
            "coulombic_efficiency": CE,
            "interlayer_first_charge_loss_um": first_charge_loss_um,
        },
        parameters={"Interlayer interface resistance [Ohm.m2]": R_INTERLAYER},
    )


def test_first_charge_fills_the_interlayer_loss_before_plating():
    """A first charge of 2.7e-8 m of Li (as metal) into an interlayer that loses 1e-8 m:
    the first 1e-8 m all becomes inactive, the rest plates with CE; bookkeeping
    (AnodeKind.after_charge) agrees. Catches: the loss taken from the plated Li, applied
    on every charge, or CE applied to the interlayer's share."""
    loss = 1e-8
    cell = _anode_free(first_charge_loss_um=loss * 1e6)
    c_li = _c_li(cell)
    density, t_end = -1.0, 20.0
    sol = solve_from(cell, CellState(X0, 0.0), density, t_end)
    charged = -density * 10 * sol.t / (F * c_li)  # m of Li (as metal) moved
    rest = np.maximum(charged - loss, 0.0)
    # 2e-11 m: the ramp of width 1e-3 L_irr where the loss ends (at most CE x 1e-11 m off)
    # and the solver's tolerance
    np.testing.assert_allclose(
        sol["Inactive lithium thickness [m]"].entries,
        np.minimum(charged, loss) + (1 - CE) * rest,
        rtol=0,
        atol=2e-11,
    )
    np.testing.assert_allclose(
        sol["Lithium metal thickness [m]"].entries, CE * rest, rtol=0, atol=2e-11
    )
    state = cell.anode.after_charge(cell, charged[-1] * F * c_li / 3.6e4)
    assert state.lithium_thickness == pytest.approx(CE * rest[-1], abs=2e-11)
    assert state.inactive_lithium_thickness == pytest.approx(loss + (1 - CE) * rest[-1], abs=2e-11)
    # a later charge, from a state that holds the loss already, loses 1 - CE only
    sol = solve_from(cell, CellState(X0, 1e-7, loss), density, t_end)
    charged = -density * 10 * sol.t / (F * c_li)
    np.testing.assert_allclose(
        sol["Lithium metal thickness [m]"].entries, 1e-7 + CE * charged, rtol=0, atol=2e-11
    )


@pytest.mark.parametrize("magnitude", [1.0, 0.05], ids=["1 mA/cm2", "0.05 mA/cm2"])
def test_plating_keeps_the_coulombic_efficiency_and_the_rest_is_inactive(magnitude):
    """On charge, dL/dt = CE |i| / (F c_Li) and dL_inactive/dt = (1 - CE) |i| / (F c_Li);
    on discharge dL/dt = -i / (F c_Li), the inactive Li unchanged; at any current.

    Catches: CE applied on discharge or not at all; the inactive Li growing on discharge,
    not growing on charge, or at CE instead of 1 - CE; its inventory not counted; the
    switch between plating and stripping at another current than zero.
    """
    cell = _anode_free()
    c_li = _c_li(cell)
    t_end, density = 20.0, -magnitude
    sol = solve_from(cell, CellState(X0, 0.0), density, t_end)
    i, t = density * 10, sol.t
    plated = -i * t / (F * c_li)
    L = sol["Lithium metal thickness [m]"].entries
    dead = sol["Inactive lithium thickness [m]"].entries
    # 1e-12 m on 2.7e-8 m: as for the Li-metal anode
    np.testing.assert_allclose(L, CE * plated, rtol=0, atol=1e-12)
    np.testing.assert_allclose(dead, (1 - CE) * plated, rtol=0, atol=1e-12)
    n_dead = sol["Total inactive lithium [mol]"].entries
    np.testing.assert_allclose(n_dead, dead * c_li * AREA, rtol=1e-12)
    np.testing.assert_allclose(
        sol["Total lithium in anode [mol]"].entries, (L + dead) * c_li * AREA, rtol=1e-12
    )
    # stripping takes active Li only, at the full rate; the inactive Li stays
    L0, dead0 = 1e-6, 2e-7
    sol = solve_from(cell, CellState(X0, L0, dead0), magnitude, t_end)
    stripped = magnitude * 10 * sol.t / (F * c_li)
    np.testing.assert_allclose(
        sol["Lithium metal thickness [m]"].entries, L0 - stripped, rtol=0, atol=1e-12
    )
    np.testing.assert_allclose(sol["Inactive lithium thickness [m]"].entries, dead0, rtol=1e-9)


@pytest.mark.parametrize("sign", [1, -1], ids=["discharge", "charge"])
def test_interlayer_resistance_is_in_series_with_the_interphase(sign):
    """Catches: the interlayer resistance dropped, or replacing the interphase's."""
    cell = _anode_free()
    density = 1.0 * sign
    sol = solve_from(cell, CellState(X0, 1e-6), density, 1e-3)
    part = sol["Lithium metal interphase overvoltage [V]"].entries[0]
    # 1e-12: a product evaluated twice (interphase 10 Ohm cm2 as in EXPLICIT_DESIGN)
    assert part == pytest.approx(density * 10 * (1e-3 + R_INTERLAYER), rel=1e-12)


def test_li_exactly_as_thick_as_the_cathode_discharges():
    """A foil exactly as thick as the cathode (60 um; the event's scale) is far from
    exhausted: the discharge runs to its final time and strips i t / (F c_Li).

    Catches: an exhaustion event that is zero at other thicknesses than zero, so that
    the solver finds it violated at the start (mutant ``L % scale``: 0 at L = scale).
    """
    cell = explicit_cell()
    L0 = cell.parameter_values["Positive electrode thickness [m]"]
    sol = solve_from(cell, CellState(X0, L0), 1.0, 20.0)
    assert sol.t[-1] == pytest.approx(20.0) and "final time" in sol.termination
    # 1e-12 m: as in test_li_metal_thickness_follows_the_charge_passed
    stripped = 10.0 * sol.t / (F * _c_li(cell))
    np.testing.assert_allclose(
        sol["Lithium metal thickness [m]"].entries, L0 - stripped, rtol=0, atol=1e-12
    )


def _counter_potential(cell, inventory):
    """The cell's anode-side potential [V vs Li] at the Li inventories [m]."""
    import pybamm

    values = pybamm.ParameterValues(dict(cell.parameter_values))
    symbol = pybamm.FunctionParameter(
        "Counter electrode potential vs Li [V]",
        {"L": pybamm.Vector(np.asarray(inventory, dtype=float))},
    )
    return np.asarray(values.process_symbol(symbol).evaluate()).ravel()


def test_ag_c_potential_slopes_from_1_v_to_0_as_it_fills():
    """Lee's Ag-C (10 um) stores 2.643 um of Li (as metal) before Li plates; its
    potential falls linearly from 1 V vs Li (empty) to 0 (full) and stays 0 while Li
    plates: hand values at 0, 1/4, 1/2, 1 and 2 times its capacity; a bare collector
    is at 0 V from the start. Catches: the capacity or the end potential lost, the slope
    reversed, the plated Li not at 0 V."""
    cell = _anode_free()
    Q = cell.parameter_values["Interlayer lithium capacity [m]"]
    # 1e-12: the library's 0.2643 m per m of Ag-C times 10 um
    assert Q == pytest.approx(0.2643 * 10e-6, rel=1e-12)
    u = _counter_potential(cell, np.array([0.0, 0.25, 0.5, 1.0, 2.0]) * Q)
    # 1e-6 V: the law's d = 1e-12 m (4e-7 of Q, which keeps a layer of no capacity at
    # 0 V) shifts it by at most 4e-7 V; a wrong capacity or end potential is 1e-2-1 V
    np.testing.assert_allclose(u, [1.0, 0.75, 0.5, 0.0, 0.0], atol=1e-6)
    bare = explicit_cell(anode={"material": "anode-free", "interlayer": "none"})
    assert bare.parameter_values["Counter electrode potential vs Li [V]"] == 0.0


def test_counter_potential_law_on_arrays_is_the_models():
    """``counter_potential_law`` (what the fast cycle-life estimate books the anode's
    potential with) gives Ag-C's hand values on an array and a scalar and says that it
    varies; a Li foil and a bare collector are a constant 0 V that does not (so the
    estimate's bookkeeping for them is unchanged). Catches: the law evaluated at the
    wrong inventory or unit, the array's shape lost, a constant flagged as varying."""
    from asslb_sim.design.basis import counter_potential_law

    cell = _anode_free()
    Q = cell.parameter_values["Interlayer lithium capacity [m]"]
    law, varies = counter_potential_law(cell.parameter_values)
    assert varies
    inventory = np.array([[0.0, 0.25], [0.5, 2.0]]) * Q
    u = law(inventory)
    assert u.shape == (2, 2)
    # 1e-6 V: as in test_ag_c_potential_slopes_from_1_v_to_0_as_it_fills
    np.testing.assert_allclose(u, [[1.0, 0.75], [0.5, 0.0]], atol=1e-6)
    np.testing.assert_allclose(u.ravel(), _counter_potential(cell, inventory.ravel()), atol=1e-15)
    assert law(0.75 * Q).shape == () and float(law(0.75 * Q)) == pytest.approx(0.25, abs=1e-6)
    for anode in ({}, {"material": "anode-free", "interlayer": "none"}):
        law, varies = counter_potential_law(explicit_cell(anode=anode).parameter_values)
        assert not varies
        np.testing.assert_array_equal(law(np.array([0.0, 1e-6, 1e-4])), 0.0)


@pytest.mark.parametrize("sign", [-1, 1], ids=["charge", "discharge"])
def test_ag_c_fills_before_li_plates_and_empties_after_it_strips(sign):
    """A charge from an empty Ag-C (its first-charge loss already taken) lithiates it at a
    falling potential, then plates at 0 V; a discharge from 1.3 times its capacity strips
    the plated Li at 0 V, then delithiates it, the potential rising. Along both, the
    model's potential is the hand law at its Li inventory, the cell voltage on the Li
    scale is the voltage plus it, and Li is conserved. Catches: the potential tied to the
    wrong state, the order of filling and plating reversed, Li not conserved."""
    cell = _anode_free()
    v = cell.parameter_values
    Q = v["Interlayer lithium capacity [m]"]
    c_li = _c_li(cell)
    density = 1.0 * sign  # mA/cm2
    start = 0.0 if sign < 0 else 1.3 * Q
    # a charge from a CAM near full lithiation stays below the upper cut-off throughout
    x0 = 0.8 if sign < 0 else X0
    # time to plate 1.3 Q at CE 0.9 (charge) or strip 0.6 Q (discharge, to 0.7 Q: the
    # cell stays above its lower cut-off): crosses Q either way
    moved = 1.3 * Q / CE if sign < 0 else 0.6 * Q
    t_end = moved * F * c_li / (abs(density) * 10)
    sol = solve_from(cell, CellState(x0, start), density, t_end)
    assert "final time" in sol.termination
    L = sol["Lithium metal thickness [m]"].entries
    u = sol["Counter electrode potential vs Li [V]"].entries
    hand = 1.0 * (1 - np.clip(L / Q, 0, 1))
    assert L.min() < 0.9 * Q and L.max() > 1.1 * Q  # it crossed the full interlayer
    # 1e-6 V: the law's d = 1e-12 m (4e-7 of Q) shifts it by at most 4e-7 V
    np.testing.assert_allclose(u, hand, atol=1e-6)
    steps = np.diff(u)
    assert np.all(steps * sign >= -1e-12)  # falls on charge, rises on discharge
    np.testing.assert_allclose(
        sol["Voltage vs Li [V]"].entries, sol["Voltage [V]"].entries + u, atol=1e-12
    )
    n = sol["Total lithium [mol]"].entries
    # 1e-9 relative: the solver's tolerance on the conserved sum
    np.testing.assert_allclose(n, n[0], rtol=1e-9)
