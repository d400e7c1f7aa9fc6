"""Options of the asslb-sim cell models: which law each process uses."""

from dataclasses import asdict, dataclass

from .submodels.transport_efficiency import LAWS

FILM_OPTIONS = ("none", "resistive")
ANODE_OPTIONS = ("lithium metal", "anode-free")
SURFACE_FORM_OPTIONS = ("false", "differential")
GRAIN_BOUNDARY_OPTIONS = ("none", "separator")


@dataclass(frozen=True)
class CellModelOptions:
    """Choice of law for each process of a solid-state cell model.

    Parameters
    ----------
    separator_transport : str
        Transport-efficiency law of the SE phase in the separator.
    solid_electrolyte_transport : str
        Transport-efficiency law of the SE phase in the composite cathode.
    active_material_transport : str
        Transport-efficiency law of electronic conduction through the CAM.
    carbon_transport : str
        Transport-efficiency law of electronic conduction through carbon.
    binder_transport : str
        Transport-efficiency law of ionic conduction through an ion-conducting
        binder (in the separator and the cathode).
    film : str
        ``"none"`` (Butler-Volmer only) or ``"resistive"`` (a film resistance
        in series with Butler-Volmer, one extra algebraic state per node).
    anode : str
        ``"lithium metal"`` (:class:`LithiumMetalCell`) or ``"anode-free"``
        (:class:`AnodeFreeCell`).
    grain_boundaries : str
        ``"none"`` or ``"separator"``: the separator's grain boundaries as their own
        element, a resistance in series with the grains' (and, with the surface
        form, a capacitance in parallel with it).
    surface_form : str
        ``"false"`` (no charge stored at the interfaces) or ``"differential"``
        (double layers at the CAM|SE contact and the Li|SE interface, and the
        separator's geometric capacitance; PyBaMM's option of that name, which
        ``pybamm.EISSimulation`` needs).

    Each law is one of ``"Bruggeman"``, ``"tortuosity factor"``,
    ``"percolation"``, ``"measured"``.
    """

    separator_transport: str = "Bruggeman"
    solid_electrolyte_transport: str = "Bruggeman"
    active_material_transport: str = "Bruggeman"
    carbon_transport: str = "Bruggeman"
    binder_transport: str = "Bruggeman"
    film: str = "none"
    anode: str = "lithium metal"
    surface_form: str = "false"
    grain_boundaries: str = "none"

    def __post_init__(self):
        for field in (
            "separator_transport",
            "solid_electrolyte_transport",
            "active_material_transport",
            "carbon_transport",
            "binder_transport",
        ):
            value = getattr(self, field)
            if value not in LAWS:
                raise ValueError(
                    f"option {field}={value!r} is not a transport-efficiency law; "
                    f"valid: {sorted(LAWS)}"
                )
        if self.anode not in ANODE_OPTIONS:
            raise ValueError(
                f"option anode={self.anode!r} is not valid; valid: {list(ANODE_OPTIONS)}"
            )
        if self.grain_boundaries not in GRAIN_BOUNDARY_OPTIONS:
            raise ValueError(
                f"option grain_boundaries={self.grain_boundaries!r} is not valid; "
                f"valid: {list(GRAIN_BOUNDARY_OPTIONS)}"
            )
        if self.surface_form not in SURFACE_FORM_OPTIONS:
            raise ValueError(
                f"option surface_form={self.surface_form!r} is not valid; "
                f"valid: {list(SURFACE_FORM_OPTIONS)}"
            )
        if self.film not in FILM_OPTIONS:
            raise ValueError(f"option film={self.film!r} is not valid; valid: {list(FILM_OPTIONS)}")

    @classmethod
    def coerce(cls, options=None, **forced):
        """``options`` (None, a dict or CellModelOptions) as CellModelOptions, with
        the ``forced`` fields set."""
        if isinstance(options, cls):
            options = asdict(options)
        return cls(**{**(options or {}), **forced})

    def as_dict(self):
        """Return the options as a plain dict."""
        return asdict(self)
