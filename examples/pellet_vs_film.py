"""The review's point: thick SE pellets and Li foils waste the cell (Cao et al. 2020, Fig. 1A).

Same cathode (the default 140 um NMC811 | Li6PS5Cl, 5.7 mA.h/cm2), four stacks:
a 500 um pressed-pellet separator or a 30 um film, with a 200 um or a 20 um Li foil
(the as-built excess; the charge adds the ~28 um the cathode delivers).
Stack-level specific energy and energy density vs C-rate, and a Ragone plot.
The separator and the Li foil add mass and thickness without storing energy,
and a thick separator also adds resistance, so the pellet cell loses twice:
its Wh/kg is low at every rate and falls faster with rate.
Writes pellet_vs_film.png.
"""

from matplotlib.figure import Figure

from asslb_sim import from_preset, rate_capability
from asslb_sim.energy import energy_table
from asslb_sim.plotting import plot_energy_vs_rate, plot_ragone

C_RATES = [0.1, 0.2, 0.5, 1, 2]
DESIGNS = {
    "500 um pellet, 200 um Li": (500, 200),
    "500 um pellet, 20 um Li": (500, 20),
    "30 um film, 200 um Li": (30, 200),
    "30 um film, 20 um Li": (30, 20),
}


def main():
    base = from_preset()
    fig = Figure(figsize=(13, 4), layout="constrained")
    ax_kg, ax_l, ax_ragone = fig.subplots(1, 3)
    tables = {}
    for label, (separator_um, li_um) in DESIGNS.items():
        cell = base.with_design(
            separator={"thickness_um": separator_um}, anode={"li_excess_um": li_um}
        )
        table = energy_table(rate_capability(cell, C_RATES), cell)
        tables[label] = table
        print(label)
        print(
            table[["C-rate", "Stack specific energy [W.h.kg-1]", "Stack energy density [W.h.L-1]"]]
            .round({"Stack specific energy [W.h.kg-1]": 0, "Stack energy density [W.h.L-1]": 0})
            .to_string(index=False)
        )
    plot_energy_vs_rate(tables, axes=(ax_kg, ax_l))
    plot_ragone(tables, ax=ax_ragone)
    fig.savefig("pellet_vs_film.png", dpi=150)


if __name__ == "__main__":
    main()
