"""CAM|SE charge-transfer laws."""

from .base_solid_kinetics import BaseSolidKinetics
from .butler_volmer import ButlerVolmer
from .butler_volmer_film import ButlerVolmerFilm
from .double_layer import DoubleLayer, NoDoubleLayer

__all__ = [
    "BaseSolidKinetics",
    "ButlerVolmer",
    "ButlerVolmerFilm",
    "DoubleLayer",
    "NoDoubleLayer",
]
