"""Active material of which a fraction is isolated from the conducting networks."""

import pybamm


class PartiallyConnected(pybamm.active_material.BaseModel):
    r"""CAM volume fraction that takes part in the reaction.

    CAM particles cut off from the ionic or electronic network deliver no
    capacity. Only the connected fraction is active and carries surface area:

    .. math::
        \varepsilon_{AM,active} = \varepsilon_{AM}\,(1 - f_{iso}), \qquad
        a = \frac{3\,\varepsilon_{AM,active}}{R_p}

    ``eps_AM`` is ``"Positive electrode active material volume fraction"`` (all
    CAM, as in PyBaMM), ``f_iso`` is ``"Positive electrode isolated active
    material fraction"``. The partial CAM|SE contact (coverage theta) is a
    property of the interface and lives in the kinetics, not here. The standard
    PyBaMM variables built from the active fraction (surface area to volume
    ratio, electrode capacity, particle radius) follow.
    """

    def __init__(self, param, options):
        super().__init__(param, "positive", options, phase="primary")

    def get_fundamental_variables(self):
        eps_am = self.phase_param.epsilon_s
        f_iso = pybamm.Parameter("Positive electrode isolated active material fraction")
        eps_active = eps_am * (1 - f_iso)
        variables = self._get_standard_active_material_variables(eps_active)
        variables.update(
            self._get_standard_active_material_change_variables(
                pybamm.FullBroadcast(0, "positive electrode", "current collector")
            )
        )
        variables["Positive electrode isolated active material volume fraction"] = eps_am * f_iso
        return variables
