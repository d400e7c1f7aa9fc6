"""Impedance of the cell models with double layers: analytic limits and consistency.

The spectra come from ``pybamm.EISSimulation`` on the cell models with the model
option ``surface_form = "differential"`` (through ``Runner.impedance``).
"""

import numpy as np
import pandas as pd
import pytest

from asslb_sim.impedance import (
    equivalent_circuit_impedance,
    frequencies_from,
    impedance_spectrum,
)

R_GAS, F = 8.314462618, 96485.33212
# a cell whose solid diffusion is pushed far below the frequencies tested (its chemical
# capacitance is then a short at every frequency here), on a fine cathode mesh
FAST_DIFFUSION = {"cathode": {"diffusivity_m2_s": 1e-10}}
FINE = {"x_p": 100}


def complex_z(result):
    s = result.spectrum
    return s["Z' [Ohm.cm2]"].to_numpy() - 1j * s["-Z'' [Ohm.cm2]"].to_numpy()


# --- the model against the closed forms ---------------------------------------------


@pytest.fixture(scope="module")
def fast_cell(default_cell):
    return default_cell.with_design(**FAST_DIFFUSION)


def test_model_spectrum_is_the_equivalent_circuit(fast_cell):
    """Above the frequencies of solid diffusion the linearised model is the circuit of
    the separator, the Li interface and the composite's transmission line."""
    f = np.logspace(3, -0.5, 15)
    result = impedance_spectrum(fast_cell, 0.5, f, mesh=FINE)
    expected = equivalent_circuit_impedance(result.settings, f) * 1e4
    error = np.abs(complex_z(result) - expected) / np.abs(expected)
    # finite volumes on 100 points: the error falls as h^2 and is largest at the highest
    # frequency, measured 3.7e-4 at 1 kHz (5.9e-3 on the default 25 points) and at most
    # 3.6e-5 below 100 Hz. The circuit has the CAM's chemical capacitance in series with
    # the charge transfer (contact_impedance): left out, the error at 0.32 Hz would be
    # 1.7e-4 (measured), so the tighter bound below 100 Hz catches its omission
    assert error.max() < 1e-3
    assert error[f < 100].max() < 1e-4
    # and the whole arc is there: from the rails in parallel to the total resistance
    # (measured 1.0e-4 apart at 0.32 Hz: the mesh, and the chemical capacitance's
    # reactance still in series there)
    total = result.processes["Resistance [Ohm.cm2]"].iloc[-1]
    assert complex_z(result)[-1].real == pytest.approx(total, rel=1e-3)


@pytest.mark.parametrize(
    "anode, soc",
    [
        ({"material": "anode-free", "interlayer": "Ag-C"}, 0.5),
        # the plated Li gone, the Ag-C's sloping potential: its chemical capacitance
        ({"material": "anode-free", "interlayer": "Ag-C"}, 0.1),
        ({"material": "In/InLi"}, 0.5),
    ],
)
def test_spectra_of_anode_free_and_alloy_cells_are_their_circuits(fast_cell, anode, soc):
    """Every anode kind has its double layer: the anode-free cell (the interlayer's
    resistance in series, and where the Ag-C holds the Li its chemical capacitance in
    series with the charge transfer) and the In/InLi counter electrode give their
    circuits too."""
    cell = fast_cell.with_design(anode=anode)
    f = np.logspace(3, -0.5, 6)
    result = impedance_spectrum(cell, soc, f, mesh=FINE)
    sloping = result.settings["Counter electrode chemical capacity [F.m-2]"] < np.inf
    assert sloping == (soc == 0.1)  # the case is what it says
    expected = equivalent_circuit_impedance(result.settings, f) * 1e4
    # as for the Li-metal cell (measured 9e-4 of the smallest |Z| at 1 kHz; the Ag-C at
    # SOC 0.1 1.2e-3 at 0.3 Hz without the anode's chemical capacitance, 2.6e-4 with it)
    assert np.abs(complex_z(result) - expected).max() < 2e-3 * np.abs(expected).min()


def test_a_coating_is_its_own_rc_element(fast_cell):
    """A film (coating) is R_f || C_f in series with the contact's R_ct || C_dl: the
    spectrum is that circuit, and the process table lists the coating's arc."""
    coated = fast_cell.with_design(
        cathode={"film_resistance_ohm_cm2": 100.0, "film_capacity_uF_cm2": 0.3}
    )
    f = np.logspace(4, -0.5, 8)
    result = impedance_spectrum(coated, 0.5, f, mesh=FINE)
    expected = equivalent_circuit_impedance(result.settings, f) * 1e4
    # measured 2e-4 (finite volumes, 100 points)
    assert np.abs(complex_z(result) - expected).max() < 1e-3 * np.abs(expected).min()
    row = result.processes.set_index("Process").loc["Cathode film (coating)"]
    a_theta_L = (
        result.settings["Positive electrode contact area to volume ratio [m-1]"]
        * result.settings["Positive electrode thickness [m]"]
    )
    assert row["Resistance [Ohm.cm2]"] == pytest.approx(100.0 / a_theta_L)  # per electrode area
    assert row["Characteristic frequency [Hz]"] == pytest.approx(
        1 / (2 * np.pi * 100e-4 * 0.3e-2), rel=1e-9
    )


