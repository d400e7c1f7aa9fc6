"""Named model: anode-free all-solid-state cell (Li plated from the cathode)."""

from .lithium_metal_cell import LithiumMetalCell
from .options import CellModelOptions


class AnodeFreeCell(LithiumMetalCell):
    """Bare collector (or interlayer) | single-ion SE separator | composite cathode.

    The cell is built discharged with all cyclable Li in the cathode. A formation
    charge plates Li on the collector side with a Coulombic efficiency; each
    discharge strips it and ends at the voltage cut-off or when the plated Li
    is gone ("Lithium metal exhausted").

    The submodels are those of :class:`LithiumMetalCell` with option ``anode =
    "anode-free"`` (which this class sets), so the anode is
    :class:`~asslb_sim.models.submodels.lithium_metal.PlatedLithiumAnode` (no Li at
    the start, plating efficiency, inactive Li, interlayer resistance).

    Parameters
    ----------
    options : CellModelOptions or dict, optional
        Which law each process uses.
    name : str, optional
        Model name.
    build : bool, optional
        Build the model now (default True).
    """

    def __init__(self, options=None, name="Anode-free solid-state cell", build=True):
        super().__init__(CellModelOptions.coerce(options, anode="anode-free"), name, build)
