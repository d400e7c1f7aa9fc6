"""Default cell: thick NMC811 | Li6PS5Cl composite cathode, 30 um LPSCl, 30 um Li.

Every value carries its source. Tags follow ../shared/reference/literature-values.md:
[P] read in the source, [Pd] printed value read in a digest of the paper,
[Fd] figure-read in a digest, [D] derived (formula given), "assumed" with the reason.

Conventions
-----------
- Volume fractions of the cathode (CAM, SE, carbon, binder, voids) sum to 1.
  PyBaMM's "porosity" (liquid-filled pores) does not exist here: the SE phase
  has its own name and the voids conduct nothing.
- Exchange-current densities have no electrolyte-concentration argument: the
  Li+ concentration of a single-ion solid electrolyte is fixed.
"""

import numpy as np
import pybamm
from pybamm.input.parameters.lithium_ion.Chen2020 import nmc_LGM50_ocp_Chen2020

from .stoichiometry import stoichiometry_at_voltage

F = 96485.33212  # C/mol
R_GAS = 8.314462618  # J/(mol K)
T_REF = 298.15  # K

# --- NMC811 ---------------------------------------------------------------
RHO_NMC811 = 4770.0  # kg/m3, Bielefeld et al. JES 169, 020539 (2022) Table S2 [Pd]
M_NMC811 = 97.28e-3  # kg/mol, LiNi0.8Mn0.1Co0.1O2 formula mass [D]
# c_max = rho / M: one Li per formula unit (275.5 mAh/g theoretical) [D];
# Bielefeld 2022 uses 49 mol/L [Pd].
C_MAX_NMC811 = RHO_NMC811 / M_NMC811


def nmc811_ocp(sto):
    """NMC811 open-circuit potential [V] vs Li/Li+ as a function of stoichiometry.

    Chen et al., J. Electrochem. Soc. 167, 080534 (2020) fit for LG M50 NMC811
    (PyBaMM's ``nmc_LGM50_ocp_Chen2020``) [P], measured on x = 0.27-0.91, plus
    the end-of-lithiation term of the NMC OCP of Mohtat et al. (2020) as used in
    PyBaMM's Xu2019 set, ``-0.5623e-4 exp(109.451 x - 100.006)`` [P]. The added
    term is below 0.1 mV for x < 0.88 and makes the OCP fall steeply as x -> 1
    (2.78 V at x = 1), as measured OCPs do, so that a lower cut-off of 3.0 V is
    reached before the CAM is full.
    """
    return nmc_LGM50_ocp_Chen2020(sto) - 0.5623e-4 * np.exp(109.451 * sto - 100.006)


def nmc811_diffusivity(sto, T):
    """NMC811 Li diffusivity [m2.s-1]: 4e-15 m2/s, Chen et al. (2020) GITT [P].

    Arrhenius with 25 kJ/mol: assumed (typical of layered oxides; the ASSB
    literature reports no activation energy for this value).
    """
    return 4e-15 * np.exp(25000 / R_GAS * (1 / T_REF - 1 / T))


def nmc811_exchange_current_density(c_s_surf, c_s_max, T):
    """Exchange-current density [A.m-2] of the NMC811|Li6PS5Cl contact.

    ``j0 = 2 j0_half sqrt(x (1 - x))`` with ``x = c_s_surf / c_s_max``, i.e.
    ``k c^0.5 (c_max - c)^0.5`` with ``k = 2 j0_half / c_max``.
    j0_half = 2.06 A/m2 at x = 0.5: Naik et al., ACS AMI 14, 29754 (2022), Table S2
    rate constant evaluated at x = 0.5 [D in digest]; within the 2-5 A/m2 of P2D
    ASSB sets (Sinzig 2024: 4.98 A/m2 [Pd]). EIS-based values are 0.1-0.16 A/m2
    on a different area basis (Miss 2022 [Pd]). Arrhenius with 17.8 kJ/mol from
    Chen et al. (2020) [P].
    """
    j0_half = 2.06
    arrhenius = np.exp(17800 / R_GAS * (1 / T_REF - 1 / T))
    return 2 * j0_half / c_s_max * c_s_surf**0.5 * (c_s_max - c_s_surf) ** 0.5 * arrhenius


