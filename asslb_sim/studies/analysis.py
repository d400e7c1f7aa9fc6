"""Reading a study's results: the best design under a constraint."""

from __future__ import annotations


def best_design(results, objective="Specific energy [W.h.kg-1]", c_rate=1.0, constraint=None):
    """The design maximising ``objective`` at ``c_rate`` among those meeting ``constraint``.

    ``constraint`` is a function of the per-design table (rows of that C-rate) that
    returns a boolean mask, e.g. ``lambda t: t["Discharge capacity [mA.h.cm-2]"] >=
    0.8 * t["Nominal capacity [mA.h.cm-2]"]``.
    """
    table = results[(results["C-rate"] == c_rate) & (results["Status"] == "ok")]
    if constraint is not None:
        table = table[constraint(table)]
    if table.empty:
        return None
    return table.loc[table[objective].idxmax()]
