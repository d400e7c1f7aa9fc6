"""Symmetric Butler-Volmer kinetics in series with a film that is also a capacitor."""

import pybamm

from .base_solid_kinetics import BaseSolidKinetics
from .double_layer import TOTAL


class ButlerVolmerCapacitiveFilm(BaseSolidKinetics):
    r"""Symmetric Butler-Volmer in series with a film that is a resistance and a
    capacitance in parallel (a coating with the model option ``"surface form"`` =
    ``"differential"``).

    The film (``R_f``, ``"Positive electrode film resistance [Ohm.m2]"``, and
    ``C_f``, ``"Positive electrode film capacity [F.m-2]"``, per contact area) is in
    series with the contact's charge transfer and double layer, the usual circuit of
    a coated CAM, :math:`(R_f \parallel C_f) + (R_{ct} \parallel C_{dl})`. Its drop
    is a state:

    .. math::
        C_f\,\frac{d\eta_f}{dt} = j_{tot} - \frac{\eta_f}{\max(R_f, 10^{-12})},
        \qquad j_c = 2\,j_0\,\sinh\left(\frac{F\,(\eta - \eta_f)}{2RT}\right),
        \qquad \eta_f(0) = 0

    with :math:`j_{tot} = a j_{tot} / (a\,\theta)` the current through the film per
    contact area (Faradaic plus the inner double layer's, see
    :class:`~asslb_sim.models.submodels.interface.double_layer.DoubleLayer`, which
    adds the film's ``d eta_f / dt``, ``"Positive electrode film overpotential rate
    [V.s-1]"``, to its own). The floor 1e-12 Ohm.m2 (1e-8 Ohm.cm2) keeps a vanishing
    film resistance (a fit's lower bound) a short rather than an infinitely fast state.
    """

    def get_fundamental_variables(self):
        eta_film = pybamm.Variable(
            "Positive electrode film overpotential [V]",
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
        )
        return {"Positive electrode film overpotential [V]": eta_film}

    def _contact_current(self, variables, eta, j0, T):
        F, R = self.param.F, self.param.R
        eta_film = variables["Positive electrode film overpotential [V]"]
        eta_r = eta - eta_film
        j_c = 2 * j0 * pybamm.sinh(F * eta_r / (2 * R * T))
        a = variables["Positive electrode surface area to volume ratio [m-1]"]
        theta = pybamm.Parameter("Positive electrode active material contact coverage")
        j_through = variables[TOTAL] / (a * theta)
        R_film = pybamm.Parameter("Positive electrode film resistance [Ohm.m2]")
        C_f = pybamm.Parameter("Positive electrode film capacity [F.m-2]")
        leak = eta_film / pybamm.maximum(R_film, 1e-12)
        variables["Positive electrode film overpotential rate [V.s-1]"] = (j_through - leak) / C_f
        return j_c, eta_r, eta_film

    def set_rhs(self, variables):
        eta_film = variables["Positive electrode film overpotential [V]"]
        self.rhs = {eta_film: variables["Positive electrode film overpotential rate [V.s-1]"]}

    def set_initial_conditions(self, variables):
        eta_film = variables["Positive electrode film overpotential [V]"]
        self.initial_conditions = {eta_film: pybamm.Scalar(0)}
