"""A fitted parameter: its PyBaMM name, bounds and scale."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import CellDefinitionError


@dataclass(frozen=True)
class FitParameter:
    """One fitted parameter: a PyBaMM name and bounds (SI units).

    ``log`` defaults to True when the lower bound is positive. The optimiser works
    on every parameter mapped onto [0, 1] (in log space for ``log``).
    """

    name: str
    lower: float
    upper: float
    initial: float | None = None
    log: bool | None = None

    def __post_init__(self):
        if not (
            math.isfinite(self.lower) and math.isfinite(self.upper) and self.lower < self.upper
        ):
            raise CellDefinitionError(
                f"fit {self.name!r}: bounds must be finite with "
                f"lower < upper, got [{self.lower}, {self.upper}]"
            )
        if self.log is None:
            object.__setattr__(self, "log", self.lower > 0)
        if self.log and self.lower <= 0:
            raise CellDefinitionError(f"fit {self.name!r}: log scaling needs lower > 0")
        if self.initial is not None and not self.lower <= self.initial <= self.upper:
            raise CellDefinitionError(
                f"fit {self.name!r}: initial {self.initial} is outside [{self.lower}, {self.upper}]"
            )

    @classmethod
    def parse(cls, text):
        """Parse ``"NAME:LOW:HIGH[:INITIAL]"``: the last two or three fields are
        numbers, everything before them is the name."""
        parts = text.rsplit(":", 3)
        numbers_ = []
        while parts and len(numbers_) < 3:
            try:
                numbers_.insert(0, float(parts[-1]))
                parts.pop()
            except ValueError:
                break
        if len(numbers_) < 2 or not parts:
            raise CellDefinitionError(f"--fit {text!r}: expected NAME:LOW:HIGH[:INITIAL]")
        name = ":".join(parts)
        if len(numbers_) == 2:
            return cls(name, numbers_[0], numbers_[1])
        return cls(name, numbers_[0], numbers_[1], numbers_[2])

    def to_unit(self, value):
        lo, hi, v = self.lower, self.upper, value
        if self.log:
            lo, hi, v = math.log(lo), math.log(hi), math.log(v)
        return (v - lo) / (hi - lo)

    def from_unit(self, u):
        lo, hi = (
            (math.log(self.lower), math.log(self.upper)) if self.log else (self.lower, self.upper)
        )
        x = lo + u * (hi - lo)
        return math.exp(x) if self.log else x

    @property
    def span(self):
        """Width of the optimiser's box in the parameter's own scale (ln or linear)."""
        if self.log:
            return math.log(self.upper) - math.log(self.lower)
        return self.upper - self.lower
