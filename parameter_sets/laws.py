"""Temperature and concentration laws used by the parameter sets.

Each law reads its scalar values from named parameters, so that any of them can
be overridden (or made a PyBaMM input for fitting and sweeps) by name.
"""

import pybamm

R_GAS = 8.314462618  # J/(mol K), CODATA 2018


def _arrhenius(activation_energy_name, T):
    Ea = pybamm.Parameter(activation_energy_name)
    T_ref = pybamm.Parameter("Reference temperature [K]")
    return pybamm.exp(-Ea / R_GAS * (1 / T - 1 / T_ref))


def arrhenius_conductivity(prefix):
    """Return ``sigma(T) = sigma_ref exp(-Ea/R (1/T - 1/T_ref))``.

    Reads ``"<prefix> conductivity at reference temperature [S.m-1]"`` and
    ``"<prefix> conductivity activation energy [J.mol-1]"``.
    """

    def conductivity(T):
        sigma_ref = pybamm.Parameter(f"{prefix} conductivity at reference temperature [S.m-1]")
        return sigma_ref * _arrhenius(f"{prefix} conductivity activation energy [J.mol-1]", T)

    return conductivity


def particle_diffusivity(sto, T):
    """CAM diffusivity ``D_ref exp(-Ea/R (1/T - 1/T_ref))`` [m2.s-1].

    Reads ``"Positive particle diffusivity at reference temperature [m2.s-1]"`` and
    ``"Positive particle diffusivity activation energy [J.mol-1]"``.
    """
    D_ref = pybamm.Parameter("Positive particle diffusivity at reference temperature [m2.s-1]")
    return D_ref * _arrhenius("Positive particle diffusivity activation energy [J.mol-1]", T)


def cam_exchange_current_density(c_s_surf, c_s_max, T):
    """CAM|SE exchange-current density [A.m-2], no electrolyte factor.

    ``j0 = k c^0.5 (c_max - c)^0.5 exp(-Ea/R (1/T - 1/T_ref))`` with
    ``k = 2 j0_half / c_max``, so that ``j0 = j0_half`` at half lithiation.
    Reads ``"Positive electrode exchange-current density at half lithiation
    [A.m-2]"`` and ``"Positive electrode exchange-current density activation
    energy [J.mol-1]"``.
    """
    j0_half = pybamm.Parameter(
        "Positive electrode exchange-current density at half lithiation [A.m-2]"
    )
    k = 2 * j0_half / c_s_max
    arrhenius = _arrhenius(
        "Positive electrode exchange-current density activation energy [J.mol-1]", T
    )
    return k * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5 * arrhenius


def lithium_exchange_current_density(T):
    """Li|SE exchange-current density [A.m-2], Arrhenius about the reference.

    Reads ``"Lithium metal exchange-current density at reference temperature
    [A.m-2]"`` and ``"Lithium metal exchange-current density activation energy
    [J.mol-1]"``.
    """
    j0_ref = pybamm.Parameter(
        "Lithium metal exchange-current density at reference temperature [A.m-2]"
    )
    return j0_ref * _arrhenius(
        "Lithium metal exchange-current density activation energy [J.mol-1]", T
    )


def constant_in_stoichiometry(name):
    """Return ``f(sto, T) = Parameter(name)``: a stoichiometry-independent value."""

    def value(sto, T):
        return pybamm.Parameter(name)

    return value
