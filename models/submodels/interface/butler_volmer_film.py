"""Symmetric Butler-Volmer kinetics in series with a resistive CAM film."""

import pybamm

from .base_solid_kinetics import BaseSolidKinetics
from .double_layer import TOTAL


class ButlerVolmerFilm(BaseSolidKinetics):
    r"""Symmetric Butler-Volmer in series with a film resistance.

    Coatings (e.g. LiNbO3), space-charge layers and decomposition interphases
    add a resistance ``R_film`` [Ohm.m2] per contact area (``"Positive
    electrode film resistance [Ohm.m2]"``) in series with charge transfer:

    .. math::
        \eta = \frac{2RT}{F}\,\mathrm{arcsinh}\left(\frac{j_c}{2 j_0}\right)
            + j_c\,R_{film}

    This is implicit in ``j_c``, which is therefore an algebraic state
    ``"Positive electrode contact current density variable [A.m-2]"``.

    With the model option ``"surface form"`` set to ``"differential"`` the film is
    also a capacitor (``C_f``, ``"Positive electrode film capacity [F.m-2]"`` per
    contact area) in parallel with its resistance, in series with the contact's
    charge transfer and double layer (the usual circuit of a coated CAM,
    :math:`(R_f \parallel C_f) + (R_{ct} \parallel C_{dl})`): the film's drop is a
    state, and

    .. math::
        C_f\,\frac{d\eta_f}{dt} = j_{tot} - \frac{\eta_f}{R_f}, \qquad
        j_c = 2\,j_0\,\sinh\left(\frac{F\,(\eta - \eta_f)}{2RT}\right), \qquad
        \eta_f(0) = 0

    with :math:`j_{tot} = a j_{tot} / (a\,\theta)` the current through the film per
    contact area (Faradaic plus the inner double layer's, see
    :class:`~asslb_sim.models.submodels.interface.double_layer.DoubleLayer`).
    """

    def _capacitive(self):
        return self.options["surface form"] == "differential"

    def get_fundamental_variables(self):
        name = (
            "Positive electrode film overpotential [V]"
            if self._capacitive()
            else "Positive electrode contact current density variable [A.m-2]"
        )
        state = pybamm.Variable(
            name,
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
        )
        return {name: state}

    def _contact_current(self, variables, eta, j0, T):
        F, R = self.param.F, self.param.R
        R_film = pybamm.Parameter("Positive electrode film resistance [Ohm.m2]")
        if self._capacitive():
            eta_film = variables["Positive electrode film overpotential [V]"]
            eta_r = eta - eta_film
            j_c = 2 * j0 * pybamm.sinh(F * eta_r / (2 * R * T))
            a_theta = variables["Positive electrode surface area to volume ratio [m-1]"] * (
                pybamm.Parameter("Positive electrode active material contact coverage")
            )
            j_through = variables[TOTAL] / a_theta
            C_f = pybamm.Parameter("Positive electrode film capacity [F.m-2]")
            # a vanishing film resistance (a fit's lower bound) would make the film an
            # infinitely fast state: 1e-12 Ohm m2 (1e-8 Ohm cm2) is a short
            leak = eta_film / pybamm.maximum(R_film, 1e-12)
            variables["Positive electrode film overpotential rate [V.s-1]"] = (
                j_through - leak
            ) / C_f
            return j_c, eta_r, eta_film
        j_c = variables["Positive electrode contact current density variable [A.m-2]"]
        eta_r = 2 * R * T / F * pybamm.arcsinh(j_c / (2 * j0))
        eta_film = j_c * R_film
        variables["Positive electrode film residual [V]"] = eta - eta_r - eta_film
        return j_c, eta_r, eta_film

    def set_rhs(self, variables):
        if self._capacitive():
            eta_film = variables["Positive electrode film overpotential [V]"]
            self.rhs = {eta_film: variables["Positive electrode film overpotential rate [V.s-1]"]}

    def set_algebraic(self, variables):
        if not self._capacitive():
            j_c = variables["Positive electrode contact current density variable [A.m-2]"]
            self.algebraic = {j_c: variables["Positive electrode film residual [V]"]}

    def set_initial_conditions(self, variables):
        name = (
            "Positive electrode film overpotential [V]"
            if self._capacitive()
            else "Positive electrode contact current density variable [A.m-2]"
        )
        self.initial_conditions = {variables[name]: pybamm.Scalar(0)}
