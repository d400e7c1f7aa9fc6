"""The cell's equivalent circuit, its process table and the blocking spectra, against
circuits assembled here from their elements (series, parallel, capacitor) and the
transmission lines' closed forms as the papers write them (Bisquert, PCCP 2, 4185
(2000)), not as the code evaluates them (it uses forms regular at small nu).

The elements are hand-made and all different (no coefficient 1, no two equal), with a
grain boundary and a film, so that a swapped or dropped element shows.
"""

import numpy as np
import pytest

from asslb_sim.impedance import equivalent_circuit_impedance
from asslb_sim.impedance.cell_spectrum import contact_impedance, process_table

R_GAS, F, EPS0 = 8.314462618, 96485.33212, 8.8541878128e-12

ELEMENTS = {
    "Temperature [K]": 310.0,
    "Separator thickness [m]": 4e-5,
    "Separator effective ionic conductivity [S.m-1]": 0.15,
    "Separator solid electrolyte relative permittivity": 27.0,
    "Separator grain-boundary resistance [Ohm.m2]": 2e-4,
    "Separator grain-boundary relative permittivity": 3.7e4,
    "Lithium metal interphase resistance [Ohm.m2]": 3e-4,
    "Lithium metal interface exchange current density [A.m-2]": 7.0,
    "Lithium metal double-layer capacity [F.m-2]": 0.19,
    "Positive electrode thickness [m]": 1.2e-4,
    "Positive electrode effective ionic conductivity [S.m-1]": 0.03,
    "Positive electrode effective electronic conductivity [S.m-1]": 0.45,
    "Positive electrode exchange current density [A.m-2]": 0.35,
    "Positive electrode contact area to volume ratio [m-1]": 1.1e5,
    "Positive electrode double-layer capacity [F.m-2]": 0.12,
    "Positive electrode chemical capacity [F.m-2]": 900.0,
    "Positive electrode film resistance [Ohm.m2]": 6e-3,
    "Positive electrode film capacity [F.m-2]": 0.02,
}
# from 1 MHz (the contacts' capacitors short the rails) to 1 mHz (the chemical
# capacitance charges): every element dominates somewhere in this range
FREQUENCIES = np.logspace(6, -3, 28)


def capacitor(C, f):
    return 1 / (2j * np.pi * np.asarray(f) * C)


def parallel(*z):
    return 1 / sum(1 / np.asarray(x, dtype=complex) for x in z)


def _values(e=ELEMENTS):
    """The elements in the circuit's own terms (SI, per electrode or contact area)."""
    rt_f = R_GAS * e["Temperature [K]"] / F
    L_s = e["Separator thickness [m]"]
    return {
        "R_sep": L_s / e["Separator effective ionic conductivity [S.m-1]"],
        "C_g": EPS0 * e["Separator solid electrolyte relative permittivity"] / L_s,
        "R_gb": e["Separator grain-boundary resistance [Ohm.m2]"],
        "C_gb": EPS0 * e["Separator grain-boundary relative permittivity"] / L_s,
        "R_int": e["Lithium metal interphase resistance [Ohm.m2]"],
        "R_li": rt_f / e["Lithium metal interface exchange current density [A.m-2]"],
        "C_li": e["Lithium metal double-layer capacity [F.m-2]"],
        "L": e["Positive electrode thickness [m]"],
        "r1": 1 / e["Positive electrode effective ionic conductivity [S.m-1]"],
        "r2": 1 / e["Positive electrode effective electronic conductivity [S.m-1]"],
        "R_ct": rt_f / e["Positive electrode exchange current density [A.m-2]"],
        "a_theta": e["Positive electrode contact area to volume ratio [m-1]"],
        "C_dl": e["Positive electrode double-layer capacity [F.m-2]"],
        "C_chem": e["Positive electrode chemical capacity [F.m-2]"],
        "R_f": e["Positive electrode film resistance [Ohm.m2]"],
        "C_f": e["Positive electrode film capacity [F.m-2]"],
    }


def _contact(v, f):
    """((R_ct + C_chem in series) || C_dl) + (R_f || C_f), per contact area."""
    faradaic = v["R_ct"] + capacitor(v["C_chem"], f)
    film = parallel(v["R_f"], capacitor(v["C_f"], f)) if v["R_f"] > 0 else 0.0
    return parallel(faradaic, capacitor(v["C_dl"], f)) + film


