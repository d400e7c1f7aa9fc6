"""Protocols: what a simulation does to a cell (charge, discharge, pulse), defined once.

Each protocol gives the current and the end time of a simulation from the cell's
C-rate basis and the state it starts from; :class:`~asslb_sim.simulation.Runner`
solves them. :func:`parse_charge` reads a charge from a command line, a study
file or Python, and :func:`resolve_charge` decides what ``"auto"`` means for a
cell (its anode kind says whether it must be charged first).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from ..design.schema import is_number
from ..errors import CellDefinitionError

C_RATE_RANGE = (0, 100)
# a discharge may run this much longer than it could possibly last: the events end it
END_TIME_MARGIN = 1.05


def check_c_rates(c_rates, where="c_rates"):
    """C-rates as a list of floats, each in (0, 100]; a clear error otherwise."""
    rates = [c_rates] if isinstance(c_rates, numbers.Real) else list(c_rates)
    low, high = C_RATE_RANGE
    if not rates:
        raise CellDefinitionError(f"{where}: give at least one C-rate; valid range ({low}, {high}]")
    for c in rates:
        if not (is_number(c) and math.isfinite(c)):
            raise CellDefinitionError(
                f"{where}: {c!r} is not a number; valid range ({low}, {high}]"
            )
        if not low < c <= high:
            raise CellDefinitionError(
                f"{where}: {c!r} is out of range; valid range ({low}, {high}]"
            )
    return [float(c) for c in rates]


def discharge_end_time(cell, state, current_density):
    """The longest a discharge from ``state`` at ``current_density`` [mA.cm-2] can last
    [s]: every connected CAM particle filled (or the nominal capacity, if larger),
    with a margin; the cut-off or Li-exhaustion events end it first."""
    basis = cell.basis
    capacity = max(basis.fill_capacity(state.stoichiometry), basis.nominal_capacity)
    return END_TIME_MARGIN * capacity / current_density * 3600


@dataclass(frozen=True)
class Charge:
    """A constant-current, constant-voltage charge.

    The cell starts as built (discharged: CAM at its lower-cut-off equilibrium,
    the as-built Li foil, or no Li for an anode-free cell), is charged at
    ``c_rate`` to the upper cut-off, then held there until the current falls to
    ``cv_cutoff_c_rate`` (no hold if ``None``). The discharges of a rate test then
    start from the charged Li inventory, relaxed to equilibrium.
    """

    c_rate: float = 0.1
    cv_cutoff_c_rate: float | None = 0.02

    def __post_init__(self):
        for name in ("c_rate", "cv_cutoff_c_rate"):
            value = getattr(self, name)
            if value is None and name == "cv_cutoff_c_rate":
                continue
            if not (is_number(value) and 0 < value <= C_RATE_RANGE[1]):
                raise CellDefinitionError(
                    f"charge.{name}: {value!r} is out of range; valid range (0, 100]"
                )

    def steps(self, upper_cutoff):
        """The charge as PyBaMM experiment strings."""
        steps = [f"Charge at {self.c_rate:g}C until {upper_cutoff:g} V"]
        if self.cv_cutoff_c_rate is not None:
            steps.append(f"Hold at {upper_cutoff:g} V until {self.cv_cutoff_c_rate:g}C")
        return steps


@dataclass(frozen=True)
class Cycle:
    """One charge-discharge cycle of a cycling test.

    A charge at ``charge_c_rate`` to the upper cut-off, held there until the current
    falls to ``cv_cutoff_c_rate`` (CC-CV; ``None``: CC only), a rest of
    ``rest_minutes``, a discharge at ``discharge_c_rate`` to the lower cut-off (or
    until the anode's Li runs out), and a rest of ``rest_minutes`` (0: no rests).
    C-rates are against the cell's nominal capacity (its C-rate basis), fixed over
    the cycles as a cycler's currents are. Defaults: 0.5C/0.5C after Lee et al.
    (2020)'s long-term cycling [Pd], with their CV hold to 0.05C and 10 min rests.
    """

    charge_c_rate: float = 0.5
    discharge_c_rate: float = 0.5
    cv_cutoff_c_rate: float | None = 0.05
    rest_minutes: float = 10.0

    def __post_init__(self):
        for name in ("charge_c_rate", "discharge_c_rate", "cv_cutoff_c_rate"):
            value = getattr(self, name)
            if value is None and name == "cv_cutoff_c_rate":
                continue
            if not (is_number(value) and math.isfinite(value) and 0 < value <= C_RATE_RANGE[1]):
                raise CellDefinitionError(
                    f"cycle.{name}: {value!r} is out of range; valid range (0, 100]"
                )
        if self.cv_cutoff_c_rate is not None and self.cv_cutoff_c_rate >= self.charge_c_rate:
            raise CellDefinitionError(
                f"cycle.cv_cutoff_c_rate: {self.cv_cutoff_c_rate!r} must be below the charge "
                f"C-rate {self.charge_c_rate!r}; valid range (0, {self.charge_c_rate!r})"
            )
        rest = self.rest_minutes
        if not (is_number(rest) and math.isfinite(rest) and 0 <= rest <= 1440):
            raise CellDefinitionError(
                f"cycle.rest_minutes: {rest!r} is out of range; valid range [0, 1440] min"
            )

    def steps(self, lower_cutoff, upper_cutoff):
        """The cycle as PyBaMM experiment strings, the charge first (cells are built
        discharged)."""
        rest = [f"Rest for {self.rest_minutes:g} minutes"] if self.rest_minutes > 0 else []
        steps = [f"Charge at {self.charge_c_rate:g}C until {upper_cutoff:g} V"]
        if self.cv_cutoff_c_rate is not None:
            steps.append(f"Hold at {upper_cutoff:g} V until {self.cv_cutoff_c_rate:g}C")
        steps += rest
        steps.append(f"Discharge at {self.discharge_c_rate:g}C until {lower_cutoff:g} V")
        return steps + rest


@dataclass(frozen=True)
class Pulse:
    """A constant-current discharge pulse from rest at a state of charge.

    ``current_density`` [mA.cm-2] (None: 1C), ``duration`` [s], ``soc`` (0-1) of
    the usable window.
    """

    current_density: float | None = None
    duration: float = 10.0
    soc: float = 0.5

    def __post_init__(self):
        checks = (
            ("soc", self.soc, 0, 1, ""),
            ("duration", self.duration, 0, 36000, "s"),
        )
        if self.current_density is not None:
            checks += (("current_density", self.current_density, 0, 1e4, "mA.cm-2"),)
        for name, value, low, high, unit in checks:
            if not (is_number(value) and low < value <= high):
                limits = f"({low:g}, {high:g}] {unit}".rstrip()
                message = f"{name}: {value!r} is out of range; valid range {limits}"
                raise CellDefinitionError(message)

    def density(self, cell):
        """The pulse's current density [mA.cm-2] for ``cell``."""
        return (
            self.current_density
            if self.current_density is not None
            else (cell.basis.nominal_capacity)
        )


def parse_charge(spec, where="charge"):
    """A charge from a command line, a study file or Python.

    ``"auto"`` stays ``"auto"``; ``"equilibrium"`` or None: no charge (start at
    equilibrium); ``"C_RATE[,CV_CUTOFF_C_RATE]"`` (``"none"`` for no CV hold); a
    table ``{c_rate, cv_cutoff_c_rate}``; or a :class:`Charge`.
    """
    if spec == "auto" or isinstance(spec, Charge):
        return spec
    if spec is None or spec == "equilibrium":
        return None
    if isinstance(spec, str):
        parts = [p.strip() for p in spec.split(",")]
        try:
            c_rate = float(parts[0])
            if len(parts) == 1:
                return Charge(c_rate)
            if len(parts) > 2:
                raise ValueError
            cutoff = None if parts[1] == "none" else float(parts[1])
        except ValueError:
            raise CellDefinitionError(
                f"{where}: {spec!r} is not C_RATE[,CV_CUTOFF_C_RATE], 'auto' or 'equilibrium'"
            ) from None
        return Charge(c_rate, cutoff)
    if isinstance(spec, dict):
        unknown = set(spec) - {"c_rate", "cv_cutoff_c_rate"}
        if unknown:
            raise CellDefinitionError(f"{where}: unknown key(s) {sorted(unknown)}")
        cutoff = spec.get("cv_cutoff_c_rate", 0.02)
        return Charge(spec.get("c_rate", 0.1), None if cutoff == "none" else cutoff)
    raise CellDefinitionError(
        f"{where}: {spec!r}; valid: 'auto', 'equilibrium', 'C_RATE[,CV_CUTOFF_C_RATE]' or a "
        "table {c_rate, cv_cutoff_c_rate}"
    )


def resolve_charge(charge, cell):
    """The charge protocol for ``cell``: a :class:`Charge`, or None (start at the charged
    equilibrium). ``"auto"`` charges the cells whose anode kind holds no Li until
    charged (C/10 CC-CV to C/50, as Lee et al. 2020 [Pd])."""
    charge = parse_charge(charge)
    needs = cell.anode.charged(cell) is None
    if charge == "auto":
        charge = Charge() if cell.anode.charges_by_default else None
    if charge is None and needs:
        raise CellDefinitionError(
            "charge: an anode-free cell holds no Li until it is charged; give a charge "
            "protocol (or charge = 'auto')"
        )
    return charge
