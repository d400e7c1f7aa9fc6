"""Rate capability: discharge curves and a per-C-rate summary from one model build."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cell import Cell, load_cell
from .errors import CellDefinitionError

_F = 96485.33212  # C/mol
_CURRENT = "Current function [A]"

# solver termination -> (reason, status)
TERMINATIONS = {
    "event: Minimum voltage [V]": ("voltage cut-off", "ok"),
    "event: Lithium metal exhausted": ("Li exhausted", "ok"),
    "event: Maximum voltage [V]": ("upper voltage cut-off during discharge", "failed"),
    "final time": ("end of simulated time", "failed"),
}
# events already violated at t = 0 -> reason
_AT_START = {
    "Minimum voltage [V]": "below cut-off at start",
    "Maximum voltage [V]": "above upper cut-off at start",
    "Lithium metal exhausted": "no lithium at start",
}


@dataclass(frozen=True)
class CRateBasis:
    """What 1C means for a cell.

    Attributes
    ----------
    nominal_capacity : float
        Nominal areal capacity [mA.h.cm-2]; 1C = this many mA.cm-2.
    usable_capacity : float
        Connected CAM loading times its usable window [mA.h.cm-2] (equals the
        nominal capacity unless the user gave one).
    method : str
        How it was obtained, in words.
    stoichiometry_charged, stoichiometry_discharged : float
        CAM stoichiometry window at the upper and lower cut-off (equilibrium).
    """

    nominal_capacity: float
    usable_capacity: float
    method: str
    stoichiometry_charged: float
    stoichiometry_discharged: float


@dataclass(frozen=True)
class RateCapabilityResult:
    """Result of :func:`rate_capability`.

    Attributes
    ----------
    curves : pandas.DataFrame
        One row per output time and C-rate: "C-rate", "Time [s]", "Voltage [V]",
        "Discharge capacity [mA.h.cm-2]", "Specific capacity [mA.h.g-1]".
    summary : pandas.DataFrame
        One row per C-rate (see the README for the columns).
    basis : CRateBasis
        The C-rate basis.
    cell_name : str
        Name of the simulated cell.
    start : str
        The state every discharge starts from.
    charge_capacity : float
        Capacity of the simulated charge [mA.h.cm-2] (NaN from equilibrium).
    lithium_at_start : float
        Li-metal thickness at the start of the discharges [m] (the charged,
        thickest state of the cycle).
    """

    curves: pd.DataFrame
    summary: pd.DataFrame
    basis: CRateBasis
    cell_name: str
    start: str = "equilibrium at the upper cut-off voltage"
    charge_capacity: float = float("nan")
    lithium_at_start: float = float("nan")


def _area_cm2(values):
    return (
        values["Electrode height [m]"]
        * values["Electrode width [m]"]
        * values["Number of electrodes connected in parallel to make a cell"]
        * 1e4
    )


def _cam_mass_g_per_cm2(values):
    """Mass of all CAM (connected or not) per electrode area [g.cm-2]."""
    return (
        values["Positive electrode active material volume fraction"]
        * values["Positive electrode thickness [m]"]
        * values["Positive electrode active material density [kg.m-3]"]
        * 0.1  # kg/m2 -> g/cm2
    )


def c_rate_basis(cell: Cell) -> CRateBasis:
    """Compute the C-rate basis and the charged-state stoichiometry of ``cell``.

    The usable window is the equilibrium CAM stoichiometry between the upper and
    lower cut-off voltage; the nominal capacity is the connected CAM times that
    window, unless the cell states its own nominal capacity. Kept on the (immutable)
    cell after the first call.
    """
    cached = cell.__dict__.get("_c_rate_basis")
    if cached is not None:
        return cached
    basis = _compute_c_rate_basis(cell)
    object.__setattr__(cell, "_c_rate_basis", basis)
    return basis


def _compute_c_rate_basis(cell):
    from .parameter_sets.stoichiometry import usable_window

    v = cell.parameter_values
    if not callable(v["Positive electrode OCP [V]"]):
        raise CellDefinitionError(
            "Positive electrode OCP [V] must be a function of stoichiometry, got "
            f"{v['Positive electrode OCP [V]']!r}"
        )
    try:
        sto_charged, sto_discharged, moles = usable_window(v)
    except ValueError as exc:
        raise CellDefinitionError(f"voltage cut-off: {exc}") from None
    computed = moles * _F / 3600 * 0.1  # mol.m-2 -> A.h.m-2 -> mA.h.cm-2
    if cell.nominal_capacity is not None:
        return CRateBasis(
            cell.nominal_capacity,
            computed,
            f"given by the user ({cell.nominal_capacity:.4g} mA.h.cm-2; the CAM loading "
            f"and window x = {sto_charged:.3f}-{sto_discharged:.3f} would give "
            f"{computed:.4g} mA.h.cm-2)",
            sto_charged,
            sto_discharged,
        )
    method = (
        "computed from the connected CAM loading and its equilibrium stoichiometry "
        f"window x = {sto_charged:.4f}-{sto_discharged:.4f} between "
        f"{v['Upper voltage cut-off [V]']} V and {v['Lower voltage cut-off [V]']} V"
    )
    return CRateBasis(computed, computed, method, sto_charged, sto_discharged)


def _check_c_rates(c_rates):
    rates = [c_rates] if isinstance(c_rates, numbers.Real) else list(c_rates)
    if not rates:
        raise CellDefinitionError("c_rates: give at least one C-rate; valid range (0, 100]")
    for c in rates:
        if not isinstance(c, numbers.Real) or isinstance(c, bool) or not math.isfinite(c):
            raise CellDefinitionError(f"c_rates: {c!r} is not a number; valid range (0, 100]")
        if not 0 < c <= 100:
            raise CellDefinitionError(f"c_rates: {c!r} is out of range; valid range (0, 100]")
    return [float(c) for c in rates]


def make_solver(threads=1, output_variables=None, rtol=1e-6, compile=False, ends_only=False):
    """The IDAKLU solver used for every simulation, with its tolerances.

    Algebraic states (the potentials) are solved to the Newton tolerance at every
    step but left out of the local error test ("suppress_algebraic_error"): the
    error test on the small SE potential otherwise forces about 30 % more steps
    (benchmarks/bench_rate_capability.py), for no change in the voltage beyond
    the tolerance (tests/test_mesh_convergence.py, tests/test_stock_agreement.py).
    A step's Newton iteration gets at most 4 iterations, IDA's own default (PyBaMM
    raises it to 40): one that has not converged by then is cheaper to redo with a
    fresh Jacobian or a shorter step. Measured on the 800 discharges of
    benchmarks/bench_sweep.py (on a 25 x 15 particle mesh): 20 % fewer Newton
    iterations, 10-12 % less time at rtol 1e-4 and 1e-6, and the same error in
    capacity against rtol 1e-8 (at most 2.1e-3 at 1e-4 and 4.7e-5 at 1e-6, with 4
    or 40 iterations alike).

    At loose tolerances (rtol > 5e-5) the BDF order is capped at 2, the highest
    A-stable one. IDA otherwise takes long steps at orders 3-5, which are not
    A-stable, and near the end of a discharge, where a particle surface close to
    full lithiation makes the OCP fall steeply, a stiff mode can grow into an
    oscillation between neighbouring particles (one reversing its current) that
    Newton's method cannot converge. On a coarse particle mesh (15 points,
    stretch 2) at rtol 1e-4, 5 of the 8000 discharges of a 2000-design benchmark
    grid failed so at order 5, none at order 2. On the study mesh none failed at
    either order; order 2 took the same time for the 800 discharges of
    benchmarks/bench_sweep.py and 12 % less for the 8000, with the capacity error
    against rtol 1e-8 at most 2.2e-3 (order 5: 1.2e-3; 99 % within 6e-4 and
    5e-4). At rtol 5e-5 and below order 5 had no failures even on the coarse
    mesh and is faster, so it is kept.

    Parameters
    ----------
    threads : int
        OpenMP threads (and parallel solvers) for a list of input sets.
    output_variables : list of str, optional
        Compute only these variables (faster for large studies).
    rtol : float
        Relative tolerance. The absolute tolerance stays 1e-8 (in each state's
        units): it matters only for states near zero (capacity and energy counters
        at the start, a thin plated lithium layer).
    compile : bool
        Compile the model's functions to machine code with the system C compiler
        (PyBaMM's ahead-of-time compilation, cached on disk): about 25 % faster
        solves for about 1.5 s once per build, so worth it for studies only. Without
        a working compiler PyBaMM falls back to its interpreter.
    ends_only : bool
        Keep only the first and last time of each solution (design studies read
        end values only).
    """
    import pybamm

    options = {
        "suppress_algebraic_error": True,
        "max_nonlinear_iterations": 4,
        "max_order_bdf": 2 if rtol > 5e-5 else 5,
        "compile": compile,
    }
    if threads > 1:
        options.update({"num_threads": threads, "num_solvers": threads})
    return pybamm.IDAKLUSolver(
        rtol=rtol,
        atol=1e-8,
        options=options,
        output_variables=output_variables,
        store_first_last=ends_only,
    )


INITIAL_CONCENTRATION = "Initial concentration in positive electrode [mol.m-3]"
INITIAL_PLATED = "Initial plated lithium thickness [m]"
_X_DOMAINS = ("negative electrode", "separator", "positive electrode")
NOMINAL = "Nominal cell capacity [A.h]"


def _current_A(values, density):
    """The current [A] of a current density [mA.cm-2] over the cell's electrode area."""
    return density * _area_cm2(values) * 1e-3


def _simulation(cell, values, mesh=None, solver=None, experiment=None, symbolic_x=False):
    """A :class:`pybamm.Simulation` of ``cell``'s model with parameter ``values``.

    ``mesh``: as :func:`~asslb_sim.models.resolve_mesh` takes it (default: the
    ``"single-run"`` mesh). ``symbolic_x``: PyBaMM's symbolic uniform mesh across
    the x domains, so that thicknesses may be inputs (design studies, fits).
    """
    import pybamm

    from .models import cell_model, resolve_mesh

    model = cell_model(cell.model_options)
    grid = resolve_mesh(mesh)
    submeshes = grid.submesh_types(model)
    if symbolic_x:
        for domain in _X_DOMAINS:
            submeshes[domain] = pybamm.SymbolicUniform1DSubMesh
    return pybamm.Simulation(
        model,
        parameter_values=values,
        solver=solver or make_solver(),
        var_pts=grid.var_pts(model),
        submesh_types=submeshes,
        experiment=experiment,
    )


def prepare(cell, mesh=None, initial_state_input=False):
    """Build the model once and return ``(simulation, basis, parameter values)``.

    The discharge current is a PyBaMM input (``"Current function [A]"``), so the
    one built simulation serves every C-rate. With ``initial_state_input`` the
    initial CAM concentration is an input too (``INITIAL_CONCENTRATION``), and
    for anode-free cells the initial plated Li (``INITIAL_PLATED``), so that the
    same build starts from any state of charge; otherwise it is the charged
    equilibrium (anode-free cells: as built, without Li). ``mesh``: a
    :class:`~asslb_sim.models.Mesh`, a name in ``MESHES`` or a dict of Mesh fields
    (default: the ``"single-run"`` mesh).
    """
    import pybamm

    cell = load_cell(cell)
    basis = c_rate_basis(cell)
    values = pybamm.ParameterValues(dict(cell.parameter_values))
    values.update(
        {
            INITIAL_CONCENTRATION: "[input]"
            if initial_state_input
            else basis.stoichiometry_charged
            * values["Maximum concentration in positive electrode [mol.m-3]"],
            NOMINAL: _current_A(cell.parameter_values, basis.nominal_capacity),
            _CURRENT: "[input]",
        }
    )
    if initial_state_input and cell.model_options.get("anode") == "anode-free":
        values[INITIAL_PLATED] = "[input]"
    sim = _simulation(cell, values, mesh)
    sim.build()
    return sim, basis, values


def _discharge(solve, current, t_end):
    """Solve one constant-current discharge with ``solve(t_end, inputs)``.

    Returns ``(solution or None, termination reason, status, message)``; a
    solver failure is returned as a flagged result, never raised.
    """
    import pybamm

    try:
        sol = solve(t_end, {_CURRENT: current})
    except pybamm.SolverError as exc:
        msg = str(exc)
        if "non-positive at initial conditions" in msg:
            for event, reason in _AT_START.items():
                if f"'{event}'" in msg:
                    return None, reason, "ok", msg
        return None, "solver failure", "failed", msg
    reason, status = TERMINATIONS.get(sol.termination, (sol.termination, "failed"))
    return sol, reason, status, ""


@dataclass(frozen=True)
class Charge:
    """A constant-current, constant-voltage charge before every discharge.

    The cell starts as built (discharged: CAM at its lower-cut-off equilibrium,
    the as-built Li foil, or no Li for an anode-free cell), is charged at
    ``c_rate`` to the upper cut-off, then held there until the current falls to
    ``cv_cutoff_c_rate`` (no hold if ``None``). Each rate test then discharges
    from that charged state.
    """

    c_rate: float = 0.1
    cv_cutoff_c_rate: float | None = 0.02

    def __post_init__(self):
        for name in ("c_rate", "cv_cutoff_c_rate"):
            value = getattr(self, name)
            if value is None and name == "cv_cutoff_c_rate":
                continue
            if not isinstance(value, numbers.Real) or not 0 < value <= 100:
                raise CellDefinitionError(
                    f"charge.{name}: {value!r} is out of range; valid range (0, 100]"
                )

    def steps(self, upper_cutoff):
        """The charge as PyBaMM experiment strings."""
        steps = [f"Charge at {self.c_rate:g}C until {upper_cutoff:g} V"]
        if self.cv_cutoff_c_rate is not None:
            steps.append(f"Hold at {upper_cutoff:g} V until {self.cv_cutoff_c_rate:g}C")
        return steps


def simulate_charge(cell, charge, mesh=None):
    """Charge ``cell`` from its as-built state with the ``charge`` protocol.

    Returns
    -------
    pybamm.Solution
        The charge (a PyBaMM experiment solution); its last state is the start
        of the discharges.
    """
    import pybamm

    cell = load_cell(cell)
    basis = c_rate_basis(cell)
    values = pybamm.ParameterValues(dict(cell.parameter_values))
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    values.update(
        {
            INITIAL_CONCENTRATION: basis.stoichiometry_discharged * c_max,
            NOMINAL: _current_A(cell.parameter_values, basis.nominal_capacity),
        }
    )
    if cell.model_options.get("anode") != "anode-free":
        values["Negative electrode thickness [m]"] = values["Lithium metal thickness as built [m]"]
    experiment = pybamm.Experiment(charge.steps(values["Upper voltage cut-off [V]"]))
    return _simulation(cell, values, mesh, experiment=experiment).solve()


def resolve_charge(charge, cell):
    """The charge protocol for ``cell``: a :class:`Charge` or None (start at
    equilibrium). ``"auto"`` charges anode-free cells only (C/10 CC-CV to C/50)."""
    anode_free = cell.model_options.get("anode") == "anode-free"
    if charge == "auto":
        charge = Charge() if anode_free else None
    if charge is None and anode_free:
        raise CellDefinitionError(
            "charge: an anode-free cell holds no Li until it is charged; give a charge "
            "protocol (or charge = 'auto')"
        )
    if charge is not None and not isinstance(charge, Charge):
        raise CellDefinitionError(f"charge: {charge!r} is not a Charge protocol, None or 'auto'")
    return charge


def rate_capability(
    cell="default", c_rates=(0.1, 0.5, 1, 2), mesh=None, progress=False, charge="auto"
):
    """Constant-current discharges at several C-rates from one model build.

    Each discharge starts either at equilibrium at the upper cut-off voltage
    (CAM stoichiometry uniform at its charged value, the Li of the design) or
    after a simulated CC-CV charge from the as-built state (``charge``), and
    runs until the lower cut-off voltage or until the Li metal is exhausted.

    Parameters
    ----------
    cell : str, Path or Cell
        A preset name, a TOML cell file or a :class:`~asslb_sim.cell.Cell`.
    c_rates : sequence of float
        C-rates against the basis of :func:`c_rate_basis`, each in (0, 100].
    mesh : Mesh, str or dict, optional
        A :class:`~asslb_sim.models.Mesh`, a name in ``MESHES`` (``"single-run"``,
        the default, or ``"study"``) or a dict of Mesh fields that replace the
        default's (``{"r_p": 50}``).
    progress : bool
        Show a progress bar over the C-rates.
    charge : Charge, None or "auto"
        ``None``: start from equilibrium; a :class:`Charge`: start after it;
        ``"auto"`` (default): equilibrium for Li-metal cells, ``Charge()`` (C/10
        CC-CV to C/50, as in Lee et al. 2020 [Pd]) for anode-free cells, which
        hold no Li until charged.

    Returns
    -------
    RateCapabilityResult
    """
    rates = _check_c_rates(c_rates)
    cell = load_cell(cell)
    charge = resolve_charge(charge, cell)
    sim, basis, _ = prepare(cell, mesh)
    area = _area_cm2(cell.parameter_values)
    cam_mass = _cam_mass_g_per_cm2(cell.parameter_values)
    # longest possible discharge: all connected CAM filled from the charged state
    q_max = basis.usable_capacity * max(
        1.0,
        (1 - basis.stoichiometry_charged)
        / (basis.stoichiometry_discharged - basis.stoichiometry_charged),
    )
    charge_capacity = float("nan")
    lithium_start = cell.parameter_values["Negative electrode thickness [m]"]
    if charge is None:

        def solve(t_end, inputs):
            return sim.solve([0, t_end], inputs=inputs)

        start = "equilibrium at the upper cut-off voltage"
    else:
        import pybamm

        try:
            charged = simulate_charge(cell, charge, mesh)
        except pybamm.SolverError as exc:
            raise CellDefinitionError(f"charge: the charge failed: {exc}") from None
        charge_capacity = -charged["Discharge capacity [A.h]"].entries[-1] * 1e3 / area
        lithium_start = float(charged["Lithium metal thickness [m]"].entries[-1])
        model = sim.built_model.set_initial_conditions_from(charged, inplace=False)

        def solve(t_end, inputs):
            return sim.solver.solve(model, [0, t_end], inputs=inputs)

        start = (
            f"after a simulated charge ({'; '.join(charge.steps(basis_upper(cell)))}): "
            f"{charge_capacity:.4g} mA.h.cm-2 charged"
        )
    iterator = rates
    if progress:
        from tqdm import tqdm

        iterator = tqdm(rates, desc="C-rates", unit="rate")
    curves, rows = [], []
    for c in iterator:
        current_density = c * basis.nominal_capacity  # mA.cm-2
        current = current_density * area * 1e-3  # A
        t_end = 1.05 * q_max / current_density * 3600
        sol, reason, status, message = _discharge(solve, current, t_end)
        row = {
            "C-rate": c,
            "Current density [mA.cm-2]": current_density,
            "Discharge capacity [mA.h.cm-2]": 0.0,
            "Specific capacity [mA.h.g-1]": 0.0,
            "Mean voltage [V]": float("nan"),
            "Discharge energy [W.h.m-2]": 0.0,
            "Termination": reason,
            "Status": status,
            "Message": message,
            "Nominal capacity [mA.h.cm-2]": basis.nominal_capacity,
            "C-rate basis": "user" if cell.nominal_capacity is not None else "computed",
            "Charge capacity [mA.h.cm-2]": charge_capacity,
            "Lithium metal at start [um]": lithium_start * 1e6,
        }
        if sol is not None:
            # counted from the start of this discharge (a charge may precede it)
            q_ah = sol["Discharge capacity [A.h]"].entries
            q = (q_ah - q_ah[0]) * 1e3 / area  # mA.h.cm-2
            e_wh = sol["Discharge energy [W.h]"].entries
            energy = (e_wh[-1] - e_wh[0]) / (area * 1e-4)  # W.h.m-2
            curves.append(
                pd.DataFrame(
                    {
                        "C-rate": c,
                        "Time [s]": sol["Time [s]"].entries,
                        "Voltage [V]": sol["Voltage [V]"].entries,
                        "Discharge capacity [mA.h.cm-2]": q,
                        "Specific capacity [mA.h.g-1]": q / cam_mass,
                    }
                )
            )
            row.update(
                {
                    "Discharge capacity [mA.h.cm-2]": q[-1],
                    "Specific capacity [mA.h.g-1]": q[-1] / cam_mass,
                    # W.h.m-2 / (mA.h.cm-2 * 10 = A.h.m-2) = V
                    "Mean voltage [V]": energy / (q[-1] * 10) if q[-1] > 0 else float("nan"),
                    "Discharge energy [W.h.m-2]": energy,
                }
            )
        rows.append(row)
    columns = [
        "C-rate",
        "Time [s]",
        "Voltage [V]",
        "Discharge capacity [mA.h.cm-2]",
        "Specific capacity [mA.h.g-1]",
    ]
    curves = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame(columns=columns)
    return RateCapabilityResult(
        curves, pd.DataFrame(rows), basis, cell.name, start, charge_capacity, lithium_start
    )


def basis_upper(cell):
    """Upper cut-off voltage [V] of ``cell``."""
    return cell.parameter_values["Upper voltage cut-off [V]"]


def voltage_at(result, c_rate, capacity):
    """Interpolate the discharge voltage [V] of one C-rate at areal capacities."""
    curve = result.curves[result.curves["C-rate"] == c_rate]
    return np.interp(capacity, curve["Discharge capacity [mA.h.cm-2]"], curve["Voltage [V]"])
