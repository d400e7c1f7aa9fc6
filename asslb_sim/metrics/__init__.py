"""Cell-level metrics computed once and reused by single runs, studies and fits:
the bill of materials, energy and power, and the areal resistance."""

from .bom import BillOfMaterials, bill_of_materials
from .energy import HEADLINE, energy_table, headline_energy
from .resistance import BREAKDOWN, ResistanceResult, areal_resistance, pulse_resistance

__all__ = [
    "BREAKDOWN",
    "HEADLINE",
    "BillOfMaterials",
    "ResistanceResult",
    "areal_resistance",
    "bill_of_materials",
    "energy_table",
    "headline_energy",
    "pulse_resistance",
]
