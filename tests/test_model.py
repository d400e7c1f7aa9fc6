"""The named model: structure, PyBaMM integration, submodel laws."""

import numpy as np
import pybamm
import pytest

from asslb_sim.models import CellModelOptions, LithiumMetalCell
from asslb_sim.models.submodels import transport_efficiency
from asslb_sim.simulation import Runner
from conftest import SMALL_MESH, cam_conductivity, explicit_cell, solve_at, solve_from

LIQUID_PARAMETERS = {
    "Electrolyte conductivity [S.m-1]",
    "Electrolyte diffusivity [m2.s-1]",
    "Cation transference number",
    "Thermodynamic factor",
    "Initial concentration in electrolyte [mol.m-3]",
    "Positive electrode porosity",
    "Separator porosity",
}


def _parameter_names(model):
    names = set()
    for symbol in [*model.rhs.values(), *model.algebraic.values(), *model.variables.values()]:
        for node in symbol.pre_order():
            if isinstance(node, pybamm.Parameter | pybamm.FunctionParameter):
                names.add(node.name)
    return names


def test_no_electrolyte_concentration_and_no_liquid_parameter():
    model = LithiumMetalCell()
    assert not any("electrolyte concentration" in name.lower() for name in model.variables)
    assert not LIQUID_PARAMETERS & _parameter_names(model)
    # the submodels are listed explicitly and include the SE conduction laws
    assert "separator ionic conduction" in model.submodels
    assert "positive electrode ionic conduction" in model.submodels


def test_fewer_states_than_stock_half_cell(default_cell):
    sim = Runner().simulation(default_cell)
    stock = pybamm.Simulation(
        pybamm.lithium_ion.DFN({"working electrode": "positive"}),
        var_pts=sim.model.default_var_pts,
        submesh_types=sim.model.default_submesh_types,
    )
    stock.build()
    assert sim.built_model.len_rhs_and_alg < stock.built_model.len_rhs_and_alg


def test_experiment_and_quickplot(default_cell, tmp_path):
    basis, values = default_cell.basis, pybamm.ParameterValues(dict(default_cell.parameter_values))
    values = values.copy()
    values["Current function [A]"] = basis.nominal_capacity * 1e-3
    experiment = pybamm.Experiment(
        # C/5: after a 1C discharge the lithiated particle surface (slow diffusion, small
        # exchange current near x = 1) puts a C/2 charge above 4.2 V at once
        ["Discharge at 1C until 3.4 V", "Rest for 10 minutes", "Charge at C/5 until 4.2 V"]
    )
    sim = pybamm.Simulation(
        LithiumMetalCell(),
        parameter_values=values,
        experiment=experiment,
        solver=pybamm.IDAKLUSolver(),
    )
    sol = sim.solve()
    V = sol["Voltage [V]"].entries
    assert V.min() == pytest.approx(3.4, abs=1e-3)
    assert V[-1] == pytest.approx(4.2, abs=1e-3)
    plot = pybamm.QuickPlot(sol)
    plot.plot(0)
    plot.fig.savefig(tmp_path / "quickplot.png")
    assert (tmp_path / "quickplot.png").stat().st_size > 0


def _efficiency(law, eps, extra):
    submodel = law(None, "positive", "solid electrolyte")
    variables = submodel.get_coupled_variables({})
    symbol = variables["Positive electrode solid electrolyte transport efficiency"]
    values = pybamm.ParameterValues(
        {"Positive electrode solid electrolyte volume fraction": eps, **extra}
    )
    return values.process_symbol(symbol).evaluate()


def test_transport_efficiency_laws():
    laws = transport_efficiency
    b = {"Positive electrode solid electrolyte Bruggeman exponent": 3.0}
    assert _efficiency(laws.Bruggeman, 0.4, b) == pytest.approx(0.4**3)
    tau = {"Positive electrode solid electrolyte tortuosity factor": 4.33}
    assert _efficiency(laws.TortuosityFactor, 0.4, tau) == pytest.approx(0.4 / 4.33)
    perc = {
        "Positive electrode solid electrolyte percolation threshold": 0.3,
        "Positive electrode solid electrolyte percolation exponent": 2.0,
        "Positive electrode solid electrolyte percolation floor": 1e-6,
    }
    below = [_efficiency(laws.Percolation, e, perc) for e in (0.05, 0.2, 0.3)]
    assert below == pytest.approx([1e-6] * 3)
    above = [_efficiency(laws.Percolation, e, perc) for e in (0.35, 0.5, 0.8, 1.0)]
    assert np.all(np.diff(above) > 0)
    assert above[1] == pytest.approx(((0.5 - 0.3) / 0.7) ** 2)
    assert above[-1] == pytest.approx(1.0)


