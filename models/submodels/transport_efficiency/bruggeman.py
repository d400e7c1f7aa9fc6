"""Bruggeman transport-efficiency law with a free exponent."""

from .base_transport_efficiency import BaseTransportEfficiency


class Bruggeman(BaseTransportEfficiency):
    r"""Bruggeman law with any exponent.

    .. math::
        T(\varepsilon) = \varepsilon^{b}

    ``b`` is ``"<Layer> <phase> Bruggeman exponent"``. The classical value for
    spheres is 1.5; fits to sulfide composite cathodes give 2.2-3.7 for the
    solid-electrolyte phase (Bielefeld et al., ACS AMI 12, 12821 (2020);
    Stavola et al., ACS Energy Lett. 8, 1273 (2023)).
    """

    def _efficiency(self, eps):
        return eps ** self._parameter("Bruggeman exponent")
