"""Effective ionic conductivity of a layer: parallel paths through its ionic phases."""

import pybamm

ION_CONDUCTING_PHASES = ("solid electrolyte", "binder")


def effective_ionic_conductivity(layer, T, variables):
    r""":math:`\kappa_{eff} = \sum_k \kappa_k(T)\,T_k(\varepsilon_k)` over the SE and
    the binder (zero conductivity for a blocking binder) of ``layer`` ("Separator"
    or "Positive electrode"): each phase's ``"<layer> <phase> conductivity
    [S.m-1]"`` at ``T`` times its ``"<layer> <phase> transport efficiency"``."""
    return sum(
        pybamm.FunctionParameter(f"{layer} {phase} conductivity [S.m-1]", {"Temperature [K]": T})
        * variables[f"{layer} {phase} transport efficiency"]
        for phase in ION_CONDUCTING_PHASES
    )
