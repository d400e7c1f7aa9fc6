"""``asslb-sim compare`` and the capacity plots of ``rate-capability``."""

import numpy as np
import pandas as pd
import pytest

from asslb_sim.cli import main
from asslb_sim.comparison import cell_labels
from asslb_sim.design import load_cell
from asslb_sim.errors import CellDefinitionError
from asslb_sim.plotting import plot_capacity_vs_rate, plot_discharge_curves
from asslb_sim.simulate import rate_capability

# the default cell's separator is 30 um; the second cell's three times as thick
THICK = "[separator]\nthickness_um = 90\n"


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare")
    thick = folder / "thick.toml"
    thick.write_text(THICK)
    out = folder / "out"
    args = ["compare", "default", str(thick), "--c-rates", "0.5,2", "--out", str(out)]
    code = main([*args, "--no-progress"])
    return code, out


def test_compare_writes_every_output(compared, capsys):
    code, out = compared
    assert code == 0
    for name in ("discharge_curves", "capacity_vs_rate", "energy_vs_rate", "asr_breakdown"):
        assert (out / f"{name}.png").stat().st_size > 10_000
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary["Cell"]) == ["default", "default", "thick", "thick"]
    assert list(summary["C-rate"]) == [0.5, 2.0, 0.5, 2.0]
    for column in (
        "Discharge capacity [mA.h.cm-2]",
        "Specific capacity [mA.h.g-1]",
        "Mean voltage [V]",
        "Discharge energy [W.h.m-2]",
        "Specific energy [W.h.kg-1]",
        "Separator ohmic [Ohm.cm2]",
        "ASR total [Ohm.cm2]",
    ):
        assert summary[column].notna().all(), column
    curves = pd.read_csv(out / "curves.csv")
    assert set(curves["Cell"]) == {"default", "thick"}
    assert set(pd.read_csv(out / "asr_breakdown.csv")["Cell"]) == {"default", "thick"}


def test_compare_summary_is_the_library_rate_test_and_breakdown(compared):
    _, out = compared
    summary = pd.read_csv(out / "summary.csv")
    alone = rate_capability("default", [0.5, 2]).summary
    mine = summary[summary["Cell"] == "default"]
    # the same solve on the same build: equal up to the CSV's 17-digit round trip
    np.testing.assert_allclose(
        mine["Discharge capacity [mA.h.cm-2]"], alone["Discharge capacity [mA.h.cm-2]"], rtol=1e-12
    )
    # the separator's ohmic part is linear in its thickness at the same current (both
    # cells have the same cathode, hence the same 1C): 90 um / 30 um = 3, up to the
    # printed 17 digits
    ohmic = summary.groupby("Cell")["Separator ohmic [Ohm.cm2]"].first()
    assert ohmic["thick"] / ohmic["default"] == pytest.approx(3.0, rel=1e-9)
    # the parts add up to the total (the breakdown's own identity), to rounding
    parts = summary.loc[:, "Separator ohmic [Ohm.cm2]":"Solid diffusion and OCP spread [Ohm.cm2]"]
    np.testing.assert_allclose(parts.sum(axis=1), summary["ASR total [Ohm.cm2]"], rtol=1e-9)


