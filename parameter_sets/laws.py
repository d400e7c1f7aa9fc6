"""Temperature and concentration laws used by the parameter sets.

Each law reads its scalar values from named parameters, so that any of them can
be overridden (or made a PyBaMM input for fitting and sweeps) by name.
"""

import numpy as np
import pybamm

from .constants import R_GAS, F


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


LN10 = float(np.log(10))
LOG10_DIFFUSIVITY_FACTOR = "Positive particle log10 relative diffusivity"
EXCHANGE_CURRENT_FACTOR = "Positive electrode relative exchange-current density"
STOICHIOMETRY = "Positive particle stoichiometry"


def particle_diffusivity(sto, T):
    """CAM diffusivity [m2.s-1] as a function of lithiation and temperature.

    .. math::
        D(x, T) = \theta^{n}\\,D_{ref}\\,10^{f(x)}
            \\exp\\left(-\frac{E_a}{R}\\left(\frac{1}{T} - \frac{1}{T_{ref}}\right)\right)

    ``D_ref`` is ``"Positive particle diffusivity at reference temperature
    [m2.s-1]"`` (the intrinsic value, full contact), ``f(x)`` the
    ``"Positive particle log10 relative diffusivity"`` (a function of the
    stoichiometry: 0 where the material has no measured dependence, else a table),
    ``E_a`` the ``"Positive particle diffusivity activation energy [J.mol-1]"``.
    ``theta`` is the CAM|SE ``"Positive electrode active material contact
    coverage"`` and ``n`` the ``"Positive particle diffusivity contact exponent"``:
    Li enters a partly covered particle through a fraction theta of its surface,
    which the spherically symmetric particle model represents by the apparent
    diffusivity theta^2 D that galvanostatic intermittent titration measures on
    composite cathodes (Yanev et al. JES 171, 050530 (2024) define the coverage
    as sqrt(D_ASSB / D_LIB)); n = 0 switches it off.
    """
    D_ref = pybamm.Parameter("Positive particle diffusivity at reference temperature [m2.s-1]")
    shape = pybamm.FunctionParameter(LOG10_DIFFUSIVITY_FACTOR, {STOICHIOMETRY: sto})
    theta = pybamm.Parameter("Positive electrode active material contact coverage")
    n = pybamm.Parameter("Positive particle diffusivity contact exponent")
    arrhenius = _arrhenius("Positive particle diffusivity activation energy [J.mol-1]", T)
    # 10**f as exp(f ln 10): the same number (to rounding), and libm's exp costs a
    # fraction of its general pow. It is evaluated at every radial edge of every
    # particle: about 5 % of a discharge's time (benchmarks/bench_sweep.py).
    return theta**n * D_ref * pybamm.exp(LN10 * shape) * arrhenius


def symmetric_exchange_factor(sto):
    """``2 sqrt(x (1 - x))``: the exchange-current density's lithiation dependence of
    symmetric Butler-Volmer kinetics with a fixed SE Li+ concentration, 1 at x = 0.5
    (the default where a material has no measured dependence)."""
    return 2 * sto**0.5 * (1 - sto) ** 0.5


def cam_exchange_current_density(c_s_surf, c_s_max, T):
    """CAM|SE exchange-current density [A.m-2], no electrolyte factor.

    .. math::
        j_0 = j_{0,1/2}\\,g(x)\\,\\exp\\left(-\frac{E_a}{R}
            \\left(\frac{1}{T} - \frac{1}{T_{ref}}\right)\right), \\qquad x = c/c_{max}

    per CAM|SE contact area, with ``j0_half`` the ``"Positive electrode
    exchange-current density at half lithiation [A.m-2]"`` and ``g`` the
    ``"Positive electrode relative exchange-current density"`` (1 at x = 0.5:
    :func:`symmetric_exchange_factor`, or a measured table).
    """
    j0_half = pybamm.Parameter(
        "Positive electrode exchange-current density at half lithiation [A.m-2]"
    )
    shape = pybamm.FunctionParameter(EXCHANGE_CURRENT_FACTOR, {STOICHIOMETRY: c_s_surf / c_s_max})
    arrhenius = _arrhenius(
        "Positive electrode exchange-current density activation energy [J.mol-1]", T
    )
    return j0_half * shape * arrhenius


def cam_electronic_conductivity(sto, T):
    """Electronic conductivity of the CAM [S.m-1] as a function of lithiation.

    .. math::
        \\sigma(x, T) = \\sigma_{lith}\\,10^{k (1 - x)}
            \\exp\\left(-\frac{E_a}{R}\\left(\frac{1}{T} - \frac{1}{T_{ref}}\right)\right)

    Layered oxides conduct electrons through their transition-metal d bands, which
    delithiation empties: the conductivity rises log-linearly with the Li removed.
    ``sigma_lith`` is the ``"Positive electrode active material conductivity at
    reference state [S.m-1]"`` (the lithiated, pristine state), ``k`` the
    ``"Positive electrode active material conductivity delithiation slope"``
    (decades per unit of Li removed), ``E_a`` the ``"Positive electrode active
    material conductivity activation energy [J.mol-1]"``.
    """
    sigma = pybamm.Parameter(
        "Positive electrode active material conductivity at reference state [S.m-1]"
    )
    k = pybamm.Parameter("Positive electrode active material conductivity delithiation slope")
    arrhenius = _arrhenius(
        "Positive electrode active material conductivity activation energy [J.mol-1]", T
    )
    return sigma * pybamm.exp(LN10 * k * (1 - sto)) * arrhenius


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


