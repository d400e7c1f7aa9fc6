"""Diagnostic submodels: derived quantities, no equations of their own."""

from .overpotential_breakdown import OverpotentialBreakdown

__all__ = ["OverpotentialBreakdown"]
