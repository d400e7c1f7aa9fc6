"""Fit model parameters to published discharge curves and rate tables.

Parameters are fitted by their PyBaMM names within bounds; positive ones in log
space; every parameter is mapped onto [0, 1] for the optimiser
(:mod:`.optimisers`). The problem (:mod:`.problem`) solves every discharge of an
evaluation on one built model; the report (:mod:`.statistics`) gives 95 %
confidence intervals, the correlation matrix with identifiability warnings, and
the RMSE of every curve in mV.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..design import load_cell
from ..errors import CellDefinitionError
from .data import RATE, SOC, Dataset, load
from .optimisers import check_backend, minimise
from .parameters import FitParameter
from .problem import FitProblem
from .statistics import fit_statistics


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
        Model evaluations (each solves every data C-rate), at most the fit's
        ``max_evaluations``.
    comparison : pandas.DataFrame
        Data and model on the curves' capacity points, for plots.
    rates : pandas.DataFrame
        The rate table with the model's capacities beside the data.
    spectra : pandas.DataFrame
        The impedance spectra with the model beside the data: "State of charge",
        "Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]", "Model Z' [Ohm.cm2]",
        "Model -Z'' [Ohm.cm2]".
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
    spectra: pd.DataFrame = field(default_factory=pd.DataFrame)


def _initial_values(cell, params):
    """Each parameter's start: given, the cell's own value if inside the bounds, or
    the middle of the box."""
    initial = []
    for p in params:
        value = p.initial
        if value is None:
            current = cell.parameter_values.get(p.name)
            inside = isinstance(current, (int, float)) and p.lower <= current <= p.upper
            value = current if inside else p.from_unit(0.5)
        initial.append(value)
    return initial


def _check_bounds(problem, params):
    """Refuse bounds outside a parameter's valid range (the range its design key, or
    the physics, allows), before any solve."""
    values = [problem.cell.parameter_values[p.name] for p in params]
    for i, p in enumerate(params):
        for side, bound in (("lower", p.lower), ("upper", p.upper)):
            try:
                problem.cell_at([*values[:i], bound, *values[i + 1 :]])
            except CellDefinitionError as exc:
                raise CellDefinitionError(
                    f"fit {p.name!r}: {side} bound {bound:g} is outside the parameter's valid "
                    f"range: {exc}"
                ) from None


def _spectra(problem, simulated):
    """Rows of the error table for the spectra (RMS of |Z_model - Z_data| / |Z_data|,
    in %), and the spectra with the model beside the data."""
    rows, tables = [], []
    for (kind, soc), z_model in zip(problem.points, simulated, strict=True):
        if kind != "spectrum":
            continue
        _, z_data = problem.spectrum(soc)
        relative = (z_model - z_data) / np.abs(z_data)  # whatever the fit's weighting
        rms = float(np.sqrt(np.mean(np.abs(relative) ** 2)) * 100)
        rows.append((f"spectrum at SOC {soc:.0%}", np.nan, rms))
        table = problem.data.spectra[problem.data.spectra[SOC] == soc].copy()
        table["Model Z' [Ohm.cm2]"] = z_model.real
        table["Model -Z'' [Ohm.cm2]"] = -z_model.imag
        tables.append(table)
    return rows, pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def _errors(problem, simulated):
    """RMSE per curve [mV], RMS relative error of the rate table and of each spectrum
    [%], the rate table with the model beside the data, and the spectra likewise."""
    comparison = problem.model_on_data(simulated)
    rows = []
    if not comparison.empty:
        for c, g in comparison.groupby(RATE):
            err = (g["Model voltage [V]"] - g["Data voltage [V]"]).to_numpy()
            rows.append((f"curve at {c:g}C", float(np.sqrt(np.mean(err**2)) * 1e3), np.nan))
    model_q, data_q = problem.rate_capacities(simulated)
    rates = pd.DataFrame()
    if len(model_q):
        errors = (model_q - data_q) / data_q
        rows.append(("rate table", np.nan, float(np.sqrt(np.mean(np.square(errors))) * 100)))
        column = problem.data.rate_capacity
        rates = problem.data.rates.copy()
        rates[f"Model {column[0].lower()}{column[1:]}"] = model_q
    spectrum_rows, spectra = _spectra(problem, simulated)
    rmse = pd.DataFrame(rows + spectrum_rows, columns=["Data", "RMSE [mV]", "RMS error [%]"])
    return comparison, rmse, rates, spectra


def fit(
    cell,
    data,
    parameters,
    capacity_weight=1.0,
    max_evaluations=200,
    backend="scipy",
    progress=False,
    spectrum_weight=1.0,
    spectrum_weighting="modulus",
):
    """Fit ``parameters`` of ``cell`` to ``data``.

    Parameters
    ----------
    cell : str, Path or Cell
        The cell (preset, TOML file or Cell) whose other parameters stay fixed.
    data : Dataset, or path(s) for :func:`asslb_sim.fitting.data.load`
        Curves, rate tables and/or impedance spectra (with their states of charge).
    parameters : list of FitParameter or "NAME:LOW:HIGH" strings
        What to fit.
    capacity_weight : float
        Weight of rate-table points: 1 % of capacity error counts like
        ``capacity_weight`` x 10 mV.
    max_evaluations : int
        Most model evaluations the fit makes, the optimiser's finite differences
        included; at the limit it stops with the best point so far (``success`` is
        False and ``message`` says so).
    backend : str
        ``"scipy"`` (``scipy.optimize.least_squares``, the default) or ``"pybop"``
        (PyBOP's XNES on the same residuals, if PyBOP is installed). The report's
        intervals come from the Jacobian at the optimum either way.
    progress : bool
        Show a progress bar with one tick per model evaluation (each solves
        every data C-rate; the optimiser's finite differences count too).
    spectrum_weight : float
        Weight of impedance spectra: 1 % of ``|Z|`` at a frequency, in its real or
        imaginary part, counts like ``spectrum_weight`` x 10 mV.
    spectrum_weighting : {"modulus", "unit", "proportional"}
        How the frequencies of a spectrum are weighted: relative to ``|Z|`` (every
        decade alike), to the spectrum's mean ``|Z|`` (the large arcs dominate), or
        each part to its own magnitude.

    Returns
    -------
    FitResult
    """
    check_backend(backend)
    if isinstance(max_evaluations, bool) or not (
        isinstance(max_evaluations, int) and 1 <= max_evaluations <= 100_000
    ):
        raise CellDefinitionError(
            f"max_evaluations: {max_evaluations!r}; valid range [1, 100000] (whole number)"
        )
    if not (isinstance(capacity_weight, (int, float)) and 0 <= capacity_weight < float("inf")):
        raise CellDefinitionError(f"capacity_weight: {capacity_weight!r}; valid range [0, inf)")
    if isinstance(spectrum_weight, bool) or not (
        isinstance(spectrum_weight, (int, float)) and 0 <= spectrum_weight < float("inf")
    ):
        raise CellDefinitionError(f"spectrum_weight: {spectrum_weight!r}; valid range [0, inf)")
    from ..impedance.extraction import WEIGHTINGS

    if spectrum_weighting not in WEIGHTINGS:
        raise CellDefinitionError(
            f"spectrum_weighting: {spectrum_weighting!r} is not known; valid: {list(WEIGHTINGS)}"
        )
    cell = load_cell(cell)
    if not isinstance(data, Dataset):
        data = load(data)
    params = [p if isinstance(p, FitParameter) else FitParameter.parse(p) for p in parameters]
    if not params:
        raise CellDefinitionError("fit: give at least one parameter to fit")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise CellDefinitionError(f"fit: a parameter is listed twice: {names}")
    problem = FitProblem(cell, data, params, capacity_weight, spectrum_weight, spectrum_weighting)
    _check_bounds(problem, params)
    initial = _initial_values(cell, params)

    def to_values(u):
        return [p.from_unit(float(x)) for p, x in zip(params, u, strict=True)]

    def evaluate(u):
        return problem.evaluate(to_values(u))

    u0 = np.array([p.to_unit(v) for p, v in zip(params, initial, strict=True)])
    if progress:
        from tqdm import tqdm

        problem.progress = tqdm(desc="fit", unit="evaluation")
    try:
        optimum = minimise(backend, evaluate, u0, params, max_evaluations)
        values = to_values(optimum.x)
        table, correlation, warnings = fit_statistics(params, initial, values, optimum)
        comparison, rmse, rates, spectra = _errors(problem, optimum.simulated)
    finally:
        if problem.progress is not None:
            problem.progress.close()
            problem.progress = None
    return FitResult(
        rates=rates,
        parameters=table,
        correlation=correlation,
        warnings=warnings,
        rmse=rmse,
        cell=problem.cell_at(values),
        evaluations=problem.evaluations,
        comparison=comparison,
        success=optimum.success,
        message=optimum.message,
        capacity=data.capacity,
        spectra=spectra,
    )