def test_transport_law_choice_changes_the_result(default_cell):
    from asslb_sim.simulate import rate_capability

    # an ionically limited cell: thick, at 1C, with fast-diffusing particles
    cell = default_cell.with_design(cathode={"thickness_um": 200, "diffusivity_m2_s": 1e-13})
    brug = rate_capability(
        cell.with_options(solid_electrolyte_transport="Bruggeman"), [1.0]
    ).summary.iloc[0]
    tort = rate_capability(
        cell.with_options(solid_electrolyte_transport="tortuosity factor"), [1.0]
    ).summary.iloc[0]
    # eps/tau = 0.424/4.33 = 0.098 > 0.424^3 = 0.076: more conductive, more capacity
    assert tort["Discharge capacity [mA.h.cm-2]"] > brug["Discharge capacity [mA.h.cm-2]"]


def test_film_model_reduces_to_plain_butler_volmer(default_cell):
    from asslb_sim.simulate import rate_capability

    plain = rate_capability(default_cell, [1.0])
    film0 = rate_capability(default_cell.with_options(film="resistive"), [1.0])
    q = np.linspace(0, 0.99 * plain.summary["Discharge capacity [mA.h.cm-2]"].iloc[0], 200)
    from asslb_sim.simulate import voltage_at

    # 0.1 mV: same equations, one solved implicitly, at solver tolerance 1e-6
    np.testing.assert_allclose(voltage_at(film0, 1.0, q), voltage_at(plain, 1.0, q), atol=1e-4)


def test_film_overpotential_is_j_times_r(default_cell):
    r_film = 5e-3  # 50 Ohm cm2 per contact area
    cell = default_cell.with_options(film="resistive").with_parameters(
        **{"Positive electrode film resistance [Ohm.m2]": r_film}
    )
    sol = solve_at(cell, cell.basis.nominal_capacity * 1e-3, 600)
    j_c = sol["Positive electrode contact current density [A.m-2]"].entries
    eta_f = sol["Positive electrode film overpotential [V]"].entries
    np.testing.assert_allclose(eta_f, j_c * r_film, rtol=1e-10)
    residual = sol["Positive electrode film residual [V]"].entries
    # 1e-4 V: the algebraic states are kept out of IDAKLU's local error test
    # (asslb_sim.simulate.make_solver), so the film equation is met to the Newton
    # convergence tolerance only: measured 1e-5 V at worst, 1e-9 V typically
    assert np.max(np.abs(residual)) < 1e-4
    plain = rate_capability_voltage(default_cell)
    assert sol["Voltage [V]"].entries[-1] < plain


def rate_capability_voltage(cell):
    sol = solve_at(cell, cell.basis.nominal_capacity * 1e-3, 600)
    return sol["Voltage [V]"].entries[-1]


def test_options_validated():
    with pytest.raises(ValueError, match="valid"):
        CellModelOptions(carbon_transport="Archie")