def test_a_vanishing_film_resistance_is_a_short(default_cell):
    """The film law with R_f = 0 (a fit's lower bound) is the cell without a film: the
    capacitive film's drop is shorted (at a floor of 1e-12 Ohm m2), not singular."""
    f = np.logspace(4, -0.5, 8)
    plain = impedance_spectrum(default_cell, 0.5, f)
    shorted = default_cell.with_design(
        model={"film": "resistive"}, cathode={"film_resistance_ohm_cm2": 0.0}
    )
    assert shorted.model_options["film"] == "resistive"
    z = complex_z(impedance_spectrum(shorted, 0.5, f))
    # the floor's film adds 1e-12 Ohm m2 / (a theta L), 1e-13 of |Z|; the stiff film
    # state's round-off: measured 7e-10 of the smallest |Z|
    assert np.abs(z - complex_z(plain)).max() < 1e-6 * np.abs(complex_z(plain)).min()


def test_grain_boundaries_are_their_own_rc_element(default_cell):
    """Grain boundaries given in the cell file add R_gb || C_gb in series, with
    C_gb = eps0 eps_gb / L: exactly that semicircle, whatever the rest."""
    f = np.logspace(6, 2, 9)
    plain = impedance_spectrum(default_cell, 0.5, f)
    gb_cell = default_cell.with_design(separator={"grain_boundary_resistance_ohm_cm2": 3.0})
    assert gb_cell.model_options["grain_boundaries"] == "separator"
    with_gb = impedance_spectrum(gb_cell, 0.5, f)
    R = 3.0e-4  # Ohm m2
    C = (
        8.8541878128e-12
        * gb_cell.parameter_values["Separator grain-boundary relative permittivity"]
        / gb_cell.parameter_values["Separator thickness [m]"]
    )
    expected = R / (1 + 2j * np.pi * f * R * C) * 1e4
    # in series with identical elements: only the solver's round-off differs (1e-9)
    np.testing.assert_allclose(complex_z(with_gb) - complex_z(plain), expected, rtol=1e-6)
    row = with_gb.processes.set_index("Process").loc["Separator grain boundaries"]
    assert row["Resistance [Ohm.cm2]"] == pytest.approx(3.0)


def test_separator_permittivity_sets_the_bulk_arc(default_cell):
    """The SE bulk is R_sep || C_g with C_g = eps0 eps_r / L_s: two cells that differ
    only in the separator's permittivity differ by exactly the two bulk semicircles,
    around their apexes (100 MHz and 20 MHz here, far above everything else)."""
    f = np.logspace(9, 6, 7)
    low = impedance_spectrum(default_cell, 0.5, f)
    high_cell = default_cell.with_design(separator={"relative_permittivity": 115.0})
    high = impedance_spectrum(high_cell, 0.5, f)
    s = low.settings
    L_s = s["Separator thickness [m]"]
    R = L_s / s["Separator effective ionic conductivity [S.m-1]"]
    w = 2j * np.pi * f

    def bulk(eps_r):
        return R / (1 + w * R * 8.8541878128e-12 * eps_r / L_s) * 1e4

    assert s["Separator solid electrolyte relative permittivity"] == 23.0
    expected = bulk(115.0) - bulk(23.0)
    # the rest of the cell is the same linear system on both sides: the difference is
    # the direct solve's round-off, measured 3e-12 of the bulk arcs' difference
    np.testing.assert_allclose(complex_z(high) - complex_z(low), expected, rtol=1e-9)


def test_separator_adds_its_resistance_at_high_frequency(default_cell):
    """Between the bulk arc (> 100 MHz) and the interfaces' arcs a thicker separator
    shifts the spectrum by exactly L / kappa_eff."""
    f = [1e5]
    thin = impedance_spectrum(default_cell, 0.5, f)
    thick_cell = default_cell.with_design(separator={"thickness_um": 60.0})
    thick = impedance_spectrum(thick_cell, 0.5, f)
    kappa = thin.settings["Separator effective ionic conductivity [S.m-1]"]
    L_thin = thin.settings["Separator thickness [m]"]
    expected = (60e-6 - L_thin) / kappa * 1e4  # Ohm cm2
    shift = complex_z(thick)[0] - complex_z(thin)[0]
    # the same cathode cancels exactly; the geometric capacitance changes the real part
    # by (w R C)^2 ~ 1e-6 of the separator's resistance at 100 kHz
    assert shift.real == pytest.approx(expected, rel=1e-5)
    assert abs(shift.imag) < 1e-3 * expected