def test_compare_prints_the_summary(tmp_path, capsys):
    out = tmp_path / "out"
    args = ["compare", "default", "NMC811_Li6PS5Cl_Li", "--c-rates", "1", "--out", str(out)]
    assert main([*args, "--no-progress"]) == 0
    printed = capsys.readouterr().out
    assert "Separator ohmic [Ohm.cm2]" in printed and "Specific energy [W.h.kg-1]" in printed
    assert "replacing" not in printed
    assert main([*args, "--no-progress"]) == 0
    assert "replacing earlier outputs" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["default"], "at least 2 cells"),
        (["default", "no-such-cell"], "no-such-cell"),
        (["default", "default", "--c-rates", "0"], "--c-rates"),
        (["default", "default", "--soc", "2"], "--soc"),
        (["default", "default", "--charge", "0"], "--charge"),
    ],
)
def test_compare_bad_inputs_are_one_line_before_any_output(tmp_path, capsys, args, words):
    out = tmp_path / "out"
    assert main(["compare", *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
    assert not out.exists()  # refused before the output folder (and any solve)


def test_compare_out_is_checked_before_any_solve(tmp_path, capsys, monkeypatch):
    import asslb_sim.comparison

    def never(*args, **kwargs):
        raise AssertionError("solved before checking --out")

    monkeypatch.setattr(asslb_sim.comparison, "rate_capability", never)
    taken = tmp_path / "file"
    taken.write_text("x")
    assert main(["compare", "default", "default", "--out", str(taken)]) == 2
    assert "existing file" in capsys.readouterr().err


def test_cell_labels_are_unique():
    cell = load_cell("default")
    assert cell_labels([cell, cell], ["a/x.toml", "b/y.toml"]) == ["default (x)", "default (y)"]
    assert cell_labels([cell, cell], ["default", "default"]) == [
        "default (default) #1",
        "default (default) #2",
    ]


@pytest.fixture(scope="module")
def rates():
    return rate_capability("default", [0.5, 2])


def test_capacity_axis_of_the_curves(rates):
    for capacity, column in (
        ("specific", "Specific capacity [mA.h.g-1]"),
        ("areal", "Discharge capacity [mA.h.cm-2]"),
    ):
        fig = plot_discharge_curves(rates, capacity=capacity)
        line = fig.axes[0].get_lines()[0]
        first = rates.curves[rates.curves["C-rate"] == 0.5]
        np.testing.assert_array_equal(line.get_xdata(), first[column])
        assert column.split(" [")[1].rstrip("]") in fig.axes[0].get_xlabel()
    with pytest.raises(CellDefinitionError, match="capacity axis"):
        plot_discharge_curves(rates, capacity="mAh")


def test_capacity_vs_rate_plot(rates, tmp_path, capsys):
    fig = plot_capacity_vs_rate(rates, capacity="areal")
    (line,) = fig.axes[0].get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [0.5, 2.0])
    np.testing.assert_array_equal(line.get_ydata(), rates.summary["Discharge capacity [mA.h.cm-2]"])
    out = tmp_path / "out"
    args = ["rate-capability", "--c-rates", "0.5", "--out", str(out), "--no-progress"]
    assert main([*args, "--capacity-axis", "areal"]) == 0
    assert (out / "capacity_vs_rate.png").stat().st_size > 10_000
    assert "capacity_vs_rate.png" in capsys.readouterr().out


def test_a_failed_pulse_leaves_the_other_cells_results(tmp_path, monkeypatch, capsys):
    """One cell's resistance pulse fails (as a cell too resistive for 1C does): its rate
    test and the other cell's results stand, its resistance columns say why, and no
    breakdown plot is drawn when no cell has one. Catches: one failure losing the run."""
    import asslb_sim.comparison as comparison

    thick = tmp_path / "thick.toml"
    thick.write_text(THICK)

    def failing(cell, **kwargs):
        raise CellDefinitionError("the pulse failed: below the cut-off")

    real = comparison.areal_resistance
    monkeypatch.setattr(
        comparison,
        "areal_resistance",
        lambda cell, **kw: (
            failing(cell)
            if cell.design["separator"].get("thickness_um") == 90
            else real(cell, **kw)
        ),
    )
    result = comparison.compare_cells(["default", thick], c_rates=[1.0])
    summary = result.summary.set_index("Cell")
    assert len(result.resistance) == 1
    failed = summary[summary["ASR note"].notna()]
    assert len(failed) == 1 and "pulse failed" in failed["ASR note"].iloc[0]
    assert np.isnan(failed["ASR total [Ohm.cm2]"].iloc[0])
    assert (summary["Discharge capacity [mA.h.cm-2]"] > 0).all()

    monkeypatch.setattr(comparison, "areal_resistance", failing)
    out = tmp_path / "out"
    code = main(["compare", "default", str(thick), "--c-rates", "1", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert (out / "summary.csv").exists() and not (out / "asr_breakdown.png").exists()


def test_compare_passes_the_pulse_duration_and_soc(tmp_path, monkeypatch):
    import asslb_sim.comparison

    given = {}

    def spy(cells, c_rates, **kwargs):
        given.update(kwargs)
        raise KeyboardInterrupt  # stop before any solve (the CLI exits 130)

    monkeypatch.setattr(asslb_sim.comparison, "compare_cells", spy)
    argv = ["compare", "default", "default", "--duration", "30", "--soc", "0.8"]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 130
    assert given["duration"] == 30.0 and given["soc"] == 0.8


def test_compare_cells_checks_the_pulse_before_any_solve(monkeypatch):
    import asslb_sim.comparison
    from asslb_sim.comparison import compare_cells

    def never(*args, **kwargs):
        raise AssertionError("solved before checking the pulse")

    monkeypatch.setattr(asslb_sim.comparison, "rate_capability", never)
    with pytest.raises(CellDefinitionError, match=r"duration: 0 is out of range; valid range"):
        compare_cells(["default", "default"], duration=0)
