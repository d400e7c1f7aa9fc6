"""Designs of a study: every combination of a grid, or a random or Latin-hypercube sample."""

from __future__ import annotations

import itertools

import numpy as np


def grid_axis(spec):
    """The values of one grid axis: a list, or a ``{min, max, num[, log]}`` table."""
    if isinstance(spec, dict):
        space = np.geomspace if spec.get("log") else np.linspace
        return [float(v) for v in space(spec["min"], spec["max"], spec["num"])]
    return [float(v) for v in spec]


def iter_designs(study):
    """The designs of ``study`` one at a time, as ``{key: value}`` dicts.

    A grid is never held whole (first key slowest, as numpy's "ij" indexing); a
    sample holds its unit-cube points only, 8 bytes per value.
    """
    if study.sampling == "grid":
        points = itertools.product(*[grid_axis(spec) for spec in study.parameters.values()])
    else:
        d = len(study.keys)
        if study.sampling == "random":
            unit = np.random.default_rng(study.seed).random((study.samples, d))
        else:
            from scipy.stats import qmc

            unit = qmc.LatinHypercube(d=d, seed=study.seed).random(study.samples)
        points = np.empty_like(unit)
        for j, spec in enumerate(study.parameters.values()):
            lo, hi = spec["min"], spec["max"]
            if spec.get("log"):
                points[:, j] = np.exp(np.log(lo) + unit[:, j] * (np.log(hi) - np.log(lo)))
            else:
                points[:, j] = lo + unit[:, j] * (hi - lo)
    for p in points:
        yield dict(zip(study.keys, map(float, p), strict=True))
