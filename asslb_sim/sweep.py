"""Design studies (compatibility module): they live in :mod:`asslb_sim.studies`."""

from .studies import (
    SAMPLINGS,
    Study,
    best_design,
    design_cell,
    design_id,
    evaluate_chunk,
    finished_designs,
    load_study,
    read_results,
    run_study,
    study_fingerprint,
)

__all__ = [
    "SAMPLINGS",
    "Study",
    "best_design",
    "design_cell",
    "design_id",
    "evaluate_chunk",
    "finished_designs",
    "load_study",
    "read_results",
    "run_study",
    "study_fingerprint",
]
