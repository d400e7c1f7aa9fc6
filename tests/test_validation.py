"""Bad input fails with an error naming the field and its valid range, before any solve."""

import math

import pytest

from asslb_sim import simulate
from asslb_sim.cell import from_dict, from_toml, load_cell
from asslb_sim.errors import CellDefinitionError


@pytest.fixture(autouse=True)
def no_solve(monkeypatch):
    """Any attempt to build or solve a model fails the test."""

    def forbidden(*args, **kwargs):
        raise AssertionError("a model was built although the input was invalid")

    from asslb_sim.simulation import Runner

    monkeypatch.setattr(Runner, "simulation", forbidden)
    monkeypatch.setattr(Runner, "charge", forbidden)


BAD_CELLS = [
    # (TOML structure, words the message must contain)
    ({"separator": {"thickness_um": -5}}, ["separator.thickness_um", "-5", "valid range"]),
    ({"cathode": {"thickness_um": 0}}, ["cathode.thickness_um", "valid range"]),
    ({"anode": {"li_thickness_um": -1}}, ["anode.li_thickness_um", "valid range"]),
    (
        {"cathode": {"active_material_volume_fraction": 0.6}},
        ["volume fractions sum to", "must be 1"],
    ),
    ({"cathode": {"void_volume_fraction": -0.1}}, ["cathode.void_volume_fraction", "valid range"]),
    ({"separator": {"conductivity_mS_cm": 0}}, ["separator.conductivity_mS_cm", "valid range"]),
    ({"cathode": {"se_conductivity_mS_cm": -1}}, ["cathode.se_conductivity_mS_cm", "valid range"]),
    ({"cathode": {"contact_coverage": 1.5}}, ["cathode.contact_coverage", "valid range"]),
    ({"cathode": {"particle_radius_um": 0}}, ["cathode.particle_radius_um", "valid range"]),
    ({"operation": {"temperature_C": -300}}, ["operation.temperature_C", "valid range"]),
    (
        {"operation": {"lower_cutoff_V": 4.3, "upper_cutoff_V": 4.2}},
        ["lower_cutoff_V", "must be below"],
    ),
    ({"cell": {"preset": "NMC999"}}, ["unknown preset", "NMC999", "known presets"]),
    ({"cathode": {"thicknes_um": 100}}, ["unknown key", "cathode.thicknes_um", "valid"]),
    ({"electrolyte": {"x": 1}}, ["unknown section", "electrolyte"]),
    ({"cathode": {"thickness_um": "thick"}}, ["cathode.thickness_um", "must be a number"]),
    ({"model": {"film": "glue"}}, ["film", "valid"]),
    ({"model": {"solid_electrolyte_transport": "magic"}}, ["magic", "valid"]),
    ({"parameters": {"Electrolyte conductivity [S.m-1]": 1.0}}, ["not a parameter"]),
    ({"cell": {"nominal_capacity_mAh_cm2": -2}}, ["nominal_capacity_mAh_cm2", "valid range"]),
    (
        {"operation": {"upper_cutoff_V": 5.5}},
        ["voltage cut-off", "outside the OCP range"],
    ),
]


@pytest.mark.parametrize(("doc", "words"), BAD_CELLS, ids=[str(d) for d, _ in BAD_CELLS])
def test_bad_cell_rejected_with_field_and_range(doc, words):
    with pytest.raises(CellDefinitionError) as info:
        cell = from_dict(doc)
        # errors that need the OCP (cut-offs) surface when the C-rate basis is formed
        cell.basis  # noqa: B018
    for word in words:
        assert word in str(info.value), (word, str(info.value))


@pytest.mark.parametrize("rates", [[0], [-1], [math.nan], [1e3], [], ["1C"]])
def test_bad_c_rates_rejected(rates):
    with pytest.raises(CellDefinitionError, match="c_rates"):
        simulate.rate_capability("default", rates)


def test_malformed_toml_rejected(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[cathode\nthickness_um = 100\n")
    with pytest.raises(CellDefinitionError, match="not valid TOML"):
        from_toml(path)


def test_missing_file_rejected(tmp_path):
    with pytest.raises(CellDefinitionError, match="does not exist"):
        load_cell(str(tmp_path / "nope.toml"))


def test_unknown_preset_rejected():
    with pytest.raises(CellDefinitionError, match="known presets"):
        load_cell("LFP_mystery")


def test_good_toml_round_trip(tmp_path):
    path = tmp_path / "cell.toml"
    path.write_text(
        '[cell]\nname = "thin sep"\n[separator]\nthickness_um = 20\nconductivity_mS_cm = 3.0\n'
        "[cathode]\nthickness_um = 100\n[operation]\ntemperature_C = 60\n"
    )
    cell = from_toml(path)
    v = cell.parameter_values
    assert cell.name == "thin sep"
    assert v["Separator thickness [m]"] == pytest.approx(20e-6)
    assert v[
        "Separator solid electrolyte conductivity at reference temperature [S.m-1]"
    ] == pytest.approx(0.3)
    assert v["Ambient temperature [K]"] == pytest.approx(333.15)
    assert v["Initial temperature [K]"] == pytest.approx(333.15)
