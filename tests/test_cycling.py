"""Cycling and the Li inventory: analytic limits of plating losses, Li excess and CAM loss,
the fast estimate against full cycling, and the Li balance over many cycles.

Cheap by construction: a 60 um cathode on a coarse mesh (10 x 15), large plating losses
(CE 0.8-0.95) so that effects show within a few cycles, 0.5C charges without rests.
"""

import math

import numpy as np
import pytest

from asslb_sim.cycling import cycle_life, estimate_cycle_life
from asslb_sim.cycling.life import ANODE_LIMITED
from asslb_sim.design import load_cell
from asslb_sim.errors import CellDefinitionError
from asslb_sim.simulation import Cycle, Runner
from asslb_sim.simulation.outcomes import Outcome
from asslb_sim.simulation.runner import CycleStep

MESH = {"x_p": 10, "r_p": 15}
FAST = Cycle(charge_c_rate=0.5, discharge_c_rate=0.5, cv_cutoff_c_rate=0.05, rest_minutes=0)


def _cell(**anode):
    return load_cell("default").with_design(cathode={"thickness_um": 60}, anode=anode)


@pytest.fixture(scope="module")
def anode_free():
    """Bare-collector anode-free cell, CE 0.9, discharged at C/10 (the cathode could take
    back more than the plated Li: Li-limited from cycle 4)."""
    cell = _cell(material="anode-free", interlayer="none", coulombic_efficiency=0.9)
    protocol = Cycle(0.5, 0.1, 0.05, 0)
    return cell, protocol, cycle_life(cell, 8, protocol, mesh=MESH)


@pytest.fixture(scope="module")
def thin_foil():
    """1 um Li excess, CE 0.8: the reserve (the excess and what the first charge plated
    beyond the first discharge) runs out in cycle 5."""
    cell = _cell(li_excess_um=1.0, coulombic_efficiency=0.8)
    return cell, cycle_life(cell, 8, FAST, mesh=MESH)


def test_li_limited_anode_free_cell_retains_ce_per_cycle(anode_free):
    """Once the anode's Li runs out before the cathode is full, each cycle delivers CE of
    the one before (the cathode gives back on charge what it took on discharge, of which
    CE plates): retention CE^n after n Li-limited cycles.

    Catches: the plating loss applied twice or not at all, on discharge, or the
    cycles relaxed between each other (a relaxed start changes the next charge).
    """
    _, _, result = anode_free
    table = result.table
    assert (table["Status"] == "ok").all()
    limited = table[table["Termination"] == "Li exhausted"]
    assert len(limited) >= 4  # the regime is reached and stays
    q = limited["Discharge capacity [mA.h.cm-2]"].to_numpy()
    n = np.arange(len(q))
    # 1e-4: the CV hold ends at 0.05C, so each charge leaves the cathode a little less
    # delithiated than the last (measured: ratio 0.90001-0.90003)
    np.testing.assert_allclose(q / q[0], 0.9**n, rtol=1e-4 * n.max())


def test_li_excess_delays_the_fade_by_excess_over_loss_per_cycle(thin_foil):
    """A reserve R (mA.h.cm-2) on the anode lasts R / ((1 - CE) Q) cycles of Q: the
    capacity stays the cathode's until then, then falls by CE per cycle.

    Catches: a reserve not drawn on, drawn on at CE instead of 1 - CE, or per cycle
    at a rate other than the plating loss of the charge.
    """
    _, result = thin_foil
    table = result.table
    ce = 0.8
    per_um = 96485.33212 * 534 / 6.941e-3 / 3.6e4 * 1e-6  # mA.h.cm-2 per um of Li
    q = table["Charge capacity [mA.h.cm-2]"].iloc[1]
    reserve = table["Active lithium discharged [um]"].iloc[0] * per_um
    delay = reserve / ((1 - ce) * q)  # cycles after the first one
    first_short = table.index[table["Termination"] == "Li exhausted"][0] + 1  # cycle number
    # the reserve runs out during cycle 1 + ceil(delay): 1 + 3.3 -> cycle 5
    assert first_short == 1 + math.ceil(delay)
    # before it, the reserve changes by what the charge plated less what the discharge
    # stripped, CE x charge - discharge, to 1e-5 mA.h.cm-2 (0.05 nm of Li: the solver's
    # tolerance on the thickness states, scaled by 60 um)
    kept = table.iloc[: first_short - 1]
    drop = -np.diff(kept["Active lithium discharged [um]"]) * per_um
    charges = kept["Charge capacity [mA.h.cm-2]"].iloc[1:]
    discharges = kept["Discharge capacity [mA.h.cm-2]"].iloc[1:]
    np.testing.assert_allclose(drop, discharges - ce * charges, atol=1e-5)
    # and after it the capacity falls by CE per cycle (to 1e-3: see the test above)
    q = table["Discharge capacity [mA.h.cm-2]"].to_numpy()[first_short:]
    np.testing.assert_allclose(q[1:] / q[:-1], ce, rtol=1e-3 * len(q))


