"""Charge transfer at the Li|SE interface beside its double layer."""

import pybamm

from .interface_kinetics import LithiumInterfaceKinetics

ETA = "Lithium metal interface reaction overpotential [V]"


class LithiumInterfaceDoubleLayer(LithiumInterfaceKinetics):
    r"""The Li|SE interface of :class:`LithiumInterfaceKinetics` with a double layer
    in parallel with the reaction (the model option ``"surface form"`` =
    ``"differential"``): the reaction overpotential is a state,

    .. math::
        C_{dl,Li}\,\frac{d\eta_{Li}}{dt} = i - i_F, \qquad
        i_F = 2\,i_{0,Li}(T)\,\sinh\left(\frac{F\,\eta_{Li}}{2RT}\right),
        \qquad \eta_{Li}(0) = 0

    with ``C_dl,Li`` the ``"Lithium metal double-layer capacity [F.m-2]"`` per unit
    area. The Li inventory moves with the Faradaic current ``i_F``; the Li+ the
    double layer holds, :math:`-C_{dl,Li}\,\eta_{Li} A / F`, is ``"Total lithium in
    lithium metal double layer [mol]"``, counted in the cell's total.
    """

    def _capacity(self):
        return pybamm.Parameter("Lithium metal double-layer capacity [F.m-2]")

    def get_fundamental_variables(self):
        return {ETA: pybamm.Variable(ETA, domain="current collector")}

    def _reaction(self, variables, i, j0, T):
        param = self.param
        eta = variables[ETA]
        i_F = 2 * j0 * pybamm.sinh(param.F * eta / (2 * param.R * T))
        return eta, i_F, -self._capacity() * eta * param.A_cc / param.F

    def set_rhs(self, variables):
        eta = variables[ETA]
        i_dl = variables["Lithium metal double-layer current density [A.m-2]"]
        self.rhs = {eta: i_dl / self._capacity()}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[ETA]: pybamm.Scalar(0)}