def test_li_interface_is_a_semicircle_of_the_charge_transfer_resistance(default_cell):
    """The Li|SE interface is R_ct || C_dl in series: removing its resistance (a huge
    exchange current) takes away a semicircle of diameter RT/(F j0) with its apex at
    1/(2 pi R_ct C_dl)."""
    base = impedance_spectrum(default_cell, 0.5, [1.0])
    j0 = base.settings["Lithium metal interface exchange current density [A.m-2]"]
    T = base.settings["Temperature [K]"]
    C = base.settings["Lithium metal double-layer capacity [F.m-2]"]
    R = R_GAS * T / (F * j0)
    f_apex = 1 / (2 * np.pi * R * C)
    f = [f_apex / 10, f_apex, f_apex * 10]
    slow = impedance_spectrum(default_cell, 0.5, f)
    fast_li = default_cell.with_design(anode={"exchange_current_density_mA_cm2": 1e6})
    fast = impedance_spectrum(fast_li, 0.5, f)
    arc = (complex_z(slow) - complex_z(fast)) * 1e-4  # Ohm m2
    # what is left of the fast interface's own arc: R_ct x 1e-6
    expected = R / (1 + 2j * np.pi * np.array(f) * R * C)
    np.testing.assert_allclose(arc, expected, rtol=1e-5)
    assert -arc[1].imag == pytest.approx(R / 2, rel=1e-5)  # the apex: half the diameter


def test_blocking_composite_is_the_transmission_line(default_cell):
    """With blocking CAM contacts (no charge transfer) the composite is a capacitive
    transmission line: a 45-degree branch, then a capacitive line whose real part is
    the transport across the layer, (R_ion + R_el)/3."""
    blocking = default_cell.with_design(
        cathode={"exchange_current_density_A_m2": 1e-9},
        anode={"exchange_current_density_mA_cm2": 1e6},  # no Li arc in the way
    )
    f = np.array([1e3, 1e-1])
    result = impedance_spectrum(blocking, 0.5, f, mesh=FINE)
    s = result.settings
    T = s["Temperature [K]"]
    R_series = (
        s["Separator thickness [m]"] / s["Separator effective ionic conductivity [S.m-1]"]
        + s["Lithium metal interphase resistance [Ohm.m2]"]
        + R_GAS * T / (F * s["Lithium metal interface exchange current density [A.m-2]"])
    )
    L = s["Positive electrode thickness [m]"]
    r1 = 1 / s["Positive electrode effective ionic conductivity [S.m-1]"]
    r2 = 1 / s["Positive electrode effective electronic conductivity [S.m-1]"]
    line = complex_z(result) * 1e-4 - R_series  # the composite alone [Ohm m2]
    # at 0.1 Hz the line is capacitive: its real part is the transport across the layer
    # (finite volumes on 100 points: 1e-4 measured; the next term of the expansion,
    # (L^2 (r1 + r2) w a C)^2, is 6e-5; the leak through the 1e-9 A/m2 charge transfer
    # adds 2e-4; at lower frequencies that leak grows as 1/w^2)
    assert line[-1].real == pytest.approx((r1 + r2) * L / 3, rel=1e-3)
    assert -line[-1].imag > 100 * line[-1].real  # a near-vertical capacitive line
    # at 1 kHz the penetration depth is well inside the layer (checked): the line is
    # semi-infinite, the rails' parallel part plus a branch at -45 degrees
    a_theta = s["Positive electrode contact area to volume ratio [m-1]"]
    C_dl = s["Positive electrode double-layer capacity [F.m-2]"]
    zeta = 1 / (2j * np.pi * f[0] * a_theta * C_dl)
    assert abs(np.sqrt(zeta / (r1 + r2))) < L / 5
    branch = line[0] - L * r1 * r2 / (r1 + r2)
    # coth(L/lambda) differs from 1 by 1e-5 here; measured -44.94 degrees on 100 points
    # (-44.1 on the default 25: finite volumes with 3 points per penetration depth)
    assert np.degrees(np.angle(branch)) == pytest.approx(-45.0, abs=0.3)


# --- the composite between blocking electrodes --------------------------------------


def test_blocking_cells_reach_their_dc_limits(default_cell):
    """Far below every arc (the CAM's chemical capacitance blocks too) the ion-blocking
    cell passes electrons only, R_el; the electron-blocking cell ions only, R_ion, in
    series with its SE layers and counter-electrode interfaces."""
    from asslb_sim.impedance import blocking_spectrum

    f = [1e-9]
    ion = blocking_spectrum(default_cell, "ion-blocking", 0.5, f)
    s = ion.settings
    L = s["Positive electrode thickness [m]"]
    R_el = L / s["Positive electrode effective electronic conductivity [S.m-1]"] * 1e4
    R_ion = L / s["Positive electrode effective ionic conductivity [S.m-1]"] * 1e4
    # at 1 nHz the chemical capacitance (about 40 F/cm2) leaks R_ion R_el/(R_ion+R_el)
    # x (R / (1/(w C)))-order corrections below 1e-6
    assert complex_z(ion)[0].real == pytest.approx(R_el, rel=1e-5)
    electron = blocking_spectrum(default_cell, "electron-blocking", 0.5, f)
    series = electron.settings["Series resistance [Ohm.cm2]"]
    assert series > 0
    assert complex_z(electron)[0].real == pytest.approx(series + R_ion, rel=1e-5)


