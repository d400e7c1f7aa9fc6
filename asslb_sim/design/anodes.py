"""Anode kinds: one object per kind, for composition, states and accounting.

Every place that depends on the kind of anode (which model, what the cell file
may say, the as-built and charged states, whether a rate test must charge
first, the bill of materials) asks the cell's :func:`anode_kind` instead of
branching on the anode option.

Parameter meanings (one each):

- ``"Negative electrode thickness [m]"``: the anode-side layer as built, which
  positions the separator in PyBaMM's geometry: the Li foil of a Li-metal cell,
  the interlayer (or nothing) of an anode-free cell. Geometry only.
- ``"Lithium counter electrode thickness [m]"`` (PyBaMM's name): the active Li
  metal at the start of a simulation; the design composes it for the charged
  state, a simulation may start from any other.
- ``"Lithium metal thickness as built [m]"``: the foil the cell is built with.
- ``"Initial inactive lithium thickness [m]"``: inactive Li at the start.
"""

from __future__ import annotations

from ..errors import CellDefinitionError
from ..parameter_sets import defaults, laws
from ..parameter_sets import materials as lib
from ..parameter_sets.constants import F
from .basis import COUNTER_POTENTIAL, REFERENCE_POTENTIAL
from .schema import SCHEMA
from .state import CellState

LITHIUM_AT_START = "Lithium counter electrode thickness [m]"
INACTIVE_AT_START = "Initial inactive lithium thickness [m]"
AS_BUILT = "Lithium metal thickness as built [m]"
LITHIUM_VARIABLE = "Lithium metal thickness [m]"
INACTIVE_VARIABLE = "Inactive lithium thickness [m]"
FIRST_CHARGE_LOSS = "Interlayer first-charge lithium loss [m]"
MINIMUM_LITHIUM = "Minimum lithium metal thickness [m]"
INTERLAYER_CAPACITY = "Interlayer lithium capacity [m]"
INTERLAYER_POTENTIAL = "Interlayer lithiation potential [V]"


def lithium_thickness_per_capacity(values):
    """Li metal thickness [m] that holds 1 mA.h.cm-2 (3.6e4 C.m-2 over F c_Li)."""
    c_li = values["Lithium metal density [kg.m-3]"] / values["Lithium metal molar mass [kg.mol-1]"]
    return 3.6e4 / (F * c_li)


def _value(key, section, default=None):
    value = section.get(key)
    if value is None:
        return default
    return SCHEMA["anode"][key].check(f"anode.{key}", value)


def _lithium_metal_values(anode_section):
    li = lib.ANODES["Li metal"]
    return {
        "Exchange-current density for lithium metal electrode [A.m-2]": (
            laws.lithium_exchange_current_density
        ),
        "Lithium metal exchange-current density at reference temperature [A.m-2]": _value(
            "exchange_current_density_mA_cm2", anode_section, float(li.exchange_current_density)
        ),
        "Lithium metal exchange-current density activation energy [J.mol-1]": float(
            li.exchange_current_activation_energy
        ),
        "Lithium metal interphase resistance [Ohm.m2]": _value(
            "interphase_resistance_ohm_cm2", anode_section, float(li.interphase_resistance)
        ),
        "Lithium metal double-layer capacity [F.m-2]": _value(
            "double_layer_capacity_uF_cm2",
            anode_section,
            float(defaults.LITHIUM_DOUBLE_LAYER_CAPACITY),
        ),
        "Lithium metal density [kg.m-3]": float(li.density),
        "Lithium metal molar mass [kg.mol-1]": float(li.molar_mass),
        INACTIVE_AT_START: 0.0,
        COUNTER_POTENTIAL: 0.0,
        REFERENCE_POTENTIAL: 0.0,
        MINIMUM_LITHIUM: 0.0,
        "Alloy host thickness [m]": 0.0,
        "Alloy host density [kg.m-3]": 0.0,
    }


