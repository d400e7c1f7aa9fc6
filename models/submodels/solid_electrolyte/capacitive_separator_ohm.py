"""The SE separator as its ionic resistance in parallel with its geometric capacitance."""

import pybamm

from .separator_ohm import GRAIN_DROP, SeparatorOhm


class CapacitiveSeparatorOhm(SeparatorOhm):
    r"""The separator of :class:`SeparatorOhm` with its geometric capacitance (the
    model option ``"surface form"`` = ``"differential"``).

    The separator is also a capacitor (the dielectric between the Li and the
    composite) in parallel with its grains' ionic resistance, so their drop is a
    state:

    .. math::
        C_g\,\frac{d\Delta\phi_{grains}}{dt} = i - \frac{\kappa_{s,eff}\,
        \Delta\phi_{grains}}{L_s}, \qquad C_g = \frac{\varepsilon_0\,
        \varepsilon_r}{L_s}, \qquad \Delta\phi_{grains}(0) = 0

    with :math:`\varepsilon_r` the ``"Separator solid electrolyte relative
    permittivity"`` and :math:`\varepsilon_0` the ``"Vacuum permittivity [F.m-1]"``.
    The ionic current :math:`\kappa_{s,eff}\Delta\phi_{grains}/L_s`
    flows through the SE; the displacement current joins it at the composite
    (the bulk element :math:`R_b \parallel C_g` of an SE in series with the rest:
    its time constant :math:`\varepsilon_0\varepsilon_r/\kappa` is about 1e-8 s for
    a sulfide, so it shows in spectra only above about 1 MHz).
    """

    def get_fundamental_variables(self):
        return {GRAIN_DROP: pybamm.Variable(GRAIN_DROP, domain="current collector")}

    def _grain_drop(self, variables, i, kappa_eff):
        return variables[GRAIN_DROP]

    def set_rhs(self, variables):
        drop = variables[GRAIN_DROP]
        i = variables["Current collector current density [A.m-2]"]
        kappa_eff = variables["Separator effective ionic conductivity [S.m-1]"]
        L_s = self.param.s.L
        eps_r = pybamm.Parameter("Separator solid electrolyte relative permittivity")
        C_g = pybamm.Parameter("Vacuum permittivity [F.m-1]") * eps_r / L_s
        self.rhs = {drop: (i - kappa_eff * drop / L_s) / C_g}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[GRAIN_DROP]: pybamm.Scalar(0)}
