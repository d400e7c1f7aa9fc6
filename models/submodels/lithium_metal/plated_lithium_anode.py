"""Anode-free anode: Li plated on a bare collector or an interlayer."""

import pybamm

from .lithium_metal_anode import LithiumMetalAnode


class PlatedLithiumAnode(LithiumMetalAnode):
    r"""Li plated onto the collector (or an interlayer such as Ag-C), then stripped.

    The cell is built discharged: no Li on the anode side, :math:`L_{Li}(0) = 0`
    (``"Lithium counter electrode thickness [m]"``, which may be set to start from a
    charged state, with ``"Initial inactive lithium thickness [m]"``).
    Charging plates Li with a Coulombic efficiency ``CE`` (``"Lithium plating
    Coulombic efficiency"``): the fraction ``1 - CE`` of the charge forms
    inactive Li (SEI, dead Li, irreversible interlayer lithiation), tracked as
    ``"Inactive lithium thickness [m]"``. Discharging strips the active Li:

    .. math::
        \frac{dL_{Li}}{dt} &= -\frac{i}{F c_{Li}}\,
            \left(CE\,H(-i) + H(i)\right), \qquad
        \frac{dL_{inactive}}{dt} = (1 - CE)\,\frac{\max(-i, 0)}{F c_{Li}}\\
        \eta_{int} &= i\,(R_{int,Li} + R_{interlayer})

    with :math:`H` the Heaviside step. Kinetics and the interphase are those of
    :class:`LithiumMetalAnode`; the interlayer's interface resistance
    (``"Interlayer interface resistance [Ohm.m2]"``, 0 for a bare collector) is
    in series. Li + inactive Li + CAM Li is conserved.
    """

    def _series_resistance(self):
        return super()._series_resistance() + pybamm.Parameter(
            "Interlayer interface resistance [Ohm.m2]"
        )

    def _efficiency(self):
        return pybamm.Parameter("Lithium plating Coulombic efficiency")

    def _thickness_rate(self, i, c_Li):
        ce = self._efficiency()
        return -i / (self.param.F * c_Li) * (ce * (i < 0) + (i >= 0))

    def get_fundamental_variables(self):
        variables = super().get_fundamental_variables()
        variables["Inactive lithium thickness [m]"] = pybamm.Variable(
            "Inactive lithium thickness [m]", domain="current collector", scale=self._scale()
        )
        return variables

    def get_coupled_variables(self, variables):
        variables = super().get_coupled_variables(variables)
        L_dead = variables["Inactive lithium thickness [m]"]
        c_Li = variables["Lithium metal molar concentration [mol.m-3]"]
        n_dead = pybamm.yz_average(L_dead) * c_Li * self.param.A_cc
        variables["Total inactive lithium [mol]"] = n_dead
        variables["Total lithium in anode [mol]"] = (
            variables["Total lithium in lithium metal [mol]"] + n_dead
        )
        return variables

    def set_rhs(self, variables):
        super().set_rhs(variables)
        L_dead = variables["Inactive lithium thickness [m]"]
        i = variables["Current collector current density [A.m-2]"]
        c_Li = variables["Lithium metal molar concentration [mol.m-3]"]
        loss = (1 - self._efficiency()) * pybamm.maximum(-i, 0) / (self.param.F * c_Li)
        self.rhs[L_dead] = loss

    def set_initial_conditions(self, variables):
        super().set_initial_conditions(variables)
        self.initial_conditions[variables["Inactive lithium thickness [m]"]] = pybamm.Parameter(
            "Initial inactive lithium thickness [m]"
        )
