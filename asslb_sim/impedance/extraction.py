"""Effective conductivities of a composite from a blocking-electrode spectrum.

The spectrum is fitted with :class:`~asslb_sim.impedance.transmission_line.TransmissionLine`
by complex non-linear least squares (``scipy.optimize.least_squares`` on the real and
imaginary residuals stacked), every positive element in log10 space and the CPE
exponents linearly, within bounds, from a few starts computed from the data (the
best is kept). Weighting of the residual ``Z_fit - Z_data`` at each frequency:

- ``"unit"``: none (the large impedances of the low frequencies dominate);
- ``"modulus"``: both parts divided by ``|Z_data|`` (the default: every frequency
  counts alike, as for an analyser whose error is a fraction of ``|Z|``);
- ``"proportional"``: the real part by ``|Z'_data|``, the imaginary by ``|Z''_data|``
  (floored at 1 % of ``|Z_data|``, where ``Z''`` crosses zero).

95 % confidence intervals come from the Jacobian at the optimum, ``cov = s^2 (J^T
J)^-1`` with ``s^2`` the weighted residual variance and Student's t; a positive
element's interval is multiplicative (it is fitted in log space). The effective
conductivities follow as ``sigma = L / R`` with the layer thickness ``L``. A quantity
the spectrum does not determine (its interval spans more than a factor of 10 either
way, or the fit ends at a search bound, as ``sigma_el`` of an electron-blocking
measurement when the electronic rail is much more conductive than the ionic one) is
flagged "not determined" with the reason, never reported as a plain number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import CellDefinitionError
from .spectra import FREQUENCY, MINUS_IMAG, REAL, complex_impedance, spectrum
from .transmission_line import (
    CONFIGURATIONS,
    SeriesElements,
    TransmissionLine,
    conductivity,
)

WEIGHTINGS = ("modulus", "proportional", "unit")
INTERFACES = ("CPE", "capacitor")
# fitted name -> (object, attribute, space, bounds in that space)
ELEMENTS = {
    "Ionic resistance [Ohm.cm2]": ("line", "ionic_resistance", "log", (-4.0, 7.0)),
    "Electronic resistance [Ohm.cm2]": ("line", "electronic_resistance", "log", (-4.0, 7.0)),
    "Interface capacitance [F.cm-2]": ("line", "interface_capacitance", "log", (-13.0, 0.0)),
    "Interface CPE exponent": ("line", "interface_exponent", "linear", (0.4, 1.0)),
    "Interface charge-transfer resistance [Ohm.cm2]": (
        "line",
        "charge_transfer_resistance",
        "log",
        (-3.0, 8.0),
    ),
    "Series resistance [Ohm.cm2]": ("series", "resistance", "log", (-5.0, 6.0)),
    "Separator resistance [Ohm.cm2]": ("series", "separator_resistance", "log", (-4.0, 6.0)),
    "Separator geometric capacitance [F.cm-2]": (
        "series",
        "separator_capacitance",
        "log",
        (-14.0, -4.0),
    ),
    "Contact capacitance [F.cm-2]": ("series", "contact_capacitance", "log", (-10.0, 1.0)),
    "Contact CPE exponent": ("series", "contact_exponent", "linear", (0.4, 1.0)),
}
IONIC, ELECTRONIC = "ionic", "electronic"
RESISTANCE_OF = {IONIC: "Ionic resistance [Ohm.cm2]", ELECTRONIC: "Electronic resistance [Ohm.cm2]"}
# a quantity known only within a factor of 10 either way (95 %) is not determined
UNDETERMINED_DECADES = 1.0
# an exponent known only within +-0.25 is not determined (its range is 0.4-1)
UNDETERMINED_EXPONENT = 0.25
# an estimate this close to a bound (in log10 units, or in the exponent) sits on it
AT_BOUND = 1e-3
# the Jacobian's step in the fitted space (log10 units, or the exponent): the residuals'
# truncation error is ~step^2 = 1e-12 of them, so a direction the spectrum cannot see
# has a singular value ~1e-10 of the largest, far below NULL_SPACE
JACOBIAN_STEP = 1e-6
# singular values below this fraction of the largest span the directions the spectrum
# does not see (a real but weak direction is 1e-4 and above in the fits tested, and its
# interval is then wide, not infinite)
NULL_SPACE = 1e-7
# an element with a component above this along such a direction is not determined
NULL_COMPONENT = 1e-3
S_M_PER_MS_CM = 0.1  # 1 mS/cm = 0.1 S/m


@dataclass(frozen=True)
class FitOptions:
    """What the transmission-line fit includes, validated at construction.

    Attributes
    ----------
    configuration : {"electron-blocking", "ion-blocking", "mixed"}
        The measurement (see :mod:`.transmission_line`).
    interface : {"CPE", "capacitor"}
        The interfacial element of the layer (a CPE fits its exponent too).
    charge_transfer : bool
        Fit a charge-transfer resistance in parallel with the interface (default:
        blocking).
    blocking_contacts : bool
        Fit a CPE in series for blocking contacts (steel on SE: the low-frequency
        tail of an electron-blocking cell).
    separator_arc : bool
        Fit the SE layers' resistance with their geometric capacitance (when its arc
        is inside the measured range), besides the series resistance.
    weighting : {"modulus", "proportional", "unit"}
    frequency_range : tuple of float
        The frequencies fitted ``(f_min, f_max)`` [Hz]; the rest of the spectrum is
        shown, not fitted.
    fixed : dict
        Element name (as in :data:`ELEMENTS`) -> value held fixed, e.g. a series
        resistance known from the SE layers' thickness and conductivity.
    """

    configuration: str = "electron-blocking"
    interface: str = "CPE"
    charge_transfer: bool = False
    blocking_contacts: bool = False
    separator_arc: bool = False
    weighting: str = "modulus"
    frequency_range: tuple = (0.0, math.inf)
    fixed: dict = field(default_factory=dict)

    def __post_init__(self):
        for name, value, valid in (
            ("configuration", self.configuration, CONFIGURATIONS),
            ("interface", self.interface, INTERFACES),
            ("weighting", self.weighting, WEIGHTINGS),
        ):
            if value not in valid:
                raise CellDefinitionError(f"{name}: {value!r} is not known; valid: {list(valid)}")
        low, high = self.frequency_range
        if not (low >= 0 and high > low) or math.isnan(low) or math.isnan(high):
            raise CellDefinitionError(
                f"frequency_range: ({low!r}, {high!r}) Hz; valid: 0 <= f_min < f_max"
            )
        active = self.elements(include_fixed=True)
        for name in self.fixed:
            if name not in active:
                raise CellDefinitionError(
                    f"fixed: {name!r} is not an element of this fit; valid: {active}"
                )
        if len(self.elements()) == 0:
            raise CellDefinitionError("fixed: every element is fixed; nothing to fit")

    def elements(self, include_fixed=False):
        """The element names of the fit (the free ones unless ``include_fixed``)."""
        names = [
            "Ionic resistance [Ohm.cm2]",
            "Electronic resistance [Ohm.cm2]",
            "Interface capacitance [F.cm-2]",
        ]
        if self.interface == "CPE":
            names.append("Interface CPE exponent")
        if self.charge_transfer:
            names.append("Interface charge-transfer resistance [Ohm.cm2]")
        names.append("Series resistance [Ohm.cm2]")
        if self.separator_arc:
            names += ["Separator resistance [Ohm.cm2]", "Separator geometric capacitance [F.cm-2]"]
        if self.blocking_contacts:
            names += ["Contact capacitance [F.cm-2]", "Contact CPE exponent"]
        return names if include_fixed else [n for n in names if n not in self.fixed]


def build_line(values, configuration):
    """A :class:`TransmissionLine` from ``{element name: value}`` (absent: the default,
    i.e. an ideal capacitor, a blocking interface, no separator arc, no contacts)."""
    line, series = {}, {}
    for name, value in values.items():
        target, attribute, _, _ = ELEMENTS[name]
        (line if target == "line" else series)[attribute] = float(value)
    return TransmissionLine(configuration=configuration, series=SeriesElements(**series), **line)


def residual_weights(z, weighting):
    """``(w_re, w_im)``: the residual weights of each frequency of the spectrum ``z``
    (module docstring): ``"unit"`` 1, ``"modulus"`` 1/|Z|, ``"proportional"`` 1/|Z'|
    and 1/|Z''| (floored at 1 % of |Z|)."""
    modulus = np.abs(z)
    if weighting == "unit":
        ones = np.ones_like(modulus)
        return ones, ones
    if weighting == "modulus":
        return 1 / modulus, 1 / modulus
    floor = 0.01 * modulus
    return 1 / np.maximum(np.abs(z.real), floor), 1 / np.maximum(np.abs(z.imag), floor)


def _to_space(name, value):
    return math.log10(value) if ELEMENTS[name][2] == "log" else float(value)


def _from_space(name, x):
    return 10.0**x if ELEMENTS[name][2] == "log" else float(x)


def initial_guesses(frequency, z, options):
    """Starting points of the fit, from the spectrum alone (never from a truth).

    The layer's resistance is read as the spread of Z'; the rail that carries the DC
    current in the configuration starts at it, the other at 1/100, 1 and 100 times it
    (the spectrum can favour either); the interface capacitance from the frequency of
    the largest -Z'' (``Q = 1 / (2 pi f R)``); the series resistance at half the
    smallest Z'; a blocking contact's capacitance from the lowest frequency's -Z''.

    Returns
    -------
    list of dict
        Element name -> value, one dict per start.
    """
    order = np.argsort(frequency)[::-1]
    f, z = frequency[order], z[order]
    spread = max(float(np.ptp(z.real)), 1e-3 * float(np.max(z.real)))
    main = 3 * spread if options.configuration == "mixed" else spread
    capacitive = -z.imag
    if options.blocking_contacts:
        capacitive = capacitive[: max(len(f) * 2 // 3, 1)]  # the tail ends highest: skip it
    peak = f[int(np.argmax(capacitive))]
    base = {
        "Interface capacitance [F.cm-2]": 1 / (2 * np.pi * peak * main),
        "Interface CPE exponent": 0.9,
        "Interface charge-transfer resistance [Ohm.cm2]": 10 * main,
        "Series resistance [Ohm.cm2]": max(0.5 * float(np.min(z.real)), 1e-4),
        "Separator resistance [Ohm.cm2]": max(0.25 * float(np.min(z.real)), 1e-3),
        "Separator geometric capacitance [F.cm-2]": 1e-10,
        "Contact capacitance [F.cm-2]": 1 / (2 * np.pi * f[-1] * max(-z.imag[-1], spread)),
        "Contact CPE exponent": 0.9,
    }
    carrier, other = {
        "electron-blocking": (RESISTANCE_OF[IONIC], RESISTANCE_OF[ELECTRONIC]),
        "ion-blocking": (RESISTANCE_OF[ELECTRONIC], RESISTANCE_OF[IONIC]),
        "mixed": (RESISTANCE_OF[IONIC], RESISTANCE_OF[ELECTRONIC]),
    }[options.configuration]
    starts = []
    for ratio in (1e-2, 1.0, 1e2):
        start = dict(base, **{carrier: main, other: ratio * main})
        if options.configuration == "mixed":
            start[carrier] = main / (1 + ratio)  # R_ion + R_el = 3 x the spread
            start[other] = ratio * main / (1 + ratio)
        starts.append(start)
    return starts


@dataclass
class ExtractionResult:
    """The outcome of :func:`extract_conductivities`.

    Attributes
    ----------
    line : TransmissionLine
        The fitted model.
    elements : pandas.DataFrame
        "Element", "Fitted", "95% CI low", "95% CI high", "Fixed", "Determined",
        "Note": every element of the fit.
    conductivities : pandas.DataFrame
        One row per phase ("ionic", "electronic"): the effective conductivity
        [S.m-1] and [mS.cm-1] with its 95 % interval, "Determined" and "Note".
    residuals : pandas.DataFrame
        The fitted spectrum: data and fit Z', -Z'' and the relative residual
        ``|Z_fit - Z_data| / |Z_data|``.
    correlation : pandas.DataFrame
        Correlation matrix of the free elements (in their fitted space).
    options : FitOptions
    thickness_um : float
    cost : float
        Half the sum of squared weighted residuals.
    """

    line: TransmissionLine
    elements: pd.DataFrame
    conductivities: pd.DataFrame
    residuals: pd.DataFrame
    correlation: pd.DataFrame
    options: FitOptions
    thickness_um: float
    cost: float

    def conductivity(self, phase):
        """``(value, CI low, CI high, determined)`` of sigma_eff [S.m-1] of ``phase``
        ("ionic" or "electronic")."""
        row = self.conductivities.set_index("Phase").loc[phase]
        return (
            float(row["Effective conductivity [S.m-1]"]),
            float(row["95% CI low [S.m-1]"]),
            float(row["95% CI high [S.m-1]"]),
            bool(row["Determined"]),
        )

    @property
    def rms_relative_residual(self):
        """RMS of ``|Z_fit - Z_data| / |Z_data|`` over the fitted frequencies."""
        r = self.residuals["Relative residual"].to_numpy()
        return float(np.sqrt(np.mean(r**2)))

    def impedance(self, frequency):
        """The fitted model's impedance at ``frequency`` [Ohm.cm2]."""
        return self.line.impedance(frequency)


