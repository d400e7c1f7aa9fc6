"""Several cells side by side: the same rate test and areal-resistance breakdown for each.

:func:`compare_cells` runs :func:`~asslb_sim.simulate.rate_capability`,
:func:`~asslb_sim.metrics.energy_table` and
:func:`~asslb_sim.metrics.areal_resistance` on every cell, and gathers one
summary table (one row per cell and C-rate) for ``asslb-sim compare``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .design import load_cell
from .errors import CellDefinitionError
from .metrics import areal_resistance, energy_table
from .simulate import rate_capability
from .simulation import Pulse, check_c_rates

# columns of the rate test's summary carried into the comparison table
RATE_COLUMNS = [
    "C-rate",
    "Discharge capacity [mA.h.cm-2]",
    "Specific capacity [mA.h.g-1]",
    "Mean voltage [V]",
    "Discharge energy [W.h.m-2]",
    "Specific energy [W.h.kg-1]",
    "Energy density [W.h.L-1]",
    "Energy level",
    "Termination",
]


@dataclass(frozen=True)
class CellComparison:
    """Result of :func:`compare_cells`.

    Attributes
    ----------
    labels : list of str
        One label per cell, unique (the cell's name, or its file or preset name
        where two cells share a name).
    results : dict
        Label -> :class:`~asslb_sim.simulate.RateCapabilityResult`.
    energy : dict
        Label -> energy table (:func:`~asslb_sim.metrics.energy_table`).
    resistance : dict
        Label -> :class:`~asslb_sim.metrics.ResistanceResult`; a cell whose pulse
        failed has none (its summary rows say why in "ASR note").
    summary : pandas.DataFrame
        One row per cell and C-rate: "Cell", the rate test's capacity, mean
        voltage and energy columns, and the resistance breakdown as
        "<process> [Ohm.cm2]" columns with "ASR total [Ohm.cm2]" and
        "ASR pulse [Ohm.cm2]".
    """

    labels: list
    results: dict
    energy: dict
    resistance: dict
    summary: pd.DataFrame


def cell_labels(cells, sources):
    """Unique labels of ``cells``: their names, or the names they were given by
    (``sources``) where names repeat, numbered if those repeat too."""
    names = [cell.name for cell in cells]
    labels = [
        name if names.count(name) == 1 else f"{name} ({Path(str(source)).stem})"
        for name, source in zip(names, sources, strict=True)
    ]
    return [
        label if labels.count(label) == 1 else f"{label} #{k + 1}" for k, label in enumerate(labels)
    ]


def compare_cells(
    cells, c_rates=(0.1, 0.5, 1, 2), charge="auto", soc=0.5, duration=10.0, progress=False
):
    """The rate test and the areal-resistance breakdown of several cells.

    Parameters
    ----------
    cells : list of (str, Path or Cell)
        At least 2 cells: preset names, TOML cell files or cells.
    c_rates : sequence of float
        The C-rates of every cell's rate test (each against its own 1C).
    charge : Charge, None or "auto"
        As in :func:`~asslb_sim.simulate.rate_capability`.
    soc : float
        State of charge of the resistance pulse, in (0, 1].
    duration : float
        Duration of the resistance pulse [s], in (0, 36000]; its current is each
        cell's 1C.
    progress : bool
        Show a progress bar over the cells.

    Returns
    -------
    CellComparison
    """
    if isinstance(cells, (str, Path)) or len(cells) < 2:
        raise CellDefinitionError("compare: give at least 2 cells (preset names or cell files)")
    rates = check_c_rates(c_rates, "c_rates")
    Pulse(None, duration, soc)  # the pulse's settings, checked before any solve
    loaded = [load_cell(cell) for cell in cells]  # every cell checked before any solve
    labels = cell_labels(loaded, cells)
    iterator = zip(labels, loaded, strict=True)
    if progress:
        from tqdm import tqdm

        iterator = tqdm(list(iterator), desc="cells", unit="cell")
    results, energy, resistance, rows = {}, {}, {}, []
    for label, cell in iterator:
        result = rate_capability(cell, rates, charge=charge)
        results[label] = result
        energy[label] = energy_table(result, cell)
        table = result.summary[RATE_COLUMNS].copy()
        table.insert(0, "Cell", label)
        try:
            asr = areal_resistance(cell, soc=soc, duration=duration)
        except CellDefinitionError as exc:
            # a pulse that fails (a cell too resistive for 1C) is this cell's finding: the
            # others' results stand, its resistance columns are empty and say why
            table = table.assign(**{"ASR note": str(exc)})
            rows.append(table)
            continue
        resistance[label] = asr
        parts = {
            f"{row['Process']} [Ohm.cm2]": row["Areal resistance [Ohm.cm2]"]
            for row in asr.breakdown.to_dict("records")
            if row["Process"] != "Total"
        }
        total = asr.breakdown["Areal resistance [Ohm.cm2]"].iloc[-1]
        table = table.assign(
            **parts, **{"ASR total [Ohm.cm2]": total, "ASR pulse [Ohm.cm2]": asr.pulse}
        )
        rows.append(table)
    return CellComparison(labels, results, energy, resistance, pd.concat(rows, ignore_index=True))
