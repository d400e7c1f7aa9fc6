"""Fit model parameters to published discharge curves and rate tables.

Curves are compared with the model on the data's own capacity points (not in
time); a simulated discharge that ends before the data does is extended past
its end, falling 1 V per data capacity, so it is penalised in proportion to the
missing capacity rather than truncated. Rate-table points (capacity at a C-rate or a
current density) enter as relative capacity errors, weighted so that 1 % of
capacity counts like ``capacity_weight`` x 10 mV.

Parameters are fitted by their PyBaMM names within bounds; positive ones in log
space; every parameter is mapped onto [0, 1] for the optimiser. All the
discharges of one evaluation are solved on one built model (the fitted
parameters are inputs), one solve per discharge on its own time grid. The
report gives 95 % confidence intervals from the Jacobian, the correlation
matrix with a warning for every pair with |corr| > 0.95 (not identifiable
separately from these data), and the RMSE of every curve in mV.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .cell import load_cell
from .data import CURRENT, RATE, RETENTION, VOLTAGE, Dataset, load
from .errors import CellDefinitionError
from .simulate import _CURRENT
from .simulate import INITIAL_CONCENTRATION as _INITIAL

# parameters that shape the mesh or are functions cannot be fitted on one build
_NOT_FITTABLE = {
    "Positive particle radius [m]": "it shapes the particle mesh; fit the diffusivity "
    "(D/R^2 is what discharge curves determine)",
    "Maximum concentration in positive electrode [mol.m-3]": "it scales the particle states",
}
CORRELATION_WARNING = 0.95
BACKENDS = ("scipy", "pybop")


@dataclass
class _Optimum:
    """The optimiser's answer in the [0, 1] box, with the residuals and their Jacobian."""

    x: np.ndarray
    fun: np.ndarray
    jac: np.ndarray
    success: bool
    message: str


def _run_pybop(params, problem, initial, max_evaluations):
    """Minimise the sum of squared residuals with PyBOP's XNES optimiser (PyBOP's
    default before 25.10, which removed the default wrapper). Returns the optimum in
    the [0, 1] box, whether it converged, and PyBOP's message."""
    import pybop
    from pybop.costs.base_cost import BaseCost

    names = [p.name for p in params]

    class Simulator(pybop.BaseSimulator):
        def set_output_variables(self, target):
            pass

        def solve_batch(self, inputs, calculate_sensitivities=False):
            solutions = []
            for inp in inputs:
                try:
                    residuals = problem.residuals([inp[n] for n in names])
                except CellDefinitionError:  # an invalid cell inside the bounds
                    residuals = np.array([np.inf])
                solution = pybop.Solution(inputs=inp)
                solution.set_solution_variable("residuals", np.atleast_1d(residuals))
                solutions.append(solution)
            return solutions

    class SumOfSquares(BaseCost):
        def evaluate(self, solution, inputs=None, calculate_sensitivities=False):
            return float(np.sum(solution["residuals"].data ** 2))

    parameters = pybop.Parameters(
        {
            p.name: pybop.Parameter(
                bounds=[p.lower, p.upper],
                initial_value=v,
                transformation=pybop.LogTransformation() if p.log else None,
            )
            for p, v in zip(params, initial, strict=True)
        }
    )
    pybop_problem = pybop.Problem(simulator=Simulator(parameters), cost=SumOfSquares())
    options = pybop.PintsOptions(max_evaluations=max_evaluations, max_unchanged_iterations=20)
    result = pybop.XNES(pybop_problem, options=options).run()
    best = [float(result.best_inputs[n]) for n in names]
    u = np.array([p.to_unit(v) for p, v in zip(params, best, strict=True)])
    return np.clip(u, 0.0, 1.0), True, str(result.message)


