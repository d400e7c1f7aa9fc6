#!/usr/bin/env python
"""Mutation testing of asslb-sim with cosmic-ray: are there errors the tests miss?

cosmic-ray mutates one source file in place at a time (an operator, a number, a
comparison...), runs a fast selection of tests against the mutant, and restores the
file. A mutant that the tests let pass "survived". This script gives each target module
its own fast test selection (unit-level tests and short solves, seconds per run),
runs the session, and prints the figures and every surviving mutant with its diff.

Usage (from the repository root, or anywhere: it works on the repository that holds
it)::

    python scripts/mutation.py --list                 # targets and their tests
    python scripts/mutation.py interface               # mutate, test, report
    python scripts/mutation.py interface --report      # report the last session again
    python scripts/mutation.py interface --resume      # run the mutants a session left
    python scripts/mutation.py --planted               # the planted errors of issue #18

Slow (one to two hours for models/submodels on one core) and not part of CI. On a
shared machine keep a core free: ``taskset -c 1 nice -n 10 python scripts/mutation.py
...``, one run at a time. Needs ``pip install cosmic-ray``.

The target files are modified in place while a session runs: do not edit them, run
other tests or commit meanwhile. The script refuses to start if a target file has
uncommitted changes, and restores it from git if a run is interrupted mid-mutant.
Sessions (SQLite) and their summaries are kept outside the repository, in
``$TMPDIR/asslb-sim-mutation`` (``--sessions`` to change).

Operators: all of cosmic-ray's core operators except the replacement of an arithmetic
operator by a bitwise one (<<, >>, &, |, ^): those raise TypeError on floats and PyBaMM
symbols alike, so any test that runs the line kills them, at the cost of a full test
run each (40 % of all mutants).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BITWISE = r"core/ReplaceBinaryOperator_.*_(LShift|RShift|BitOr|BitAnd|BitXor)$"
OUTSIDE_SPANS = "outside the target's spans"

UNIFORM = "tests/test_uniform_limits.py"
ALLOY = "tests/test_alloy_counter_electrode.py"
SLOTS = "tests/test_model.py::test_every_law_in_every_slot_gives_its_analytic_conductivity"
EIS = "tests/test_impedance.py"
RUN_TIME = f"{EIS}::test_surface_form_read_at_run_time_gives_every_element_its_state"
LI_ANODE = "models/submodels/lithium_metal/lithium_metal_anode.py"
SPECTRUM = "asslb_sim/impedance/cell_spectrum.py"
CIRCUIT = "tests/test_impedance_circuit.py"
CYCLING = "tests/test_cycling.py"
BAD_CYCLING = f"{CYCLING}::test_bad_cycling_inputs_are_refused_before_any_solve"
INTERLAYER_LIFE = (
    f"{CYCLING}::test_fast_estimate_ends_discharges_where_the_interlayer_"
    "potential_meets_the_cut_off"
)
BAD = "tests/test_bad_inputs.py"


@dataclass(frozen=True)
class Target:
    """Source paths to mutate (files or folders, from the root) and the tests to run.

    ``spans`` restricts the mutants of a file to parts of it (a branch added to an
    older file): ``(path, first, last)`` with ``first`` and ``last`` text that occurs
    in the file, the span running from the line where ``first`` starts to the line
    where the first ``last`` after it ends. Files of ``paths`` without a span are
    mutated whole; mutants outside every span of their file are skipped.
    """

    paths: tuple
    tests: tuple
    note: str = ""
    spans: tuple = ()


TARGETS = {
    "transport_efficiency": Target(
        ("models/submodels/transport_efficiency",), ("tests/test_laws.py", SLOTS)
    ),
    "solid_electrolyte": Target(
        ("models/submodels/solid_electrolyte",),
        (
            "tests/test_laws.py::test_effective_ionic_conductivity_adds_the_binder_path",
            UNIFORM,
            SLOTS,
        ),
    ),
    "electrode": Target(("models/submodels/electrode",), (UNIFORM, SLOTS)),
    "interface": Target(("models/submodels/interface",), (UNIFORM,)),
    "lithium_metal": Target(
        ("models/submodels/lithium_metal",), ("tests/test_anode_laws.py", UNIFORM, ALLOY)
    ),
    "active_material": Target(("models/submodels/active_material",), (UNIFORM,)),
    "diagnostics": Target(
        ("models/submodels/diagnostics",), (UNIFORM, f"{ALLOY}::test_breakdown_against_the_alloy")
    ),
    "models": Target(
        (
            "models/lithium_metal_cell.py",
            "models/anode_free_cell.py",
            "models/options.py",
            "models/mesh.py",
        ),
        (UNIFORM, "tests/test_anode_laws.py", SLOTS, "tests/test_model.py"),
        "the named models, options and meshes (models/ outside submodels/)",
    ),
    "energy": Target(
        ("asslb_sim/metrics/energy.py",),
        (
            "tests/test_energy.py::test_energy_table_levels_against_hand_masses",
            "tests/test_energy.py::test_energy_table_of_a_packaged_cell_against_hand_masses",
            "tests/test_energy.py::test_headline_energy_of_a_single_discharge",
            "tests/test_energy.py::test_energy_table_row_with_no_duration_has_no_power",
        ),
    ),
    "resistance": Target(
        ("asslb_sim/metrics/resistance.py",),
        (
            "tests/test_resistance.py::test_pulse_resistance_is_the_drop_from_the_rest_voltage",
            "tests/test_resistance.py::test_charge_discharge_resistance_from_independent_curves",
            "tests/test_resistance.py::test_bad_resistance_settings_rejected",
            "tests/test_resistance.py::test_areal_resistance_reports_the_end_of_the_pulse",
            "tests/test_resistance.py::test_areal_resistance_when_a_run_fails",
            "tests/test_resistance.py::test_areal_resistance_cases_and_figures_on_hand_made_runs",
            f"{UNIFORM}::test_areal_resistance_breakdown_rows_are_the_uniform_limits",
        ),
    ),
    "formulation": Target(
        ("asslb_sim/design/formulation.py",), ("tests/test_formulation_maths.py",)
    ),
    "microstructure": Target(
        ("asslb_sim/design/microstructure.py",),
        (
            "tests/test_laws.py",
            "tests/test_microstructure.py::test_size_ratio_threshold_closed_form",
            "tests/test_microstructure.py::test_network_thresholds_cam_is_size_independent",
            "tests/test_microstructure.py::test_percolation_efficiency_and_coverage_closed_form",
            "tests/test_microstructure.py::test_composed_cell_carries_the_laws",
            "tests/test_formulation.py::test_isolated_fraction_from_the_network_thresholds",
        ),
        "thresholds, coverage and isolated CAM of the composite cathode",
    ),
    "laws": Target(("parameter_sets/laws.py",), ("tests/test_laws.py",)),
    "double_layer": Target(
        (
            "models/submodels/interface/double_layer.py",
            "models/submodels/interface/no_double_layer.py",
            "models/submodels/interface/butler_volmer_capacitive_film.py",
        ),
        (
            f"{EIS}::test_a_coating_is_its_own_rc_element",
            f"{EIS}::test_lithium_conserved_with_double_layers",
            f"{EIS}::test_model_spectrum_is_the_equivalent_circuit",
            f"{EIS}::test_double_layers_leave_the_discharge_unchanged",
            f"{EIS}::test_a_vanishing_film_resistance_is_a_short",
            RUN_TIME,
        ),
        "the cathode's double layer, and the capacitive film (R_f || C_f)",
    ),
    "lithium_double_layer": Target(
        (
            "models/submodels/lithium_metal/interface_kinetics.py",
            "models/submodels/lithium_metal/interface_double_layer.py",
            LI_ANODE,
        ),
        (
            "tests/test_anode_laws.py",
            f"{EIS}::test_lithium_conserved_with_double_layers",
            f"{EIS}::test_li_interface_is_a_semicircle_of_the_charge_transfer_resistance",
            f"{EIS}::test_small_sinusoidal_current_gives_the_spectrum",
            "tests/test_cycling.py::test_li_metal_foil_loses_li_per_cycle_with_the_library_ce",
            "tests/test_lithium_metal.py::"
            "test_li_kinetics_and_interphase_shift_the_voltage_as_hand_calculated",
            f"{EIS}::test_double_layers_leave_the_discharge_unchanged",
            RUN_TIME,
        ),
        "the Li|SE interface (kinetics, double layer) and the anode's per-charge plating loss",
        spans=(
            (LI_ANODE, "def _efficiency", "return 1 - self._efficiency()"),
            (LI_ANODE, "def set_rhs", "def add_events_from"),
        ),
    ),
    "separator_capacitance": Target(
        (
            "models/submodels/solid_electrolyte/separator_ohm.py",
            "models/submodels/solid_electrolyte/capacitive_separator_ohm.py",
            "models/submodels/solid_electrolyte/no_grain_boundaries.py",
            "models/submodels/solid_electrolyte/grain_boundaries.py",
            "models/submodels/solid_electrolyte/capacitive_grain_boundaries.py",
        ),
        (
            f"{EIS}::test_grain_boundaries_add_their_resistance_to_a_discharge",
            f"{EIS}::test_separator_permittivity_sets_the_bulk_arc",
            f"{EIS}::test_grain_boundaries_are_their_own_rc_element",
            f"{EIS}::test_separator_adds_its_resistance_at_high_frequency",
            f"{EIS}::test_double_layers_leave_the_discharge_unchanged",
            f"{EIS}::test_separator_capacitors_charge_from_rest_to_their_ohmic_drops",
            UNIFORM,
            RUN_TIME,
        ),
        "the separator (closed form, capacitive) and its grain boundaries (every behaviour)",
    ),
    "cell_spectrum": Target(
        (SPECTRUM,),
        (
            f"{CIRCUIT}::test_contact_impedance_is_its_circuit",
            f"{CIRCUIT}::test_equivalent_circuit_is_the_series_of_its_elements",
            f"{CIRCUIT}::test_equivalent_circuit_without_grain_boundaries_or_film",
            f"{CIRCUIT}::test_process_table_rows_are_the_elements",
            f"{EIS}::test_model_spectrum_is_the_equivalent_circuit",
        ),
        "the cell's equivalent circuit and its process table",
        spans=((SPECTRUM, "def contact_impedance", "return table"),),
    ),
    "spectrum_elements": Target(
        (SPECTRUM,),
        (EIS, CIRCUIT),
        "the cell's spectrum at a state and its circuit's elements (frequencies, rest "
        "state, R and C of every process, the chemical capacities)",
        spans=((SPECTRUM, "class ImpedanceResult", "def contact_impedance"),),
    ),
    "blocking_spectrum": Target(
        (SPECTRUM,),
        (
            f"{CIRCUIT}::test_blocking_inputs_checked_before_any_solve",
            f"{CIRCUIT}::test_blocking_spectrum_is_its_circuit",
            f"{CIRCUIT}::test_blocking_spectrum_defaults_to_half_charge",
            f"{EIS}::test_blocking_cells_reach_their_dc_limits",
            f"{EIS}::test_eis_command_blocking_configuration",
        ),
        "the composite between blocking electrodes (cell_spectrum.blocking_spectrum)",
        spans=((SPECTRUM, "def blocking_spectrum", "return ImpedanceResult(spectrum, processes"),),
    ),
    "cycling_estimate": Target(
        ("asslb_sim/cycling/estimate.py",),
        (
            f"{CYCLING}::test_fast_estimate_agrees_with_full_cycling",
            f"{CYCLING}::test_estimate_simulates_through_the_threshold_and_the_cycle_asked_for",
            f"{CYCLING}::test_estimate_of_a_cell_that_loses_nothing_books_up_to_max_cycles",
            f"{CYCLING}::test_estimate_with_cam_loss_after_one_cathode_limited_cycle",
            f"{CYCLING}::test_estimate_ends_on_a_failed_cycle_with_its_reason",
            INTERLAYER_LIFE,
            BAD_CYCLING,
        ),
        "the fast estimate: steady cycles, then the Li inventory booked forward",
    ),
    "cycling_life": Target(
        ("asslb_sim/cycling/life.py",),
        (
            BAD_CYCLING,
            f"{CYCLING}::test_li_limited_anode_free_cell_retains_ce_per_cycle",
            f"{CYCLING}::test_li_excess_delays_the_fade_by_excess_over_loss_per_cycle",
            f"{CYCLING}::test_loss_booked_per_cycle_is_one_minus_ce_of_the_charge",
            f"{CYCLING}::test_table_thickness_swing_and_energy_density",
            f"{CYCLING}::test_cam_loss_isolates_capacity_and_its_li",
            f"{CYCLING}::test_li_metal_foil_loses_li_per_cycle_with_the_library_ce",
            f"{CYCLING}::test_cycling_currents_are_flagged_against_the_critical_current",
            INTERLAYER_LIFE,
        ),
        "full cycling: the per-cycle table, CAM isolation, how a discharge ended",
    ),
    "cycling_retention": Target(
        ("asslb_sim/cycling/retention.py",),
        (
            "tests/test_retention.py",
            f"{BAD}::test_bad_retention_table",
            f"{BAD}::test_bad_retention_file",
            f"{BAD}::test_bad_retention_excess",
            f"{BAD}::test_bad_retention_law_arguments",
        ),
        "from a retention curve back to the Coulombic efficiency of plating",
    ),
}
GROUPS = {
    "submodels": [
        "transport_efficiency",
        "solid_electrolyte",
        "electrode",
        "interface",
        "lithium_metal",
        "active_material",
        "diagnostics",
    ],
    "metrics": ["energy", "resistance", "formulation", "microstructure"],
    "impedance": [
        "spectrum_elements",
        "double_layer",
        "lithium_double_layer",
        "separator_capacitance",
        "cell_spectrum",
        "blocking_spectrum",
    ],
    "cycling": ["cycling_estimate", "cycling_life", "cycling_retention"],
}

# The planted errors of issue #18, each a set of (file, text, replacement), and the
# tests that must catch it: the target's fast selection, or the tests that replaced the
# ones that restated the code's own formula.
PLANTED = [
    (
        "every transport law replaced by T = 1",
        [
            (
                "models/submodels/transport_efficiency/bruggeman.py",
                'return eps ** self._parameter("Bruggeman exponent")',
                "return eps**0",
            ),
            (
                "models/submodels/transport_efficiency/tortuosity_factor.py",
                'return eps / self._parameter("tortuosity factor")',
                "return eps**0",
            ),
            (
                "models/submodels/transport_efficiency/percolation.py",
                "return pybamm.maximum(excess**mu, floor)",
                "return pybamm.maximum(excess**0, floor)",
            ),
        ],
        "submodels",
    ),
    (
        "ionic and electronic parts of the breakdown swapped (model)",
        [
            (
                "models/submodels/diagnostics/overpotential_breakdown.py",
                '"Cathode ionic overvoltage [V]": on',
                '"Cathode electronic overvoltage [V]": on',
            ),
            (
                "models/submodels/diagnostics/overpotential_breakdown.py",
                '"Cathode electronic overvoltage [V]": on\n            * weighted(phi_s',
                '"Cathode ionic overvoltage [V]": on\n            * weighted(phi_s',
            ),
        ],
        "submodels",
    ),
    (
        "ionic and electronic rows of the breakdown table swapped",
        [
            (
                "asslb_sim/metrics/resistance.py",
                '"Cathode ionic": "Cathode ionic overvoltage [V]",\n'
                '    "Cathode electronic": "Cathode electronic overvoltage [V]",',
                '"Cathode ionic": "Cathode electronic overvoltage [V]",\n'
                '    "Cathode electronic": "Cathode ionic overvoltage [V]",',
            )
        ],
        "resistance",
    ),
    (
        "Li kinetics of the wrong sign on charge",
        [
            (
                "models/submodels/lithium_metal/lithium_metal_anode.py",
                "pybamm.arcsinh(i / (2 * j0))",
                "pybamm.arcsinh(pybamm.AbsoluteValue(i) / (2 * j0))",
            )
        ],
        "submodels",
    ),
    (
        "ionic-network factor dropped from the isolated-CAM percolation law",
        [
            (
                "asslb_sim/design/microstructure.py",
                "return min(1 - f_el * f_ion, 1 - 1e-9)",
                "return min(1 - f_el, 1 - 1e-9)",
            )
        ],
        "microstructure",
    ),
    (
        "CAM conductivity rising with the Li content instead of the Li removed",
        [
            (
                "parameter_sets/laws.py",
                "return sigma * 10 ** (k * (1 - sto)) * arrhenius",
                "return sigma * 10 ** (k * sto) * arrhenius",
            )
        ],
        "laws",
    ),
    (
        "exchange current's lithiation factor dropped",
        [
            (
                "parameter_sets/laws.py",
                "return j0_half * shape * arrhenius",
                "return j0_half * arrhenius",
            )
        ],
        (UNIFORM,),
    ),
    (
        "contact coverage's theta^n dropped from the diffusivity",
        [
            (
                "parameter_sets/laws.py",
                "return theta**n * D_ref * 10**shape * arrhenius",
                "return D_ref * 10**shape * arrhenius",
            )
        ],
        (UNIFORM,),
    ),
    (
        "measured conductivity table interpolated linearly",
        [
            (
                "asslb_sim/design/cathode.py",
                "return 0.1 * 10 ** float(np.interp(cam_fraction, x, np.log10(y)))",
                "return 0.1 * float(np.interp(cam_fraction, x, y))",
            )
        ],
        ("tests/test_model.py::test_measured_law_gives_the_measured_conductivity",),
    ),
    (
        "carbon term of the electronic conductivity halved",
        [
            (
                "models/submodels/electrode/composite_electronic_ohm.py",
                "return sigma_am * tor_am + sigma_c * tor_c",
                "return sigma_am * tor_am + sigma_c * tor_c / 2",
            )
        ],
        "submodels",
    ),
    (
        "contact coverage applied twice",
        [
            (
                "models/submodels/interface/base_solid_kinetics.py",
                "j = theta * j_c",
                "j = theta * theta * j_c",
            )
        ],
        "submodels",
    ),
    (
        "discharge energy 0.5 % high (mean voltage = energy / capacity still holds)",
        [
            (
                "asslb_sim/simulate.py",
                "energy = (e_wh[-1] - e_wh[0]) / (cell.area_cm2 * 1e-4)",
                "energy = 1.005 * (e_wh[-1] - e_wh[0]) / (cell.area_cm2 * 1e-4)",
            )
        ],
        ("tests/test_capacity.py::test_mean_voltage_and_energy_from_the_curve",),
    ),
    (
        "plated Li 1 % high (N/P excess = N/P x the code's own plated Li still holds)",
        [
            (
                "asslb_sim/design/compose.py",
                "kind.compose_inventory(anode, values, moles / c_li)",
                "kind.compose_inventory(anode, values, 1.01 * moles / c_li)",
            )
        ],
        ("tests/test_anode_free.py::test_n_p_ratio_sets_the_excess",),
    ),
]


def _tests_of(name):
    if isinstance(name, tuple):
        return list(name)
    names = GROUPS.get(name, [name])
    tests = []
    for n in names:
        tests += [t for t in TARGETS[n].tests if t not in tests]
    return tests


def _test_command(tests):
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]


def _environment():
    env = dict(os.environ)
    env.update({"MPLBACKEND": "Agg", "PYBAMM_DISABLE_TELEMETRY": "1"})
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant and its file may share an mtime
    return env


def _git(*args):
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def _dirty(paths):
    return _git("status", "--porcelain", "--", *paths).strip()


def _restore(paths):
    """Restore ``paths`` from git if a run left a mutant behind (they were clean)."""
    if _dirty(paths):
        print(f"restoring {', '.join(paths)} from git (a mutant was left behind)")
        _git("checkout", "HEAD", "--", *paths)


def _cosmic_ray(*args, check=True):
    tool = Path(sys.executable).with_name("cosmic-ray")
    command = [str(tool)] if tool.exists() else [sys.executable, "-m", "cosmic_ray.cli"]
    return subprocess.run([*command, *args], cwd=ROOT, env=_environment(), check=check)


def _config(target, tests, timeout):
    command = " ".join(_test_command(tests))
    paths = ", ".join(f'"{p}"' for p in target.paths)
    return f"""[cosmic-ray]
