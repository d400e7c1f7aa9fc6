"""The layout enforces itself: import direction, no private names across modules, one seam."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# room -> (package it is installed as, the only project packages it may import)
ROOMS = {
    "models": ("asslb_sim.models", {"asslb_sim.models"}),
    "parameter_sets": ("asslb_sim.parameter_sets", {"asslb_sim.parameter_sets"}),
}
# third-party packages the physics and the numbers may use
ALLOWED_THIRD_PARTY = {"pybamm", "numpy", "scipy", "casadi"}


def _modules(room):
    return sorted((ROOT / room).rglob("*.py"))


def _package_of(path, room, installed):
    parts = path.relative_to(ROOT / room).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((installed, *parts[:-1])) if parts else installed, parts


def _imports(path, room, installed):
    """(absolute module name, imported names) of every import in a file of a room."""
    package, parts = _package_of(path, room, installed)
    if path.name == "__init__.py":
        package = ".".join((installed, *parts))
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            yield module, [a.name for a in node.names]


@pytest.mark.parametrize("room", sorted(ROOMS))
def test_physics_and_numbers_import_only_their_own_room(room):
    installed, allowed = ROOMS[room]
    bad = []
    for path in _modules(room):
        for module, _ in _imports(path, room, installed):
            top = module.split(".")[0]
            if module.startswith("asslb_sim"):
                if not any(module == a or module.startswith(a + ".") for a in allowed):
                    bad.append(f"{path.relative_to(ROOT)} imports {module}")
            elif top not in ALLOWED_THIRD_PARTY and top not in _stdlib():
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not bad, bad


def _stdlib():
    import sys

    return set(sys.stdlib_module_names) | {"__future__"}


def test_no_module_imports_another_modules_private_names():
    bad = []
    for room, installed in (
        ("asslb_sim", "asslb_sim"),
        ("models", "asslb_sim.models"),
        ("parameter_sets", "asslb_sim.parameter_sets"),
        ("tests", "tests"),
        ("benchmarks", "benchmarks"),
        ("examples", "examples"),
    ):
        for path in sorted((ROOT / room).rglob("*.py")):
            for module, names in _imports(path, room, installed):
                private = [n for n in names if n.startswith("_") and not n.startswith("__")]
                if private and not module.startswith("scipy"):
                    bad.append(f"{path.relative_to(ROOT)}: from {module} import {private}")
    # scipy's numerical-differences helper is scipy's own, used as least_squares uses it
    assert not bad, bad


def test_workflows_write_no_equations():
    # a file in asslb_sim/ with pybamm.grad in it is in the wrong room (STYLE.md)
    bad = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "asslb_sim").rglob("*.py")
        if "pybamm.grad(" in p.read_text() or "pybamm.div(" in p.read_text()
    ]
    assert not bad


def test_every_build_goes_through_the_runner():
    # one simulation seam: no workflow module builds a pybamm.Simulation itself
    builders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "asslb_sim").rglob("*.py")
        if "pybamm.Simulation(" in p.read_text()
    ]
    assert builders == ["asslb_sim/simulation/runner.py"], builders


def test_import_direction_check_catches_a_planted_violation(tmp_path, monkeypatch):
    # the scan must fail on a physics module that imports the workflows
    planted = ROOT / "models" / "_planted_violation.py"
    planted.write_text("from ..errors import CellDefinitionError\n")
    try:
        with pytest.raises(AssertionError, match=r"asslb_sim\.errors"):
            test_physics_and_numbers_import_only_their_own_room("models")
    finally:
        planted.unlink()