def test_loss_booked_per_cycle_is_one_minus_ce_of_the_charge(thin_foil):
    """The table's inactive Li per cycle is (1 - CE) of that cycle's charge, and the Li
    balance (CAM + active + inactive) closes cycle to cycle.

    Catches: the per-cycle loss column read at the wrong state or in the wrong unit.
    """
    _, result = thin_foil
    t = result.table
    # 1e-6 relative: the states are integrated at rtol 1e-6
    np.testing.assert_allclose(
        t["Lithium lost to inactive [mA.h.cm-2]"],
        0.2 * t["Charge capacity [mA.h.cm-2]"],
        rtol=1e-5,
    )
    total = t["Total lithium [mA.h.cm-2]"] + t["Lithium isolated in the cathode [mA.h.cm-2]"]
    np.testing.assert_allclose(total, total.iloc[0], rtol=1e-8)


@pytest.mark.parametrize(
    ("anode", "cathode_loss"),
    [
        ({"li_excess_um": 1.0, "coulombic_efficiency": 0.8}, 0.0),
        ({"material": "anode-free", "interlayer": "none", "coulombic_efficiency": 0.9}, 0.0),
        ({"li_excess_um": 1.0, "coulombic_efficiency": 0.9}, 0.02),
        ({"material": "anode-free", "interlayer": "none", "coulombic_efficiency": 0.9}, 0.02),
    ],
    ids=["thin foil", "anode-free", "foil with CAM loss", "anode-free with CAM loss"],
)
def test_fast_estimate_agrees_with_full_cycling(anode, cathode_loss):
    """The estimate simulates 4-5 cycles, then books the inventory; over 12 cycles its
    capacity is within 0.5 % of full cycling and its cycles to 80 % equal.

    Catches: the reserve or the plating loss booked wrongly, the switch between the
    cathode- and Li-limited regimes, the CAM loss not booked (with CAM loss a Li-limited
    charge takes back 1 - beta of the discharge before: booked as 1, the anode-free cell
    is 2.3 % high in its first booked cycle, 7 % by cycle 8).
    """
    cell = _cell(**anode).with_design(cathode={"active_material_loss_per_cycle": cathode_loss})
    protocol = FAST if "material" not in anode else Cycle(0.5, 0.1, 0.05, 0)
    estimate = estimate_cycle_life(cell, protocol, mesh=MESH, at_cycle=12)
    assert len(estimate.simulated) < 12
    full = cycle_life(cell, 12, protocol, mesh=MESH)
    assert (full.table["Status"] == "ok").all()
    q = full.table["Discharge capacity [mA.h.cm-2]"].to_numpy()
    e = full.table["Discharge energy [W.h.m-2]"].to_numpy()
    # compared down to 50 % retention. 1 % with CAM loss: the booked fall per cycle is the
    # last simulated one's, while the simulated one keeps steepening by 1.6e-4 per cycle
    # (a rate-limited cathode on less CAM), 0.6 % after 8 booked cycles (measured; 0.25 %
    # for the anode-free cell, Li-limited from cycle 4, after 3 booked cycles); 2e-3
    # without: the Li-limited charge takes back a little more than the discharge gave
    # (the CV hold's end moves as the window shrinks), 0.06 % at 57 % retention
    # (measured; 2.7 % at 19 %)
    keep = q / q[0] >= 0.5
    tol = 1e-2 if cathode_loss else 2e-3
    np.testing.assert_allclose(estimate.capacity[:12][keep], q[keep], rtol=tol)
    np.testing.assert_allclose(estimate.energy[:12][keep], e[keep], rtol=tol)
    assert estimate.cycles_to_threshold == full.cycles_to(0.8)
    assert estimate.at(12) == pytest.approx((estimate.capacity[11], estimate.energy[11]))
    retention = full.table["Capacity retention [%]"].to_numpy() / 100
    np.testing.assert_allclose(estimate.retention[:12][keep], retention[keep], rtol=tol)
    # a booked cycle's specific energy and energy density: its energy over the cell's mass
    # and its charged stack, as full cycling tabulates them. To the same tolerance: with
    # CAM loss the booked figure keeps the last simulated cycle's charged stack, which
    # full cycling thins by 0.6 % over 8 cycles (the Li isolated with the CAM leaves the
    # anode side), partly offsetting the energy's drift (measured 0.2 %, energy 0.9 %)
    m = len(estimate.simulated)  # a simulated cycle's figures are its own row's (1e-12)
    simulated = full.table.iloc[m - 1][["Specific energy [W.h.kg-1]", "Energy density [W.h.L-1]"]]
    np.testing.assert_allclose(estimate.energy_figures(m), simulated.to_numpy(float), rtol=1e-12)
    n = int(np.flatnonzero(keep)[-1]) + 1  # the last compared cycle, a booked one
    assert n > len(estimate.simulated)
    booked = full.table.iloc[n - 1]
    figures = booked[["Specific energy [W.h.kg-1]", "Energy density [W.h.L-1]"]]
    np.testing.assert_allclose(estimate.energy_figures(n), figures.to_numpy(float), rtol=tol)


