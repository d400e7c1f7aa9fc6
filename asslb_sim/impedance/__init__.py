"""Impedance: spectra of designed cells, measured spectra, and the transmission line.

:mod:`.cell_spectrum` simulates the spectrum of a designed cell from its double layers
(through the simulation seam) and names the processes behind its arcs;
:mod:`.spectra` reads and validates measured spectra (CSV with units in the header,
BioLogic files through galvani); :mod:`.transmission_line` is the analytic impedance
of a composite layer between blocking electrodes (and the two-rail line of a cell's
cathode); :mod:`.extraction` fits it to a spectrum for the effective ionic and
electronic conductivities; :mod:`.report` writes the results and the rows
``asslb-sim fit-conductivity`` reads. Only :mod:`.cell_spectrum` (and reading BioLogic
files, through :mod:`asslb_sim.fitting.cycler`) imports PyBaMM, when it simulates.
"""

from .cell_spectrum import (
    BLOCKING_CONFIGURATIONS,
    DEFAULT_FREQUENCIES,
    SPECTRUM_COLUMNS,
    ImpedanceResult,
    blocking_spectrum,
    circuit_elements,
    equivalent_circuit_impedance,
    frequencies_from,
    impedance_spectrum,
    process_table,
)
from .extraction import ExtractionResult, FitOptions, extract_conductivities
from .spectra import SpectrumError, read_spectrum, spectrum
from .transmission_line import SeriesElements, TransmissionLine, layer_impedance

__all__ = [
    "BLOCKING_CONFIGURATIONS",
    "DEFAULT_FREQUENCIES",
    "SPECTRUM_COLUMNS",
    "ExtractionResult",
    "FitOptions",
    "ImpedanceResult",
    "SeriesElements",
    "SpectrumError",
    "TransmissionLine",
    "blocking_spectrum",
    "circuit_elements",
    "equivalent_circuit_impedance",
    "extract_conductivities",
    "frequencies_from",
    "impedance_spectrum",
    "layer_impedance",
    "process_table",
    "read_spectrum",
    "spectrum",
]
