"""No charge stored at the CAM|SE contact."""

import pybamm

from .double_layer import FARADAIC, TOTAL


class NoDoubleLayer(pybamm.BaseSubModel):
    r"""No charge stored at the CAM|SE contact: the current the SE and the
    electronic network exchange is the Faradaic one,

    .. math::
        a\,j_{tot} = a\,j,

    ``"Positive electrode total volumetric interfacial current density [A.m-3]"``
    equals ``"Positive electrode volumetric interfacial current density [A.m-3]"``.
    No states.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "positive", options=options)

    def get_coupled_variables(self, variables):
        a_j = variables[FARADAIC]
        zero = pybamm.zeros_like(a_j)
        variables.update(
            {
                TOTAL: a_j,
                "Positive electrode volumetric double-layer current density [A.m-3]": zero,
                "Total lithium in cathode double layer [mol]": pybamm.Scalar(0),
            }
        )
        return variables
