"""Transport efficiency from a measured effective conductivity."""

from .base_transport_efficiency import BaseTransportEfficiency


class Measured(BaseTransportEfficiency):
    r"""A measured transport efficiency, whatever the volume fraction.

    .. math::
        T = \frac{\sigma_{eff,measured}}{\sigma_{bulk}}

    ``T`` is ``"<Layer> <phase> measured transport efficiency"``: the effective
    conductivity of the composite measured by the user (for example from a
    blocking-electrode impedance spectrum and a transmission-line model), divided by
    the bulk conductivity of the phase at the same temperature. The phase's own
    laws of temperature and lithiation still apply to the bulk conductivity.
    """

    def _efficiency(self, eps):
        return self._parameter("measured transport efficiency")