@pytest.mark.parametrize("configuration", ["ion-blocking", "electron-blocking"])
def test_blocking_spectra_give_back_the_composites_conductivities(default_cell, configuration):
    """The extraction that labs' spectra go through (eis-conductivity) reads the design's
    own sigma_ion,eff and sigma_el,eff back from its simulated blocking spectrum."""
    from asslb_sim.impedance import FitOptions, blocking_spectrum, extract_conductivities

    # fast counter electrodes: their arcs would overlap the composite's (a finding: an
    # electron-blocking cell needs contacts much faster than the composite's interface)
    cell = default_cell.with_design(anode={"exchange_current_density_mA_cm2": 1e4})
    result = blocking_spectrum(cell, configuration, 0.5, np.logspace(6, -1, 50))
    s = result.settings
    table = result.spectrum[["Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]"]]
    options = FitOptions(
        configuration=configuration,
        charge_transfer=True,
        fixed={"Series resistance [Ohm.cm2]": s["Series resistance [Ohm.cm2]"]},
    )
    extracted = extract_conductivities(table, s["Positive electrode thickness [m]"] * 1e6, options)
    found = extracted.conductivities.set_index("Phase")["Effective conductivity [S.m-1]"]
    # the fit's interface (R_ct || C) leaves out the CAM's chemical capacitance in series
    # with R_ct: measured 1e-5 (ion-blocking) and 1.4e-3 (electron-blocking)
    for phase, name in (("ionic", "ionic"), ("electronic", "electronic")):
        expected = s[f"Positive electrode effective {name} conductivity [S.m-1]"]
        assert found[phase] == pytest.approx(expected, rel=5e-3)


def test_eis_command_blocking_configuration(tmp_path, capsys):
    from asslb_sim.cli import main

    argv = ["eis", "--configuration", "ion-blocking", "--frequencies", "1e5", "1", "6"]
    assert main([*argv, "--out", str(tmp_path)]) == 0
    spectrum = pd.read_csv(tmp_path / "eis_ion-blocking_spectrum.csv")
    assert len(spectrum) == 6
    assert "sigma_ion,eff" in capsys.readouterr().out


# --- the time domain and the discharge curves ----------------------------------------


def test_small_sinusoidal_current_gives_the_spectrum(default_cell):
    """A small sinusoidal current in the time domain (the full non-linear model, IDAKLU)
    answers with the voltage the spectrum predicts at that frequency."""
    import pybamm

    from asslb_sim.models import cell_model

    f = 20.0  # Hz, between the Li and the cathode arcs
    (expected,) = complex_z(impedance_spectrum(default_cell, 0.5, [f])) / default_cell.area_cm2
    state = default_cell.anode.at_state_of_charge(default_cell, 0.5)
    values = pybamm.ParameterValues(dict(default_cell.parameter_values))
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    amplitude = 1e-3 * values["Nominal cell capacity [A.h]"]  # 1e-3 C
    w = 2 * np.pi * f
    values.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": state.stoichiometry * c_max,
            "Lithium counter electrode thickness [m]": state.lithium_thickness,
            # a cosine: IDAKLU fails its first step on this model from a sine's i = 0
            "Current function [A]": lambda t: amplitude * pybamm.cos(w * t),
        }
    )
    model = cell_model({**default_cell.model_options, "surface_form": "differential"})
    periods = 12
    t = np.linspace(0, periods / f, periods * 200 + 1)
    solver = pybamm.IDAKLUSolver(rtol=1e-8, atol=1e-10)
    sim = pybamm.Simulation(model, parameter_values=values, solver=solver)
    solution = sim.solve(t_eval=[0, t[-1]], t_interp=t)
    v = solution["Voltage [V]"].entries
    late = t >= (periods - 4) / f  # four periods after the start-up has decayed
    # V = c0 + c1 t - I0 (Z' cos wt - Z'' sin wt): least squares on the late periods
    basis = np.column_stack(
        [np.ones(late.sum()), t[late], np.cos(w * t[late]), np.sin(w * t[late])]
    )
    c = np.linalg.lstsq(basis, v[late], rcond=None)[0]
    measured = (-c[2] + 1j * c[3]) / amplitude  # Ohm
    # measured 8e-7: the non-linearity is of order (eta F / 2RT)^2 ~ 1e-6 at 1e-3 C, and
    # the start-up's slowest part (the diffusion tail) is taken up by the drift term
    assert measured == pytest.approx(expected, rel=1e-5)