def test_estimate_simulates_through_the_threshold_and_the_cycle_asked_for(anode_free):
    """Until its cycles are steady the estimate simulates them, and it stops once both the
    retention threshold and the cycle asked for are reached: those figures are then full
    cycling's, not booked ones. Without a cycle asked for, booking stops at the threshold.

    Catches: the simulation stopped at the first cycle, at the threshold before the cycle
    asked for (both then booked from unsteady cycles), or run on past both; the booking
    run on past the threshold, or stopped before it.
    """
    cell, protocol, full = anode_free
    q = full.table["Discharge capacity [mA.h.cm-2]"].to_numpy()
    e = full.table["Discharge energy [W.h.m-2]"].to_numpy()
    # cathode-limited for 3 cycles, then Li-limited: 92 % in cycle 4, before the cycles
    # are steady (cycle 5: the estimate books from there)
    assert full.cycles_to(0.95) == 4
    runner = Runner(mesh=MESH, rtol=1e-6)  # one build for the four estimates
    for at_cycle in (None, 2, 4, 5):
        estimate = estimate_cycle_life(cell, protocol, 0.95, at_cycle, runner=runner)
        simulated = max(4, at_cycle or 0)
        assert len(estimate.simulated) == simulated, at_cycle
        assert estimate.cycles_to_threshold == 4
        # 1e-12 relative: the same solves on the same build (measured equal to the last
        # bit; a booked cycle is off by 6e-6 even from steady cycles)
        np.testing.assert_allclose(estimate.capacity, q[:simulated], rtol=1e-12)
        np.testing.assert_allclose(estimate.energy, e[:simulated], rtol=1e-12)
    # the capacities run "up to the later of the threshold and at_cycle": here the
    # threshold's cycle, a booked one (66.97 % in cycle 7)
    booked = estimate_cycle_life(cell, protocol, 0.7, runner=runner)
    assert booked.cycles_to_threshold == full.cycles_to(0.7) == 7
    assert len(booked.capacity) == 7 > len(booked.simulated)
    # and here the cycle asked for (300: above 256, where counts compared by identity
    # differ)
    later = estimate_cycle_life(cell, protocol, 0.7, 300, runner=runner)
    assert later.cycles_to_threshold == 7 and len(later.capacity) == 300


