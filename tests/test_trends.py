"""Physical trends of the rate capability."""

import numpy as np

from asslb_sim.simulate import rate_capability


def _capacity_2c(cell):
    return rate_capability(cell, [2.0]).summary["Discharge capacity [mA.h.cm-2]"].iloc[0]


def _specific_capacity_2c(cell):
    return rate_capability(cell, [2.0]).summary["Specific capacity [mA.h.g-1]"].iloc[0]


def test_2c_capacity_falls_with_cathode_thickness(default_cell):
    # per gram: a thicker cathode holds more CAM, so the comparison is per CAM mass
    values = [
        _specific_capacity_2c(
            default_cell.with_parameters(**{"Positive electrode thickness [m]": L * 1e-6})
        )
        for L in (80, 140, 200)
    ]
    assert np.all(np.diff(values) < 0), values


def test_2c_capacity_rises_with_se_conductivity(default_cell):
    name = "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]"
    values = [
        _capacity_2c(default_cell.with_parameters(**{name: kappa})) for kappa in (0.05, 0.18, 0.6)
    ]
    assert np.all(np.diff(values) > 0), values
