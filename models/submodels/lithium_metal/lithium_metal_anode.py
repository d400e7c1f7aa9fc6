"""Planar Li-metal anode with a finite, evolving Li inventory."""

import pybamm


class LithiumMetalAnode(pybamm.BaseSubModel):
    r"""Li interphase resistance, the Li inventory and the counter electrode's potential.

    The anode current collector is the potential reference
    (:math:`\phi_{s,cn} = 0`); the electronic drop across the Li itself
    (about 1e-10 V at 5 mA/cm2 for 50 um of Li at 1.1e7 S/m) is neglected. With
    ``i`` the applied current density (positive on discharge, Li stripping):

    .. math::
        \eta_{int} &= i\,R_{int,Li}\\
        \phi_e(x_{Li|SE}) &= \phi_{s,cn} - U_{ce} - \eta_{Li} - \eta_{int}\\
        \frac{dL_{Li}}{dt} &= -\frac{i_F}{F c_{Li}}\,\left((1 - f)\,H(-i_F) + H(i_F)\right),
        \qquad \frac{dL_{inactive}}{dt} = f\,\frac{\max(-i_F, 0)}{F c_{Li}}, \qquad
        f = 1 - CE\\
        c_{Li} &= \frac{\rho_{Li}}{M_{Li}}, \qquad L_{Li}(0) = L_{Li,0}, \qquad
        L_{inactive}(0) = L_{inactive,0}

    with :math:`H` the Heaviside step: every charge (plating, ``i < 0``) keeps the
    fraction ``CE`` (``"Lithium plating Coulombic efficiency"``) of the plated Li
    active; the rest, ``1 - CE``, becomes inactive Li (SEI, dead Li), tracked as
    ``"Inactive lithium thickness [m]"`` (from ``"Initial inactive lithium
    thickness [m]"``). Stripping (``i > 0``) removes active Li only. So a foil of
    any thickness loses ``(1 - CE) Q`` of Li per charge of ``Q``; ``CE = 1`` is the
    lossless foil. Li + inactive Li + CAM Li is conserved.

    ``U_ce(L_Li)`` is the counter electrode's equilibrium potential vs Li
    (``"Counter electrode potential vs Li [V]"``, a function of the Li inventory
    :math:`L_{Li}`, the equivalent thickness of Li metal): 0 for Li metal; for an
    alloy counter electrode (In/InLi) its potential against its Li content, whose
    inventory counts from the Li-poor end of its plateau (0.622 V) and may go below
    it, down to the Li-free host; for an anode-free cell with an interlayer, the
    interlayer's potential while it stores Li, 0 once Li plates on it.

    The reaction overpotential ``eta_Li`` and the Faradaic current ``i_F`` that
    moves the inventory (``i``, or less a double layer's current with the ``"surface
    form"`` option) come from the interface submodel
    (:class:`LithiumInterfaceKinetics`, :class:`LithiumInterfaceDoubleLayer`).

    A discharge stops with the event ``"Lithium metal exhausted"`` when
    :math:`L_{Li}` reaches its minimum :math:`L_{min}` (``"Minimum lithium metal
    thickness [m]"``: 0 for Li metal and plated Li, minus the Li an alloy holds below
    its plateau), unless a voltage cut-off ends it first (an alloy's potential rises
    steeply as its Li runs out). The event is inactive while charging or resting,
    so a cell may start charging with no Li.

    Parameters read: ``"Lithium plating Coulombic efficiency"``, ``"Lithium metal
    interphase resistance [Ohm.m2]"``,
    ``"Lithium counter electrode thickness [m]"`` (PyBaMM's name: the Li thickness
    at the start),
    ``"Lithium metal density [kg.m-3]"`` and ``"Lithium metal molar mass
    [kg.mol-1]"``.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "negative", options=options)

    def _scale(self):
        """Typical Li thickness, for the solver's scaling: the Li a cathode plates
        is of the order of a third of its thickness, and this is never zero."""
        return pybamm.Parameter("Positive electrode thickness [m]")

    def _initial_thickness(self):
        return pybamm.Parameter("Lithium counter electrode thickness [m]")

    def _series_resistance(self):
        """Ohmic resistance in series with the Li|SE reaction [Ohm.m2]."""
        return pybamm.Parameter("Lithium metal interphase resistance [Ohm.m2]")

    def _efficiency(self):
        return pybamm.Parameter("Lithium plating Coulombic efficiency")

    def _loss_fraction(self, L_dead):
        """The fraction of a charge current that forms inactive Li: 1 - CE."""
        return 1 - self._efficiency()

    def get_fundamental_variables(self):
        L_Li = pybamm.Variable(
            "Lithium metal thickness [m]", domain="current collector", scale=self._scale()
        )
        L_dead = pybamm.Variable(
            "Inactive lithium thickness [m]", domain="current collector", scale=self._scale()
        )
        return {"Lithium metal thickness [m]": L_Li, "Inactive lithium thickness [m]": L_dead}

    def get_coupled_variables(self, variables):
        param = self.param
        i = variables["Current collector current density [A.m-2]"]
        phi_s_cn = variables["Negative current collector potential [V]"]
        L_Li = variables["Lithium metal thickness [m]"]

        eta_r = variables["Lithium metal interface reaction overpotential [V]"]
        eta_int = i * self._series_resistance()
        U_ce = pybamm.FunctionParameter(
            "Counter electrode potential vs Li [V]", {"Lithium metal thickness [m]": L_Li}
        )
        phi_e = phi_s_cn - U_ce - eta_r - eta_int

        c_Li = self._molar_concentration()
        n_Li = pybamm.yz_average(L_Li) * c_Li * param.A_cc
        L_dead = variables["Inactive lithium thickness [m]"]
        n_dead = pybamm.yz_average(L_dead) * c_Li * param.A_cc
        variables.update(
            {
                "Counter electrode potential vs Li [V]": U_ce,
                "Lithium metal interphase overpotential [V]": eta_int,
                "Lithium metal interface electrode potential [V]": phi_s_cn,
                "Lithium metal interface electrolyte potential [V]": phi_e,
                "Lithium metal molar concentration [mol.m-3]": c_Li,
                "Total lithium in lithium metal [mol]": n_Li,
                "Total inactive lithium [mol]": n_dead,
                "Total lithium in anode [mol]": n_Li + n_dead,
            }
        )
        return variables

    def _molar_concentration(self):
        rho = pybamm.Parameter("Lithium metal density [kg.m-3]")
        M = pybamm.Parameter("Lithium metal molar mass [kg.mol-1]")
        return rho / M

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

    def set_initial_conditions(self, variables):
        L_Li = variables["Lithium metal thickness [m]"]
        L_dead = variables["Inactive lithium thickness [m]"]
        self.initial_conditions = {
            L_Li: self._initial_thickness(),
            L_dead: pybamm.Parameter("Initial inactive lithium thickness [m]"),
        }

    def add_events_from(self, variables):
        L_Li = variables["Lithium metal thickness [m]"]
        i = variables["Current collector current density [A.m-2]"]
        # only a discharge (i > 0) can exhaust the Li; charging from zero Li is allowed
        self.events.append(
            pybamm.Event(
                "Lithium metal exhausted",
                (pybamm.yz_average(L_Li) - pybamm.Parameter("Minimum lithium metal thickness [m]"))
                / self._scale()
                + (i <= 0),
                pybamm.EventType.TERMINATION,
            )
        )