class AnodeKind:
    """What depends on the kind of anode. Subclasses state each behaviour once."""

    material = ""  # anode.material in a cell file
    model_option = ""  # CellModelOptions.anode
    keys = frozenset()  # anode keys this kind accepts, besides material and the Li kinetics
    label = ""  # the anode's row in the bill of materials
    charges_by_default = False  # rate tests charge first ("auto")
    state_variables = (LITHIUM_VARIABLE,)  # model variables that hold the anode's state
    describe_rows = ()  # (label, parameter [m]) rows of ``asslb-sim describe``, in um
    voltage_reference = "Li"  # what the cell's voltages are against
    counter_potential = 0.0  # the potential vs Li of its voltage reference [V]

    def compose_materials(self, section, values):
        """Write the anode's material parameters (kinetics, densities, interlayer)."""
        values.update(_lithium_metal_values(section))

    def compose_inventory(self, section, values, plated):
        """Write the anode's Li inventory; ``plated`` is the Li [m] the cathode's
        usable window plates."""
        raise NotImplementedError

    def as_built(self, cell):
        """The state the cell is built in: CAM at its lower-cut-off equilibrium."""
        v = cell.parameter_values
        return CellState(cell.basis.stoichiometry_discharged, v[AS_BUILT], 0.0)

    def charged(self, cell):
        """The charged equilibrium state, or None when only a charge can reach it."""
        raise NotImplementedError

    def after_charge(self, cell, capacity):
        """The relaxed state after charging ``capacity`` [mA.h.cm-2] from as built
        (bookkeeping, as the model's plating law does it)."""
        raise NotImplementedError

    def at_state_of_charge(self, cell, soc):
        """A relaxed state at state of charge ``soc`` (0-1) of the usable window, after
        a full charge from as built."""
        basis = cell.basis
        full = self.after_charge(cell, basis.usable_capacity)
        window = basis.usable_capacity * lithium_thickness_per_capacity(cell.parameter_values)
        remaining = full.lithium_thickness - (1 - soc) * window
        if remaining <= 0:
            lowest = 1 - full.lithium_thickness / window
            raise CellDefinitionError(
                f"soc: {soc} is below the Li this cell plates on a full charge; valid range "
                f"({lowest:.4g}, 1]"
            )
        x = basis.stoichiometry_charged + (1 - soc) * (
            basis.stoichiometry_discharged - basis.stoichiometry_charged
        )
        return CellState(x, remaining, full.inactive_lithium_thickness)

    def charged_anode_lithium(self, cell, capacity):
        """Li on the anode side (active and inactive) [m] after charging ``capacity``
        [mA.h.cm-2] from as built: what the bill of materials counts."""
        state = self.after_charge(cell, capacity)
        return state.lithium_thickness + state.inactive_lithium_thickness


