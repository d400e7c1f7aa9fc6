"""Designs of a study: every combination of a grid, or a random or Latin-hypercube sample.

Designs are generated one at a time: a grid axis given as ``{min, max, num}`` is
computed a block of values at a time (the same values as :func:`numpy.linspace`
and :func:`numpy.geomspace`), a grid is walked index by index, and random
samples are drawn a block at a time from one generator stream, so memory does
not grow with the study. A Latin hypercube is the exception: its strata are
permuted over the whole sample, so its unit-cube points are held (8 bytes per
value), and :data:`MAX_LATIN_HYPERCUBE` bounds it.
"""

from __future__ import annotations

import math

import numpy as np

# largest study: at ~0.1 s per discharge, ten million designs are ~12 core-days
MAX_DESIGNS = 10_000_000
# largest Latin hypercube, held whole: 8 MB per varied key
MAX_LATIN_HYPERCUBE = 1_000_000
BLOCK = 4096  # values computed or drawn at a time


class GridAxis:
    """The values of one grid axis, computed a block at a time.

    Parameters
    ----------
    spec : list or dict
        A list of values, or a ``{min, max, num[, log]}`` table: ``num`` points from
        ``min`` to ``max``, evenly spaced (geometrically with ``log = true``), equal
        to ``numpy.linspace`` (``numpy.geomspace``) value for value.
    """

    def __init__(self, spec):
        self.listed = None if isinstance(spec, dict) else [float(v) for v in spec]
        if self.listed is None:
            self.log = bool(spec.get("log"))
            lo, hi = float(spec["min"]), float(spec["max"])
            self.ends = (lo, hi)
            self.num = int(spec["num"])
            start, stop = (np.log10(lo), np.log10(hi)) if self.log else (lo, hi)
            self.start = start
            self.step = (stop - start) / (self.num - 1) if self.num > 1 else 0.0
        self.block_start, self.block = -2 * BLOCK, None

    def __len__(self):
        return len(self.listed) if self.listed is not None else self.num

    def values(self, first, stop):
        """The values at indices ``first .. stop - 1``, as floats."""
        if self.listed is not None:
            return self.listed[first:stop]
        y = np.arange(first, stop, dtype=float) * self.step + self.start
        if self.log:
            y = np.power(10.0, y)
        if first == 0:
            y[0] = self.ends[0]
        if stop == self.num and self.num > 1:
            y[-1] = self.ends[1]
        return [float(v) for v in y]

    def __getitem__(self, i):
        if not self.block_start <= i < self.block_start + BLOCK:
            self.block_start = i - i % BLOCK
            self.block = self.values(self.block_start, min(self.block_start + BLOCK, len(self)))
        return self.block[i - self.block_start]


def grid_axis(spec):
    """All values of one grid axis, as a list (for axes small enough to hold)."""
    axis = GridAxis(spec)
    return axis.values(0, len(axis))


def grid_size(parameters):
    """Number of designs of a grid over ``parameters`` (an exact integer)."""
    return math.prod(s["num"] if isinstance(s, dict) else len(s) for s in parameters.values())


def _grid_points(study):
    """Every combination of the grid's axes, first key slowest, one at a time."""
    axes = [GridAxis(spec) for spec in study.parameters.values()]
    sizes = [len(a) for a in axes]
    index = [0] * len(axes)
    for _ in range(math.prod(sizes)):
        yield [axis[i] for axis, i in zip(axes, index, strict=True)]
        for k in reversed(range(len(axes))):
            index[k] += 1
            if index[k] < sizes[k]:
                break
            index[k] = 0


def _unit_points(study):
    """Points of the unit cube, one row at a time: drawn a block at a time from one
    generator stream (random; the same rows as one draw of the whole sample) or
    held whole (Latin hypercube)."""
    d = len(study.keys)
    if study.sampling == "random":
        rng = np.random.default_rng(study.seed)
        left = study.samples
        while left > 0:
            block = rng.random((min(BLOCK, left), d))
            left -= len(block)
            yield from block
    else:
        from scipy.stats import qmc

        yield from qmc.LatinHypercube(d=d, seed=study.seed).random(study.samples)


def _sample_points(study):
    specs = list(study.parameters.values())
    for unit in _unit_points(study):
        point = []
        for u, spec in zip(unit, specs, strict=True):
            lo, hi = spec["min"], spec["max"]
            if spec.get("log"):
                point.append(np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo))))
            else:
                point.append(lo + u * (hi - lo))
        yield point


def iter_designs(study):
    """The designs of ``study`` one at a time, as ``{key: value}`` dicts.

    A grid is never held whole (first key slowest, as numpy's "ij" indexing); a
    random sample is drawn a block at a time; a Latin hypercube holds its
    unit-cube points only, 8 bytes per value.
    """
    points = _grid_points(study) if study.sampling == "grid" else _sample_points(study)
    for p in points:
        yield dict(zip(study.keys, map(float, p), strict=True))
