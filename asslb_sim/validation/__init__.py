"""Validation against published measurements: every shipped dataset from its printed
spec, with one set of library defaults."""
