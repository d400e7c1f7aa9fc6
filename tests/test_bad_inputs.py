"""A catalogue of bad inputs (issue #15): each gets a clear outcome.

Cell files, study files, fit data and command-line flags: a ``CellDefinitionError``
or the command's exit status 2 with one line on stderr naming the field (and the
valid range where there is one), raised before any solve: the ``no_solve``
fixture makes every solve of the runner fail the test. Extreme physics: a
flagged result with a short reason.
"""

from __future__ import annotations

import math
import socket

import pytest

from asslb_sim.cli import main
from asslb_sim.design import from_dict, from_toml
from asslb_sim.design.schema import quantities
from asslb_sim.errors import CellDefinitionError
from asslb_sim.simulation import Runner
from asslb_sim.studies import Study, load_study, run_study

DIFFUSIVITY = "Positive particle diffusivity at reference temperature [m2.s-1]"
GOOD_FIT = f"{DIFFUSIVITY}:1e-16:1e-13"
CURVE = "Specific capacity [mA.h.g-1],Voltage [V]\n10,4.1\n20,4.0\n30,3.9\n"
RATES = "Specific capacity [mA.h.g-1],C-rate\n190,0.1\n150,1\n"
STUDY = '[parameters]\n"separator.thickness_um" = [20, 40]\n'
# an impedance spectrum in Ohm (an R-RC, 12 frequencies from 1 MHz to 0.1 Hz)
OHM_SPECTRUM = "Frequency [Hz],Z' [Ohm],Z'' [Ohm]\n" + "".join(
    f"{10 ** (6 - 7 * k / 11):.6g},{10 + 40 / (1 + (10 ** (6 - 7 * k / 11) / 40) ** 2):.6g},"
    f"{-40 * (10 ** (6 - 7 * k / 11) / 40) / (1 + (10 ** (6 - 7 * k / 11) / 40) ** 2):.6g}\n"
    for k in range(12)
)


@pytest.fixture
def no_solve(monkeypatch):
    """Every solve of the runner fails the test: errors must come before any solve."""

    def solved(*args, **kwargs):
        raise AssertionError("a solve ran before the bad input was reported")

    for name in ("solve", "charge", "experiment", "cycle"):
        monkeypatch.setattr(Runner, name, solved)


