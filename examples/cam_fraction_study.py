"""Rate capability vs CAM fraction at a fixed CAM loading (the review's processing argument).

Cells: NMC811 | Li6PS5Cl | carbon black | PTFE with 60, 70 and 80 wt% CAM (SE makes up the
rest after 2 wt% carbon and 1 wt% binder), 10 % voids, all at 25 mg/cm2 of NMC811, so they
hold the same capacity. More CAM makes the electrode thinner and lighter (the review's case
for 85-90 wt% CAM), but the SE fraction falls and its effective conductivity falls faster
(Bruggeman exponent 3): at low rate the three are alike, at 1-2C the CAM-rich one loses its
capacity to ionic transport in the SE phase. Writes cam_fraction_study.png.
"""

from matplotlib.figure import Figure

from asslb_sim import from_preset, rate_capability
from asslb_sim.describe import describe

C_RATES = [0.1, 0.2, 0.5, 1, 2]
LOADING_MG_CM2 = 25.0


def cell_with_cam_fraction(w_cam):
    return from_preset().with_design(
        cathode={
            "mass_fractions": {
                "active_material": w_cam,
                "solid_electrolyte": 0.97 - w_cam,
                "carbon": 0.02,
                "binder": 0.01,
            },
            "loading_mg_cm2": LOADING_MG_CM2,
        }
    )


def main():
    fig = Figure(figsize=(10, 4), layout="constrained")
    ax_rate, ax_curve = fig.subplots(1, 2)
    for w_cam in (0.60, 0.70, 0.80):
        cell = cell_with_cam_fraction(w_cam)
        table = describe(cell).set_index("Quantity")["Value"]
        result = rate_capability(cell, C_RATES)
        s = result.summary
        print(
            f"{w_cam:.0%} CAM: cathode {table['Cathode thickness']:.0f} um, SE "
            f"{table['Cathode solid electrolyte volume fraction']:.2f} vol, kappa_eff "
            f"{table['Cathode effective ionic conductivity']:.3f} mS/cm"
        )
        print(
            s[["C-rate", "Specific capacity [mA.h.g-1]", "Mean voltage [V]"]].to_string(
                index=False, float_format=lambda x: f"{x:.3g}"
            )
        )
        ax_rate.plot(s["C-rate"], s["Specific capacity [mA.h.g-1]"], "o-", label=f"{w_cam:.0%}")
        one_c = result.curves[result.curves["C-rate"] == 1]
        ax_curve.plot(
            one_c["Specific capacity [mA.h.g-1]"], one_c["Voltage [V]"], label=f"{w_cam:.0%}"
        )
    ax_rate.set_xscale("log")
    ax_rate.set_xlabel("C-rate")
    ax_rate.set_ylabel("Specific capacity [mA.h.g-1 CAM]")
    ax_rate.legend(title="CAM wt%")
    ax_curve.set_xlabel("Specific capacity [mA.h.g-1 CAM]")
    ax_curve.set_ylabel("Voltage at 1C [V]")
    ax_curve.legend(title="CAM wt%")
    fig.suptitle(f"NMC811 | Li6PS5Cl, {LOADING_MG_CM2:g} mg/cm2 CAM, 25 C")
    fig.savefig("cam_fraction_study.png", dpi=150)


if __name__ == "__main__":
    main()
