"""Transport-efficiency laws T(eps), one per class, one instance per phase."""

from .base_transport_efficiency import PHASES, BaseTransportEfficiency
from .bruggeman import Bruggeman
from .measured import Measured
from .percolation import Percolation
from .tortuosity_factor import TortuosityFactor

LAWS = {
    "Bruggeman": Bruggeman,
    "tortuosity factor": TortuosityFactor,
    "percolation": Percolation,
    "measured": Measured,
}

__all__ = [
    "LAWS",
    "PHASES",
    "BaseTransportEfficiency",
    "Bruggeman",
    "Measured",
    "Percolation",
    "TortuosityFactor",
]
