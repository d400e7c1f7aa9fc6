"""From formulation to physics: fractions, loadings, materials, temperature."""

import math

import numpy as np
import pybamm
import pytest

from asslb_sim.cell import from_dict, from_preset
from asslb_sim.design import formulation
from asslb_sim.errors import CellDefinitionError
from asslb_sim.parameter_sets import materials

DENSITY = {
    "active_material": 4770.0,
    "solid_electrolyte": 1865.0,
    "carbon": 1825.0,
    "binder": 2200.0,
}


def test_volume_fractions_sum_to_one_and_convert_back():
    w = {"active_material": 0.8, "solid_electrolyte": 0.17, "carbon": 0.02, "binder": 0.01}
    eps = formulation.volume_fractions_from_mass(w, DENSITY, 0.14)
    assert sum(eps.values()) + 0.14 == pytest.approx(1, abs=1e-14)
    back = formulation.mass_fractions_from_volume(eps, DENSITY)
    for phase, value in w.items():
        assert back[phase] == pytest.approx(value, rel=1e-12)
    # hand calculation: 0.8/4.77 cm3 CAM in (0.8/4.77 + 0.17/1.865 + 0.02/1.825 + 0.01/2.2)
    specific = 0.8 / 4.77 + 0.17 / 1.865 + 0.02 / 1.825 + 0.01 / 2.2
    assert eps["active_material"] == pytest.approx(0.86 * (0.8 / 4.77) / specific, rel=1e-12)


def test_composed_cell_matches_formulation(default_cell):
    v = default_cell.parameter_values
    total = sum(
        v[f"Positive electrode {p} volume fraction"]
        for p in ("active material", "solid electrolyte", "carbon", "binder", "void")
    )
    assert total == pytest.approx(1, abs=1e-12)
    masses = {
        p: v[f"Positive electrode {p} volume fraction"]
        * v[f"Positive electrode {p} density [kg.m-3]"]
        for p in ("active material", "solid electrolyte", "carbon", "binder")
    }
    s = sum(masses.values())
    assert masses["active material"] / s == pytest.approx(0.70, rel=1e-12)
    assert masses["solid electrolyte"] / s == pytest.approx(0.27, rel=1e-12)


def test_thickness_from_loading_matches_hand_calculation():
    cell = from_dict({"cathode": {"loading_mg_cm2": 30.0}})
    v = cell.parameter_values
    eps = v["Positive electrode active material volume fraction"]
    # 30 mg/cm2 = 0.3 kg/m2 of CAM at 4770 kg/m3 in a fraction eps of the volume
    assert v["Positive electrode thickness [m]"] == pytest.approx(0.3 / (4770.0 * eps), rel=1e-12)
    assert "thickness_um" not in cell.design["cathode"]


def test_loading_and_consistent_thickness_accepted():
    base = from_preset()
    L = base.parameter_values["Positive electrode thickness [m]"]
    eps = base.parameter_values["Positive electrode active material volume fraction"]
    loading = L * eps * 4770.0 * 100  # mg/cm2
    cell = from_dict({"cathode": {"loading_mg_cm2": loading, "thickness_um": L * 1e6}})
    assert cell.parameter_values["Positive electrode thickness [m]"] == pytest.approx(L)


def test_isolated_fraction_from_the_network_thresholds():
    """Composites whose electronic network is measured to percolate are not declared
    isolated: 70:30 wt% carbon-free NCM811 (43 vol%, Ruess 2020 cycles it) and
    Minnmann 2021's NCM622 series from 32 to 53 vol% CAM; an SE-starved composite is."""
    carbon_free = {
        "cathode": {
            "carbon": "none",
            "binder": "none",
            "mass_fractions": {"active_material": 0.7, "solid_electrolyte": 0.3},
            "void_volume_fraction": 0.14,
            "isolated_fraction": "percolation",
        }
    }
    name = "Positive electrode isolated active material fraction"
    assert from_dict(carbon_free).parameter_values[name] == pytest.approx(0.0)
    for cam in (0.322, 0.416, 0.529, 0.611):
        minnmann = {
            "cathode": {
                "active_material": "NMC622",
                "carbon": "none",
                "binder": "none",
                "active_material_volume_fraction": cam,
                "solid_electrolyte_volume_fraction": 1 - cam - 0.14,
                "void_volume_fraction": 0.14,
                "particle_radius_um": 1.5,
                "isolated_fraction": "percolation",
            }
        }
        isolated = from_dict(minnmann).parameter_values[name]
        if cam < 0.6:
            assert isolated == pytest.approx(0.0), cam
        else:
            # 61 vol%: 25 vol% SE, 4 points above the SE's threshold (21 vol%), partly
            # connected (measured sigma_ion 2 % of the 32 vol% composite's)
            assert 0.3 < isolated < 0.9, isolated
    # 97 wt% CAM: about 4 vol% SE, below the SE's threshold for 10 um CAM (7.6 vol%)
    starved = {
        "cathode": {
            **carbon_free["cathode"],
            "mass_fractions": {"active_material": 0.97, "solid_electrolyte": 0.03},
        }
    }
    assert from_dict(starved).parameter_values[name] > 0.99
    # with carbon above its percolation threshold every CAM particle is wired
    wired = from_dict(
        {"cathode": {"isolated_fraction": "percolation", "carbon": "VGCF"}}
    ).parameter_values
    assert wired[name] == pytest.approx(0.0)


