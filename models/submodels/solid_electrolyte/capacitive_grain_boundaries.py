"""The SE separator's grain boundaries as a resistance with its capacitance."""

import pybamm

from .grain_boundaries import GrainBoundaries
from .separator_ohm import BOUNDARY_DROP


class CapacitiveGrainBoundaries(GrainBoundaries):
    r"""The grain boundaries of :class:`GrainBoundaries` with their capacitance in
    parallel (the model options ``grain_boundaries = "separator"`` and ``"surface
    form"`` = ``"differential"``): their drop is a state,

    .. math::
        C_{gb}\,\frac{d\Delta\phi_{gb}}{dt} = i - \frac{\Delta\phi_{gb}}{R_{gb}},
        \qquad C_{gb} = \frac{\varepsilon_0\,\varepsilon_{gb}}{L_s}, \qquad
        \Delta\phi_{gb}(0) = 0

    with :math:`\varepsilon_{gb}` the boundaries' apparent permittivity
    (``"Separator grain-boundary relative permittivity"``: the specific capacitance
    ``C l / A`` of the boundaries over :math:`\varepsilon_0`).
    """

    def get_fundamental_variables(self):
        return {BOUNDARY_DROP: pybamm.Variable(BOUNDARY_DROP, domain="current collector")}

    def get_coupled_variables(self, variables):
        return variables

    def set_rhs(self, variables):
        gb = variables[BOUNDARY_DROP]
        i = variables["Current collector current density [A.m-2]"]
        eps_gb = pybamm.Parameter("Separator grain-boundary relative permittivity")
        C_gb = pybamm.Parameter("Vacuum permittivity [F.m-1]") * eps_gb / self.param.s.L
        self.rhs = {gb: (i - gb / self._resistance()) / C_gb}

    def set_initial_conditions(self, variables):
        self.initial_conditions = {variables[BOUNDARY_DROP]: pybamm.Scalar(0)}
