r"""Impedance spectra of a designed cell, and the processes behind their arcs.

:func:`impedance_spectrum` linearises the cell model with its double layers
(model option ``surface_form = "differential"``) about a state of rest at a
state of charge and solves it at each frequency (``pybamm.EISSimulation``,
through :meth:`~asslb_sim.simulation.Runner.impedance`). :func:`process_table`
names the processes that make the arcs, each with its small-signal resistance,
capacitance and characteristic frequency, read from the model at that state;
:func:`equivalent_circuit_impedance` is the circuit they form, exact for the
model above the frequencies of solid diffusion (the chemical capacitances of the CAM,
``C_chem`` below, and of a sloping anode, ``C_ce``: the Li they store per volt, taken as
uniform; ``C_ce`` is infinite for Li metal and a potential plateau):

.. math::
    Z &= Z_{sep} + Z_{gb} + R_{int,Li} + Z_{Li} + Z_{TL}\\
    Z_{sep} &= \frac{R_{sep}}{1 + i\omega R_{sep} C_g}, \quad
    R_{sep} = \frac{L_s}{\kappa_{s,eff}}, \quad C_g = \frac{\varepsilon_0\varepsilon_r}{L_s}\\
    Z_{Li} &= \left(R_{ct,Li} + \frac{1}{i\omega C_{ce}}\right) \parallel C_{dl,Li},
    \quad R_{ct,Li} = \frac{RT}{F\,i_{0,Li}}, \quad
    C_{ce} = \frac{F c_{Li}}{|dU_{ce}/dL|}\\
    Z_{TL} &= \frac{r_1 r_2}{r_1 + r_2}\left(L + \frac{2\lambda}{\sinh(L/\lambda)}\right)
        + \lambda\,\frac{r_1^2 + r_2^2}{r_1 + r_2}\coth\frac{L}{\lambda},
        \quad \lambda = \sqrt{\frac{\zeta}{r_1 + r_2}}

with the separator's grain boundaries :math:`Z_{gb} = R_{gb} \parallel C_{gb}` where the
cell gives them, and the last the transmission line of the composite (ionic rail
:math:`r_1 = 1/\kappa_{eff}`, electronic rail :math:`r_2 = 1/\sigma_{eff}`, the
current entering them at opposite ends; Bisquert, Phys. Chem. Chem. Phys. 2,
4185 (2000); with :math:`r_2 = 0` de Levie's result), whose rails are coupled
by the CAM|SE contacts, :math:`\zeta = z_c / (a\,\theta)` with the contact's
impedance :math:`z_c = ((R_{ct} + 1/(i\omega C_{chem})) \parallel C_{dl}) +
(R_f \parallel C_f)` per unit contact area (:math:`R_{ct} = RT/(F\,j_0)`;
:math:`C_{chem} = F c_{max} |dx/dU| R / (3\theta)`, the Li the particles take per volt,
uniform in each particle; a film or coating adds its :math:`R_f \parallel C_f`).
At high frequency :math:`Z_{TL} \to L/(\kappa_{eff} + \sigma_{eff})`; below the
double layers' frequencies (and above the chemical capacitance's)
:math:`Z_{TL} \to (R_{ct} + R_f)/(a\theta L) + (r_1 + r_2) L / 3` when the interface
dominates.

:func:`blocking_spectrum` puts the same composite between blocking electrodes, as labs
measure sigma_ion,eff and sigma_el,eff (Minnmann et al. JES 168, 040537 (2021)): the
``"electron-blocking"`` cell (counter electrode | SE | composite | SE | counter
electrode: ions in and out, the electronic rail blocked at both faces) and the
``"ion-blocking"`` cell (steel | composite | steel), each the closed form of
:func:`~asslb_sim.impedance.transmission_line.layer_impedance` with the composite's
rails and contacts at the state, plus, for the electron-blocking cell, the two SE
layers (each the separator's) and two counter-electrode interfaces in series.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..parameter_sets.constants import EPS0, R_GAS, F
from .transmission_line import layer_impedance, rq_impedance

SPECTRUM_COLUMNS = ("Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]")
DEFAULT_FREQUENCIES = (1e6, 1e-2, 60)  # Hz: highest, lowest, number (log-spaced)
# variables read from a moment of rest at the state (uniform across the cathode)
_AT_REST = {
    "kappa_s": "Separator effective ionic conductivity [S.m-1]",
    "kappa_p": "Positive electrode effective ionic conductivity [S.m-1]",
    "sigma_p": "Positive electrode effective electronic conductivity [S.m-1]",
    "j0_p": "Positive electrode exchange current density [A.m-2]",
    "a_p": "Positive electrode surface area to volume ratio [m-1]",
    "j0_li": "Lithium metal interface exchange current density [A.m-2]",
    "T": "X-averaged cell temperature [K]",
}


@dataclass(frozen=True)
class ImpedanceResult:
    """Result of :func:`impedance_spectrum`.

    Attributes
    ----------
    spectrum : pandas.DataFrame
        "Frequency [Hz]", "Z' [Ohm.cm2]", "-Z'' [Ohm.cm2]", "|Z| [Ohm.cm2]",
        "Phase [deg]", from the highest frequency down.
    processes : pandas.DataFrame
        One row per process: "Process", "Element", "Resistance [Ohm.cm2]",
        "Capacitance [F.cm-2]", "Characteristic frequency [Hz]" (NaN where the
        process has no arc of its own).
    settings : dict
        The cell's name, the state of charge, the rest voltage and the elements'
        values in SI (what :func:`equivalent_circuit_impedance` takes).
    """

    spectrum: pd.DataFrame
    processes: pd.DataFrame
    settings: dict


def frequencies_from(spec=DEFAULT_FREQUENCIES):
    """Log-spaced frequencies [Hz] from ``(highest, lowest, number)``, highest first.

    Raises a :class:`~asslb_sim.errors.CellDefinitionError` naming the bad value."""
    from ..errors import CellDefinitionError

    try:
        high, low, number = (float(v) for v in spec)
    except (TypeError, ValueError):
        raise CellDefinitionError(
            f"frequencies: {spec!r} must be three numbers: highest [Hz], lowest [Hz], count"
        ) from None
    for name, value in (("highest", high), ("lowest", low), ("count", number)):
        if not np.isfinite(value):
            raise CellDefinitionError(
                f"frequencies: {name} {value:g} is not a finite number; valid: "
                "0 < lowest < highest <= 1e9 Hz, count an integer in [2, 10000]"
            )
    if not 0 < low < high <= 1e9:
        raise CellDefinitionError(
            f"frequencies: highest {high:g} and lowest {low:g} Hz must satisfy "
            "0 < lowest < highest <= 1e9 Hz"
        )
    if number != int(number) or not 2 <= number <= 10_000:
        raise CellDefinitionError(
            f"frequencies: count {number:g} is out of range; valid [2, 10000]"
        )
    return np.logspace(np.log10(high), np.log10(low), int(number))


def impedance_spectrum(cell="default", soc=0.5, frequencies=None, mesh=None):
    """The impedance spectrum of ``cell`` at rest at state of charge ``soc``.

    Parameters
    ----------
    cell : Cell, str or path
        A cell, preset name or TOML cell file.
    soc : float
        State of charge (0-1] of the usable window, as in ``asslb-sim asr``.
    frequencies : array-like, optional
        Frequencies [Hz]; default 60 log-spaced from 1 MHz to 10 mHz.
    mesh : Mesh, str or dict, optional
        As :func:`~asslb_sim.simulate.rate_capability` takes it.

    Returns
    -------
    ImpedanceResult
    """
    from ..design.basis import cell_ocv_as_float
    from ..errors import CellDefinitionError
    from ..simulation import Runner

    cell, state, f = _at_rest(cell, soc, frequencies)
    runner = Runner(mesh=mesh)
    with np.errstate(invalid="ignore"):  # a singular state: the error below says so
        z = runner.impedance(cell, state, f) * cell.area_cm2  # Ohm cm2
    if not np.all(np.isfinite(z)):
        bad = f[~np.isfinite(z)]
        raise CellDefinitionError(
            f"the linearised model is singular at SOC {soc:g} (no finite impedance at "
            f"{bad.size} of {f.size} frequencies, e.g. {bad[0]:g} Hz): a state where an "
            "interface or a network conducts nothing"
        )
    elements = circuit_elements(cell, state, runner)
    spectrum = pd.DataFrame(
        {
            "Frequency [Hz]": f,
            "Z' [Ohm.cm2]": z.real,
            "-Z'' [Ohm.cm2]": -z.imag,
            "|Z| [Ohm.cm2]": np.abs(z),
            "Phase [deg]": np.degrees(np.angle(z)),
        }
    )
    settings = {
        "Cell": cell.name,
        "State of charge": soc,
        "Rest voltage [V]": cell_ocv_as_float(cell.parameter_values)(state.stoichiometry),
        **elements,
    }
    return ImpedanceResult(spectrum, process_table(elements), settings)


def _at_rest(cell, soc, frequencies):
    """The cell, its rest state at ``soc`` and the frequencies [Hz] (default:
    :data:`DEFAULT_FREQUENCIES`), checked before any solve."""
    from ..design import load_cell
    from ..errors import CellDefinitionError

    cell = load_cell(cell)
    if isinstance(soc, bool) or not (isinstance(soc, (int, float)) and 0 < soc <= 1):
        raise CellDefinitionError(f"soc: {soc!r} is out of range; valid range (0, 1]")
    f = frequencies_from() if frequencies is None else np.asarray(frequencies, dtype=float)
    if f.ndim != 1 or f.size < 1 or not np.all(np.isfinite(f) & (f > 0)):
        raise CellDefinitionError("frequencies: must be finite and positive [Hz]")
    return cell, cell.anode.at_state_of_charge(cell, soc), f


def circuit_elements(cell, state, runner):
    """The small-signal elements of ``cell`` at rest in ``state`` (SI), read from the
    model after a 1 ms rest (the state's values, uniform across the cathode)."""
    from ..errors import CellDefinitionError
    from ..simulation import Case

    (outcome,) = runner.solve([Case(cell, state, 0.0, 1e-3, kind="hold")])
    if outcome.solution is None:
        raise CellDefinitionError(f"the cell cannot rest at this state: {outcome.message}")
    sol = outcome.solution

    def at_rest(name):
        return float(np.mean(sol[name].entries[..., 0]))

    v = cell.parameter_values
    got = {key: at_rest(name) for key, name in _AT_REST.items()}
    return {
        "Temperature [K]": got["T"],
        "Separator thickness [m]": float(v["Separator thickness [m]"]),
        "Separator effective ionic conductivity [S.m-1]": got["kappa_s"],
        "Separator solid electrolyte relative permittivity": float(
            v["Separator solid electrolyte relative permittivity"]
        ),
        "Separator grain-boundary resistance [Ohm.m2]": float(
            v["Separator grain-boundary resistance [Ohm.m2]"]
        )
        if cell.model_options.get("grain_boundaries", "none") != "none"
        else 0.0,
        "Separator grain-boundary relative permittivity": float(
            v["Separator grain-boundary relative permittivity"]
        ),
        "Lithium metal interphase resistance [Ohm.m2]": _interphase(v),
        "Lithium metal interface exchange current density [A.m-2]": got["j0_li"],
        "Lithium metal double-layer capacity [F.m-2]": float(
            v["Lithium metal double-layer capacity [F.m-2]"]
        ),
        # Li the anode side stores per volt (inf for Li metal and a potential plateau)
        "Counter electrode chemical capacity [F.m-2]": _counter_chemical_capacity(v, state),
        "Positive electrode thickness [m]": float(v["Positive electrode thickness [m]"]),
        "Positive electrode effective ionic conductivity [S.m-1]": got["kappa_p"],
        "Positive electrode effective electronic conductivity [S.m-1]": got["sigma_p"],
        "Positive electrode exchange current density [A.m-2]": got["j0_p"],
        "Positive electrode contact area to volume ratio [m-1]": got["a_p"]
        * float(v["Positive electrode active material contact coverage"]),
        "Positive electrode double-layer capacity [F.m-2]": float(
            v["Positive electrode double-layer capacity [F.m-2]"]
        ),
        # Li stored in the CAM per volt, per contact area: F c_max |dx/dU| R / (3 theta)
        "Positive electrode chemical capacity [F.m-2]": _chemical_capacity(v, state),
        # a film (coating): R_f || C_f in series with the charge transfer's R_ct || C_dl
        "Positive electrode film resistance [Ohm.m2]": float(
            v["Positive electrode film resistance [Ohm.m2]"]
        )
        if cell.model_options.get("film", "none") != "none"
        else 0.0,
        "Positive electrode film capacity [F.m-2]": float(
            v["Positive electrode film capacity [F.m-2]"]
        ),
    }


def _chemical_capacity(values, state):
    """The CAM's chemical (intercalation) capacitance per CAM|SE contact area [F.m-2]:
    ``F c_max |dx/dU| R / (3 theta)``, the Li a particle takes per volt of its OCP at
    the state's stoichiometry (a central difference of the OCP, step 1e-4)."""
    from ..design.basis import ocp_as_float

    ocp, x, h = ocp_as_float(values), state.stoichiometry, 1e-4
    x = min(max(x, 2 * h), 1 - 2 * h)
    slope = abs(ocp(x + h) - ocp(x - h)) / (2 * h)  # V per unit stoichiometry
    c_max = float(values["Maximum concentration in positive electrode [mol.m-3]"])
    radius = float(values["Positive particle radius [m]"])
    theta = float(values["Positive electrode active material contact coverage"])
    return F * c_max / slope * radius / (3 * theta)


def _counter_chemical_capacity(values, state):
    """The anode side's chemical capacitance per electrode area [F.m-2]:
    ``F c_Li / |dU_ce/dL|``, the Li it stores per volt of its equilibrium potential at the
    state's inventory (a central difference, step 1 nm; inf where the potential is flat:
    Li metal, an alloy on its plateau, Li plated on a full interlayer)."""
    from ..design.basis import counter_potential_law

    potential, varies = counter_potential_law(values)
    if not varies:
        return math.inf
    L, h = state.lithium_thickness, 1e-9
    slope = abs(float(np.diff(potential(np.array([L - h, L + h])))[0])) / (2 * h)  # V/m
    c_li = float(values["Lithium metal density [kg.m-3]"]) / float(
        values["Lithium metal molar mass [kg.mol-1]"]
    )
    return F * c_li / slope if slope > 0 else math.inf


def lithium_interface_impedance(elements, frequencies):
    """The Li|SE (alloy, interlayer) interface's impedance per electrode area [Ohm.m2]:
    the charge transfer in series with the anode side's chemical capacitance, in
    parallel with the double layer, ``(R_ct,Li + 1/(j w C_ce)) || C_dl,Li`` (``R_ct,Li
    || C_dl,Li`` for a flat potential)."""
    R_li, C_li = _parts(elements)[3:5]
    C_ce = elements.get("Counter electrode chemical capacity [F.m-2]", math.inf)
    w = 2j * np.pi * np.asarray(frequencies, dtype=float)
    faradaic = R_li + (0 if math.isinf(C_ce) else 1 / (w * C_ce))
    return 1 / (1 / faradaic + w * C_li)


def _interphase(values):
    """Series resistance at the Li side: the interphase, and an interlayer's contact."""
    return float(values["Lithium metal interphase resistance [Ohm.m2]"]) + float(
        values.get("Interlayer interface resistance [Ohm.m2]", 0.0)
    )


def contact_impedance(elements, frequencies):
    """The impedance of the CAM|SE contacts per unit contact area [Ohm.m2]: the charge
    transfer in series with the CAM's chemical capacitance, in parallel with the
    double layer, and a film's R_f || C_f in series,
    ``((R_ct + 1/(j w C_chem)) || C_dl) + (R_f || C_f)``."""
    *_, R_ct, _, C_dl, R_f, C_f = _parts(elements)
    C_chem = elements["Positive electrode chemical capacity [F.m-2]"]
    w = 2j * np.pi * np.asarray(frequencies, dtype=float)
    faradaic = R_ct + 1 / (w * C_chem)
    return 1 / (1 / faradaic + w * C_dl) + rq_impedance(frequencies, R_f, C_f)


def _parts(e):
    """(R_sep, C_g, R_int, R_ct_Li, C_Li, L, r1, r2, R_ct area-specific, a theta, C_dl,
    R_f, C_f), the last four per unit contact area."""
    rt_f = R_GAS * e["Temperature [K]"] / F
    L_s = e["Separator thickness [m]"]
    return (
        L_s / e["Separator effective ionic conductivity [S.m-1]"],
        EPS0 * e["Separator solid electrolyte relative permittivity"] / L_s,
        e["Lithium metal interphase resistance [Ohm.m2]"],
        rt_f / e["Lithium metal interface exchange current density [A.m-2]"],
        e["Lithium metal double-layer capacity [F.m-2]"],
        e["Positive electrode thickness [m]"],
        1 / e["Positive electrode effective ionic conductivity [S.m-1]"],
        1 / e["Positive electrode effective electronic conductivity [S.m-1]"],
        rt_f / e["Positive electrode exchange current density [A.m-2]"],
        e["Positive electrode contact area to volume ratio [m-1]"],
        e["Positive electrode double-layer capacity [F.m-2]"],
        e["Positive electrode film resistance [Ohm.m2]"],
        e["Positive electrode film capacity [F.m-2]"],
    )


def _grain_boundaries(e):
    """(R_gb [Ohm.m2], C_gb [F.m-2]) of the separator's grain boundaries (R_gb = 0:
    none)."""
    L_s = e["Separator thickness [m]"]
    eps_gb = e.get("Separator grain-boundary relative permittivity", 1.0)
    return e.get("Separator grain-boundary resistance [Ohm.m2]", 0.0), EPS0 * eps_gb / L_s


def transmission_line(L, r1, r2, zeta):
    """Impedance [Ohm.m2] of a layer of thickness ``L`` [m] with rails of resistivity
    ``r1``, ``r2`` [Ohm.m], entered at opposite ends, coupled by the interface
    impedance ``zeta`` [Ohm.m3] (complex array): the ``"mixed"`` configuration of
    :func:`~asslb_sim.impedance.transmission_line.layer_impedance` in the layer's
    areal totals (see the module docstring)."""
    zeta = np.asarray(zeta, dtype=complex)
    return layer_impedance(r1 * L, r2 * L, zeta / L, "mixed")


def equivalent_circuit_impedance(elements, frequencies):
    """Impedance [Ohm.m2] of the circuit of ``elements`` (as in
    :attr:`ImpedanceResult.settings`) at ``frequencies`` [Hz]; see the module
    docstring. Solid diffusion is left out (the CAM's chemical capacitance is taken as
    uniform in each particle, the anode side's likewise), so it holds above its
    frequencies."""
    parts = _parts(elements)
    R_sep, C_g, R_int = parts[:3]
    L, r1, r2, _, a_theta = parts[5:10]
    R_gb, C_gb = _grain_boundaries(elements)
    zeta = contact_impedance(elements, frequencies) / a_theta
    return (
        rq_impedance(frequencies, R_sep, C_g)
        + rq_impedance(frequencies, R_gb, C_gb)
        + R_int
        + lithium_interface_impedance(elements, frequencies)
        + transmission_line(L, r1, r2, zeta)
    )


def process_table(elements):
    """The processes behind the arcs of ``elements``: resistance [Ohm.cm2],
    capacitance [F.cm-2] and characteristic frequency 1/(2 pi R C) [Hz] each."""
    R_sep, C_g, R_int, R_li, C_li, L, r1, r2, R_ct, a_theta, C_dl, R_f, C_f = _parts(elements)
    r_ct = R_ct / (a_theta * L)  # the contacts' resistances per electrode area
    r_f = R_f / (a_theta * L)
    c_dl = C_dl * a_theta * L
    c_f = C_f * a_theta * L
    # the composite's transport at low frequency, beyond its high-frequency part
    zeta_dc = (R_ct + R_f) / a_theta
    transport_dc = float(np.real(transmission_line(L, r1, r2, zeta_dc))) - r_ct - r_f
    hf = L * r1 * r2 / (r1 + r2)

    def f(R, C):
        return 1 / (2 * np.pi * R * C)

    R_gb, C_gb = _grain_boundaries(elements)
    rows = [
        ("Separator (SE bulk)", "R || C_geometric", R_sep, C_g, f(R_sep, C_g)),
        ("Li|SE interphase", "R (series)", R_int, np.nan, np.nan),
        ("Li|SE charge transfer", "R_ct || C_dl", R_li, C_li, f(R_li, C_li)),
        ("Cathode rails, high-frequency limit", "L / (kappa + sigma)", hf, np.nan, np.nan),
        (
            "Cathode ionic and electronic transport",
            "transmission line",
            transport_dc - hf,
            np.nan,
            np.nan,
        ),
        ("Cathode charge transfer", "R_ct || C_dl (distributed)", r_ct, c_dl, f(r_ct, c_dl)),
    ]
    if R_gb > 0:
        rows.insert(1, ("Separator grain boundaries", "R_gb || C_gb", R_gb, C_gb, f(R_gb, C_gb)))
    if R_f > 0:
        rows.append(("Cathode film (coating)", "R_f || C_f (distributed)", r_f, c_f, f(r_f, c_f)))
    table = pd.DataFrame(
        rows,
        columns=[
            "Process",
            "Element",
            "Resistance [Ohm.cm2]",
            "Capacitance [F.cm-2]",
            "Characteristic frequency [Hz]",
        ],
    )
    table["Resistance [Ohm.cm2]"] *= 1e4
    table["Capacitance [F.cm-2]"] *= 1e-4
    total = table["Resistance [Ohm.cm2]"].sum()
    table.loc[len(table)] = ["Total (above solid diffusion)", "", total, np.nan, np.nan]
    return table


BLOCKING_CONFIGURATIONS = ("electron-blocking", "ion-blocking")


def blocking_spectrum(
    cell="default", configuration="electron-blocking", soc=0.5, frequencies=None, mesh=None
):
    """The spectrum of ``cell``'s composite between blocking electrodes (module docstring).

    Parameters
    ----------
    cell : Cell, str or path
        A cell, preset name or TOML cell file: its composite, separator and counter
        electrode make the blocking cell.
    configuration : {"electron-blocking", "ion-blocking"}
        Which rail the contacts block.
    soc : float
        The composite's state of charge (0-1], as in :func:`impedance_spectrum`.
    frequencies : array-like, optional
        Frequencies [Hz]; default 60 log-spaced from 1 MHz to 10 mHz.
    mesh : Mesh, str or dict, optional
        The mesh of the 1 ms rest that reads the composite's values at the state.

    Returns
    -------
    ImpedanceResult
        Its settings carry the configuration, the composite's "Positive electrode
        effective ionic conductivity [S.m-1]" and "... electronic ..." (what a fit of the
        spectrum should give back) and "Series resistance [Ohm.cm2]", the resistance
        in series at low frequency that a lab measures without the composite.
    """
    from ..errors import CellDefinitionError
    from ..simulation import Runner

    if configuration not in BLOCKING_CONFIGURATIONS:
        raise CellDefinitionError(
            f"configuration: {configuration!r} is not known; valid: {list(BLOCKING_CONFIGURATIONS)}"
        )
    cell, state, f = _at_rest(cell, soc, frequencies)
    e = circuit_elements(cell, state, Runner(mesh=mesh))
    R_sep, C_g, R_int, R_li, _, L, r1, r2, _, a_theta = _parts(e)[:10]
    z_int = contact_impedance(e, f) / (a_theta * L)  # the whole layer's, Ohm m2
    z = layer_impedance(r1 * L, r2 * L, z_int, configuration)
    rows = [
        ("Composite ionic rail", "R_ion = L / kappa_eff", r1 * L),
        ("Composite electronic rail", "R_el = L / sigma_eff", r2 * L),
    ]
    series = 0.0
    if configuration == "electron-blocking":
        # two SE layers (with their grain boundaries) and two counter-electrode
        # interfaces, one on each side
        R_gb, C_gb = _grain_boundaries(e)
        layer = rq_impedance(f, R_sep, C_g) + rq_impedance(f, R_gb, C_gb)
        z = z + 2 * (layer + R_int + lithium_interface_impedance(e, f))
        series = 2 * (R_sep + R_gb + R_int + R_li)
        rows += [
            ("SE layers (two separators)", "2 (R_sep || C_g + R_gb || C_gb)", 2 * (R_sep + R_gb)),
            ("Counter-electrode interfaces (two)", "2 (R_int + R_ct || C_dl)", 2 * (R_int + R_li)),
        ]
    z_cm2 = z * 1e4
    spectrum = pd.DataFrame(
        {
            "Frequency [Hz]": f,
            "Z' [Ohm.cm2]": z_cm2.real,
            "-Z'' [Ohm.cm2]": -z_cm2.imag,
            "|Z| [Ohm.cm2]": np.abs(z_cm2),
            "Phase [deg]": np.degrees(np.angle(z_cm2)),
        }
    )
    processes = pd.DataFrame(rows, columns=["Process", "Element", "Resistance [Ohm.cm2]"])
    processes["Resistance [Ohm.cm2]"] *= 1e4
    settings = {
        "Cell": cell.name,
        "Configuration": configuration,
        "State of charge": soc,
        "Series resistance [Ohm.cm2]": series * 1e4,
        **e,
    }
    return ImpedanceResult(spectrum, processes, settings)
