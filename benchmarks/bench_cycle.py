"""Cycling cost: seconds per simulated cycle, and a cycles-to-80 % estimate vs full cycling.

1. Seconds per cycle of the default cell (20 um Li foil, CE 0.998), 0.5C CC-CV (to 0.05C)
   / 0.5C with 10 min rests, on the single-run mesh at rtol 1e-6 and on the study mesh at
   rtol 1e-4, through ``cycle_life`` (one build; each cycle one PyBaMM experiment solve
   from the previous cycle's full end state). Beside it, stock PyBaMM's idiom for the
   same thing: one ``pybamm.Experiment`` of the cycle repeated N times on the same model
   and mesh (it cannot isolate CAM between cycles, and it stops at the first discharge
   that runs out of Li, so it serves Li-metal cells without CAM loss only).
2. Cycles to 80 % of an anode-free Ag-C cell with CE 0.99 (fading within tens of cycles):
   the fast estimate against full cycling to the threshold, time and answer.

Run: python benchmarks/bench_cycle.py
"""

import os
import time

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")

import pybamm

from asslb_sim.cycling import cycle_life, estimate_cycle_life
from asslb_sim.design import from_preset
from asslb_sim.models import cell_model
from asslb_sim.simulation import Cycle, clear_cache, make_solver, resolve_mesh

PROTOCOL = Cycle(0.5, 0.5, 0.05, 10)
N = 20


def ours(cell, mesh, rtol, n):
    clear_cache()
    start = time.perf_counter()
    first = cycle_life(cell, 1, PROTOCOL, mesh=mesh, rtol=rtol)  # the build and cycle 1
    built = time.perf_counter() - start
    start = time.perf_counter()
    result = cycle_life(cell, n, PROTOCOL, mesh=mesh, rtol=rtol)
    total = time.perf_counter() - start
    assert (result.table["Status"] == "ok").all(), result.table["Message"]
    del first
    return built, total / n, result


def stock(cell, mesh, rtol, n):
    """Stock PyBaMM: one experiment of n cycles on our model (built once)."""
    mesh = resolve_mesh(mesh)
    model = cell_model(cell.model_options)
    v = cell.parameter_values
    steps = PROTOCOL.steps(v["Lower voltage cut-off [V]"], v["Upper voltage cut-off [V]"])
    start_state = cell.anode.as_built(cell)
    values = pybamm.ParameterValues(dict(v))
    values.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": start_state.stoichiometry
            * v["Maximum concentration in positive electrode [mol.m-3]"],
            "Lithium counter electrode thickness [m]": start_state.lithium_thickness,
        }
    )
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        experiment=pybamm.Experiment([tuple(steps)] * n),
        var_pts=mesh.var_pts(model),
        submesh_types=mesh.submesh_types(model),
        solver=make_solver(rtol=rtol),
    )
    start = time.perf_counter()
    sol = sim.solve()
    total = time.perf_counter() - start
    q = [c["Discharge capacity [A.h]"].entries for c in sol.cycles]
    return total / n, [(x[-1] - x[x.argmin()]) * 1e3 / cell.area_cm2 for x in q]


def main():
    cell = from_preset()
    print(f"1. Default cell, {N} cycles of {PROTOCOL}")
    for mesh, rtol in (("single-run", 1e-6), ("study", 1e-4)):
        built, per, result = ours(cell, mesh, rtol, N)
        per_stock, q_stock = stock(cell, mesh, rtol, N)
        q = result.table["Discharge capacity [mA.h.cm-2]"]
        diff = max(abs(a - b) / b for a, b in zip(q_stock, q, strict=True))
        print(
            f"  {mesh} mesh, rtol {rtol:g}: build + cycle 1 {built:.2f} s; "
            f"{per:.3f} s per cycle (asslb-sim, chained) vs {per_stock:.3f} s per cycle "
            f"(stock PyBaMM, one {N}-cycle experiment): ratio {per_stock / per:.2f}; "
            f"capacities agree to {diff:.1e}"
        )
    print("2. Anode-free Ag-C, CE 0.99: cycles to 80 %")
    af = cell.with_design(
        anode={"material": "anode-free", "interlayer": "Ag-C", "coulombic_efficiency": 0.99}
    )
    for mesh, rtol in (("single-run", 1e-6), ("study", 1e-4)):
        clear_cache()
        start = time.perf_counter()
        est = estimate_cycle_life(af, PROTOCOL, mesh=mesh, rtol=rtol)
        t_est = time.perf_counter() - start
        clear_cache()
        start = time.perf_counter()
        full = cycle_life(af, 1000, PROTOCOL, mesh=mesh, rtol=rtol, stop_below=0.8)
        t_full = time.perf_counter() - start
        print(
            f"  {mesh} mesh, rtol {rtol:g}: estimate {est.cycles_to_threshold:.0f} cycles "
            f"({len(est.simulated)} simulated) in {t_est:.1f} s; full cycling "
            f"{full.cycles_to(0.8):.0f} cycles in {t_full:.1f} s; {t_full / t_est:.1f}x"
        )


if __name__ == "__main__":
    main()