def test_every_material_value_has_a_source():
    tags = (
        "[P]",
        "[Pd]",
        "[Fd]",
        "[D",
        "[B]",
        "assumed",
        "Proxy",  # an OCP borrowed from another material, named as such
        "insulator",
        "not conducting",
        "IUPAC",
        "definition",
    )
    count = 0
    for kind, table in materials.LIBRARY.items():
        for name, material in table.items():
            for field, value in materials.sourced_values(material):
                assert isinstance(value, materials.Sourced), (kind, name, field)
                assert any(t in value.source for t in tags), (kind, name, field, value.source)
                count += 1
            if hasattr(material, "ocp"):
                assert material.ocp.__doc__ and any(t in material.ocp.__doc__ for t in tags)
    assert count > 80


def test_required_materials_present():
    lib = materials.LIBRARY
    assert {
        "Li6PS5Cl",
        "beta-Li3PS4",
        "Li10GeP2S12",
        "Li7P3S11",
        "Li3InCl6",
        "Li3YCl6",
        "Ta-LLZO",
    } <= set(lib["solid electrolyte"])
    assert {"NMC811", "NMC622", "NCM90", "NCA", "LiCoO2"} <= set(lib["cathode active material"])
    assert {"Al", "Cu", "stainless steel", "Ni"} <= set(lib["collector"])
    assert {"carbon black", "VGCF"} <= set(lib["carbon"])
    assert {"PTFE", "NBR", "ion-conducting binder"} <= set(lib["binder"])
    assert {"Li metal"} <= set(lib["anode"]) and {"Ag-C"} <= set(lib["interlayer"])
    assert "LiNbO3" in lib["coating"]


@pytest.mark.parametrize(
    ("name", "energy"),
    [
        (
            "Positive electrode solid electrolyte conductivity [S.m-1]",
            "Positive electrode solid electrolyte conductivity activation energy [J.mol-1]",
        ),
        (
            "Separator solid electrolyte conductivity [S.m-1]",
            "Separator solid electrolyte conductivity activation energy [J.mol-1]",
        ),
        (
            "Positive particle diffusivity [m2.s-1]",
            "Positive particle diffusivity activation energy [J.mol-1]",
        ),
        (
            "Positive electrode exchange-current density [A.m-2]",
            "Positive electrode exchange-current density activation energy [J.mol-1]",
        ),
    ],
)
def test_arrhenius_factor_between_two_temperatures(default_cell, name, energy):
    values = pybamm.ParameterValues(dict(default_cell.parameter_values))
    law = values[name]
    c_max = values["Maximum concentration in positive electrode [mol.m-3]"]
    args = {
        "Positive particle diffusivity [m2.s-1]": lambda T: (0.5, T),
        "Positive electrode exchange-current density [A.m-2]": lambda T: (0.5 * c_max, c_max, T),
    }.get(name, lambda T: (T,))

    def at(T):
        value = values.process_symbol(law(*args(pybamm.Scalar(T)))).evaluate()
        return float(np.asarray(value).reshape(-1)[0])

    T1, T2 = 298.15, 333.15
    Ea = values[energy]
    assert Ea > 0
    # exact up to round-off: the same closed form
    assert at(T2) / at(T1) == pytest.approx(
        math.exp(-Ea / 8.314462618 * (1 / T2 - 1 / T1)), rel=1e-12
    )


def test_warmer_cell_has_more_capacity_at_2c():
    from asslb_sim.simulate import rate_capability

    caps = [
        rate_capability(from_dict({"operation": {"temperature_C": T}}), [2.0])
        .summary["Discharge capacity [mA.h.cm-2]"]
        .iloc[0]
        for T in (10, 25, 60)
    ]
    assert np.all(np.diff(caps) > 0), caps