class LithiumMetal(AnodeKind):
    """A Li foil. Its thickness at the start of discharge (the charged state) is given
    directly (``li_thickness_um``), or as the as-built excess foil (``li_excess_um``)
    or N/P ratio (``n_p_ratio``: excess foil capacity over the cathode's usable
    capacity), to which the charge adds what the cathode's usable window plates."""

    material = "Li metal"
    model_option = "lithium metal"
    keys = frozenset({"li_thickness_um", "li_excess_um", "n_p_ratio", "coulombic_efficiency"})
    label = "Li metal (charged)"
    state_variables = (LITHIUM_VARIABLE, INACTIVE_VARIABLE)
    describe_rows = (
        ("Li metal thickness", LITHIUM_AT_START),
        ("Li metal thickness as built", AS_BUILT),
    )

    def compose_materials(self, section, values):
        super().compose_materials(section, values)
        values.update(
            {
                "Interlayer thickness [m]": 0.0,
                "Interlayer density [kg.m-3]": 0.0,
                "Interlayer interface resistance [Ohm.m2]": 0.0,
                # every charge plates Li on the foil: the rest becomes dead Li
                "Lithium plating Coulombic efficiency": _value(
                    "coulombic_efficiency",
                    section,
                    float(lib.ANODES["Li metal"].coulombic_efficiency),
                ),
                FIRST_CHARGE_LOSS: 0.0,
                INTERLAYER_CAPACITY: 0.0,
                INTERLAYER_POTENTIAL: 0.0,
            }
        )

    def compose_inventory(self, section, values, plated):
        given = [k for k in ("li_thickness_um", "li_excess_um", "n_p_ratio") if k in section]
        if len(given) != 1:
            raise CellDefinitionError(
                "anode: give exactly one of li_thickness_um (Li in the charged state), "
                f"li_excess_um (as-built foil) or n_p_ratio; got {given or 'none'}"
            )
        key = given[0]
        if key == "li_thickness_um":
            thickness = _value(key, section)
            if thickness < plated * (1 - 1e-9):
                raise CellDefinitionError(
                    f"anode.li_thickness_um: {section[key]!r} um is less than the "
                    f"{plated * 1e6:.2f} um of Li the cathode holds in its usable window; "
                    f"valid range [{plated * 1e6:.2f}, 5000] um (the Li in the charged state "
                    "includes what the charge plated; use li_excess_um for the as-built foil)"
                )
            as_built = thickness - plated
        elif key == "li_excess_um":
            as_built = _value(key, section)
        else:
            as_built = _value(key, section) * plated
        values.update(
            {
                "Negative electrode thickness [m]": as_built,
                LITHIUM_AT_START: as_built + plated,
                AS_BUILT: as_built,
            }
        )
        if key == "n_p_ratio":
            values["Lithium excess capacity ratio"] = _value(key, section)

    def charged(self, cell):
        # the design's charged state: the foil plus all the window plates (its first
        # charge's plating loss, 1 - CE of it, left out); a simulated charge loses it
        v = cell.parameter_values
        return CellState(cell.basis.stoichiometry_charged, v[LITHIUM_AT_START], 0.0)

    def after_charge(self, cell, capacity):
        v = cell.parameter_values
        ce = v["Lithium plating Coulombic efficiency"]
        x = _stoichiometry_after(cell, capacity)
        plated = capacity * lithium_thickness_per_capacity(v)
        return CellState(x, v[AS_BUILT] + ce * plated, (1 - ce) * plated)

    def at_state_of_charge(self, cell, soc):
        # the foil may be thicker or thinner than a full charge plates: strip from the
        # charged Li of the design
        basis = cell.basis
        state = self.charged(cell)
        stripped = (
            (1 - soc)
            * basis.usable_capacity
            * lithium_thickness_per_capacity(cell.parameter_values)
        )
        x = basis.stoichiometry_charged + (1 - soc) * (
            basis.stoichiometry_discharged - basis.stoichiometry_charged
        )
        return CellState(x, max(state.lithium_thickness - stripped, 0.0), 0.0)


class AnodeFree(AnodeKind):
    """A bare collector, or an interlayer (Ag-C), with no Li as built. The first charge
    loses a fixed amount of Li into the interlayer (``interlayer_first_charge_loss_um``,
    as Li metal); every charge then plates Li with the Coulombic efficiency CE, the rest
    becoming inactive Li."""

    material = "anode-free"
    model_option = "anode-free"
    keys = frozenset(
        {
            "interlayer",
            "interlayer_thickness_um",
            "coulombic_efficiency",
            "interlayer_first_charge_loss_um",
        }
    )
    label = "plated Li, active and inactive (charged)"
    charges_by_default = True
    state_variables = (LITHIUM_VARIABLE, INACTIVE_VARIABLE)
    describe_rows = (
        ("Interlayer thickness", "Interlayer thickness [m]"),
        ("Li metal thickness as built", AS_BUILT),
    )

    def compose_materials(self, section, values):
        super().compose_materials(section, values)
        substrate_name = section.get("interlayer", "none")
        try:
            substrate = lib.get("interlayer", substrate_name)
        except lib.UnknownMaterialError as exc:
            raise CellDefinitionError(f"anode.interlayer: {exc}") from None
        thickness = _value("interlayer_thickness_um", section, float(substrate.thickness))
        values.update(
            {
                "Interlayer thickness [m]": thickness,
                "Interlayer density [kg.m-3]": float(substrate.density),
                "Interlayer interface resistance [Ohm.m2]": float(substrate.interface_resistance),
                "Lithium plating Coulombic efficiency": _value(
                    "coulombic_efficiency", section, float(substrate.coulombic_efficiency)
                ),
                FIRST_CHARGE_LOSS: _value(
                    "interlayer_first_charge_loss_um",
                    section,
                    float(substrate.first_charge_loss) * thickness,
                ),
                INTERLAYER_CAPACITY: float(substrate.lithiation_capacity) * thickness,
                INTERLAYER_POTENTIAL: float(substrate.lithiation_potential),
            }
        )
        if values[INTERLAYER_CAPACITY] > 0:
            # the interlayer stores Li at a sloping potential before Li plates on it
            values[COUNTER_POTENTIAL] = laws.interlayer_potential

    def compose_inventory(self, section, values, plated):
        values.update(
            {
                "Negative electrode thickness [m]": values["Interlayer thickness [m]"],
                LITHIUM_AT_START: 0.0,
                AS_BUILT: 0.0,
            }
        )

    def charged(self, cell):
        return None

    def after_charge(self, cell, capacity):
        v = cell.parameter_values
        ce = v["Lithium plating Coulombic efficiency"]
        thickness = capacity * lithium_thickness_per_capacity(v)
        # the interlayer takes its first-charge loss before any Li plates
        lost = min(thickness, v[FIRST_CHARGE_LOSS])
        x = _stoichiometry_after(cell, capacity)
        rest = thickness - lost
        return CellState(x, ce * rest, lost + (1 - ce) * rest)