def _window(table, options, source):
    low, high = options.frequency_range
    f = table[FREQUENCY].to_numpy()
    inside = table[(f >= low) & (f <= high)]
    return spectrum(
        inside[FREQUENCY],
        inside[REAL],
        inside[MINUS_IMAG],
        f"{source} within {low:g}-{high:g} Hz",
    )


def _jacobian(residual, x, lower, upper, step=JACOBIAN_STEP):
    """Central differences of the weighted residuals in the fitted space (one-sided at
    a bound)."""
    columns = []
    for i in range(len(x)):
        up, down = x.copy(), x.copy()
        up[i] = min(x[i] + step, upper[i])
        down[i] = max(x[i] - step, lower[i])
        columns.append((residual(up) - residual(down)) / (up[i] - down[i]))
    return np.column_stack(columns)


def _intervals(jacobian, cost, names, n_points):
    """Half-widths of the 95 % intervals in each element's fitted space, the
    correlation matrix, and the elements each undetermined one trades off with.

    ``cov = s^2 (J^T J)^+`` from the singular values of ``J``; a direction whose
    singular value is below :data:`NULL_SPACE` of the largest changes nothing the
    spectrum can see, and an element with a component along it is not determined
    (infinite interval) whatever the noise.
    """
    from scipy.stats import t as student_t

    dof = max(2 * n_points - len(names), 1)
    s2 = 2 * cost / dof
    _, singular, vt = np.linalg.svd(jacobian, full_matrices=False)
    null = singular < NULL_SPACE * singular[0]
    kept = vt[~null] / singular[~null, None]
    cov = s2 * kept.T @ kept
    variance = np.diag(cov).copy()
    partners = {}
    for i, name in enumerate(names):
        along = vt[null, i]
        if np.any(np.abs(along) > NULL_COMPONENT):
            variance[i] = np.inf
            k = int(np.argmax(np.abs(along)))
            direction = np.abs(vt[null][k])
            partners[name] = [
                names[j] for j in np.argsort(direction)[::-1] if j != i and direction[j] > 0.1
            ]
    half = student_t.ppf(0.975, dof) * np.sqrt(variance)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
        correlation = np.where(scale > 0, cov / scale, np.nan)
    for name in partners:
        i = names.index(name)
        correlation[i, :] = correlation[:, i] = np.nan
    return half, correlation, partners


