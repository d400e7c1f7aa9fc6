import os

import matplotlib
import numpy as np
import pytest

os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "1")
matplotlib.use("Agg")

F = 96485.33212

# columns the issue requires in every rate-capability summary
SUMMARY_COLUMNS = [
    "C-rate",
    "Discharge capacity [mA.h.cm-2]",
    "Specific capacity [mA.h.g-1]",
    "Mean voltage [V]",
    "Discharge energy [W.h.m-2]",
    "Termination",
]


@pytest.fixture(scope="session")
def default_cell():
    from asslb_sim.cell import from_preset

    return from_preset("default")


def solve_at(cell, current, t_end, mesh=None, state=None):
    """The built model of ``cell`` (every variable) solved from ``state`` (default: the
    charged equilibrium) at ``current`` [A] for ``t_end`` [s]."""
    from asslb_sim.simulation import Runner

    runner = Runner(mesh=mesh)
    state = state if state is not None else cell.anode.charged(cell)
    inputs = runner.input_values(cell, state, current)
    return runner.simulation(cell).solve([0, t_end], inputs=inputs)


def solve_cell(cell, c_rate, t_factor=1.5, mesh=None):
    """One constant-current discharge of ``cell``; returns (solution, basis, area_cm2)."""
    current = c_rate * cell.basis.nominal_capacity * cell.area_cm2 * 1e-3
    sol = solve_at(cell, current, t_factor * 3600 / c_rate, mesh)
    return sol, cell.basis, cell.area_cm2


# --- explicit configurations for the law and limit tests -----------------------------
# Every number a law or limit test depends on is given here or in the test, never taken
# from the library's defaults (which are recalibrated from time to time): the materials
# contribute only data the tests read back (densities, c_max, the OCP, and the CAM's
# measured lithiation tables of the exchange current and the diffusivity, which the
# tests evaluate by hand with np.interp: :func:`lithiation_table`). No coefficient is 1
# (nor a power a product's equal): a mutant x * b -> x ** b or x / b must show. (One
# exception: the CAM conductivity's exponent k (1 - x) is 1 at the uniform-limit tests'
# x = 0.6, where 10^1 = 10 * 1; its law is checked at other x in tests/test_laws.py, at
# the surface stoichiometry and at half charge in tests/test_uniform_limits.py.)

R_GAS = 8.314462618
T_REF = 298.15
# a small mesh: the uniform-limit values need x_p only (their error is 1/(8 x_p^2) of
# each transport part, 3e-4 here); the particle mesh does not enter at t = 0
SMALL_MESH = {"x_s": 3, "x_p": 20, "r_p": 5}
ALL_BRUGGEMAN = {
    "separator_transport": "Bruggeman",
    "solid_electrolyte_transport": "Bruggeman",
    "active_material_transport": "Bruggeman",
    "carbon_transport": "Bruggeman",
    "binder_transport": "Bruggeman",
}
EXPLICIT_DESIGN = {
    "cathode": {
        "active_material": "NMC811",
        "solid_electrolyte": "Li6PS5Cl",
        "carbon": "carbon black",
        "binder": "PTFE",
        "active_material_volume_fraction": 0.50,
        "solid_electrolyte_volume_fraction": 0.30,
        "carbon_volume_fraction": 0.05,
        "binder_volume_fraction": 0.05,
        "void_volume_fraction": 0.10,
        "thickness_um": 60,
        "particle_radius_um": 5.0,
        "diffusivity_m2_s": 1e-12,
        # the particles' apparent diffusivity is theta^2 D_ref 10^f(x) (the library's law)
        "diffusivity_contact_exponent": 2.0,
        "se_conductivity_mS_cm": 1.0,
        "se_bruggeman_exponent": 2.0,
        # sigma_AM(x) = 10 * 10^(2.5 (1 - x)) S/m: 100 S/m at the uniform-limit tests'
        # x = 0.6 (cam_conductivity)
        "active_material_conductivity_S_m": 10.0,
        "active_material_conductivity_slope": 2.5,
        "active_material_bruggeman_exponent": 1.5,
        "carbon_conductivity_S_m": 1000.0,
        "carbon_bruggeman_exponent": 2.0,
        "binder_bruggeman_exponent": 1.2,
        "exchange_current_density_A_m2": 1.3,
        "contact_coverage": 0.25,
        "isolated_fraction": 0.15,
        "film_resistance_ohm_cm2": 0.0,
    },
    # porous separator with an ion-conducting binder: both ionic paths matter
    "separator": {
        "solid_electrolyte": "Li6PS5Cl",
        "binder": "ion-conducting binder",
        "binder_mass_fraction": 0.2,
        "void_volume_fraction": 0.05,
        "thickness_um": 30,
        "conductivity_mS_cm": 1.0,
        "bruggeman_exponent": 2.0,
    },
    "anode": {
        "material": "Li metal",
        "li_excess_um": 20,
        "interphase_resistance_ohm_cm2": 10.0,
        "exchange_current_density_mA_cm2": 0.5,
        "coulombic_efficiency": 0.97,
    },
    "operation": {"temperature_C": T_REF - 273.15, "lower_cutoff_V": 3.0, "upper_cutoff_V": 4.25},
}
EXPLICIT_PARAMETERS = {
    "Reference temperature [K]": T_REF,
    "Separator binder conductivity at reference temperature [S.m-1]": 0.05,
    "Separator binder Bruggeman exponent": 1.2,
    "Positive electrode binder conductivity at reference temperature [S.m-1]": 0.0,
}


