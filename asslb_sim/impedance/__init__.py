"""Impedance: spectra of designed cells simulated from their double layers."""

from .cell_spectrum import (
    DEFAULT_FREQUENCIES,
    SPECTRUM_COLUMNS,
    ImpedanceResult,
    circuit_elements,
    equivalent_circuit_impedance,
    frequencies_from,
    impedance_spectrum,
    process_table,
    transmission_line,
)

__all__ = [
    "DEFAULT_FREQUENCIES",
    "SPECTRUM_COLUMNS",
    "ImpedanceResult",
    "circuit_elements",
    "equivalent_circuit_impedance",
    "frequencies_from",
    "impedance_spectrum",
    "process_table",
    "transmission_line",
]
