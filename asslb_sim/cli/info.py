"""``asslb-sim energy``, ``describe`` and ``materials``: what a cell and the library hold."""

from __future__ import annotations

import sys


def add_parsers(sub):
    energy = sub.add_parser("energy", help="bill of materials: mass and volume per layer")
    energy.add_argument("--cell", default="default", help="preset name or TOML cell file")
    energy.set_defaults(run=run_energy)
    describe = sub.add_parser(
        "describe",
        help="derived microstructure of a cell (fractions, loadings, effective properties)",
    )
    describe.add_argument("--cell", default="default", help="preset name or TOML cell file")
    describe.set_defaults(run=run_describe)
    materials = sub.add_parser("materials", help="list the materials library with sources")
    materials.add_argument("--kind", default=None, help="only this kind (e.g. 'solid electrolyte')")
    materials.add_argument(
        "--full-sources", action="store_true", help="print every source in full (long rows)"
    )
    materials.set_defaults(run=run_materials)


def run_energy(args):
    from ..metrics import bill_of_materials

    bom = bill_of_materials(args.cell)
    print(f"Repeating unit ({bom.stacking} stacking), charged state, per electrode area:")
    print(bom.layers.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    print(f"Stack: {bom.stack_mass * 100:.3f} mg/cm2, {bom.stack_thickness * 1e6:.1f} um")
    if bom.cell_mass is not None:
        print(f"Cell (packaged): {bom.cell_mass * 1e3:.2f} g, {bom.cell_volume * 1e6:.3f} cm3")
    else:
        print("Cell: no [packaging] layers/electrode_area_cm2 given; figures are stack level")
    return 0


def run_describe(args):
    from ..describe import describe

    table = describe(args.cell)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.4g}"))
    return 0


def run_materials(args):
    from ..describe import materials_table

    table = materials_table()
    if args.kind is not None:
        kinds = sorted(set(table["Kind"]))
        if args.kind not in kinds:
            print(
                f"asslb-sim: error: --kind {args.kind!r} is not a material kind; known: {kinds}",
                file=sys.stderr,
            )
            return 2
        table = table[table["Kind"] == args.kind]
    import textwrap

    import pandas as pd

    if not args.full_sources:
        table = table.assign(
            Source=[textwrap.shorten(s, 60, placeholder=" ...") for s in table["Source"]]
        )
    with pd.option_context("display.max_colwidth", None, "display.width", 250):
        text_columns = ["Kind", "Material", "Property", "Unit", "Source"]
        widths = {c: max(len(c), *(len(v) for v in table[c])) for c in text_columns}
        formatters = {c: (lambda v, w=widths[c]: v.ljust(w)) for c in text_columns}
        print(
            table.to_string(
                index=False,
                formatters=formatters,
                float_format=lambda x: f"{x:.4g}",
                na_rep="",
                justify="left",
            )
        )
    if not args.full_sources:
        print("(sources shortened; --full-sources prints them whole; values in SI units)")
    return 0
