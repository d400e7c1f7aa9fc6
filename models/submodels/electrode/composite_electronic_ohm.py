"""Electronic conduction in the composite cathode through CAM and carbon."""

import pybamm

from ..interface.double_layer import TOTAL


class CompositeElectronicOhm(pybamm.BaseSubModel):
    r"""Ohm's law for electrons in the CAM and carbon networks of the cathode.

    .. math::
        i_s &= -\sigma_{eff}\,\frac{\partial \phi_s}{\partial x}, \qquad
        \frac{\partial i_s}{\partial x} = -a\,j\\
        \sigma_{eff} &= \sigma_{AM}(x_{AM}, T)\,T_{AM}(\varepsilon_{AM})
            + \sigma_{C}\,T_{C}(\varepsilon_{C})\\
        i_s &= 0 \text{ at the separator}, \qquad
        i_s = i \text{ at the current collector}

    The CAM conductivity ``"Positive electrode active material conductivity
    [S.m-1]"`` may depend on the local CAM stoichiometry and temperature (NMC
    conducts worse when lithiated); ``"Positive electrode carbon conductivity
    [S.m-1]"`` is a constant. The two phases conduct in parallel, each through
    its own transport-efficiency law. ``a j`` is the total interfacial current
    (Faradaic plus double layer). The cell voltage is
    :math:`V = \phi_s(L) - \phi_{s,cn}` with the anode collector as reference.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "positive", options=options)

    def get_fundamental_variables(self):
        phi_s = pybamm.Variable(
            "Positive electrode potential [V]",
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
            reference=self.param.ocv_init,
        )
        phi_s.print_name = "phi_s_p"
        return {"Positive electrode potential [V]": phi_s}

    def _effective_conductivity(self, variables):
        T = variables["Positive electrode temperature [K]"]
        sto = variables["Positive particle surface stoichiometry"]
        sigma_am = pybamm.FunctionParameter(
            "Positive electrode active material conductivity [S.m-1]",
            {"Positive particle stoichiometry": sto, "Temperature [K]": T},
        )
        sigma_c = pybamm.Parameter("Positive electrode carbon conductivity [S.m-1]")
        tor_am = variables["Positive electrode active material transport efficiency"]
        tor_c = variables["Positive electrode carbon transport efficiency"]
        return sigma_am * tor_am + sigma_c * tor_c

    def get_coupled_variables(self, variables):
        phi_s = variables["Positive electrode potential [V]"]
        phi_s_cn = variables["Negative current collector potential [V]"]
        sigma_eff = self._effective_conductivity(variables)
        i_s = -sigma_eff * pybamm.grad(phi_s)
        phi_s_cp = pybamm.boundary_value(phi_s, "right")
        delta_phi_s = phi_s_cp - phi_s
        V = phi_s_cp - phi_s_cn
        variables.update(
            {
                "Positive electrode effective electronic conductivity [S.m-1]": sigma_eff,
                "Positive electrode current density [A.m-2]": i_s,
                "X-averaged positive electrode potential [V]": pybamm.x_average(phi_s),
                "Positive electrode ohmic losses [V]": delta_phi_s,
                "X-averaged positive electrode ohmic losses [V]": pybamm.x_average(delta_phi_s),
                "Positive current collector potential [V]": phi_s_cp,
                "Local voltage [V]": V,
                "Voltage expression [V]": V,
                "Terminal voltage [V]": V,
                "Voltage [V]": V,
            }
        )
        return variables

    def set_algebraic(self, variables):
        phi_s = variables["Positive electrode potential [V]"]
        i_s = variables["Positive electrode current density [A.m-2]"]
        a_j = variables[TOTAL]
        # scaled by L^2 (as PyBaMM does) so the residual is of order A/m
        self.algebraic = {phi_s: self.param.p.L**2 * (pybamm.div(i_s) + a_j)}

    def set_boundary_conditions(self, variables):
        phi_s = variables["Positive electrode potential [V]"]
        i = variables["Current collector current density [A.m-2]"]
        sigma_eff = variables["Positive electrode effective electronic conductivity [S.m-1]"]
        sigma_right = pybamm.boundary_value(sigma_eff, "right")
        self.boundary_conditions = {
            phi_s: {
                "left": (pybamm.Scalar(0), "Neumann"),
                "right": (-i / sigma_right, "Neumann"),
            }
        }

    def set_initial_conditions(self, variables):
        phi_s = variables["Positive electrode potential [V]"]
        self.initial_conditions = {phi_s: self.param.ocv_init}
