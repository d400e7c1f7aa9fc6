"""A 60-frequency impedance spectrum: asslb-sim's default cell vs stock PyBaMM, side by side.

Stock: ``pybamm.EISSimulation`` on PyBaMM's half-cell DFN (``{"working electrode":
"positive", "surface form": "differential"}``) with its half-cell parameter set
(Xu2019), at its default mesh (20 points per domain). Ours:
:func:`asslb_sim.impedance.impedance_spectrum` on the default cell at SOC 0.5 (the
spectrum, plus the 1 ms rest that reads the processes' values), through the
simulation seam (one build cached per process), on its own single-run mesh (25
cathode points, 60 stretched radial points: the 10 mHz diffusion layer is 0.1 um
deep) and on stock's. Both in this process; the first spectrum includes the build,
the next ones (other states of charge for ours, the same for stock) reuse it.

Run: python benchmarks/bench_eis.py [--repeats N]
"""

import argparse
import os
import time

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")

import numpy as np
import pybamm

from asslb_sim.impedance import impedance_spectrum

FREQUENCIES = np.logspace(6, -2, 60)


def timed(call):
    t0 = time.perf_counter()
    out = call()
    return out, time.perf_counter() - t0


def stock_times(repeats):
    def first():
        model = pybamm.lithium_ion.DFN(
            {"working electrode": "positive", "surface form": "differential"}
        )
        sim = pybamm.EISSimulation(model, parameter_values=pybamm.ParameterValues("Xu2019"))
        sim.solve(FREQUENCIES)
        return sim

    sim, t_first = timed(first)
    again = min(timed(lambda: sim.solve(FREQUENCIES))[1] for _ in range(repeats))
    return t_first, again, sim.built_model.len_rhs_and_alg


def ours_times(repeats, mesh=None):
    _, t_first = timed(lambda: impedance_spectrum("default", 0.5, FREQUENCIES, mesh))
    socs = np.linspace(0.3, 0.9, repeats)
    again = min(
        timed(lambda s=s: impedance_spectrum("default", s, FREQUENCIES, mesh))[1] for s in socs
    )
    return t_first, again


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="best of N later spectra")
    args = parser.parse_args()
    s_first, s_again, s_states = stock_times(args.repeats)
    o_first, o_again = ours_times(args.repeats)
    # the same points as stock's default mesh (ours keeps its particle stretch)
    e_first, e_again = ours_times(args.repeats, {"x_s": 20, "x_p": 20, "r_p": 20})
    print(f"60 frequencies, 1 MHz to 10 mHz (stock DFN: {s_states} states)")
    print(f"{'':32s}{'stock [s]':>12s}{'ours [s]':>12s}{'ours/stock':>12s}")
    for label, stock, ours in (
        ("first spectrum (with build)", s_first, o_first),
        ("next spectrum (build reused)", s_again, o_again),
        ("first, ours on stock's mesh", s_first, e_first),
        ("next, ours on stock's mesh", s_again, e_again),
    ):
        print(f"{label:32s}{stock:12.3f}{ours:12.3f}{ours / stock:12.2f}")


if __name__ == "__main__":
    main()