def test_estimate_of_a_cell_that_loses_nothing_books_up_to_max_cycles():
    """CE 1 and no CAM loss: no cycle falls below the threshold, every booked cycle is the
    last simulated one's, and booking stops at ``max_cycles`` (nothing is booked when the
    simulated cycles already reach it).

    Catches: a booking that runs past ``max_cycles`` (it never ends: the cell never fades),
    or a fade booked where nothing is lost.
    """
    cell = _cell(coulombic_efficiency=1.0)
    runner = Runner(mesh=MESH, rtol=1e-6)
    # 300 cycles: above 256, where a cycle count compared by identity (``is``) differs
    estimate = estimate_cycle_life(cell, FAST, max_cycles=300, runner=runner)
    assert estimate.cycles_to_threshold == math.inf
    m = len(estimate.simulated)
    assert len(estimate.capacity) == 300 and m < 300
    # 1e-12 relative: booking nothing lost takes back the cathode-limited capacity exactly
    np.testing.assert_allclose(estimate.capacity[m:], estimate.capacity[m - 1], rtol=1e-12)
    short = estimate_cycle_life(cell, FAST, max_cycles=2, runner=runner)
    assert short.cycles_to_threshold == math.inf
    assert len(short.capacity) == len(short.simulated) == m  # at least 3 are simulated


def test_estimate_with_cam_loss_after_one_cathode_limited_cycle():
    """An anode-free cell at CE 0.6 with CAM loss: its first charge, from the as-built
    cathode, is 1.9x the discharge after it and plates enough for one cathode-limited
    discharge; from cycle 2 on it is Li-limited. The cathode's fall per cycle cannot be
    read from two cut-off-limited cycles, so the estimate takes 1 - beta; it follows full
    cycling.

    Catches: the fall read from the last two cut-off-limited cycles when there is only
    one (an IndexError).
    """
    cell = _cell(material="anode-free", interlayer="none", coulombic_efficiency=0.6)
    cell = cell.with_design(cathode={"active_material_loss_per_cycle": 0.02})
    estimate = estimate_cycle_life(cell, FAST, mesh=MESH, at_cycle=5)
    full = cycle_life(cell, 5, FAST, mesh=MESH)
    terminations = full.table["Termination"]
    assert terminations.iloc[0] == "voltage cut-off"
    assert (terminations.iloc[1:] == "Li exhausted").all()
    assert estimate.cycles_to_threshold == full.cycles_to(0.8) == 2
    # 3e-2: booked cycle 5 is off by 1.5 % (measured), at 15 % retention: each Li-limited
    # charge takes back more than the discharge gave as the window shrinks (see above),
    # which at CE 0.6 is 1.5 % a cycle
    q = full.table["Discharge capacity [mA.h.cm-2]"].to_numpy()
    np.testing.assert_allclose(estimate.capacity, q, rtol=3e-2)


def test_estimate_ends_on_a_failed_cycle_with_its_reason():
    """A simulated cycle the solver cannot finish ends the estimate with a one-line error
    naming the cycle and the solver's reason; nothing is booked from it.

    Catches: a failed cycle taken as a result (its row has no capacities to book from).
    """

    class FailingRunner(Runner):
        def cycle(self, cell, cycle, **continuation):
            failed = Outcome(None, "cycle failure", "failed", "too many steps")
            return CycleStep(failed, None, None)

    with pytest.raises(CellDefinitionError, match=r"^cycle 1 failed \(cycle failure\): too many"):
        estimate_cycle_life(_cell(), FAST, runner=FailingRunner(mesh=MESH))


