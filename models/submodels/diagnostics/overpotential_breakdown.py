"""Reaction-weighted breakdown of the cell overvoltage into its processes."""

import pybamm

from ..interface.double_layer import TOTAL


class OverpotentialBreakdown(pybamm.BaseSubModel):
    r"""Split ``U(x_avg) - U_ce - V`` into the losses of each process.

    With the reaction distribution :math:`w(x) = -a j(x) / i` (``a j`` the total
    interfacial current, Faradaic plus double layer), which integrates to 1 over
    the cathode because the electronic current enters only at the collector, the
    cell voltage telescopes into

    .. math::
        V = \bar U_w + \bar\eta_{r,w} + \bar\eta_{f,w}
            - \int w\,(\phi_s - \phi_s(L))\,dx
            - \int w\,(\phi_e(L_s) - \phi_e)\,dx
            - \Delta\phi_{sep} - U_{ce} - \eta_{Li} - \eta_{int}

    where the bars are ``w``-weighted averages over the cathode, ``Delta phi_sep``
    the separator drop, ``U_ce`` the counter electrode's potential vs Li (0 for Li
    metal) and ``eta_Li``, ``eta_int`` the Li-side overpotentials.
    The total overvoltage against the relaxed open-circuit voltage
    :math:`U(\bar x) - U_{ce}` (the OCP at the mean stoichiometry of the connected
    CAM, against the counter electrode) is therefore the sum of

    - separator ohmic: :math:`\Delta\phi_{sep}`,
    - cathode ionic: :math:`\int w\,(\phi_e(L_s) - \phi_e)\,dx`,
    - cathode electronic: :math:`\int w\,(\phi_s - \phi_s(L))\,dx`,
    - cathode charge transfer: :math:`-\bar\eta_{r,w}`,
    - cathode film: :math:`-\bar\eta_{f,w}`,
    - Li interface kinetics :math:`\eta_{Li}` and Li interphase :math:`\eta_{int}`,
    - the remainder :math:`U(\bar x) - \bar U_w`: solid diffusion and the
      spread of the OCP across the electrode.

    The identity holds for the discrete equations; the computed parts add up to
    the total to the solver's tolerance on the algebraic potentials (measured,
    default cell at 1C: within 1.4e-4 V of 0.59 V near the end of discharge at
    rtol 1e-6, 7e-6 V at rtol 1e-8).

    Each part is positive when it costs voltage on discharge; divided by the
    current density it is an areal resistance. At zero current the weights are
    undefined: every part but the last is zero, and the last is :math:`U(\bar x) - V`,
    the relaxing solid-state gradients.
    """

    def __init__(self, param, options=None):
        super().__init__(param, "positive", options=options, phase="primary")

    def get_coupled_variables(self, variables):
        i = variables["Current collector current density [A.m-2]"]
        a_j = variables[TOTAL]
        # at rest (|i| below 1 uA/m2) the weights are undefined: divide by a floor
        # with the sign of i instead, and switch the weighted parts off (``on``)
        # (symbolic comparisons: Python's == on a PyBaMM symbol is not one)
        tiny = 1e-6
        on = pybamm.AbsoluteValue(i) > tiny
        sign = 2 * (i >= 0) - 1
        i_safe = pybamm.maximum(pybamm.AbsoluteValue(i), tiny) * sign
        w = -a_j / pybamm.PrimaryBroadcast(i_safe, "positive electrode")
        x = pybamm.standard_spatial_vars.x_p

        def weighted(f):
            return pybamm.Integral(w * f, x)

        phi_s = variables["Positive electrode potential [V]"]
        phi_e = variables["Positive electrolyte potential [V]"]
        phi_s_cc = variables["Positive current collector potential [V]"]
        phi_e_sep = variables["Separator electrolyte potential at positive electrode [V]"]
        U = variables["Positive electrode open-circuit potential [V]"]
        eta_r = variables["Positive electrode reaction overpotential [V]"]
        eta_f = variables["Positive electrode film overpotential [V]"]
        T = variables["X-averaged positive electrode temperature [K]"]
        x_avg = variables["Average positive particle stoichiometry"]
        U_relaxed = self.phase_param.U(x_avg, T)
        U_ce = variables["Counter electrode potential vs Li [V]"]
        V = variables["Voltage [V]"]
        parts = {
            "Separator ohmic overvoltage [V]": variables["Separator ohmic overpotential [V]"],
            "Cathode ionic overvoltage [V]": on
            * weighted(pybamm.PrimaryBroadcast(phi_e_sep, "positive electrode") - phi_e),
            "Cathode electronic overvoltage [V]": on
            * weighted(phi_s - pybamm.PrimaryBroadcast(phi_s_cc, "positive electrode")),
            "Cathode charge-transfer overvoltage [V]": on * (-weighted(eta_r)),
            "Cathode film overvoltage [V]": on * (-weighted(eta_f)),
            "Lithium metal interface kinetic overvoltage [V]": variables[
                "Lithium metal interface reaction overpotential [V]"
            ],
            "Lithium metal interphase overvoltage [V]": variables[
                "Lithium metal interphase overpotential [V]"
            ],
            # at rest the weights are undefined: the whole U(x_avg) - V (relaxation
            # of the solid-state gradients) is this part, so the parts still add up
            "Cathode solid diffusion and OCP spread overvoltage [V]": on * (U_relaxed - weighted(U))
            + (1 - on) * (U_relaxed - U_ce - V),
        }
        variables.update(parts)
        variables.update(
            {
                "Relaxed open-circuit voltage [V]": U_relaxed - U_ce,
                "Total overvoltage [V]": U_relaxed - U_ce - V,
                "Sum of overvoltage parts [V]": sum(parts.values()),
                "Cathode reaction weight integral": on
                * weighted(pybamm.PrimaryBroadcast(pybamm.Scalar(1), "positive electrode")),
            }
        )
        return variables
