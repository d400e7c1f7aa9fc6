"""The composite cathode's parameters from its design: phases, geometry, transport, CAM.

Each function below writes one group of parameters; :func:`compose_cathode` runs
them in order. Material numbers come from the library, defaults from
:mod:`asslb_sim.parameter_sets.defaults`, and any design key overrides either.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import CellDefinitionError
from ..parameter_sets import defaults, laws
from ..parameter_sets import materials as lib
from .formulation import PHASES, cathode_fractions, mass_fractions_from_volume
from .layers import MATERIAL_KIND, arrhenius_phase, complete_laws, material, number
from .microstructure import (
    contact_coverage,
    isolated_fraction_from_percolation,
    network_thresholds,
)
from .schema import SCHEMA

# loading and thickness given together must agree to this relative tolerance
CONSISTENCY = 0.01
P = "Positive electrode"


def _phase_name(phase):
    return phase.replace("_", " ")


def cathode_materials(cathode):
    """The library materials of the cathode's phases and coating (None for "none")."""
    mats = {
        role: material(role, cathode.get(role, "none"), f"cathode.{role}")
        for role in (*PHASES, "coating")
    }
    for role in ("active_material", "solid_electrolyte"):
        if mats[role] is None:
            known = sorted(lib.LIBRARY[MATERIAL_KIND[role]])
            raise CellDefinitionError(f"cathode.{role}: a material is required; known: {known}")
    return mats


def _thickness(design, cam_per_volume):
    cathode = design.get("cathode", {})
    thickness = number("cathode", "thickness_um", design)
    loading = number("cathode", "loading_mg_cm2", design)  # kg/m2
    if thickness is None and loading is None:
        raise CellDefinitionError(
            "cathode: give thickness_um or loading_mg_cm2 (CAM areal loading)"
        )
    if loading is None:
        return thickness
    from_loading = loading / cam_per_volume
    if thickness is not None and abs(from_loading / thickness - 1) > CONSISTENCY:
        raise CellDefinitionError(
            f"cathode: loading_mg_cm2 = {cathode['loading_mg_cm2']} gives "
            f"{from_loading * 1e6:.1f} um with these fractions, but thickness_um = "
            f"{cathode['thickness_um']}; give one, or consistent values (within 1 %)"
        )
    return from_loading


def _geometry(design, mats, values):
    """Volume and mass fractions, densities, thickness and CAM loading."""
    densities = {p: float(mats[p].density) if mats[p] else 1.0 for p in PHASES}
    eps, void = cathode_fractions(
        design.get("cathode", {}), densities, {p: mats[p] is not None for p in PHASES}
    )
    am_density = float(mats["active_material"].density)
    thickness = _thickness(design, eps["active_material"] * am_density)
    mass = mass_fractions_from_volume(eps, densities)
    values.update(
        {
            f"{P} thickness [m]": thickness,
            **{f"{P} {_phase_name(p)} volume fraction": eps[p] for p in PHASES},
            f"{P} void volume fraction": void,
            **{f"{P} {_phase_name(p)} mass fraction": mass[p] for p in PHASES},
            **{
                f"{P} {_phase_name(p)} density [kg.m-3]": densities[p] if mats[p] else 0.0
                for p in PHASES
            },
            f"{P} active material loading [kg.m-2]": eps["active_material"]
            * am_density
            * thickness,
        }
    )
    return eps


def _ionic(design, mats, values):
    """The SE phase and an ion-conducting binder in parallel (0 for blocking binders)."""
    se, binder = mats["solid_electrolyte"], mats["binder"]

    def key(name, default):
        return number("cathode", name, design, default)

    values.update(
        {
            **arrhenius_phase(
                f"{P} solid electrolyte",
                key("se_conductivity_mS_cm", float(se.conductivity)),
                key("se_activation_energy_eV", float(se.activation_energy)),
            ),
            f"{P} solid electrolyte Bruggeman exponent": key(
                "se_bruggeman_exponent", float(defaults.SE_BRUGGEMAN_EXPONENT)
            ),
            f"{P} solid electrolyte tortuosity factor": key(
                "se_tortuosity_factor", float(defaults.SE_TORTUOSITY_FACTOR)
            ),
            **arrhenius_phase(
                f"{P} binder",
                float(binder.ionic_conductivity) if binder else 0.0,
                float(binder.activation_energy) if binder else 0.0,
            ),
            f"{P} binder Bruggeman exponent": key(
                "binder_bruggeman_exponent", float(defaults.BINDER_BRUGGEMAN_EXPONENT)
            ),
        }
    )