def run_cli(argv):
    """The exit status of ``asslb-sim argv`` (argparse's own errors exit)."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def one_line_error(capsys, status, words):
    """Exit status 2 and one stderr line naming ``words``; nothing on stdout."""
    captured = capsys.readouterr()
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert status == 2, captured.err
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("asslb-sim") and "error:" in lines[0], lines[0]
    assert "Traceback" not in captured.err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# --- cell files: every numeric key below and above its range --------------------------

# keys that only apply with other keys: the section they need to be read at all
CONTEXT = {
    "anode.interlayer_thickness_um": {"anode": {"material": "anode-free", "interlayer": "Ag-C"}},
    "anode.coulombic_efficiency": {"anode": {"material": "anode-free", "interlayer": "Ag-C"}},
    "anode.interlayer_first_charge_loss_um": {
        "anode": {"material": "anode-free", "interlayer": "Ag-C"}
    },
    "anode.alloy_thickness_um": {"anode": {"material": "In/InLi"}},
    "anode.lithium_atomic_fraction": {"anode": {"material": "In/InLi"}},
    "packaging.layers": {"packaging": {"electrode_area_cm2": 10.0}},
    "packaging.electrode_area_cm2": {"packaging": {"layers": 10}},
}


def out_of_range_values():
    for key, q in quantities():
        for side, value in (("below", q.low - 1), ("above", 2 * q.high + 1)):
            if math.isfinite(value):
                yield pytest.param(key, value, id=f"{key}-{side}")


@pytest.mark.parametrize(("key", "value"), list(out_of_range_values()))
def test_out_of_range_cell_key(key, value):
    section, *rest = key.split(".")
    doc = {s: dict(entries) for s, entries in CONTEXT.get(key, {}).items()}
    entries = doc.setdefault(section, {})
    if len(rest) == 2:
        entries[rest[0]] = {rest[1]: value}
    else:
        entries[rest[0]] = value
    with pytest.raises(CellDefinitionError) as info:
        from_dict(doc)
    text = str(info.value)
    assert rest[-1] in text and "valid range" in text and "\n" not in text, text


CELL_FILES = [
    ("empty", "", ["is empty", "[cell]"]),
    ("comments only", "# nothing here\n", ["is empty"]),
    ("invalid TOML", "[separator\nthickness_um = 3\n", ["not valid TOML"]),
    ("unknown section", "[separatr]\nthickness_um = 30\n", ["unknown section", "separator"]),
    ("unknown key", "[separator]\nthicknes_um = 30\n", ["separator.thicknes_um", "valid"]),
    ("text for a number", '[separator]\nthickness_um = "30"\n', ["separator.thickness_um"]),
    ("bool for a number", "[separator]\nthickness_um = true\n", ["separator.thickness_um"]),
    ("NaN", "[separator]\nthickness_um = nan\n", ["separator.thickness_um", "valid range"]),
    ("infinity", "[cathode]\nthickness_um = inf\n", ["cathode.thickness_um", "valid range"]),
    ("section not a table", "cathode = 3\n", ["[cathode] must be a table"]),
    ("unknown preset", '[cell]\npreset = "nope"\n', ["unknown preset", "NMC811"]),
    (
        "unknown material",
        '[cathode]\nactive_material = "unobtainium"\n',
        ["cathode.active_material", "unobtainium"],
    ),
    ("name too long", '[cell]\nname = "' + "x" * 5000 + '"\n', ["cell.name", "[0, 256]"]),
    ("packaging without area", "[packaging]\nlayers = 10\n", ["packaging.electrode_area_cm2"]),
    (
        "footprint below electrode",
        "[packaging]\nlayers = 2\nelectrode_area_cm2 = 10\nfootprint_area_cm2 = 1\n",
        ["packaging.footprint_area_cm2", "valid range"],
    ),
    (
        "layers not whole",
        "[packaging]\nlayers = 2.5\nelectrode_area_cm2 = 10\n",
        ["packaging.layers", "whole number"],
    ),
    (
        "fractions not summing to 1",
        "[cathode.mass_fractions]\nactive_material = 0.9\nsolid_electrolyte = 0.3\n",
        ["cathode.mass_fractions", "must be 1"],
    ),
    (
        "unknown phase",
        "[cathode.mass_fractions]\nactive_material = 0.7\nsolid_electrolyte = 0.3\nglue = 0\n",
        ["cathode.mass_fractions", "glue"],
    ),
    ("unknown parameter", '[parameters]\n"Nope [m]" = 1\n', ["Nope [m]"]),
    (
        "critical current zero",
        "[anode]\ncritical_current_density_mA_cm2 = 0\n",
        ["anode.critical_current_density_mA_cm2", "valid range (0, 1000] mA/cm2"],
    ),
    (
        "stripping critical current as text",
        '[anode]\nstripping_critical_current_density_mA_cm2 = "2"\n',
        ["anode.stripping_critical_current_density_mA_cm2", "(0, 1000] mA/cm2"],
    ),
    (
        "critical current by PyBaMM name, negative",
        '[parameters]\n"Critical current density [A.m-2]" = -5\n',
        ["anode.critical_current_density_mA_cm2", "valid range"],
    ),
    (
        "stack pressure negative",
        "[operation]\nstack_pressure_MPa = -2\n",
        ["operation.stack_pressure_MPa", "valid range (0, 1000] MPa"],
    ),
    (
        "critical current for an anode-free cell, too high",
        '[anode]\nmaterial = "anode-free"\ncritical_current_density_mA_cm2 = 5000\n',
        ["anode.critical_current_density_mA_cm2", "valid range"],
    ),
    ("parameter text", f'[parameters]\n"{DIFFUSIVITY}" = "x"\n', [DIFFUSIVITY]),
]


@pytest.mark.parametrize(
    ("text", "words"), [p[1:] for p in CELL_FILES], ids=[p[0] for p in CELL_FILES]
)
def test_bad_cell_file(tmp_path, text, words):
    path = tmp_path / "cell.toml"
    path.write_text(text)
    with pytest.raises(CellDefinitionError) as info:
        from_toml(path)
    assert "\n" not in str(info.value)
    for word in words:
        assert word in str(info.value), str(info.value)


def test_binary_cell_file(tmp_path):
    path = tmp_path / "cell.toml"
    path.write_bytes(b"\x00\x01\xff\xfe")
    with pytest.raises(CellDefinitionError, match="not a text"):
        from_toml(path)


# --- study files ------------------------------------------------------------------------

STUDY_FILES = [
    (
        "grid of 1e9 points",
        '[parameters]\n"separator.thickness_um" = {min = 10, max = 20, num = 1000000000}\n',
        ["num", "[1, 10000000]"],
    ),
    (
        "grid product too large",
        "[parameters]\n"
        '"separator.thickness_um" = {min = 10, max = 20, num = 10000}\n'
        '"cathode.thickness_um" = {min = 50, max = 100, num = 10000}\n',
        ["100,000,000 designs", "valid range [1, 10,000,000]"],
    ),
    (
        "latin hypercube of 1e9",
        '[study]\nsampling = "latin-hypercube"\nsamples = 1000000000\n'
        '[parameters]\n"separator.thickness_um" = {min = 10, max = 20}\n',
        ["study.samples", "[1, 1000000]"],
    ),
    (
        "random of 1e9",
        '[study]\nsampling = "random"\nsamples = 1000000000\n'
        '[parameters]\n"separator.thickness_um" = {min = 10, max = 20}\n',
        ["study.samples", "[1, 10000000]"],
    ),
    ("samples missing", '[study]\nsampling = "random"\n' + STUDY, ["study.samples"]),
    ("samples a bool", '[study]\nsampling = "random"\nsamples = true\n' + STUDY, ["samples"]),
    ("typo in [study]", "[study]\nc_rate = [1]\n" + STUDY, ["c_rate", "valid"]),
    ("unknown section", "[studdy]\nname = 'x'\n" + STUDY, ["studdy", "valid"]),
    ("no parameters", "[study]\nname = 'x'\n", ["study.parameters", "at least one"]),
    ("c_rates a string", '[study]\nc_rates = "1"\n' + STUDY, ["study.c_rates", "(0, 100]"]),
    ("c_rate zero", "[study]\nc_rates = [0]\n" + STUDY, ["study.c_rates", "(0, 100]"]),
    ("c_rate repeated", "[study]\nc_rates = [1, 1]\n" + STUDY, ["study.c_rates", "twice"]),
    ("chunk_size zero", "[study]\nchunk_size = 0\n" + STUDY, ["study.chunk_size", "[1, inf)"]),
    ("chunk_size bool", "[study]\nchunk_size = true\n" + STUDY, ["study.chunk_size"]),
    ("rtol too loose", "[study]\nrtol = 0.1\n" + STUDY, ["study.rtol", "[1e-8, 1e-3]"]),
    ("seed not whole", "[study]\nseed = 1.5\n" + STUDY, ["study.seed", "whole number"]),
    ("asr text", '[study]\nasr = "yes"\n' + STUDY, ["study.asr", "true or false"]),
    ("name empty", '[study]\nname = ""\n' + STUDY, ["study.name", "1 to 256"]),
    ("compile maybe", '[study]\ncompile = "maybe"\n' + STUDY, ["study.compile"]),
    ("charge garbage", '[study]\ncharge = "fast"\n' + STUDY, ["charge"]),
    ("mesh unknown", '[study]\nmesh = "fine"\n' + STUDY, ["study.mesh"]),
    ("sampling unknown", '[study]\nsampling = "sobol"\n' + STUDY, ["study.sampling", "grid"]),
    (
        "value of the wrong type",
        '[parameters]\n"separator.thickness_um" = [10, "a"]\n',
        ["separator.thickness_um", "'a'", "list of numbers"],
    ),
    (
        "bool value",
        '[parameters]\n"separator.thickness_um" = [10, true]\n',
        ["separator.thickness_um", "True"],
    ),
    ("empty list", '[parameters]\n"separator.thickness_um" = []\n', ["separator.thickness_um"]),
    ("scalar value", '[parameters]\n"separator.thickness_um" = 10\n', ["separator.thickness_um"]),
    (
        "min text",
        '[parameters]\n"separator.thickness_um" = {min = "a", max = 20, num = 2}\n',
        ["separator.thickness_um.min", "finite number"],
    ),
    (
        "min above max",
        '[parameters]\n"separator.thickness_um" = {min = 30, max = 20, num = 2}\n',
        ["separator.thickness_um", "min < max"],
    ),
    (
        "num a float",
        '[parameters]\n"separator.thickness_um" = {min = 10, max = 20, num = 2.5}\n',
        ["separator.thickness_um.num", "whole number"],
    ),
    (
        "num zero",
        '[parameters]\n"separator.thickness_um" = {min = 10, max = 20, num = 0}\n',
        ["separator.thickness_um.num", "[1, 10000000]"],
    ),
    (
        "log from zero",
        '[parameters]\n"separator.thickness_um" = {min = 0, max = 20, num = 3, log = true}\n',
        ["separator.thickness_um", "min > 0"],
    ),
    (
        "log not a bool",
        '[parameters]\n"separator.thickness_um" = {min = 1, max = 20, num = 3, log = "yes"}\n',
        ["separator.thickness_um.log", "true or false"],
    ),
    (
        "unknown range field",
        '[parameters]\n"separator.thickness_um" = {min = 1, max = 20, step = 3}\n',
        ["separator.thickness_um", "step", "valid"],
    ),
    (
        "list with random sampling",
        '[study]\nsampling = "random"\nsamples = 3\n' + STUDY,
        ["separator.thickness_um", "grid sampling"],
    ),
    ("key without a dot", "[parameters]\nthickness = [1, 2]\n", ["'thickness'", "dotted"]),
    (
        "bare cell name not beside the study",
        '[study]\ncell = "mycell"\n' + STUDY,
        ["study.cell", "'mycell'", "neither a preset"],
    ),
    ("cell a number", "[study]\ncell = 3\n" + STUDY, ["study.cell"]),
]


@pytest.mark.parametrize(
    ("text", "words"), [p[1:] for p in STUDY_FILES], ids=[p[0] for p in STUDY_FILES]
)
def test_bad_study_file(tmp_path, no_solve, text, words):
    path = tmp_path / "study.toml"
    path.write_text(text)
    with pytest.raises(CellDefinitionError) as info:
        load_study(path)
    assert "\n" not in str(info.value)
    for word in words:
        assert word in str(info.value), str(info.value)


STUDY_KEYS = [
    ("separator.thicknes_um", ["separator.thicknes_um", "valid"]),
    ("separatr.thickness_um", ["separatr", "valid"]),
    ("cathode.active_material", ["cathode.active_material", "not a numeric key"]),
    ("cathode.mass_fractions.glue", ["mass_fractions.glue", "active_material"]),
    ("parameters.Nope [m]", ["'Nope [m]'", "not a parameter of the base cell"]),
]


@pytest.mark.parametrize(("key", "words"), STUDY_KEYS, ids=[k for k, _ in STUDY_KEYS])
def test_unknown_study_key_is_refused_before_any_design(tmp_path, no_solve, key, words):
    study = Study(parameters={key: [0.1, 0.2]})
    with pytest.raises(CellDefinitionError) as info:
        run_study(study, tmp_path / "out", progress=False)
    for word in words:
        assert word in str(info.value), str(info.value)
    assert not list((tmp_path / "out").glob("part-*"))  # no design was run


def test_study_cell_beside_the_study_file_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    (tmp_path / "there" / "thin").write_text("[separator]\nthickness_um = 20\n")
    (tmp_path / "here" / "thin").write_text("[separator]\nthickness_um = 30\n")
    (tmp_path / "there" / "study.toml").write_text('[study]\ncell = "thin"\n' + STUDY)
    monkeypatch.chdir(tmp_path / "here")
    study = load_study(tmp_path / "there" / "study.toml")
    assert study.cell == str(tmp_path / "there" / "thin")


# --- fit data and fit requests ---------------------------------------------------------

FIT_DATA = [
    ("binary file", {"d.csv": b"\x00\x01\xff\xfe"}, [], ["d.csv", "not a text"]),
    ("header only", {"d.csv": "Specific capacity [mA.h.g-1],C-rate\n"}, [], ["no data rows"]),
    ("no data at all", {"d.csv": "# nothing\n"}, [], ["d.csv", "no data"]),
    (
        "curve without its voltage column",
        {"d.csv": "Specific capacity [mA.h.g-1],C-rate\n10,1\n20,1\n30,1\n"},
        [],
        ["'C-rate' = 1 is listed twice", "'Voltage [V]'"],
    ),
    (
        "curve without voltage, kind stated",
        {"d.csv": "Specific capacity [mA.h.g-1],C-rate\n10,1\n20,0.5\n"},
        ["--kind", "curves"],
        ["no 'Voltage [V]' column"],
    ),
    (
        "voltage in a rate table",
        {"d.csv": CURVE},
        ["--kind", "rates", "--c-rate", "1"],
        ["rate table"],
    ),
    (
        "rate table listing 1C twice",
        {"d.csv": "Specific capacity [mA.h.g-1],C-rate\n190,1\n150,1\n"},
        [],
        ["'C-rate' = 1 is listed twice"],
    ),
    (
        "two rate tables at one C-rate",
        {"d.csv": RATES, "e.csv": "Specific capacity [mA.h.g-1],C-rate\n100,1\n"},
        [],
        ["e.csv", "'C-rate' = 1 is listed twice"],
    ),
    (
        "two curves at one C-rate",
        {"d.csv": CURVE, "e.csv": CURVE},
        ["--c-rate", "1"],
        ["e.csv", "curve at 1C is already given"],
    ),
    (
        "current density listed twice",
        {"d.csv": "Specific capacity [mA.h.g-1],Current density [mA.cm-2]\n100,1\n90,1\n"},
        [],
        ["'Current density [mA.cm-2]' = 1 is listed twice"],
    ),
    (
        "negative capacity",
        {"d.csv": "Specific capacity [mA.h.g-1],C-rate\n-5,1\n"},
        [],
        ["negative capacities"],
    ),
    (
        "voltage out of range",
        {"d.csv": "Specific capacity [mA.h.g-1],Voltage [V],C-rate\n1,4,1\n2,40,1\n3,3,1\n"},
        [],
        ["'Voltage [V]' row 2", "valid range (0, 6] V"],
    ),
    (
        "capacity not increasing",
        {"d.csv": "Specific capacity [mA.h.g-1],Voltage [V],C-rate\n1,4,1\n1,3.9,1\n3,3,1\n"},
        [],
        ["not increasing"],
    ),
    (
        "two points",
        {"d.csv": "Specific capacity [mA.h.g-1],Voltage [V],C-rate\n1,4,1\n2,3.9,1\n"},
        [],
        ["2 points", "at least 3"],
    ),
    (
        "text in a number column",
        {"d.csv": "Specific capacity [mA.h.g-1],C-rate\nabc,1\n"},
        [],
        ["'Specific capacity [mA.h.g-1]' row 1", "not a number"],
    ),
    (
        "no capacity column",
        {"d.csv": "Capacity [mAh],C-rate\n1,1\n"},
        [],
        ["no capacity column", "valid headers"],
    ),
    (
        "two capacity columns",
        {"d.csv": "Specific capacity [mA.h.g-1],Discharge capacity [mA.h.cm-2],C-rate\n1,1,1\n"},
        [],
        ["one capacity column"],
    ),
    ("headerless without options", {"d.csv": "1,4\n2,3.9\n3,3.8\n"}, [], ["headerless", "unit"]),
    (
        "headerless with three columns",
        {"d.csv": "1,4,1\n2,3.9,1\n3,3.8,1\n"},
        ["--unit", "mA.h.g-1", "--c-rate", "1"],
        ["2 columns", "found 3"],
    ),
    ("C-rate of zero", {"d.csv": CURVE}, ["--c-rate", "0"], ["c_rate", "(0, 100]"]),
    (
        "two voltage columns",
        {"d.csv": "Specific capacity [mA.h.g-1],Voltage [V],Voltage vs Li [V]\n1,4,4.6\n"},
        ["--c-rate", "1"],
        ["d.csv", "one voltage column", "not both"],
    ),
    (
        "a vs-Li column stated vs In/InLi",
        {"d.csv": CURVE.replace("Voltage [V]", "Voltage vs Li [V]")},
        ["--c-rate", "1", "--voltage-vs", "In/InLi"],
        ["d.csv", "'Voltage vs Li [V]' column with voltage_vs = 'In/InLi'"],
    ),
    (
        "curves on two scales",
        {
            "d.csv": "Specific capacity [mA.h.g-1],Voltage [V],C-rate\n1,4,1\n2,3.9,1\n3,3.8,1\n",
            "e.csv": "Specific capacity [mA.h.g-1],Voltage vs Li [V],C-rate\n1,4,2\n2,3.9,2\n"
            "3,3.8,2\n",
        },
        [],
        ["e.csv", "voltages vs Li but earlier curves are vs the cell", "one scale"],
    ),
    (
        "In/InLi data for a Li-metal cell",
        {"d.csv": CURVE},
        ["--c-rate", "1", "--voltage-vs", "In/InLi"],
        ["voltages vs In/InLi", "counter electrode is Li", "anode.material = 'Li metal'"],
    ),
    ("missing file", {}, [], ["nope.csv", "does not exist"]),
]


@pytest.mark.parametrize(
    ("files", "flags", "words"), [p[1:] for p in FIT_DATA], ids=[p[0] for p in FIT_DATA]
)
def test_bad_fit_data(tmp_path, monkeypatch, capsys, no_solve, files, flags, words):
    monkeypatch.chdir(tmp_path)
    for name, content in files.items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(name, mode) as handle:
            handle.write(content)
    data = list(files) or ["nope.csv"]
    status = main(["fit", "--data", *data, "--fit", GOOD_FIT, "--out", "fit", *flags])
    one_line_error(capsys, status, words)


FIT_REQUESTS = [
    ("unknown parameter", ["--fit", "Nope [m]:1:2"], ["'Nope [m]'", "not a parameter"]),
    ("bounds reversed", ["--fit", f"{DIFFUSIVITY}:1e-13:1e-16"], ["lower < upper"]),
    ("bounds not numbers", ["--fit", f"{DIFFUSIVITY}:a:b"], ["NAME:LOW:HIGH"]),
    (
        "lower bound below the valid range",
        ["--fit", f"{DIFFUSIVITY}:-1:1e-13"],
        ["lower bound -1", "valid range (0, 1e-08] m2/s"],
    ),
    (
        "upper bound above the valid range",
        ["--fit", f"{DIFFUSIVITY}:1e-16:1"],
        ["upper bound 1", "valid range (0, 1e-08] m2/s"],
    ),
    ("initial outside", ["--fit", f"{DIFFUSIVITY}:1e-16:1e-13:1e-10"], ["initial", "outside"]),
    ("listed twice", ["--fit", GOOD_FIT, "--fit", GOOD_FIT], ["listed twice"]),
    ("no evaluations", ["--fit", GOOD_FIT, "--max-evaluations", "0"], ["[1, 100000]"]),
    ("negative evaluations", ["--fit", GOOD_FIT, "--max-evaluations", "-3"], ["[1, 100000]"]),
    ("evaluations not whole", ["--fit", GOOD_FIT, "--max-evaluations", "2.5"], ["invalid int"]),
    ("unknown backend", ["--fit", GOOD_FIT, "--backend", "adam"], ["--backend", "scipy"]),
    ("unknown unit", ["--fit", GOOD_FIT, "--unit", "Ah"], ["--unit", "mA.h.g-1"]),
    ("unknown voltage scale", ["--fit", GOOD_FIT, "--voltage-vs", "In"], ["--voltage-vs", "Li"]),
    (
        "composed parameter",
        ["--fit", "Positive electrode active material volume fraction:0.5:0.7"],
        ["composed from the design"],
    ),
    ("function parameter", ["--fit", "Positive particle radius [m]:1e-7:1e-5"], ["Positive"]),
]


@pytest.mark.parametrize(
    ("flags", "words"), [p[1:] for p in FIT_REQUESTS], ids=[p[0] for p in FIT_REQUESTS]
)
def test_bad_fit_request(tmp_path, monkeypatch, capsys, no_solve, flags, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rates.csv").write_text(RATES)
    status = run_cli(["fit", "--data", "rates.csv", "--out", "fit", *flags])
    one_line_error(capsys, status, words)


# --- command-line flags ----------------------------------------------------------------


def closed_port():
    """A local TCP port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FLAGS = [
    ("rc --out at a file", ["rate-capability", "--out", "afile"], ["--out", "existing file"]),
    (
        "rc --out under a file",
        ["rate-capability", "--out", "afile/sub"],
        ["--out", "cannot write", "afile/sub"],
    ),
    ("asr --out at a file", ["asr", "--out", "afile"], ["--out", "existing file"]),
    (
        "fit --out at a file",
        ["fit", "--data", "rates.csv", "--fit", GOOD_FIT, "--out", "afile"],
        ["--out", "existing file"],
    ),
    ("sweep --out at a file", ["sweep", "study.toml", "--out", "afile"], ["--out", "existing"]),
    (
        "fit-conductivity --out at a file",
        ["fit-conductivity", "rates.csv", "--out", "afile"],
        ["--out", "existing file"],
    ),
    ("validate --out at a file", ["validate", "--out", "afile"], ["--out", "existing file"]),
    ("--charge 0", ["rate-capability", "--charge", "0"], ["--charge", "'0'"]),
    ("--charge 0,0.02", ["rate-capability", "--charge", "0,0.02"], ["charge.c_rate", "(0, 100]"]),
    ("--charge text", ["rate-capability", "--charge", "fast"], ["--charge", "'fast'"]),
    ("--c-rates text", ["rate-capability", "--c-rates", "a"], ["--c-rates", "'a'"]),
    ("--c-rates empty", ["rate-capability", "--c-rates", ","], ["--c-rates", "at least one"]),
    ("--c-rates 0", ["rate-capability", "--c-rates", "0"], ["--c-rates", "(0, 100]"]),
    ("--c-rates 1000", ["rate-capability", "--c-rates", "1000"], ["--c-rates", "(0, 100]"]),
    ("--cell missing file", ["rate-capability", "--cell", "no.toml"], ["no.toml", "not exist"]),
    ("--cell unknown preset", ["energy", "--cell", "nope"], ["unknown preset", "'nope'"]),
    ("--cell empty file", ["describe", "--cell", "empty.toml"], ["empty.toml", "is empty"]),
    ("asr --soc 2", ["asr", "--soc", "2"], ["soc", "(0, 1]"]),
    ("asr --soc text", ["asr", "--soc", "half"], ["--soc", "invalid float"]),
    ("asr --duration 0", ["asr", "--duration", "0"], ["duration"]),
    ("asr --current-density -1", ["asr", "--current-density", "-1"], ["current"]),
    ("asr --duration too long", ["asr", "--duration", "1e6"], ["--duration", "(0, 36000] s"]),
    (
        "compare --duration 0",
        ["compare", "default", "default", "--duration", "0"],
        ["--duration", "0.0", "(0, 36000] s"],
    ),
    (
        "compare --duration negative",
        ["compare", "default", "default", "--duration", "-10"],
        ["--duration", "-10.0", "(0, 36000] s"],
    ),
    (
        "compare --duration too long",
        ["compare", "default", "default", "--duration", "1e6"],
        ["--duration", "1000000.0", "(0, 36000] s"],
    ),
    (
        "compare --duration nan",
        ["compare", "default", "default", "--duration", "nan"],
        ["--duration", "nan", "(0, 36000] s"],
    ),
    (
        "compare --duration text",
        ["compare", "default", "default", "--duration", "long"],
        ["--duration", "invalid float", "'long'"],
    ),
    (
        "compare --soc 0",
        ["compare", "default", "default", "--soc", "0"],
        ["--soc", "0.0", "(0, 1]"],
    ),
    ("sweep missing study", ["sweep", "nope.toml"], ["nope.toml", "does not exist"]),
    ("sweep binary study", ["sweep", "binary.toml"], ["binary.toml", "not a text"]),
    ("sweep --workers 0", ["sweep", "study.toml", "--workers", "0"], ["--workers", "[1, inf)"]),
    (
        "sweep --map unknown keys",
        ["sweep", "study.toml", "--map", "a", "b"],
        ["--map", "['a', 'b']", "separator.thickness_um"],
    ),
    (
        "sweep --map one key twice",
        ["sweep", "study2.toml", "--map", "separator.thickness_um", "separator.thickness_um"],
        ["--map", "twice"],
    ),
    (
        "sweep --map-c-rate not studied",
        [
            "sweep",
            "study2.toml",
            "--map",
            "separator.thickness_um",
            "cathode.thickness_um",
            "--map-c-rate",
            "3",
        ],
        ["--map-c-rate", "3", "[1.0]"],
    ),
    (
        "sweep --scheduler garbage",
        ["sweep", "study.toml", "--scheduler", "tcp://"],
        ["--scheduler"],
    ),
    ("materials --kind unknown", ["materials", "--kind", "glue"], ["--kind", "'glue'"]),
    ("validate --only unknown", ["validate", "--only", "nope"], ["unknown dataset", "nope"]),
    (
        "fit-conductivity binary table",
        ["fit-conductivity", "binary.toml", "--out", "fc"],
        ["binary.toml"],
    ),
    ("fit-conductivity --void 2", ["fit-conductivity", "cond.csv", "--void", "2"], ["void"]),
    (
        "eis-conductivity missing file",
        ["eis-conductivity", "none.csv", "--thickness-um", "100", "--out", "e"],
        ["none.csv", "does not exist"],
    ),
    (
        "eis-conductivity wrong columns",
        ["eis-conductivity", "rates.csv", "--thickness-um", "100", "--out", "e"],
        ["rates.csv", "Frequency [Hz]", "found"],
    ),
    (
        "eis-conductivity binary spectrum",
        ["eis-conductivity", "binary.toml", "--thickness-um", "100", "--out", "e"],
        ["binary.toml"],
    ),
    (
        "eis-conductivity Ohm without area",
        ["eis-conductivity", "ohm.csv", "--thickness-um", "100", "--out", "e"],
        ["ohm.csv", "absolute", "--area-cm2"],
    ),
    (
        "eis-conductivity no thickness",
        ["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
        ["--thickness-um", "required"],
    ),
    (
        "eis-conductivity thickness 0",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "0",
        ],
        ["--thickness-um", "0.0", "(0, inf)"],
    ),
    (
        "eis-conductivity thickness text",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "thick",
        ],
        ["--thickness-um", "'thick'"],
    ),
    (
        "eis-conductivity three thicknesses for two spectra",
        [
            *["eis-conductivity", "ohm.csv", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "90",
            "100",
            "110",
        ],
        ["--thickness-um", "3 values for 2 spectra"],
    ),
    (
        "eis-conductivity --separator-arc with a value",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            *["--thickness-um", "100", "--separator-arc=yes"],
        ],
        ["--separator-arc", "'yes'"],
    ),
    (
        "eis-conductivity area 0",
        ["eis-conductivity", "ohm.csv", "--area-cm2", "0", "--thickness-um", "100"],
        ["--area-cm2", "0.0", "(0, inf)"],
    ),
    (
        "eis-conductivity cam fraction 1.5",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--cam-fraction",
            "1.5",
        ],
        ["--cam-fraction", "1.5", "(0, 1)"],
    ),
    (
        "eis-conductivity --table without cam fraction",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--table",
            "t.csv",
        ],
        ["--table", "--cam-fraction"],
    ),
    (
        "eis-conductivity --table at a folder",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--cam-fraction",
            "0.5",
            "--table",
            ".",
        ],
        ["--table", "folder"],
    ),
    (
        "eis-conductivity mixed --table without --phase",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--cam-fraction",
            "0.5",
            "--table",
            "t.csv",
            "--configuration",
            "mixed",
        ],
        ["--phase", "mixed"],
    ),
    (
        "eis-conductivity void fraction 1",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--void-fraction",
            "1",
        ],
        ["--void-fraction", "[0, 1)"],
    ),
    (
        "eis-conductivity f-min above f-max",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--f-min",
            "10",
            "--f-max",
            "1",
        ],
        ["--f-min", "f_min < f_max"],
    ),
    (
        "eis-conductivity window with too few points",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--f-min",
            "1",
            "--f-max",
            "2",
        ],
        ["ohm.csv", "points", "at least 10"],
    ),
    (
        "eis-conductivity series resistance -1",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--series-ohm-cm2",
            "-1",
        ],
        ["--series-ohm-cm2", "(0, inf)"],
    ),
    (
        "eis-conductivity unknown configuration",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--configuration",
            "blocking",
        ],
        ["--configuration", "'blocking'"],
    ),
    (
        "eis-conductivity --cycle on a CSV",
        [
            *["eis-conductivity", "ohm.csv", "--area-cm2", "0.8", "--out", "e"],
            "--thickness-um",
            "100",
            "--cycle",
            "2",
        ],
        ["cycle", "BioLogic files only"],
    ),
    (
        "eis-conductivity --out at a file",
        [
            "eis-conductivity",
            "ohm.csv",
            "--area-cm2",
            "0.8",
            "--thickness-um",
            "100",
            "--out",
            "afile",
        ],
        ["--out", "existing file"],
    ),
    ("cycle --cycles 0", ["cycle", "--cycles", "0"], ["--cycles", "[1, 100000]"]),
    ("cycle --cycles text", ["cycle", "--cycles", "many"], ["--cycles", "invalid int"]),
    ("cycle --charge text", ["cycle", "--charge", "0.5,x"], ["--charge", "'0.5,x'"]),
    ("cycle --charge 0", ["cycle", "--charge", "0"], ["--charge (C-rate)", "(0, 100]"]),
    (
        "cycle --charge CV above the charge",
        ["cycle", "--charge", "0.5,1"],
        ["--charge (CV cut-off C-rate)", "below the charge C-rate"],
    ),
    (
        "cycle --discharge-c-rate 0",
        ["cycle", "--discharge-c-rate", "0"],
        ["--discharge-c-rate", "(0, 100]"],
    ),
    ("cycle --rest -1", ["cycle", "--rest", "-1"], ["--rest", "[0, 1440] min"]),
    ("cycle --threshold 1", ["cycle", "--threshold", "1"], ["--threshold", "(0, 1)"]),
    ("cycle --mesh unknown", ["cycle", "--mesh", "fine"], ["mesh", "'fine'"]),
    ("cycle --cell unknown", ["cycle", "--cell", "nope"], ["unknown preset", "'nope'"]),
    ("cycle --out at a file", ["cycle", "--out", "afile"], ["--out", "existing file"]),
    ("unknown command", ["simulate"], ["invalid choice", "'simulate'"]),
    ("unknown flag", ["rate-capability", "--fast"], ["unrecognized arguments", "--fast"]),
]


