"""Charge transfer at the Li|SE (alloy|SE, interlayer|SE) interface."""

import pybamm


class LithiumInterfaceKinetics(pybamm.BaseSubModel):
    r"""Symmetric Butler-Volmer at the Li|SE interface, inverted exactly.

    With ``i`` the applied current density (positive on discharge, Li stripping)
    the reaction carries all of it:

    .. math::
        \eta_{Li} = \frac{2RT}{F}\,\mathrm{arcsinh}\left(\frac{i}{2 i_{0,Li}(T)}\right),
        \qquad i_F = i

    ``i_0,Li(T)`` is the ``"Exchange-current density for lithium metal electrode
    [A.m-2]"`` (a function of temperature only: the SE's Li+ concentration is
    fixed). Provides ``"Lithium metal interface reaction overpotential [V]"`` and
    the Faradaic current ``"Lithium metal interface Faradaic current density
    [A.m-2]"`` that moves the Li inventory (:class:`LithiumMetalAnode`). No states.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "negative", options=options)

    def _exchange_current(self, variables):
        T = variables["X-averaged negative electrode temperature [K]"]
        return pybamm.FunctionParameter(
            "Exchange-current density for lithium metal electrode [A.m-2]",
            {"Temperature [K]": T},
        )

    def _reaction(self, variables, i, j0, T):
        """(eta_Li, i_F, Li+ held in a double layer [mol]) of the law."""
        eta = 2 * self.param.R * T / self.param.F * pybamm.arcsinh(i / (2 * j0))
        return eta, i, pybamm.Scalar(0)

    def get_coupled_variables(self, variables):
        i = variables["Current collector current density [A.m-2]"]
        T = variables["X-averaged negative electrode temperature [K]"]
        j0 = self._exchange_current(variables)
        eta, i_F, n_dl = self._reaction(variables, i, j0, T)
        variables.update(
            {
                "Lithium metal interface exchange current density [A.m-2]": j0,
                "Lithium metal interface reaction overpotential [V]": eta,
                "Lithium metal interface Faradaic current density [A.m-2]": i_F,
                "Lithium metal double-layer current density [A.m-2]": i - i_F,
                "Total lithium in lithium metal double layer [mol]": n_dl,
            }
        )
        return variables
