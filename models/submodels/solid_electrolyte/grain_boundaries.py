"""The SE separator's grain boundaries as their own resistance."""

import pybamm

from .separator_ohm import BOUNDARY_DROP


class GrainBoundaries(pybamm.BaseSubModel):
    r"""The separator's grain boundaries as a resistance in series with its grains
    (the model option ``grain_boundaries = "separator"``; the SE conductivity then
    stands for the grains alone):

    .. math::
        \Delta\phi_{gb} = i\,R_{gb}

    ``R_gb`` is ``"Separator grain-boundary resistance [Ohm.m2]"`` and ``Delta
    phi_gb`` the ``"Separator grain-boundary overpotential [V]"``. No states.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "separator", options=options)

    def _resistance(self):
        return pybamm.Parameter("Separator grain-boundary resistance [Ohm.m2]")

    def get_coupled_variables(self, variables):
        i = variables["Current collector current density [A.m-2]"]
        variables[BOUNDARY_DROP] = i * self._resistance()
        return variables
