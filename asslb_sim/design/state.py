"""The state a simulation starts from: the cell's Li inventory, relaxed to equilibrium."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import CellDefinitionError
from .schema import is_number


@dataclass(frozen=True)
class CellState:
    """A relaxed state of charge: where the cell's cyclable Li sits.

    Attributes
    ----------
    stoichiometry : float
        CAM stoichiometry, uniform through every particle (relaxed).
    lithium_thickness : float
        Active Li metal on the anode side [m].
    inactive_lithium_thickness : float
        Inactive Li on the anode side (dead Li, SEI, irreversible interlayer
        lithiation) [m].
    """

    stoichiometry: float
    lithium_thickness: float
    inactive_lithium_thickness: float = 0.0

    def __post_init__(self):
        x = self.stoichiometry
        if not (is_number(x) and 0 < x < 1):
            raise CellDefinitionError(f"state.stoichiometry: {x!r}; valid range (0, 1)")
        for name in ("lithium_thickness", "inactive_lithium_thickness"):
            value = getattr(self, name)
            if not (is_number(value) and 0 <= value <= 5e-3):
                raise CellDefinitionError(f"state.{name}: {value!r}; valid range [0, 5e-3] m")