@pytest.mark.parametrize("argv", [p[1] for p in FLAGS], ids=[p[0] for p in FLAGS])
def test_bad_flag(tmp_path, monkeypatch, capsys, no_solve, argv):
    words = {tuple(p[1]): p[2] for p in FLAGS}[tuple(argv)]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "rates.csv").write_text(RATES)
    (tmp_path / "empty.toml").write_text("")
    (tmp_path / "binary.toml").write_bytes(b"\x00\x01\xff\xfe")
    (tmp_path / "study.toml").write_text(STUDY)
    (tmp_path / "study2.toml").write_text(STUDY + '"cathode.thickness_um" = [80, 100]\n')
    (tmp_path / "cond.csv").write_text("cam_volume_fraction,sigma_mS_cm\n0.5,0.1\n0.6,0.05\n")
    (tmp_path / "ohm.csv").write_text(OHM_SPECTRUM)
    status = run_cli([*argv, "--no-progress"] if argv[0] == "rate-capability" else argv)
    one_line_error(capsys, status, words)


@pytest.fixture
def no_dask_client(monkeypatch):
    """Connecting a Dask client fails the test: a dead scheduler must be reported by the
    up-front check (a 5 s TCP connect; a refused local port answers at once), not after
    Dask's own 30 s wait."""
    import dask.distributed

    def connect(*args, **kwargs):
        raise AssertionError("a Dask client was connected before the address was checked")

    monkeypatch.setattr(dask.distributed, "Client", connect)