def test_double_layers_leave_the_discharge_unchanged(default_cell):
    """With vanishing capacities the surface form's equations are those without it: the
    discharge curve is the same to solver tolerance."""
    from conftest import solve_at

    tiny = default_cell.with_design(
        cathode={"double_layer_capacity_uF_cm2": 1e-6},
        anode={"double_layer_capacity_uF_cm2": 1e-6},
        separator={"relative_permittivity": 1.0},
    ).with_options(surface_form="differential")
    current = default_cell.current(default_cell.basis.nominal_capacity)  # 1C
    plain = solve_at(default_cell, current, 4000)
    surface = solve_at(tiny, current, 4000)
    t = np.linspace(1, min(plain.t[-1], surface.t[-1]), 200)
    dv = np.abs(plain["Voltage [V]"](t) - surface["Voltage [V]"](t))
    # rtol 1e-6 of the solver on about 4 V, and the capacitors' 1e-8 F/m2 charging
    # currents (1e-8 of the current): well under 1e-4 V
    assert dv.max() < 1e-4
    q_plain = plain["Discharge capacity [A.h]"].entries[-1]
    q_surface = surface["Discharge capacity [A.h]"].entries[-1]
    assert q_surface == pytest.approx(q_plain, rel=1e-4)  # the same end at the cut-off
    # without the surface form nothing is held (exactly: no double-layer states)
    assert np.all(plain["Total lithium in double layers [mol]"].entries == 0)


@pytest.mark.parametrize("coating", [None, {"film_resistance_ohm_cm2": 100.0}])
def test_lithium_conserved_with_double_layers(default_cell, coating):
    """The Li+ the double layers hold is counted: Li is conserved while they charge
    (the default capacities, a 2C step from rest); with a capacitive coating the double
    layer spans the charge transfer alone (its voltage is the step less the film's)."""
    from conftest import solve_at

    cell = default_cell.with_design(cathode=coating) if coating else default_cell
    cell = cell.with_options(surface_form="differential")
    current = 2 * default_cell.current(default_cell.basis.nominal_capacity)
    solution = solve_at(cell, current, 600)
    n = solution["Total lithium [mol]"].entries
    held = solution["Total lithium in double layers [mol]"].entries
    assert np.abs(held).max() > 0  # the double layers did charge
    # and hold nothing at the start (relative to the rest state): measured exactly 0;
    # counting from 0 V instead of the start's OCP would give 1e-1 of the maximum
    assert abs(held[0]) < 1e-6 * np.abs(held).max()
    # measured 1e-14 (both); the double layers hold 1e-5 of the Li passed in the first
    # seconds, and counting the coating's drop (0.2 V) in would be off by 1e-6 of n
    assert np.abs(n - n[0]).max() / n[0] < 1e-12


def test_grain_boundaries_add_their_resistance_to_a_discharge(default_cell):
    """Without the surface form the grain boundaries are a resistance in series: the
    separator's drop grows by exactly i R_gb."""
    from conftest import solve_at

    gb_cell = default_cell.with_design(separator={"grain_boundary_resistance_ohm_cm2": 3.0})
    current = default_cell.current(default_cell.basis.nominal_capacity)
    i = current / (default_cell.area_cm2 * 1e-4)  # A/m2
    plain = solve_at(default_cell, current, 10)
    with_gb = solve_at(gb_cell, current, 10)
    drop = "Separator ohmic overpotential [V]"
    extra = with_gb[drop].entries - plain[drop].entries
    np.testing.assert_allclose(extra, i * 3.0e-4, rtol=1e-9)  # the same closed form


def test_surface_form_read_at_run_time_gives_every_element_its_state():
    """An option read from a file is a string equal to the literal but not the same
    object: the film, the separator (with grain boundaries) and the Li anode all take
    their capacitive branch from it, each with its state."""
    from asslb_sim.models import cell_model

    value = "".join(["differ", "ential"])  # built at run time, as a file parser does
    model = cell_model(
        {"film": "resistive", "grain_boundaries": "separator", "surface_form": value}
    )
    states = {variable.name for variable in model.rhs}
    assert states >= {
        "Positive electrode surface potential difference [V]",
        "Positive electrode film overpotential [V]",
        "Separator grain ohmic overpotential [V]",
        "Separator grain-boundary overpotential [V]",
        "Lithium metal interface reaction overpotential [V]",
    }


def test_separator_capacitors_charge_from_rest_to_their_ohmic_drops(default_cell):
    """With the surface form the separator's drops are states: they start uncharged
    (the cell at rest) and charge within microseconds (R C: 1e-9 s for the grains, 3e-6 s
    for the boundaries) to the closed forms, i L_s / kappa_eff across the grains and
    i R_gb across the boundaries."""
    from conftest import solve_at

    cell = default_cell.with_design(separator={"grain_boundary_resistance_ohm_cm2": 3.0})
    cell = cell.with_options(surface_form="differential")
    current = default_cell.current(default_cell.basis.nominal_capacity)  # 1C
    i = current / (default_cell.area_cm2 * 1e-4)  # A/m2
    solution = solve_at(cell, current, 10)
    grains = solution["Separator grain ohmic overpotential [V]"].entries
    boundaries = solution["Separator grain-boundary overpotential [V]"].entries
    assert grains[0] == 0 and boundaries[0] == 0  # initial conditions: exact
    kappa = solution["Separator effective ionic conductivity [S.m-1]"].entries[-1]
    L_s = cell.parameter_values["Separator thickness [m]"]
    late = solution.t > 1e-3  # 300 time constants of the slower element
    # relaxed exponentially: measured 7e-16 (grains) and 2e-10 (boundaries) after 1 ms
    np.testing.assert_allclose(grains[late], i * L_s / kappa, rtol=1e-8)
    np.testing.assert_allclose(boundaries[late], i * 3.0e-4, rtol=1e-8)
    total = solution["Separator ohmic overpotential [V]"].entries
    np.testing.assert_allclose(total, grains + boundaries, rtol=1e-12)  # their sum


