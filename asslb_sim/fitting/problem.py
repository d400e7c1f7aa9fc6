"""The fitting problem: the data, the fitted parameters, and the residuals of a guess.

Curves are compared with the model on the data's own capacity points (not in
time); a simulated discharge that ends before the data does is extended past
its end, falling 1 V per data capacity, so it is penalised in proportion to the
missing capacity rather than truncated. Rate-table points (capacity at a C-rate
or a current density) enter as relative capacity errors, weighted so that 1 % of
capacity counts like ``capacity_weight`` x 10 mV. Impedance spectra enter as
complex relative errors, the real and imaginary parts of
``(Z_model - Z_data) / |Z_data|`` at each frequency (modulus weighting, so every
decade counts; or unit or proportional weighting), weighted so that 1 % of ``|Z|``
counts like ``spectrum_weight`` x 10 mV; the model's spectrum is the cell
linearised at rest at the spectrum's state of charge, with its double layers
(``Runner.impedance``). Every discharge and spectrum of one evaluation goes through
one :class:`~asslb_sim.simulation.Runner` whose builds have the fitted parameters as
inputs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError
from ..simulation import REBUILD, Case, Runner, available_cores, discharge_end_time
from .data import CURRENT, RATE, RETENTION, SOC, VOLTAGE, VOLTAGE_VS_LI

FREQUENCY, REAL, MINUS_IMAG = "Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]"

# output points per simulated discharge, interpolated by the solver itself: smooth in
# the parameters, unlike the adaptive steps (their placement adds mV-level noise to
# the residuals and stalls the optimiser)
GRID_POINTS = 1001
CAPACITY_OUTPUT = "Discharge capacity [A.h]"
# the solver's relative tolerance in a fit. Measured on benchmarks/bench_fit.py (default
# cell, 0.2-2C, parameters 2-2.5x from the truth): at 1e-5 the model voltage on the data
# points is within 0.22 mV of 1e-6's (against 1-5 mV of noise in measured curves), the
# fitted values and 95 % intervals agree to three digits, and an evaluation costs 2.1x
# less; at 1e-4 the solver's noise (up to 15 mV) swamps the finite differences
FIT_RTOL = 1e-5


class FitProblem:
    """One built model and the residuals of a parameter vector against the data."""

    def __init__(
        self,
        cell,
        data,
        parameters,
        capacity_weight,
        spectrum_weight=1.0,
        spectrum_weighting="modulus",
    ):
        if cell.anode.charged(cell) is None:
            raise CellDefinitionError(
                "fit: anode-free cells are not supported yet (every evaluation would need the "
                "formation charge); fit the Li-metal equivalent, as examples/fit_lee2020.py does"
            )
        names = {p.name for p in parameters}
        if "Positive electrode film resistance [Ohm.m2]" in names:
            # a fitted film resistance needs the film law, whatever the cell's value
            cell = cell.with_options(film="resistive")
        for p in parameters:
            if p.name in REBUILD:
                raise CellDefinitionError(f"fit {p.name!r}: cannot be fitted: {REBUILD[p.name]}")
            if p.name not in cell.parameter_values:
                raise CellDefinitionError(f"fit {p.name!r}: not a parameter of the cell")
            if callable(cell.parameter_values[p.name]):
                raise CellDefinitionError(
                    f"fit {p.name!r}: a function; fit its scalar parameters instead"
                )
        # the model voltage the data's curves are compared with: the cell's own, or its
        # "Voltage vs Li [V]" (plus the counter electrode's potential) for data vs Li
        reference = cell.anode.voltage_reference
        if data.voltage_vs not in ("", "Li", reference):
            raise CellDefinitionError(
                f"data: voltages vs {data.voltage_vs} but the cell's counter electrode is "
                f"{reference} (anode.material = {cell.anode.material!r}); valid: "
                f"{sorted({'Li', reference})} (voltage_vs, --voltage-vs)"
            )
        self.voltage = VOLTAGE_VS_LI if data.voltage_vs == "Li" else VOLTAGE
        self.cell, self.data, self.parameters = cell, data, parameters
        # a parameter composed from several design keys is refused here, before any solve
        self.cell_at([cell.parameter_values[p.name] for p in parameters])
        self.capacity_weight = capacity_weight
        self.spectrum_weight = spectrum_weight
        self.spectrum_weighting = spectrum_weighting
        # the discharges of one evaluation are solved in parallel, one per core
        self.runner = Runner(
            inputs=names,
            output_variables=[CAPACITY_OUTPUT, self.voltage],
            rtol=FIT_RTOL,
            threads=available_cores(),
        )
        self.evaluations = 0
        self.progress = None  # a progress bar (tqdm) ticked once per model evaluation
        self.specific = data.capacity == "Specific capacity [mA.h.g-1]"
        self.rate_specific = data.rate_capacity == "Specific capacity [mA.h.g-1]"
        self.relative = data.rate_capacity == RETENTION
        self.points = [("curve", c) for c in data.c_rates]  # (kind, key) per discharge
        self.points += [("rate", row) for _, row in data.rates.iterrows()]
        self.points += [("spectrum", soc) for soc in data.states_of_charge]

    def cell_at(self, values):
        """The cell with the fitted parameters at ``values`` (recomposed)."""
        return self.cell.with_parameters(
            **{p.name: v for p, v in zip(self.parameters, values, strict=True)}
        )

    def start(self, cell):
        """The charged state the discharges start from: the design's charged
        equilibrium."""
        return cell.anode.charged(cell)

    def cases(self, values):
        """The cell at ``values`` and one discharge case per data point."""
        cell = self.cell_at(values)
        state = self.start(cell)
        cases = []
        for kind, key in self.points:
            if kind == "spectrum":
                continue
            if kind == "curve":
                density = key * cell.basis.nominal_capacity
            elif CURRENT in key and not pd.isna(key.get(CURRENT)):
                density = key[CURRENT]  # the paper's own current, not the model's 1C
            else:
                density = key[RATE] * cell.basis.nominal_capacity
            t_end = discharge_end_time(cell, state, density)
            t_eval = np.linspace(0, t_end, GRID_POINTS)
            cases.append(Case(cell, state, cell.current(density), t_end, t_eval=t_eval))
        return cell, cases

    def spectrum(self, soc):
        """The measured spectrum at ``soc``: frequencies [Hz] and Z [Ohm.cm2] (complex)."""
        table = self.data.spectra[self.data.spectra[SOC] == soc]
        return table[FREQUENCY].to_numpy(), table[REAL].to_numpy() - 1j * table[
            MINUS_IMAG
        ].to_numpy()

    def _impedance(self, cell, soc):
        """The model's spectrum [Ohm.cm2] at the data's frequencies at ``soc`` (NaN where
        the linearised model has no finite value)."""
        frequencies, _ = self.spectrum(soc)
        try:
            state = cell.anode.at_state_of_charge(cell, soc)
            z = self.runner.impedance(cell, state, frequencies) * cell.area_cm2
        except CellDefinitionError:
            return np.full(frequencies.shape, np.nan + 0j)
        return np.where(np.isfinite(z), z, np.nan + 0j)

    def simulate(self, values):
        """Solve every discharge and spectrum of the data; returns, per point,
        (capacity, voltage) arrays of a discharge or the complex impedance of a spectrum."""
        cell, cases = self.cases(values)
        self.evaluations += 1
        if self.progress is not None:
            self.progress.update(1)
        outcomes = iter(self.runner.solve(cases))
        out = []
        for kind, key in self.points:
            if kind == "spectrum":
                out.append(self._impedance(cell, key))
                continue
            outcome = next(outcomes)
            specific = self.specific if kind == "curve" else self.rate_specific
            scale = 1 / cell.cam_loading if specific else 1.0
            sol = outcome.solution
            if sol is None:
                v_low = cell.parameter_values["Lower voltage cut-off [V]"]
                if self.voltage == VOLTAGE_VS_LI:
                    v_low += cell.parameter_values["Voltage reference potential vs Li [V]"]
                out.append((np.array([0.0]), np.array([v_low])))
            else:
                q = sol[CAPACITY_OUTPUT].entries * 1e3 / cell.area_cm2 * scale
                out.append((q, sol[self.voltage].entries))
        return out

    def model_on_data(self, simulated):
        """Model voltage on each curve's capacity points, extended past an early end."""
        rows = []
        for (kind, key), result in zip(self.points, simulated, strict=True):
            if kind != "curve":
                continue
            q, V = result
            data = self.data.curves[self.data.curves[RATE] == key]
            qd = data[self.data.capacity].to_numpy()
            inside = qd <= q[-1]
            v_model = np.empty_like(qd)
            v_model[inside] = np.interp(qd[inside], q, V)
            if (~inside).any():
                # past the simulated end the model continues below its last voltage by
                # 1 V per data capacity: a discharge 10 % short costs 0.1 V on the
                # points it misses, smoothly, instead of being truncated
                v_model[~inside] = V[-1] - (qd[~inside] - q[-1]) / qd[-1]
            rows.append(
                pd.DataFrame(
                    {
                        RATE: key,
                        self.data.capacity: qd,
                        "Data voltage [V]": data[VOLTAGE].to_numpy(),
                        "Model voltage [V]": v_model,
                    }
                )
            )
        return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()

    def rate_capacities(self, simulated):
        """Model and data capacities of the rate-table points (retention in %)."""
        pairs = [
            (result[0][-1], key)
            for (kind, key), result in zip(self.points, simulated, strict=True)
            if kind == "rate"
        ]
        model = np.array([q for q, _ in pairs])
        data = np.array([key[self.data.rate_capacity] for _, key in pairs])
        if self.relative and len(pairs):
            reference = int(np.argmin([key[RATE] for _, key in pairs]))
            model = 100 * model / model[reference] if model[reference] > 0 else model * 0
        return model, data

    def residuals(self, values):
        """The residuals at ``values``: voltage errors [V] on the curves' capacity
        points, then the weighted relative capacity errors of the rate-table points."""
        return self.evaluate(values)[0]

    def evaluate(self, values):
        """The residuals at ``values`` and the simulated discharges they come from."""
        simulated = self.simulate(values)
        res = []
        comparison = self.model_on_data(simulated)
        if not comparison.empty:
            res.append(
                (comparison["Model voltage [V]"] - comparison["Data voltage [V]"]).to_numpy()
            )
        model, data = self.rate_capacities(simulated)
        if len(model):
            # 1 % of capacity counts like capacity_weight x 10 mV
            res.append(self.capacity_weight * (model - data) / data)
        for error in self.spectrum_errors(simulated).values():
            # 1 % of |Z| counts like spectrum_weight x 10 mV; a failed spectrum costs
            # 100 % at every frequency (finite, so the optimiser can leave it)
            error = np.where(np.isfinite(error), error, 1.0)
            res += [self.spectrum_weight * error.real, self.spectrum_weight * error.imag]
        return np.concatenate(res), simulated

    def spectrum_errors(self, simulated):
        """State of charge -> the weighted errors of its spectrum at each frequency
        (complex: the real part's error + j the imaginary part's), relative:
        ``(Z_model - Z_data) / |Z_data|`` with the default ``"modulus"`` weighting;
        ``"unit"`` divides by the spectrum's mean ``|Z|`` instead, ``"proportional"`` each
        part by its own magnitude (:func:`~asslb_sim.impedance.extraction.residual_weights`)."""
        from ..impedance.extraction import residual_weights

        errors = {}
        for (kind, key), z_model in zip(self.points, simulated, strict=True):
            if kind == "spectrum":
                _, z_data = self.spectrum(key)
                w_re, w_im = residual_weights(z_data, self.spectrum_weighting)
                if self.spectrum_weighting == "unit":
                    w_re = w_im = w_re / np.mean(np.abs(z_data))
                diff = z_model - z_data
                errors[key] = w_re * diff.real + 1j * w_im * diff.imag
        return errors
