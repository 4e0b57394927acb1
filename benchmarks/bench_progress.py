"""Benchmark: progress summary of a whole cohort against a per-child Python loop.

Run with ``python3 benchmarks/bench_progress.py``. The data are SYNTHETIC (random numbers from a
seeded generator), shaped like a large provider group's tracker export: 100,000 children, 24
monthly assessments, 4 domains, about 5 % of assessments missing.

Baseline: the straightforward way, one child at a time, numpy per child (drop the missing
assessments, first and last score, ``np.polyfit`` for the slope, RCI by hand), timed on 2,000
children and scaled ×50 to the whole cohort. The results of both are checked to agree.
"""

from __future__ import annotations

import math
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from therapeutic_model.review._progress import Progress, summarise_progress

N_CHILDREN = 100_000
N_ASSESSMENTS = 24
N_DOMAINS = 4
N_BASELINE = 2_000
RUNS = 5
SEED = 20240601
SD, RELIABILITY, HIGHER_IS_BETTER = 7.5, 0.8, False
GOAL_SECONDS = 1.0


def synthetic_cohort(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """SYNTHETIC scores: a random start, a random monthly drift, noise, 5 % missing."""
    months = np.arange(N_ASSESSMENTS, dtype=np.float64)
    start = rng.normal(18, 6, size=(N_CHILDREN, 1, N_DOMAINS))
    drift = rng.normal(-0.3, 0.3, size=(N_CHILDREN, 1, N_DOMAINS))
    noise = rng.normal(0, 2, size=(N_CHILDREN, N_ASSESSMENTS, N_DOMAINS))
    values = start + drift * months[None, :, None] + noise
    values[rng.random(values.shape) < 0.05] = np.nan
    return values, months


def summarise_one_child_by_loop(values: np.ndarray, months: np.ndarray) -> np.ndarray:
    """The baseline for one child: rows of (entry, latest, distance, slope, rci, change)."""
    s_diff = math.sqrt(2) * SD * math.sqrt(1 - RELIABILITY)
    rows = []
    for domain in range(values.shape[1]):
        series = values[:, domain]
        kept = ~np.isnan(series)
        y, t = series[kept], months[kept]
        entry, latest = (y[0], y[-1]) if y.size else (math.nan, math.nan)
        if y.size >= 2:
            distance = latest - entry
            slope = np.polyfit(t, y, 1)[0]
            rci = distance / s_diff
            change = (-1 if rci > 0 else 1) if abs(rci) > 1.96 else 0
        else:
            distance = slope = rci = math.nan
            change = 0
        rows.append((entry, latest, distance, slope, rci, change))
    return np.array(rows)


def baseline(values: np.ndarray, months: np.ndarray) -> np.ndarray:
    """The per-child loop over a cohort."""
    return np.stack([summarise_one_child_by_loop(child, months) for child in values])


def vectorised(values: np.ndarray, months: np.ndarray) -> Progress:
    """The library's one call for the cohort."""
    return summarise_progress(
        values, months, sd=SD, reliability=RELIABILITY, higher_is_better=HIGHER_IS_BETTER
    )


def median_seconds(run: Callable[..., object], *args: object, runs: int = RUNS) -> float:
    """Median wall time of ``runs`` calls, with time.perf_counter."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_megabytes(values: np.ndarray, months: np.ndarray) -> float:
    """Peak memory allocated during one cohort call, beyond the input, in MB (tracemalloc)."""
    tracemalloc.start()
    vectorised(values, months)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def check_agreement(whole: Progress, loop: np.ndarray) -> None:
    """The cohort call and the loop agree on every child of the subset."""
    n = loop.shape[0]
    columns = (whole.entry, whole.latest, whole.distance_travelled, whole.trend_per_month,
               whole.rci)  # fmt: skip
    for k, column in enumerate(columns):
        np.testing.assert_allclose(column[:n], loop[:, :, k], rtol=1e-9, atol=1e-9)
    np.testing.assert_array_equal(whole.change[:n], loop[:, :, 5])


def main() -> None:
    """Build the synthetic cohort, time both ways, check they agree, print the figures."""
    values, months = synthetic_cohort(np.random.default_rng(SEED))
    subset = values[:N_BASELINE]
    whole = vectorised(values, months)
    loop = baseline(subset, months)
    check_agreement(whole, loop)

    cohort_s = median_seconds(vectorised, values, months)
    loop_s = median_seconds(baseline, subset, months, runs=3) * (N_CHILDREN / N_BASELINE)
    peak = peak_megabytes(values, months)

    print(f"machine: {platform.machine()}, {platform.python_version()}, numpy {np.__version__}")
    size = f"{N_CHILDREN:,} children x {N_ASSESSMENTS} assessments x {N_DOMAINS} domains"
    print(f"SYNTHETIC cohort: {size} ({values.nbytes / 1e6:.0f} MB of float64), seed {SEED}")
    print(f"summarise_progress, whole cohort (median of {RUNS}): {cohort_s:.3f} s")
    print(f"peak memory during the call (tracemalloc): {peak:.0f} MB")
    print(f"per-child loop on {N_BASELINE:,} children, x{N_CHILDREN // N_BASELINE}: {loop_s:.1f} s")
    print(f"ratio loop / vectorised: {loop_s / cohort_s:.0f}x")
    print("results agree on the subset: yes")
    goal = "met" if cohort_s < GOAL_SECONDS else "NOT met"
    print(f"goal: whole cohort under {GOAL_SECONDS:.0f} s: {goal}")


if __name__ == "__main__":
    main()