def nmc811_electronic_conductivity(sto, T):
    """NMC811 electronic conductivity [S.m-1]: 1.5 S/m, Yanev et al. JES 171,
    050530 (2024) (1.45-1.57 S/m) [Pd]; constant in stoichiometry and temperature
    (assumed: no SOC-resolved data collected yet)."""
    return 1.5 + 0 * sto


# --- Li6PS5Cl -------------------------------------------------------------
KAPPA_LPSCL = 0.18  # S/m at 25 C, 1.8 mS/cm crystalline, Lee et al. Nat. Energy 5, 299 (2020) [Pd]
EA_LPSCL = 0.35 * F  # J/mol, 0.35 eV, Lee et al. (2020) [Pd]
RHO_LPSCL = 1865.0  # kg/m3, crystallographic (a = 9.85 A, Z = 4) [D]; 1.86-1.87 printed (Minnmann 2021) [Pd]


def li6ps5cl_conductivity(T):
    """Li6PS5Cl ionic conductivity [S.m-1], Arrhenius about 25 C."""
    return KAPPA_LPSCL * np.exp(-EA_LPSCL / R_GAS * (1 / T - 1 / T_REF))


# --- Li metal -------------------------------------------------------------
RHO_LI = 534.0  # kg/m3, literature-values.md section 2.4 [P]
M_LI = 6.941e-3  # kg/mol [P]


def li_exchange_current_density(T):
    """Li|Li6PS5Cl exchange-current density [A.m-2]: 8.87 A/m2, Sinzig et al.
    JES 171, 120519 (2024) Table VI [Pd]; temperature-independent (assumed: no
    activation energy reported)."""
    return 8.87 + 0 * T


# --- Cathode composition --------------------------------------------------
# Formulation 70 : 27 : 2 : 1 wt% NMC811 : Li6PS5Cl : carbon : PTFE with 10 vol%
# voids (assumed: "about 70 wt% CAM in most reported cells", the review in
# ../shared/background; void 5-20 % in models, 14 % often assumed [Pd]).
# Densities: NMC811 4.77, LPSCl 1.865, carbon 1.825 (Shan253 YAML [P]),
# PTFE 2.2 [M] g/cm3. Volume fractions [D]:
#   solids per 100 g: 14.675 + 14.477 + 1.096 + 0.455 = 30.703 cm3, x 0.90.
EPS_AM = 0.4302
EPS_SE = 0.4244
EPS_C = 0.0321
EPS_B = 0.0133
EPS_VOID = 0.1000

V_MIN = 3.0  # V, assumed: usual lower cut-off for NMC811 vs Li (Lee 2020 used 2.5 V [Pd])
V_MAX = 4.25  # V, Lee et al. (2020) cycling window 2.5-4.25 V [Pd]