@pytest.mark.parametrize("interlayer_um", [10, 15], ids=["Ag-C 10 um", "Ag-C 15 um"])
def test_fast_estimate_ends_discharges_where_the_interlayer_potential_meets_the_cut_off(
    interlayer_um,
):
    """Ag-C stores Li at a potential rising to 1 V vs Li as it empties, so an anode-free
    cell on it cannot strip the last of that Li above the cut-off: its capacity falls
    before the plated Li is gone (every discharge ends on the cut-off with 1-2 um of Li
    left). The estimate ends each booked discharge where the last simulated discharge's
    voltage, with the interlayer's potential at the booked Li in place of the simulated
    one, meets the cut-off; over 20 cycles (to 56-69 % retention) its capacity and energy
    follow full cycling and its cycles to 80 % are equal. With 10 um of Ag-C (the
    library's) the simulated discharges end on plated Li, with 15 um inside the Ag-C.

    Catches: every Li atom on the anode side booked as reserve (10 um: +25 % at cycle 16,
    20 cycles to 80 % for 16), the interlayer's potential taken instead of its rise over
    the simulated discharge's (15 um: 4.6 %), the energy the higher anode potential costs
    left out (3 %).
    """
    cell = _cell(
        material="anode-free",
        interlayer="Ag-C",
        coulombic_efficiency=0.95,
        interlayer_thickness_um=interlayer_um,
    )
    capacity_um = cell.parameter_values["Interlayer lithium capacity [m]"] * 1e6
    estimate = estimate_cycle_life(cell, FAST, mesh=MESH, at_cycle=20)
    assert len(estimate.simulated) < 8  # booked from before, or early in, the fade
    last_reserve = estimate.simulated["Active lithium discharged [um]"].iloc[-1]
    assert (last_reserve < capacity_um) == (interlayer_um == 15)
    full = cycle_life(cell, 20, FAST, mesh=MESH)
    table = full.table
    assert (table["Status"] == "ok").all()
    # every discharge ends on the cut-off; those the Ag-C's rising potential ends (the
    # fade) are told apart from the cathode-limited ones (a rise of over 50 mV)
    labels = table["Termination"]
    assert labels.isin(["voltage cut-off", ANODE_LIMITED]).all()
    faded = table["Capacity retention [%]"] < 95
    assert faded.any() and (labels[faded] == ANODE_LIMITED).all()
    assert table["Active lithium discharged [um]"].iloc[-1] > 1  # stranded in the Ag-C
    # the charged cell holds more Li than the Ag-C (the estimate's stated range)
    assert table["Active lithium charged [um]"].min() > capacity_um
    q = table["Discharge capacity [mA.h.cm-2]"].to_numpy()
    e = table["Discharge energy [W.h.m-2]"].to_numpy()
    assert q[-1] / q[0] < 0.7  # the comparison reaches well into the fade
    # 1e-3: measured 1.6e-4 (10 um) and 3.1e-4 (15 um) at cycle 20, capacity and energy,
    # growing as the fade goes on (10 um: 4e-4 at 56 %): each Li-limited charge takes
    # back a little more than the discharge gave (the CV hold's end moves as the window
    # shrinks), which the booked share of the last simulated cycle misses; the
    # shortcomings this guards are 3-25 %
    np.testing.assert_allclose(estimate.capacity[:20], q, rtol=1e-3)
    np.testing.assert_allclose(estimate.energy[:20], e, rtol=1e-3)
    assert estimate.cycles_to_threshold == full.cycles_to(0.8)


def test_cam_loss_isolates_capacity_and_its_li():
    """With a fraction beta of the connected CAM isolated per cycle, the isolated fraction
    follows 1 - (1 - beta)^(n - 1), the Li it takes is booked, and the balance closes.

    Catches: the isolation not applied, applied to the total instead of the connected
    CAM, or its Li not booked (the balance would then not close).
    """
    beta = 0.05
    cell = _cell(li_excess_um=20.0, coulombic_efficiency=0.99).with_design(
        cathode={"active_material_loss_per_cycle": beta}
    )
    t = cycle_life(cell, 4, FAST, mesh=MESH).table
    f0 = cell.parameter_values["Positive electrode isolated active material fraction"]
    n = t["Cycle"].to_numpy()
    np.testing.assert_allclose(
        t["Isolated active material fraction"], 1 - (1 - f0) * (1 - beta) ** (n - 1), rtol=1e-12
    )
    assert (np.diff(t["Lithium isolated in the cathode [mA.h.cm-2]"]) > 0).all()
    total = t["Total lithium [mA.h.cm-2]"] + t["Lithium isolated in the cathode [mA.h.cm-2]"]
    # 1e-8 relative: the balance is algebraic at the cycle boundaries (same states)
    np.testing.assert_allclose(total, total.iloc[0], rtol=1e-8)
    # each cycle's Li-metal-limited capacity falls at least by the CAM share
    q = t["Discharge capacity [mA.h.cm-2]"].to_numpy()
    assert (q[2:] / q[1:-1] < 1 - beta + 1e-3).all()