SLOTS = {  # option -> the (layer, phase) pairs whose transport law it chooses
    "separator_transport": [("Separator", "solid electrolyte")],
    "solid_electrolyte_transport": [("Positive electrode", "solid electrolyte")],
    "active_material_transport": [("Positive electrode", "active material")],
    "carbon_transport": [("Positive electrode", "carbon")],
    "binder_transport": [("Separator", "binder"), ("Positive electrode", "binder")],
}
# the explicit cell (conftest.EXPLICIT_DESIGN) with an ion-conducting binder in the cathode
# too: (bulk conductivity [S/m], volume fraction, Bruggeman exponent) of each phase; the
# separator's volume fractions are read from the composed cell; the CAM's bulk
# conductivity (None) is sigma_AM(x) = 10 * 10^(2.5 (1 - x)) at the charged state's x
# (conftest.cam_conductivity)
PHASES = {
    ("Separator", "solid electrolyte"): (0.1, None, 2.0),
    ("Separator", "binder"): (0.05, None, 1.2),
    ("Positive electrode", "solid electrolyte"): (0.1, 0.30, 2.0),
    ("Positive electrode", "binder"): (0.1, 0.05, 1.2),
    ("Positive electrode", "active material"): (None, 0.50, 1.5),
    ("Positive electrode", "carbon"): (1000.0, 0.05, 2.0),
}
# per phase: a tortuosity factor unlike the Bruggeman-equivalent eps^(1-b), and a
# percolation threshold below its volume fraction, exponent and floor
TORTUOSITY = {
    ("Separator", "solid electrolyte"): 2.5,
    ("Separator", "binder"): 3.5,
    ("Positive electrode", "solid electrolyte"): 5.0,
    ("Positive electrode", "binder"): 6.0,
    ("Positive electrode", "active material"): 1.9,
    ("Positive electrode", "carbon"): 7.0,
}
PERCOLATION = {
    ("Separator", "solid electrolyte"): (0.3, 1.8, 1e-4),
    ("Separator", "binder"): (0.1, 2.2, 1e-4),
    ("Positive electrode", "solid electrolyte"): (0.15, 1.6, 1e-4),
    ("Positive electrode", "binder"): (0.01, 2.5, 1e-4),
    ("Positive electrode", "active material"): (0.35, 2.0, 1e-4),
    ("Positive electrode", "carbon"): (0.02, 1.5, 1e-4),
}


def _law_parameters(law, pairs):
    """Parameters (and design keys) giving the slot's phases their law's coefficients."""
    parameters, cathode = {}, {}
    for pair in pairs:
        prefix = " ".join(pair)
        if law == "tortuosity factor" and pair == ("Positive electrode", "solid electrolyte"):
            cathode["se_tortuosity_factor"] = TORTUOSITY[pair]  # the one with a design key
        elif law == "tortuosity factor":
            parameters[f"{prefix} tortuosity factor"] = TORTUOSITY[pair]
        elif law == "percolation":
            threshold, exponent, floor = PERCOLATION[pair]
            parameters[f"{prefix} percolation threshold"] = threshold
            parameters[f"{prefix} percolation exponent"] = exponent
            parameters[f"{prefix} percolation floor"] = floor
    return parameters, cathode


def _expected_efficiency(law, pair, eps):
    if law == "tortuosity factor":
        return eps / TORTUOSITY[pair]
    if law == "percolation":
        threshold, exponent, floor = PERCOLATION[pair]
        return max(((eps - threshold) / (1 - threshold)) ** exponent, floor)
    return eps ** PHASES[pair][2]


@pytest.mark.parametrize("slot", list(SLOTS))
@pytest.mark.parametrize("law", ["Bruggeman", "tortuosity factor", "percolation"])
def test_every_law_in_every_slot_gives_its_analytic_conductivity(slot, law):
    """Each option puts its law on its own phases, and the effective conductivities are
    the analytic sums of bulk conductivity times transport efficiency.

    The cell is one where every slot matters: a porous separator and a cathode that
    both hold an ion-conducting binder, and distinct coefficients for every law (on the
    default cell the separator is dense, T = 1 under every law, and the binder blocks).
    Catches: any law replaced by T = 1 or by another law; an option wired to another
    phase or layer; the binder path dropped in either layer; the carbon term changed.
    """
    parameters, cathode = _law_parameters(law, SLOTS[slot])
    cell = explicit_cell(
        parameters={
            "Positive electrode binder conductivity at reference temperature [S.m-1]": 0.1,
            **parameters,
        },
        options={slot: law},
        cathode={"binder": "ion-conducting binder", **cathode},
    )
    v = cell.parameter_values
    laws = {pair: (law if pair in SLOTS[slot] else "Bruggeman") for pair in PHASES}
    state = cell.anode.charged(cell)

    def path(pair):
        bulk, eps, _ = PHASES[pair]
        bulk = bulk if bulk is not None else cam_conductivity(state.stoichiometry)
        eps = eps if eps is not None else v[f"{pair[0]} {pair[1]} volume fraction"]
        return bulk * _expected_efficiency(laws[pair], pair, eps)

    sol = solve_from(cell, state, 0.1, 1e-3)
    _assert_conductivities(sol, path)


