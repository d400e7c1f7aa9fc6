"""Default values of a cell design where the cell file is silent, each with its source.

Material properties live in :mod:`materials`; these are the choices a design
makes when it does not state them (closure exponents, contact coverage,
operating window, reference temperature, the coefficients of the
microstructure laws). Each is a :class:`~.materials.Sourced` float.
"""

from .materials import S

# --- operation --------------------------------------------------------------------
REFERENCE_TEMPERATURE = S(298.15, "25 C: the library's values are given there (definition)")
TEMPERATURE = S(298.15, "assumed: room temperature, 25 C")
STACK_PRESSURE = S(
    2e6, "assumed: 2 MPa, the operating pressure of Lee et al. Nat. Energy 5, 299 (2020) [Pd]"
)
LOWER_CUTOFF = S(3.0, "assumed: usual lower cut-off of layered oxides vs Li")
UPPER_CUTOFF = S(4.25, "Lee et al. Nat. Energy 5, 299 (2020) cycling window [Pd]")

# --- cycling -----------------------------------------------------------------------------
ACTIVE_MATERIAL_LOSS_PER_CYCLE = S(
    0.0,
    "assumed: no CAM isolated per cycle unless the design says (the fade is the anode's CE). "
    "Published whole-cell fade rates bound it from above: Lee et al. Nat. Energy 5, 299 "
    "(2020) 89 % after 1000 cycles [Pd], 1.2e-4 per cycle if all of it were CAM loss [D]; "
    "Choi 2024 pouch 85 % after 300 cycles at CE 99.9 % [Pd], 5.4e-4 per cycle [D] "
    "(impedance survey 6.2); Koerver et al. Chem. Mater. 29, 5574 (2017) attribute NCM811's "
    "fade to interphase growth and contact loss, without a per-cycle split",
)

# --- transport closures -----------------------------------------------------------
SE_BRUGGEMAN_EXPONENT = S(
    3.0,
    "assumed: sulfide composites fit 2.2-3.0 (Bielefeld et al. ACS AMI 12, 12821 (2020) [D]) "
    "to 3.4-3.7 (Stavola et al. ACS Energy Lett. 8, 1273 (2023) [Pd])",
)
SE_TORTUOSITY_FACTOR = S(4.33, "4.33 at 41.6 vol% CAM, Minnmann et al. JES 168, 040537 (2021) [Fd]")
SEPARATOR_BRUGGEMAN_EXPONENT = S(1.5, "classical value for spheres; a dense film is unaffected")
ACTIVE_MATERIAL_BRUGGEMAN_EXPONENT = S(1.5, "Sinzig et al. JES 171, 120519 (2024) [Pd]")
CARBON_BRUGGEMAN_EXPONENT = S(1.5, "assumed: classical spheres")
BINDER_BRUGGEMAN_EXPONENT = S(1.5, "assumed: classical spheres")

# --- percolation ---------------------------------------------------------------------
# Transport efficiency of the SE (ionic) and CAM (electronic) networks of a composite,
# T = ((eps - eps_c) / (1 - eps_c))^mu above the threshold eps_c = (1 - void) k / (k + R),
# k = phi_c0 / (1 - phi_c0), R the size ratio of the other phase's particles to the
# phase's own (contact-share argument of Bouvard & Lange, Acta Metall. Mater. 39, 3083
# (1991)). phi_c0 and mu fitted jointly to the ionic and electronic effective
# conductivities of Minnmann et al. JES 168, 040537 (2021) and Yanev et al. JES 171,
# 050530 (2024) and the electronic ones of Stavola et al. ACS Energy Lett. 8, 1273 (2023)
# (asslb_sim/validation/data/measured-effective-conductivity.csv; Stavola's ionic values are
# inconsistent with the other two papers' at any shared law and were left out: see the
# README, "How well it predicts"); every fitted point within a factor of 1.98
_CALIBRATION = (
    "fitted to the measured effective conductivities of Minnmann 2021, Yanev 2024 and "
    "Stavola 2023 (electronic) [D]"
)
EQUAL_SIZE_THRESHOLD = S(0.2264, f"phi_c0, the threshold for equal particle sizes: {_CALIBRATION}")
PERCOLATION_EXPONENT = S(
    2.224, f"one exponent for both networks, {_CALIBRATION}; 3D lattice percolation: 2.0"
)
SE_PERCOLATION_THRESHOLD = S(
    0.20,
    "limiting fraction about 20 vol% for both SE and CAM, Clausnitzer et al. "
    "Batteries & Supercaps 6, e202300167 (2023) [Pd] (binder and separator SE)",
)
PERCOLATION_FLOOR = S(1e-6, "assumed: keeps the effective conductivity finite below the threshold")
CONNECTIVITY_WIDTH = S(
    0.10, "assumed: the connected fraction rises linearly over 10 vol% above the threshold"
)
# contact coverage theta of the CAM by the percolating SE: theta = a S^b with S the SE's
# excess over its threshold, (eps - eps_c) / (1 - eps_c)
COVERAGE_PREFACTOR = S(
    0.91,
    "fitted to the coverages of Yanev et al. (2024) Table I, granular NCM811 at 51-90 wt% "
    "(0.53, 0.50, 0.42, 0.18 [Pd]; each within 25 %) [D]",
)
COVERAGE_EXPONENT = S(
    0.593, "fitted with COVERAGE_PREFACTOR [D]; percolation's order exponent: 0.41"
)
COVERAGE_FLOOR = S(
    0.05, "assumed: the contact a CAM particle keeps with SE below the SE's threshold"
)
# the laws a cathode uses unless its cell file chooses others
CATHODE_LAWS = {
    "solid_electrolyte_transport": "percolation",
    "active_material_transport": "percolation",
    "carbon_transport": "percolation",
}