def _bisquert_mixed(L, r1, r2, zeta):
    """Bisquert 2000's line with the rails contacted at opposite ends [Ohm.m2]."""
    lam = np.sqrt(zeta / (r1 + r2))
    return r1 * r2 / (r1 + r2) * (L + 2 * lam / np.sinh(L / lam)) + lam * (r1**2 + r2**2) / (
        r1 + r2
    ) / np.tanh(L / lam)


def test_contact_impedance_is_its_circuit():
    """The CAM|SE contact: charge transfer and chemical capacitance in series, the
    double layer across both, and the film's R_f || C_f in series with all."""
    v = _values()
    z = contact_impedance(ELEMENTS, FREQUENCIES)
    # the same circuit in another order of operations: round-off, measured 2e-16
    np.testing.assert_allclose(z, _contact(v, FREQUENCIES), rtol=1e-12)
    # and its ends: at 1 uHz the chemical capacitance and the double layer in parallel,
    # at 1 GHz the double layer's and the film's capacitors in series; the next-order
    # terms are (w R C)^2-small there, below 1e-12
    w = 2 * np.pi * np.array([1e-6, 1e9])
    ends = contact_impedance(ELEMENTS, w / (2 * np.pi))
    assert ends[0].imag == pytest.approx(-1 / (w[0] * (v["C_chem"] + v["C_dl"])), rel=1e-9)
    assert ends[1].imag == pytest.approx(-(1 / v["C_dl"] + 1 / v["C_f"]) / w[1], rel=1e-9)


def test_equivalent_circuit_is_the_series_of_its_elements():
    """Z = R_sep || C_g + R_gb || C_gb + R_int + R_ct,Li || C_dl,Li + the composite's
    transmission line, its rails coupled by the contacts' impedance per volume."""
    v = _values()
    f = FREQUENCIES
    expected = (
        parallel(v["R_sep"], capacitor(v["C_g"], f))
        + parallel(v["R_gb"], capacitor(v["C_gb"], f))
        + v["R_int"]
        + parallel(v["R_li"], capacitor(v["C_li"], f))
        + _bisquert_mixed(v["L"], v["r1"], v["r2"], _contact(v, f) / v["a_theta"])
    )
    z = equivalent_circuit_impedance(ELEMENTS, f)
    # the closed form against the code's regular one: round-off, measured 3e-16 (a
    # dropped or misplaced element changes Z by far more than 1e-10 somewhere here)
    np.testing.assert_allclose(z, expected, rtol=1e-10)


def test_equivalent_circuit_without_grain_boundaries_or_film():
    """Elements the cell does not have (R_gb = 0, R_f = 0) add nothing; a cell file's
    elements without the grain boundaries' entries are read the same way."""
    e = {**ELEMENTS, "Positive electrode film resistance [Ohm.m2]": 0.0}
    e.pop("Separator grain-boundary resistance [Ohm.m2]")
    e.pop("Separator grain-boundary relative permittivity")
    v = _values()
    f = FREQUENCIES
    contact = parallel(v["R_ct"] + capacitor(v["C_chem"], f), capacitor(v["C_dl"], f))
    expected = (
        parallel(v["R_sep"], capacitor(v["C_g"], f))
        + v["R_int"]
        + parallel(v["R_li"], capacitor(v["C_li"], f))
        + _bisquert_mixed(v["L"], v["r1"], v["r2"], contact / v["a_theta"])
    )
    # as above: round-off (measured 3e-16)
    np.testing.assert_allclose(equivalent_circuit_impedance(e, f), expected, rtol=1e-10)
    processes = set(process_table(e)["Process"])
    assert "Separator grain boundaries" not in processes
    assert "Cathode film (coating)" not in processes


# contacts 100x faster and a thin film: the rails, not the contacts, limit the composite
# (its transport part is then 7x the contacts' resistance)
RAILS_LIMITED = {
    **ELEMENTS,
    "Positive electrode exchange current density [A.m-2]": 35.0,
    "Positive electrode film resistance [Ohm.m2]": 6e-5,
}


