"""Rate capability of the default cell: asslb-sim vs stock PyBaMM, side by side.

Stock PyBaMM cannot represent the default cell (carbon, partial contact, Li
interphase): the side-by-side comparison runs the default cell in its
degenerate configuration (asslb_sim.reference: Bruggeman closures, no carbon,
full contact), which PyBaMM's DFN half-cell ({"working electrode": "positive"})
with cation transference number 1 reproduces; both on the same mesh, solver and
tolerances (asslb_sim.simulation.make_solver), both computing the discharge
energy, in this process, at C-rates of that configuration's own capacity.
The full default cell is then timed with this model alone.
Prints build time, solve time per C-rate, number of states and the ratios.

Run: python benchmarks/bench_rate_capability.py [--repeats N]
"""

import argparse
import os
import time

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")

import numpy as np
import pybamm

from asslb_sim.cell import from_preset
from asslb_sim.models import CellModelOptions, LithiumMetalCell
from asslb_sim.reference import degenerate_cell, stock_half_cell
from asslb_sim.simulation import make_solver

C_RATES = [0.1, 0.2, 0.5, 1.0, 2.0, 3.0]
CURRENT = "Current function [A]"


def build(model_factory, values, var_pts, submeshes):
    t0 = time.perf_counter()
    sim = pybamm.Simulation(
        model_factory(),
        parameter_values=values,
        var_pts=var_pts,
        submesh_types=submeshes,
        solver=make_solver(),
    )
    sim.build()
    return sim, time.perf_counter() - t0


def solve_times(sim, one_c, repeats):
    """Best-of-N solve time and capacity [mA.h] per C-rate (first solve excluded)."""
    sim.solve([0, 3600], inputs={CURRENT: one_c})  # compiles the IDAKLU problem
    times, capacities = [], []
    for c in C_RATES:
        best = np.inf
        for _ in range(repeats):
            t0 = time.perf_counter()
            sol = sim.solve([0, 1.5 * 3600 / c], inputs={CURRENT: c * one_c})
            best = min(best, time.perf_counter() - t0)
        times.append(best)
        capacities.append(sol["Discharge capacity [A.h]"].entries[-1] * 1e3)
    return times, capacities


def prepared_values(cell):
    """The cell's values (charged equilibrium) with the current as an input, and 1C [A]."""
    values = pybamm.ParameterValues(dict(cell.parameter_values))
    values.update({CURRENT: "[input]"})
    return values, cell.basis.nominal_capacity * cell.area_cm2 * 1e-3


def row(label, a, b, fmt="12.4f"):
    print(f"{label:26s}{a:{fmt}}{b:{fmt}}{b / a:12.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of N solves per C-rate")
    args = parser.parse_args()

    default = from_preset("default")
    # a thick foil: both models end at the voltage cut-off
    degenerate = degenerate_cell(default).with_parameters(
        **{"Lithium counter electrode thickness [m]": 200e-6}
    )
    values, one_c = prepared_values(degenerate)
    _, stock_values = stock_half_cell(values)
    ref = LithiumMetalCell()
    var_pts, submeshes = ref.default_var_pts, ref.default_submesh_types

    ours, t_build_ours = build(LithiumMetalCell, values, var_pts, submeshes)
    stock, t_build_stock = build(
        lambda: pybamm.lithium_ion.DFN(
            {"working electrode": "positive", "calculate discharge energy": "true"}
        ),
        stock_values,
        var_pts,
        submeshes,
    )
    t_ours, q_ours = solve_times(ours, one_c, args.repeats)
    t_stock, q_stock = solve_times(stock, one_c, args.repeats)

    print(f"PyBaMM {pybamm.__version__}; mesh x_p = {var_pts['x_p']}, r_p = {var_pts['r_p']}")
    print(f"Degenerate default cell, 1C = {one_c * 1e3:.3f} mA/cm2")
    print(f"{'':26s}{'asslb-sim':>12s}{'stock DFN':>12s}{'stock/ours':>12s}")
    n_ours = ours.built_model.len_rhs_and_alg
    n_stock = stock.built_model.len_rhs_and_alg
    print(f"{'states':26s}{n_ours:12d}{n_stock:12d}{n_stock / n_ours:12.2f}")
    row("build [s]", t_build_ours, t_build_stock, "12.3f")
    for c, a, b, qa, qb in zip(C_RATES, t_ours, t_stock, q_ours, q_stock, strict=True):
        row(f"solve {c:g}C [s]", a, b)
        print(f"{'':26s}capacity {qa:.4f} vs {qb:.4f} mA.h/cm2")
    row("all C-rates [s]", sum(t_ours), sum(t_stock))

    values, one_c = prepared_values(default)
    full, t_build = build(
        lambda: LithiumMetalCell(CellModelOptions(**default.model_options)),
        values,
        var_pts,
        submeshes,
    )
    t_full, q_full = solve_times(full, one_c, args.repeats)
    print(
        f"\nDefault cell (this model only), 1C = {one_c * 1e3:.3f} mA/cm2: "
        f"{full.built_model.len_rhs_and_alg} states, build {t_build:.3f} s"
    )
    for c, t, q in zip(C_RATES, t_full, q_full, strict=True):
        print(f"  solve {c:g}C: {t:.4f} s, capacity {q:.4f} mA.h/cm2")
    print(f"  all C-rates: {sum(t_full):.4f} s")


if __name__ == "__main__":
    main()
