"""CAM|SE charge-transfer laws, and the charge stored at the contacts."""

from .base_solid_kinetics import BaseSolidKinetics
from .butler_volmer import ButlerVolmer
from .butler_volmer_capacitive_film import ButlerVolmerCapacitiveFilm
from .butler_volmer_film import ButlerVolmerFilm
from .double_layer import DoubleLayer
from .no_double_layer import NoDoubleLayer

__all__ = [
    "BaseSolidKinetics",
    "ButlerVolmer",
    "ButlerVolmerCapacitiveFilm",
    "ButlerVolmerFilm",
    "DoubleLayer",
    "NoDoubleLayer",
]
