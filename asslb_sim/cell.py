"""Cells (compatibility module): the definition layer is :mod:`asslb_sim.design`."""

from .design import (
    Cell,
    CRateBasis,
    from_dict,
    from_preset,
    from_toml,
    load_cell,
    preset_names,
    validate_parameter_values,
)

__all__ = [
    "CRateBasis",
    "Cell",
    "from_dict",
    "from_preset",
    "from_toml",
    "load_cell",
    "preset_names",
    "validate_parameter_values",
]
