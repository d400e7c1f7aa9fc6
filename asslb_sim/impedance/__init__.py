"""Impedance of the composite cathode: measured spectra and the transmission-line model.

:mod:`.spectra` reads and validates measured spectra (CSV with units in the header,
BioLogic files through galvani), :mod:`.transmission_line` is the analytic impedance
of a composite layer between blocking electrodes, :mod:`.extraction` fits it to a
spectrum for the effective ionic and electronic conductivities, :mod:`.report` writes
the results and the rows ``asslb-sim fit-conductivity`` reads. Nothing here imports
PyBaMM (reading BioLogic files goes through :mod:`asslb_sim.fitting.cycler`, which
does).
"""

from .extraction import ExtractionResult, FitOptions, extract_conductivities
from .spectra import SpectrumError, read_spectrum, spectrum
from .transmission_line import SeriesElements, TransmissionLine

__all__ = [
    "ExtractionResult",
    "FitOptions",
    "SeriesElements",
    "SpectrumError",
    "TransmissionLine",
    "extract_conductivities",
    "read_spectrum",
    "spectrum",
]