class InLiAlloy(LithiumMetal):
    """An In/InLi counter electrode, as in most sulfide half-cells: an In foil
    (``alloy_thickness_um``) holding Li (``lithium_atomic_fraction``) on the In +
    InLi two-phase plateau at a constant potential vs Li (0.622 V), so that every
    voltage of the cell, its cut-offs included, is against In/InLi.

    The Li the alloy can give up on the plateau (down to its Li-poor end) is an
    equivalent Li-metal inventory: the Li-metal anode model with the plateau
    potential in series, the end of the plateau its "Li exhausted" event. A charge
    may not fill the alloy past its Li-rich end (checked when composing: the
    potential falls 280 mV there and the cell would no longer be against In/InLi).
    """

    material = "In/InLi"
    voltage_reference = "In/InLi"

    @property
    def counter_potential(self):
        return float(lib.get("alloy electrode", self.material).potential)

    keys = frozenset({"alloy_thickness_um", "lithium_atomic_fraction"})
    label = "In/InLi (charged)"
    describe_rows = (
        ("In foil thickness", "Alloy host thickness [m]"),
        ("Li available on the plateau (charged), as Li metal", LITHIUM_AT_START),
    )

    def compose_materials(self, section, values):
        alloy = lib.get("alloy electrode", self.material)
        self._fraction(section)  # checked before anything is derived from the design
        super().compose_materials(section, values)
        values.update(
            {
                # assumed lossless: the alloy takes Li into its lattice, no Li plates
                # (no In/InLi efficiency is printed; half cells use it as a reservoir)
                "Lithium plating Coulombic efficiency": 1.0,
                COUNTER_POTENTIAL: laws.alloy_counter_electrode_potential(alloy.potential_curve),
                REFERENCE_POTENTIAL: float(alloy.potential),
                "Alloy host thickness [m]": _value(
                    "alloy_thickness_um", section, float(alloy.thickness)
                ),
                "Alloy host density [kg.m-3]": float(alloy.host_density),
                "Alloy host molar mass [kg.mol-1]": float(alloy.host_molar_mass),
                "Lithium metal exchange-current density at reference temperature [A.m-2]": (
                    _value(
                        "exchange_current_density_mA_cm2",
                        section,
                        float(alloy.exchange_current_density),
                    )
                ),
                "Lithium metal interphase resistance [Ohm.m2]": _value(
                    "interphase_resistance_ohm_cm2", section, float(alloy.interphase_resistance)
                ),
            }
        )

    def _fraction(self, section):
        """The Li atomic fraction as built, checked against the plateau."""
        alloy = lib.get("alloy electrode", self.material)
        low, high = float(alloy.plateau_start), float(alloy.plateau_end)
        x = _value("lithium_atomic_fraction", section, float(alloy.lithium_fraction))
        if not low <= x <= high:
            raise CellDefinitionError(
                f"anode.lithium_atomic_fraction: {x!r} is off the In/InLi plateau; valid range "
                f"[{low}, {high}]"
            )
        return x

    def compose_inventory(self, section, values, plated):
        alloy = lib.get("alloy electrode", self.material)
        low, high = float(alloy.plateau_start), float(alloy.plateau_end)
        x = self._fraction(section)
        host = self._host_moles(values)
        c_li = (
            values["Lithium metal density [kg.m-3]"] / values["Lithium metal molar mass [kg.mol-1]"]
        )

        def li_per_host(fraction):  # mol Li per mol In at a Li atomic fraction
            return fraction / (1 - fraction)

        available = host * (li_per_host(x) - li_per_host(low)) / c_li  # as Li metal [m]
        room = host * (li_per_host(high) - li_per_host(x)) / c_li
        if plated > room * (1 + 1e-9):
            raise CellDefinitionError(
                f"anode.alloy_thickness_um: the charge puts {plated * 1e6:.2f} um of Li (as "
                f"metal) into the alloy, which has room for {room * 1e6:.2f} um on its plateau; "
                "use a thicker In foil or less Li (lithium_atomic_fraction)"
            )
        values.update(
            {
                "Negative electrode thickness [m]": values["Alloy host thickness [m]"],
                LITHIUM_AT_START: available + plated,
                AS_BUILT: available,
                # the Li-free host: the plateau's Li-poor end less the Li it holds there
                MINIMUM_LITHIUM: -host * li_per_host(low) / c_li,
            }
        )

    def charged_anode_lithium(self, cell, capacity):
        # the Li the alloy holds below its plateau belongs to the counter electrode too
        v = cell.parameter_values
        low = float(lib.get("alloy electrode", self.material).plateau_start)
        c_li = v["Lithium metal density [kg.m-3]"] / v["Lithium metal molar mass [kg.mol-1]"]
        below = self._host_moles(v) * low / (1 - low) / c_li
        return super().charged_anode_lithium(cell, capacity) + below

    def _host_moles(self, values):
        """The host metal (In) per electrode area [mol.m-2]."""
        alloy = lib.get("alloy electrode", self.material)
        return (
            values["Alloy host thickness [m]"]
            * float(alloy.host_density)
            / float(alloy.host_molar_mass)
        )


