"""The analytic impedance of a composite layer: a two-rail transmission line.

A composite cathode (CAM + SE + carbon) conducts ions through its SE network and
electrons through its CAM (and carbon) network. Between two contacts it is a
transmission line (de Levie 1963; the general two-rail line of Bisquert, PCCP 2, 4185
(2000), "Influence of the boundaries in the impedance of porous film electrodes"; applied
to all-solid-state electrode layers by Siroma et al., J. Power Sources 316, 215 (2016);
reviewed by Bumberger, Nenning and Fleig, PCCP (2024), doi:10.1039/d4cp00975d): an
ionic rail of resistance per length ``chi_1 = 1/sigma_ion`` [Ohm.m] and an electronic
rail ``chi_2 = 1/sigma_el``, per unit area, coupled at every depth ``x`` by the
CAM|SE (and carbon|SE) interface of impedance ``zeta`` per unit volume. With
``u = phi_1 - phi_2`` and the rail currents ``i_1 + i_2 = I``::

    d(phi_1)/dx = -chi_1 i_1,  d(phi_2)/dx = -chi_2 i_2,  d(i_1)/dx = -u / zeta
    =>  d2u/dx2 = (chi_1 + chi_2) u / zeta,   lambda = sqrt(zeta / (chi_1 + chi_2))

Everything below is written with the layer's areal totals (per electrode area, so
spectra in Ohm.cm2 need no area): ``R_ion = L/sigma_ion``, ``R_el = L/sigma_el``, the
interface of the whole layer ``Z_int = zeta / L`` (a capacitor or constant-phase
element ``Q (j w)^alpha``, optionally in parallel with a charge-transfer resistance
``R_ct``: ``Z_int = 1 / (1/R_ct + Q (j w)^alpha)``) and ``nu = L/lambda =
sqrt((R_ion + R_el) / Z_int)``. Solving the line with each configuration's boundary
conditions gives (``R_par = R_ion R_el / (R_ion + R_el)``, ``R_sum = R_ion + R_el``):

- ``"electron-blocking"`` (SE | composite | SE: ionic contacts at both faces, the
  electronic rail blocked at both; derived here from the line above, the symmetric case
  of Bisquert 2000 and Bumberger 2024)::

      Z = R_par + 2 R_ion^2 / (R_sum nu) tanh(nu / 2)

  from ``R_par`` at high frequency to ``R_ion`` at low frequency (ions cross the layer
  in their own rail at DC): the measurement of sigma_ion,eff (Minnmann et al., JES
  168, 040537 (2021); Yanev et al. 2024).
- ``"ion-blocking"`` (electronic contacts at both faces, e.g. steel | composite |
  steel, Siroma's "electron-electron connection"): the same with ``R_ion`` and ``R_el``
  exchanged, from ``R_par`` to ``R_el``: the measurement of sigma_el,eff.
- ``"mixed"`` (the general case, "both rails, each blocked at one face": an ionic
  contact at one face, an electronic contact at the other, as SE | composite |
  collector; Bisquert 2000, eq. for the rails contacted at opposite ends)::

      Z = R_par (1 + 2 / (nu sinh nu)) + (R_ion^2 + R_el^2) / (R_sum nu) coth(nu)

  ``R_par`` at high frequency; with a blocking interface at low frequency
  ``Z -> Z_int + R_sum / 3``, the ``R_ion / 3`` of a blocking porous electrode when the
  electronic rail is much more conductive.

In every configuration ``Z - R_par`` goes as ``nu^-1``, i.e. as ``Z_int^(1/2)``, at
high frequency: a straight branch at ``45 alpha`` degrees to the real axis.

Series elements of the measured cell (:class:`SeriesElements`): a resistance (contacts,
leads), the SE separator layers' resistance ``R_SE`` in parallel with their geometric
capacitance ``C_geo = eps_0 eps_r / L_SE``, and blocking contacts (a CPE), added to
``Z``. Units at this surface: Ohm.cm2, F.cm-2 (``Q`` in F.cm-2.s^(alpha-1)), Hz.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

import numpy as np

from ..errors import CellDefinitionError

CONFIGURATIONS = ("electron-blocking", "ion-blocking", "mixed")
# below this |nu| the hyperbolic terms are evaluated from their Taylor series: the
# closed forms lose digits to cancellation there (the series' first omitted term is
# below 1e-12 of the kept ones at |nu| = 0.1)
SMALL_NU = 0.1
CM2_PER_M2 = 1e4


def angular_frequency(frequency):
    """``w = 2 pi f`` [rad.s-1] of frequencies [Hz]."""
    return 2 * np.pi * np.asarray(frequency, dtype=float)


def cpe_impedance(frequency, q, alpha=1.0):
    """Constant-phase element ``Z = 1 / (Q (j w)^alpha)`` (a capacitor ``Q`` for
    ``alpha = 1``); ``Q = inf`` is a short (``Z = 0``)."""
    if math.isinf(q):
        return np.zeros(np.shape(frequency), dtype=complex)
    return 1.0 / (q * (1j * angular_frequency(frequency)) ** alpha)


def rq_impedance(frequency, r, q, alpha=1.0):
    """A resistance ``R`` in parallel with a CPE: ``Z = R / (1 + R Q (j w)^alpha)``.

    For ``alpha = 1`` (an RC) a semicircle of diameter ``R`` whose apex lies at
    ``f = 1 / (2 pi R Q)``. ``R = inf`` is the CPE alone, ``R = 0`` nothing.
    Unit-free: ``Z`` comes in ``R``'s unit for any ``R`` and ``Q`` per the same area
    (Ohm.cm2 and F.cm-2 here, Ohm.m2 and F.m-2 in
    :mod:`~asslb_sim.impedance.cell_spectrum`), the frequency in Hz.
    """
    w = angular_frequency(frequency)
    if math.isinf(r):
        return cpe_impedance(frequency, q, alpha)
    return r / (1.0 + r * q * (1j * w) ** alpha)


def _coth_over_nu_regular(nu):
    """``coth(nu)/nu - 1/nu^2`` (-> 1/3 as nu -> 0)."""
    nu = np.asarray(nu, dtype=complex)
    small = np.abs(nu) < SMALL_NU
    s = np.where(small, nu, 1.0)  # placeholder keeps the closed form finite
    n2 = s * s
    series = 1 / 3 - n2 / 45 + 2 * n2**2 / 945 - n2**3 / 4725
    b = np.where(small, 1.0, nu)
    closed = 1 / (np.tanh(b) * b) - 1 / (b * b)
    return np.where(small, series, closed)


def _csch_over_nu_regular(nu):
    """``1/(nu sinh nu) - 1/nu^2`` (-> -1/6 as nu -> 0); ``Re nu > 0`` here."""
    nu = np.asarray(nu, dtype=complex)
    small = np.abs(nu) < SMALL_NU
    s = np.where(small, nu, 1.0)
    n2 = s * s
    series = -1 / 6 + 7 * n2 / 360 - 31 * n2**2 / 15120 + 127 * n2**3 / 604800
    b = np.where(small, 1.0, nu)
    e = np.exp(-b)  # 1/sinh(b) = 2 e^-b / (1 - e^-2b), no overflow at large b
    closed = 2 * e / ((1 - e * e) * b) - 1 / (b * b)
    return np.where(small, series, closed)


def _tanh_half_over_nu(nu):
    """``tanh(nu/2)/nu`` (-> 1/2 as nu -> 0)."""
    nu = np.asarray(nu, dtype=complex)
    small = np.abs(nu) < SMALL_NU
    s = np.where(small, nu, 1.0)
    n2 = s * s
    series = 1 / 2 - n2 / 24 + n2**2 / 240 - 17 * n2**3 / 40320
    b = np.where(small, 1.0, nu)
    return np.where(small, series, np.tanh(b / 2) / b)


def layer_impedance(r_ion, r_el, z_int, configuration):
    """The impedance of the composite layer alone [same unit as the resistances].

    Parameters
    ----------
    r_ion, r_el : float
        ``R_ion = L/sigma_ion`` and ``R_el = L/sigma_el`` of the layer (areal), > 0.
    z_int : complex array
        The areal impedance of the layer's whole interface at each frequency.
    configuration : {"electron-blocking", "ion-blocking", "mixed"}
        See the module docstring for the equations and their source.
    """
    if configuration not in CONFIGURATIONS:
        raise CellDefinitionError(
            f"configuration: {configuration!r} is not known; valid: {list(CONFIGURATIONS)}"
        )
    z_int = np.asarray(z_int, dtype=complex)
    r_sum = r_ion + r_el
    r_par = r_ion * r_el / r_sum
    nu = np.sqrt(r_sum / z_int)  # principal root: Re nu > 0 for a passive interface
    if configuration == "electron-blocking":
        return r_par + 2 * r_ion**2 / r_sum * _tanh_half_over_nu(nu)
    if configuration == "ion-blocking":
        return r_par + 2 * r_el**2 / r_sum * _tanh_half_over_nu(nu)
    # mixed: the 1/nu^2 parts of the two terms add up to exactly Z_int (kept apart so
    # that the real part at low frequency is not lost to cancellation)
    return (
        z_int
        + r_par * (1 + 2 * _csch_over_nu_regular(nu))
        + (r_ion**2 + r_el**2) / r_sum * _coth_over_nu_regular(nu)
    )


def _positive(name, value, allow_inf=False):
    ok = value > 0 and (allow_inf or math.isfinite(value)) and not math.isnan(value)
    if not ok:
        valid = "(0, inf]" if allow_inf else "(0, inf)"
        raise CellDefinitionError(f"{name}: {value!r}; valid range {valid}")


def _non_negative(name, value):
    if not (math.isfinite(value) and value >= 0):
        raise CellDefinitionError(f"{name}: {value!r}; valid range [0, inf)")


def _exponent(name, value):
    if not (0 < value <= 1):
        raise CellDefinitionError(f"{name}: {value!r}; valid range (0, 1]")


@dataclass(frozen=True)
class SeriesElements:
    """What the measured cell adds in series to the composite layer (all areal).

    Attributes
    ----------
    resistance : float
        Contacts, leads and any layer whose arc lies above the measured frequencies
        [Ohm.cm2].
    separator_resistance, separator_capacitance : float
        The SE separator layers: ``R_SE`` [Ohm.cm2] in parallel with their geometric
        capacitance ``C_geo = eps_0 eps_r / L_SE`` [F.cm-2] (0: a plain resistance).
    contact_capacitance, contact_exponent : float
        Blocking contacts (steel on SE: the electron-blocking cell's low-frequency
        tail) as a CPE ``Q_c`` [F.cm-2.s^(alpha-1)]; ``inf`` (default): none.
    """

    resistance: float = 0.0
    separator_resistance: float = 0.0
    separator_capacitance: float = 0.0
    contact_capacitance: float = math.inf
    contact_exponent: float = 1.0

    def __post_init__(self):
        _non_negative("Series resistance [Ohm.cm2]", self.resistance)
        _non_negative("Separator resistance [Ohm.cm2]", self.separator_resistance)
        _non_negative("Separator geometric capacitance [F.cm-2]", self.separator_capacitance)
        _positive("Contact capacitance [F.cm-2]", self.contact_capacitance, allow_inf=True)
        _exponent("Contact CPE exponent", self.contact_exponent)

    def impedance(self, frequency):
        """``R_s + R_SE / (1 + j w R_SE C_geo) + 1/(Q_c (j w)^alpha_c)`` [Ohm.cm2]."""
        z = self.resistance + rq_impedance(
            frequency, self.separator_resistance, self.separator_capacitance
        )
        return z + cpe_impedance(frequency, self.contact_capacitance, self.contact_exponent)


@dataclass(frozen=True)
class TransmissionLine:
    """A composite layer between two contacts, with the cell's series elements.

    Attributes
    ----------
    configuration : {"electron-blocking", "ion-blocking", "mixed"}
    ionic_resistance, electronic_resistance : float
        ``R_ion = L / sigma_ion,eff``, ``R_el = L / sigma_el,eff`` [Ohm.cm2].
    interface_capacitance, interface_exponent : float
        The whole layer's interfacial CPE ``Q`` [F.cm-2.s^(alpha-1)] (a capacitance
        [F.cm-2] for ``alpha = 1``) per electrode area.
    charge_transfer_resistance : float
        The whole layer's interfacial resistance in parallel with ``Q`` [Ohm.cm2]
        (``inf``, default: a blocking interface).
    series : SeriesElements
    """

    configuration: str
    ionic_resistance: float
    electronic_resistance: float
    interface_capacitance: float
    interface_exponent: float = 1.0
    charge_transfer_resistance: float = math.inf
    series: SeriesElements = field(default_factory=SeriesElements)

    def __post_init__(self):
        if self.configuration not in CONFIGURATIONS:
            raise CellDefinitionError(
                f"configuration: {self.configuration!r} is not known; valid: {list(CONFIGURATIONS)}"
            )
        _positive("Ionic resistance [Ohm.cm2]", self.ionic_resistance)
        _positive("Electronic resistance [Ohm.cm2]", self.electronic_resistance)
        _positive("Interface capacitance [F.cm-2]", self.interface_capacitance)
        _exponent("Interface CPE exponent", self.interface_exponent)
        _positive(
            "Interface charge-transfer resistance [Ohm.cm2]",
            self.charge_transfer_resistance,
            allow_inf=True,
        )

    def interface_impedance(self, frequency):
        """``Z_int = 1 / (1/R_ct + Q (j w)^alpha)`` [Ohm.cm2]."""
        return rq_impedance(
            frequency,
            self.charge_transfer_resistance,
            self.interface_capacitance,
            self.interface_exponent,
        )

    def layer_impedance(self, frequency):
        """The composite layer's impedance alone [Ohm.cm2]."""
        return layer_impedance(
            self.ionic_resistance,
            self.electronic_resistance,
            self.interface_impedance(frequency),
            self.configuration,
        )

    def impedance(self, frequency):
        """The cell's impedance, layer plus series elements [Ohm.cm2]."""
        return self.layer_impedance(frequency) + self.series.impedance(frequency)

    @property
    def parallel_resistance(self):
        """``R_ion R_el / (R_ion + R_el)``: the layer at high frequency [Ohm.cm2]."""
        r1, r2 = self.ionic_resistance, self.electronic_resistance
        return r1 * r2 / (r1 + r2)


def element_names():
    """The :class:`TransmissionLine` and :class:`SeriesElements` attribute names."""
    line = [f.name for f in fields(TransmissionLine) if f.name not in ("configuration", "series")]
    return line, [f.name for f in fields(SeriesElements)]


def conductivity(resistance_ohm_cm2, thickness_m):
    """``sigma = L / R`` [S.m-1] of an areal resistance [Ohm.cm2] across ``L`` [m]."""
    return thickness_m / (np.asarray(resistance_ohm_cm2, dtype=float) / CM2_PER_M2)


def resistance(conductivity_s_m, thickness_m):
    """``R = L / sigma`` [Ohm.cm2] of a layer ``L`` [m] of conductivity [S.m-1]."""
    return thickness_m / np.asarray(conductivity_s_m, dtype=float) * CM2_PER_M2
