"""Base class for the transport efficiency of one solid phase."""

import pybamm

_DOMAIN_PREFIX = {"separator": "Separator", "positive": "Positive electrode"}
PHASES = ("solid electrolyte", "active material", "carbon", "binder")


class BaseTransportEfficiency(pybamm.BaseSubModel):
    """Transport efficiency ``T(eps)`` of one conducting phase in one layer.

    The effective conductivity of a phase with volume fraction ``eps`` is
    ``sigma_eff = sigma_bulk * T(eps)``. Each subclass states one law ``T(eps)``
    in :meth:`_efficiency`; this class reads the volume fraction and names the
    output variable ``"<Layer> <phase> transport efficiency"``, e.g.
    ``"Positive electrode solid electrolyte transport efficiency"``.

    Parameters
    ----------
    param : pybamm.LithiumIonParameters
        Model parameters (only used for the base class).
    domain : str
        ``"separator"`` or ``"positive"``.
    phase : str
        ``"solid electrolyte"``, ``"active material"``, ``"carbon"`` or ``"binder"``.
    options : dict, optional
        Model options.
    """

    def __init__(self, param, domain, phase, options=None):
        if domain not in _DOMAIN_PREFIX:
            raise ValueError(f"domain must be one of {sorted(_DOMAIN_PREFIX)}, got {domain!r}")
        if phase not in PHASES:
            raise ValueError(f"phase must be one of {PHASES}, got {phase!r}")
        super().__init__(param, options=options)
        self.layer = domain
        self.solid_phase = phase
        self.prefix = f"{_DOMAIN_PREFIX[domain]} {phase}"

    def _parameter(self, name):
        return pybamm.Parameter(f"{self.prefix} {name}")

    def _efficiency(self, eps):
        raise NotImplementedError

    def get_coupled_variables(self, variables):
        eps = self._parameter("volume fraction")
        variables[f"{self.prefix} transport efficiency"] = self._efficiency(eps)
        return variables