def _determination(name, x, half, partners):
    """``(determined, note)`` of one fitted element."""
    low, high = ELEMENTS[name][3]
    if name in partners:
        others = ", ".join(partners[name]) or "the other elements"
        return False, f"not determined: trades off exactly with {others}"
    if ELEMENTS[name][2] == "linear" and high - x < AT_BOUND:
        return half <= UNDETERMINED_EXPONENT, "at its upper limit 1 (an ideal capacitor)"
    if min(x - low, high - x) < AT_BOUND:
        value = _from_space(name, x)
        return False, f"at the search bound ({value:.3g}): the spectrum gives only a bound"
    limit = UNDETERMINED_DECADES if ELEMENTS[name][2] == "log" else UNDETERMINED_EXPONENT
    if half > limit:
        what = f"a factor of {10**half:.3g}" if ELEMENTS[name][2] == "log" else f"+-{half:.2g}"
        return False, f"not determined: the 95 % interval spans {what}"
    return True, ""


def series_resistance_range(line, thickness_m):
    """What an electron- or ion-blocking spectrum says when the series resistance is
    free: it fixes only ``A = R_s + R_par`` and ``B = R_c^2 / (R_ion + R_el)`` (``R_c``
    the rail contacted at both faces) and ``(R_ion + R_el) Q``, since the layer's
    impedance is ``R_par + B g(nu)`` with ``nu^2 = (R_ion + R_el) / Z_int``. With
    ``0 <= R_s <= A``: ``B <= R_c <= A + B`` and the other rail ``R_o <= A (A + B) / B``.

    Returns
    -------
    dict
        phase -> ``(lowest, highest)`` conductivity [S.m-1] consistent with the fit
        (``inf`` where unbounded).
    """
    carrier = IONIC if line.configuration == "electron-blocking" else ELECTRONIC
    other = ELECTRONIC if carrier == IONIC else IONIC
    r_c = line.ionic_resistance if carrier == IONIC else line.electronic_resistance
    a = line.series.resistance + line.parallel_resistance
    b = r_c**2 / (line.ionic_resistance + line.electronic_resistance)
    return {
        carrier: (float(conductivity(a + b, thickness_m)), float(conductivity(b, thickness_m))),
        other: (float(conductivity(a * (a + b) / b, thickness_m)), math.inf),
    }


