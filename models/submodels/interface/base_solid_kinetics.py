"""Common part of the CAM|SE charge-transfer laws."""

import pybamm


class BaseSolidKinetics(pybamm.BaseSubModel):
    r"""CAM|SE interface: exchange current, overpotential, partial contact.

    The SE's Li+ concentration is fixed, so the exchange-current density has no
    electrolyte factor; it depends on the CAM surface concentration and the
    temperature only (``"Positive electrode exchange-current density [A.m-2]"``,
    a function of ``c_s_surf``, ``c_s_max`` and ``T``). Only a fraction
    ``theta`` (``"Positive electrode active material contact coverage"``) of the
    particle surface touches the SE; the reaction runs on that part with the
    current density ``j_c`` given by the law of the subclass, and the current
    density averaged over the whole particle surface, which feeds particle
    diffusion, is

    .. math::
        \eta = \phi_s - \phi_e - U(c_{s,surf}, T), \qquad j = \theta\,j_c,
        \qquad a\,j \ \text{is the volumetric current}.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "positive", options=options, phase="primary")

    def _exchange_current_density(self, c_s_surf, T):
        c_max = self.phase_param.c_max
        inputs = {
            "Positive particle surface concentration [mol.m-3]": c_s_surf,
            "Maximum positive particle surface concentration [mol.m-3]": c_max,
            "Temperature [K]": T,
        }
        # keep the square roots of c and (c_max - c) differentiable at the bounds
        regulariser = pybamm.RegulariseSqrtAndPower(
            scales={c_s_surf: c_max, c_max - c_s_surf: c_max}, inputs=inputs
        )
        return pybamm.FunctionParameter(
            "Positive electrode exchange-current density [A.m-2]",
            inputs,
            post_processor=regulariser,
        )

    def _contact_current(self, variables, eta, j0, T):
        """Return (j_c, reaction overpotential, film overpotential) of the law."""
        raise NotImplementedError

    def get_coupled_variables(self, variables):
        phi_s = variables["Positive electrode potential [V]"]
        phi_e = variables["Positive electrolyte potential [V]"]
        U = variables["Positive electrode open-circuit potential [V]"]
        c_s_surf = variables["Positive particle surface concentration [mol.m-3]"]
        T = variables["Positive electrode temperature [K]"]
        a = variables["Positive electrode surface area to volume ratio [m-1]"]
        theta = pybamm.Parameter("Positive electrode active material contact coverage")

        j0 = self._exchange_current_density(c_s_surf, T)
        eta = phi_s - phi_e - U
        # the rate of the film's drop: zero but for a capacitive film
        variables["Positive electrode film overpotential rate [V.s-1]"] = pybamm.zeros_like(eta)
        j_c, eta_r, eta_film = self._contact_current(variables, eta, j0, T)
        j = theta * j_c
        variables.update(
            {
                "Positive electrode exchange current density [A.m-2]": j0,
                "Positive electrode surface overpotential [V]": eta,
                "Positive electrode reaction overpotential [V]": eta_r,
                "X-averaged positive electrode reaction overpotential [V]": (
                    pybamm.x_average(eta_r)
                ),
                "Positive electrode film overpotential [V]": eta_film,
                "X-averaged positive electrode film overpotential [V]": (
                    pybamm.x_average(eta_film)
                ),
                "Positive electrode contact current density [A.m-2]": j_c,
                "Positive electrode interfacial current density [A.m-2]": j,
                "X-averaged positive electrode interfacial current density [A.m-2]": (
                    pybamm.x_average(j)
                ),
                "Positive electrode volumetric interfacial current density [A.m-3]": (a * j),
                "X-averaged positive electrode volumetric interfacial current "
                "density [A.m-3]": pybamm.x_average(a * j),
            }
        )
        return variables
