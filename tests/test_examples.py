"""Every example runs."""

import runpy
from pathlib import Path

import pytest

from asslb_sim.cell import from_toml
from asslb_sim.simulate import rate_capability

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("toml", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.name)
def test_example_files_load_and_run(toml):
    if "[study]" in toml.read_text():
        from asslb_sim.sweep import load_study

        assert len(load_study(toml).designs()) > 1  # the study itself runs in its script
        return
    result = rate_capability(from_toml(toml), [1.0])
    assert result.summary["Discharge capacity [mA.h.cm-2]"].iloc[0] > 0


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_example_scripts_run(script, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script), run_name="__main__")
    assert any(tmp_path.iterdir())


def test_readme_cell_file_is_valid(tmp_path):
    readme = (EXAMPLES.parent / "README.md").read_text()
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "readme.toml"
    path.write_text(block)
    cell = from_toml(path)
    assert cell.name == "20 um LPSCl at 60 C"
    assert cell.parameter_values["Ambient temperature [K]"] == pytest.approx(333.15)