def explicit_cell(parameters=None, options=None, **sections):
    """The default preset with :data:`EXPLICIT_DESIGN` (each section updated by
    ``sections``), :data:`EXPLICIT_PARAMETERS` (updated by ``parameters``) and every
    model option given (Bruggeman everywhere, no film, updated by ``options``)."""
    from asslb_sim.cell import from_preset

    design = {
        name: {**entries, **sections.get(name, {})} for name, entries in EXPLICIT_DESIGN.items()
    }
    if design["anode"]["material"] != "Li metal":
        del design["anode"]["li_excess_um"]  # another kind of anode: no as-built foil
        if design["anode"]["material"] != "anode-free":  # an alloy plates no Li
            design["anode"].pop("coulombic_efficiency")
    film = design["cathode"]["film_resistance_ohm_cm2"] > 0
    # options first: a design key may need its law (se_tortuosity_factor)
    options = {**ALL_BRUGGEMAN, "film": "resistive" if film else "none", **(options or {})}
    cell = from_preset("default").with_options(**options).with_design(**design)
    return cell.with_parameters(**{**EXPLICIT_PARAMETERS, **(parameters or {})})


def solve_from(cell, state, density, t_end, mesh=None, rtol=1e-6, t_interp=None):
    """``cell`` solved from ``state`` at ``density`` [mA.cm-2] (positive on discharge)
    for ``t_end`` [s] on :data:`SMALL_MESH` (or ``mesh``), at relative tolerance
    ``rtol``; output at the solver's steps, or interpolated at ``t_interp``."""
    from asslb_sim.simulation import Runner

    runner = Runner(mesh=mesh or SMALL_MESH, rtol=rtol)
    inputs = runner.input_values(cell, state, cell.current(density))
    return runner.simulation(cell).solve([0, t_end], inputs=inputs, t_interp=t_interp)


def cam_conductivity(x, sigma_lithiated=10.0, slope=2.5, arrhenius=1.0):
    """The CAM's electronic conductivity [S/m] by hand, ``sigma_lith 10^(k (1 - x))``
    times an Arrhenius factor (the defaults: :data:`EXPLICIT_DESIGN`'s)."""
    return sigma_lithiated * 10 ** (slope * (1 - np.asarray(x))) * arrhenius


def lithiation_table(cell, name):
    """``(x, y)`` of one of the cell's CAM tables against the lithiation (PyBaMM data:
    ``(name, ([x], y))``), e.g. ``"Positive electrode relative exchange-current
    density"``; evaluate it with ``np.interp`` (PyBaMM interpolates it linearly)."""
    _, (xs, ys) = cell.parameter_values[name]
    return np.asarray(xs[0]), np.asarray(ys)


def exchange_factor(cell, x):
    """g(x), the CAM's exchange current relative to its value at half lithiation."""
    return np.interp(
        x, *lithiation_table(cell, "Positive electrode relative exchange-current density")
    )


def log10_diffusivity(cell, x):
    """f(x), the log10 of the CAM's diffusivity relative to its reference value."""
    return np.interp(x, *lithiation_table(cell, "Positive particle log10 relative diffusivity"))
