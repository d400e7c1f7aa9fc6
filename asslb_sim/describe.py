"""Derived microstructure of a cell: what a formulation turns into."""

from __future__ import annotations

import pandas as pd

from .cell import load_cell


def _layer_rows(v, anode_free):
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
    if anode_free:
        # "Negative electrode thickness" is the interlayer here: no Li until charged
        rows.append(("Interlayer thickness", v["Interlayer thickness [m]"] * 1e6, "um"))
        rows.append(("Li metal thickness as built", 0.0, "um"))
    else:
        rows.append(("Li metal thickness", v["Negative electrode thickness [m]"] * 1e6, "um"))
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
    from .simulate import INITIAL_CONCENTRATION, INITIAL_PLATED, c_rate_basis, prepare

    cell = load_cell(cell)
    v = cell.parameter_values
    anode_free = cell.model_options.get("anode") == "anode-free"
    rows = _layer_rows(v, anode_free)
    basis = c_rate_basis(cell)
    rows.append(("Areal capacity (usable window)", basis.usable_capacity, "mA.h.cm-2"))
    rows.append(
        (
            "CAM stoichiometry window",
            basis.stoichiometry_discharged - basis.stoichiometry_charged,
            "",
        )
    )
    sim, basis, values = prepare(cell, initial_state_input=True)
    # a 1 s rest at half charge, read at t = 0: the model's own expressions, away from
    # the cut-off voltages (an anode-free cell may rest without Li: the exhaustion
    # event only watches discharges)
    x_half = 0.5 * (basis.stoichiometry_charged + basis.stoichiometry_discharged)
    inputs = {
        "Current function [A]": 0.0,
        INITIAL_CONCENTRATION: x_half
        * values["Maximum concentration in positive electrode [mol.m-3]"],
    }
    if anode_free:
        inputs[INITIAL_PLATED] = 0.0
    sol = sim.solve([0, 1.0], inputs=inputs)

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


def materials_table():
    """The materials library as a table: kind, name, property, value, source."""
    from .parameter_sets import materials as lib

    rows = []
    for kind, table in lib.LIBRARY.items():
        for name, material in table.items():
            for field, value in lib.sourced_values(material):
                rows.append((kind, name, field, float(value), value.source))
            if hasattr(material, "ocp"):
                doc = (material.ocp.__doc__ or "").strip().splitlines()
                rows.append((kind, name, "ocp", float("nan"), " ".join(doc[:3])))
    return pd.DataFrame(rows, columns=["Kind", "Material", "Property", "Value", "Source"])