def alloy_lithium_fraction(L_Li):
    """Li atomic fraction of an alloy counter electrode holding the Li inventory
    ``L_Li`` [m] (as Li metal, counted from the Li-poor end of its plateau).

    ``x = n_Li / (n_Li + n_host)``, ``n_Li = (L_Li - L_min) c_Li``, with ``L_min``
    (``"Minimum lithium metal thickness [m]"``, negative) the inventory of the Li-free
    host and ``n_host`` the host's moles per area.
    """
    c_li = pybamm.Parameter("Lithium metal density [kg.m-3]") / pybamm.Parameter(
        "Lithium metal molar mass [kg.mol-1]"
    )
    n_host = (
        pybamm.Parameter("Alloy host thickness [m]")
        * pybamm.Parameter("Alloy host density [kg.m-3]")
        / pybamm.Parameter("Alloy host molar mass [kg.mol-1]")
    )
    n_li = (L_Li - pybamm.Parameter("Minimum lithium metal thickness [m]")) * c_li
    return n_li / (n_li + n_host)


def tabulated_potential(table, name):
    """``U(x)`` linear between the points of ``table`` ((x, U) pairs), constant beyond
    its ends (the argument is clipped to the table's range)."""
    x_data = np.array([p[0] for p in table])
    u_data = np.array([p[1] for p in table])

    def potential(x):
        x = pybamm.minimum(pybamm.maximum(x, float(x_data[0])), float(x_data[-1]))
        return pybamm.Interpolant(x_data, u_data, x, name=name, interpolator="linear")

    return potential


def msmr_lithiation(U, reactions, T):
    """Lithiation ``x(U)`` of a multi-species, multi-reaction (MSMR) host.

    .. math::
        x(U) = \\sum_j \\frac{X_j}{1 + \\exp\\left(\\frac{F (U - U^0_j)}{\\omega_j R T}\\right)}

    (Verbrugge et al. J. Electrochem. Soc. 164, E3243 (2017); PyBaMM's
    ``LithiumIonParameters.x_j``), with ``reactions`` the ``(U0_j [V], X_j, omega_j)``
    of each gallery and ``T`` [K]. ``x`` is the fraction of the host's sites that hold
    Li (``sum X_j`` = 1 for a complete set); it falls monotonically with ``U``.
    Evaluated in numpy: ``U`` a number or an array.
    """
    U0, X, omega = (np.array(column, dtype=float) for column in zip(*reactions, strict=True))
    U = np.asarray(U, dtype=float)[..., None]
    return np.sum(X / (1 + np.exp(F * (U - U0) / (omega * R_GAS * T))), axis=-1)


def msmr_ocp_table(reactions, T, lower, upper, step):
    """(x, U) of an MSMR host on a uniform potential grid from ``upper`` down to
    ``lower`` [V] in steps of ``step`` [V]: x ascending, U descending, both strictly
    (:func:`msmr_lithiation`). Linear interpolation of U against x between these points
    inverts ``x(U)``; its error is below ``step**2 max|x''(U)| / 8`` in x."""
    U = np.linspace(upper, lower, round((upper - lower) / step) + 1)
    return msmr_lithiation(U, reactions, T), U


def interpolated_ocp(x_data, u_data, name):
    """``U(sto)`` linear between the points (``x_data`` ascending), constant beyond the
    ends: a :class:`pybamm.Interpolant` for a PyBaMM expression, ``numpy.interp`` (the same
    linear law) for numbers and arrays, so that the design layer can evaluate it without
    building an expression."""
    x_data = np.asarray(x_data, dtype=float)
    u_data = np.asarray(u_data, dtype=float)
    pybamm_curve = tabulated_potential(list(zip(x_data, u_data, strict=True)), name)

    def ocp(sto):
        if isinstance(sto, pybamm.Symbol):
            return pybamm_curve(sto)
        return np.interp(sto, x_data, u_data)

    return ocp


def alloy_counter_electrode_potential(table):
    """Return ``U_ce(L_Li)`` [V vs Li] of an alloy counter electrode whose equilibrium
    potential against its Li atomic fraction is ``table`` (a SourcedTable, e.g.
    In/InLi's in ``materials.ALLOY_ELECTRODES``): ``U_ce = U(x(L_Li))`` with ``x``
    from :func:`alloy_lithium_fraction`."""
    curve = tabulated_potential(table, "alloy potential")

    def potential(L_Li):
        return curve(alloy_lithium_fraction(L_Li))

    return potential


def interlayer_potential(L_Li):
    """Potential vs Li [V] of the anode side of an anode-free cell whose interlayer
    stores ``Q`` (``"Interlayer lithium capacity [m]"``, as Li metal) before Li plates:

    ``U = U_0 (1 - min(theta, 1))``, ``theta = (L_Li + d) / (Q + d)``, ``d = 1e-12 m``

    with ``L_Li`` the active Li on the anode side and ``U_0`` (``"Interlayer lithiation
    potential [V]"``) the empty interlayer's potential: a linear slope to 0 V as the
    interlayer fills, then 0 V (Li metal) while Li plates on it. ``d`` keeps an
    interlayer of no capacity at 0 V (plating on the bare collector).
    """
    Q = pybamm.Parameter("Interlayer lithium capacity [m]")
    U_0 = pybamm.Parameter("Interlayer lithiation potential [V]")
    theta = (L_Li + 1e-12) / (Q + 1e-12)
    return U_0 * (1 - pybamm.minimum(pybamm.maximum(theta, 0), 1))
