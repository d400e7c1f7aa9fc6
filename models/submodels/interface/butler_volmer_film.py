"""Symmetric Butler-Volmer kinetics in series with a resistive CAM film."""

import pybamm

from .base_solid_kinetics import BaseSolidKinetics


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
    """

    def get_fundamental_variables(self):
        j_c = pybamm.Variable(
            "Positive electrode contact current density variable [A.m-2]",
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
        )
        return {"Positive electrode contact current density variable [A.m-2]": j_c}

    def _contact_current(self, variables, eta, j0, T):
        F, R = self.param.F, self.param.R
        j_c = variables["Positive electrode contact current density variable [A.m-2]"]
        R_film = pybamm.Parameter("Positive electrode film resistance [Ohm.m2]")
        eta_r = 2 * R * T / F * pybamm.arcsinh(j_c / (2 * j0))
        eta_film = j_c * R_film
        variables["Positive electrode film residual [V]"] = eta - eta_r - eta_film
        return j_c, eta_r, eta_film

    def set_algebraic(self, variables):
        j_c = variables["Positive electrode contact current density variable [A.m-2]"]
        self.algebraic = {j_c: variables["Positive electrode film residual [V]"]}

    def set_initial_conditions(self, variables):
        j_c = variables["Positive electrode contact current density variable [A.m-2]"]
        self.initial_conditions = {j_c: pybamm.Scalar(0)}
