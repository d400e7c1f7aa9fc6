"""Percolation transport-efficiency law with a threshold and a floor."""

import pybamm

from .base_transport_efficiency import BaseTransportEfficiency


class Percolation(BaseTransportEfficiency):
    r"""Percolation law above a threshold, a small floor below it.

    .. math::
        T(\varepsilon) = \max\left(
            \left(\frac{\max(\varepsilon - \varepsilon_c, 0)}{1 - \varepsilon_c}
            \right)^{\mu},\ T_{floor}\right)

    with ``eps_c`` the ``"<Layer> <phase> percolation threshold"``, ``mu`` the
    ``"<Layer> <phase> percolation exponent"`` (about 2 in three dimensions) and
    ``T_floor`` the ``"<Layer> <phase> percolation floor"``, which keeps the
    effective conductivity finite (never exactly 0) below the threshold.
    For CAM-only electronic conduction the threshold is 45-58 vol%, depending
    on particle size (Bielefeld et al., J. Phys. Chem. C 123, 1626 (2019)).
    """

    def _efficiency(self, eps):
        eps_c = self._parameter("percolation threshold")
        mu = self._parameter("percolation exponent")
        floor = self._parameter("percolation floor")
        excess = pybamm.maximum(eps - eps_c, 0) / (1 - eps_c)
        return pybamm.maximum(excess**mu, floor)
