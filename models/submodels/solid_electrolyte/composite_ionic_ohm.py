"""Ohmic single-ion conduction in the SE phase of the composite cathode."""

import pybamm

from ..interface.double_layer import TOTAL
from .effective_conductivity import effective_ionic_conductivity


class CompositeIonicOhm(pybamm.BaseSubModel):
    r"""Single-ion ohmic conduction in the solid-electrolyte phase of the cathode.

    .. math::
        i_e &= -\kappa_{eff}\,\frac{\partial \phi_e}{\partial x}, \qquad
        \frac{\partial i_e}{\partial x} = a\,j\\
        \kappa_{eff} &= \kappa_{SE,p}(T)\,T_{SE}(\varepsilon_{SE})
            + \kappa_{b,p}(T)\,T_{b}(\varepsilon_{b})\\
        \phi_e &= \phi_{e,sep} \text{ at the separator}, \qquad
        i_e = 0 \text{ at the current collector}

    ``a j`` is the ``"Positive electrode total volumetric interfacial current
    density [A.m-3]"`` (Faradaic plus double layer, see
    :mod:`~asslb_sim.models.submodels.interface.double_layer`), ``kappa_SE,p(T)``
    the ``"Positive electrode solid electrolyte conductivity [S.m-1]"`` and
    ``T_SE`` the ``"Positive electrode solid electrolyte transport efficiency"``;
    an ion-conducting binder adds a parallel
    path (``"Positive electrode binder conductivity [S.m-1]"``, zero for a
    blocking binder). There is no concentration variable: the
    Li+ concentration of a single-ion conductor is fixed by its lattice.
    This submodel also assembles the whole-cell ``"Electrolyte potential [V]"``.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "positive", options=options)

    def get_fundamental_variables(self):
        phi_e = pybamm.Variable(
            "Positive electrolyte potential [V]",
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
        )
        phi_e.print_name = "phi_e_p"
        return {"Positive electrolyte potential [V]": phi_e}

    def get_coupled_variables(self, variables):
        phi_e = variables["Positive electrolyte potential [V]"]
        T = variables["Positive electrode temperature [K]"]
        kappa_eff = effective_ionic_conductivity("Positive electrode", T, variables)
        i_e = -kappa_eff * pybamm.grad(phi_e)
        phi_e_s = variables["Separator electrolyte potential [V]"]
        variables.update(
            {
                "Positive electrode effective ionic conductivity [S.m-1]": kappa_eff,
                "Positive electrolyte current density [A.m-2]": i_e,
                "X-averaged positive electrolyte potential [V]": pybamm.x_average(phi_e),
                "Electrolyte potential [V]": pybamm.concatenation(phi_e_s, phi_e),
            }
        )
        return variables

    def set_algebraic(self, variables):
        phi_e = variables["Positive electrolyte potential [V]"]
        i_e = variables["Positive electrolyte current density [A.m-2]"]
        a_j = variables[TOTAL]
        # scaled by L^2 (as PyBaMM does) so the residual is of order A/m
        self.algebraic = {phi_e: self.param.p.L**2 * (pybamm.div(i_e) - a_j)}

    def set_boundary_conditions(self, variables):
        phi_e = variables["Positive electrolyte potential [V]"]
        phi_e_sep = variables["Separator electrolyte potential at positive electrode [V]"]
        self.boundary_conditions = {
            phi_e: {
                "left": (phi_e_sep, "Dirichlet"),
                "right": (pybamm.Scalar(0), "Neumann"),
            }
        }

    def set_initial_conditions(self, variables):
        phi_e = variables["Positive electrolyte potential [V]"]
        self.initial_conditions = {phi_e: pybamm.Scalar(0)}