def test_table_thickness_swing_and_energy_density(thin_foil):
    """The stack is thickest charged; its swing is the active Li moved; Wh/L uses the
    thickest state, Wh/kg the constant mass.

    Catches: the swing with the wrong sign or from the wrong states, Wh/L from the
    discharged thickness.
    """
    _, result = thin_foil
    t = result.table
    swing = t["Stack thickness charged [um]"] - t["Stack thickness discharged [um]"]
    np.testing.assert_allclose(t["Thickness swing [um]"], swing, rtol=1e-12)
    moved = t["Active lithium charged [um]"] - t["Active lithium discharged [um]"]
    np.testing.assert_allclose(swing, moved, rtol=1e-9)
    assert (swing > 0).all()
    e = t["Discharge energy [W.h.m-2]"]
    np.testing.assert_allclose(
        t["Energy density [W.h.L-1]"], e / (t["Stack thickness charged [um]"] * 1e-6) / 1e3
    )
    ratio = t["Specific energy [W.h.kg-1]"] / e
    np.testing.assert_allclose(ratio, ratio.iloc[0], rtol=1e-12)


def test_li_metal_foil_loses_li_per_cycle_with_the_library_ce():
    """A 20 um foil with the library's CE (0.998) accumulates inactive Li each cycle.

    Catches: a Li-metal anode without the plating loss.
    """
    cell = load_cell("default").with_design(cathode={"thickness_um": 60})
    t = cycle_life(cell, 2, FAST, mesh=MESH).table
    ce = cell.parameter_values["Lithium plating Coulombic efficiency"]
    assert ce == 0.998
    np.testing.assert_allclose(
        t["Lithium lost to inactive [mA.h.cm-2]"],
        (1 - ce) * t["Charge capacity [mA.h.cm-2]"],
        rtol=1e-4,  # 1e-4 of a 2e-3 share: the solver's tolerance on the inactive state
    )


@pytest.mark.slow
def test_li_balance_closes_over_100_cycles():
    """100 cycles of an anode-free Ag-C cell (first-charge loss, CE 0.95) with CAM loss:
    CAM + active + inactive Li + the Li isolated with the CAM stays the cell's Li to 1e-8.
    """
    cell = load_cell("default").with_design(
        cathode={"thickness_um": 60, "active_material_loss_per_cycle": 0.002},
        anode={"material": "anode-free", "interlayer": "Ag-C", "coulombic_efficiency": 0.95},
    )
    t = cycle_life(cell, 100, FAST, mesh=MESH).table
    assert (t["Status"] == "ok").all() and len(t) == 100
    total = t["Total lithium [mA.h.cm-2]"] + t["Lithium isolated in the cathode [mA.h.cm-2]"]
    # 1e-8 relative: each cycle conserves Li to the solver's tolerance on a conserved sum
    np.testing.assert_allclose(total, total.iloc[0], rtol=1e-8)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: Cycle(charge_c_rate=0), "cycle.charge_c_rate: 0 is out of range"),
        (lambda: Cycle(discharge_c_rate=200), "cycle.discharge_c_rate: 200"),
        (lambda: Cycle(0.5, 0.5, 0.6), "cycle.cv_cutoff_c_rate: 0.6 must be below"),
        (lambda: Cycle(rest_minutes=-1), "cycle.rest_minutes: -1"),
        (lambda: cycle_life("default", 0), r"cycles: 0; valid range \[1, 100000\]"),
        (lambda: cycle_life("default", 2.5), "cycles: 2.5"),
        (lambda: estimate_cycle_life("default", threshold=1.2), "threshold: 1.2"),
        (lambda: estimate_cycle_life("default", at_cycle=0), "at_cycle: 0"),
        (
            lambda: estimate_cycle_life("default", max_simulated=2),
            r"max_simulated: 2; valid range \[3, 100000\]",
        ),
        (
            lambda: load_cell("default").with_design(
                cathode={"active_material_loss_per_cycle": 0.7}
            ),
            "cathode.active_material_loss_per_cycle: 0.7",
        ),
    ],
)
def test_bad_cycling_inputs_are_refused_before_any_solve(call, match):
    with pytest.raises(CellDefinitionError, match=match):
        call()


