"""Errors raised by asslb-sim for bad user input."""


class CellDefinitionError(ValueError):
    """A cell definition (preset, TOML file or override) is invalid.

    The message names the field, the value given and the valid range.
    """