@dataclass(frozen=True)
class FitParameter:
    """One fitted parameter: a PyBaMM name and bounds (SI units).

    ``log`` defaults to True when the lower bound is positive.
    """

    name: str
    lower: float
    upper: float
    initial: float | None = None
    log: bool | None = None

    def __post_init__(self):
        if not (
            math.isfinite(self.lower) and math.isfinite(self.upper) and self.lower < self.upper
        ):
            raise CellDefinitionError(
                f"fit {self.name!r}: bounds must be finite with "
                f"lower < upper, got [{self.lower}, {self.upper}]"
            )
        if self.log is None:
            object.__setattr__(self, "log", self.lower > 0)
        if self.log and self.lower <= 0:
            raise CellDefinitionError(f"fit {self.name!r}: log scaling needs lower > 0")
        if self.initial is not None and not self.lower <= self.initial <= self.upper:
            raise CellDefinitionError(
                f"fit {self.name!r}: initial {self.initial} is outside [{self.lower}, {self.upper}]"
            )

    @classmethod
    def parse(cls, text):
        """Parse ``"NAME:LOW:HIGH[:INITIAL]"``: the last two or three fields are
        numbers, everything before them is the name."""
        parts = text.rsplit(":", 3)
        numbers_ = []
        while parts and len(numbers_) < 3:
            try:
                numbers_.insert(0, float(parts[-1]))
                parts.pop()
            except ValueError:
                break
        if len(numbers_) < 2 or not parts:
            raise CellDefinitionError(f"--fit {text!r}: expected NAME:LOW:HIGH[:INITIAL]")
        name = ":".join(parts)
        if len(numbers_) == 2:
            return cls(name, numbers_[0], numbers_[1])
        return cls(name, numbers_[0], numbers_[1], numbers_[2])

    def to_unit(self, value):
        lo, hi, v = self.lower, self.upper, value
        if self.log:
            lo, hi, v = math.log(lo), math.log(hi), math.log(v)
        return (v - lo) / (hi - lo)

    def from_unit(self, u):
        lo, hi = (
            (math.log(self.lower), math.log(self.upper)) if self.log else (self.lower, self.upper)
        )
        x = lo + u * (hi - lo)
        return math.exp(x) if self.log else x

    @property
    def span(self):
        """Width of the optimiser's box in the parameter's own scale (ln or linear)."""
        if self.log:
            return math.log(self.upper) - math.log(self.lower)
        return self.upper - self.lower


@dataclass
class FitResult:
    """Result of :func:`fit`.

    Attributes
    ----------
    parameters : pandas.DataFrame
        "Parameter", "Initial", "Fitted", "95% CI low", "95% CI high", "Scale".
    correlation : pandas.DataFrame
        Correlation matrix of the fitted parameters.
    warnings : list of str
        Identifiability warnings in plain language.
    rmse : pandas.DataFrame
        "Data", "RMSE [mV]" (curves) or "RMS error [%]" (rate tables).
    cell : Cell
        The cell with the fitted values.
    evaluations : int
        Model evaluations (each solves every data C-rate).
    comparison : pandas.DataFrame
        Data and model on the curves' capacity points, for plots.
    rates : pandas.DataFrame
        The rate table with the model's capacities beside the data.
    success : bool
        Whether the optimiser converged.
    message : str
        The optimiser's message.
    """

    parameters: pd.DataFrame
    correlation: pd.DataFrame
    warnings: list
    rmse: pd.DataFrame
    cell: object
    evaluations: int
    comparison: pd.DataFrame
    success: bool
    message: str
    capacity: str = field(default="")
    rates: pd.DataFrame = field(default_factory=pd.DataFrame)


