"""Bill of materials: mass and thickness of every layer of the repeating unit.

The repeating unit is one cathode layer, one separator and one anode with its
share of the two current collectors: the whole foil for single-sided stacking,
half of each for double-sided stacking (every collector serves the cells on both
of its sides), half the cathode collector and the whole anode collector for a
bicell. Masses are those of the charged state, the start of every discharge:
the CAM has given up the Li that sits on the anode side, so each Li atom is
counted once, and the mass does not change during discharge (Li only moves).
The energy density uses the largest thickness of the cycle, the charged one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..design import load_cell
from ..design.anodes import F

SHARE = {  # fraction of each collector that belongs to one repeating unit
    "single-sided": {"cathode": 1.0, "anode": 1.0},
    "double-sided": {"cathode": 0.5, "anode": 0.5},
    "bicell": {"cathode": 0.5, "anode": 1.0},
}
LAYERS = "Number of repeating units in the cell"
AREA = "Electrode area per layer [m2]"


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
    layer_count : int or None
        Repeating units in the packaged cell.
    stacking : str
        Stacking of the repeating unit.
    lithium_moved : float
        Li that left the CAM for the anode side in the charged state [kg.m-2].
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
    layer_count: int | None = None
    lithium_moved: float = 0.0
    anode_lithium: float = 0.0
    packaging: tuple | None = None

    def with_anode_lithium(self, thickness):
        """This bill of materials with ``thickness`` [m] of Li (active and inactive) on the
        anode side instead of the charged state's: the stack's (and the packaged cell's)
        thickness follow; the masses do not (Li only moves, and inactive Li stays in the
        cell). Inactive Li is counted as dense Li metal (a lower bound: porous dead Li
        takes more room)."""
        stack = self.stack_thickness - self.anode_lithium + thickness
        volume = self.cell_volume
        if self.packaging is not None:
            count, footprint, foil = self.packaging
            volume = footprint * (count * stack + 2 * foil)
        return dataclasses.replace(
            self, stack_thickness=stack, cell_volume=volume, anode_lithium=thickness
        )


def _cathode_rows(cell, moved):
    """The composite's phases; the CAM in the charged state (the moved Li is on the
    anode side)."""
    v, cathode = cell.parameter_values, cell.design.get("cathode", {})
    L_p = v["Positive electrode thickness [m]"]
    rows = []
    for phase in ("active material", "solid electrolyte", "carbon", "binder", "void"):
        eps = v[f"Positive electrode {phase} volume fraction"]
        if phase == "void":
            mass, name = 0.0, "void"
        elif phase == "active material":
            mass = cell.cam_loading * 10 - moved
            name = f"{cathode.get('active_material', phase)} (charged)"
        else:
            mass = eps * L_p * v[f"Positive electrode {phase} density [kg.m-3]"]
            name = cathode.get(phase.replace(" ", "_"), phase)
        rows.append(("Cathode", name, eps * L_p, mass))
    return rows


def _separator_rows(cell):
    v, sep = cell.parameter_values, cell.design.get("separator", {})
    L_s = v["Separator thickness [m]"]
    rows = []
    for phase in ("solid electrolyte", "binder", "template", "void"):
        eps = v[f"Separator {phase} volume fraction"]
        if eps == 0:
            continue
        mass = 0.0 if phase == "void" else eps * L_s * v[f"Separator {phase} density [kg.m-3]"]
        rows.append(("Separator", sep.get(phase.replace(" ", "_"), phase), eps * L_s, mass))
    return rows


def _anode_rows(cell, anode_li):
    v = cell.parameter_values
    rows = []
    if v["Interlayer thickness [m]"] > 0:
        t_il = v["Interlayer thickness [m]"]
        name = cell.design.get("anode", {}).get("interlayer", "interlayer")
        rows.append(("Anode", name, t_il, t_il * v["Interlayer density [kg.m-3]"]))
    if v["Alloy host thickness [m]"] > 0:  # the host metal of an alloy counter electrode
        t_host = v["Alloy host thickness [m]"]
        rows.append(("Anode", "In host", t_host, t_host * v["Alloy host density [kg.m-3]"]))
    rows.append(
        ("Anode", cell.anode.label, anode_li, anode_li * v["Lithium metal density [kg.m-3]"])
    )
    return rows


def _collector_row(cell, side, share):
    v = cell.parameter_values
    pre, default = {"cathode": ("Positive", "Al"), "anode": ("Negative", "stainless steel")}[side]
    thickness = v[f"{pre} current collector thickness [m]"] * share[side]
    name = cell.design.get("collectors", {}).get(side, default)
    layer = f"{side.capitalize()} current collector"
    return (layer, name, thickness, thickness * v[f"{pre} current collector density [kg.m-3]"])


def _packaged(v, stack_mass, stack_thickness):
    """Mass [kg] and volume [m3] of the packaged cell, or None at stack level."""
    if LAYERS not in v or AREA not in v:
        return None, None
    count, area = int(v[LAYERS]), v[AREA]
    footprint = v["Cell footprint area [m2]"]
    foil = v.get("Pouch foil thickness [m]", 0.0)
    mass = (
        count * area * stack_mass
        + 2 * footprint * foil * v.get("Pouch foil density [kg.m-3]", 0.0)
        + v.get("Tab mass [kg]", 0.0)
    )
    return mass, footprint * (count * stack_thickness + 2 * foil)


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
    v = cell.parameter_values
    if charge_capacity is None and result is not None:
        charge_capacity = result.charge_capacity
    simulated = charge_capacity is not None and np.isfinite(charge_capacity)
    capacity = charge_capacity if simulated else cell.basis.usable_capacity
    moved = capacity * 3.6e4 / F * v["Lithium metal molar mass [kg.mol-1]"]  # kg.m-2
    stacking = cell.design.get("packaging", {}).get("stacking", "single-sided")
    share = SHARE[stacking]
    rows = [
        _collector_row(cell, "cathode", share),
        *_cathode_rows(cell, moved),
        *_separator_rows(cell),
        *_anode_rows(cell, cell.anode.charged_anode_lithium(cell, capacity)),
        _collector_row(cell, "anode", share),
    ]
    # totals in plain Python: design studies build thousands of these
    stack_mass = sum(r[3] for r in rows)
    stack_thickness = sum(r[2] for r in rows)
    layers = pd.DataFrame(
        [
            (layer, name, t * 1e6, m * 100, m / stack_mass * 100, t / stack_thickness * 100)
            for layer, name, t, m in rows
        ],
        columns=[
            "Layer",
            "Component",
            "Thickness [um]",
            "Areal mass [mg.cm-2]",
            "Mass share [%]",
            "Volume share [%]",
        ],
    )
    cell_mass, cell_volume = _packaged(v, stack_mass, stack_thickness)
    anode_li = cell.anode.charged_anode_lithium(cell, capacity)
    packaging = None
    if cell_mass is not None:
        foil = v.get("Pouch foil thickness [m]", 0.0)
        packaging = (int(v[LAYERS]), v["Cell footprint area [m2]"], foil)
    return BillOfMaterials(
        layers=layers,
        stack_mass=stack_mass,
        stack_thickness=stack_thickness,
        cam_mass=cell.cam_loading * 10,
        cathode_mass=sum(r[3] for r in rows if r[0] == "Cathode") + moved,  # as built
        cathode_thickness=v["Positive electrode thickness [m]"],
        cell_mass=cell_mass,
        cell_volume=cell_volume,
        electrode_area=v[AREA] if cell_mass is not None else None,
        stacking=stacking,
        layer_count=int(v[LAYERS]) if cell_mass is not None else None,
        lithium_moved=moved,
        anode_lithium=anode_li,
        packaging=packaging,
    )
