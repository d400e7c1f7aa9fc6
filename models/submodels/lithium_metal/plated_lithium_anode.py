"""Anode-free anode: Li plated on a bare collector or an interlayer."""

import pybamm

from .lithium_metal_anode import LithiumMetalAnode


class PlatedLithiumAnode(LithiumMetalAnode):
    r"""Li plated onto the collector (or an interlayer such as Ag-C), then stripped.

    The cell is built discharged: no Li on the anode side, :math:`L_{Li}(0) = 0`
    (``"Lithium counter electrode thickness [m]"``, which may be set to start from a
    charged state, with ``"Initial inactive lithium thickness [m]"``).
    The first charge loses a fixed amount of Li into the interlayer, ``L_irr``
    (``"Interlayer first-charge lithium loss [m]"``, as Li metal: Ag-C lithiation
    that does not come back), before any Li plates; every charge then plates Li
    with a Coulombic efficiency ``CE`` (``"Lithium plating Coulombic
    efficiency"``), the fraction ``1 - CE`` forming inactive Li (SEI, dead Li).
    Both are tracked as ``"Inactive lithium thickness [m]"``. Discharging strips
    the active Li (the law of :class:`LithiumMetalAnode`, with the loss fraction
    ``f`` raised to 1 during the first-charge loss; ``i`` is the Faradaic current:
    the applied one, less the double layer's with the ``"surface form"`` option):

    .. math::
        f &= 1 - CE + CE\,s, \qquad
        s = \min\left(\max\left(\frac{L_{irr} - L_{inactive}}{\delta}, 0\right),
            1\right), \quad \delta = 10^{-3} L_{irr} + 10^{-12}\,\mathrm{m}\\
        \frac{dL_{Li}}{dt} &= -\frac{i}{F c_{Li}}\,
            \left((1 - f)\,H(-i) + H(i)\right), \qquad
        \frac{dL_{inactive}}{dt} = f\,\frac{\max(-i, 0)}{F c_{Li}}\\
        \eta_{int} &= i\,(R_{int,Li} + R_{interlayer})

    with :math:`H` the Heaviside step: the whole charge goes to the interlayer's loss
    until it holds ``L_irr`` (a ramp of width ``delta``, 1e-3 of it), then the
    fraction ``1 - CE``. A cell that starts with ``L_inactive >= L_irr`` (after its
    formation) loses ``1 - CE`` only. Kinetics and the interphase are those of
    :class:`LithiumMetalAnode`; the interlayer's interface resistance
    (``"Interlayer interface resistance [Ohm.m2]"``, 0 for a bare collector) is
    in series. Li + inactive Li + CAM Li is conserved.

    The active Li :math:`L_{Li}` is first stored reversibly in the interlayer (Ag-C
    lithiates at a sloping potential) and only beyond its capacity ``Q``
    (``"Interlayer lithium capacity [m]"``) plated as Li metal: the anode side's
    potential vs Li is ``U_ce(L_Li)`` (``"Counter electrode potential vs Li [V]"``,
    e.g. :func:`asslb_sim.parameter_sets.laws.interlayer_potential`), falling to 0 as
    the interlayer fills. A charge therefore lithiates the interlayer, then plates;
    a discharge strips the plated Li first (at 0 V), then delithiates the
    interlayer (the potential rising). The plating efficiency ``CE`` applies to
    both (its 0.2 % on the interlayer's Li is within the data's resolution).
    """

    def _series_resistance(self):
        return super()._series_resistance() + pybamm.Parameter(
            "Interlayer interface resistance [Ohm.m2]"
        )

    def _loss_fraction(self, L_dead):
        """The fraction of a charge current that forms inactive Li: all of it while
        the interlayer takes its first-charge loss, then 1 - CE."""
        ce = self._efficiency()
        L_irr = pybamm.Parameter("Interlayer first-charge lithium loss [m]")
        width = 1e-3 * L_irr + 1e-12
        s = pybamm.minimum(pybamm.maximum((L_irr - pybamm.yz_average(L_dead)) / width, 0), 1)
        return 1 - ce + ce * s
