"""Symmetric Butler-Volmer kinetics at the CAM|SE contact."""

import pybamm

from .base_solid_kinetics import BaseSolidKinetics


class ButlerVolmer(BaseSolidKinetics):
    r"""Symmetric Butler-Volmer at the CAM|SE contact, no film.

    .. math::
        j_c = 2\,j_0(c_{s,surf}, T)\,\sinh\left(\frac{F\,\eta}{2RT}\right)

    Explicit in the potentials: no extra state.
    """

    def _contact_current(self, variables, eta, j0, T):
        F, R = self.param.F, self.param.R
        j_c = 2 * j0 * pybamm.sinh(F * eta / (2 * R * T))
        return j_c, eta, pybamm.zeros_like(eta)