def test_ion_conducting_binder_adds_ionic_conduction():
    from asslb_sim.describe import describe

    def kappa(binder):
        # same volume fractions: only the binder's ionic conductivity differs
        table = describe(
            from_dict(
                {
                    "cathode": {
                        "binder": binder,
                        "active_material_volume_fraction": 0.45,
                        "solid_electrolyte_volume_fraction": 0.30,
                        "carbon_volume_fraction": 0.03,
                        "binder_volume_fraction": 0.12,
                        "void_volume_fraction": 0.10,
                    }
                }
            )
        )
        row = table[table["Quantity"] == "Cathode effective ionic conductivity"]
        return row["Value"].iloc[0]  # mS/cm

    blocking, conducting = kappa("PTFE"), kappa("ion-conducting binder")
    b = materials.get("binder", "ion-conducting binder")
    # the binder path adds kappa_b * eps_b^1.5 in parallel (Bruggeman 1.5), exactly
    assert conducting - blocking == pytest.approx(
        float(b.ionic_conductivity) * 0.12**1.5 * 10, rel=1e-9
    )


def test_separator_binder_and_template_lower_conductivity_and_change_mass():
    dense = from_preset().parameter_values
    film = from_dict(
        {
            "separator": {
                "binder": "NBR",
                "binder_mass_fraction": 0.02,
                "template": "PET nonwoven",
                "template_volume_fraction": 0.15,
                "void_volume_fraction": 0.05,
            }
        }
    ).parameter_values
    eps = film["Separator solid electrolyte volume fraction"]
    assert eps < 0.8
    # hand calculation: 80 % solid, of which SE by volume (0.98/1.865)/(0.98/1.865 + 0.02/1.0)
    share = (0.98 / 1865) / (0.98 / 1865 + 0.02 / 1000)
    assert eps == pytest.approx(0.80 * share, rel=1e-12)
    assert film["Separator binder volume fraction"] == pytest.approx(0.80 * (1 - share))
    assert dense["Separator solid electrolyte volume fraction"] == 1.0


def test_coating_selects_film_law():
    cell = from_dict({"cathode": {"coating": "LiNbO3"}})
    assert cell.model_options["film"] == "resistive"
    assert cell.parameter_values["Positive electrode film resistance [Ohm.m2]"] > 0


def test_cell_composed_by_naming_materials():
    cell = from_dict(
        {
            "cathode": {"active_material": "LiCoO2", "solid_electrolyte": "Li3InCl6"},
            "separator": {"solid_electrolyte": "Li3InCl6"},
            "operation": {"upper_cutoff_V": 4.2},
        }
    )
    v = cell.parameter_values
    lco = materials.get("cathode active material", "LiCoO2")
    assert v["Positive electrode active material density [kg.m-3]"] == float(lco.density)
    assert v["Separator solid electrolyte conductivity at reference temperature [S.m-1]"] == (
        float(materials.get("solid electrolyte", "Li3InCl6").conductivity)
    )


BAD_FORMULATIONS = [
    (
        {"cathode": {"mass_fractions": {"active_material": 0.8, "solid_electrolyte": 0.3}}},
        "mass_fractions sum to",
    ),
    (
        {"cathode": {"mass_fractions": {"active_material": 1.1, "solid_electrolyte": -0.1}}},
        "valid range",
    ),
    ({"cathode": {"void_volume_fraction": 1.2}}, "cathode.void_volume_fraction"),
    ({"cathode": {"active_material": "NMC999"}}, "known:"),
    ({"separator": {"solid_electrolyte": "unobtainium"}}, "known:"),
    ({"cathode": {"loading_mg_cm2": 30, "thickness_um": 50}}, "within 1 %"),
    (
        {
            "cathode": {
                "mass_fractions": {"active_material": 0.7, "solid_electrolyte": 0.3},
                "active_material_volume_fraction": 0.5,
            }
        },
        "not both",
    ),
    ({"cathode": {"carbon": "none"}}, "cathode.carbon is 'none'"),
    (
        {
            "cathode": {
                "mass_fractions": {"active_material": 0.7, "solid_electrolyte": 0.3, "glue": 0.0}
            }
        },
        "unknown phase",
    ),
    (
        {
            "separator": {
                "template": "PET nonwoven",
                "template_volume_fraction": 0.6,
                "void_volume_fraction": 0.5,
            }
        },
        "no room for the SE",
    ),
    ({"separator": {"binder_mass_fraction": 0.05}}, "separator.binder is 'none'"),
    ({"cathode": {"isolated_fraction": "magic"}}, "percolation"),
    ({"cathode": {"coating": "LiNbO3"}, "model": {"film": "none"}}, "resistive"),
    ({"collectors": {"cathode": "gold"}}, "known:"),
]


@pytest.mark.parametrize(
    ("doc", "words"), BAD_FORMULATIONS, ids=[str(d) for d, _ in BAD_FORMULATIONS]
)
def test_bad_formulation_rejected(doc, words):
    with pytest.raises(CellDefinitionError, match=None) as info:
        from_dict(doc)
    assert words in str(info.value), str(info.value)