# --- CAM particles ------------------------------------------------------------------
DIFFUSIVITY_CONTACT_EXPONENT = S(
    2.0,
    "theta^2 D: the apparent diffusivity of a particle covered by the SE on a fraction theta "
    "of its surface, as galvanostatic titration measures it; Yanev et al. JES 171, 050530 "
    "(2024) define the coverage as sqrt(D_ASSB/D_LIB) [Pd]",
)

# --- charge stored at interfaces (used by the model option surface_form = "differential":
# impedance spectra and the first seconds of a current step) ---------------------------
CAM_SE_DOUBLE_LAYER_CAPACITY = S(
    0.1,
    "10 uF/cm2 per CAM|SE contact area, inside both published ranges: 5.5-31 uF/cm2 from "
    "transmission-line fits of LiNbO3-NMC83 | argyrodite cathodes at 97-389 MPa, per particle "
    "surface (Ramanayagam et al. Batteries & Supercaps (2026) doi 10.1002/batt.70315 [D] from "
    "[Pd]), and 3.8-17.5 uF/cm2 per NMC surface for NMC622 | Li6PS5Cl (Orue Mendizabal et al. "
    "ACS Appl. Energy Mater. 6, 11030 (2023) [Dd])",
)
LITHIUM_DOUBLE_LAYER_CAPACITY = S(
    0.22,
    "22 uF/cm2, Li|Li6PS5Cl, the value Islam et al. (manuscript, 2026) take from Li et al. "
    "J. Energy Chem. (2025) [Pd, not checked against the original]; assumed for alloy and "
    "interlayer anodes too. The mF/cm2 arc of Li|Li6PS5Cl|Li cells near 10 Hz (Orue Mendizabal "
    "et al. 2023 [Pd]) is a chemical capacitance, 100x a double layer, not this",
)
SE_RELATIVE_PERMITTIVITY = S(
    23.0,
    "assumed: beta-Li3PS4's 23 (Koerver et al. Chem. Mater. 29, 5574 (2017) [D]) for a "
    "solid electrolyte without a published value; it only places the bulk arc, "
    "f = kappa / (2 pi eps0 eps_r), above about 10 MHz for a sulfide at 25 C",
)
FILM_CAPACITY = S(
    0.027,
    "assumed: 2.7 uF/cm2 per contact area = eps0 eps_r / d [D] for a 10 nm film with "
    "eps_r 30, the lower (c-axis) dielectric constant of crystalline LiNbO3 (28-30); no "
    "measured capacitance of a coating on a CAM in a sulfide cell was found",
)
SE_GRAIN_BOUNDARY_PERMITTIVITY = S(
    3.8e4,
    "apparent eps_r of the grain boundaries of cold-pressed sulfide pellets, C l / (eps0 A): "
    "1.6e4-9e4 [D] from 1.4-7.4e-9 F/cm (Li6PS5Cl, Orue Mendizabal et al. ACS Appl. Energy "
    "Mater. 6, 11030 (2023) [Pd]) and 8.2e-9 F/cm (beta-Li3PS4, Koerver et al. Chem. Mater. "
    "29, 5574 (2017) [D]); their geometric mean",
)
