"""asslb-sim: all-solid-state Li-metal battery simulator built on PyBaMM."""

__version__ = "0.1.0"
