"""Ohmic single-ion conduction in the dense solid-electrolyte separator."""

import pybamm

from .effective_conductivity import effective_ionic_conductivity

VACUUM_PERMITTIVITY = 8.8541878128e-12  # F/m (CODATA 2018)
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
        \phi_e(x) &= \phi_e(x_{Li|SE}) - \frac{i\,(x - x_{Li|SE})}{\kappa_{s,eff}}\\
        \kappa_{s,eff} &= \kappa_{SE,s}(T)\,T_{SE,s}(\varepsilon_{SE,s})
            + \kappa_{b,s}(T)\,T_{b,s}(\varepsilon_{b,s})

    ``kappa_SE,s(T)`` is ``"Separator solid electrolyte conductivity [S.m-1]"``
    and ``T_SE,s`` the ``"Separator solid electrolyte transport efficiency"``
    (binder, template and voids lower it); the binder conducts in parallel
    (``"Separator binder conductivity [S.m-1]"``, zero for a blocking binder).
    The ohmic drop across the separator is :math:`i L_s / \kappa_{s,eff}`.

    With the model option ``"surface form"`` set to ``"differential"``, the
    separator is also a capacitor (its geometric capacitance, the dielectric
    between the Li and the composite) in parallel with its ionic resistance, and
    the drop :math:`\Delta\phi_{sep}` becomes a state:

    .. math::
        C_g\,\frac{d\Delta\phi_{sep}}{dt} = i - \frac{\kappa_{s,eff}\,
        \Delta\phi_{sep}}{L_s}, \qquad C_g = \frac{\varepsilon_0\,
        \varepsilon_r}{L_s}, \qquad \Delta\phi_{sep}(0) = 0

    with :math:`\varepsilon_r` the ``"Separator solid electrolyte relative
    permittivity"``. The ionic current :math:`\kappa_{s,eff}\Delta\phi_{sep}/L_s`
    flows through the SE; the displacement current joins it at the composite
    (the bulk element :math:`R_b \parallel C_g` of an SE in series with the rest:
    its time constant :math:`\varepsilon_0\varepsilon_r/\kappa` is about 1e-8 s for
    a sulfide, so it shows in spectra only above about 1 MHz).

    With ``grain_boundaries`` (the cell model's option ``grain_boundaries =
    "separator"``) the SE's grain boundaries are
    an element of their own in series (the conductivity then stands for the grains):
    a resistance :math:`R_{gb}` (``"Separator grain-boundary resistance [Ohm.m2]"``),
    its drop :math:`i R_{gb}`; with the surface form a state, with the capacitance
    of the boundaries (an apparent permittivity :math:`\varepsilon_{gb}`,
    ``"Separator grain-boundary relative permittivity"``) in parallel:

    .. math::
        C_{gb}\,\frac{d\Delta\phi_{gb}}{dt} = i - \frac{\Delta\phi_{gb}}{R_{gb}},
        \qquad C_{gb} = \frac{\varepsilon_0\,\varepsilon_{gb}}{L_s}, \qquad
        \Delta\phi_{gb}(0) = 0

    ``"Separator ohmic overpotential [V]"`` is then the grains' drop plus the
    boundaries'.
    """

    def __init__(self, param, options=None, grain_boundaries=False):
        super().__init__(param, "separator", options=options)
        self.grain_boundaries = grain_boundaries

    def _geometric_capacitance(self):
        return self.options["surface form"] == "differential"

    def _grain_boundaries(self):
        return self.grain_boundaries

    def get_fundamental_variables(self):
        if not self._geometric_capacitance():
            return {}
        variables = {}
        for name in GRAIN_DROP, BOUNDARY_DROP:
            if name == BOUNDARY_DROP and not self._grain_boundaries():
                continue
            variables[name] = pybamm.Variable(name, domain="current collector")
        return variables

    def get_coupled_variables(self, variables):
        param = self.param
        i = variables["Current collector current density [A.m-2]"]
        T = variables["X-averaged separator temperature [K]"]
        phi_e_Li = variables["Lithium metal interface electrolyte potential [V]"]
        kappa_eff = effective_ionic_conductivity("Separator", T, variables)
        x_s = pybamm.standard_spatial_vars.x_s
        if self._geometric_capacitance():
            grains = variables[GRAIN_DROP]
        else:
            grains = i * param.s.L / kappa_eff
        i_ion = kappa_eff * grains / param.s.L
        if not self._grain_boundaries():
            boundaries = pybamm.Scalar(0)
        elif self._geometric_capacitance():
            boundaries = variables[BOUNDARY_DROP]
        else:
            boundaries = i * pybamm.Parameter("Separator grain-boundary resistance [Ohm.m2]")
        delta_phi = grains + boundaries
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
                    i_ion, "separator"
                ),
                "Separator effective ionic conductivity [S.m-1]": kappa_eff,
                "Separator ohmic overpotential [V]": delta_phi,
                GRAIN_DROP: grains,
                BOUNDARY_DROP: boundaries,
                "Separator electrolyte potential at positive electrode [V]": phi_e_Li - delta_phi,
            }
        )
        return variables

    def set_rhs(self, variables):
        if not self._geometric_capacitance():
            return
        drop = variables[GRAIN_DROP]
        i = variables["Current collector current density [A.m-2]"]
        kappa_eff = variables["Separator effective ionic conductivity [S.m-1]"]
        L_s = self.param.s.L
        eps_r = pybamm.Parameter("Separator solid electrolyte relative permittivity")
        C_g = VACUUM_PERMITTIVITY * eps_r / L_s
        self.rhs = {drop: (i - kappa_eff * drop / L_s) / C_g}
        if self._grain_boundaries():
            gb = variables[BOUNDARY_DROP]
            R_gb = pybamm.Parameter("Separator grain-boundary resistance [Ohm.m2]")
            eps_gb = pybamm.Parameter("Separator grain-boundary relative permittivity")
            self.rhs[gb] = (i - gb / R_gb) / (VACUUM_PERMITTIVITY * eps_gb / L_s)

    def set_initial_conditions(self, variables):
        if self._geometric_capacitance():
            self.initial_conditions = {variables[GRAIN_DROP]: pybamm.Scalar(0)}
            if self._grain_boundaries():
                self.initial_conditions[variables[BOUNDARY_DROP]] = pybamm.Scalar(0)