@pytest.mark.parametrize("elements", [ELEMENTS, RAILS_LIMITED], ids=["contacts", "rails"])
def test_process_table_rows_are_the_elements(elements):
    """Each process: its resistance [Ohm.cm2], capacitance [F.cm-2] and 1/(2 pi R C);
    the distributed contacts per electrode area (R / (a theta L), C a theta L) keep
    their local time constants; the total is the circuit's real part at DC (above
    solid diffusion: the chemical capacitance a short)."""
    v = _values(elements)
    table = process_table(elements).set_index("Process")
    assert list(table.index) == [
        "Separator (SE bulk)",
        "Separator grain boundaries",
        "Li|SE interphase",
        "Li|SE charge transfer",
        "Cathode rails, high-frequency limit",
        "Cathode ionic and electronic transport",
        "Cathode charge transfer",
        "Cathode film (coating)",
        "Total (above solid diffusion)",
    ]
    R = table["Resistance [Ohm.cm2]"]
    C = table["Capacitance [F.cm-2]"]
    f = table["Characteristic frequency [Hz]"]
    area = v["a_theta"] * v["L"]  # contact area per electrode area
    kappa, sigma = 1 / v["r1"], 1 / v["r2"]
    rows = {  # R [Ohm.m2], C [F.m-2] (None: no arc of its own)
        "Separator (SE bulk)": (v["R_sep"], v["C_g"]),
        "Separator grain boundaries": (v["R_gb"], v["C_gb"]),
        "Li|SE interphase": (v["R_int"], None),
        "Li|SE charge transfer": (v["R_li"], v["C_li"]),
        "Cathode rails, high-frequency limit": (v["L"] / (kappa + sigma), None),
        "Cathode charge transfer": (v["R_ct"] / area, v["C_dl"] * area),
        "Cathode film (coating)": (v["R_f"] / area, v["C_f"] * area),
    }
    for name, (r, c) in rows.items():
        # unit conversions of the same numbers: round-off
        assert R[name] == pytest.approx(r * 1e4, rel=1e-12), name
        if c is None:
            assert np.isnan(C[name]) and np.isnan(f[name]), name
        else:
            assert C[name] == pytest.approx(c * 1e-4, rel=1e-12), name
            assert f[name] == pytest.approx(1 / (2 * np.pi * r * c), rel=1e-12), name
    # a distributed element keeps the time constant of one contact
    assert f["Cathode charge transfer"] == pytest.approx(
        1 / (2 * np.pi * v["R_ct"] * v["C_dl"]), rel=1e-12
    )
    # the transport: the line at DC (contacts R_ct + R_f) beyond its contacts and its
    # high-frequency part, from Bisquert's closed form
    zeta_dc = (v["R_ct"] + v["R_f"]) / v["a_theta"]
    line_dc = _bisquert_mixed(v["L"], v["r1"], v["r2"], zeta_dc)
    transport = line_dc - (v["R_ct"] + v["R_f"]) / area - v["L"] / (kappa + sigma)
    # closed form vs the code's regular form: round-off, measured 2e-16 (the terms
    # subtracted are 6x the result, so round-off grows 6x at most)
    assert R["Cathode ionic and electronic transport"] == pytest.approx(transport * 1e4, rel=1e-9)
    assert np.isnan(C["Cathode ionic and electronic transport"])
    # the total: the circuit's real part at 1 nHz with the chemical capacitance a short
    # (its correction there is (w R_ct C_dl)^2, 1e-19)
    shorted = {**elements, "Positive electrode chemical capacity [F.m-2]": 1e30}
    dc = equivalent_circuit_impedance(shorted, [1e-9])[0].real
    assert R["Total (above solid diffusion)"] == pytest.approx(dc * 1e4, rel=1e-9)
    assert R["Total (above solid diffusion)"] == pytest.approx(R.iloc[:-1].sum(), rel=1e-12)


def _tanh_line(r_through, r_other, z_int):
    """A layer entered and left through the same rail (Bisquert 2000; the module
    docstring of asslb_sim.impedance.transmission_line) [Ohm.m2]."""
    r_sum = r_through + r_other
    nu = np.sqrt(r_sum / z_int)
    return r_through * r_other / r_sum + 2 * r_through**2 / (r_sum * nu) * np.tanh(nu / 2)


