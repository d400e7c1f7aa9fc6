"""Stock PyBaMM reference for the degenerate configuration of the Li-metal cell.

With Bruggeman closures, no film, full CAM|SE contact, no isolated CAM, no Li
interphase resistance, a carbon- binder- and void-free cathode and one SE in both
layers, the Li-metal cell is the same physics as PyBaMM's DFN half-cell
(``{"working electrode": "positive"}``) with cation transference number 1.
This module builds that stock model and translates our parameters into its
liquid-electrolyte vocabulary, for the agreement test and the benchmark.
"""

import pybamm

from .design.schema import EV

# The stock model keeps an electrolyte concentration equation; with t+ = 1 its
# source term (1 - t+) a j vanishes and c_e stays at its initial value, so the
# diffusivity and the concentration below change nothing in the voltage.
_STOCK_ELECTROLYTE = {
    "Cation transference number": 1.0,
    "Thermodynamic factor": 1.0,
    "Initial concentration in electrolyte [mol.m-3]": 1000.0,
    "Electrolyte diffusivity [m2.s-1]": 1e-10,
}


def degenerate_changes(values):
    """Parameter changes that put a cell in the degenerate configuration.

    Carbon, binder and voids are removed (their volume goes to the CAM), contact
    is full, no CAM is isolated, no binder conducts, and there is no film or Li
    interphase resistance. The cathode SE conductivity is used in the separator too.
    """
    eps_se = values["Positive electrode solid electrolyte volume fraction"]
    pre = "Positive electrode solid electrolyte conductivity"
    return {
        "Positive electrode active material volume fraction": 1 - eps_se,
        "Positive electrode carbon volume fraction": 0.0,
        "Positive electrode binder volume fraction": 0.0,
        "Positive electrode void volume fraction": 0.0,
        "Positive electrode carbon conductivity [S.m-1]": 0.0,
        "Positive electrode active material contact coverage": 1.0,
        "Positive electrode isolated active material fraction": 0.0,
        "Positive electrode film resistance [Ohm.m2]": 0.0,
        "Lithium metal interphase resistance [Ohm.m2]": 0.0,
        "Positive electrode binder conductivity at reference temperature [S.m-1]": 0.0,
        "Separator binder conductivity at reference temperature [S.m-1]": 0.0,
        "Separator solid electrolyte conductivity at reference temperature [S.m-1]": values[
            f"{pre} at reference temperature [S.m-1]"
        ],
        "Separator solid electrolyte conductivity activation energy [J.mol-1]": values[
            f"{pre} activation energy [J.mol-1]"
        ],
    }


def degenerate_cell(cell):
    """The :class:`~asslb_sim.design.Cell` in the degenerate configuration, Bruggeman laws.

    Composed through the design (carbon, binder, voids and coating removed, the
    cathode's SE in the separator too), so that everything derived follows.
    """
    v = cell.parameter_values
    eps_se = v["Positive electrode solid electrolyte volume fraction"]
    pre = "Positive electrode solid electrolyte conductivity"
    design = cell.design
    degenerate = cell.with_design(
        cathode={
            "carbon": "none",
            "binder": "none",
            "coating": "none",
            "active_material_volume_fraction": 1 - eps_se,
            "solid_electrolyte_volume_fraction": eps_se,
            "carbon_volume_fraction": 0.0,
            "binder_volume_fraction": 0.0,
            "void_volume_fraction": 0.0,
            "thickness_um": v["Positive electrode thickness [m]"] * 1e6,
            "contact_coverage": 1.0,
            "isolated_fraction": 0.0,
            "film_resistance_ohm_cm2": 0.0,
        },
        separator={
            "solid_electrolyte": design.get("cathode", {}).get("solid_electrolyte", "Li6PS5Cl"),
            "binder": "none",
            "template": "none",
            "solid_electrolyte_volume_fraction": 1.0,
            "conductivity_mS_cm": v[f"{pre} at reference temperature [S.m-1]"] * 10,
            "activation_energy_eV": v[f"{pre} activation energy [J.mol-1]"] / EV,
        },
        anode={"interphase_resistance_ohm_cm2": 0.0},
    )
    return degenerate.with_options(
        separator_transport="Bruggeman",
        solid_electrolyte_transport="Bruggeman",
        active_material_transport="Bruggeman",
        carbon_transport="Bruggeman",
        binder_transport="Bruggeman",
        film="none",
    )


def degenerate_parameter_values(parameter_values):
    """Return a copy of ``parameter_values`` in the degenerate configuration."""
    pv = parameter_values.copy()
    pv.update(degenerate_changes(pv))
    return pv


def stock_half_cell(parameter_values):
    """Stock PyBaMM DFN half-cell with t+ = 1 equivalent to the degenerate cell.

    Parameters
    ----------
    parameter_values : pybamm.ParameterValues
        Parameters of the Li-metal cell in the degenerate configuration (see
        :func:`degenerate_parameter_values`).

    Returns
    -------
    model : pybamm.lithium_ion.DFN
        ``DFN({"working electrode": "positive"})``.
    stock_values : pybamm.ParameterValues
        The same physics in PyBaMM's liquid-electrolyte parameter names.
    """
    pv = parameter_values
    kappa = pv["Positive electrode solid electrolyte conductivity [S.m-1]"]
    sigma_am = pv["Positive electrode active material conductivity [S.m-1]"]
    j0_p = pv["Positive electrode exchange-current density [A.m-2]"]
    j0_li = pv["Exchange-current density for lithium metal electrode [A.m-2]"]

    def _call(f, *args):
        return f(*args) if callable(f) else f

    stock = pv.copy()
    stock.update(
        {
            **_STOCK_ELECTROLYTE,
            "Electrolyte conductivity [S.m-1]": lambda c_e, T: _call(kappa, T),
            "Positive electrode porosity": pv[
                "Positive electrode solid electrolyte volume fraction"
            ],
            "Separator porosity": pv["Separator solid electrolyte volume fraction"],
            "Positive electrode Bruggeman coefficient (electrolyte)": pv[
                "Positive electrode solid electrolyte Bruggeman exponent"
            ],
            "Positive electrode Bruggeman coefficient (electrode)": pv[
                "Positive electrode active material Bruggeman exponent"
            ],
            "Separator Bruggeman coefficient (electrolyte)": pv[
                "Separator solid electrolyte Bruggeman exponent"
            ],
            "Positive electrode conductivity [S.m-1]": lambda sto, T: _call(sigma_am, sto, T),
            "Positive electrode exchange-current density [A.m-2]": (
                lambda c_e, c_s, c_max, T: _call(j0_p, c_s, c_max, T)
            ),
            "Exchange-current density for lithium metal electrode [A.m-2]": (
                lambda c_e, c_li, T: _call(j0_li, T)
            ),
            # the Li foil's electronic drop is neglected in our model
            "Negative electrode conductivity [S.m-1]": 1e12,
            "Positive electrode charge transfer coefficient": 0.5,
            "Negative electrode charge transfer coefficient": 0.5,
            "Lithium metal partial molar volume [m3.mol-1]": pv[
                "Lithium metal molar mass [kg.mol-1]"
            ]
            / pv["Lithium metal density [kg.m-3]"],
            "Negative electrode OCP [V]": 0.0,
            "Negative electrode OCP entropic change [V.K-1]": 0.0,
            "Contact resistance [Ohm]": 0.0,
        },
        check_already_exists=False,
    )
    model = pybamm.lithium_ion.DFN({"working electrode": "positive"})
    return model, stock
