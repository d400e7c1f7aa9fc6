"""Derived microstructure of a cell: what a formulation turns into."""

from __future__ import annotations

import pandas as pd

from .design import CellState, load_cell
from .errors import CellDefinitionError
from .simulation import Case, Runner


def _layer_rows(v, anode):
    rows = []
    pre = "Positive electrode"
    L_p = v[f"{pre} thickness [m]"]
    for phase in ("active material", "solid electrolyte", "carbon", "binder"):
        eps = v[f"{pre} {phase} volume fraction"]
        rho = v[f"{pre} {phase} density [kg.m-3]"]
        rows.append((f"Cathode {phase} volume fraction", eps, ""))
        rows.append((f"Cathode {phase} loading", eps * rho * L_p * 100, "mg.cm-2"))
    rows.append(("Cathode void volume fraction", v[f"{pre} void volume fraction"], ""))
    masses = {
        phase: v[f"{pre} {phase} volume fraction"] * v[f"{pre} {phase} density [kg.m-3]"]
        for phase in ("active material", "solid electrolyte", "carbon", "binder")
    }
    total = sum(masses.values())
    for phase, m in masses.items():
        rows.append((f"Cathode {phase} mass fraction", m / total, ""))
    rows.append(("Cathode thickness", L_p * 1e6, "um"))
    rows.append(("Cathode composite loading", total * L_p * 100, "mg.cm-2"))
    rows.append(
        ("Cathode isolated CAM fraction", v[f"{pre} isolated active material fraction"], "")
    )
    rows.append(("CAM|SE contact coverage", v[f"{pre} active material contact coverage"], ""))
    rows.append(("Separator thickness", v["Separator thickness [m]"] * 1e6, "um"))
    sep_mass = sum(
        v[f"Separator {phase} volume fraction"] * v[f"Separator {phase} density [kg.m-3]"]
        for phase in ("solid electrolyte", "binder", "template")
    )
    rows.append(
        ("Separator SE volume fraction", v["Separator solid electrolyte volume fraction"], "")
    )
    rows.append(("Separator areal mass", sep_mass * v["Separator thickness [m]"] * 100, "mg.cm-2"))
    for label, name in anode.describe_rows:
        rows.append((label, v[name] * 1e6, "um"))
    rows.append(("Temperature", v["Ambient temperature [K]"] - 273.15, "C"))
    return rows


def describe(cell="default"):
    """Derived microstructure and effective properties of ``cell``.

    Volume and mass fractions, thicknesses, loadings, areal capacity, the
    specific surface and contact areas, and the effective conductivities at the
    cell's temperature, as the model computes them (read from the model at
    t = 0, so they follow the chosen transport-efficiency laws).

    Returns
    -------
    pandas.DataFrame
        Columns "Quantity", "Value", "Unit".
    """
    cell = load_cell(cell)
    v = cell.parameter_values
    rows = _layer_rows(v, cell.anode)
    basis = cell.basis
    rows.append(("Areal capacity (usable window)", basis.usable_capacity, "mA.h.cm-2"))
    rows.append(
        (
            "CAM stoichiometry window",
            basis.stoichiometry_discharged - basis.stoichiometry_charged,
            "",
        )
    )
    # a 1 s rest at half charge, read at t = 0: the model's own expressions, away from
    # the cut-off voltages (with the Li of the as-built cell: the exhaustion event only
    # watches discharges)
    x_half = 0.5 * (basis.stoichiometry_charged + basis.stoichiometry_discharged)
    state = CellState(x_half, cell.anode.as_built(cell).lithium_thickness)
    (outcome,) = Runner().solve([Case(cell, state, 0.0, 1.0, kind="hold")])
    sol = outcome.solution
    if sol is None:
        raise CellDefinitionError(f"describe: the model could not be evaluated: {outcome.message}")

    def first(name):
        return float(sol[name].entries.reshape(-1, sol[name].entries.shape[-1])[0, 0])

    a = first("Positive electrode surface area to volume ratio [m-1]")
    theta = v["Positive electrode active material contact coverage"]
    rows += [
        ("Specific surface area (connected CAM)", a, "m-1"),
        (
            "CAM|SE contact area per electrode area",
            a * theta * v["Positive electrode thickness [m]"],
            "m2.m-2",
        ),
        (
            "Separator effective ionic conductivity",
            first("Separator effective ionic conductivity [S.m-1]") * 10,
            "mS.cm-1",
        ),
        (
            "Cathode effective ionic conductivity",
            first("Positive electrode effective ionic conductivity [S.m-1]") * 10,
            "mS.cm-1",
        ),
        (
            "Cathode effective electronic conductivity",
            first("Positive electrode effective electronic conductivity [S.m-1]") * 10,
            "mS.cm-1",
        ),
    ]
    return pd.DataFrame(rows, columns=["Quantity", "Value", "Unit"])


# SI units of the materials library's properties (parameter_sets/materials.py)
PROPERTY_UNITS = {
    "density": "kg.m-3",
    "conductivity": "S.m-1",
    "electronic_conductivity": "S.m-1",
    "ionic_conductivity": "S.m-1",
    "activation_energy": "J.mol-1",
    "conductivity_activation_energy": "J.mol-1",
    "diffusivity_activation_energy": "J.mol-1",
    "exchange_current_activation_energy": "J.mol-1",
    "diffusivity": "m2.s-1",
    "exchange_current_density": "A.m-2",
    "film_resistance": "Ohm.m2",
    "interface_resistance": "Ohm.m2",
    "interphase_resistance": "Ohm.m2",
    "max_concentration": "mol.m-3",
    "molar_mass": "kg.mol-1",
    "particle_radius": "m",
    "particle_size": "m",
    "thickness": "m",
    "conductivity_slope": "-",
    "coulombic_efficiency": "-",
    "percolation_threshold": "-",
    "ocp": "V",
}


def materials_table():
    """The materials library as a table: kind, name, property, value, its SI unit
    ("-": dimensionless), source."""
    from .parameter_sets import materials as lib

    rows = []
    for kind, table in lib.LIBRARY.items():
        for name, material in table.items():
            for field, value in lib.sourced_values(material):
                rows.append(
                    (kind, name, field, float(value), PROPERTY_UNITS.get(field, ""), value.source)
                )
            if hasattr(material, "ocp"):
                doc = (material.ocp.__doc__ or "").strip().splitlines()
                rows.append((kind, name, "ocp", float("nan"), "V", " ".join(doc[:3])))
    return pd.DataFrame(rows, columns=["Kind", "Material", "Property", "Value", "Unit", "Source"])
