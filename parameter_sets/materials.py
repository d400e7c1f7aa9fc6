"""Materials library: every number with its source.

Provenance tags follow ../shared/reference/literature-values.md: [P] read in the
source, [Pd] printed value read in a digest of the paper, [Fd] figure-read in a
digest, [D] derived (formula given), [B] quoted in the review in ../shared/background/
(Cao et al. ACS Energy Lett. 5, 3468 (2020)), not checked in the original, [M] recalled,
not verified against the source (a pointer only; none is left in this library),
"assumed" with the reason.

Each numeric property is a :class:`Sourced` float; ``source`` says where it
comes from. A cell is composed by naming materials (see ``compose.py``); an
unknown name fails with the list of known ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from pybamm.input.parameters.lithium_ion.Chen2020 import nmc_LGM50_ocp_Chen2020
from pybamm.input.parameters.lithium_ion.Marquis2019 import lico2_ocp_Dualfoil1998
from pybamm.input.parameters.lithium_ion.Mohtat2020 import NMC_ocp_PeymanMPM
from pybamm.input.parameters.lithium_ion.NCA_Kim2011 import nca_ocp_Kim2011

from . import laws
from .constants import EV, R_GAS


class Sourced(float):
    """A float that carries its source."""

    source: str

    def __new__(cls, value, source):
        obj = float.__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self):
        return (Sourced, (float(self), self.source))


class UnknownMaterialError(ValueError):
    """A material name that is not in the library."""


def S(value, source):
    """Shorthand for :class:`Sourced`."""
    return Sourced(value, source)


class SourcedTable(tuple):
    """A table of (x, y) pairs that carries its source."""

    source: str

    def __new__(cls, points, source):
        obj = tuple.__new__(cls, tuple((float(x), float(y)) for x, y in points))
        obj.source = source
        return obj

    def __reduce__(self):
        return (SourcedTable, (tuple(self), self.source))


# --- open-circuit potentials ------------------------------------------------------


def nmc811_ocp(sto):
    """NMC811 OCP [V] vs Li/Li+.

    Chen et al., J. Electrochem. Soc. 167, 080534 (2020) fit for LG M50 NMC811
    (PyBaMM's ``nmc_LGM50_ocp_Chen2020``) [P], measured on x = 0.27-0.91, plus
    the end-of-lithiation term of the NMC OCP of Mohtat et al. (2020) as used in
    PyBaMM's Xu2019 set, ``-0.5623e-4 exp(109.451 x - 100.006)`` [P]. The added
    term is below 0.1 mV for x < 0.88 and makes the OCP fall steeply as x -> 1
    (2.78 V at x = 1), so that a 3.0 V cut-off is reached before the CAM is full.
    """
    return nmc_LGM50_ocp_Chen2020(sto) - 0.5623e-4 * np.exp(109.451 * sto - 100.006)


# Verbrugge et al. J. Electrochem. Soc. 164, E3243 (2017) Table 1: the MSMR fit to measured
# NMC (the Chevrolet Bolt's positive electrode material, NMC622 in PyBaMM), (U0_j [V], X_j,
# omega_j) of its four galleries, as PyBaMM's MSMR_example_set ships them [P]. PyBaMM changed
# only the 4th reaction's kinetics (j0 = 1e6 A/m2, alpha = 1, "unphysical" otherwise), not these
# thermodynamic values. sum X_j = 1.00000.
NMC622_MSMR = (
    (3.62274, 0.13442, 0.96710),
    (3.72645, 0.32460, 1.39712),
    (3.90575, 0.21118, 3.50500),
    (4.22955, 0.32980, 5.52757),
)
NMC622_MSMR_SOURCE = (
    "Verbrugge et al. J. Electrochem. Soc. 164, E3243 (2017) Table 1, in PyBaMM's "
    "MSMR_example_set [P]"
)
# x(U) at 25 C on 2.5-5.0 V every 0.25 mV: linear interpolation inverts it to 2.4e-7 V / 2.1e-7
# in x [D] (measured on 20000 random potentials); x(5.0 V) = 0.0014, 1 - x(2.5 V) = 1.7e-6
_NMC622_X, _NMC622_U = laws.msmr_ocp_table(NMC622_MSMR, 298.15, 2.5, 5.0, 0.25e-3)
_NMC622_OCP = laws.interpolated_ocp(_NMC622_X, _NMC622_U, "NMC622 MSMR OCP")


def nmc622_ocp(sto):
    """NMC622 OCP [V] vs Li/Li+: the inverse of the MSMR fit of Verbrugge et al.,
    J. Electrochem. Soc. 164, E3243 (2017) Table 1 to measured NMC data [P] (:data:`NMC622_MSMR`).

    ``x(U) = sum_j X_j / (1 + exp(F (U - U0_j) / (omega_j R T)))`` at 25 C
    (:func:`~asslb_sim.parameter_sets.laws.msmr_lithiation`), tabulated every 0.25 mV on
    2.5-5.0 V and interpolated linearly in x (2.4e-7 V from the exact inverse [D]); constant
    beyond (x < 0.0014: 5.0 V; x > 1 - 1.7e-6: 2.5 V). The fit is monotonic everywhere; the
    MSMR's 25 C values are used at every temperature (no entropic term, as for the other
    OCPs). The stoichiometry is the MSMR's site fraction, sum X_j = 1 mapped onto
    ``max_concentration`` (see its source). Between the default cut-offs x(4.3 V) = 0.1274
    and x(3.0 V) = 0.99993; the paper's measured potential window could not be read (its
    four galleries sit at 3.62-4.23 V).
    """
    return _NMC622_OCP(sto)


def ncm90_ocp(sto):
    """Proxy: the NMC811 OCP [V] (:func:`nmc811_ocp`) for high-Ni NCM (about 90 % Ni),
    for lack of a published fit; with it Lee et al. (2020)'s cell gives 169 of its
    printed 215 mA.h/g at 0.2C (``asslb-sim validate``)."""
    return nmc811_ocp(sto)


def nmc111_ocp(sto):
    """Proxy: the NMC OCP [V] of Mohtat et al. (2020) (NMC532, PyBaMM's
    ``NMC_ocp_PeymanMPM``) [P], used for NMC111: no NMC111 fit in PyBaMM; both are
    Ni-poor layered oxides."""
    return NMC_ocp_PeymanMPM(sto)


def nca_ocp(sto):
    """NCA OCP [V], Kim et al. J. Electrochem. Soc. 158, A955 (2011), PyBaMM's
    ``nca_ocp_Kim2011`` [P]."""
    return nca_ocp_Kim2011(sto)


def lco_ocp(sto):
    """LiCoO2 OCP [V], Dualfoil (Doyle, Newman), PyBaMM's
    ``lico2_ocp_Dualfoil1998`` [P]."""
    return lico2_ocp_Dualfoil1998(sto)


# --- material kinds ----------------------------------------------------------------


@dataclass(frozen=True)
class SolidElectrolyte:
    """A Li+ conducting solid electrolyte (transference number 1)."""

    name: str
    density: Sourced  # kg/m3
    conductivity: Sourced  # S/m at 25 C
    activation_energy: Sourced  # J/mol
    family: str = ""
    particle_size: Sourced = None  # m, typical diameter of the powder in a composite
    # dielectric constant (the bulk arc's capacitance); None: the library's default
    relative_permittivity: Sourced = None


@dataclass(frozen=True)
class ActiveMaterial:
    """A cathode active material.

    ``max_concentration`` is the concentration on which the OCP's stoichiometry
    scale is defined (so that the OCP and the capacity agree).
    """

    name: str
    density: Sourced  # kg/m3
    max_concentration: Sourced  # mol/m3
    ocp: object  # callable sto -> V; its docstring states the source
    diffusivity: Sourced  # m2/s at 25 C
    diffusivity_activation_energy: Sourced  # J/mol
    exchange_current_density: Sourced  # A/m2 per contact area at half lithiation, 25 C
    exchange_current_activation_energy: Sourced  # J/mol
    electronic_conductivity: Sourced  # S/m, lithiated (pristine) state, 25 C
    particle_radius: Sourced  # m
    # decades of electronic conductivity per unit of Li removed, and its activation energy
    conductivity_slope: Sourced = None
    conductivity_activation_energy: Sourced = None
    # measured lithiation dependences, against the Li content x: diffusivity relative to
    # ``diffusivity``, exchange current relative to its value at x = 0.5; None where no
    # measurement exists
    diffusivity_table: SourcedTable = None
    exchange_current_table: SourcedTable = None


@dataclass(frozen=True)
class Carbon:
    """A conductive carbon additive."""

    name: str
    density: Sourced  # kg/m3
    conductivity: Sourced  # S/m, compacted powder
    percolation_threshold: Sourced  # volume fraction of the electrode


@dataclass(frozen=True)
class Binder:
    """A binder; blocking unless its ionic conductivity is above zero."""

    name: str
    density: Sourced  # kg/m3
    ionic_conductivity: Sourced  # S/m at 25 C (0 = blocks ions and electrons)
    activation_energy: Sourced  # J/mol


@dataclass(frozen=True)
class Template:
    """A porous scaffold for thin separators (e.g. a nonwoven)."""

    name: str
    density: Sourced  # kg/m3


@dataclass(frozen=True)
class Coating:
    """A CAM coating, modelled as a film resistance per CAM|SE contact area."""

    name: str
    film_resistance: Sourced  # Ohm m2 per contact area


@dataclass(frozen=True)
class Collector:
    """A current-collector foil."""

    name: str
    density: Sourced  # kg/m3
    thickness: Sourced  # m, typical


@dataclass(frozen=True)
class LithiumMetal:
    """Li metal anode."""

    name: str
    density: Sourced  # kg/m3
    molar_mass: Sourced  # kg/mol
    exchange_current_density: Sourced  # A/m2 at 25 C, Li|SE
    exchange_current_activation_energy: Sourced  # J/mol
    interphase_resistance: Sourced  # Ohm m2
    coulombic_efficiency: Sourced  # plating efficiency of every charge (the rest: dead Li)


@dataclass(frozen=True)
class AlloyElectrode:
    """A two-phase Li alloy counter electrode (In/InLi): a host metal whose Li
    content moves along a plateau of constant potential vs Li."""

    name: str
    host: str
    host_density: Sourced  # kg/m3
    host_molar_mass: Sourced  # kg/mol
    potential: Sourced  # V vs Li on the plateau
    plateau_start: Sourced  # Li atomic fraction where the plateau begins (Li-poor end)
    plateau_end: Sourced  # Li atomic fraction where it ends (Li-rich end)
    lithium_fraction: Sourced  # Li atomic fraction as built, typical
    thickness: Sourced  # m, the host foil as built, typical
    exchange_current_density: Sourced  # A/m2 at 25 C, alloy|SE
    interphase_resistance: Sourced  # Ohm m2
    # (Li atomic fraction, equilibrium potential vs Li [V]) over the whole composition
    # range measured, non-increasing in the Li fraction
    potential_curve: SourcedTable


@dataclass(frozen=True)
class Interlayer:
    """The Li-plating substrate of an anode-free cell: an interlayer (e.g. Ag-C)
    or the bare collector."""

    name: str
    density: Sourced  # kg/m3
    thickness: Sourced  # m, typical
    interface_resistance: Sourced  # Ohm m2
    coulombic_efficiency: Sourced  # plating efficiency of every charge
    first_charge_loss: Sourced  # m of Li (as metal) per m of interlayer, lost on the first charge
    # m of Li (as metal) per m of interlayer stored reversibly before Li plates
    lithiation_capacity: Sourced
    lithiation_potential: Sourced  # V vs Li of the empty interlayer; 0 V when full


@dataclass(frozen=True)
class CriticalCurrentPoint:
    """A published critical current density of a Li|SE interface: at a temperature
    [K] and stack pressure [Pa], a value [A/m2] that is measured (``"="``), an upper
    bound (``"<"``: the interface failed at the lowest current tried) or a lower bound
    (``">="``: it cycled stably at that current)."""

    temperature: float
    pressure: float
    value: float
    relation: str
    source: str


@dataclass(frozen=True)
class CriticalCurrent:
    """The critical current densities of a Li|SE interface and their law.

    Above the critical current density (CCD) a Li|SE interface fails: stripping
    faster than Li creeps back leaves voids (Spencer-Jolly et al. 2021, Kasemchainan
    et al. 2019), and plating then focuses on the remaining contact and grows
    dendrites that short the cell. Both directions follow one law, fitted to the
    published points of :attr:`points`:

    .. math::
        j_{crit}(T, P) = j_{ref}\\,\\exp\\left(-\\frac{E_a}{R}\\left(\\frac{1}{T}
            - \\frac{1}{T_{ref}}\\right)\\right)\\left(\\frac{\\min(P, P_{max})}{P_{ref}}
            \\right)^{n}

    with ``j_ref`` = :attr:`plating` or :attr:`stripping` [A/m2] at ``T_ref``
    (:attr:`temperature`) and ``P_ref`` (:attr:`pressure`); above ``P_max``
    (:attr:`pressure_limit`, the highest pressure measured) no further credit is
    given. ``n = 0`` and ``E_a = 0`` where no dependence is published.
    """

    interface: str
    plating: Sourced  # A/m2 at the reference temperature and pressure
    stripping: Sourced  # A/m2 at the reference temperature and pressure
    temperature: Sourced  # K
    pressure: Sourced  # Pa
    activation_energy: Sourced  # J/mol
    pressure_exponent: Sourced
    pressure_limit: Sourced  # Pa
    points: tuple = ()  # CriticalCurrentPoint, the published data

    def at(self, direction, temperature, pressure):
        """The critical current density [A/m2] of ``direction`` ("plating" or
        "stripping") at ``temperature`` [K] and stack ``pressure`` [Pa]."""
        reference = {"plating": self.plating, "stripping": self.stripping}[direction]
        arrhenius = np.exp(
            -float(self.activation_energy) / R_GAS * (1 / temperature - 1 / float(self.temperature))
        )
        squeeze = min(pressure, float(self.pressure_limit)) / float(self.pressure)
        return float(reference) * arrhenius * squeeze ** float(self.pressure_exponent)


_LEE = "Lee et al. Nat. Energy 5, 299 (2020)"

_SE_SIZE = S(3.3e-6, "assumed equal to Li6PS5Cl's (no composite data)")
# OBELiX, a compilation of measured room-temperature conductivities with lattice parameters
# and the DOI of each entry (arXiv:2502.14234, 2025), github NRC-Mila/OBELiX
# data/downloads/all.csv: values read there are printed values read in a digest [Pd]
_OBELIX = "OBELiX dataset (arXiv:2502.14234; NRC-Mila/OBELiX data/downloads/all.csv)"
_CAO = "Cao et al. ACS Energy Lett. 5, 3468 (2020) section 5.2"
# crystallographic density rho = Z M / (N_A V) [D]
_RHO = "rho = Z M / (N_A V) [D]"

SOLID_ELECTROLYTES = {
    m.name: m
    for m in [
        SolidElectrolyte(
            "Li6PS5Cl",
            S(
                1865.0,
                "crystallographic, a = 9.85 A, Z = 4 [D]; 1.86-1.87 printed (Minnmann 2021) [Pd]",
            ),
            S(0.18, f"1.8 mS/cm crystalline, {_LEE} [Pd]"),
            S(0.35 * EV, f"0.35 eV, {_LEE} [Pd]"),
            "argyrodite sulfide",
            S(
                3.3e-6,
                "3.3 um [D]: the size the percolation calibration gives the as-received NEI "
                "powders of Minnmann 2021 (3.1 um) and Yanev 2024 (3.5 um); Yanev's BET "
                "area (2.25 m2/g) is a 1.4 um sphere, with >20 um particles mixed in [Pd]",
            ),
        ),
        SolidElectrolyte(
            "beta-Li3PS4",
            S(
                1870.0,
                f"1.872 g/cm3, {_RHO}: Pnma, Z = 4, a = 13.066, b = 8.015, c = 6.101 A "
                f"(V = 638.9 A3), M = 180.06 g/mol; lattice listed for doi 10.1021/ja3110895 "
                f"(J. Am. Chem. Soc.) in the {_OBELIX}, entry nhq [Pd]",
            ),
            S(0.039, "0.39 mS/cm, Naik et al. ACS AMI 14, 29754 (2022) Table S2 [Pd]"),
            S(
                0.40 * EV,
                "0.40 eV, long-range transport in solvent-synthesised beta-Li3PS4, Dalton "
                "Trans. (2025) doi 10.1039/d4dt02636e, abstract [P]",
            ),
            "thiophosphate sulfide",
            _SE_SIZE,
            S(
                23.0,
                "23 [D] = C L / (eps0 A) from the bulk arc of a 400 um beta-Li3PS4 separator "
                "(40 pF, 0.785 cm2), Koerver et al. Chem. Mater. 29, 5574 (2017) [Pd]",
            ),
        ),
        SolidElectrolyte(
            "Li10GeP2S12",
            S(
                2050.0,
                f"2.053 g/cm3, {_RHO}: P42/nmc, Z = 2, a = 8.69407, c = 12.5994 A, "
                "M = 588.77 g/mol; lattice listed for doi 10.1038/nmat3066 (Nat. Mater.) "
                f"in the {_OBELIX}, entry 1hh [Pd]",
            ),
            S(1.0, "about 10 mS/cm, Kuhn, Duppel, Lotsch, Energy Environ. Sci. 6, 3548 (2013) [P]"),
            S(0.22 * EV, "0.22 eV, Kuhn et al. (2013) [P]"),
            "LGPS sulfide",
            _SE_SIZE,
        ),
        SolidElectrolyte(
            "Li7P3S11",
            S(
                1980.0,
                f"1.979 g/cm3 of the crystalline phase, {_RHO}: P-1, Z = 2, a = 12.5009, "
                "b = 6.0316, c = 12.5303 A, alpha = 102.845, beta = 113.2024, gamma = 74.467 deg "
                f"(V = 829.3 A3), M = 494.22 g/mol, {_OBELIX}, entry mdp (ICSD 157654) [Pd]; "
                "a glass-ceramic with residual glass is somewhat lighter (not quantified)",
            ),
            S(
                1.7,
                "1.7e-2 S/cm at room temperature, heat-treated Li2S-P2S5 glass-ceramic, Seino et "
                "al. 'A sulphide lithium super ion conductor is superior to liquid ion "
                "conductors for use in rechargeable batteries', Energy Environ. Sci. (2014), "
                "abstract [P] (read at scilit.net)",
            ),
            S(17000.0, "17 kJ/mol, Seino et al. (2014), abstract [P]"),
            "glass-ceramic sulfide",
            _SE_SIZE,
        ),
        SolidElectrolyte(
            "Li3InCl6",
            S(
                2690.0,
                f"2.694 g/cm3, {_RHO}: C2/m, Z = 2, a = 6.432, b = 11.093, c = 6.398 A, "
                "beta = 109.8 deg (V = 429.5 A3), M = 348.36 g/mol; lattice of the water-mediated "
                "Li3InCl6 of Li et al. Angew. Chem. Int. Ed. 58, 16427 (2019), doi "
                f"10.1002/anie.201909805, {_OBELIX}, entry de5 [Pd]",
            ),
            S(
                0.149,
                "1.49 mS/cm, mechanochemical Li3InCl6, Li et al. Energy Environ. Sci. 12, 2665 "
                f"(2019) [B] ({_CAO}, ref 108); the water-mediated Li3InCl6 of Li et al. "
                "Angew. Chem. Int. Ed. 58, 16427 (2019) gives 2.04 mS/cm [B] (2.04e-3 S/cm in "
                "OBELiX entry de5 [Pd]); 0.98-4 mS/cm depending on synthesis (Bonsu 2024 [P])",
            ),
            S(
                0.34 * EV,
                "assumed: 0.34 eV, within the few-tenths-of-an-eV range of the chloride halide "
                "conductors; no activation energy was found in a readable source",
            ),
            "halide",
            _SE_SIZE,
        ),
        SolidElectrolyte(
            "Li3YCl6",
            S(
                2430.0,
                f"2.433 g/cm3, {_RHO}: P-3m1, Z = 3, a = 11.2217, c = 6.05517 A "
                "(V = 660.4 A3), M = 322.45 g/mol; lattice of Asano et al. Adv. Mater. 30, "
                f"1803075 (2018), doi 10.1002/adma.201803075, {_OBELIX}, entry ei3 [Pd]",
            ),
            S(
                0.0539,
                "5.39e-4 S/cm at room temperature, Asano et al. (2018), as listed in the "
                f"{_OBELIX}, entry ei3 [Pd]",
            ),
            S(
                0.40 * EV,
                "assumed: 0.40 eV, within the few-tenths-of-an-eV range of the chloride halide "
                "conductors; no activation energy was found in a readable source",
            ),
            "halide",
            _SE_SIZE,
        ),
        SolidElectrolyte(
            "Ta-LLZO",
            S(5300.0, "Clausnitzer et al. Batteries & Supercaps 6, e202300167 (2023) [Pd]"),
            S(0.0769, "7.69e-4 S/cm, Clausnitzer et al. (2023) Table 1 [Pd]"),
            S(
                0.40 * EV,
                "assumed: 0.40 eV, a typical order for cubic garnets; Clausnitzer 2023, the "
                "source of the density and conductivity, gives none (literature-values.md "
                "section 1.2) and no other readable source was found",
            ),
            "garnet oxide",
            _SE_SIZE,
        ),
    ]
}

_CHEN = "Chen et al. J. Electrochem. Soc. 167, 080534 (2020)"
_RUESS = (
    "Ruess et al. JES 167, 100532 (2020), NCM811 in Li6PS5Cl, as used by Bielefeld et al. "
    "JES 169, 020539 (2022) Fig. 7a [Fd in digest]"
)
# GITT/EIS on the first charge of an NCM811 | Li6PS5Cl composite, against the Li content x:
# the chemical diffusivity relative to its plateau value 3.5e-16 m2/s [Pd], which falls about a
# hundredfold towards full lithiation and towards 4.2 V; and the exchange-current density
# relative to its value at x = 0.5 (0.126 A/m2) [D]. Measured against the equilibrium voltage
# (3.60, 3.73, 3.80, 3.84, 3.94, 4.00, 4.08, 4.19, 4.22 V); converted to Li content on Ruess's
# own first-charge OCV, x = 0.22 at 4.22 V and 1.0 at 3.59 V (Bielefeld 2022 Fig. S2 [Fd]),
# with the NMC811 OCP's shape in between [D]
_RUESS_X = "voltages converted to Li content on Ruess's OCV (x 0.22 at 4.22 V, 1.0 at 3.59 V) [D]"
NMC811_DIFFUSIVITY = SourcedTable(
    [(0.220, 0.0486), (0.387, 1.0), (0.532, 1.957), (0.618, 0.971), (0.769, 1.086), (0.983, 0.020)],
    f"{_RUESS}: 1.7e-17, 3.5e-16, 6.85e-16, 3.4e-16, 3.8e-16, 7e-18 m2/s at 4.22, 4.08, 3.94, "
    f"3.84, 3.73, 3.60 V; {_RUESS_X}",
)
NMC811_EXCHANGE_CURRENT = SourcedTable(
    [(0.258, 0.223), (0.469, 0.955), (0.663, 1.234), (0.983, 0.159)],
    f"{_RUESS}: 0.028, 0.12, 0.155, 0.02 A/m2 at 4.19, 4.0, 3.8, 3.6 V; {_RUESS_X}",
)
_J0_NMC811 = (
    "0.25 A/m2 per contact area at x = 0.5 [D]: Ruess 2020's EIS j0 of 0.126 A/m2 at x = 0.5 "
    f"on the CAM surface ({_RUESS}) of a composite at about 0.5 contact coverage (Yanev et al. "
    "JES 171, 050530 (2024) Table I: 0.50-0.53 at similar compositions [Pd]); Miss et al. ACS "
    "AMI 14, 38246 (2022) NCM83: 0.11 A/m2 on the whole sphere area [Pd], 0.22 per contact"
)
_J0_EA = (
    "54 kJ/mol [D]: the interfacial resistance of Lee et al. Nat. Energy 5, 299 (2020) falls "
    "from 50 to 5 Ohm cm2 between 25 and 60 C [Pd] (a whole-cell value, the only one "
    "reported for a CAM|sulfide cell)"
)
_D_EA = (
    "42 kJ/mol [D]: NCM811 in Li6PS5Cl, 1e-15 m2/s at 25 C and 6e-15 m2/s at 60 C, Conforto "
    "et al. (2021) [Pd in digest]"
)
_SLOPE = (
    "2.5 decades per unit of Li removed [D]: Amin & Chiang JES 163, A1512 (2016) NMC532 "
    "2.8e-4 -> 1.4e-2 S/cm between 0.1 and 0.75 Li removed (2.6) [Fd]; Stavola et al. ACS "
    "Energy Lett. 8, 1273 (2023) NMC111 model 2.5 [Dd]"
)
_SIGMA_EA = "0.15 eV: Amin & Chiang (2016) NMC532, 0.12-0.18 eV at 0.1-0.5 Li removed [Pd]"
_PROXY = "proxy: NMC811's ({})"
# pristine lattice parameters of Li1.02 NCMs (R-3m, Z = 3), de Biasi et al. J. Phys. Chem. C 121,
# 26163 (2017) Table 2, read in the Yonghoon-DEM-DFT wiki digest of the paper [Pd]; densities
# from them with V = (sqrt(3)/2) a^2 c and the stoichiometric LiMO2 mass [D]
_DEBIASI = "de Biasi et al. J. Phys. Chem. C 121, 26163 (2017) Table 2 [Pd]"

ACTIVE_MATERIALS = {
    m.name: m
    for m in [
        ActiveMaterial(
            "NMC811",
            S(4770.0, "Bielefeld et al. JES 169, 020539 (2022) Table S2 [Pd]"),
            S(
                4770.0 / 97.28e-3,
                "rho/M, one Li per LiNi0.8Mn0.1Co0.1O2 (275.5 mAh/g) [D]; "
                "Bielefeld 2022 uses 49 mol/L [Pd]",
            ),
            nmc811_ocp,
            S(
                4e-15,
                f"{_CHEN} GITT, liquid cell: the intrinsic value at full contact [P]; "
                "Ruess 2020's 3.5e-16 m2/s on a 3.1 um sphere in a composite at 0.5 coverage "
                "is the same diffusion time at theta^2 D [D]",
            ),
            S(42000.0, _D_EA),
            S(0.25, _J0_NMC811),
            S(54000.0, _J0_EA),
            S(1.57, "15.7 mS/cm, pristine NCM811 powder, Yanev et al. (2024) SI [Pd]"),
            S(5.22e-6, f"{_CHEN} [P]"),
            S(2.5, _SLOPE),
            S(0.15 * EV, _SIGMA_EA),
            NMC811_DIFFUSIVITY,
            NMC811_EXCHANGE_CURRENT,
        ),
        ActiveMaterial(
            "NMC622",
            S(4650.0, "Minnmann et al. JES 168, 040537 (2021) [Pd]"),
            S(
                35380.0,
                "35.38 kmol/m3, onto which the MSMR OCP's site total (sum X_j = 1, Verbrugge "
                "2017) is mapped [D]: 204 mA.h/g at 4.65 g/cm3, of which x = 0.127-1.000 between "
                "4.3 and 3.0 V is 178 mA.h/g, 2 % above NCM622's 200 mA.h/g C-rate basis "
                "(Minnmann 2021 [Pd]). Not one Li per LiNi0.6Mn0.2Co0.2O2 (rho/M = 47.97 kmol/m3, "
                "277 mA.h/g): on that scale the fit would take 0.87 Li out by 4.3 V (241 mA.h/g), "
                "so the MSMR's x counts its fitted galleries, not formula units (the paper's total "
                "capacity was not read). The value is the earlier proxy's scale, Mohtat et al. "
                "(2020) NMC532, PyBaMM Mohtat2020 [P]",
            ),
            nmc622_ocp,
            S(8e-15, "Mohtat et al. (2020), PyBaMM Mohtat2020 [P]"),
            S(42000.0, _PROXY.format(_D_EA)),
            S(0.25, _PROXY.format(_J0_NMC811)),
            S(54000.0, _PROXY.format(_J0_EA)),
            S(1.0, "10 mS/cm, fully lithiated NCM622, Minnmann et al. (2021) [Pd]"),
            S(3.5e-6, "Mohtat et al. (2020) [P]; Minnmann's NCM622 is 3 um [Pd]"),
            S(2.5, _PROXY.format(_SLOPE)),
            S(0.15 * EV, _SIGMA_EA),
        ),
        ActiveMaterial(
            "NCM90",
            S(
                4750.0,
                f"4.75 g/cm3, 1 % below the crystallographic 4.80 [D] ({_RHO}, Z = 3, "
                "V = (sqrt3/2) a^2 c = 101.15 A3 with NCM851005's a = 2.8700, c = 14.1795 A, "
                f"{_DEBIASI}, as a proxy for Ni 90 %; M = 97.46 g/mol): no NCM90 lattice was "
                "found; kept because the Lee 2020 validation cell uses it",
            ),
            S(4750.0 / 97.46e-3, "rho/M, LiNi0.9Co0.05Mn0.05O2, M = 97.46 g/mol [D]"),
            ncm90_ocp,
            S(4e-15, _PROXY.format(f"{_CHEN} [P]")),
            S(42000.0, _PROXY.format(_D_EA)),
            S(0.25, _PROXY.format(_J0_NMC811)),
            S(54000.0, _PROXY.format(_J0_EA)),
            S(1.57, _PROXY.format("Yanev 2024 [Pd]")),
            S(
                2.5e-6,
                "assumed: 2.5 um radius, within the range of Ni-rich NCM powders in the digests "
                "(NCM811 D50 3.3 um single-crystal agglomerates to 10.4 um polycrystalline, "
                "Yanev 2024 [Fd]); Lee 2020's methods, as transcribed in the digest, print no "
                "NCM90 particle size",
            ),
            S(2.5, _PROXY.format(_SLOPE)),
            S(0.15 * EV, _SIGMA_EA),
            NMC811_DIFFUSIVITY,
            NMC811_EXCHANGE_CURRENT,
        ),
        ActiveMaterial(
            "NMC111",
            S(
                4750.0,
                f"4.75 g/cm3, 0.6 % below the crystallographic 4.78 [D] ({_RHO}, Z = 3, "
                "V = (sqrt3/2) a^2 c = 100.53 A3 with NCM111's a = 2.8575, c = 14.2166 A, "
                f"{_DEBIASI}; M = 96.46 g/mol): kept because the Stavola 2023 validation "
                "and validation/checks.py use it",
            ),
            S(35380.0, "proxy: the scale of the NMC532 OCP it uses (PyBaMM Mohtat2020) [P]"),
            nmc111_ocp,
            S(8e-15, "proxy: NMC532, Mohtat et al. (2020) [P]"),
            S(42000.0, _PROXY.format(_D_EA)),
            S(0.25, _PROXY.format(_J0_NMC811)),
            S(54000.0, _PROXY.format(_J0_EA)),
            S(
                0.0133,
                "1.33e-4 S/cm at full lithiation, Stavola et al. ACS Energy Lett. 8, 1273 "
                "(2023) eq. S5 [Dd]",
            ),
            S(4.65e-6, "9.3 um NMC111 (MSE), Stavola et al. (2023) [Pd]"),
            S(2.5, "Stavola et al. (2023) eq. S5, 1.33e-4 -> 2.37e-3 S/cm at Li 1 -> 0.5 [Dd]"),
            S(0.15 * EV, _SIGMA_EA),
        ),
        ActiveMaterial(
            "NCA",
            S(
                4710.0,
                "4.71 g/cm3 [D]: rho = c_max M, one Li per LiNi0.8Co0.15Al0.05O2 "
                "(M = 96.08 g/mol) at the c_max of 49000 mol/m3 of Kim et al. (2011) that this "
                "entry uses [P]; no NCA lattice was found; NCM811's crystallographic density "
                f"from {_DEBIASI} is 4.79 [D] at a 1.2 % heavier formula unit",
            ),
            S(
                49000.0,
                "Kim et al. JES 158, A955 (2011), the scale of its OCP (PyBaMM NCA_Kim2011) [P]",
            ),
            nca_ocp,
            S(3e-15, "Kim et al. (2011) [P]"),
            S(20000.0, "Kim et al. (2011) [P]"),
            S(0.25, _PROXY.format(_J0_NMC811)),
            S(54000.0, _PROXY.format(_J0_EA)),
            S(10.0, "Kim et al. (2011), PyBaMM NCA_Kim2011 [P]"),
            S(1.633e-6, "Kim et al. (2011) [P]"),
            S(2.5, _PROXY.format(_SLOPE)),
            S(0.15 * EV, _SIGMA_EA),
        ),
        ActiveMaterial(
            "LiCoO2",
            S(5051.0, "Clausnitzer et al. (2023) [Pd]"),
            S(
                51217.9,
                "Dualfoil, the scale of its OCP (PyBaMM Marquis2019) [P]; rho/M = 51600 [D]",
            ),
            lco_ocp,
            S(8.48e-16, "8.48e-12 cm2/s, Clausnitzer et al. (2023) Table 1 [Pd]"),
            S(25000.0, "assumed: typical of layered oxides"),
            S(25.8, "LCO|LPSI, Miss et al. ACS AMI 14, 38246 (2022) [Pd]"),
            S(17800.0, "assumed equal to NMC811 in liquid electrolyte (Chen 2020 [P])"),
            S(447.0, "4.47 S/cm, Clausnitzer et al. (2023) Table 1 [Pd]"),
            S(2.5e-6, "r = 2.5 um, Miss et al. (2022) [Pd]"),
            S(0.0, "none modelled: pristine LiCoO2 already conducts at 4.47 S/cm [assumed]"),
            S(0.0, "none modelled [assumed]"),
        ),
    ]
}

CARBONS = {
    m.name: m
    for m in [
        Carbon(
            "carbon black",
            S(1825.0, "Shan253 ASSB dimensioning YAML [P]"),
            S(100.0, "assumed: compacted carbon-black powders conduct 10-1000 S/m"),
            S(
                0.05,
                "assumed: 5 vol%; carbon black in polymer composites percolates at 5 vol% "
                "(latex-based) to 14 vol% (solution-based), Grunlan, Gerberich & Francis (1999), "
                "abstract [P] (vivo.library.tamu.edu); not measured in an SE composite",
            ),
        ),
        Carbon(
            "VGCF",
            S(1900.0, "about 1.9 g/cm3, literature-values.md 2.4 [P]"),
            S(1000.0, "assumed: fibre networks conduct about 10x carbon black"),
            S(
                0.01,
                "assumed: 1 vol%; high-aspect-ratio fibres percolate at lower loadings than "
                "near-spherical carbon black; not verified against a measurement",
            ),
        ),
    ]
}

BINDERS = {
    m.name: m
    for m in [
        Binder(
            "PTFE",
            S(
                2200.0,
                "2.2 g/cm3: PTFE 2.13-2.22 (specific gravity, ASTM D792; Teflon PTFE data sheet, "
                "scribd.com/doc/206957263) and 2.14-2.20 g/cm3 (a2tec.de) [P]",
            ),
            S(0.0, "insulator"),
            S(0.0, "not conducting"),
        ),
        Binder(
            "NBR",
            S(
                1000.0,
                "1.0 g/cm3: NBR 0.92-1.01 g/cm3 at 20 C, polymer data sheet 'NBR "
                "acrylonitrile-butadiene elastomer' (c.coek.info) [P]",
            ),
            S(0.0, "insulator"),
            S(0.0, "not conducting"),
        ),
        Binder(
            "PVDF",
            S(1780.0, "Shan253 ASSB dimensioning YAML [P]"),
            S(0.0, "insulator"),
            S(0.0, "not conducting"),
        ),
        Binder(
            "ion-conducting binder",
            S(1200.0, "assumed: a PEO-LiTFSI-type polymer, 1.2 g/cm3 (not verified)"),
            S(
                1e-3,
                "assumed: 1e-5 S/cm at 25 C for a generic ion-conducting binder, above plain "
                "PEO, whose conductivity at room temperature is of order 1e-6 S/cm (Cao et al. "
                "ACS Energy Lett. 5, 3468 (2020) section 5.3 [B]); not changed because the "
                "tests build cells with this binder",
            ),
            S(
                0.5 * EV,
                "assumed: 0.5 eV for a semi-crystalline polymer electrolyte below its melting "
                "point (not verified)",
            ),
        ),
    ]
}

TEMPLATES = {
    "PET nonwoven": Template(
        "PET nonwoven",
        S(
            1380.0,
            "1.38 g/cm3: PET 1.37 g/cm3 (kids.kiddle.co, after Wikipedia) to 1.38-1.42 g/cm3 "
            "(IndexBox 'pet plastic density' page) [P], depending on crystallinity",
        ),
    ),
}

COATINGS = {
    m.name: m
    for m in [
        Coating(
            "LiNbO3",
            S(
                1e-3,
                "assumed: 10 Ohm cm2 per contact area, about 1 Ohm cm2 for "
                "a 140 um electrode at 50 % coverage",
            ),
        ),
        Coating("LZO", S(1e-3, f"assumed equal to LiNbO3; Li2O-ZrO2 5 nm, {_LEE} [Pd]")),
    ]
}

COLLECTORS = {
    m.name: m
    for m in [
        Collector("Al", S(2700.0, "PyBaMM Chen2020 [P]"), S(12e-6, f"{_LEE} [Pd]")),
        Collector("Cu", S(8960.0, "PyBaMM Chen2020 [P]"), S(10e-6, "Shan253 YAML [P]")),
        Collector(
            "stainless steel",
            S(
                7900.0,
                "7.9 g/cm3: 7.93 for 304/304L and 8.0 for 316/316L (supplier tables of ASTM "
                "A240 typical values, kalpatarupipings.eu and compraco.com.br) [P]; the grade of "
                "Lee 2020's SUS foil is not given in the digest",
            ),
            S(10e-6, f"SUS foil, {_LEE} [Pd]"),
        ),
        Collector(
            "Ni",
            S(
                8900.0,
                "8.9 g/cm3 (Smithsonian 'Properties of Matter' element card; 8.908 g/cm3 "
                "for high-purity Ni at 20 C, biologyinsights.com) [P]",
            ),
            S(10e-6, "assumed equal to the SUS foil"),
        ),
    ]
}

ANODES = {
    "Li metal": LithiumMetal(
        "Li metal",
        S(534.0, "literature-values.md 2.4 [P]"),
        S(6.941e-3, "IUPAC [P]"),
        S(8.87, "Sinzig et al. JES 171, 120519 (2024) Table VI [Pd]"),
        S(0.0, "assumed: no activation energy reported for Li|LPSCl"),
        S(
            5e-4,
            "assumed: 5 Ohm cm2; Lee (2020) reports 5 Ohm cm2 total interface "
            "resistance at 60 C and 50 Ohm cm2 at 25 C [Pd]",
        ),
        S(
            0.998,
            "assumed equal to Li plated on Li in Lee et al. Nat. Energy 5, 299 (2020): after "
            "its first charge the anode-free cell plates Li on Li, at a CE above 99.8 % over "
            "1000 cycles at 0.5C, 60 C [Pd] (medians 99.88-99.90 % up to cycle 800 [Fd in "
            "digest]); no plating CE of a Li foil on a sulfide SE is printed (literature "
            "survey 7; full-cell CEs of 99.1-99.9 % include the cathode's losses: Koerver 2017, "
            "Choi 2024 [Pd])",
        ),
    ),
}

_SANTHOSHA = "Santhosha et al. Batteries & Supercaps 2, 524 (2019), liquid cell vs Li"
ALLOY_ELECTRODES = {
    "In/InLi": AlloyElectrode(
        "In/InLi",
        "In",
        S(7310.0, "CRC Handbook, indium at 25 C [P]"),
        S(114.818e-3, "IUPAC [P]"),
        S(0.622, f"In + InLi two-phase plateau, {_SANTHOSHA} [Pd] (0.62 V in Minnmann 2021 [Pd])"),
        S(0.01, f"about 1 at% Li, {_SANTHOSHA} [Fd]"),
        S(0.47, f"about 47 at% Li, then the InLi single phase falls 280 mV, {_SANTHOSHA} [Fd]"),
        S(0.33, "67/33 at% In/Li, Conforto et al. (2021) [Pd]; Minnmann 2021: x about 0.3 [Pd]"),
        S(100e-6, "assumed: a 100 um In foil (lab cells use 50-125 um; no thickness printed)"),
        S(8.87, "assumed equal to Li|Li6PS5Cl's: no In/InLi|SE j0 printed (literature survey)"),
        S(5e-4, "assumed equal to Li's 5 Ohm cm2: only total-impedance figures are published"),
        SourcedTable(
            [
                (0.0, 1.95),  # pure In: 1.9-2.0 V [Fd]
                (0.001, 1.88),  # 0.1 at% [Fd]
                (0.01, 0.622),  # the plateau from its Li-poor end [Fd], at 0.622 V [Pd]
                (0.47, 0.622),  # to its Li-rich end, 47 at% [Pd]
                (0.489, 0.342),  # InLi single phase: -280 mV over 1.9 at% [Pd]
                (0.517, 0.339),  # InLi + In4Li5, 0.339 V [Pd], 49-51.7 at% [Fd]
                (0.537, 0.30),  # its sag, 0.32 -> 0.30 V at 52-53.7 at% [Fd]
                (0.547, 0.17),  # In4Li5 + In2Li3 begins, 0.17 -> 0.14 V at 54.7-55.5 at% [Fd]
                (0.555, 0.14),
                (0.60, 0.122),  # In2Li3, 0.122 V [Pd]; the titration stopped at 60 at% [Pd]
            ],
            f"{_SANTHOSHA}, Fig. 1 (coulometric titration, OCV after 0.5 h rests) and Fig. 2a, "
            "as read in the digest santhosha2019 of Yonghoon-DEM-DFT wiki/raw/papers@f250306b "
            "[Pd]/[Fd]. Linear between the points (assumed: the digest gives no points between "
            "them); the plateau is held at the printed 0.622 V, its 15 mV sag in Fig. 1 being "
            "the 0.5 h rests' residual polarisation (digest). The Li-poor branch (0-1 at%, the "
            "In(Li) terminal solid solution) is read at two points only",
        ),
    ),
}

INTERLAYERS = {
    "Ag-C": Interlayer(
        "Ag-C",
        S(1500.0, "assumed in literature-values.md 2.5 [D]: Ag:C 1:3 wt with 7 wt% PVDF"),
        S(10e-6, f"5-10 um, {_LEE} [Pd]"),
        S(
            1e-4,
            "assumed: 1 Ohm cm2, the ~0.09 V at 2 mA/cm2 of Spencer-Jolly 2023 [Fd] "
            "is mostly the lithiation plateau",
        ),
        S(
            0.998,
            f"CE above 99.8 % over 1000 cycles at 0.5C, 60 C, {_LEE} [Pd] (the median falls to "
            "about 99.2 % in cycles 900-1000 [Fd in digest])",
        ),
        S(
            0.046,
            "0.46 um of Li per 10 um of Ag-C [D]: Lee's Ag-C cell has a first-cycle efficiency "
            "of 91.8 % against 93.1 % without Ag-C, about 3 mA.h/g of the 233 mA.h/g charge on "
            f"31.6 mg/cm2 of NCM90 = 0.095 mA.h/cm2 = 0.46 um of Li ({_LEE} SI Fig. S7 [Fd in "
            "digest]); the Ag-C half cell keeps about 0.2 of 2.2 mA.h (Lee [Fd])",
        ),
        S(
            0.2643,
            "2.64 um of Li per 10 um of Ag-C [D]: in Lee's full cell the voltage rises quickly "
            "to 3.55 V at 0.64 mA.h/cm2 and its slope then 'declines drastically' (Li plating; "
            "Fig. 4 [Pd]; the Ag-C cell needs about 22 mA.h/g = 0.70 mA.h/cm2 to 3.55 V, SI "
            "Fig. S7 [Fd]); less the 0.095 mA.h/cm2 the first charge loses (above): 0.545 "
            "mA.h/cm2 x 4.850 um per mA.h/cm2. By 3.6 V (1.12 mA.h/cm2) 6 um of Li is plated "
            f"[Pd], so plating began well before: the knee at 0.64 mA.h/cm2 is taken as its "
            f"onset ({_LEE}, via the digest "
            "lee2020 of Yonghoon-DEM-DFT wiki/raw/papers@98f27390)",
        ),
        S(
            1.0,
            "1 V vs Li: the Ag-C|Li half cell lithiates 'at 0-1 V vs Li, sloping' (0.8 -> 0.05 "
            f"V over 2.2 mA.h, 2.0 mA.h back, SI Fig. S4c [Fd]), {_LEE}; linear from 1 V "
            "(empty) to 0 V (full) is assumed, the digest giving no points in between",
        ),
    ),
    "none": Interlayer(
        "none",
        S(0.0, "bare collector: no interlayer (definition)"),
        S(0.0, "bare collector: no interlayer (definition)"),
        S(0.0, "bare collector: no interlayer (definition)"),
        S(0.80, "assumed: plating on bare stainless steel is less reversible than on Ag-C"),
        S(0.0, "bare collector: no interlayer (definition)"),
        S(0.0, "bare collector: no interlayer (definition)"),
        S(0.0, "bare collector: Li plates at 0 V vs Li (definition)"),
    ),
}

_SPENCER_JOLLY_2021 = (
    "Spencer-Jolly et al. ACS Appl. Mater. Interfaces 13, 22708 (2021), abstract "
    "(peeref.com/works/21950094) [P]"
)
_MPA = 1e6
_LI_LPSCL_POINTS = (
    CriticalCurrentPoint(
        298.15, 1 * _MPA, 2.5, "<", f"< 0.25 mA/cm2 at 25 C, 1 MPa, {_SPENCER_JOLLY_2021}"
    ),
    CriticalCurrentPoint(
        333.15, 1 * _MPA, 2.5, "=", f"0.25 mA/cm2 at 60 C, 1 MPa, {_SPENCER_JOLLY_2021}"
    ),
    CriticalCurrentPoint(
        353.15, 1 * _MPA, 5.0, "=", f"0.5 mA/cm2 at 80 C, 1 MPa, {_SPENCER_JOLLY_2021}"
    ),
    CriticalCurrentPoint(
        353.15,
        5 * _MPA,
        25.0,
        ">=",
        f"stable cycling at 2.5 mA/cm2, 80 C, 5 MPa, {_SPENCER_JOLLY_2021}",
    ),
)
_AGC_POINTS = (
    CriticalCurrentPoint(
        333.15,
        2 * _MPA,
        32.0,
        ">=",
        "plating: more than 1000 cycles at 3.2 mA/cm2, 60 C, 2 MPa, Lee et al. Nat. Energy 5, 299 "
        "(2020), as cited by Spencer-Jolly et al. Joule 7, 503 (2023) (digest "
        "spencerjolly2023 of Yonghoon-DEM-DFT wiki/raw/papers@41198055) [Pd]",
    ),
    CriticalCurrentPoint(
        333.15,
        2 * _MPA,
        136.0,
        ">=",
        "stripping: a 2C discharge (13.6 mA/cm2, 1C = 6.8 mA/cm2) delivers about 85 % of 0.2C, "
        "60 C, 2 MPa, Lee et al. (2020) [Fd in digest]",
    ),
)

# Li|SE critical current densities by (Li side, solid electrolyte). The Li side is
# "Li metal" (a foil, or Li plated on a bare collector) or an interlayer. No value is
# published for other pairs (In/InLi, halides, oxides): the cell then carries none
# unless its file gives one.
CRITICAL_CURRENTS = {
    ("Li metal", "Li6PS5Cl"): CriticalCurrent(
        "Li|Li6PS5Cl",
        S(
            2.5,
            f"0.25 mA/cm2 at 60 C and 1 MPa in Li|Li6PS5Cl|Li cells, {_SPENCER_JOLLY_2021}; "
            "symmetric cells strip and plate at once, so the one value bounds both "
            "directions (the failure starts with voids on stripping: Kasemchainan et al. "
            "Nat. Mater. 18, 1105 (2019), title)",
        ),
        S(2.5, f"as plating: 0.25 mA/cm2 at 60 C and 1 MPa, {_SPENCER_JOLLY_2021}"),
        S(333.15, "60 C, the reference point of the fit (definition)"),
        S(1 * _MPA, f"1 MPa, {_SPENCER_JOLLY_2021}"),
        S(
            33902.0,
            "33.9 kJ/mol [D]: Arrhenius through 0.25 mA/cm2 at 60 C and 0.5 at 80 C (1 MPa), "
            f"Ea = R ln(0.5/0.25) / (1/333.15 K - 1/353.15 K), {_SPENCER_JOLLY_2021}; it gives "
            "0.059 mA/cm2 at 25 C, below the < 0.25 printed there",
        ),
        S(
            1.0,
            "1 [D]: the 2.5 mA/cm2 at 5 MPa and 80 C against 0.5 at 1 MPa and 80 C, "
            f"ln(2.5/0.5) / ln(5/1), {_SPENCER_JOLLY_2021}; 2.5 mA/cm2 was cycled stably, not "
            "a failure, so the law is a lower bound there. Higher pressures short Li|Li6PS5Cl "
            "cells by Li creep (75 MPa before any current, Doux et al. Adv. Energy Mater. 10, "
            "1903253 (2020) [Pd])",
        ),
        S(5 * _MPA, f"5 MPa, the highest pressure measured, {_SPENCER_JOLLY_2021}"),
        _LI_LPSCL_POINTS,
    ),
    ("Ag-C", "Li6PS5Cl"): CriticalCurrent(
        "Ag-C|Li6PS5Cl",
        S(
            32.0,
            "3.2 mA/cm2, a lower bound: Lee's Ag-C (carbon black) cells cycled more than 1000 "
            "times at 3.2 mA/cm2, 60 C, 2 MPa [Pd] (see the points); an Ag-graphite interlayer "
            "does not suppress dendrites at and above 2.5 mA/cm2 (60 C, 2 MPa, Spencer-Jolly et "
            "al. Joule 7, 503 (2023) abstract [Pd]), a different carbon",
        ),
        S(
            136.0,
            "13.6 mA/cm2, a lower bound: Lee's 2C discharge strips the plated Li at 13.6 mA/cm2, "
            "60 C [Fd in digest]",
        ),
        S(333.15, "60 C, Lee et al. (2020) [Pd]"),
        S(2 * _MPA, "2 MPa, Lee et al. (2020) [Pd]"),
        S(0.0, "assumed: no temperature dependence published for Ag-C; held at Lee's 60 C"),
        S(0.0, "assumed: no pressure dependence published for Ag-C; held at Lee's 2 MPa"),
        S(2 * _MPA, "Lee et al. (2020) [Pd]: the only pressure (no dependence, above)"),
        _AGC_POINTS,
    ),
}

LIBRARY = {
    "solid electrolyte": SOLID_ELECTROLYTES,
    "cathode active material": ACTIVE_MATERIALS,
    "carbon": CARBONS,
    "binder": BINDERS,
    "template": TEMPLATES,
    "coating": COATINGS,
    "collector": COLLECTORS,
    "anode": ANODES,
    "alloy electrode": ALLOY_ELECTRODES,
    "interlayer": INTERLAYERS,
}


def get(kind, name):
    """Return the material ``name`` of ``kind`` (a key of :data:`LIBRARY`)."""
    if kind not in LIBRARY:
        raise UnknownMaterialError(f"unknown material kind {kind!r}; known: {sorted(LIBRARY)}")
    table = LIBRARY[kind]
    if name not in table:
        raise UnknownMaterialError(f"unknown {kind} {name!r}; known: {sorted(table)}")
    return table[name]


def sourced_values(material):
    """(field, value) pairs of a material's numeric properties."""
    return [
        (f.name, getattr(material, f.name))
        for f in fields(material)
        if isinstance(getattr(material, f.name), float)
    ]
