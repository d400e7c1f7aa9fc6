"""Anode-free anode: Li plated on a bare collector or an interlayer."""

import pybamm

from .lithium_metal_anode import LithiumMetalAnode


class PlatedLithiumAnode(LithiumMetalAnode):
    r"""Li plated onto the collector (or an interlayer such as Ag-C), then stripped.

    The cell is built discharged: no Li on the anode side, :math:`L_{Li}(0) = 0`
    (``"Lithium counter electrode thickness [m]"``, which may be set to start from a
    charged state, with ``"Initial inactive lithium thickness [m]"``).
    The first charge loses a fixed amount of Li into the interlayer, ``L_irr``
    (``"Interlayer first-charge lithium loss [m]"``, as Li metal: Ag-C lithiation
    that does not come back), before any Li plates; every charge then plates Li
    with a Coulombic efficiency ``CE`` (``"Lithium plating Coulombic
    efficiency"``), the fraction ``1 - CE`` forming inactive Li (SEI, dead Li).
    Both are tracked as ``"Inactive lithium thickness [m]"``. Discharging strips
    the active Li (``i`` is the Faradaic current: the applied one, less the double
    layer's with the ``"surface form"`` option):

    .. math::
        f &= 1 - CE + CE\,s, \qquad
        s = \min\left(\max\left(\frac{L_{irr} - L_{inactive}}{\delta}, 0\right),
            1\right), \quad \delta = 10^{-3} L_{irr} + 10^{-12}\,\mathrm{m}\\
        \frac{dL_{Li}}{dt} &= -\frac{i}{F c_{Li}}\,
            \left((1 - f)\,H(-i) + H(i)\right), \qquad
        \frac{dL_{inactive}}{dt} = f\,\frac{\max(-i, 0)}{F c_{Li}}\\
        \eta_{int} &= i\,(R_{int,Li} + R_{interlayer})

    with :math:`H` the Heaviside step: the whole charge goes to the interlayer's loss
    until it holds ``L_irr`` (a ramp of width ``delta``, 1e-3 of it), then the
    fraction ``1 - CE``. A cell that starts with ``L_inactive >= L_irr`` (after its
    formation) loses ``1 - CE`` only. Kinetics and the interphase are those of
    :class:`LithiumMetalAnode`; the interlayer's interface resistance
    (``"Interlayer interface resistance [Ohm.m2]"``, 0 for a bare collector) is
    in series. Li + inactive Li + CAM Li is conserved.

    The active Li :math:`L_{Li}` is first stored reversibly in the interlayer (Ag-C
    lithiates at a sloping potential) and only beyond its capacity ``Q``
    (``"Interlayer lithium capacity [m]"``) plated as Li metal: the anode side's
    potential vs Li is ``U_ce(L_Li)`` (``"Counter electrode potential vs Li [V]"``,
    e.g. :func:`asslb_sim.parameter_sets.laws.interlayer_potential`), falling to 0 as
    the interlayer fills. A charge therefore lithiates the interlayer, then plates;
    a discharge strips the plated Li first (at 0 V), then delithiates the
    interlayer (the potential rising). The plating efficiency ``CE`` applies to
    both (its 0.2 % on the interlayer's Li is within the data's resolution).
    """

    def _series_resistance(self):
        return super()._series_resistance() + pybamm.Parameter(
            "Interlayer interface resistance [Ohm.m2]"
        )

    def _efficiency(self):
        return pybamm.Parameter("Lithium plating Coulombic efficiency")

    def _loss_fraction(self, L_dead):
        """The fraction of a charge current that forms inactive Li: all of it while
        the interlayer takes its first-charge loss, then 1 - CE."""
        ce = self._efficiency()
        L_irr = pybamm.Parameter("Interlayer first-charge lithium loss [m]")
        width = 1e-3 * L_irr + 1e-12
        s = pybamm.minimum(pybamm.maximum((L_irr - pybamm.yz_average(L_dead)) / width, 0), 1)
        return 1 - ce + ce * s

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
        L_Li = variables["Lithium metal thickness [m]"]
        L_dead = variables["Inactive lithium thickness [m]"]
        # the Faradaic current (the applied one without a double layer)
        i = variables["Lithium metal interface Faradaic current density [A.m-2]"]
        c_Li = variables["Lithium metal molar concentration [mol.m-3]"]
        f = self._loss_fraction(L_dead)
        rate = i / (self.param.F * c_Li)
        self.rhs = {
            L_Li: -rate * ((1 - f) * (i < 0) + (i >= 0)),
            L_dead: f * pybamm.maximum(-i, 0) / (self.param.F * c_Li),
        }
        self._set_double_layer_rhs(variables)

    def set_initial_conditions(self, variables):
        super().set_initial_conditions(variables)
        self.initial_conditions[variables["Inactive lithium thickness [m]"]] = pybamm.Parameter(
            "Initial inactive lithium thickness [m]"
        )
