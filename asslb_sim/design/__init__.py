"""The definition layer: cells, their design keys, composition and C-rate basis.

:class:`Cell` is what every workflow takes; :func:`load_cell` makes one from a
preset name or a TOML file; :mod:`.schema` is the one table of design keys
(unit, SI scale, valid range, PyBaMM name).
"""

from .anodes import ANODE_KINDS, AnodeKind, anode_kind, lithium_thickness_per_capacity
from .basis import CRateBasis, stoichiometry_at_voltage
from .cell import Cell, from_dict, from_preset, preset_names, validate_parameter_values
from .compose import compose
from .state import CellState
from .toml_io import c_rate_basis, cell_document, from_toml, load_cell, write_cell_file

__all__ = [
    "ANODE_KINDS",
    "AnodeKind",
    "CRateBasis",
    "Cell",
    "CellState",
    "anode_kind",
    "c_rate_basis",
    "cell_document",
    "compose",
    "from_dict",
    "from_preset",
    "from_toml",
    "lithium_thickness_per_capacity",
    "load_cell",
    "preset_names",
    "stoichiometry_at_voltage",
    "validate_parameter_values",
    "write_cell_file",
]
