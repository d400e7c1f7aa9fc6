"""The cells of a study's designs: a base cell with dotted cell-file keys applied."""

from __future__ import annotations

import hashlib
import json

from ..design import from_dict
from ..errors import CellDefinitionError


def design_id(values):
    """A stable identifier of a design from its values."""
    text = json.dumps(sorted((k, repr(float(v))) for k, v in values.items()))
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def check_study_keys(base, keys):
    """Refuse, before any design is run, varied keys that no design could take: unknown
    sections, keys and mass-fraction phases, text keys, and PyBaMM parameters the base
    cell does not have.

    Parameters
    ----------
    base : Cell
        The study's base cell.
    keys : sequence of str
        The varied dotted keys.

    Raises
    ------
    CellDefinitionError
        Naming the key and the valid ones.
    """
    from ..design.schema import SCHEMA, Quantity, check_keys

    for key in keys:
        where = f"study.parameters.{key}"
        section, _, rest = key.partition(".")
        if section == "parameters":
            if rest not in base.parameter_values:
                raise CellDefinitionError(
                    f"{where}: {rest!r} is not a parameter of the base cell {base.name!r} "
                    "(PyBaMM names are case- and unit-sensitive)"
                )
            continue
        if rest.startswith("mass_fractions."):
            phases = SCHEMA.get(section, {}).get("mass_fractions")
            phase = rest.split(".", 1)[1]
            if not isinstance(phases, dict) or phase not in phases:
                valid = sorted(phases) if isinstance(phases, dict) else []
                raise CellDefinitionError(
                    f"{where}: not a mass-fraction key; valid phases of {section}: {valid}"
                )
            continue
        spec = SCHEMA.get(section, {}).get(rest)
        if spec is not None and not isinstance(spec, Quantity):
            raise CellDefinitionError(
                f"{where}: not a numeric key (a name, a choice or a table); a study varies "
                "numeric cell-file keys only"
            )
        try:
            check_keys({section: {rest: 1.0}})
        except CellDefinitionError as exc:
            raise CellDefinitionError(f"{where}: {exc}") from None


def design_cell(base, values):
    """The cell of one design: ``base`` with the varied keys applied.

    Keys are dotted cell-file keys (``"separator.thickness_um"``) or
    ``"parameters.<PyBaMM name>"``; ``"cathode.mass_fractions.<phase>"`` changes
    one mass fraction and the solid electrolyte takes up the difference.
    """
    doc = {}
    for key, value in values.items():
        section, _, rest = key.partition(".")
        if section == "parameters":
            doc.setdefault("parameters", {})[rest] = value
        elif rest.startswith("mass_fractions."):
            phase = rest.split(".", 1)[1]
            fractions = dict(
                doc.get(section, {}).get("mass_fractions")
                or base.design.get(section, {}).get("mass_fractions")
                or {}
            )
            if not fractions:
                raise CellDefinitionError(f"{key}: the base cell's {section} has no mass_fractions")
            fractions[phase] = value
            if phase != "solid_electrolyte":
                others = sum(v for k, v in fractions.items() if k != "solid_electrolyte")
                fractions["solid_electrolyte"] = 1 - others
            doc.setdefault(section, {})["mass_fractions"] = fractions
        else:
            doc.setdefault(section, {})[rest] = value
    return from_dict(doc, source="design", base=base)