def _stoichiometry_after(cell, capacity):
    """CAM stoichiometry after ``capacity`` [mA.h.cm-2] left it from as built."""
    basis = cell.basis
    if basis.usable_capacity <= 0:
        return basis.stoichiometry_discharged
    window = basis.stoichiometry_discharged - basis.stoichiometry_charged
    return basis.stoichiometry_discharged - capacity / basis.usable_capacity * window


ANODE_KINDS = {kind.material: kind for kind in (LithiumMetal(), AnodeFree(), InLiAlloy())}


def anode_kind_of_design(design):
    """The anode kind a design names (``anode.material``, default Li metal)."""
    name = design.get("anode", {}).get("material", "Li metal")
    if name not in ANODE_KINDS:
        raise CellDefinitionError(
            f"anode.material: {name!r} is not valid; valid: {list(ANODE_KINDS)}"
        )
    return ANODE_KINDS[name]


def anode_kind(cell):
    """The anode kind of ``cell`` (from its design; its model option follows it)."""
    return anode_kind_of_design(cell.design)


def check_anode_keys(kind, section):
    """Reject anode keys that belong to another kind of anode."""
    others = set()
    for other in ANODE_KINDS.values():
        if other is not kind:
            others |= other.keys - kind.keys
    wrong = sorted(k for k in section if k in others)
    if not wrong:
        return
    if kind.material == "Li metal":
        owners = sorted(o.material for o in ANODE_KINDS.values() if set(wrong) & o.keys)
        raise CellDefinitionError(
            f"anode: {wrong} apply to anode.material = {' or '.join(map(repr, owners))} only"
        )
    if kind.material == "anode-free":
        raise CellDefinitionError(
            f"anode: {wrong} apply to Li-metal or alloy anodes; an anode-free cell has no Li "
            "as built"
        )
    raise CellDefinitionError(
        f"anode: {wrong} do not apply to anode.material = {kind.material!r}; its keys: "
        f"{sorted(kind.keys)}"
    )
