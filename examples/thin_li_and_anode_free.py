"""Thin Li and anode-free cells: where cell-level energy is won (review, anode section).

Same cathode (the default 140 um NMC811 | Li6PS5Cl, 5.7 mA.h/cm2) and 30 um separator,
five anodes: 200, 50 and 20 um Li foils (as built; the charge plates the cathode's Li on
top), and anode-free cells on bare stainless steel or on a 10 um Ag-C interlayer. Every
cell is charged at C/10 with a CV step to C/50 (Lee et al. 2020's formation) and then
discharged at 0.1-2C. Stack-level Wh/kg and Wh/L, against the DOE 350 Wh/kg and
750 Wh/L targets. The foil costs mass and volume; anode-free cells lose the Li of the
first-cycle inefficiency (CE 0.80 bare, 0.88 Ag-C, both partly assumed: see the
materials library) but carry no excess Li. Writes thin_li_and_anode_free.png.
"""

from asslb_sim import from_preset, rate_capability
from asslb_sim.energy import energy_table
from asslb_sim.plotting import plot_energy_vs_rate
from asslb_sim.simulate import Charge

C_RATES = [0.1, 0.2, 0.5, 1, 2]
ANODES = {
    "200 um Li foil": {"li_excess_um": 200},
    "50 um Li foil": {"li_excess_um": 50},
    "20 um Li foil": {"li_excess_um": 20},
    "anode-free, bare SUS": {"material": "anode-free"},
    "anode-free, Ag-C": {"material": "anode-free", "interlayer": "Ag-C"},
}


def main():
    base = from_preset()
    tables = {}
    for label, anode in ANODES.items():
        cell = base.with_design(anode=anode)
        result = rate_capability(cell, C_RATES, charge=Charge(0.1, 0.02))
        table = energy_table(result, cell)
        print(
            f"{label}: charged {result.charge_capacity:.2f} mA.h/cm2, "
            f"{result.lithium_at_start * 1e6:.1f} um Li at the start of discharge"
        )
        shown = table[
            ["C-rate", "Stack specific energy [W.h.kg-1]", "Stack energy density [W.h.L-1]"]
        ].copy()
        shown["Termination"] = result.summary["Termination"]
        print(shown.round(1).to_string(index=False))
        tables[label] = table
    fig = plot_energy_vs_rate(tables)
    fig.suptitle("NMC811 | 30 um Li6PS5Cl | anode, 25 C, after a C/10 CC-CV charge")
    fig.savefig("thin_li_and_anode_free.png", dpi=150)


if __name__ == "__main__":
    main()
