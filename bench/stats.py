"""Small statistics helpers shared by the benchmarks."""

import math


def percentile(samples: list[float], p: float) -> float:
    """The nearest-rank percentile: the smallest sample at or above p% of them."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]