def test_dead_scheduler_is_reported_before_dask(tmp_path, capsys, no_solve, no_dask_client):
    (tmp_path / "study.toml").write_text(STUDY)
    address = f"tcp://127.0.0.1:{closed_port()}"
    argv = ["sweep", str(tmp_path / "study.toml"), "--out", str(tmp_path / "out")]
    status = main([*argv, "--scheduler", address])
    one_line_error(capsys, status, ["--scheduler", "no Dask scheduler answers", address])


@pytest.mark.parametrize(
    ("address", "words"),
    [
        (None, ["scheduler", "no Dask scheduler answers"]),  # None: a closed local port
        ("tcp://", ["scheduler", "'tcp://'", "not an address"]),
        ("tcp://127.0.0.1:99999", ["scheduler", "not an address"]),
        (8786, ["scheduler", "8786", "not an address"]),
    ],
    ids=["closed port", "no host", "port out of range", "not text"],
)
def test_library_refuses_a_dead_scheduler(tmp_path, no_solve, no_dask_client, address, words):
    address = f"tcp://127.0.0.1:{closed_port()}" if address is None else address
    with pytest.raises(CellDefinitionError) as info:
        run_study(
            Study(parameters={"separator.thickness_um": [20]}),
            tmp_path / "out",
            scheduler=address,
            progress=False,
        )
    text = str(info.value)
    assert "\n" not in text and text.startswith("scheduler: ")
    for word in [*words, repr(address)]:
        assert word in text, text
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_debug_shows_the_traceback(tmp_path, capsys):
    (tmp_path / "empty.toml").write_text("")
    with pytest.raises(CellDefinitionError, match="is empty"):
        main(["--debug", "energy", "--cell", str(tmp_path / "empty.toml")])


