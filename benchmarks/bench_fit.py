"""Fit wall time and model evaluations: 4 parameters, 3 C-rates (target < 60 s on 2 cores).

Synthetic noisy curves (5 mV) of the default cell at 0.2, 1 and 2C with known catholyte
conductivity, CAM diffusivity, exchange-current density and Li interphase resistance;
the fit starts 2-2.5x away from each. Where PyBOP is installed (its 26.x releases pin
numpy < 2.4, so usually in a separate environment), the same residuals are minimised by
PyBOP's XNES (its default optimiser until 25.10 removed the default wrapper) side by side.

Run: python benchmarks/bench_fit.py
"""

import os
import time

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")

import numpy as np
import pandas as pd

from asslb_sim.design import from_preset
from asslb_sim.fitting import Dataset, FitParameter, fit
from asslb_sim.simulate import rate_capability

TRUTH = {
    "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]": 0.10,
    "Positive particle diffusivity at reference temperature [m2.s-1]": 2e-15,
    "Positive electrode exchange-current density at half lithiation [A.m-2]": 1.0,
    "Lithium metal interphase resistance [Ohm.m2]": 1e-3,
}
STARTS = [2.5, 0.4, 2.0, 0.5]
RATES = [0.2, 1.0, 2.0]


def synthetic():
    result = rate_capability(from_preset().with_parameters(**TRUTH), RATES)
    rng = np.random.default_rng(1)
    rows = []
    for c in RATES:
        curve = result.curves[result.curves["C-rate"] == c]
        q = np.linspace(0.02, 0.99 * curve["Discharge capacity [mA.h.cm-2]"].iloc[-1], 40)
        v = np.interp(q, curve["Discharge capacity [mA.h.cm-2]"], curve["Voltage [V]"])
        rows.append(
            pd.DataFrame(
                {
                    "C-rate": c,
                    "Discharge capacity [mA.h.cm-2]": q,
                    "Voltage [V]": v + rng.normal(0, 0.005, q.size),
                }
            )
        )
    return Dataset(
        pd.concat(rows, ignore_index=True),
        pd.DataFrame(),
        "Discharge capacity [mA.h.cm-2]",
        ["synthetic"],
    )


def report(label, data, params, backend):
    t0 = time.perf_counter()
    result = fit(from_preset(), data, params, backend=backend, max_evaluations=400)
    wall = time.perf_counter() - t0
    print(
        f"{label}: {wall:.1f} s, {result.evaluations} model evaluations of {len(RATES)} "
        f"discharges each (target < 60 s)"
    )
    table = result.parameters.set_index("Parameter")
    for name, value in TRUTH.items():
        print(
            f"  {name}: {table.loc[name, 'Fitted']:.4g} (truth {value:.4g}; 95% CI "
            f"{table.loc[name, '95% CI low']:.3g} .. {table.loc[name, '95% CI high']:.3g})"
        )
    print(result.rmse.to_string(index=False))
    for warning in result.warnings:
        print("warning:", warning)


def main():
    data = synthetic()
    params = [
        FitParameter(n, v / 10, v * 10, initial=v * s)
        for (n, v), s in zip(TRUTH.items(), STARTS, strict=True)
    ]
    report("asslb-sim fit, scipy least_squares", data, params, "scipy")
    try:
        import pybop  # noqa: F401
    except ImportError:
        print("PyBOP is not installed here: no side-by-side run")
        return
    report("asslb-sim fit, PyBOP XNES", data, params, "pybop")


if __name__ == "__main__":
    main()