@pytest.mark.parametrize("configuration", ["electron-blocking", "ion-blocking"])
def test_blocking_spectrum_is_its_circuit(default_cell, configuration):
    """The blocking cells at every frequency: the composite's line between blocking
    faces (the ionic rail through for electron-blocking, the electronic rail for
    ion-blocking) and, for the electron-blocking cell, two SE layers (R_sep || C_g) and
    two counter-electrode interfaces (R_int + R_ct,Li || C_dl,Li) in series."""
    from asslb_sim.impedance import blocking_spectrum

    # 1 GHz (above the SE bulk's arc) to 10 mHz, through the Li arc
    f = np.logspace(9, -2, 23)
    result = blocking_spectrum(default_cell, configuration, 0.5, f)
    e = result.settings
    assert e["Configuration"] == configuration
    v = _values(e)
    L = v["L"]
    z_int = _contact(v, f) / (v["a_theta"] * L)
    if configuration == "electron-blocking":
        layer = _tanh_line(v["r1"] * L, v["r2"] * L, z_int)
        one_side = (
            parallel(v["R_sep"], capacitor(v["C_g"], f))
            + v["R_int"]
            + parallel(v["R_li"], capacitor(v["C_li"], f))
        )
        expected = layer + 2 * one_side
        series = 2 * (v["R_sep"] + v["R_int"] + v["R_li"])
    else:
        expected = _tanh_line(v["r2"] * L, v["r1"] * L, z_int)
        series = 0.0
    s = result.spectrum
    z = (s["Z' [Ohm.cm2]"].to_numpy() - 1j * s["-Z'' [Ohm.cm2]"].to_numpy()) * 1e-4
    # closed forms against the code's regular ones: round-off, measured 3e-16 (the
    # phase in degrees: 7e-15)
    np.testing.assert_allclose(z, expected, rtol=1e-10)
    np.testing.assert_allclose(s["|Z| [Ohm.cm2]"], np.abs(expected) * 1e4, rtol=1e-10)
    np.testing.assert_allclose(s["Phase [deg]"], np.degrees(np.angle(expected)), rtol=0, atol=1e-8)
    assert e["Series resistance [Ohm.cm2]"] == pytest.approx(series * 1e4, rel=1e-12)
    rows = result.processes.set_index("Process")["Resistance [Ohm.cm2]"]
    assert rows["Composite ionic rail"] == pytest.approx(v["r1"] * L * 1e4, rel=1e-12)
    assert rows["Composite electronic rail"] == pytest.approx(v["r2"] * L * 1e4, rel=1e-12)
    if configuration == "electron-blocking":
        assert rows["SE layers (two separators)"] == pytest.approx(2e4 * v["R_sep"], rel=1e-12)
        assert rows["Counter-electrode interfaces (two)"] == pytest.approx(
            2e4 * (v["R_int"] + v["R_li"]), rel=1e-12
        )
    else:
        assert len(rows) == 2


class _Reached(Exception):
    """Raised where the model would be solved: the inputs were accepted."""


@pytest.mark.parametrize(
    "configuration, soc, frequencies, words",
    [
        ("capacitive", 0.5, None, "configuration"),
        ("ion-blocking", 0.0, None, "soc"),
        ("ion-blocking", -0.5, None, "soc"),
        ("ion-blocking", 1.5, None, "soc"),
        ("ion-blocking", "0.5", None, "soc"),
        ("electron-blocking", 0.5, [[1e3, 1.0]], "frequencies"),
        ("electron-blocking", 0.5, 1e3, "frequencies"),  # not a list
        ("electron-blocking", 0.5, [], "frequencies"),
        ("electron-blocking", 0.5, [1e3, np.inf], "frequencies"),
        ("electron-blocking", 0.5, [1e3, 0.0], "frequencies"),
        ("electron-blocking", 0.5, [1e3, -1.0], "frequencies"),
        # the edge of the valid SOCs, a single frequency and the default ones: accepted
        ("ion-blocking", 1.0, [1e3], None),
        ("electron-blocking", 1e-3, None, None),
    ],
)
def test_blocking_inputs_checked_before_any_solve(
    default_cell, monkeypatch, configuration, soc, frequencies, words
):
    """Bad inputs are one-line errors naming the input, raised before the model is
    solved; the edges of the valid ranges (SOC 1, one frequency) get to the solve."""
    from asslb_sim.errors import CellDefinitionError
    from asslb_sim.impedance import blocking_spectrum, cell_spectrum

    def reached(*args, **kwargs):
        raise _Reached

    monkeypatch.setattr(cell_spectrum, "circuit_elements", reached)
    if words is None:
        with pytest.raises(_Reached):
            blocking_spectrum(default_cell, configuration, soc, frequencies)
        return
    with pytest.raises(CellDefinitionError, match=words) as error:
        blocking_spectrum(default_cell, configuration, soc, frequencies)
    assert len(str(error.value).splitlines()) == 1


def test_blocking_spectrum_defaults_to_half_charge(default_cell, monkeypatch):
    """Without a state of charge the composite is read at SOC 0.5 (as ``eis``)."""
    from asslb_sim.impedance import blocking_spectrum, cell_spectrum

    states = []

    def reached(cell, state, runner):
        states.append(state)
        raise _Reached

    monkeypatch.setattr(cell_spectrum, "circuit_elements", reached)
    with pytest.raises(_Reached):
        blocking_spectrum(default_cell, "ion-blocking", frequencies=[1e3])
    expected = default_cell.anode.at_state_of_charge(default_cell, 0.5)
    assert states[0].stoichiometry == expected.stoichiometry