def test_an_unexpected_error_is_one_line_pointing_to_debug(monkeypatch, capsys):
    def broken(args):
        raise RuntimeError("something\ninside broke")

    from asslb_sim.cli import info

    monkeypatch.setattr(info, "run_describe", broken)
    line = one_line_error(capsys, main(["describe"]), ["RuntimeError", "--debug"])
    assert "something inside broke" in line


def test_bad_critical_current_by_python_before_any_solve(no_solve):
    from asslb_sim.simulate import rate_capability

    cell = from_dict({})
    with pytest.raises(CellDefinitionError) as info:
        rate_capability(
            cell.with_parameters(**{"Stripping critical current density [A.m-2]": math.nan})
        )
    text = str(info.value)
    assert "Stripping critical current density" in text and "\n" not in text, text


# --- retention tables (cycling.retention): one line naming the problem -----------------

RETENTION_TABLES = [
    ("missing column", {"Cycle": [1, 2], "Capacity retention [%]": [99, 98]}, ["Cycle number"]),
    ("text", {"Cycle number": [1, 2], "Capacity retention [%]": [99, "x"]}, ["row 2", "'x'"]),
    ("NaN", {"Cycle number": [1, math.nan], "Capacity retention [%]": [99, 98]}, ["row 2"]),
    ("one row", {"Cycle number": [1], "Capacity retention [%]": [99]}, ["at least 2"]),
    ("cycle zero", {"Cycle number": [0, 2], "Capacity retention [%]": [99, 98]}, ["above 0"]),
    ("cycles repeat", {"Cycle number": [5, 5], "Capacity retention [%]": [99, 98]}, ["increase"]),
    (
        "fraction not percent",
        {"Cycle number": [1, 2], "Capacity retention [%]": [0.99, 180.0]},
        ["row 2", "valid range (0, 150] %"],
    ),
    (
        "negative retention",
        {"Cycle number": [1, 2], "Capacity retention [%]": [99, -1]},
        ["valid range (0, 150] %"],
    ),
    ("no fade", {"Cycle number": [1, 2], "Capacity retention [%]": [100, 100]}, ["100 %"]),
]