class _Problem:
    """One built model and the residuals of a parameter vector against the data."""

    def __init__(self, cell, data, parameters, capacity_weight):
        import pybamm

        from .simulate import _simulation, make_solver

        fitted = {p.name for p in parameters}
        if "Positive electrode film resistance [Ohm.m2]" in fitted:
            # a fitted film resistance needs the film law, whatever the cell's value
            cell = cell.with_options(film="resistive")
        self.cell, self.data, self.parameters = cell, data, parameters
        self.capacity_weight = capacity_weight
        values = pybamm.ParameterValues(dict(cell.parameter_values))
        for p in parameters:
            if p.name in _NOT_FITTABLE:
                raise CellDefinitionError(
                    f"fit {p.name!r}: cannot be fitted: {_NOT_FITTABLE[p.name]}"
                )
            if p.name not in values.keys():
                raise CellDefinitionError(f"fit {p.name!r}: not a parameter of the cell")
            if callable(cell.parameter_values[p.name]):
                raise CellDefinitionError(
                    f"fit {p.name!r}: a function; fit its scalar parameters instead"
                )
        values.update({p.name: "[input]" for p in parameters})
        values.update({_CURRENT: "[input]", _INITIAL: "[input]"})
        # symbolic meshes through the cell, so that thicknesses can be fitted too
        self.sim = _simulation(
            cell,
            values,
            solver=make_solver(output_variables=["Discharge capacity [A.h]", "Voltage [V]"]),
            symbolic_x=True,
        )
        self.sim.build()
        self.evaluations = 0
        self.specific = data.capacity == "Specific capacity [mA.h.g-1]"
        self.rate_specific = data.rate_capacity == "Specific capacity [mA.h.g-1]"
        self.relative = data.rate_capacity == RETENTION
        curve_rates = data.c_rates
        self.points = []  # (kind, key) for each simulated discharge
        for c in curve_rates:
            self.points.append(("curve", c))
        for _, row in data.rates.iterrows():
            self.points.append(("rate", row))

    def cell_at(self, values):
        return self.cell.with_parameters(
            **{p.name: v for p, v in zip(self.parameters, values, strict=True)}
        )

    def simulate(self, values):
        """Solve every discharge of the data; returns [(capacity, voltage) arrays]."""
        import pybamm

        from .simulate import _area_cm2, _cam_mass_g_per_cm2, _current_A, c_rate_basis

        cell = self.cell_at(values)
        basis = c_rate_basis(cell)
        v = cell.parameter_values
        area = _area_cm2(v)
        cam = _cam_mass_g_per_cm2(v)
        c_max = v["Maximum concentration in positive electrode [mol.m-3]"]
        inputs, t_ends = [], []
        for kind, key in self.points:
            if kind == "curve":
                density = key * basis.nominal_capacity
            elif CURRENT in key and not pd.isna(key.get(CURRENT)):
                density = key[CURRENT]  # the paper's own current, not the model's 1C
            else:
                density = key[RATE] * basis.nominal_capacity
            inputs.append(
                {
                    **{p.name: val for p, val in zip(self.parameters, values, strict=True)},
                    _CURRENT: _current_A(v, density),
                    _INITIAL: basis.stoichiometry_charged * c_max,
                }
            )
            t_ends.append(
                1.2
                * basis.usable_capacity
                / (basis.stoichiometry_discharged - basis.stoichiometry_charged)
                / density
                * 3600
            )
        self.evaluations += 1
        solutions = []
        for inp, t_end in zip(inputs, t_ends, strict=True):
            # outputs on a fixed time grid over this discharge, interpolated by the
            # solver itself: smooth in the parameters, unlike the adaptive steps
            # (their placement adds mV-level noise to the residuals and stalls the
            # optimiser)
            t_interp = np.linspace(0, t_end, 1001)
            try:
                solutions.append(self.sim.solve([0, t_end], inputs=inp, t_interp=t_interp))
            except pybamm.SolverError:
                solutions.append(None)
        out = []
        for (kind, _), sol in zip(self.points, solutions, strict=True):
            specific = self.specific if kind == "curve" else self.rate_specific
            scale = 1 / cam if specific else 1.0
            if sol is None:
                out.append((np.array([0.0]), np.array([v["Lower voltage cut-off [V]"]])))
            else:
                q = sol["Discharge capacity [A.h]"].entries * 1e3 / area * scale
                out.append((q, sol["Voltage [V]"].entries))
        return out

    def model_on_data(self, simulated):
        """Model voltage on each curve's capacity points, extended past an early end."""
        rows = []
        for (kind, key), (q, V) in zip(self.points, simulated, strict=True):
            if kind != "curve":
                continue
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
            (q[-1], key)
            for (kind, key), (q, _) in zip(self.points, simulated, strict=True)
            if kind == "rate"
        ]
        model = np.array([q for q, _ in pairs])
        data = np.array([key[self.data.rate_capacity] for _, key in pairs])
        if self.relative and len(pairs):
            reference = int(np.argmin([key[RATE] for _, key in pairs]))
            model = 100 * model / model[reference] if model[reference] > 0 else model * 0
        return model, data

    def residuals(self, values):
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
        return np.concatenate(res)


