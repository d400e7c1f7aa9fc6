"""Tortuosity-factor transport-efficiency law."""

from .base_transport_efficiency import BaseTransportEfficiency


class TortuosityFactor(BaseTransportEfficiency):
    r"""Transport efficiency from a measured tortuosity factor.

    .. math::
        T(\varepsilon) = \frac{\varepsilon}{\tau}

    ``tau`` is ``"<Layer> <phase> tortuosity factor"`` (the tortuosity factor,
    i.e. what the ASSB literature often writes as tau^2, e.g. Minnmann et al.,
    J. Electrochem. Soc. 168, 040537 (2021)).
    """

    def _efficiency(self, eps):
        return eps / self._parameter("tortuosity factor")