@pytest.mark.parametrize(
    ("columns", "words"), [p[1:] for p in RETENTION_TABLES], ids=[p[0] for p in RETENTION_TABLES]
)
def test_bad_retention_table(columns, words):
    import pandas as pd

    from asslb_sim.cycling import implied_coulombic_efficiency

    with pytest.raises(CellDefinitionError) as info:
        implied_coulombic_efficiency(pd.DataFrame(columns))
    text = str(info.value)
    assert "\n" not in text, text
    for word in words:
        assert word in text, text


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, ["no such file"]), ("", ["not a readable CSV"]), ("a,b\n1,2\n", ["missing column"])],
    ids=["missing file", "empty file", "wrong columns"],
)
def test_bad_retention_file(tmp_path, content, words):
    from asslb_sim.cycling import implied_coulombic_efficiency

    path = tmp_path / "retention.csv"
    if content is not None:
        path.write_text(content)
    with pytest.raises(CellDefinitionError) as info:
        implied_coulombic_efficiency(path)
    text = str(info.value)
    assert "\n" not in text and str(path) in text, text
    for word in words:
        assert word in text, text


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"excess": -1.0}, ["excess", "[0, inf)"]),
        ({"excess": 1.0}, ["capacity", "needed with a Li excess"]),
        ({"excess": 1.0, "capacity": 0.0}, ["capacity", "(0, inf)"]),
    ],
    ids=["negative excess", "excess without capacity", "zero capacity"],
)
def test_bad_retention_excess(kwargs, words):
    from asslb_sim.cycling import LEE_2020, check_printed_efficiency

    with pytest.raises(CellDefinitionError) as info:
        check_printed_efficiency(0.998, LEE_2020, **kwargs)
    for word in words:
        assert word in str(info.value), str(info.value)
    with pytest.raises(CellDefinitionError, match=r"printed coulombic efficiency: 1\.2"):
        check_printed_efficiency(1.2, LEE_2020)