def test_double_layer_values_come_from_the_cell_file(default_cell):
    cell = default_cell.with_design(
        cathode={"double_layer_capacity_uF_cm2": 30.0},
        anode={"double_layer_capacity_uF_cm2": 5.0},
        separator={"relative_permittivity": 40.0},
    )
    v = cell.parameter_values
    assert v["Positive electrode double-layer capacity [F.m-2]"] == pytest.approx(0.30)
    assert v["Lithium metal double-layer capacity [F.m-2]"] == pytest.approx(0.05)
    assert v["Separator solid electrolyte relative permittivity"] == 40.0
    # and the library's defaults otherwise (sourced in parameter_sets/defaults.py)
    d = default_cell.parameter_values
    assert d["Positive electrode double-layer capacity [F.m-2]"] == pytest.approx(0.10)
    assert d["Lithium metal double-layer capacity [F.m-2]"] == pytest.approx(0.22)


# --- the command ---------------------------------------------------------------------


def test_eis_command_writes_spectrum_processes_and_plots(tmp_path, capsys):
    from asslb_sim.cli import main

    assert main(["eis", "--frequencies", "1e4", "0.1", "6", "--out", str(tmp_path)]) == 0
    spectrum = pd.read_csv(tmp_path / "eis_spectrum.csv")
    assert list(spectrum.columns[:3]) == ["Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]"]
    np.testing.assert_allclose(spectrum["Frequency [Hz]"], np.logspace(4, -1, 6))
    processes = pd.read_csv(tmp_path / "eis_processes.csv")
    assert "Cathode charge transfer" in set(processes["Process"])
    for name in ("eis_nyquist.png", "eis_bode.png"):
        assert (tmp_path / name).stat().st_size > 0
    assert "Li|SE charge transfer" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--soc", "0"], "--soc"),
        (["--soc", "1.5"], "--soc"),
        (["--frequencies", "1", "1e3", "5"], "lowest"),
        (["--frequencies", "1e3", "1", "1"], "count"),
        (["--frequencies", "1e3", "0", "5"], "lowest"),
        (["--frequencies", "1e3", "x", "5"], "three numbers"),
        (["--frequencies", "1e3", "1", "nan"], "count nan is not a finite number"),
        (["--frequencies", "1e3", "1", "inf"], "count inf is not a finite number"),
        (["--frequencies", "inf", "1", "5"], "highest inf is not a finite number"),
        (["--frequencies", "1e3", "inf", "5"], "lowest inf is not a finite number"),
        (["--cell", "no-such-cell"], "no-such-cell"),
    ],
)
def test_eis_bad_inputs_are_one_line_errors_before_any_solve(
    argv, words, tmp_path, capsys, monkeypatch
):
    from asslb_sim.cli import main
    from asslb_sim.simulation import Runner

    def no_solve(*args, **kwargs):
        raise AssertionError("solved before the input was checked")

    monkeypatch.setattr(Runner, "impedance", no_solve)
    assert main(["eis", *argv, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


def test_nyquist_plot_draws_each_spectrum_and_its_fit_in_one_colour():
    from asslb_sim.plotting import plot_nyquist

    f = np.array([1e3, 1e2, 1e1, 1.0])
    data = pd.DataFrame(
        {"Frequency [Hz]": f, "Z' [Ohm.cm2]": [1.0, 2, 3, 4], "-Z'' [Ohm.cm2]": 0.5}
    )
    model = pd.DataFrame({"Z' [Ohm.cm2]": [1.5, 2.5], "-Z'' [Ohm.cm2]": [0.1, 0.2]})
    other = data.assign(**{"Z' [Ohm.cm2]": data["Z' [Ohm.cm2]"] + 10})
    fig = plot_nyquist(
        {"a": data, "b": other}, fits={"a": model}, points=True, hollow=("b",), decades=False
    )
    (ax,) = fig.axes
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert set(lines) == {"a", "b", "a fit"}  # no decade marks asked for
    np.testing.assert_array_equal(lines["a fit"].get_xdata(), [1.5, 2.5])
    assert lines["a fit"].get_color() == lines["a"].get_color() != lines["b"].get_color()
    assert lines["a"].get_linestyle() == "None" and lines["a fit"].get_linestyle() == "-"
    assert lines["b"].get_markerfacecolor() == "none"
    # with decades, each of the four decades is marked and labelled at its point
    fig = plot_nyquist({"a": data})
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["1e0 Hz", "1e1 Hz", "1e2 Hz", "1e3 Hz"]


def test_frequencies_from_spec():
    f = frequencies_from((1e6, 1e-2, 9))
    np.testing.assert_allclose(f, np.logspace(6, -2, 9))
    # the ends of the valid ranges are valid: 2 and 10,000 points, up to 1 GHz
    assert frequencies_from((1e9, 1.0, 2)).tolist() == [1e9, 1.0]
    assert frequencies_from((10.0, 1.0, 10_000)).size == 10_000


@pytest.mark.parametrize(
    "spec, words",
    [
        ((1.0, 1.0, 5), "0 < lowest < highest"),  # one frequency is no range
        ((2e9, 1.0, 5), "0 < lowest < highest"),
        ((1e9 + 1, 1.0, 5), "0 < lowest < highest"),  # 1 GHz is the highest
        ((10.0, -1.0, 5), "0 < lowest < highest"),
        ((10.0, 0.0, 5), "0 < lowest < highest"),
        ((10.0, 1.0, 1), "count 1 is out of range"),
        ((10.0, 1.0, 10_001), "count 10001 is out of range"),
        ((10.0, 1.0, 2.5), "count 2.5 is out of range"),
    ],
)
def test_frequency_specs_out_of_range_are_clear_errors(spec, words):
    from asslb_sim.errors import CellDefinitionError

    with pytest.raises(CellDefinitionError, match=words):
        frequencies_from(spec)


def test_spectrum_per_area_does_not_depend_on_the_cell_area(fast_cell):
    """The spectrum is stated per electrode area [Ohm.cm2]: a cell three times as large
    has the same one (its impedance in Ohm a third)."""
    big = fast_cell.with_design(parameters={"Electrode width [m]": 0.03})
    assert big.area_cm2 == pytest.approx(3 * fast_cell.area_cm2)  # the case is what it says
    f = np.logspace(3, -1, 5)
    small = impedance_spectrum(fast_cell, 0.5, f)
    large = impedance_spectrum(big, frequencies=f)  # at the default state of charge
    assert large.settings["State of charge"] == 0.5  # the default is half charge
    small_z, big_z = complex_z(small), complex_z(large)
    # the same linear system scaled by the area: equal to the solver's rounding
    np.testing.assert_allclose(big_z, small_z, rtol=1e-9)


def cam_chemical_capacity(cell, soc):
    """dQ/dU of the CAM at rest at ``soc`` by hand [F.cm-2]: F c_max eps_am L / |dU/dx|,
    the Li the connected CAM takes up per volt (x its stoichiometry, U its OCP)."""
    from asslb_sim.design.basis import ocp_as_float

    v = cell.parameter_values
    x = cell.anode.at_state_of_charge(cell, soc).stoichiometry
    ocp = ocp_as_float(v)
    h = 1e-3  # a wider stencil than the library's: the OCP is smooth on this scale
    slope = abs(ocp(x + h) - ocp(x - h)) / (2 * h)
    eps_am = v["Positive electrode active material volume fraction"] * (
        1 - v["Positive electrode isolated active material fraction"]
    )
    c_max = v["Maximum concentration in positive electrode [mol.m-3]"]
    return F * c_max * eps_am * v["Positive electrode thickness [m]"] / slope * 1e-4


def low_frequency_capacity(result, f):
    """-1 / (w Im Z) of the model's spectrum and of its circuit [F.cm-2]."""
    w = 2 * np.pi * f
    model = -1 / (w * complex_z(result).imag)
    circuit = -1 / (w * (equivalent_circuit_impedance(result.settings, f) * 1e4).imag)
    return model, circuit


# far below the arcs: the capacitances are tens of F/cm2 and the cell's resistance tens
# of Ohm.cm2, so the time constants are some 1000 s, and at 0.1-1 uHz the distributed
# resistances change the reactance by below 1e-4
BELOW_THE_ARCS = np.array([1e-6, 1e-7])


def test_spectrum_below_the_arcs_is_the_cams_chemical_capacitance(fast_cell):
    """With solid diffusion far faster than the frequencies, the composite at rest is a
    capacitor below its arcs, the CAM's dQ/dU (:func:`cam_chemical_capacity`): the
    model's spectrum and the circuit (its chemical capacitance per contact area times the
    contact area) both give it."""
    result = impedance_spectrum(fast_cell, 0.5, BELOW_THE_ARCS)
    expected = cam_chemical_capacity(fast_cell, 0.5)
    # the two stencils' slopes of the smooth OCP differ by 3e-5 (measured: model and
    # circuit both 2.7e-5 and 3.0e-5 from the hand value)
    for capacity in low_frequency_capacity(result, BELOW_THE_ARCS):
        np.testing.assert_allclose(capacity, expected, rtol=1e-3)


def test_a_sloping_anode_is_a_chemical_capacitance_in_series(fast_cell):
    """Where the Ag-C interlayer holds the Li (no Li plated), its potential falls
    linearly from U_0 to 0 V over its capacity Q: it stores F c_Li Q / U_0 per volt and
    area, in series with the CAM's dQ/dU below the arcs."""
    cell = fast_cell.with_design(anode={"material": "anode-free", "interlayer": "Ag-C"})
    result = impedance_spectrum(cell, 0.1, BELOW_THE_ARCS)
    v = cell.parameter_values
    c_li = v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]
    anode = (
        F * c_li * v["Interlayer lithium capacity [m]"] / v["Interlayer lithiation potential [V]"]
    )
    anode *= 1e-4  # F.cm-2
    cathode = cam_chemical_capacity(cell, 0.1)
    # both matter (the case is what it says): the interlayer's 2 F/cm2 sets the series,
    # the CAM's 34 F/cm2 still changes it by 6 %
    assert 0.01 < anode / cathode < 0.5
    # as for the CAM alone; the interlayer's law is linear, so its slope is exact
    # (measured: model and circuit 3e-6 and 1.4e-5 from the hand value)
    for capacity in low_frequency_capacity(result, BELOW_THE_ARCS):
        np.testing.assert_allclose(capacity, 1 / (1 / anode + 1 / cathode), rtol=1e-3)


@pytest.mark.parametrize(
    "design, words",
    [
        ({"separator": {"grain_boundary_resistance_ohm_cm2": -1.0}}, "grain_boundary_resistance"),
        ({"separator": {"grain_boundary_permittivity": 0.5}}, "grain_boundary_permittivity"),
        ({"cathode": {"double_layer_capacity_uF_cm2": 0.0}}, "double_layer_capacity"),
        ({"anode": {"double_layer_capacity_uF_cm2": -2.0}}, "double_layer_capacity"),
        ({"cathode": {"film_capacity_uF_cm2": 0.0}}, "film_capacity"),
        ({"separator": {"relative_permittivity": 0.5}}, "relative_permittivity"),
        (
            {
                "separator": {"grain_boundary_resistance_ohm_cm2": 1.0},
                "model": {"grain_boundaries": "none"},
            },
            "grain_boundaries",
        ),
        ({"model": {"surface_form": "algebraic"}}, "surface_form"),
        # the option without a resistance: a clear error, not a division by zero
        ({"model": {"grain_boundaries": "separator"}}, "grain_boundary_resistance_ohm_cm2"),
    ],
)
def test_bad_impedance_keys_are_clear_errors(default_cell, design, words):
    from asslb_sim.errors import CellDefinitionError

    with pytest.raises(CellDefinitionError, match=words):
        default_cell.with_design(**design)


@pytest.mark.parametrize("model_name", ["LithiumMetalCell", "AnodeFreeCell"])
def test_stock_eis_simulation_runs_on_the_named_models(model_name):
    """``pybamm.EISSimulation`` accepts the named models with the surface-form option
    (and refuses them without it, as it refuses any model without double layers)."""
    import pybamm

    from asslb_sim import models

    model_class = getattr(models, model_name)
    f = np.logspace(3, -1, 5)
    z = pybamm.EISSimulation(model_class({"surface_form": "differential"})).solve(f).impedance
    assert np.all(np.isfinite(z)) and np.all(np.real(z) > 0)
    assert np.all(np.imag(z) < 0)  # capacitive arcs at every frequency here
    with pytest.raises(ValueError, match="surface form"):
        pybamm.EISSimulation(model_class())


def test_electron_blocking_cell_counts_its_se_layers_grain_boundaries(default_cell):
    """The electron-blocking cell's two SE layers carry the separator's grain boundaries:
    3 Ohm.cm2 of them add 6 Ohm.cm2 (two layers) to its series resistance and to its
    low-frequency real part, so an extraction holding that series fixed does not take
    them for the composite's ionic rail."""
    from asslb_sim.impedance import blocking_spectrum

    plain = blocking_spectrum(default_cell, "electron-blocking", 0.5, [1e-9])
    gb_cell = default_cell.with_design(separator={"grain_boundary_resistance_ohm_cm2": 3.0})
    with_gb = blocking_spectrum(gb_cell, "electron-blocking", 0.5, [1e-9])
    series = "Series resistance [Ohm.cm2]"
    assert with_gb.settings[series] - plain.settings[series] == pytest.approx(6.0, rel=1e-12)
    # at 1 nHz every capacitor is open: the same 6 Ohm.cm2 in the real part (1e-9: the
    # rest of the two spectra is identical)
    assert complex_z(with_gb)[0].real - complex_z(plain)[0].real == pytest.approx(6.0, rel=1e-9)


def test_a_singular_linearisation_is_a_clear_error(default_cell, monkeypatch):
    """Where the linearised model has no finite impedance (a state where an interface or
    a network conducts nothing), the spectrum is a one-line error naming how many
    frequencies failed and the first of them, not a table of NaN."""
    from asslb_sim.errors import CellDefinitionError
    from asslb_sim.simulation import Runner

    def singular(self, cell, state, frequencies):
        z = np.ones(len(frequencies), dtype=complex)
        z[1:] = [np.nan, np.inf]  # at 1 Hz and 0.1 Hz
        return z

    monkeypatch.setattr(Runner, "impedance", singular)
    with pytest.raises(CellDefinitionError, match=r"at 2 of 3 frequencies, e\.g\. 1 Hz\)"):
        impedance_spectrum(default_cell, 0.5, [10.0, 1.0, 0.1])
