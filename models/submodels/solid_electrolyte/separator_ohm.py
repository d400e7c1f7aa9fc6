"""Ohmic single-ion conduction in the dense solid-electrolyte separator."""

import pybamm

from .effective_conductivity import effective_ionic_conductivity

GRAIN_DROP = "Separator grain ohmic overpotential [V]"
BOUNDARY_DROP = "Separator grain-boundary overpotential [V]"


class SeparatorOhm(pybamm.BaseSubModel):
    r"""Single-ion (t+ = 1) ohmic conduction through the SE separator.

    A single-ion conductor carries Li+ through a fixed anion lattice: the Li+
    concentration is uniform and there is no diffusion equation and no
    concentration overpotential. Charge conservation with no reaction in the
    separator makes the current uniform, so the potential is linear and is
    written in closed form (no states):

    .. math::
        i_e &= -\kappa_{s,eff}\,\frac{\partial \phi_e}{\partial x} = i,
        \qquad \frac{\partial i_e}{\partial x} = 0\\
        \Delta\phi_{grains} &= \frac{i\,L_s}{\kappa_{s,eff}}, \qquad
        \Delta\phi_{sep} = \Delta\phi_{grains} + \Delta\phi_{gb}\\
        \phi_e(x) &= \phi_e(x_{Li|SE}) - \frac{\Delta\phi_{sep}\,(x - x_{Li|SE})}{L_s}\\
        \kappa_{s,eff} &= \kappa_{SE,s}(T)\,T_{SE,s}(\varepsilon_{SE,s})
            + \kappa_{b,s}(T)\,T_{b,s}(\varepsilon_{b,s})

    ``kappa_SE,s(T)`` is ``"Separator solid electrolyte conductivity [S.m-1]"``
    and ``T_SE,s`` the ``"Separator solid electrolyte transport efficiency"``
    (binder, template and voids lower it); the binder conducts in parallel
    (``"Separator binder conductivity [S.m-1]"``, zero for a blocking binder).
    ``Delta phi_gb`` is the grain boundaries' drop, ``"Separator grain-boundary
    overpotential [V]"`` (:mod:`.grain_boundaries`: zero unless the cell gives them).
    The ohmic drop across the separator is ``Delta phi_sep``, ``"Separator ohmic
    overpotential [V]"``.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "separator", options=options)

    def _grain_drop(self, variables, i, kappa_eff):
        """The grains' ohmic drop [V]: closed form here."""
        return i * self.param.s.L / kappa_eff

    def get_coupled_variables(self, variables):
        param = self.param
        i = variables["Current collector current density [A.m-2]"]
        T = variables["X-averaged separator temperature [K]"]
        phi_e_Li = variables["Lithium metal interface electrolyte potential [V]"]
        kappa_eff = effective_ionic_conductivity("Separator", T, variables)
        x_s = pybamm.standard_spatial_vars.x_s
        grains = self._grain_drop(variables, i, kappa_eff)
        delta_phi = grains + variables[BOUNDARY_DROP]
        # the Li|SE interface: the separator's left edge in PyBaMM's geometry, behind
        # the as-built anode layer ("Negative electrode thickness [m]")
        x_left = param.n.L
        phi_e_s = pybamm.PrimaryBroadcast(phi_e_Li, "separator") - pybamm.PrimaryBroadcast(
            delta_phi / param.s.L, "separator"
        ) * (x_s - x_left)
        variables.update(
            {
                "Separator electrolyte potential [V]": phi_e_s,
                "Separator electrolyte current density [A.m-2]": pybamm.PrimaryBroadcast(
                    kappa_eff * grains / param.s.L, "separator"
                ),
                "Separator effective ionic conductivity [S.m-1]": kappa_eff,
                "Separator ohmic overpotential [V]": delta_phi,
                GRAIN_DROP: grains,
                "Separator electrolyte potential at positive electrode [V]": phi_e_Li - delta_phi,
            }
        )
        return variables
