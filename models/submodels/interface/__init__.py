"""CAM|SE charge-transfer laws."""

from .base_solid_kinetics import BaseSolidKinetics
from .butler_volmer import ButlerVolmer
from .butler_volmer_film import ButlerVolmerFilm

__all__ = ["BaseSolidKinetics", "ButlerVolmer", "ButlerVolmerFilm"]