def _assert_conductivities(sol, path):
    """The model's effective conductivities at t = 0 against the sums of ``path(pair)``."""
    expected = {
        "Separator effective ionic conductivity [S.m-1]": (
            path(("Separator", "solid electrolyte")) + path(("Separator", "binder"))
        ),
        "Positive electrode effective ionic conductivity [S.m-1]": (
            path(("Positive electrode", "solid electrolyte"))
            + path(("Positive electrode", "binder"))
        ),
        "Positive electrode effective electronic conductivity [S.m-1]": (
            path(("Positive electrode", "active material")) + path(("Positive electrode", "carbon"))
        ),
    }
    for name, value in expected.items():
        got = sol[name].entries[..., 0]
        # 1e-12: the same closed forms evaluated twice
        np.testing.assert_allclose(got, np.full(np.shape(got), value), rtol=1e-12, err_msg=name)
    assert (
        sol["Positive electrode effective ionic conductivity [S.m-1]"].entries.shape[0]
        == (SMALL_MESH["x_p"])
    )


# the "measured" law: the design key (a value or a table against the CAM volume fraction,
# in mS/cm) that selects it, the model options it takes, and the effective conductivity
# [S/m] of the phase it replaces, by hand: the SE's is the value itself; the electronic
# one is the value at the lithiated reference state, which the CAM's sigma(x) scales as
# sigma_AM(x) / sigma_AM(1) (the carbon's share is in it: T_C = 0)
MEASURED = {
    "SE value": (
        {"se_effective_conductivity_mS_cm": 0.35},
        ("solid_electrolyte_transport",),
        0.035,
    ),
    # log-linear at the cell's 50 vol% CAM: 10^((log10 1 + log10 0.01) / 2) = 0.1 mS/cm
    # (a linear interpolation would give 0.505)
    "SE table": (
        {
            "se_effective_conductivity_table": {
                "cam_volume_fraction": [0.4, 0.6],
                "mS_cm": [1.0, 0.01],
            }
        },
        ("solid_electrolyte_transport",),
        0.01,
    ),
    "electronic value": (
        {"electronic_conductivity_mS_cm": 2.0},
        ("active_material_transport", "carbon_transport"),
        0.2,
    ),
    # log-linear at 0.5 between 0.3 and 0.7: the geometric mean of 4 and 64 mS/cm, 16
    "electronic table": (
        {
            "electronic_conductivity_table": {
                "cam_volume_fraction": [0.3, 0.7],
                "mS_cm": [4.0, 64.0],
            }
        },
        ("active_material_transport", "carbon_transport"),
        1.6,
    ),
}


@pytest.mark.parametrize("case", list(MEASURED))
def test_measured_law_gives_the_measured_conductivity(case):
    """A measured effective conductivity (a value, or a table interpolated log-linearly
    at the cell's CAM fraction) replaces its phase's law; the other phases keep theirs.

    Catches: the measured transport efficiency not divided by the bulk conductivity (or
    by another phase's); the table interpolated linearly or at another fraction; the
    carbon counted on top of a measured electronic conductivity; the CAM's sigma(x) not
    applied to it.
    """
    keys, slots, measured = MEASURED[case]
    cell = explicit_cell(
        parameters={"Positive electrode binder conductivity at reference temperature [S.m-1]": 0.1},
        options=dict.fromkeys(slots, "measured"),
        cathode={"binder": "ion-conducting binder", **keys},
    )
    assert all(cell.model_options[slot] == "measured" for slot in slots)
    v = cell.parameter_values
    state = cell.anode.charged(cell)
    ionic = slots == ("solid_electrolyte_transport",)

    def path(pair):
        bulk, eps, _ = PHASES[pair]
        eps = eps if eps is not None else v[f"{pair[0]} {pair[1]} volume fraction"]
        if pair == ("Positive electrode", "solid electrolyte") and ionic:
            return measured
        if pair == ("Positive electrode", "active material") and not ionic:
            return measured * cam_conductivity(state.stoichiometry) / cam_conductivity(1.0)
        if pair == ("Positive electrode", "carbon") and not ionic:
            return 0.0
        if bulk is None:
            bulk = cam_conductivity(state.stoichiometry)
        return bulk * _expected_efficiency("Bruggeman", pair, eps)

    _assert_conductivities(solve_from(cell, state, 0.1, 1e-3), path)
