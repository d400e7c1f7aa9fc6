"""Microstructure laws evaluated when a cell is composed: percolation thresholds of the
SE and CAM networks from the particle sizes, the CAM|SE contact coverage, and the CAM
cut off from either network.

The coefficients are numbers with sources in
:mod:`asslb_sim.parameter_sets.defaults` (fitted to measured effective conductivities
and coverages, see there); the laws are stated here.
"""

from __future__ import annotations

from ..parameter_sets import defaults


def size_ratio_threshold(void, own_size, other_size, equal_size_threshold=None):
    """Percolation threshold (fraction of the total volume) of a phase of particles of
    diameter ``own_size`` mixed with particles of ``other_size`` (same units).

    .. math::
        \\varepsilon_c = (1 - \\varepsilon_{void})\\,\\frac{k}{k + R}, \\qquad
        k = \\frac{\\phi_{c,0}}{1 - \\phi_{c,0}}, \\qquad
        R = \\frac{d_{other}}{d_{own}}

    A small particle among large ones percolates at a small share of the solids: a
    large particle's surface holds many small ones (the contact-share argument of
    Bouvard & Lange, Acta Metall. Mater. 39, 3083 (1991)); for equal sizes the
    threshold is ``phi_c0`` of the solids (``EQUAL_SIZE_THRESHOLD``).
    """
    if own_size <= 0 or other_size <= 0:
        raise ValueError(f"particle sizes must be positive, got {own_size!r} and {other_size!r}")
    if equal_size_threshold is None:
        equal_size_threshold = defaults.EQUAL_SIZE_THRESHOLD
    phi0 = float(equal_size_threshold)
    k = phi0 / (1 - phi0)
    ratio = other_size / own_size
    return (1 - void) * k / (k + ratio)


def percolation_excess(eps, threshold):
    """``max(eps - eps_c, 0) / (1 - eps_c)``: the share of a phase above its threshold."""
    return max(eps - threshold, 0.0) / (1 - threshold)


def percolation_efficiency(eps, threshold, exponent=None, floor=None):
    """Transport efficiency of the percolation law, ``max(S^mu, T_floor)`` with
    ``S`` the :func:`percolation_excess` (the model's law, evaluated at composition)."""
    mu = float(defaults.PERCOLATION_EXPONENT if exponent is None else exponent)
    low = float(defaults.PERCOLATION_FLOOR if floor is None else floor)
    return max(percolation_excess(eps, threshold) ** mu, low)


def contact_coverage(eps_se, se_threshold):
    """Fraction of the CAM surface in contact with the percolating SE.

    .. math:: \\theta = \\min(\\max(a\\,S^{b}, \\theta_{min}), 1),
        \\qquad S = \\frac{\\max(\\varepsilon_{SE} - \\varepsilon_{c,SE}, 0)}
        {1 - \\varepsilon_{c,SE}}

    ``a`` and ``b`` (``COVERAGE_PREFACTOR``, ``COVERAGE_EXPONENT``) are fitted to
    coverages measured by titration (Yanev et al. 2024); ``theta_min``
    (``COVERAGE_FLOOR``) is the contact a CAM particle keeps with SE below the
    threshold.
    """
    a = float(defaults.COVERAGE_PREFACTOR)
    b = float(defaults.COVERAGE_EXPONENT)
    theta = a * percolation_excess(eps_se, se_threshold) ** b
    return min(max(theta, float(defaults.COVERAGE_FLOOR)), 1.0)


def connected_fraction(eps, threshold, width=None):
    """Fraction of a phase in its percolating cluster: 0 below ``threshold``, rising
    linearly to 1 over ``width`` above it (assumed law)."""
    width = float(defaults.CONNECTIVITY_WIDTH) if width is None else width
    return min(max((eps - threshold) / width, 0.0), 1.0)


def isolated_fraction_from_percolation(eps, thresholds, carbon_threshold, ion_conducting_binder):
    """CAM fraction cut off from the electronic or the ionic network.

    ``thresholds`` holds the ``"active_material"`` and ``"solid_electrolyte"``
    percolation thresholds (:func:`size_ratio_threshold`). Electronic: connected
    through carbon when carbon is above its percolation threshold
    (``carbon_threshold``, None without carbon), otherwise through CAM-CAM contacts
    above the CAM threshold. Ionic: the SE phase (plus an ion-conducting binder)
    above the SE threshold. The connected fraction of each network follows
    :func:`connected_fraction`; ``f_iso = 1 - f_el f_ion``.
    """
    if carbon_threshold is not None and eps["carbon"] >= carbon_threshold:
        f_el = 1.0
    else:
        f_el = connected_fraction(eps["active_material"], thresholds["active_material"])
    ionic = eps["solid_electrolyte"] + (eps["binder"] if ion_conducting_binder else 0.0)
    f_ion = connected_fraction(ionic, thresholds["solid_electrolyte"])
    return min(1 - f_el * f_ion, 1 - 1e-9)


def network_thresholds(void, cam_diameter, se_diameter):
    """Percolation thresholds of the SE and the CAM networks of a composite.

    The SE's follows :func:`size_ratio_threshold`: a fine SE among coarse CAM
    percolates early (the fine-SE and single-crystal composites of Minnmann 2021 and
    Yanev 2024 conduct ions where the coarse ones do not). The CAM's is the
    equal-size value ``(1 - void) phi_c0`` whatever the sizes: pressing pushes the
    hard CAM particles into contact through the soft sulfide, so that the
    rigid-sphere size effect (thresholds of 45-58 vol% for 3-15 um CAM, Bielefeld et
    al. 2019) is not seen: 42 vol% carbon-free 10 um NCM811 cycles (Ruess 2020;
    Bielefeld et al. 2022 had to force the CAM to percolate to model it), and 9.3 um
    NMC111 still conducts electrons at 18 vol% (Stavola 2023, 130 times less than at
    76 vol%; below even this threshold, where the law's floor under-predicts it).
    """
    return {
        "solid_electrolyte": size_ratio_threshold(void, se_diameter, cam_diameter),
        "active_material": size_ratio_threshold(void, cam_diameter, cam_diameter),
    }
