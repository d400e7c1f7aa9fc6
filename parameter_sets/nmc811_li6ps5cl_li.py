"""Default cell: thick NMC811 | Li6PS5Cl composite cathode, 30 um LPSCl, 30 um Li.

The cell is described by its design (materials + formulation, in the units of a
cell file); every material number comes from ``materials.py`` with its source.
Design choices and their sources:

- cathode 70 : 27 : 2 : 1 wt% NMC811 : Li6PS5Cl : carbon black : PTFE, 10 vol% voids
  (assumed: "about 70 wt% CAM in most reported cells", the review in
  ../shared/background; voids 5-20 % in models, 14 % often assumed [Pd]);
  140 um thick for > 5 mA.h/cm2 (assumed: thick cathode of the review's targets);
- separator 30 um dense Li6PS5Cl film after pressing, Lee et al. (2020) [Pd];
- Li metal: a 20 um excess foil as built (the review's thin-Li target, < 50 um; the
  "Li excess 20 um" case of literature-values.md 2.5 [D]), plus the ~28 um the
  cathode plates on charge: about 48 um of Li at the start of discharge;
- collectors 12 um Al and 10 um stainless steel, Lee et al. (2020) [Pd], shared by
  the two cells on either side (double-sided stacking); no packaging (stack level);
- 25 C; cut-offs 3.0 V (assumed: usual lower cut-off vs Li; Lee used 2.5 V) and
  4.25 V (Lee et al. 2020 cycling window [Pd]).
"""

DESIGN = {
    "cathode": {
        "active_material": "NMC811",
        "solid_electrolyte": "Li6PS5Cl",
        "carbon": "carbon black",
        "binder": "PTFE",
        "mass_fractions": {
            "active_material": 0.70,
            "solid_electrolyte": 0.27,
            "carbon": 0.02,
            "binder": 0.01,
        },
        "void_volume_fraction": 0.10,
        "thickness_um": 140,
    },
    "separator": {"solid_electrolyte": "Li6PS5Cl", "thickness_um": 30},
    "anode": {"material": "Li metal", "li_excess_um": 20},
    "collectors": {"cathode": "Al", "anode": "stainless steel"},
    # a stack of double-coated electrodes: each collector serves two cells
    "packaging": {"stacking": "double-sided"},
    "operation": {"temperature_C": 25, "lower_cutoff_V": 3.0, "upper_cutoff_V": 4.25},
}
