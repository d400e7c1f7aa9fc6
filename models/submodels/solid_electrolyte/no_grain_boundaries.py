"""A separator whose grain boundaries are lumped into its conductivity."""

import pybamm

from .separator_ohm import BOUNDARY_DROP


class NoGrainBoundaries(pybamm.BaseSubModel):
    r"""The grain boundaries have no element of their own: the separator's
    conductivity is the total (grains and boundaries), and

    .. math::
        \Delta\phi_{gb} = 0

    (``"Separator grain-boundary overpotential [V]"``). No states.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "separator", options=options)

    def get_coupled_variables(self, variables):
        variables[BOUNDARY_DROP] = pybamm.Scalar(0)
        return variables
