"""Microstructure laws evaluated when a cell is composed: percolation and connectivity.

The coefficients are numbers with sources in
:mod:`asslb_sim.parameter_sets.defaults`; the laws are stated here.
"""

from __future__ import annotations

import math

from ..parameter_sets import defaults


def cam_percolation_threshold(radius):
    """CAM-only electronic percolation threshold (volume fraction) for particle radius [m].

    .. math:: p_c = (A \\ln(d / \\mu m) + B) / 100, \\qquad d = 2R

    with A = 7.83 and B = 36.67 (Bielefeld et al. J. Phys. Chem. C 123, 1626
    (2019) [Pd]).
    """
    d_um = 2 * radius * 1e6
    return (
        float(defaults.CAM_THRESHOLD_SLOPE) * math.log(d_um)
        + float(defaults.CAM_THRESHOLD_INTERCEPT)
    ) / 100


def connected_fraction(eps, threshold, width=None):
    """Fraction of a phase in its percolating cluster: 0 below ``threshold``, rising
    linearly to 1 over ``width`` above it (assumed law)."""
    width = float(defaults.CONNECTIVITY_WIDTH) if width is None else width
    return min(max((eps - threshold) / width, 0.0), 1.0)


def isolated_fraction_from_percolation(eps, radius, carbon_threshold, ion_conducting_binder):
    """CAM fraction cut off from the electronic or the ionic network.

    Electronic: connected through carbon when carbon is above its percolation
    threshold (``carbon_threshold``, None without carbon), otherwise through
    CAM-CAM contacts above the size-dependent CAM threshold
    (:func:`cam_percolation_threshold`). Ionic: the SE phase (plus an
    ion-conducting binder) above the SE threshold. The connected fraction of each
    network follows :func:`connected_fraction`; ``f_iso = 1 - f_el f_ion``.
    """
    if carbon_threshold is not None and eps["carbon"] >= carbon_threshold:
        f_el = 1.0
    else:
        f_el = connected_fraction(eps["active_material"], cam_percolation_threshold(radius))
    ionic = eps["solid_electrolyte"] + (eps["binder"] if ion_conducting_binder else 0.0)
    f_ion = connected_fraction(ionic, float(defaults.SE_PERCOLATION_THRESHOLD))
    return min(1 - f_el * f_ion, 1 - 1e-9)
