"""How a simulation ended: the outcome of a solve, classified by kind of simulation."""

from __future__ import annotations

from dataclasses import dataclass

# solver termination -> (termination, status), by kind of simulation
DISCHARGE_ENDS = {
    "event: Minimum voltage [V]": ("voltage cut-off", "ok"),
    "event: Lithium metal exhausted": ("Li exhausted", "ok"),
    "event: Maximum voltage [V]": ("upper voltage cut-off during discharge", "failed"),
    "final time": ("end of simulated time", "failed"),
}
HOLD_ENDS = {  # pulses and rests: reaching the final time is the point
    "final time": ("end of step", "ok"),
    "event: Minimum voltage [V]": ("voltage cut-off", "failed"),
    "event: Lithium metal exhausted": ("Li exhausted", "failed"),
    "event: Maximum voltage [V]": ("upper voltage cut-off", "failed"),
}
CHARGE_ENDS = {  # a discharge current of negative sign: a constant-current charge
    "event: Maximum voltage [V]": ("upper voltage cut-off", "ok"),
    "event: Minimum voltage [V]": ("lower voltage cut-off during charge", "failed"),
    "final time": ("end of simulated time", "failed"),
}
ENDS = {"discharge": DISCHARGE_ENDS, "hold": HOLD_ENDS, "charge": CHARGE_ENDS}
# events already violated at t = 0 -> termination
AT_START = {
    "Minimum voltage [V]": "below cut-off at start",
    "Maximum voltage [V]": "above upper cut-off at start",
    "Lithium metal exhausted": "no lithium at start",
}


@dataclass
class Outcome:
    """How a simulation ended: its solution (None if the solver failed), the
    termination in words, ``"ok"`` or ``"failed"``, and a message (the solver's
    error, or a note such as a retry at a tighter tolerance)."""

    solution: object
    termination: str
    status: str
    message: str = ""

    @property
    def ok(self):
        return self.status == "ok"


def classify(solution, kind):
    """``(termination, status)`` of a solution of a ``kind`` of simulation."""
    ends = ENDS[kind]
    return ends.get(solution.termination, (solution.termination, "failed"))


def classify_error(message):
    """``(termination, status, short message)`` of a solver error: an event violated at
    the start is a result (the cell cannot do it: zero capacity); a start the solver
    could not make consistent is flagged with the likely reason; anything else is a
    solver failure."""
    if "initial conditions" in message:
        for event, termination in AT_START.items():
            if f"'{event}'" in message:
                return termination, "ok", ""
    if "IDA_BAD_K" in message or ("IDA_CONV_FAIL" in message and "t = 0" in message):
        return (
            "no consistent start",
            "failed",
            "the solver found no consistent state at t = 0: at this current the cell is "
            "probably below its cut-off from the start",
        )
    return "solver failure", "failed", short(message)


def short(message, limit=240):
    """The first line of a message, at most ``limit`` characters."""
    line = message.strip().splitlines()[0] if message.strip() else ""
    return line if len(line) <= limit else line[: limit - 3] + "..."


def outcome_of(solution, message, kind):
    """The :class:`Outcome` of a solution, or of a solver error's ``message``."""
    if solution is None:
        termination, status, text = classify_error(message)
        return Outcome(None, termination, status, text)
    termination, status = classify(solution, kind)
    return Outcome(solution, termination, status, message)
