"""Submodels of asslb-sim: one process per folder, one law per class per file."""

from . import (
    active_material,
    diagnostics,
    electrode,
    interface,
    lithium_metal,
    solid_electrolyte,
    transport_efficiency,
)

__all__ = [
    "active_material",
    "diagnostics",
    "electrode",
    "interface",
    "lithium_metal",
    "solid_electrolyte",
    "transport_efficiency",
]
