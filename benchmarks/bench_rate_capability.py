"""Rate capability of the default cell: asslb-sim vs stock PyBaMM, side by side.

Stock reference: PyBaMM's DFN half-cell ({"working electrode": "positive"}) with
cation transference number 1 on the degenerate configuration of the same cell
(asslb_sim.reference), same mesh, same solver and tolerances, in this process.
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
from asslb_sim.models import LithiumMetalCell
from asslb_sim.reference import degenerate_parameter_values, stock_half_cell

C_RATES = [0.1, 0.2, 0.5, 1.0, 2.0, 3.0]
CURRENT = "Current function [A]"


def build(model_factory, values, var_pts, submeshes):
    t0 = time.perf_counter()
    model = model_factory()
    sim = pybamm.Simulation(
        model,
        parameter_values=values,
        var_pts=var_pts,
        submesh_types=submeshes,
        solver=pybamm.IDAKLUSolver(rtol=1e-6, atol=1e-8),
    )
    sim.build()
    return sim, time.perf_counter() - t0


def solve_times(sim, q, repeats):
    times, capacities = [], []
    for c in C_RATES:
        best = np.inf
        for _ in range(repeats):
            t0 = time.perf_counter()
            sol = sim.solve([0, 1.5 * 3600 / c], inputs={CURRENT: c * q})
            best = min(best, time.perf_counter() - t0)
        times.append(best)
        capacities.append(sol["Discharge capacity [A.h]"].entries[-1] * 1e3)
    return times, capacities


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of N solves per C-rate")
    args = parser.parse_args()

    values = degenerate_parameter_values(
        pybamm.ParameterValues(from_preset("default").parameter_values)
    )
    values["Negative electrode thickness [m]"] = 200e-6  # both end at the voltage cut-off
    _, stock_values = stock_half_cell(values)
    q = values["Nominal cell capacity [A.h]"]
    for pv in (values, stock_values):
        pv.update({CURRENT: "[input]"})
    ref = LithiumMetalCell()
    var_pts, submeshes = ref.default_var_pts, ref.default_submesh_types

    ours, t_build_ours = build(LithiumMetalCell, values, var_pts, submeshes)
    stock, t_build_stock = build(
        lambda: pybamm.lithium_ion.DFN({"working electrode": "positive"}),
        stock_values,
        var_pts,
        submeshes,
    )
    # first solve compiles the IDAKLU problem: report it separately
    for sim in (ours, stock):
        t0 = time.perf_counter()
        sim.solve([0, 3600], inputs={CURRENT: q})
        sim.first_solve = time.perf_counter() - t0
    t_ours, q_ours = solve_times(ours, q, args.repeats)
    t_stock, q_stock = solve_times(stock, q, args.repeats)

    n_ours = ours.built_model.len_rhs_and_alg
    n_stock = stock.built_model.len_rhs_and_alg
    print(f"PyBaMM {pybamm.__version__}; mesh {var_pts['x_p']} x {var_pts['r_p']} (x_p x r_p)")
    print(f"{'':24s}{'asslb-sim':>12s}{'stock DFN':>12s}{'stock/ours':>12s}")
    print(f"{'states':24s}{n_ours:12d}{n_stock:12d}{n_stock / n_ours:12.2f}")
    print(
        f"{'build [s]':24s}{t_build_ours:12.3f}{t_build_stock:12.3f}"
        f"{t_build_stock / t_build_ours:12.2f}"
    )
    print(
        f"{'first solve [s]':24s}{ours.first_solve:12.3f}{stock.first_solve:12.3f}"
        f"{stock.first_solve / ours.first_solve:12.2f}"
    )
    for c, a, b, qa, qb in zip(C_RATES, t_ours, t_stock, q_ours, q_stock, strict=True):
        print(
            f"{f'solve {c:g}C [s]':24s}{a:12.4f}{b:12.4f}{b / a:12.2f}"
            f"   capacity {qa:.4f} vs {qb:.4f} mA.h.cm-2"
        )
    total_ours, total_stock = sum(t_ours), sum(t_stock)
    print(
        f"{'all C-rates [s]':24s}{total_ours:12.4f}{total_stock:12.4f}"
        f"{total_stock / total_ours:12.2f}"
    )


if __name__ == "__main__":
    main()