@pytest.mark.parametrize(
    ("function", "args", "words"),
    [
        ("fade_delay", ("2", 0.999, 4.0), ["excess: '2'", "[0, inf)"]),
        ("fade_delay", (2.0, 0.999, None), ["capacity: None", "(0, inf)"]),
        ("fade_delay", (2.0, 0.999, math.inf), ["capacity: inf", "(0, inf)"]),
        ("fade_delay", (2.0, "0.999", 4.0), ["coulombic_efficiency: '0.999'", "(0, 1]"]),
        ("retention_model", ([1, 2], 0.999, 2.0, None), ["capacity: None", "(0, inf)"]),
        ("retention_model", ([1, 2], 0.999, "2", 4.0), ["excess: '2'", "[0, inf)"]),
        ("retention_model", ([1, 2], 1.5), ["coulombic_efficiency: 1.5", "(0, 1]"]),
    ],
    ids=[
        "delay excess text",
        "delay no capacity",
        "delay infinite capacity",
        "delay CE text",
        "model excess without capacity",
        "model excess text",
        "model CE above 1",
    ],
)
def test_bad_retention_law_arguments(function, args, words):
    import asslb_sim.cycling as cycling

    with pytest.raises(CellDefinitionError) as info:
        getattr(cycling, function)(*args)
    text = str(info.value)
    assert "\n" not in text, text
    for word in words:
        assert word in text, text