def _electronic(design, mats, values):
    """The CAM (its conductivity a function of lithiation) and the carbon, conducting
    electrons in parallel."""
    am, carbon = mats["active_material"], mats["carbon"]

    def key(name, default):
        return number("cathode", name, design, default)

    values.update(
        {
            f"{P} active material conductivity [S.m-1]": laws.cam_electronic_conductivity,
            f"{P} active material conductivity at reference state [S.m-1]": key(
                "active_material_conductivity_S_m", float(am.electronic_conductivity)
            ),
            f"{P} active material conductivity delithiation slope": key(
                "active_material_conductivity_slope", float(am.conductivity_slope)
            ),
            f"{P} active material conductivity activation energy [J.mol-1]": float(
                am.conductivity_activation_energy
            ),
            f"{P} active material Bruggeman exponent": key(
                "active_material_bruggeman_exponent",
                float(defaults.ACTIVE_MATERIAL_BRUGGEMAN_EXPONENT),
            ),
            f"{P} carbon conductivity [S.m-1]": key(
                "carbon_conductivity_S_m", float(carbon.conductivity) if carbon else 0.0
            ),
            f"{P} carbon Bruggeman exponent": key(
                "carbon_bruggeman_exponent", float(defaults.CARBON_BRUGGEMAN_EXPONENT)
            ),
        }
    )


def lithiation_dependence(name, table, log10, default):
    """A measured dependence on the Li content as PyBaMM data, ``(name, ([x], y))`` from
    x = 0 to 1 (the end values held beyond the measured range), ``y`` the table's values or
    their log10; ``default`` where the material has no table."""
    if table is None:
        return default
    points = sorted(table)
    xs = [0.0, *(x for x, _ in points), 1.0]
    ys = [points[0][1], *(y for _, y in points), points[-1][1]]
    if log10:
        ys = [math.log10(y) for y in ys]
    return (name, ([np.array(xs)], np.array(ys)))


def _isolated_fraction(design, eps, thresholds, mats):
    spec = design.get("cathode", {}).get("isolated_fraction", 0.0)
    if spec == "percolation":
        carbon, binder = mats["carbon"], mats["binder"]
        return isolated_fraction_from_percolation(
            eps,
            thresholds,
            float(carbon.percolation_threshold) if carbon else None,
            binder is not None and float(binder.ionic_conductivity) > 0,
        )
    if isinstance(spec, str):
        raise CellDefinitionError(
            f"cathode.isolated_fraction: {spec!r} is not valid; give a number in [0, 1) or "
            '"percolation"'
        )
    return number("cathode", "isolated_fraction", design, 0.0)


def _thresholds(design, mats, eps, values):
    """Percolation thresholds of the SE and CAM networks from the particle sizes (the
    CAM's diameter 2R, the SE powder's size)."""
    am, se = mats["active_material"], mats["solid_electrolyte"]
    radius = number("cathode", "particle_radius_um", design, float(am.particle_radius))
    se_size = number("cathode", "se_particle_size_um", design, float(se.particle_size))
    values[f"{P} solid electrolyte particle size [m]"] = se_size
    return network_thresholds(values[f"{P} void volume fraction"], 2 * radius, se_size)


ACTIVE_MATERIAL_LOSS = "Positive electrode active material loss per cycle"


def _active_material(design, mats, eps, thresholds, values):
    """The CAM particles: size, diffusion, OCP, kinetics, contact and connectivity."""
    am, coating = mats["active_material"], mats["coating"]
    radius = number("cathode", "particle_radius_um", design, float(am.particle_radius))
    film = float(coating.film_resistance) if coating else 0.0

    def key(name, default):
        return number("cathode", name, design, default)

    values.update(
        {
            "Maximum concentration in positive electrode [mol.m-3]": float(am.max_concentration),
            "Positive particle radius [m]": radius,
            "Positive particle diffusivity [m2.s-1]": laws.particle_diffusivity,
            "Positive particle diffusivity at reference temperature [m2.s-1]": key(
                "diffusivity_m2_s", float(am.diffusivity)
            ),
            "Positive particle diffusivity activation energy [J.mol-1]": float(
                am.diffusivity_activation_energy
            ),
            laws.LOG10_DIFFUSIVITY_FACTOR: lithiation_dependence(
                f"{am.name} diffusivity", am.diffusivity_table, True, 0.0
            ),
            "Positive particle diffusivity contact exponent": key(
                "diffusivity_contact_exponent", float(defaults.DIFFUSIVITY_CONTACT_EXPONENT)
            ),
            "Positive electrode OCP [V]": am.ocp,
            "Positive electrode OCP entropic change [V.K-1]": 0.0,  # assumed: isothermal use
            f"{P} exchange-current density [A.m-2]": laws.cam_exchange_current_density,
            f"{P} exchange-current density at half lithiation [A.m-2]": key(
                "exchange_current_density_A_m2", float(am.exchange_current_density)
            ),
            f"{P} exchange-current density activation energy [J.mol-1]": float(
                am.exchange_current_activation_energy
            ),
            laws.EXCHANGE_CURRENT_FACTOR: lithiation_dependence(
                f"{am.name} exchange current",
                am.exchange_current_table,
                False,
                laws.symmetric_exchange_factor,
            ),
            f"{P} active material contact coverage": key(
                "contact_coverage",
                contact_coverage(eps["solid_electrolyte"], thresholds["solid_electrolyte"]),
            ),
            f"{P} isolated active material fraction": _isolated_fraction(
                design, eps, thresholds, mats
            ),
            f"{P} film resistance [Ohm.m2]": key("film_resistance_ohm_cm2", film),
            f"{P} film capacity [F.m-2]": key(
                "film_capacity_uF_cm2", float(defaults.FILM_CAPACITY)
            ),
            f"{P} double-layer capacity [F.m-2]": key(
                "double_layer_capacity_uF_cm2", float(defaults.CAM_SE_DOUBLE_LAYER_CAPACITY)
            ),
            # cycling: the connected CAM isolated per cycle (asslb_sim.cycling)
            ACTIVE_MATERIAL_LOSS: key(
                "active_material_loss_per_cycle", float(defaults.ACTIVE_MATERIAL_LOSS_PER_CYCLE)
            ),
        }
    )