module-path = [{paths}]
timeout = {timeout:.0f}
excluded-modules = []
test-command = "{command}"

[cosmic-ray.distributor]
name = "local"

[cosmic-ray.filters.operators-filter]
exclude-operators = ['{BITWISE}']
"""


def _line_spans(spans):
    """{path: [(first line, last line), ...]} of ``spans`` (see :class:`Target`)."""
    lines = {}
    for path, first, last in spans:
        text = (ROOT / path).read_text()
        if text.count(first) != 1:
            sys.exit(f"span start {first!r} is not found exactly once in {path}")
        start = text.index(first)
        end = text.find(last, start)
        if end < 0:
            sys.exit(f"span end {last!r} is not found after {first!r} in {path}")
        span = (text[:start].count("\n") + 1, text[: end + len(last)].count("\n") + 1)
        lines.setdefault(str(Path(path)), []).append(span)
    return lines


def _skip_outside_spans(session, spans):
    """Mark the mutants of a spanned file that lie outside its spans as skipped."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    lines = _line_spans(spans)
    with use_db(session, WorkDB.Mode.open) as db:
        outside = [
            item.job_id
            for item in db.pending_work_items
            if any(
                str(Path(m.module_path)) in lines
                and not any(
                    a <= m.end_pos[0] and m.start_pos[0] <= b
                    for a, b in lines[str(Path(m.module_path))]
                )
                for m in item.mutations
            )
        ]
        if outside:
            db.set_multiple_results(
                outside, WorkResult(output=OUTSIDE_SPANS, worker_outcome=WorkerOutcome.SKIPPED)
            )


