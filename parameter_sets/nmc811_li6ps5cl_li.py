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
from pybamm.input.parameters.lithium_ion.Chen2020 import nmc_LGM50_ocp_Chen2020

from . import laws
from .stoichiometry import stoichiometry_at_voltage

F = 96485.33212  # C/mol
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


# --- Li6PS5Cl -------------------------------------------------------------
# kg/m3, crystallographic (a = 9.85 A, Z = 4) [D]; 1.86-1.87 printed (Minnmann 2021) [Pd]
RHO_LPSCL = 1865.0
KAPPA_LPSCL = 0.18  # S/m at 25 C, 1.8 mS/cm crystalline, Lee et al. Nat. Energy 5, 299 (2020) [Pd]
EA_LPSCL = 0.35 * F  # J/mol, 0.35 eV, Lee et al. (2020) [Pd]

# --- Li metal -------------------------------------------------------------
RHO_LI = 534.0  # kg/m3, literature-values.md section 2.4 [P]
M_LI = 6.941e-3  # kg/mol [P]

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
        # Li foil 30 um, Shan253 ASSB dimensioning YAML [P]
        "Negative electrode thickness [m]": 30e-6,
        "Separator thickness [m]": 30e-6,  # 30 um LPSCl film after pressing, Lee et al. (2020) [Pd]
        "Positive electrode thickness [m]": L_p,  # assumed: thick cathode for > 5 mAh/cm2
        "Nominal cell capacity [A.h]": q_nominal,
        "Current function [A]": q_nominal,
        # --- Li metal anode --------------------------------------------------
        "Exchange-current density for lithium metal electrode [A.m-2]": (
            laws.lithium_exchange_current_density
        ),
        # Sinzig et al. JES 171, 120519 (2024) Table VI [Pd]
        "Lithium metal exchange-current density at reference temperature [A.m-2]": 8.87,
        # assumed: no activation energy reported for Li|LPSCl exchange current
        "Lithium metal exchange-current density activation energy [J.mol-1]": 0.0,
        # assumed: Li|LPSCl interphase; Lee (2020) reports 5 Ohm cm2 total interface
        # resistance at 60 C and 50 Ohm cm2 at 25 C for the whole cell [Pd]
        "Lithium metal interphase resistance [Ohm.m2]": 5e-4,
        "Lithium metal density [kg.m-3]": RHO_LI,
        "Lithium metal molar mass [kg.mol-1]": M_LI,
        # --- separator -------------------------------------------------------
        "Separator solid electrolyte conductivity [S.m-1]": laws.arrhenius_conductivity(
            "Separator solid electrolyte"
        ),
        "Separator solid electrolyte conductivity at reference temperature [S.m-1]": KAPPA_LPSCL,
        "Separator solid electrolyte conductivity activation energy [J.mol-1]": EA_LPSCL,
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
        "Positive electrode solid electrolyte conductivity [S.m-1]": (
            laws.arrhenius_conductivity("Positive electrode solid electrolyte")
        ),
        "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]": (
            KAPPA_LPSCL
        ),
        "Positive electrode solid electrolyte conductivity activation energy [J.mol-1]": EA_LPSCL,
        # tortuosity-factor law: 4.33 at 41.6 vol% CAM, Minnmann et al. JES 168, 040537 (2021) [Fd]
        "Positive electrode solid electrolyte tortuosity factor": 4.33,
        # assumed 3.0: sulfide composites fit 2.2-3.0 (Bielefeld 2020 [D])
        # to 3.4-3.7 (Stavola 2023 [Pd])
        "Positive electrode solid electrolyte Bruggeman exponent": 3.0,
        # constant in stoichiometry (assumed: no SOC-resolved data collected yet)
        "Positive electrode active material conductivity [S.m-1]": (
            laws.constant_in_stoichiometry(
                "Positive electrode active material conductivity at reference state [S.m-1]"
            )
        ),
        # NMC811 1.45-1.57 S/m, Yanev et al. JES 171, 050530 (2024) [Pd]
        "Positive electrode active material conductivity at reference state [S.m-1]": 1.5,
        # percolation law of CAM-only conduction: threshold 49 vol% for 5 um particles,
        # Bielefeld et al. J. Phys. Chem. C 123, 1626 (2019), p_c = 7.83 ln(d/um) + 36.67 [Pd/D];
        # exponent 2.0 (assumed: 3D lattice percolation); floor 1e-6 (assumed: keeps sigma > 0)
        "Positive electrode active material percolation threshold": 0.49,
        "Positive electrode active material percolation exponent": 2.0,
        "Positive electrode active material percolation floor": 1e-6,
        "Positive electrode active material Bruggeman exponent": 1.5,  # Sinzig et al. (2024) [Pd]
        # assumed: compacted carbon black / VGCF powders conduct 10-1000 S/m
        "Positive electrode carbon conductivity [S.m-1]": 100.0,
        "Positive electrode carbon Bruggeman exponent": 1.5,  # assumed: classical spheres
        # --- composite cathode: CAM -------------------------------------------
        "Maximum concentration in positive electrode [mol.m-3]": C_MAX_NMC811,
        "Positive particle radius [m]": 5.22e-6,  # Chen et al. (2020) [P]
        "Positive particle diffusivity [m2.s-1]": laws.particle_diffusivity,
        # Chen et al. (2020) GITT [P]; ASSB GITT gives 1-2e-16 (Yanev 2024 [Pd])
        "Positive particle diffusivity at reference temperature [m2.s-1]": 4e-15,
        # assumed: typical of layered oxides; no ASSB value reported
        "Positive particle diffusivity activation energy [J.mol-1]": 25000.0,
        "Positive electrode OCP [V]": nmc811_ocp,
        "Positive electrode OCP entropic change [V.K-1]": 0.0,  # assumed: isothermal use
        "Positive electrode exchange-current density [A.m-2]": laws.cam_exchange_current_density,
        # 2.06 A/m2: Naik et al. ACS AMI 14, 29754 (2022) Table S2 rate constant at x = 0.5
        # [D in digest]; P2D ASSB sets use 2-5 A/m2 (Sinzig 2024: 4.98 [Pd]); EIS gives
        # 0.1-0.16 A/m2 on another area basis (Miss 2022 [Pd])
        "Positive electrode exchange-current density at half lithiation [A.m-2]": 2.06,
        # Chen et al. (2020) [P]
        "Positive electrode exchange-current density activation energy [J.mol-1]": 17800.0,
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