def _measured(design, key, table_key, cam_fraction):
    """A measured effective conductivity [S.m-1] of the composite: the value of ``key``,
    or ``table_key``'s table interpolated (log-linearly) at the design's CAM volume
    fraction; None when neither is given."""
    cathode = design.get("cathode", {})
    if key in cathode:
        return number("cathode", key, design)
    if table_key not in cathode:
        return None
    x, y = SCHEMA["cathode"][table_key].check(f"cathode.{table_key}", cathode[table_key])
    if not x[0] <= cam_fraction <= x[-1]:
        raise CellDefinitionError(
            f"cathode.{table_key}: the cathode's CAM volume fraction {cam_fraction:.4f} is "
            f"outside the table's range [{x[0]:g}, {x[-1]:g}]; valid range of the table's "
            "cam_volume_fraction must include it"
        )
    return 0.1 * 10 ** float(np.interp(cam_fraction, x, np.log10(y)))  # mS/cm -> S/m


def _measured_transport(design, values):
    """Measured effective conductivities, as transport efficiencies of the phase that
    carries them: the SE (ionic) and the CAM network (electronic, with the carbon's
    share in it)."""
    eps_am = values[f"{P} active material volume fraction"]
    ionic = _measured(
        design, "se_effective_conductivity_mS_cm", "se_effective_conductivity_table", eps_am
    )
    if ionic is not None:
        bulk = values[f"{P} solid electrolyte conductivity at reference temperature [S.m-1]"]
        values[f"{P} solid electrolyte measured transport efficiency"] = ionic / bulk
    electronic = _measured(
        design, "electronic_conductivity_mS_cm", "electronic_conductivity_table", eps_am
    )
    if electronic is not None:
        bulk = values[f"{P} active material conductivity at reference state [S.m-1]"]
        values[f"{P} active material measured transport efficiency"] = electronic / bulk
        values[f"{P} carbon measured transport efficiency"] = 0.0


MEASURED_KEYS = {  # design key -> the model options its measurement sets to "measured"
    "se_effective_conductivity_mS_cm": ("solid_electrolyte_transport",),
    "se_effective_conductivity_table": ("solid_electrolyte_transport",),
    "electronic_conductivity_mS_cm": ("active_material_transport", "carbon_transport"),
    "electronic_conductivity_table": ("active_material_transport", "carbon_transport"),
}


def compose_cathode(design, values):
    """Write the composite cathode's parameters into ``values``; return the names of
    the tortuosity factors given their Bruggeman-equivalent default."""
    mats = cathode_materials(design.get("cathode", {}))
    eps = _geometry(design, mats, values)
    _ionic(design, mats, values)
    _electronic(design, mats, values)
    thresholds = _thresholds(design, mats, eps, values)
    _active_material(design, mats, eps, thresholds, values)
    _measured_transport(design, values)
    carbon = mats["carbon"]
    defaulted = set()
    for phase, threshold in (
        ("solid electrolyte", thresholds["solid_electrolyte"]),
        ("active material", thresholds["active_material"]),
        ("carbon", float(carbon.percolation_threshold) if carbon else 0.0),
        ("binder", float(defaults.SE_PERCOLATION_THRESHOLD)),
    ):
        defaulted |= complete_laws(values, P, phase, threshold)
    return defaulted
