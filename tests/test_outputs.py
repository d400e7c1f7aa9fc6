"""What the commands print and draw (issue #15): no NaN columns, no mid-word cuts, units,
and a clear word instead of an empty plot."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cli import main
from asslb_sim.cli.fit import interval_text
from asslb_sim.fitting import FitParameter, FitResult
from asslb_sim.plotting import plot_fit, title_text

DIFFUSIVITY = "Positive particle diffusivity at reference temperature [m2.s-1]"


def test_interval_wider_than_the_bounds_is_not_determined():
    p = FitParameter(DIFFUSIVITY, 1e-16, 1e-13)
    assert interval_text({"95% CI low": 1e-95, "95% CI high": 3e95}, p) == "not determined"
    assert interval_text({"95% CI low": 1e-15, "95% CI high": 2e-15}, p) == "1e-15 .. 2e-15"
    assert interval_text({"95% CI low": np.nan, "95% CI high": 1.0}, p) == "not determined"
    linear = FitParameter("x", -1.0, 1.0)
    assert interval_text({"95% CI low": -0.5, "95% CI high": 0.5}, linear) == "-0.5 .. 0.5"
    assert interval_text({"95% CI low": -3.0, "95% CI high": 3.0}, linear) == "not determined"


def test_titles_are_shortened_at_word_boundaries():
    name = "Positive electrode solid electrolyte conductivity at reference temperature"
    short = title_text(name, 40)
    assert len(short) <= 40 and short.endswith(" ...")
    assert name.startswith(short[: -len(" ...")] + " ")  # whole words only
    assert title_text("x" * 5000, 50) == "..."  # one word longer than the width


def rate_table_fit():
    """A fit result of a rate table alone (no curves), as the Lee 2020 example gives."""
    rates = pd.DataFrame(
        {
            "C-rate": [0.2, 0.5, 1.0, 2.0],
            "Capacity retention [%]": [100.0, 95.0, 93.0, 85.0],
            "Model capacity retention [%]": [100.0, 94.0, 88.0, 70.0],
        }
    )
    parameters = pd.DataFrame(
        [(DIFFUSIVITY, 4e-15, 8e-14, 1e-95, 3e95, "log")],
        columns=["Parameter", "Initial", "Fitted", "95% CI low", "95% CI high", "Scale"],
    )
    return FitResult(
        parameters=parameters,
        correlation=pd.DataFrame(),
        warnings=[],
        rmse=pd.DataFrame(),
        cell=None,
        evaluations=1,
        comparison=pd.DataFrame(),
        success=True,
        message="",
        capacity="Capacity retention [%]",
        rates=rates,
    )


def test_fit_overlay_of_a_rate_table_is_not_blank():
    fig = plot_fit(rate_table_fit())
    (ax,) = fig.axes
    lines = ax.get_lines()
    assert len(lines) == 2  # the data and the fitted model
    assert list(lines[1].get_ydata()) == [100.0, 94.0, 88.0, 70.0]
    assert ax.get_ylabel() == "Capacity retention [%]"
    title = fig.get_suptitle()
    assert "Positive particle diffusivity at reference temperature: 8e-14" in title


def test_materials_have_units_and_readable_rows(capsys):
    assert main(["materials"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Unit" in lines[0].split()
    assert re.search(r"density\s+1865\s+kg\.m-3", "\n".join(lines))
    # the widest kind, material and property names plus a 60-character source
    assert max(len(line) for line in lines) <= 170
    assert main(["materials", "--full-sources"]) == 0
    assert max(len(line) for line in capsys.readouterr().out.splitlines()) > 170


@pytest.mark.slow
def test_a_rate_test_with_no_curve_says_so_without_an_empty_plot(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "discharge_curves.png").write_bytes(b"an earlier run's plot")
    assert main(["rate-capability", "--c-rates", "100", "--out", str(out), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "no C-rate gave a discharge curve" in captured.out
    assert "replacing earlier outputs" in captured.out
    assert "warning" not in captured.err
    assert not (out / "discharge_curves.png").exists()
    summary = pd.read_csv(out / "summary.csv")
    # below its cut-off from the start: no energy delivered, 0 Wh/kg (as in a study's row)
    assert summary["Specific energy [W.h.kg-1]"].iloc[0] == 0.0
    assert summary["Status"].iloc[0] == "failed"
    assert len(summary["Message"].iloc[0]) < 240


@pytest.mark.slow
def test_asr_explains_pulse_against_breakdown(tmp_path, capsys):
    assert main(["asr", "--out", str(tmp_path), "--duration", "2"]) == 0
    out = capsys.readouterr().out
    assert "is the fall of the open-circuit voltage as the pulse's charge is drawn" in out


def study_rows(thicknesses, loadings):
    """Rows of a grid study as run_study writes them (the columns a map reads)."""
    rows = [
        {
            "separator.thickness_um": t,
            "cathode.loading_mg_cm2": m,
            "C-rate": 1.0,
            "Status": "ok",
            "Energy level": "stack",
            "Specific energy [W.h.kg-1]": 400.0 - t + m,
            "Energy density [W.h.L-1]": 900.0 - 2 * t + m,
        }
        for t in thicknesses
        for m in loadings
    ]
    return pd.DataFrame(rows)


def test_study_map_has_readable_labels_and_the_energy_level():
    from asslb_sim.plotting import plot_study_map, study_key_label

    assert study_key_label("separator.thickness_um") == "Separator thickness [um]"
    assert study_key_label("operation.temperature_C") == "Ambient temperature [C]"
    assert study_key_label("parameters.Foo [m]") == "Foo [m]"
    fig = plot_study_map(
        study_rows([20, 40, 60], [10, 20]), "separator.thickness_um", "cathode.loading_mg_cm2"
    )
    maps = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_xlabel() for ax in maps] == ["Separator thickness [um]"] * 2
    assert maps[0].get_ylabel() == "Positive electrode active material loading [mg/cm2]"
    assert maps[0].get_title() == "Specific energy at 1C, stack level"
    with pytest.raises(ValueError, match=r"'separator\.thickness_um' has 1 value"):
        plot_study_map(
            study_rows([20], [10, 20]), "separator.thickness_um", "cathode.loading_mg_cm2"
        )
