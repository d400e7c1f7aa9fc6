"""Energy and the bill of materials (compatibility module): see :mod:`asslb_sim.metrics`."""

from .design import lithium_thickness_per_capacity
from .metrics import BillOfMaterials, bill_of_materials, energy_table, headline_energy

__all__ = [
    "BillOfMaterials",
    "bill_of_materials",
    "energy_table",
    "headline_energy",
    "lithium_thickness_per_capacity",
]
