"""The asslb-sim command."""

import subprocess
import sys

import pandas as pd

from asslb_sim.cli import main
from conftest import SUMMARY_COLUMNS


def test_help_does_not_import_pybamm():
    code = (
        "import sys\n"
        "from asslb_sim.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['rate-capability', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'pybamm' not in sys.modules, 'pybamm imported by --help'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


def test_rate_capability_writes_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["rate-capability", "--c-rates", "0.5,2", "--out", str(out), "--no-progress"]) == 0
    summary = pd.read_csv(out / "summary.csv")
    for column in SUMMARY_COLUMNS:
        assert column in summary.columns
    assert list(summary["C-rate"]) == [0.5, 2.0]
    curves = pd.read_csv(out / "curves.csv")
    assert set(curves["C-rate"]) == {0.5, 2.0}
    assert (out / "discharge_curves.png").stat().st_size > 10_000
    printed = capsys.readouterr().out
    assert "C-rate basis" in printed and "voltage cut-off" in printed


def test_bad_cell_gives_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[separator]\nthickness_um = -3\n")
    assert main(["rate-capability", "--cell", str(bad), "--out", str(tmp_path)]) == 2
    assert "separator.thickness_um" in capsys.readouterr().err


def test_describe_and_materials(capsys):
    assert main(["describe"]) == 0
    out = capsys.readouterr().out
    assert "Cathode effective ionic conductivity" in out and "mA.h.cm-2" in out
    assert main(["materials", "--kind", "solid electrolyte"]) == 0
    out = capsys.readouterr().out
    assert "Li6PS5Cl" in out and "Ta-LLZO" in out and "[Pd]" in out


def test_asr_and_energy_commands(tmp_path, capsys):
    assert main(["asr", "--out", str(tmp_path), "--duration", "2"]) == 0
    out = capsys.readouterr().out
    assert "DC pulse" in out and "Separator ohmic" in out and "Total" in out
    assert (tmp_path / "asr_breakdown.png").stat().st_size > 10_000
    assert main(["energy"]) == 0
    out = capsys.readouterr().out
    assert "Li metal (charged)" in out and "stack level" in out


def test_rate_capability_summary_has_energy_columns(tmp_path):
    assert main(["rate-capability", "--c-rates", "1", "--out", str(tmp_path), "--no-progress"]) == 0
    summary = pd.read_csv(tmp_path / "summary.csv")
    for column in (
        "Specific energy [W.h.kg-1]",
        "Energy density [W.h.L-1]",
        "Specific power [W.kg-1]",
        "Energy level",
    ):
        assert column in summary.columns
    assert summary["Energy level"].iloc[0] == "stack"


def test_describe_and_energy_of_an_anode_free_cell(tmp_path, capsys):
    path = tmp_path / "af.toml"
    path.write_text('[anode]\nmaterial = "anode-free"\ninterlayer = "Ag-C"\n')
    assert main(["describe", "--cell", str(path)]) == 0
    assert main(["energy", "--cell", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Cathode effective ionic conductivity" in out and "Ag-C" in out
