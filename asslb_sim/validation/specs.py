"""Published cells as printed: the cell designs the validation simulates.

Every number is the paper's printed specification (tags as in the materials
library: [Pd] printed value read in a digest, [Fd] read off a figure, [D] derived
with the formula given) or an assumption stated as such where the paper is
silent. Nothing here is fitted: the library's defaults do the rest. A design is
a dict of cell-file sections (:func:`asslb_sim.design.from_dict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Yanev et al. J. Electrochem. Soc. 171, 050530 (2024), SI Table S1 [Pd]: NCM811 (granular,
# "gran", polycrystalline D50 10.4 um [Fd]; single-crystal "sc" NCM83, D50 3.34 um [Fd]) with
# Li6PS5Cl (NEI, 3.13 mS/cm at 30 C [Pd]) and 5 vol% VGCF; mass fractions AM / SE / VGCF
YANEV_MASS_FRACTIONS = {
    51: (0.5104, 0.4546, 0.0351),
    73: (0.7322, 0.2397, 0.0281),
    84: (0.8405, 0.1347, 0.0248),
    90: (0.8953, 0.0817, 0.0230),
}
# Li6PS5Cl's conductivity at 25 C from Yanev's 3.13 mS/cm at 30 C with the library's 0.35 eV
# (Lee 2020 [Pd]): 3.13 exp(-0.35 eV / k (1/298.15 K - 1/303.15 K)) [D]
YANEV_SE_25C = 3.13 * 0.7988


@dataclass(frozen=True)
class Spec:
    """A published cell: its design and where each part of it comes from."""

    name: str
    design: dict
    source: str
    notes: tuple = field(default=())


def ruess2020():
    """Ruess et al. J. Electrochem. Soc. 167, 100532 (2020): NCM811 | Li6PS5Cl, first charge."""
    return Spec(
        "Ruess 2020",
        {
            "cell": {"name": "Ruess 2020 NCM811 | Li6PS5Cl 70:30"},
            "cathode": {
                "active_material": "NMC811",
                "solid_electrolyte": "Li6PS5Cl",
                "carbon": "none",
                "binder": "none",
                "mass_fractions": {"active_material": 0.70, "solid_electrolyte": 0.30},
                "void_volume_fraction": 0.14,
                "loading_mg_cm2": 10.6,
                "particle_radius_um": 3.1,
                "se_conductivity_mS_cm": 0.7,
            },
            "separator": {"solid_electrolyte": "Li6PS5Cl", "thickness_um": 545},
            "anode": {"material": "Li metal", "li_excess_um": 200},
            "operation": {"temperature_C": 25, "lower_cutoff_V": 3.0, "upper_cutoff_V": 4.2},
        },
        "Ruess 2020 as modelled by Bielefeld et al. JES 169, 020539 (2022)",
        (
            "70:30 wt% polycrystalline NCM811 : Li6PS5Cl, carbon-free, 14 % voids [Pd]",
            "SE 0.7 mS/cm, cut-off 4.2 V, 200 mA.h/g defines 1C (Bielefeld Table S2) [Pd]",
            "particle radius 3.1 um from the BET area 0.2 m2/g, 3 / (rho R) [D]",
            "loading 10.6 mg/cm2 CAM and a 545 um Li6PS5Cl separator (80 mg on 0.785 cm2): "
            "not printed for Ruess; the same group's sister cell, Conforto et al. 2021 "
            "[Pd, assumed here]",
            "25 C assumed (Bielefeld prints 273.15 K, likely a typo); Li metal counter "
            "electrode as in Bielefeld's model",
        ),
    )


def yanev2024(kind, cam_wt):
    """Yanev et al. J. Electrochem. Soc. 171, 050530 (2024): one of the composition series."""
    am, se, vgcf = YANEV_MASS_FRACTIONS[cam_wt]
    radius = 5.2 if kind == "gran" else 1.67
    return Spec(
        f"Yanev 2024 {kind}{cam_wt}",
        {
            "cell": {"name": f"Yanev 2024 {kind}{cam_wt}", "nominal_capacity_mAh_cm2": 2.80},
            "cathode": {
                "active_material": "NMC811",
                "solid_electrolyte": "Li6PS5Cl",
                "carbon": "VGCF",
                "binder": "none",
                "mass_fractions": {
                    "active_material": am,
                    "solid_electrolyte": se,
                    "carbon": vgcf,
                },
                "void_volume_fraction": 0.15,
                "loading_mg_cm2": 14.0,
                "particle_radius_um": radius,
                "se_conductivity_mS_cm": YANEV_SE_25C,
                **({"active_material_conductivity_S_m": 1.45} if kind == "sc" else {}),
            },
            "separator": {
                "solid_electrolyte": "Li6PS5Cl",
                "thickness_um": 1027,
                "conductivity_mS_cm": YANEV_SE_25C,
            },
            "anode": {"material": "In/InLi"},
            "operation": {"temperature_C": 30, "lower_cutoff_V": 2.38, "upper_cutoff_V": 3.68},
        },
        "Yanev et al. JES 171, 050530 (2024) and its SI",
        (
            "mass fractions AM / SE / VGCF of SI Table S1; 15 % porosity as the authors "
            "assume [Pd]",
            "CAM 11.0 mg on 0.785 cm2 = 14.0 mg/cm2, 200 mA.h/g defines 1C: 2.80 mA/cm2 [Pd]",
            f"{kind}: particle radius {radius} um from the D50 [Fd]"
            + ("; single-crystal NCM83 (14.5 mS/cm [Pd]) as NMC811" if kind == "sc" else ""),
            "Li6PS5Cl 3.13 mS/cm at 30 C [Pd]; separator 150 mg on 0.785 cm2 = 1027 um [D]",
            "against a Li-In anode, 2.38-3.68 V on its scale (3.0-4.3 V vs Li) [Pd]; the "
            "library's In/InLi (100 um In at 33 at% Li, assumed: not printed); 30 C [Pd]",
        ),
    )


def lee2020():
    """Lee et al. Nat. Energy 5, 299 (2020): NCM90 | Li6PS5Cl | Ag-C anode-free pouch cell."""
    return Spec(
        "Lee 2020",
        {
            "cell": {"name": "Lee 2020 NCM90 | LPSCl | Ag-C", "nominal_capacity_mAh_cm2": 6.8},
            "cathode": {
                "active_material": "NCM90",
                "solid_electrolyte": "Li6PS5Cl",
                "carbon": "VGCF",
                "binder": "PTFE",
                "coating": "LZO",
                "mass_fractions": {
                    "active_material": 85 / 104.5,
                    "solid_electrolyte": 15 / 104.5,
                    "carbon": 3 / 104.5,
                    "binder": 1.5 / 104.5,
                },
                "void_volume_fraction": 0.10,
                "loading_mg_cm2": 31.6,
                "se_particle_size_um": 1.0,
            },
            "separator": {
                "solid_electrolyte": "Li6PS5Cl",
                "thickness_um": 30,
                "conductivity_mS_cm": 1.31,
            },
            "anode": {
                "material": "anode-free",
                "interlayer": "Ag-C",
                "interlayer_thickness_um": 10,
            },
            "operation": {"temperature_C": 60, "lower_cutoff_V": 3.0, "upper_cutoff_V": 4.25},
        },
        "Lee et al. Nat. Energy 5, 299 (2020) [Pd in digest]",
        (
            "85:15:3:1.5 wt NCM90 : Li6PS5Cl : carbon nanofibre (as VGCF) : PTFE, LZO coating [Pd]",
            "6.8 mA.h/cm2 at 215 mA.h/g = 31.6 mg/cm2 CAM; 1C = 6.8 mA/cm2 [Pd]",
            "separator 30 um Li6PS5Cl with 1 wt% binder, 1.31 mS/cm [Pd]; Ag-C 10 um [Pd]",
            "the composite's SE is a fine powder, < 1 um (Mitsui) [Pd]: 1 um",
            "60 C; 0.1C CC-CV charge [Pd]; void 10 % assumed (warm isostatic pressing)",
            "lower cut-off 3.0 V instead of the printed 2.5 V: the NCM90 OCP (the NMC811 "
            "proxy) ends at 2.78 V",
        ),
    )


def stavola2023(cam_wt):
    """Stavola et al. ACS Energy Lett. 8, 1273 (2023): carbon-free NMC111 | Li6PS5Cl."""
    loading = {40: 9.5, 70: 16.6, 80: 19.0}[cam_wt]
    return Spec(
        f"Stavola 2023 {cam_wt} wt%",
        {
            "cell": {"name": f"Stavola 2023 NMC111 {cam_wt} wt%"},
            "cathode": {
                "active_material": "NMC111",
                "solid_electrolyte": "Li6PS5Cl",
                "carbon": "none",
                "binder": "none",
                "mass_fractions": {
                    "active_material": cam_wt / 100,
                    "solid_electrolyte": 1 - cam_wt / 100,
                },
                "void_volume_fraction": 0.14,
                "loading_mg_cm2": loading,
                "se_conductivity_mS_cm": 1.9,
            },
            "separator": {"solid_electrolyte": "Li6PS5Cl", "thickness_um": 680},
            "anode": {"material": "In/InLi"},
            "operation": {"temperature_C": 25, "lower_cutoff_V": 2.5, "upper_cutoff_V": 3.678},
        },
        "Stavola et al. ACS Energy Lett. 8, 1273 (2023) and its SI [Pd in digest]",
        (
            "carbon-free NMC111 (9.3 um) : Li6PS5Cl (1.9 mS/cm), 14 % voids assumed [Pd]",
            f"{loading} mg/cm2 CAM [Pd]; thickness from the loading at 14 % voids [D] (the "
            "printed thicknesses imply 21-38 % voids)",
            "C/10 with 1C = 160 mA/g [Pd]; against In-Li (the library's In/InLi, 100 um In at "
            "33 at% Li, assumed), 2.5 V on its scale (3.12 V vs Li) [Pd]; the upper cut-off "
            "3.678 V (4.3 V vs Li) instead of 4.0 V (4.62 V vs Li): the NMC111 OCP proxy "
            "(NMC532) ends at 4.35 V vs Li",
            "separator 200 mg Li6PS5Cl on 1.247 cm2 = 680 um [D]; 25 C",
        ),
    )
