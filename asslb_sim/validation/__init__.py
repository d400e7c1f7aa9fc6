"""Validation against published measurements: every shipped dataset from its printed
spec, with one set of library defaults (``asslb-sim validate``)."""

from .report import CHECKS, ValidationReport, markdown_table, run_validation, write_report

__all__ = ["CHECKS", "ValidationReport", "markdown_table", "run_validation", "write_report"]