# --- extreme physics: a flagged result with a short reason -----------------------------

EXTREME = [
    ("100C", {}, 100.0),
    ("SE 1000x less conductive", {"separator": {"conductivity_mS_cm": 0.003}}, 2.0),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sections", "c_rate"), [p[1:] for p in EXTREME], ids=[p[0] for p in EXTREME]
)
def test_extreme_physics_is_flagged_with_a_short_reason(sections, c_rate):
    from asslb_sim.simulate import rate_capability

    cell = from_dict(sections)
    row = rate_capability(cell, [c_rate], progress=False).summary.iloc[0]
    nominal = row["Nominal capacity [mA.h.cm-2]"]
    # flagged: it ends below its cut-off at the start or delivers under 5 % of nominal
    flagged = row["Termination"] != "voltage cut-off" or (
        row["Discharge capacity [mA.h.cm-2]"] < 0.05 * nominal
    )
    assert flagged, row.to_dict()
    assert row["Termination"] in (
        "voltage cut-off",
        "below cut-off at start",
        "no consistent start",
    )
    assert len(row["Message"]) <= 240  # short: no dump of the inputs (outcomes.short's limit)


def test_a_cell_below_its_cut_off_prints_no_solver_errors(tmp_path):
    """SUNDIALS prints its errors from C, past Python's sys.stderr: only a process of its
    own shows whether they reach the terminal."""
    import os
    import subprocess
    import sys

    code = "import sys; from asslb_sim.cli import main; sys.exit(main(sys.argv[1:]))"
    # 60C on the default cell: no consistent state at t = 0, the failure IDA used to
    # print six "[ERROR][rank 0][.../idas_ic.c...]" lines for
    argv = ["rate-capability", "--c-rates", "60", "--no-progress", "--out", "out"]
    run = subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    # the flagged result keeps its reason
    assert "60C: no consistent start: the solver found no consistent state" in run.stdout
    for marker in ("[ERROR]", "sundials", "IDA", "rank 0"):
        assert marker not in run.stderr, run.stderr
