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
LOWER_CUTOFF = S(3.0, "assumed: usual lower cut-off of layered oxides vs Li")
UPPER_CUTOFF = S(4.25, "Lee et al. Nat. Energy 5, 299 (2020) cycling window [Pd]")

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

# --- CAM|SE interface ---------------------------------------------------------------
CONTACT_COVERAGE = S(
    0.5, "Yanev et al. JES 171, 050530 (2024) Table I, gran73 coverage 50.3 % [Pd]"
)

# --- percolation -------------------------------------------------------------------
SE_PERCOLATION_THRESHOLD = S(
    0.20,
    "limiting fraction about 20 vol% for both SE and CAM, Clausnitzer et al. "
    "Batteries & Supercaps 6, e202300167 (2023) [Pd]",
)
PERCOLATION_EXPONENT = S(2.0, "assumed: 3D lattice percolation conductivity exponent ~2 [M]")
PERCOLATION_FLOOR = S(1e-6, "assumed: keeps the effective conductivity finite below the threshold")
CONNECTIVITY_WIDTH = S(
    0.10, "assumed: the connected fraction rises linearly over 10 vol% above the threshold"
)
# CAM-only electronic percolation threshold p_c = (A ln(d/um) + B) / 100, d = 2 R
CAM_THRESHOLD_SLOPE = S(7.83, "Bielefeld et al. J. Phys. Chem. C 123, 1626 (2019) [Pd]")
CAM_THRESHOLD_INTERCEPT = S(36.67, "Bielefeld et al. J. Phys. Chem. C 123, 1626 (2019) [Pd]")

# --- CAM particles ------------------------------------------------------------------
DIFFUSIVITY_CONTACT_EXPONENT = S(
    2.0,
    "theta^2 D: the apparent diffusivity of a particle covered by the SE on a fraction theta "
    "of its surface, as galvanostatic titration measures it; Yanev et al. JES 171, 050530 "
    "(2024) define the coverage as sqrt(D_ASSB/D_LIB) [Pd]",
)
