"""Charge stored at the CAM|SE contact: the cathode's double layer."""

import pybamm

TOTAL = "Positive electrode total volumetric interfacial current density [A.m-3]"
FARADAIC = "Positive electrode volumetric interfacial current density [A.m-3]"


class DoubleLayer(pybamm.BaseSubModel):
    r"""Double layer at the CAM|SE contact, in parallel with the charge transfer.

    The potential step across the contact, :math:`\Delta\phi = \phi_s - \phi_e`,
    is a state; the contact stores the charge :math:`C_{dl}\,\Delta\phi` per unit
    contact area, so the current the two networks exchange per unit volume is the
    Faradaic one plus the double layer's:

    .. math::
        a\,j_{tot} &= a\,j + a\,\theta\,C_{dl}\,\frac{\partial (\Delta\phi - \eta_f)}
            {\partial t}\\
        \phi_s - \phi_e - \Delta\phi &= 0\\
        \Delta\phi(0) &= U(c_{s,0}/c_{s,max}, T_0)

    ``eta_f`` is the drop across a capacitive film (a coating, see
    :class:`~asslb_sim.models.submodels.interface.ButlerVolmerFilm`; zero without one),
    so the double layer spans the charge transfer alone.
    ``C_dl`` is ``"Positive electrode double-layer capacity [F.m-2]"`` per unit
    of CAM|SE contact area, ``a`` the connected CAM's surface per volume and
    ``theta`` the contact coverage (``"Positive electrode active material contact
    coverage"``), so :math:`a\,\theta` is the contact area per volume. The
    conduction submodels take :math:`a\,j_{tot}`
    (``"Positive electrode total volumetric interfacial current density
    [A.m-3]"``) as their source and the particles :math:`a\,j`. The potentials
    stay the algebraic states of the conduction submodels; :math:`a\,j_{tot}` is
    an algebraic state closing :math:`\phi_s - \phi_e = \Delta\phi`, so with
    :math:`C_{dl} \to 0` the equations are those of :class:`~.no_double_layer.NoDoubleLayer` node
    for node. The cell starts at rest: :math:`\Delta\phi` equals the OCP of the
    uniform starting concentration (the Faradaic current is zero). The Li+ held
    at the contacts, :math:`-\int a\,\theta\,C_{dl}\,(\Delta\phi -
    \Delta\phi(0))\,dx\;A/F`, is ``"Total lithium in cathode double layer
    [mol]"``: with it, Li is conserved while the double layers charge.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "positive", options=options, phase="primary")

    def get_fundamental_variables(self):
        delta_phi = pybamm.Variable(
            "Positive electrode surface potential difference [V]",
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
            reference=self.param.ocv_init,
        )
        delta_phi.print_name = "delta_phi_p"
        a_j_tot = pybamm.Variable(
            TOTAL,
            domain="positive electrode",
            auxiliary_domains={"secondary": "current collector"},
            scale=self._current_scale(),
        )
        return {
            "Positive electrode surface potential difference [V]": delta_phi,
            "X-averaged positive electrode surface potential difference [V]": (
                pybamm.x_average(delta_phi)
            ),
            TOTAL: a_j_tot,
        }

    def _current_scale(self):
        """Typical volumetric current: 1 A.m-2 spread over the cathode [A.m-3]."""
        return 1 / pybamm.Parameter("Positive electrode thickness [m]")

    def _capacity_per_volume(self, variables):
        """Double-layer capacity per electrode volume, a theta C_dl [F.m-3]."""
        a = variables["Positive electrode surface area to volume ratio [m-1]"]
        theta = pybamm.Parameter("Positive electrode active material contact coverage")
        C_dl = pybamm.Parameter("Positive electrode double-layer capacity [F.m-2]")
        return a * theta * C_dl

    def _initial_step(self):
        """The OCP of the uniform starting concentration [V]."""
        c_0 = pybamm.Parameter("Initial concentration in positive electrode [mol.m-3]")
        return self.phase_param.U(c_0 / self.phase_param.c_max, self.param.T_init)

    def get_coupled_variables(self, variables):
        a_j = variables[FARADAIC]
        a_j_tot = variables[TOTAL]
        delta_phi = variables["Positive electrode surface potential difference [V]"]
        # the double layer spans the charge transfer, inside a capacitive film's drop
        inner = delta_phi - variables["Positive electrode film overpotential [V]"]
        # Li+ held at the contacts (relative to the start): -a theta C_dl (dphi - dphi_0) / F
        held = self._capacity_per_volume(variables) * (inner - self._initial_step())
        x = pybamm.standard_spatial_vars.x_p
        n_dl = -pybamm.Integral(held, x) * self.param.A_cc / self.param.F
        variables.update(
            {
                "Positive electrode volumetric double-layer current density [A.m-3]": (
                    a_j_tot - a_j
                ),
                "Total lithium in cathode double layer [mol]": n_dl,
            }
        )
        return variables

    def set_rhs(self, variables):
        delta_phi = variables["Positive electrode surface potential difference [V]"]
        a_j_dl = variables["Positive electrode volumetric double-layer current density [A.m-3]"]
        film_rate = variables["Positive electrode film overpotential rate [V.s-1]"]
        self.rhs = {delta_phi: a_j_dl / self._capacity_per_volume(variables) + film_rate}

    def set_algebraic(self, variables):
        delta_phi = variables["Positive electrode surface potential difference [V]"]
        a_j_tot = variables[TOTAL]
        phi_s = variables["Positive electrode potential [V]"]
        phi_e = variables["Positive electrolyte potential [V]"]
        self.algebraic = {a_j_tot: phi_s - phi_e - delta_phi}

    def set_initial_conditions(self, variables):
        delta_phi = variables["Positive electrode surface potential difference [V]"]
        a_j_tot = variables[TOTAL]
        self.initial_conditions = {
            delta_phi: pybamm.PrimaryBroadcast(self._initial_step(), "positive electrode"),
            a_j_tot: pybamm.Scalar(0),
        }