def _baseline(tests):
    start = time.perf_counter()
    run = subprocess.run(
        _test_command(tests), cwd=ROOT, env=_environment(), capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"the tests fail on unmutated code:\n{run.stdout[-3000:]}")
    return elapsed


def run_target(name, sessions, resume=False):
    """Mutate ``name``'s files and run its tests on each mutant; with ``resume``, run only
    the mutants its last session left pending (an interrupted or stopped session: those
    run keep their outcome, the rest run with the target's current tests)."""
    target = TARGETS[name]
    tests = list(target.tests)
    if _dirty(target.paths):
        sys.exit(
            f"{name}: uncommitted changes in {target.paths}; commit them first (a mutation "
            "run modifies these files in place)"
        )
    folder = sessions / name
    folder.mkdir(parents=True, exist_ok=True)
    _line_spans(target.spans)  # each span is found, before any run
    print(f"{name}: baseline run of {len(tests)} test selection(s)...", flush=True)
    baseline = _baseline(tests)
    # a mutant may slow the solver down (tiny steps, retries) rather than break it: it
    # is killed at 5 times the unmutated run (at least a minute)
    timeout = max(60.0, 5 * baseline)
    config = folder / "config.toml"
    session = folder / "session.sqlite"
    config.write_text(_config(target, tests, timeout))
    earlier = 0.0
    if resume:
        if not session.exists():
            sys.exit(f"{name}: no session in {folder} to resume; run it first")
        if (folder / "summary.json").exists():
            earlier = json.loads((folder / "summary.json").read_text()).get("time [s]") or 0.0
    else:
        session.unlink(missing_ok=True)
    start = time.perf_counter()
    try:
        if not resume:
            _cosmic_ray("init", str(config), str(session))
            filter_tool = Path(sys.executable).with_name("cr-filter-operators")
            subprocess.run([str(filter_tool), str(session), str(config)], cwd=ROOT, check=True)
            _skip_outside_spans(session, target.spans)
        _cosmic_ray("exec", str(config), str(session))
    finally:
        _restore(target.paths)
    elapsed = earlier + time.perf_counter() - start
    summary = report(name, sessions, elapsed=elapsed, baseline=baseline)
    (folder / "summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def report(name, sessions, elapsed=None, baseline=None, quiet=False):
    """Figures of a session, and every surviving mutant with its diff."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    folder = sessions / name
    session = folder / "session.sqlite"
    if not session.exists():
        sys.exit(f"{name}: no session in {folder}; run it first")
    counts = Counter()
    survivors = []
    with use_db(session, WorkDB.Mode.open) as db:
        pending = sum(1 for _ in db.pending_work_items)
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                if result.output == OUTSIDE_SPANS:
                    counts["skipped (outside the spans)"] += 1
                else:
                    counts["skipped (bitwise operators)"] += 1
            elif result.worker_outcome != WorkerOutcome.NORMAL:
                counts[str(result.worker_outcome)] += 1
            elif result.test_outcome == TestOutcome.KILLED:
                counts["killed"] += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                counts["survived"] += 1
                m = item.mutations[0]
                survivors.append(
                    {
                        "where": f"{m.module_path}:{m.start_pos[0]}",
                        "operator": m.operator_name.removeprefix("core/"),
                        "occurrence": m.occurrence,
                        "diff": result.diff,
                    }
                )
            else:
                counts[str(result.test_outcome)] += 1
    if elapsed is None and (folder / "summary.json").exists():
        previous = json.loads((folder / "summary.json").read_text())
        elapsed, baseline = previous.get("time [s]"), previous.get("baseline [s]")
    tested = counts["killed"] + counts["survived"]
    summary = {
        "target": name,
        "paths": list(TARGETS[name].paths),
        "tests": list(TARGETS[name].tests),
        "mutants": tested,
        "killed": counts["killed"],
        "survived": counts["survived"],
        "killed [%]": round(100 * counts["killed"] / tested, 1) if tested else None,
        "other outcomes": {k: v for k, v in counts.items() if k not in ("killed", "survived")},
        "pending": pending,
        "time [s]": round(elapsed) if elapsed is not None else None,
        "baseline [s]": round(baseline, 1) if baseline is not None else None,
        "survivors": survivors,
    }
    if not quiet:
        print(
            f"\n{name}: {tested} mutants, {counts['killed']} killed, {counts['survived']} "
            f"survived ({summary['killed [%]']} % killed); other: {summary['other outcomes']}; "
            f"pending {pending}; time {summary['time [s]']} s (one test run "
            f"{summary['baseline [s]']} s)"
        )
        for s in survivors:
            print(f"\n--- survived: {s['where']} {s['operator']} #{s['occurrence']}")
            print((s["diff"] or "").strip())
    return summary


def planted():
    """Apply each planted error in turn, run the tests that should catch it, restore."""
    results = []
    for description, edits, tests in PLANTED:
        files = sorted({f for f, _, _ in edits})
        if _dirty(files):
            sys.exit(f"uncommitted changes in {files}; commit them first")
        originals = {f: (ROOT / f).read_text() for f in files}
        try:
            for f, old, new in edits:
                text = (ROOT / f).read_text()
                if text.count(old) != 1:
                    sys.exit(f"planted error {description!r}: {old!r} not found once in {f}")
                (ROOT / f).write_text(text.replace(old, new))
            selection = _tests_of(tests)
            run = subprocess.run(
                _test_command(selection), cwd=ROOT, env=_environment(), capture_output=True
            )
        finally:
            for f, text in originals.items():
                (ROOT / f).write_text(text)
        caught = run.returncode != 0
        results.append((description, caught))
        print(f"{'caught' if caught else 'MISSED'}: {description}", flush=True)
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", help=f"one of {[*TARGETS, *GROUPS]}")
    parser.add_argument("--list", action="store_true", help="list the targets and their tests")
    parser.add_argument("--report", action="store_true", help="report the last session only")
    parser.add_argument(
        "--resume", action="store_true", help="run the mutants the last session left pending"
    )
    parser.add_argument("--planted", action="store_true", help="check the planted errors")
    parser.add_argument(
        "--sessions",
        type=Path,
        default=Path(tempfile.gettempdir()) / "asslb-sim-mutation",
        help="folder of the sessions (outside the repository)",
    )
    args = parser.parse_args(argv)
    if args.list:
        for name, target in TARGETS.items():
            print(f"{name}: {', '.join(target.paths)}")
            for path, first, last in target.spans:
                print(f"    only in {path}: from {first!r} to {last!r}")
            for test in target.tests:
                print(f"    {test}")
        for group, names in GROUPS.items():
            print(f"{group}: {', '.join(names)}")
        return 0
    if args.planted:
        return 0 if all(caught for _, caught in planted()) else 1
    if args.target is None:
        parser.error("give a target (--list shows them)")
    names = GROUPS.get(args.target, [args.target])
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}; valid: {[*TARGETS, *GROUPS]}")
    if ROOT in args.sessions.resolve().parents or args.sessions.resolve() == ROOT:
        parser.error("--sessions must be outside the repository")
    summaries = [
        report(n, args.sessions) if args.report else run_target(n, args.sessions, args.resume)
        for n in names
    ]
    if len(summaries) > 1:
        print("\ntarget                 mutants  killed  survived  killed %  time [s]")
        for s in summaries:
            print(
                f"{s['target']:22s} {s['mutants']:7d} {s['killed']:7d} {s['survived']:9d} "
                f"{s['killed [%]']!s:>9} {s['time [s]']!s:>9}"
            )
        mutants = sum(s["mutants"] for s in summaries)
        killed = sum(s["killed"] for s in summaries)
        if mutants:
            print(
                f"{'total':22s} {mutants:7d} {killed:7d} {mutants - killed:9d} "
                f"{100 * killed / mutants:9.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
