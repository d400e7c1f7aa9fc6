"""Cell-level accounting: bill of materials, energy and power at four levels.

The repeating unit is one cathode layer, one separator and one anode with its
share of the two current collectors: the whole foil for single-sided stacking,
half of each for double-sided stacking (every collector serves the cells on both
of its sides), half the cathode collector and the whole anode collector for a
bicell. Masses are those of the charged state, the start of every discharge:
the CAM has given up the Li that sits in the Li metal, so each Li atom is
counted once, and the mass does not change during discharge (Li only moves).
The energy density uses the largest thickness of the cycle, the charged one.
An anode-free cell counts its Li once, in the cathode as built; charged, that
Li sits on the anode side as active and inactive (1 - CE) Li.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .cell import load_cell

_F = 96485.33212  # C/mol

_SHARE = {  # fraction of each collector that belongs to one repeating unit
    "single-sided": {"cathode": 1.0, "anode": 1.0},
    "double-sided": {"cathode": 0.5, "anode": 0.5},
    "bicell": {"cathode": 0.5, "anode": 1.0},
}


@dataclass(frozen=True)
class BillOfMaterials:
    """Areal masses and thicknesses of a cell.

    Attributes
    ----------
    layers : pandas.DataFrame
        One row per component of the repeating unit: "Layer", "Component",
        "Thickness [um]", "Areal mass [mg.cm-2]", "Mass share [%]",
        "Volume share [%]".
    stack_mass : float
        Mass of the repeating unit per electrode area [kg.m-2].
    stack_thickness : float
        Thickness of the repeating unit in the charged state [m].
    cam_mass, cathode_mass : float
        CAM (as built, lithiated) and cathode-composite mass per area [kg.m-2].
    cathode_thickness : float
        Composite-cathode thickness [m].
    cell_mass, cell_volume : float or None
        Mass [kg] and volume [m3] of the packaged cell, when the design has a
        [packaging] section with ``layers`` and ``electrode_area_cm2``.
    electrode_area : float or None
        Electrode area per layer [m2] of the packaged cell.
    stacking : str
        Stacking of the repeating unit.
    """

    layers: pd.DataFrame
    stack_mass: float
    stack_thickness: float
    cam_mass: float
    cathode_mass: float
    cathode_thickness: float
    cell_mass: float | None
    cell_volume: float | None
    electrode_area: float | None
    stacking: str


def li_thickness_per_capacity(values):
    """Li-metal thickness [m] that holds 1 mA.h.cm-2 (3.6e4 C.m-2 over F c_Li)."""
    c_li = values["Lithium metal density [kg.m-3]"] / values["Lithium metal molar mass [kg.mol-1]"]
    return 3.6e4 / (_F * c_li)


def _charged_state(cell, charge_capacity=float("nan")):
    """Li that left the CAM [kg.m-2] and Li thickness on the anode side [m] (active
    and inactive) in the charged state: from a simulated charge of
    ``charge_capacity`` [mA.h.cm-2] if finite, else from a full charge over the
    usable window."""
    from .simulate import c_rate_basis

    v = cell.parameter_values
    simulated = charge_capacity is not None and np.isfinite(charge_capacity)
    capacity = charge_capacity if simulated else c_rate_basis(cell).usable_capacity
    moved = capacity * 3.6e4 / _F * v["Lithium metal molar mass [kg.mol-1]"]  # kg.m-2
    if cell.model_options.get("anode") == "anode-free" or simulated:
        plated = capacity * li_thickness_per_capacity(v)
        anode_li = v["Lithium metal thickness as built [m]"] + plated
    else:
        anode_li = v["Negative electrode thickness [m]"]
    return moved, anode_li


def bill_of_materials(cell="default", result=None, charge_capacity=None):
    """Bill of materials per unit electrode area of the repeating unit (and cell).

    Parameters
    ----------
    cell : str, Path or Cell
        Preset name, TOML file or cell.
    result : RateCapabilityResult, optional
        A rate test of ``cell``; when it started from a simulated charge, the
        charged state is that charge's end (else a full charge of the window).
    charge_capacity : float, optional
        Capacity [mA.h.cm-2] of a simulated charge that defines the charged state
        (instead of ``result``'s).

    Returns
    -------
    BillOfMaterials
    """
    cell = load_cell(cell)
    from .simulate import _cam_mass_g_per_cm2

    v = cell.parameter_values
    design = cell.design
    if charge_capacity is None and result is not None:
        charge_capacity = result.charge_capacity
    moved, anode_li = _charged_state(cell, charge_capacity)
    packaging = design.get("packaging", {})
    stacking = packaging.get("stacking", "single-sided")
    share = _SHARE[stacking]
    collectors = design.get("collectors", {})
    rows = []

    def add(layer, component, thickness, mass):
        rows.append((layer, component, thickness * 1e6, mass * 100))  # um, mg/cm2

    t_cc = v["Positive current collector thickness [m]"] * share["cathode"]
    add(
        "Cathode current collector",
        collectors.get("cathode", "Al"),
        t_cc,
        t_cc * v["Positive current collector density [kg.m-3]"],
    )
    L_p = v["Positive electrode thickness [m]"]
    cathode = design.get("cathode", {})
    cam_built = _cam_mass_g_per_cm2(v) * 10  # kg.m-2
    for phase in ("active material", "solid electrolyte", "carbon", "binder", "void"):
        eps = v[f"Positive electrode {phase} volume fraction"]
        if phase == "void":
            mass = 0.0
        elif phase == "active material":
            mass = cam_built - moved  # charged state: the moved Li is in the Li metal
        else:
            mass = eps * L_p * v[f"Positive electrode {phase} density [kg.m-3]"]
        key = phase.replace(" ", "_")
        name = cathode.get(key, phase) if phase != "void" else "void"
        if phase == "active material":
            name = f"{name} (charged)"
        add("Cathode", name, eps * L_p, mass)
    L_s = v["Separator thickness [m]"]
    sep = design.get("separator", {})
    for phase in ("solid electrolyte", "binder", "template", "void"):
        eps = v[f"Separator {phase} volume fraction"]
        if eps == 0:
            continue
        mass = 0.0 if phase == "void" else eps * L_s * v[f"Separator {phase} density [kg.m-3]"]
        add("Separator", sep.get(phase.replace(" ", "_"), phase), eps * L_s, mass)
    if v["Interlayer thickness [m]"] > 0:
        t_il = v["Interlayer thickness [m]"]
        add(
            "Anode",
            design.get("anode", {}).get("interlayer", "interlayer"),
            t_il,
            t_il * v["Interlayer density [kg.m-3]"],
        )
    label = "Li metal (charged)"
    if cell.model_options.get("anode") == "anode-free":
        label = "plated Li, active and inactive (charged)"
    add("Anode", label, anode_li, anode_li * v["Lithium metal density [kg.m-3]"])
    t_ca = v["Negative current collector thickness [m]"] * share["anode"]
    add(
        "Anode current collector",
        collectors.get("anode", "stainless steel"),
        t_ca,
        t_ca * v["Negative current collector density [kg.m-3]"],
    )

    # totals in plain Python: design studies build thousands of these
    stack_mass = sum(r[3] for r in rows) / 100
    stack_thickness = sum(r[2] for r in rows) * 1e-6
    cathode_mass = sum(r[3] for r in rows if r[0] == "Cathode") / 100
    layers = pd.DataFrame(
        [(*r, r[3] / (stack_mass * 100) * 100, r[2] / (stack_thickness * 1e6) * 100) for r in rows],
        columns=[
            "Layer",
            "Component",
            "Thickness [um]",
            "Areal mass [mg.cm-2]",
            "Mass share [%]",
            "Volume share [%]",
        ],
    )

    cell_mass = cell_volume = area = None
    if "layers" in packaging and "electrode_area_cm2" in packaging:
        n = packaging["layers"]
        area = packaging["electrode_area_cm2"] * 1e-4
        footprint = packaging.get("footprint_area_cm2", packaging["electrode_area_cm2"]) * 1e-4
        foil = packaging.get("pouch_foil_thickness_um", 0.0) * 1e-6
        foil_density = packaging.get("pouch_foil_density_g_cm3", 0.0) * 1e3
        cell_mass = (
            n * area * stack_mass
            + 2 * footprint * foil * foil_density
            + packaging.get("tab_mass_g", 0.0) * 1e-3
        )
        cell_volume = footprint * (n * stack_thickness + 2 * foil)
    return BillOfMaterials(
        layers=layers,
        stack_mass=stack_mass,
        stack_thickness=stack_thickness,
        cam_mass=cam_built,
        cathode_mass=cathode_mass + moved,  # as built: lithiated CAM
        cathode_thickness=L_p,
        cell_mass=cell_mass,
        cell_volume=cell_volume,
        electrode_area=area,
        stacking=stacking,
    )


def energy_table(result, cell):
    """Energy and power per C-rate at material, electrode, stack and cell level.

    Parameters
    ----------
    result : RateCapabilityResult
        From :func:`asslb_sim.rate_capability` for ``cell``.
    cell : str, Path or Cell
        The simulated cell.

    Returns
    -------
    pandas.DataFrame
        One row per C-rate. "Specific energy [W.h.kg-1]", "Energy density
        [W.h.L-1]", "Specific power [W.kg-1]" and "Power density [W.L-1]" are at
        the level named in "Energy level" ("cell" with packaging, else "stack");
        the other columns name their level.
    """
    cell = load_cell(cell)
    bom = bill_of_materials(cell, result)
    s = result.summary
    energy = s["Discharge energy [W.h.m-2]"]  # per electrode area
    duration = pd.Series(
        [
            result.curves.loc[result.curves["C-rate"] == c, "Time [s]"].max() / 3600
            for c in s["C-rate"]
        ],
        index=s.index,
    ).fillna(0.0)
    power = (energy / duration.where(duration > 0)).fillna(0.0)  # W.m-2
    table = pd.DataFrame({"C-rate": s["C-rate"], "Discharge energy [W.h.m-2]": energy})
    levels = {
        "CAM": (bom.cam_mass, None),
        "Cathode composite": (bom.cathode_mass, bom.cathode_thickness),
        "Stack": (bom.stack_mass, bom.stack_thickness),
    }
    for level, (mass, thickness) in levels.items():
        table[f"{level} specific energy [W.h.kg-1]"] = energy / mass
        table[f"{level} specific power [W.kg-1]"] = power / mass
        if thickness is not None:
            table[f"{level} energy density [W.h.L-1]"] = energy / thickness / 1e3
            table[f"{level} power density [W.L-1]"] = power / thickness / 1e3
    if bom.cell_mass is not None:
        n = cell.design["packaging"]["layers"]
        e_cell = energy * bom.electrode_area * n  # W.h
        p_cell = power * bom.electrode_area * n
        table["Cell energy [W.h]"] = e_cell
        table["Cell specific energy [W.h.kg-1]"] = e_cell / bom.cell_mass
        table["Cell specific power [W.kg-1]"] = p_cell / bom.cell_mass
        table["Cell energy density [W.h.L-1]"] = e_cell / bom.cell_volume / 1e3
        table["Cell power density [W.L-1]"] = p_cell / bom.cell_volume / 1e3
        level = "Cell"
    else:
        level = "Stack"
    table["Specific energy [W.h.kg-1]"] = table[f"{level} specific energy [W.h.kg-1]"]
    table["Energy density [W.h.L-1]"] = table[f"{level} energy density [W.h.L-1]"]
    table["Specific power [W.kg-1]"] = table[f"{level} specific power [W.kg-1]"]
    table["Power density [W.L-1]"] = table[f"{level} power density [W.L-1]"]
    table["Energy level"] = level.lower()
    return table
