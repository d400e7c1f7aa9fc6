"""Energy and power of a discharge at material, electrode, stack and cell level.

:func:`headline_energy` is the one definition of the figures every table shows
(specific energy, energy density and specific power at cell level when the cell
is packaged, else at stack level): rate tests, studies and
:func:`energy_table` all call it.
"""

from __future__ import annotations

import pandas as pd

from ..design import load_cell
from .bom import bill_of_materials

HEADLINE = (
    "Specific energy [W.h.kg-1]",
    "Energy density [W.h.L-1]",
    "Specific power [W.kg-1]",
    "Energy level",
)


def headline_energy(bom, energy, hours):
    """Specific energy, energy density and specific power of a discharge.

    Parameters
    ----------
    bom : BillOfMaterials
        Of the cell.
    energy : float
        Discharge energy per electrode area [W.h.m-2].
    hours : float
        Duration of the discharge [h] (0: no power).

    Returns
    -------
    dict
        The :data:`HEADLINE` columns: at cell level with packaging (the energy of
        all layers over the packaged mass and volume), else at stack level (per
        repeating unit).
    """
    if bom.cell_mass is not None:
        e = energy * bom.electrode_area * bom.layer_count  # W.h
        mass, volume, level = bom.cell_mass, bom.cell_volume, "cell"
    else:
        e, mass, volume, level = energy, bom.stack_mass, bom.stack_thickness, "stack"
    return {
        "Specific energy [W.h.kg-1]": e / mass,
        "Energy density [W.h.L-1]": e / volume / 1e3,
        "Specific power [W.kg-1]": e / hours / mass if hours > 0 else 0.0,
        "Energy level": level,
    }


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
    hours = s["Duration [h]"].fillna(0.0)
    power = (energy / hours.where(hours > 0)).fillna(0.0)  # W.m-2
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
        scale = bom.electrode_area * bom.layer_count  # m2 of electrode in the cell
        table["Cell energy [W.h]"] = energy * scale
        table["Cell specific energy [W.h.kg-1]"] = energy * scale / bom.cell_mass
        table["Cell specific power [W.kg-1]"] = power * scale / bom.cell_mass
        table["Cell energy density [W.h.L-1]"] = energy * scale / bom.cell_volume / 1e3
        table["Cell power density [W.L-1]"] = power * scale / bom.cell_volume / 1e3
    headline = pd.DataFrame(
        [headline_energy(bom, e, h) for e, h in zip(energy, hours, strict=True)], index=s.index
    )
    level = headline["Energy level"].iloc[0].capitalize() if len(headline) else "Stack"
    for column in HEADLINE:
        table[column] = headline[column] if len(headline) else pd.Series(dtype=float)
    table["Power density [W.L-1]"] = table[f"{level} power density [W.L-1]"]
    return table