def extract_conductivities(table, thickness_um, options=None, source="spectrum"):
    """Fit a blocking-electrode spectrum and return sigma_ion,eff and sigma_el,eff.

    Parameters
    ----------
    table : pandas.DataFrame
        A spectrum (:func:`~asslb_sim.impedance.spectra.read_spectrum`), areal.
    thickness_um : float
        The composite layer's thickness [um].
    options : FitOptions, optional
    source : str
        Named in messages.

    Returns
    -------
    ExtractionResult

    Notes
    -----
    In the electron- and ion-blocking configurations the spectrum cannot tell the
    series resistance from the layer's high-frequency resistance ``R_par`` (see
    :func:`series_resistance_range`): hold the series resistance fixed (the SE layers'
    ``L_SE / kappa_SE`` plus the contacts, measured on a cell without the composite)
    in ``options.fixed`` to determine both conductivities; left free, both are
    reported as not determined, with the range the spectrum allows in the note. In
    the mixed configuration the spectrum is unchanged when ``R_ion`` and ``R_el`` are
    exchanged: the pair is determined, which is which is not.
    """
    from scipy.optimize import least_squares

    options = FitOptions() if options is None else options
    if not (isinstance(thickness_um, (int, float)) and 0 < thickness_um < math.inf):
        raise CellDefinitionError(f"thickness_um: {thickness_um!r}; valid range (0, inf) um")
    data = _window(table, options, source)
    frequency, z_data = complex_impedance(data)
    w_re, w_im = residual_weights(z_data, options.weighting)
    names = options.elements()
    fixed = dict(options.fixed)
    lower = np.array([ELEMENTS[n][3][0] for n in names])
    upper = np.array([ELEMENTS[n][3][1] for n in names])

    def values(x):
        return dict(fixed, **{n: _from_space(n, xi) for n, xi in zip(names, x, strict=True)})

    def residual(x):
        z = build_line(values(x), options.configuration).impedance(frequency)
        return np.concatenate([w_re * (z.real - z_data.real), w_im * (z.imag - z_data.imag)])

    best = None
    for start in initial_guesses(frequency, z_data, options):
        x0 = np.clip([_to_space(n, start[n]) for n in names], lower + 0.01, upper - 0.01)
        result = least_squares(residual, x0, bounds=(lower, upper), x_scale="jac", method="trf")
        if best is None or result.cost < best.cost:
            best = result
    jacobian = _jacobian(residual, best.x, lower, upper)
    half, correlation, partners = _intervals(jacobian, best.cost, names, len(frequency))

    rows = []
    for name in options.elements(include_fixed=True):
        if name in fixed:
            rows.append((name, fixed[name], np.nan, np.nan, True, False, "fixed (given)"))
            continue
        i = names.index(name)
        x, h = best.x[i], half[i]
        determined, note = _determination(name, x, h, partners)
        if ELEMENTS[name][2] == "log":
            low, high = _from_space(name, x - h), _from_space(name, x + h)
        else:
            low, high = x - h, x + h
        rows.append((name, _from_space(name, x), low, high, False, determined, note))
    elements = pd.DataFrame(
        rows,
        columns=["Element", "Fitted", "95% CI low", "95% CI high", "Fixed", "Determined", "Note"],
    )
    line = build_line(values(best.x), options.configuration)
    thickness_m = thickness_um * 1e-6
    by_name = elements.set_index("Element")
    ranges = {}
    if options.configuration != "mixed" and "Series resistance [Ohm.cm2]" in partners:
        ranges = series_resistance_range(line, thickness_m)
    sigma_rows = []
    for phase in (IONIC, ELECTRONIC):
        row = by_name.loc[RESISTANCE_OF[phase]]
        value = float(conductivity(row["Fitted"], thickness_m))
        # a larger resistance is a smaller conductivity: the interval's ends swap
        with np.errstate(divide="ignore"):
            low = float(conductivity(row["95% CI high"], thickness_m))
            high = float(conductivity(row["95% CI low"], thickness_m))
        note = row["Note"]
        determined = bool(row["Determined"])
        if phase in ranges:
            lowest, highest = ranges[phase]
            note += (
                f"; the spectrum allows {lowest:.3g} to {highest:.3g} S/m (series resistance "
                "from the high-frequency resistance to 0): fix the series resistance"
            )
        if options.configuration == "mixed" and determined:
            determined = False
            note = (
                "the mixed configuration's spectrum is the same with R_ion and R_el exchanged: "
                "which rail is which is not determined"
            )
        sigma_rows.append(
            {
                "Phase": phase,
                "Effective conductivity [S.m-1]": value,
                "95% CI low [S.m-1]": low,
                "95% CI high [S.m-1]": high,
                "Effective conductivity [mS.cm-1]": value / S_M_PER_MS_CM,
                "95% CI low [mS.cm-1]": low / S_M_PER_MS_CM,
                "95% CI high [mS.cm-1]": high / S_M_PER_MS_CM,
                "Determined": determined,
                "Note": note,
            }
        )
    z_fit = line.impedance(frequency)
    residuals = pd.DataFrame(
        {
            FREQUENCY: frequency,
            REAL: z_data.real,
            MINUS_IMAG: -z_data.imag,
            "Fit Z' [Ohm.cm2]": z_fit.real,
            "Fit -Z'' [Ohm.cm2]": -z_fit.imag,
            "Relative residual": np.abs(z_fit - z_data) / np.abs(z_data),
        }
    )
    return ExtractionResult(
        line=line,
        elements=elements,
        conductivities=pd.DataFrame(sigma_rows),
        residuals=residuals,
        correlation=pd.DataFrame(correlation, index=names, columns=names),
        options=options,
        thickness_um=float(thickness_um),
        cost=float(best.cost),
    )