def fit(cell, data, parameters, capacity_weight=1.0, max_evaluations=200, backend="scipy"):
    """Fit ``parameters`` of ``cell`` to ``data``.

    Parameters
    ----------
    cell : str, Path or Cell
        The cell (preset, TOML file or Cell) whose other parameters stay fixed.
    data : Dataset, or path(s) for :func:`asslb_sim.data.load`
        Curves and/or rate tables.
    parameters : list of FitParameter or "NAME:LOW:HIGH" strings
        What to fit.
    capacity_weight : float
        Weight of rate-table points: 1 % of capacity error counts like
        ``capacity_weight`` x 10 mV.
    max_evaluations : int
        Budget of model evaluations for the optimiser.
    backend : str
        ``"scipy"`` (``scipy.optimize.least_squares``, the default) or ``"pybop"``
        (PyBOP's XNES on the same residuals, if PyBOP is installed). The report's
        intervals come from the Jacobian at the optimum either way.

    Returns
    -------
    FitResult
    """
    from scipy.optimize import least_squares
    from scipy.stats import t as student_t

    if backend not in BACKENDS:
        raise CellDefinitionError(f"backend: {backend!r} is not valid; valid: {list(BACKENDS)}")
    if backend == "pybop":
        try:
            import pybop  # noqa: F401
        except ImportError:
            raise CellDefinitionError(
                "backend 'pybop': PyBOP is not installed (pip install pybop; its 26.x releases "
                "need numpy < 2.4)"
            ) from None
    cell = load_cell(cell)
    if cell.model_options.get("anode") == "anode-free":
        raise CellDefinitionError(
            "fit: anode-free cells are not supported yet (every evaluation would need the "
            "formation charge); fit the Li-metal equivalent, as examples/fit_lee2020.py does"
        )
    if not isinstance(data, Dataset):
        data = load(data)
    params = [p if isinstance(p, FitParameter) else FitParameter.parse(p) for p in parameters]
    if not params:
        raise CellDefinitionError("fit: give at least one parameter to fit")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise CellDefinitionError(f"fit: a parameter is listed twice: {names}")
    initial = []
    for p in params:
        value = p.initial
        if value is None:
            current = cell.parameter_values.get(p.name)
            value = (
                current
                if isinstance(current, (int, float)) and (p.lower <= current <= p.upper)
                else p.from_unit(0.5)
            )
        initial.append(value)
    problem = _Problem(cell, data, params, capacity_weight)

    def to_values(u):
        return [p.from_unit(float(x)) for p, x in zip(params, u, strict=True)]

    u0 = np.array([p.to_unit(v) for p, v in zip(params, initial, strict=True)])

    def residual_u(u):
        return problem.residuals(to_values(u))

    if backend == "pybop":
        u_best, success, message = _run_pybop(params, problem, initial, max_evaluations)
        # the report's Jacobian: forward differences at the optimum, as least_squares does
        from scipy.optimize._numdiff import approx_derivative

        fun = residual_u(u_best)
        jac = approx_derivative(residual_u, u_best, rel_step=1e-3, f0=fun, bounds=(0.0, 1.0))
        result = _Optimum(u_best, fun, jac, success, message)
    else:
        result = least_squares(
            residual_u,
            u0,
            bounds=(0.0, 1.0),
            method="trf",
            # 1e-3 of the box: well above the solver's noise (relative 1e-6) and small
            # against the curvature of the residuals
            diff_step=1e-3,
            x_scale=1.0,
            max_nfev=max_evaluations,
        )
    values = to_values(result.x)
    m, n = len(result.fun), len(params)
    J = result.jac
    dof = max(m - n, 1)
    s2 = float(result.fun @ result.fun) / dof
    warnings = []
    try:
        cov_u = s2 * np.linalg.inv(J.T @ J)
        if not np.all(np.isfinite(cov_u)):
            raise np.linalg.LinAlgError
    except np.linalg.LinAlgError:
        cov_u = np.full((n, n), np.inf)
        warnings.append(
            "The data do not constrain the parameters jointly (singular Jacobian): "
            "at least one parameter or combination is not identifiable."
        )
    spans = np.array([p.span for p in params])
    cov = cov_u * np.outer(spans, spans)  # in each parameter's own scale (ln or linear)
    sd = np.sqrt(np.clip(np.diag(cov), 0, None))
    tq = student_t.ppf(0.975, dof)
    rows = []
    for p, v0, v, s in zip(params, initial, values, sd, strict=True):
        if p.log:
            half = min(tq * s, 700.0)  # exp overflows beyond; such an interval means "any"
            low, high = v * math.exp(-half), v * math.exp(half)
        else:
            low, high = v - tq * s, v + tq * s
        rows.append((p.name, v0, v, low, high, "log" if p.log else "linear"))
    table = pd.DataFrame(
        rows, columns=["Parameter", "Initial", "Fitted", "95% CI low", "95% CI high", "Scale"]
    )
    for p, v, s_ in zip(params, values, sd, strict=True):
        u = p.to_unit(v)
        if u < 1e-3 or u > 1 - 1e-3:
            side = "lower" if u < 0.5 else "upper"
            warnings.append(
                f"{p.name} ended at its {side} bound ({v:.4g}): the optimum may lie "
                "outside the bounds, or the data do not constrain it."
            )
        # a 95 % interval wider than the whole search box: the data do not determine it
        if not np.isfinite(s_) or 2 * tq * s_ > p.span:
            warnings.append(
                f"{p.name} is not determined by these data: its 95 % interval is "
                "wider than its bounds (the model is insensitive to it here)."
            )
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.outer(sd, sd)
    corr_df = pd.DataFrame(corr, index=names, columns=names)
    for i in range(n):
        for j in range(i + 1, n):
            r = corr[i, j]
            if np.isfinite(r) and abs(r) > CORRELATION_WARNING:
                warnings.append(
                    f"{names[i]} and {names[j]} are not separately identifiable from these "
                    f"data (correlation {r:+.3f}): only a combination of the two is determined, "
                    "and their individual values and intervals should not be trusted."
                )
            elif not np.isfinite(r):
                warnings.append(
                    f"{names[i]} and {names[j]}: correlation undefined "
                    "(a parameter has no influence on the data)."
                )
    simulated = problem.simulate(values)
    comparison = problem.model_on_data(simulated)
    rmse_rows = []
    if not comparison.empty:
        for c, g in comparison.groupby(RATE):
            err = (g["Model voltage [V]"] - g["Data voltage [V]"]).to_numpy()
            rmse_rows.append((f"curve at {c:g}C", float(np.sqrt(np.mean(err**2)) * 1e3), np.nan))
    model_q, data_q = problem.rate_capacities(simulated)
    rate_errors = (model_q - data_q) / data_q if len(model_q) else []
    if len(rate_errors):
        rmse_rows.append(
            ("rate table", np.nan, float(np.sqrt(np.mean(np.square(rate_errors))) * 100))
        )
    rmse = pd.DataFrame(rmse_rows, columns=["Data", "RMSE [mV]", "RMS error [%]"])
    rates = pd.DataFrame()
    if len(model_q):
        rates = data.rates.copy()
        rates[f"Model {data.rate_capacity[0].lower()}{data.rate_capacity[1:]}"] = model_q
    return FitResult(
        rates=rates,
        parameters=table,
        correlation=corr_df,
        warnings=warnings,
        rmse=rmse,
        cell=problem.cell_at(values),
        evaluations=problem.evaluations,
        comparison=comparison,
        success=bool(result.success),
        message=str(result.message),
        capacity=data.capacity,
    )


def write_cell_file(cell, path, header=""):
    """Write ``cell`` as a cell file (TOML) that :func:`asslb_sim.cell.from_toml` reads back.

    The design sections are written as they are; every parameter that differs
    from what the design composes to (fitted values) goes to ``[parameters]``.
    """
    import tomli_w

    from .cell import from_dict

    recomposed = from_dict({k: v for k, v in cell.design.items()}, base=None)
    overrides = {
        name: float(value)
        for name, value in cell.parameter_values.items()
        if isinstance(value, (int, float))
        and not isinstance(value, bool)
        and recomposed.parameter_values.get(name) != value
    }
    doc = {"cell": {"name": f"{cell.name} (fitted)"}}
    if cell.nominal_capacity is not None:
        doc["cell"]["nominal_capacity_mAh_cm2"] = cell.nominal_capacity
    doc.update({k: v for k, v in cell.design.items() if v})
    options = {k: v for k, v in cell.model_options.items() if k != "anode"}
    if options:
        doc["model"] = options
    if overrides:
        doc["parameters"] = overrides
    text = tomli_w.dumps(doc)
    Path(path).write_text("".join(f"# {line}\n" for line in header.splitlines()) + text)
    return path