def test_cycle_command_writes_the_table_plot_and_summary(tmp_path, capsys):
    """``asslb-sim cycle`` with two cells: one table with a "Cell" column, a summary row
    per cell and the retention plot.

    Catches: a cell dropped, the table not written, the summary's columns missing.
    """
    import pandas as pd

    from asslb_sim.cli import main

    cell = tmp_path / "thin.toml"
    cell.write_text('[cell]\nname = "thin"\n[cathode]\nthickness_um = 60\n')
    out = tmp_path / "out"
    argv = ["cycle", "--cell", "default", "--cell", str(cell), "--cycles", "2"]
    assert main([*argv, "--rest", "0", "--mesh", "study", "--out", str(out), "--no-progress"]) == 0
    table = pd.read_csv(out / "cycles.csv")
    assert sorted(set(table["Cell"])) == sorted({"thin", table["Cell"].iloc[0]})
    assert len(table) == 4 and (table["Status"] == "ok").all()
    summary = pd.read_csv(out / "cycle_summary.csv")
    assert len(summary) == 2 and "Cycles to 80 % [-]" in summary
    assert (out / "retention.png").stat().st_size > 0
    assert "Specific energy, cycle 1" in capsys.readouterr().out


def test_study_maps_li_excess_and_ce_to_cycle_life(tmp_path):
    """A study with ``cycling`` adds "Cycles to 80 % [-]" and the energy at a cycle to
    every row; they equal the estimate of the same design run alone, and more Li excess
    or a higher CE gives more cycles.

    Catches: the outputs not attached, attached to the wrong design, or computed with
    another protocol than the study's.
    """
    from asslb_sim.studies import Study, run_study

    spec = {"at_cycle": 6, "charge_c_rate": 0.5, "discharge_c_rate": 0.5, "rest_minutes": 0}
    study = Study(
        parameters={"anode.li_excess_um": [0.0, 2.0], "anode.coulombic_efficiency": [0.8, 0.9]},
        cell=load_cell("default").with_design(cathode={"thickness_um": 60}),
        c_rates=[0.5],
        asr=False,
        mesh=MESH,
        rtol=1e-6,
        cycling=spec,
    )
    rows = run_study(study, tmp_path / "r.parquet", progress=False)
    assert (rows["Status"] == "ok").all()
    cycles = rows.set_index(["anode.li_excess_um", "anode.coulombic_efficiency"])[
        "Cycles to 80 % [-]"
    ]
    assert cycles[(2.0, 0.8)] > cycles[(0.0, 0.8)] and cycles[(0.0, 0.9)] > cycles[(0.0, 0.8)]
    one = rows[(rows["anode.li_excess_um"] == 2.0) & (rows["anode.coulombic_efficiency"] == 0.8)]
    cell = study.cell.with_design(anode={"li_excess_um": 2.0, "coulombic_efficiency": 0.8})
    alone = estimate_cycle_life(cell, FAST, at_cycle=6, mesh=MESH)
    assert one["Cycles to 80 % [-]"].iloc[0] == alone.cycles_to_threshold
    # 1e-5: the study's build has the varied values as inputs, a different but equivalent
    # build solved at rtol 1e-6 (measured 2e-7 apart after 6 cycles)
    assert one["Discharge energy at cycle 6 [W.h.m-2]"].iloc[0] == pytest.approx(
        alone.at(6)[1], rel=1e-5
    )


@pytest.mark.parametrize(
    "plating, stripping, flagged",
    [
        (1e3, 1e3, ()),  # far above both currents: no flag
        (0.5, 1e3, ("plating",)),  # 0.5C charges at about 1.4 mA/cm2 on the thin cathode
        (1e3, 0.5, ("stripping",)),
        (0.5, 0.5, ("plating", "stripping")),
    ],
)
def test_cycling_currents_are_flagged_against_the_critical_current(plating, stripping, flagged):
    """A cycle's charge (plating) and discharge (stripping) currents are checked against
    the Li|SE critical current densities: the per-cycle table, the estimate and the
    command's summary carry the flag; the cycling runs on (the model has no short)."""
    cell = _cell(
        critical_current_density_mA_cm2=plating,
        stripping_critical_current_density_mA_cm2=stripping,
    )
    density = 0.5 * cell.basis.nominal_capacity  # mA/cm2 at 0.5C
    assert 0.5 < density < 1e3  # the thresholds above bracket the cycle's currents
    table = cycle_life(cell, 2, FAST, mesh=MESH).table
    assert (table["Status"] == "ok").all()
    flags = set(table["Critical current flag"])
    assert len(flags) == 1  # the same currents every cycle
    (flag,) = flags
    for direction in ("plating", "stripping"):
        assert (f"{direction} at" in flag) == (direction in flagged)
    estimate = estimate_cycle_life(cell, FAST, mesh=MESH, max_simulated=3, max_cycles=5)
    assert estimate.critical_current_flag == flag
