"""Fitting a transport law to measured effective conductivities (API and CLI)."""

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cli import main
from asslb_sim.design import CellState, from_dict
from asslb_sim.errors import CellDefinitionError
from asslb_sim.fitting.conductivity import fit_conductivity_law
from asslb_sim.simulation import Case, Runner

VOID = 0.14


def synthetic(threshold=0.12, exponent=2.3, bulk=1.6, noise=0.0, seed=0):
    cam = np.array([0.25, 0.32, 0.40, 0.48, 0.55, 0.61])
    se = 1 - cam - VOID
    sigma = bulk * ((se - threshold) / (1 - threshold)) ** exponent
    rng = np.random.default_rng(seed)
    sigma = sigma * 10 ** (noise * rng.standard_normal(len(cam)))
    return pd.DataFrame(
        {"cam_volume_fraction": cam, "void_volume_fraction": VOID, "sigma_mS_cm": sigma}
    )


def test_recovers_known_coefficients():
    fit = fit_conductivity_law(synthetic(), bulk_mS_cm=1.6)
    # noise-free data: the optimiser's tolerance, not the data, limits the recovery
    assert fit.value("percolation threshold") == pytest.approx(0.12, abs=1e-4)
    assert fit.value("percolation exponent") == pytest.approx(2.3, rel=1e-3)
    assert fit.max_factor == pytest.approx(1.0, abs=1e-3)


def test_intervals_cover_the_truth_with_noise():
    fit = fit_conductivity_law(synthetic(noise=0.02, seed=3), bulk_mS_cm=1.6)
    row = fit.coefficients.set_index("Coefficient")
    for name, truth in (("percolation threshold", 0.12), ("percolation exponent", 2.3)):
        low, high = row.loc[name, "95% CI low"], row.loc[name, "95% CI high"]
        # 5 % noise (0.02 decades) on six points: finite intervals that contain the truth
        # (over seeds the exponent's is 0.2-0.6 wide, the threshold's 0.03-0.09)
        assert low < truth < high, (name, low, high)
        assert high - low < 1.0


def test_bulk_fitted_when_not_given_and_bruggeman():
    data = synthetic(threshold=0.0, exponent=1.8, bulk=2.0)
    fit = fit_conductivity_law(data, law="Bruggeman")
    assert fit.value("Bruggeman exponent") == pytest.approx(1.8, rel=1e-3)
    assert fit.bulk_mS_cm == pytest.approx(2.0, rel=1e-3)


def test_fitted_law_reaches_the_model():
    """The cell-file entries of a fit make the model's effective ionic conductivity the
    fitted law's value at the cell's composition (to solver precision)."""
    fit = fit_conductivity_law(synthetic(), bulk_mS_cm=1.6)
    entries = fit.cell_file_entries()
    cathode = {
        "active_material": "NMC622",
        "solid_electrolyte": "Li6PS5Cl",
        "carbon": "none",
        "binder": "none",
        "active_material_volume_fraction": 0.45,
        "solid_electrolyte_volume_fraction": 0.41,
        "void_volume_fraction": VOID,
        "thickness_um": 60,
        **entries["cathode"],
    }
    cell = from_dict({**entries, "cathode": cathode})
    (outcome,) = Runner().solve([Case(cell, CellState(0.6, 1e-4), 0.0, 1.0, kind="hold")])
    assert outcome.ok, outcome.message
    model = float(
        np.asarray(
            outcome.solution["Positive electrode effective ionic conductivity [S.m-1]"].entries
        ).reshape(-1)[0]
    )
    assert model * 10 == pytest.approx(float(fit.predict(0.41)), rel=1e-6)  # S/m -> mS/cm


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (pd.DataFrame({"sigma_mS_cm": [1, 2, 3]}), "cam_volume_fraction"),
        (
            pd.DataFrame({"cam_volume_fraction": [0.3, 0.4, 0.5], "sigma_mS_cm": [1, 2, 3]}),
            "void_volume_fraction",
        ),
        (synthetic().head(2), "cannot determine"),
        (synthetic().assign(sigma_mS_cm=-1.0), "above 0"),
    ],
)
def test_bad_tables_rejected(data, words):
    with pytest.raises(CellDefinitionError, match=words):
        fit_conductivity_law(data, bulk_mS_cm=None)


def test_cli_writes_the_fit(tmp_path, capsys):
    path = tmp_path / "sigma.csv"
    synthetic().to_csv(path, index=False)
    out = tmp_path / "fit"
    assert main(["fit-conductivity", str(path), "--bulk-mS-cm", "1.6", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "percolation threshold" in text and "[parameters]" in text
    for name in ("coefficients.csv", "residuals.csv", "fit.png", "cell-file.toml"):
        assert (out / name).stat().st_size > 0
    assert "replacing" not in text
    assert main(["fit-conductivity", str(path), "--bulk-mS-cm", "1.6", "--out", str(out)]) == 0
    assert "(replacing earlier outputs in that folder)" in capsys.readouterr().out
    assert main(["fit-conductivity", str(tmp_path / "missing.csv")]) == 2
