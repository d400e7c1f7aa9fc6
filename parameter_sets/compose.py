"""Compose a cell's PyBaMM parameter values from a design: materials + formulation.

A design is a nested dict with the sections of a cell file (``cathode``,
``separator``, ``anode``, ``collectors``, ``operation``; see the README), in
battery units with the unit in each key. :func:`compose` turns it into PyBaMM
parameter values (SI): material properties come from the library in
``materials.py``; volume fractions, thickness and loadings from the formulation;
explicit keys override either. Every value is checked against its valid range
and the error names the key, the value and the range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import laws
from . import materials as lib
from .stoichiometry import usable_window

F = lib.F
PHASES = ("active_material", "solid_electrolyte", "carbon", "binder")
_INF = math.inf

# SE percolation threshold of composite cathodes: "limiting fraction about 20 vol% for
# both SE and CAM", Clausnitzer et al. (2023) [Pd]
SE_PERCOLATION_THRESHOLD = 0.20
# assumed: 3D lattice percolation conductivity exponent ~2 [M]
PERCOLATION_EXPONENT = 2.0
# assumed: keeps the effective conductivity finite below the threshold
PERCOLATION_FLOOR = 1e-6
# assumed: the connected fraction rises linearly over 10 vol% above the threshold
CONNECTIVITY_WIDTH = 0.10


class DesignError(ValueError):
    """A cell design is invalid; the message names the key and the valid range."""


@dataclass(frozen=True)
class Key:
    """A design key: its unit, SI conversion and valid range (in the key's unit)."""

    unit: str
    scale: float
    low: float
    high: float
    low_inclusive: bool = False
    high_inclusive: bool = True
    offset: float = 0.0

    def range_text(self):
        left = "[" if self.low_inclusive else "("
        right = "]" if self.high_inclusive else ")"
        return f"{left}{self.low:g}, {self.high:g}{right} {self.unit}".rstrip()

    def check(self, where, value):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        ok = ok and math.isfinite(value)
        if ok:
            ok = (value >= self.low if self.low_inclusive else value > self.low) and (
                value <= self.high if self.high_inclusive else value < self.high
            )
        if not ok:
            raise DesignError(
                f"{where}: {value!r} is out of range; valid range {self.range_text()}"
            )
        return value * self.scale + self.offset


def _frac(low_inc=True, high_inc=False):
    return Key("", 1.0, 0.0, 1.0, low_inc, high_inc)


_UM = Key("um", 1e-6, 0, 5000)
_MS_CM = Key("mS/cm", 0.1, 0, _INF, False, False)
_EV = Key("eV", lib.EV, 0, 2, True, True)
_EXP = Key("", 1.0, 0, 10, True, True)
_OHM_CM2 = Key("Ohm cm2", 1e-4, 0, 1e4, True, True)

NUMERIC_KEYS = {
    "cathode": {
        "thickness_um": _UM,
        "loading_mg_cm2": Key("mg/cm2", 1e-2, 0, 1000),
        "active_material_volume_fraction": _frac(False),
        "solid_electrolyte_volume_fraction": _frac(False),
        "carbon_volume_fraction": _frac(),
        "binder_volume_fraction": _frac(),
        "void_volume_fraction": _frac(),
        "se_conductivity_mS_cm": _MS_CM,
        "se_activation_energy_eV": _EV,
        "se_bruggeman_exponent": _EXP,
        "se_tortuosity_factor": Key("", 1.0, 1, _INF, True, False),
        "active_material_conductivity_S_m": Key("S/m", 1.0, 0, _INF, True, False),
        "active_material_bruggeman_exponent": _EXP,
        "carbon_conductivity_S_m": Key("S/m", 1.0, 0, _INF, True, False),
        "carbon_bruggeman_exponent": _EXP,
        "binder_bruggeman_exponent": _EXP,
        "particle_radius_um": Key("um", 1e-6, 0, 100),
        "diffusivity_m2_s": Key("m2/s", 1.0, 0, 1e-8),
        "exchange_current_density_A_m2": Key("A/m2", 1.0, 0, _INF, False, False),
        "contact_coverage": _frac(False, True),
        "isolated_fraction": _frac(),
        "film_resistance_ohm_cm2": _OHM_CM2,
    },
    "separator": {
        "thickness_um": _UM,
        "solid_electrolyte_volume_fraction": _frac(False, True),
        "binder_mass_fraction": _frac(),
        "template_volume_fraction": _frac(),
        "void_volume_fraction": _frac(),
        "conductivity_mS_cm": _MS_CM,
        "activation_energy_eV": _EV,
        "bruggeman_exponent": _EXP,
    },
    "anode": {
        "li_thickness_um": _UM,
        "li_excess_um": Key("um", 1e-6, 0, 5000, True, True),
        "interlayer_thickness_um": Key("um", 1e-6, 0, 1000, True, True),
        "coulombic_efficiency": Key("", 1.0, 0, 1, False, True),
        "n_p_ratio": Key("", 1.0, 0, 100, True, True),
        "interphase_resistance_ohm_cm2": _OHM_CM2,
        "exchange_current_density_mA_cm2": Key("mA/cm2", 10.0, 0, _INF, False, False),
    },
    "collectors": {
        "cathode_thickness_um": Key("um", 1e-6, 0, 1000, True, True),
        "anode_thickness_um": Key("um", 1e-6, 0, 1000, True, True),
    },
    "packaging": {
        "layers": Key("", 1.0, 1, 10000, True, True),
        "electrode_area_cm2": Key("cm2", 1.0, 0, 1e5),
        "footprint_area_cm2": Key("cm2", 1.0, 0, 1e5),
        "pouch_foil_thickness_um": Key("um", 1e-6, 0, 2000, True, True),
        "pouch_foil_density_g_cm3": Key("g/cm3", 1.0, 0, 25),
        "tab_mass_g": Key("g", 1.0, 0, 1e4, True, True),
    },
    "operation": {
        "temperature_C": Key("C", 1.0, -100, 300, True, True, offset=273.15),
        "lower_cutoff_V": Key("V", 1.0, 0, 6),
        "upper_cutoff_V": Key("V", 1.0, 0, 6),
    },
}

NAME_KEYS = {
    "cathode": {
        "active_material": "cathode active material",
        "solid_electrolyte": "solid electrolyte",
        "carbon": "carbon",
        "binder": "binder",
        "coating": "coating",
    },
    "separator": {
        "solid_electrolyte": "solid electrolyte",
        "binder": "binder",
        "template": "template",
    },
    "anode": {"material": "anode", "interlayer": "interlayer"},
    "collectors": {"cathode": "collector", "anode": "collector"},
}
OTHER_KEYS = {
    "cathode": {"mass_fractions"},
    "cell": {"preset", "name", "nominal_capacity_mAh_cm2"},
    "packaging": {"stacking"},
}
STACKINGS = ("single-sided", "double-sided", "bicell")
SECTIONS = (
    "cell",
    "cathode",
    "separator",
    "anode",
    "collectors",
    "packaging",
    "operation",
    "model",
    "parameters",
)

# loading and thickness given together must agree to this relative tolerance
_CONSISTENCY = 0.01
# fractions written with 3-4 decimals must sum to 1 within this
_SUM_TOLERANCE = 1e-3


def _material(kind, name, where):
    try:
        return lib.get(kind, name)
    except lib.UnknownMaterialError as exc:
        raise DesignError(f"{where}: {exc}") from None


def _number(section, key, design, default=None):
    """The SI value of ``section.key`` (validated), or ``default`` if absent."""
    value = design.get(section, {}).get(key)
    if value is None:
        return default
    return NUMERIC_KEYS[section][key].check(f"{section}.{key}", value)


def check_keys(design):
    """Reject unknown sections and keys, naming the valid ones."""
    unknown = sorted(set(design) - set(SECTIONS))
    if unknown:
        raise DesignError(f"unknown section(s) {unknown}; valid: {list(SECTIONS)}")
    for section, entries in design.items():
        if section in ("model", "parameters"):
            continue
        if not isinstance(entries, dict):
            raise DesignError(f"[{section}] must be a table")
        valid = (
            set(NUMERIC_KEYS.get(section, {}))
            | set(NAME_KEYS.get(section, {}))
            | OTHER_KEYS.get(section, set())
        )
        for key, value in entries.items():
            if key not in valid:
                raise DesignError(f"unknown key {section}.{key}; valid: {sorted(valid)}")
            if (section, key, value) == ("cathode", "isolated_fraction", "percolation"):
                continue
            if key in NUMERIC_KEYS.get(section, {}) and (
                not isinstance(value, (int, float)) or isinstance(value, bool)
            ):
                spec = NUMERIC_KEYS[section][key]
                extra = ' or "percolation"' if key == "isolated_fraction" else ""
                raise DesignError(
                    f"{section}.{key}: {value!r} must be a number in {spec.range_text()}{extra}"
                )
            if key in NAME_KEYS.get(section, {}) and not isinstance(value, str):
                raise DesignError(f"{section}.{key}: {value!r} must be a material name")
            if (section, key) == ("packaging", "stacking") and value not in STACKINGS:
                raise DesignError(
                    f"packaging.stacking: {value!r} is not valid; valid: {list(STACKINGS)}"
                )


def volume_fractions_from_mass(mass_fractions, densities, void_fraction):
    """Volume fractions of the solid phases from mass fractions and densities.

    ``eps_i = (1 - eps_void) (w_i / rho_i) / sum_k (w_k / rho_k)``.
    """
    specific = {k: mass_fractions[k] / densities[k] for k in mass_fractions}
    total = sum(specific.values())
    return {k: (1 - void_fraction) * v / total for k, v in specific.items()}


def mass_fractions_from_volume(volume_fractions, densities):
    """Inverse of :func:`volume_fractions_from_mass` (voids carry no mass)."""
    masses = {k: volume_fractions[k] * densities[k] for k in volume_fractions}
    total = sum(masses.values())
    return {k: m / total for k, m in masses.items()}


def cam_percolation_threshold(radius):
    """CAM-only electronic percolation threshold (volume fraction) for particle radius [m].

    ``p_c = (7.83 ln(d/um) + 36.67) / 100`` with ``d = 2 R``: Bielefeld et al.
    J. Phys. Chem. C 123, 1626 (2019) [Pd].
    """
    d_um = 2 * radius * 1e6
    return (7.83 * math.log(d_um) + 36.67) / 100


def connected_fraction(eps, threshold, width=CONNECTIVITY_WIDTH):
    """Fraction of a phase in its percolating cluster: 0 below the threshold,
    rising linearly to 1 over ``width`` above it (assumed law)."""
    return min(max((eps - threshold) / width, 0.0), 1.0)


def _cathode_fractions(cat, materials):
    where = "cathode"
    mass = cat.get("mass_fractions")
    direct = [f"{p}_volume_fraction" for p in PHASES]
    given_direct = [k for k in direct if k in cat]
    void = _number(where, "void_volume_fraction", {where: cat}, 0.0)
    densities = {p: float(m.density) if m else 1.0 for p, m in materials.items()}
    if mass is not None and given_direct:
        raise DesignError(
            f"cathode: give either mass_fractions or volume fractions, not both "
            f"(got mass_fractions and {given_direct})"
        )
    if mass is not None:
        if not isinstance(mass, dict):
            raise DesignError("cathode.mass_fractions must be a table of phase = fraction")
        unknown = sorted(set(mass) - set(PHASES))
        if unknown:
            raise DesignError(
                f"cathode.mass_fractions: unknown phase(s) {unknown}; valid: {list(PHASES)}"
            )
        w = {}
        for p in PHASES:
            value = mass.get(p, 0.0)
            w[p] = _frac().check(f"cathode.mass_fractions.{p}", value)
            if w[p] > 0 and materials[p] is None:
                raise DesignError(
                    f"cathode.mass_fractions.{p} = {value} but cathode.{p} is "
                    f"'none': name the material"
                )
        if abs(sum(w.values()) - 1) > _SUM_TOLERANCE:
            raise DesignError(
                f"cathode.mass_fractions sum to {sum(w.values()):.4f}, must be 1 "
                f"(+-{_SUM_TOLERANCE:g}): {w}"
            )
        if w["active_material"] <= 0 or w["solid_electrolyte"] <= 0:
            raise DesignError(
                "cathode.mass_fractions: active_material and solid_electrolyte "
                "must be above 0; valid range (0, 1)"
            )
        return volume_fractions_from_mass(w, densities, void), void
    eps = {p: _number(where, f"{p}_volume_fraction", {where: cat}, 0.0) for p in PHASES}
    total = sum(eps.values()) + void
    if abs(total - 1) > _SUM_TOLERANCE:
        parts = ", ".join(f"{p} = {eps[p]:g}" for p in PHASES) + f", void = {void:g}"
        raise DesignError(
            f"cathode volume fractions sum to {total:.4f}, must be 1 "
            f"(+-{_SUM_TOLERANCE:g}): {parts}"
        )
    if eps["active_material"] <= 0 or eps["solid_electrolyte"] <= 0:
        raise DesignError(
            "cathode: active_material_volume_fraction and "
            "solid_electrolyte_volume_fraction must be in (0, 1)"
        )
    return eps, void


def _arrhenius_phase(prefix, reference, energy):
    """The conductivity law of one ionic phase and its two scalars: the value at the
    reference temperature [S.m-1] and the activation energy [J.mol-1]."""
    return {
        f"{prefix} conductivity [S.m-1]": laws.arrhenius_conductivity(prefix),
        f"{prefix} conductivity at reference temperature [S.m-1]": reference,
        f"{prefix} conductivity activation energy [J.mol-1]": energy,
    }


def _cathode(design, values):
    cat = design.get("cathode", {})
    kinds = NAME_KEYS["cathode"]
    names = {p: cat.get(p, "none") for p in kinds}
    mats = {
        p: (None if names[p] == "none" else _material(kinds[p], names[p], f"cathode.{p}"))
        for p in kinds
    }
    for p in ("active_material", "solid_electrolyte"):
        if mats[p] is None:
            raise DesignError(
                f"cathode.{p}: a material is required; known: {sorted(lib.LIBRARY[kinds[p]])}"
            )
    eps, void = _cathode_fractions(cat, {p: mats[p] for p in PHASES})
    am, se, carbon, binder = (mats[p] for p in PHASES)

    thickness = _number("cathode", "thickness_um", design)
    loading = _number("cathode", "loading_mg_cm2", design)  # kg/m2
    cam_per_volume = eps["active_material"] * am.density  # kg/m3 of electrode
    if thickness is None and loading is None:
        raise DesignError("cathode: give thickness_um or loading_mg_cm2 (CAM areal loading)")
    if loading is not None:
        from_loading = loading / cam_per_volume
        if thickness is not None and abs(from_loading / thickness - 1) > _CONSISTENCY:
            raise DesignError(
                f"cathode: loading_mg_cm2 = {cat['loading_mg_cm2']} gives "
                f"{from_loading * 1e6:.1f} um with these fractions, but thickness_um = "
                f"{cat['thickness_um']}; give one, or consistent values (within 1 %)"
            )
        thickness = from_loading

    radius = _number("cathode", "particle_radius_um", design, float(am.particle_radius))
    f_iso_spec = cat.get("isolated_fraction", 0.0)
    if f_iso_spec == "percolation":
        f_iso = isolated_fraction_from_percolation(eps, radius, carbon, binder)
    elif isinstance(f_iso_spec, str):
        raise DesignError(
            f"cathode.isolated_fraction: {f_iso_spec!r} is not valid; give a "
            'number in [0, 1) or "percolation"'
        )
    else:
        f_iso = _number("cathode", "isolated_fraction", design, 0.0)

    film = float(mats["coating"].film_resistance) if mats["coating"] else 0.0
    film = _number("cathode", "film_resistance_ohm_cm2", design, film)
    pre = "Positive electrode"
    values.update(
        {
            f"{pre} thickness [m]": thickness,
            f"{pre} active material volume fraction": eps["active_material"],
            f"{pre} solid electrolyte volume fraction": eps["solid_electrolyte"],
            f"{pre} carbon volume fraction": eps["carbon"],
            f"{pre} binder volume fraction": eps["binder"],
            f"{pre} void volume fraction": void,
            f"{pre} active material density [kg.m-3]": float(am.density),
            f"{pre} solid electrolyte density [kg.m-3]": float(se.density),
            f"{pre} carbon density [kg.m-3]": float(carbon.density) if carbon else 0.0,
            f"{pre} binder density [kg.m-3]": float(binder.density) if binder else 0.0,
            # SE phase
            **_arrhenius_phase(
                f"{pre} solid electrolyte",
                _number("cathode", "se_conductivity_mS_cm", design, float(se.conductivity)),
                _number("cathode", "se_activation_energy_eV", design, float(se.activation_energy)),
            ),
            # assumed 3.0: sulfide composites fit 2.2-3.0 (Bielefeld 2020 [D]) to 3.4-3.7
            # (Stavola 2023 [Pd])
            f"{pre} solid electrolyte Bruggeman exponent": _number(
                "cathode", "se_bruggeman_exponent", design, 3.0
            ),
            # 4.33 at 41.6 vol% CAM, Minnmann et al. (2021) [Fd]
            f"{pre} solid electrolyte tortuosity factor": _number(
                "cathode", "se_tortuosity_factor", design, 4.33
            ),
            # binder as a second, parallel ionic path (0 for blocking binders)
            **_arrhenius_phase(
                f"{pre} binder",
                float(binder.ionic_conductivity) if binder else 0.0,
                float(binder.activation_energy) if binder else 0.0,
            ),
            f"{pre} binder Bruggeman exponent": _number(
                "cathode", "binder_bruggeman_exponent", design, 1.5
            ),  # assumed: spheres
            # CAM electronic
            f"{pre} active material conductivity [S.m-1]": laws.constant_in_stoichiometry(
                f"{pre} active material conductivity at reference state [S.m-1]"
            ),
            f"{pre} active material conductivity at reference state [S.m-1]": _number(
                "cathode",
                "active_material_conductivity_S_m",
                design,
                float(am.electronic_conductivity),
            ),
            # Sinzig et al. (2024) [Pd]
            f"{pre} active material Bruggeman exponent": _number(
                "cathode", "active_material_bruggeman_exponent", design, 1.5
            ),
            # carbon electronic
            f"{pre} carbon conductivity [S.m-1]": _number(
                "cathode",
                "carbon_conductivity_S_m",
                design,
                float(carbon.conductivity) if carbon else 0.0,
            ),
            # assumed: classical spheres
            f"{pre} carbon Bruggeman exponent": _number(
                "cathode", "carbon_bruggeman_exponent", design, 1.5
            ),
            # CAM
            "Maximum concentration in positive electrode [mol.m-3]": float(am.max_concentration),
            "Positive particle radius [m]": radius,
            "Positive particle diffusivity [m2.s-1]": laws.particle_diffusivity,
            "Positive particle diffusivity at reference temperature [m2.s-1]": _number(
                "cathode", "diffusivity_m2_s", design, float(am.diffusivity)
            ),
            "Positive particle diffusivity activation energy [J.mol-1]": float(
                am.diffusivity_activation_energy
            ),
            "Positive electrode OCP [V]": am.ocp,
            "Positive electrode OCP entropic change [V.K-1]": 0.0,  # assumed: isothermal use
            f"{pre} exchange-current density [A.m-2]": laws.cam_exchange_current_density,
            f"{pre} exchange-current density at half lithiation [A.m-2]": _number(
                "cathode",
                "exchange_current_density_A_m2",
                design,
                float(am.exchange_current_density),
            ),
            f"{pre} exchange-current density activation energy [J.mol-1]": float(
                am.exchange_current_activation_energy
            ),
            # Yanev et al. JES 171, 050530 (2024) Table I, gran73 coverage 50.3 % [Pd]
            f"{pre} active material contact coverage": _number(
                "cathode", "contact_coverage", design, 0.5
            ),
            f"{pre} isolated active material fraction": f_iso,
            f"{pre} film resistance [Ohm.m2]": film,
        }
    )
    carbon_threshold = float(carbon.percolation_threshold) if carbon else 0.0
    for phase, threshold in (
        ("solid electrolyte", SE_PERCOLATION_THRESHOLD),
        ("active material", cam_percolation_threshold(radius)),
        ("carbon", carbon_threshold),
        ("binder", SE_PERCOLATION_THRESHOLD),
    ):
        _complete_laws(values, pre, phase, threshold)
    return names


def _complete_laws(values, prefix, phase, threshold):
    """Give every transport-efficiency law of one phase its parameters.

    The tortuosity factor defaults to the value equivalent to the Bruggeman law
    at the design's volume fraction, ``tau = eps^(1 - b)`` [D] (at least 1); the
    percolation law gets ``threshold``, :data:`PERCOLATION_EXPONENT` and
    :data:`PERCOLATION_FLOOR`. Values already set (sourced) are kept.
    """
    eps = values[f"{prefix} {phase} volume fraction"]
    b = values[f"{prefix} {phase} Bruggeman exponent"]
    tau = max(eps ** (1 - b), 1.0) if eps > 0 else 1.0
    values.setdefault(f"{prefix} {phase} tortuosity factor", tau)
    values.setdefault(f"{prefix} {phase} percolation threshold", threshold)
    values.setdefault(f"{prefix} {phase} percolation exponent", PERCOLATION_EXPONENT)
    values.setdefault(f"{prefix} {phase} percolation floor", PERCOLATION_FLOOR)


def isolated_fraction_from_percolation(eps, radius, carbon, binder):
    """CAM fraction cut off from the electronic or the ionic network.

    Electronic: connected through carbon when carbon is above its percolation
    threshold, otherwise through CAM-CAM contacts above the size-dependent CAM
    threshold (:func:`cam_percolation_threshold`). Ionic: the SE phase (plus an
    ion-conducting binder) above :data:`SE_PERCOLATION_THRESHOLD`. The connected
    fraction of each network follows :func:`connected_fraction`;
    ``f_iso = 1 - f_el f_ion``.
    """
    if carbon is not None and eps["carbon"] >= float(carbon.percolation_threshold):
        f_el = 1.0
    else:
        f_el = connected_fraction(eps["active_material"], cam_percolation_threshold(radius))
    ionic = eps["solid_electrolyte"]
    if binder is not None and float(binder.ionic_conductivity) > 0:
        ionic += eps["binder"]
    f_ion = connected_fraction(ionic, SE_PERCOLATION_THRESHOLD)
    return min(1 - f_el * f_ion, 1 - 1e-9)


def _separator(design, values):
    sep = design.get("separator", {})
    kinds = NAME_KEYS["separator"]
    se = _material(
        "solid electrolyte", sep.get("solid_electrolyte", "Li6PS5Cl"), "separator.solid_electrolyte"
    )
    binder_name = sep.get("binder", "none")
    template_name = sep.get("template", "none")
    binder = (
        None
        if binder_name == "none"
        else _material(kinds["binder"], binder_name, "separator.binder")
    )
    template = (
        None
        if template_name == "none"
        else _material(kinds["template"], template_name, "separator.template")
    )
    w_b = _number("separator", "binder_mass_fraction", design, 0.0)
    eps_t = _number("separator", "template_volume_fraction", design, 0.0)
    void = _number("separator", "void_volume_fraction", design, 0.0)
    if w_b > 0 and binder is None:
        raise DesignError("separator.binder_mass_fraction > 0 but separator.binder is 'none'")
    if eps_t > 0 and template is None:
        raise DesignError("separator.template_volume_fraction > 0 but separator.template is 'none'")
    direct = _number("separator", "solid_electrolyte_volume_fraction", design)
    if direct is not None and (w_b > 0 or eps_t > 0 or void > 0):
        raise DesignError(
            "separator: give solid_electrolyte_volume_fraction, or binder / "
            "template / void fractions, not both"
        )
    if direct is not None:
        eps_se, eps_b = direct, 0.0
        void = 1 - direct
    else:
        if eps_t + void >= 1:
            raise DesignError(
                f"separator: template ({eps_t}) and void ({void}) fractions leave "
                "no room for the SE; their sum must be below 1"
            )
        solid = 1 - eps_t - void
        vol_se = (1 - w_b) / float(se.density)
        vol_b = w_b / float(binder.density) if binder else 0.0
        eps_se = solid * vol_se / (vol_se + vol_b)
        eps_b = solid - eps_se
    thickness = _number("separator", "thickness_um", design)
    if thickness is None:
        raise DesignError("separator.thickness_um is required; valid range (0, 5000] um")
    pre = "Separator"
    values.update(
        {
            "Separator thickness [m]": thickness,
            f"{pre} solid electrolyte volume fraction": eps_se,
            f"{pre} binder volume fraction": eps_b,
            f"{pre} template volume fraction": eps_t,
            f"{pre} void volume fraction": void,
            f"{pre} solid electrolyte density [kg.m-3]": float(se.density),
            f"{pre} binder density [kg.m-3]": float(binder.density) if binder else 0.0,
            f"{pre} template density [kg.m-3]": float(template.density) if template else 0.0,
            **_arrhenius_phase(
                f"{pre} solid electrolyte",
                _number("separator", "conductivity_mS_cm", design, float(se.conductivity)),
                _number("separator", "activation_energy_eV", design, float(se.activation_energy)),
            ),
            # classical value; a dense film (eps = 1) is unaffected
            f"{pre} solid electrolyte Bruggeman exponent": _number(
                "separator", "bruggeman_exponent", design, 1.5
            ),
            **_arrhenius_phase(
                f"{pre} binder",
                float(binder.ionic_conductivity) if binder else 0.0,
                float(binder.activation_energy) if binder else 0.0,
            ),
            f"{pre} binder Bruggeman exponent": 1.5,  # assumed: spheres
        }
    )
    for phase in ("solid electrolyte", "binder"):
        _complete_laws(values, pre, phase, SE_PERCOLATION_THRESHOLD)
    return {"solid_electrolyte": se.name, "binder": binder_name, "template": template_name}


ANODE_TYPES = ("Li metal", "anode-free")


def _anode(design, values, plated):
    """The anode side.

    Li metal: the Li present in the charged state (the start of every
    equilibrium-start discharge) is given directly (``li_thickness_um``), or as
    the as-built excess foil (``li_excess_um``) or N/P ratio (``n_p_ratio``:
    excess foil capacity over the cathode's usable capacity), to which the
    charge adds the ``plated`` thickness [m] the cathode's usable window
    delivers. Anode-free: no Li as built; an interlayer (or the bare
    collector) with its thickness, interface resistance and first-cycle plating
    efficiency.
    """
    an = design.get("anode", {})
    kind = an.get("material", "Li metal")
    if kind not in ANODE_TYPES:
        raise DesignError(f"anode.material: {kind!r} is not valid; valid: {list(ANODE_TYPES)}")
    li = lib.ANODES["Li metal"]
    given = [k for k in ("li_thickness_um", "li_excess_um", "n_p_ratio") if k in an]
    substrate_keys = [
        k for k in ("interlayer", "interlayer_thickness_um", "coulombic_efficiency") if k in an
    ]
    if kind == "Li metal":
        if substrate_keys:
            raise DesignError(
                f"anode: {substrate_keys} apply to anode-free cells only "
                "(anode.material = 'anode-free')"
            )
        if len(given) != 1:
            raise DesignError(
                "anode: give exactly one of li_thickness_um (Li in the charged state), "
                f"li_excess_um (as-built foil) or n_p_ratio; got {given or 'none'}"
            )
        if given[0] == "li_thickness_um":
            thickness = _number("anode", "li_thickness_um", design)
            if thickness < plated * (1 - 1e-9):
                raise DesignError(
                    f"anode.li_thickness_um: {an['li_thickness_um']!r} um is less than the "
                    f"{plated * 1e6:.2f} um of Li the cathode holds in its usable window; "
                    f"valid range [{plated * 1e6:.2f}, 5000] um (the Li in the charged state "
                    "includes what the charge plated; use li_excess_um for the as-built foil)"
                )
        elif given[0] == "li_excess_um":
            thickness = _number("anode", "li_excess_um", design) + plated
        else:
            thickness = _number("anode", "n_p_ratio", design) * plated + plated
        as_built = max(thickness - plated, 0.0)
        substrate = lib.INTERLAYERS["none"]
        interlayer_thickness, efficiency = 0.0, 1.0
    else:
        if given:
            raise DesignError(
                f"anode: {given} apply to Li-metal anodes; an anode-free cell has no Li as built"
            )
        substrate = _material("interlayer", an.get("interlayer", "none"), "anode.interlayer")
        interlayer_thickness = _number(
            "anode", "interlayer_thickness_um", design, float(substrate.thickness)
        )
        efficiency = _number(
            "anode", "coulombic_efficiency", design, float(substrate.coulombic_efficiency)
        )
        thickness, as_built = interlayer_thickness, 0.0
    values.update(
        {
            # Li-metal cells: the Li at the start of discharge; anode-free cells: the
            # interlayer (it positions the separator; no Li there as built)
            "Negative electrode thickness [m]": thickness,
            "Lithium metal thickness as built [m]": as_built,
            "Interlayer thickness [m]": interlayer_thickness,
            "Interlayer density [kg.m-3]": float(substrate.density),
            "Interlayer interface resistance [Ohm.m2]": float(substrate.interface_resistance),
            "Lithium plating Coulombic efficiency": efficiency,
            "Initial plated lithium thickness [m]": 0.0,  # anode-free cells: built discharged
            "Exchange-current density for lithium metal electrode [A.m-2]": (
                laws.lithium_exchange_current_density
            ),
            "Lithium metal exchange-current density at reference temperature [A.m-2]": _number(
                "anode",
                "exchange_current_density_mA_cm2",
                design,
                float(li.exchange_current_density),
            ),
            "Lithium metal exchange-current density activation energy [J.mol-1]": float(
                li.exchange_current_activation_energy
            ),
            "Lithium metal interphase resistance [Ohm.m2]": _number(
                "anode", "interphase_resistance_ohm_cm2", design, float(li.interphase_resistance)
            ),
            "Lithium metal density [kg.m-3]": float(li.density),
            "Lithium metal molar mass [kg.mol-1]": float(li.molar_mass),
        }
    )


def _collectors(design, values):
    col = design.get("collectors", {})
    names = {}
    for side, pre, default in (
        ("cathode", "Positive", "Al"),
        ("anode", "Negative", "stainless steel"),
    ):
        mat = _material("collector", col.get(side, default), f"collectors.{side}")
        names[side] = mat.name
        values[f"{pre} current collector thickness [m]"] = _number(
            "collectors", f"{side}_thickness_um", design, float(mat.thickness)
        )
        values[f"{pre} current collector density [kg.m-3]"] = float(mat.density)
    return names


def _operation(design, values):
    T = _number("operation", "temperature_C", design, 298.15)
    v_low = _number("operation", "lower_cutoff_V", design, 3.0)
    v_high = _number("operation", "upper_cutoff_V", design, 4.25)
    if not v_low < v_high:
        raise DesignError(
            f"operation: lower_cutoff_V ({v_low}) must be below upper_cutoff_V ({v_high})"
        )
    values.update(
        {
            "Reference temperature [K]": 298.15,  # 25 C: library values are given there
            "Ambient temperature [K]": T,
            "Initial temperature [K]": T,
            "Lower voltage cut-off [V]": v_low,
            "Upper voltage cut-off [V]": v_high,
            "Open-circuit voltage at 0% SOC [V]": v_low,
            "Open-circuit voltage at 100% SOC [V]": v_high,
        }
    )


def compose(design):
    """PyBaMM parameter values (a dict) of the cell described by ``design``.

    Raises
    ------
    DesignError
        For an unknown section, key or material, a value out of range, fractions
        that do not sum to 1, or inconsistent loading and thickness.
    """
    check_keys(design)
    values = {
        "chemistry": "lithium_ion",
        # 1 cm x 1 cm: results are per cm2 of electrode
        "Electrode height [m]": 0.01,
        "Electrode width [m]": 0.01,
        "Number of electrodes connected in parallel to make a cell": 1.0,
        "Number of cells connected in series to make a battery": 1.0,
        "citations": ["Chen2020"],
    }
    _cathode(design, values)
    _separator(design, values)
    _collectors(design, values)
    _operation(design, values)
    try:
        x_charged, _, moles = usable_window(values)
    except ValueError as exc:
        raise DesignError(f"operation: voltage cut-off: {exc}") from None
    c_li = float(lib.ANODES["Li metal"].density) / float(lib.ANODES["Li metal"].molar_mass)
    plated = moles / c_li  # m of Li the usable window plates
    _anode(design, values, plated)
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    area = values["Electrode height [m]"] * values["Electrode width [m]"]
    q = moles * F / 3600 * area  # A.h
    values.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": x_charged * c_max,
            "Nominal cell capacity [A.h]": q,
            "Current function [A]": q,
        }
    )
    return values
