"""Rate capability of the default cell for three catholyte conductivities.

A thick (140 um) cathode is limited by ionic transport in its SE phase at high
rate: raising the SE conductivity from 0.5 to 5 mS/cm recovers capacity at 2C
while C/10 barely changes. Writes rate_vs_kappa.png in the working directory.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from asslb_sim import from_preset, rate_capability

NAME = "Positive electrode solid electrolyte conductivity at reference temperature [S.m-1]"
C_RATES = [0.1, 0.5, 1, 2, 3]


def main():
    base = from_preset("default")
    fig, ax = plt.subplots(figsize=(5.5, 4), constrained_layout=True)
    for kappa_mS_cm in (0.5, 1.8, 5.0):
        cell = base.with_parameters(**{NAME: kappa_mS_cm * 0.1})
        summary = rate_capability(cell, C_RATES).summary
        print(f"kappa_SE = {kappa_mS_cm} mS/cm")
        print(
            summary[["C-rate", "Specific capacity [mA.h.g-1]", "Termination"]].to_string(
                index=False, float_format=lambda x: f"{x:.1f}"
            )
        )
        ax.plot(
            summary["C-rate"],
            summary["Specific capacity [mA.h.g-1]"],
            "o-",
            label=f"{kappa_mS_cm} mS/cm",
        )
    ax.set_xscale("log")
    ax.set_xlabel("C-rate")
    ax.set_ylabel("Specific capacity [mA.h.g-1 CAM]")
    ax.legend(title="catholyte conductivity")
    fig.savefig("rate_vs_kappa.png", dpi=150)


if __name__ == "__main__":
    main()