def get_parameter_values():
    """Parameter values of the default cell (a dict for ``pybamm.ParameterValues``).

    Returns
    -------
    dict
        Parameter name -> value; ``"citations"`` lists the sources.
    """
    sto_charged = stoichiometry_at_voltage(nmc811_ocp, V_MAX)
    sto_discharged = stoichiometry_at_voltage(nmc811_ocp, V_MIN)
    L_p = 140e-6
    area = 1e-4
    # nominal capacity: connected CAM x usable stoichiometry window [D]
    q_nominal = EPS_AM * L_p * area * C_MAX_NMC811 * F * (sto_discharged - sto_charged) / 3600
    return {
        "chemistry": "lithium_ion",
        # --- cell geometry (per 1 cm2 of electrode) -------------------------
        "Electrode height [m]": 0.01,  # 1 cm x 1 cm: results are per cm2
        "Electrode width [m]": 0.01,
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
        "Negative electrode thickness [m]": 30e-6,  # Li foil 30 um, Shan253 ASSB dimensioning YAML [P]
        "Separator thickness [m]": 30e-6,  # 30 um LPSCl film after pressing, Lee et al. (2020) [Pd]
        "Positive electrode thickness [m]": L_p,  # assumed: thick cathode for > 5 mAh/cm2
        "Nominal cell capacity [A.h]": q_nominal,
        "Current function [A]": q_nominal,
        # --- Li metal anode --------------------------------------------------
        "Exchange-current density for lithium metal electrode [A.m-2]": li_exchange_current_density,
        # assumed: Li|LPSCl interphase; Lee (2020) reports 5 Ohm cm2 total interface
        # resistance at 60 C and 50 Ohm cm2 at 25 C for the whole cell [Pd]
        "Lithium metal interphase resistance [Ohm.m2]": 5e-4,
        "Lithium metal density [kg.m-3]": RHO_LI,
        "Lithium metal molar mass [kg.mol-1]": M_LI,
        # --- separator -------------------------------------------------------
        "Separator solid electrolyte conductivity [S.m-1]": li6ps5cl_conductivity,
        "Separator solid electrolyte volume fraction": 1.0,  # assumed: dense, binder-free film
        "Separator solid electrolyte Bruggeman exponent": 1.5,  # inert at full density
        "Separator solid electrolyte density [kg.m-3]": RHO_LPSCL,
        # --- composite cathode: phases -----------------------------------------
        "Positive electrode active material volume fraction": EPS_AM,
        "Positive electrode solid electrolyte volume fraction": EPS_SE,
        "Positive electrode carbon volume fraction": EPS_C,
        "Positive electrode binder volume fraction": EPS_B,
        "Positive electrode void volume fraction": EPS_VOID,
        "Positive electrode active material density [kg.m-3]": RHO_NMC811,
        "Positive electrode solid electrolyte density [kg.m-3]": RHO_LPSCL,
        "Positive electrode carbon density [kg.m-3]": 1825.0,  # Shan253 YAML [P]
        "Positive electrode binder density [kg.m-3]": 2200.0,  # PTFE [M]
        # --- composite cathode: transport -------------------------------------
        "Positive electrode solid electrolyte conductivity [S.m-1]": li6ps5cl_conductivity,
        # assumed 3.0: sulfide composites fit 2.2-3.0 (Bielefeld 2020 [D]) to 3.4-3.7 (Stavola 2023 [Pd])
        "Positive electrode solid electrolyte Bruggeman exponent": 3.0,
        "Positive electrode active material conductivity [S.m-1]": nmc811_electronic_conductivity,
        "Positive electrode active material Bruggeman exponent": 1.5,  # Sinzig et al. (2024) [Pd]
        # assumed: compacted carbon black / VGCF powders conduct 10-1000 S/m
        "Positive electrode carbon conductivity [S.m-1]": 100.0,
        "Positive electrode carbon Bruggeman exponent": 1.5,  # assumed: classical spheres
        # --- composite cathode: CAM -------------------------------------------
        "Maximum concentration in positive electrode [mol.m-3]": C_MAX_NMC811,
        "Positive particle radius [m]": 5.22e-6,  # Chen et al. (2020) [P]
        "Positive particle diffusivity [m2.s-1]": nmc811_diffusivity,
        "Positive electrode OCP [V]": nmc811_ocp,
        "Positive electrode OCP entropic change [V.K-1]": 0.0,  # assumed: isothermal use
        "Positive electrode exchange-current density [A.m-2]": nmc811_exchange_current_density,
        # Yanev et al. JES 171, 050530 (2024) Table I, gran73 coverage 50.3 % [Pd]
        "Positive electrode active material contact coverage": 0.5,
        # assumed: all CAM connected at 43 vol% CAM with 3 vol% carbon
        "Positive electrode isolated active material fraction": 0.0,
        "Positive electrode film resistance [Ohm.m2]": 0.0,  # assumed: uncoated CAM
        "Initial concentration in positive electrode [mol.m-3]": sto_charged * C_MAX_NMC811,
        # --- operation -----------------------------------------------------------
        "Reference temperature [K]": T_REF,
        "Ambient temperature [K]": T_REF,
        "Initial temperature [K]": T_REF,
        "Lower voltage cut-off [V]": V_MIN,
        "Upper voltage cut-off [V]": V_MAX,
        "Open-circuit voltage at 0% SOC [V]": V_MIN,
        "Open-circuit voltage at 100% SOC [V]": V_MAX,
        "citations": ["Chen2020"],
    }
