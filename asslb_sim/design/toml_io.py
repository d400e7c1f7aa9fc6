"""Cell definition files (TOML): read and write."""

from __future__ import annotations

from pathlib import Path

import tomllib

from ..errors import CellDefinitionError
from .cell import Cell, from_dict, from_preset


def from_toml(path):
    """Read a cell definition file (format in the README)."""
    path = Path(path)
    if not path.is_file():
        raise CellDefinitionError(f"cell file {str(path)!r} does not exist")
    try:
        doc = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        text = " ".join(str(exc).split())
        raise CellDefinitionError(f"cell file {str(path)!r} is not valid TOML: {text}") from None
    except UnicodeDecodeError:
        raise CellDefinitionError(f"cell file {str(path)!r} is not a text (TOML) file") from None
    if not doc:
        raise CellDefinitionError(
            f"cell file {str(path)!r} is empty; give at least one section, e.g. "
            '[cell] preset = "default" for the default cell'
        )
    return from_dict(doc, source=str(path))


def load_cell(spec="default"):
    """Return a cell from a preset name, a TOML file path, or a :class:`Cell`."""
    if isinstance(spec, Cell):
        return spec
    spec = str(spec)
    if spec.endswith(".toml") or Path(spec).is_file():
        return from_toml(spec)
    return from_preset(spec)


def c_rate_basis(cell):
    """What 1C means for ``cell`` (a Cell, preset name or file): its
    :attr:`~asslb_sim.design.Cell.basis`, computed once when the cell was made."""
    return load_cell(cell).basis


def cell_document(cell, name=None):
    """The cell-file sections of ``cell`` (what :func:`write_cell_file` writes)."""
    doc = {"cell": {"name": name or cell.name}}
    if cell.nominal_capacity is not None:
        doc["cell"]["nominal_capacity_mAh_cm2"] = float(cell.nominal_capacity)
    for section, entries in cell.design.items():
        if section in ("cell", "model") or not entries:
            continue
        doc[section] = entries
    options = {k: v for k, v in cell.model_options.items() if k != "anode"}
    if options:
        doc["model"] = options
    return doc


def write_cell_file(cell, path, header="", name=None):
    """Write ``cell`` as a cell file (TOML) that :func:`from_toml` reads back.

    Every value is in the design's sections (a fitted conductivity as
    ``cathode.se_conductivity_mS_cm``); parameters without a design key in
    ``[parameters]``. ``header`` lines become comments.
    """
    import tomli_w

    text = tomli_w.dumps(cell_document(cell, name))
    Path(path).write_text("".join(f"# {line}\n" for line in header.splitlines()) + text)
    return path
