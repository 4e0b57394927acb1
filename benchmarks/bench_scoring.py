"""Benchmark: score 1,000,000 synthetic SDQ records with ``score_many``.

Baselines, measured in the same run on the same data:

(a) a straightforward pandas implementation, written as a researcher would: a DataFrame,
    reverse keying, per-scale count / sum / prorate / round half up, totals, and ``pd.cut``
    for the four bands. Both must give the same numbers and the same bands (checked).
(b) ``score()`` called once per record on 10,000 records, scaled to 1,000,000.

Also: peak memory of ``score_many`` (tracemalloc) relative to the input array, and the time
of ``import therapeutic_model`` (median of cold subprocess imports).

The data are synthetic: responses drawn uniformly from 0, 1, 2 with about 5 % missing
(seeded). Run with ``PYTHONPATH=src python3 benchmarks/bench_scoring.py`` (needs pandas:
``pip install '.[bench]'``). Options: ``--n``, ``--runs``, ``--per-record``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import therapeutic_model as tm

SCALES = {
    "emotional": (3, 8, 13, 16, 24),
    "conduct": (5, 7, 12, 18, 22),
    "hyperactivity": (2, 10, 15, 21, 25),
    "peer": (6, 11, 14, 19, 23),
    "prosocial": (1, 4, 9, 17, 20),
}
REVERSED = (7, 11, 14, 21, 25)
PROBLEMS = ["emotional", "conduct", "hyperactivity", "peer"]
# parent four-band cut-offs (Youthinmind four-band table): upper ends of bands 0, 1, 2
PARENT_CUTS = {
    "total_difficulties": (13, 16, 19),
    "emotional": (3, 4, 6),
    "conduct": (2, 3, 5),
    "hyperactivity": (5, 7, 8),
    "peer": (2, 3, 4),
}
PROSOCIAL_CUTS = (5, 6, 7)  # very low 0–5, low 6, slightly lowered 7, close to average 8–10


def synthetic(n: int, seed: int = 20240601) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``n`` synthetic SDQ records (0/1/2, about 5 % missing) and ages 4–16 years."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 3, size=(n, 25)).astype(float)
    x[rng.random(x.shape) < 0.05] = np.nan
    ages = rng.integers(48, 204, size=n).astype(float)
    return x, ages


def score_with_library(
    inst: tm.InstrumentSpec,
    x: np.ndarray[Any, Any],
    ages: np.ndarray[Any, Any],
    workers: int | None = 1,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Scores and band ranks from ``score_many`` (bands are computed, not left lazy)."""
    batch = inst.score_many(x, age_months=ages, workers=workers)
    return batch.values, batch.band_ranks


def score_with_pandas(x: np.ndarray[Any, Any]) -> pd.DataFrame:
    """The SDQ scored the way a researcher would write it in pandas."""
    df = pd.DataFrame(x, columns=[f"sdq{i}" for i in range(1, 26)])
    for i in REVERSED:
        df[f"sdq{i}"] = 2 - df[f"sdq{i}"]
    out = pd.DataFrame(index=df.index)
    for scale, items in SCALES.items():
        cols = [f"sdq{i}" for i in items]
        answered = df[cols].count(axis=1)
        prorated = df[cols].sum(axis=1) / answered * 5
        out[scale] = np.floor(prorated + 0.5).where(answered >= 3)  # half up; scores are >= 0
    out["total_difficulties"] = out[PROBLEMS].sum(axis=1, skipna=False)
    out["internalising"] = out["emotional"] + out["peer"]
    out["externalising"] = out["conduct"] + out["hyperactivity"]
    for score, (a, b, c) in PARENT_CUTS.items():
        bins = [-np.inf, a + 0.5, b + 0.5, c + 0.5, np.inf]
        out[f"{score}_band"] = pd.cut(out[score], bins=bins, labels=False)
    a, b, c = PROSOCIAL_CUTS
    bins = [-np.inf, a + 0.5, b + 0.5, c + 0.5, np.inf]
    out["prosocial_band"] = 3 - pd.cut(out["prosocial"], bins=bins, labels=False)
    return out


def check_same(
    ids: tuple[str, ...],
    values: np.ndarray[Any, Any],
    ranks: np.ndarray[Any, Any],
    frame: pd.DataFrame,
) -> None:
    """Stop unless both implementations give the same scores and bands for every record."""
    for j, sid in enumerate(ids):
        if not np.array_equal(values[:, j], frame[sid].to_numpy(), equal_nan=True):
            raise SystemExit(f"scores differ on {sid}")
        if f"{sid}_band" in frame:
            theirs = frame[f"{sid}_band"].fillna(-1).to_numpy().astype(np.int8)
            if not np.array_equal(ranks[:, j], theirs):
                raise SystemExit(f"bands differ on {sid}")


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(fns: list[Callable[[], object]], runs: int) -> list[tuple[float, float]]:
    """Median wall and CPU time of each function, the runs taken in turn so that every
    method meets the same background load on a shared machine.

    CPU time (``time.process_time``, all threads of this process) is the steadier figure
    when other work competes for the cores; wall time is what a user waits.
    """
    walls: list[list[float]] = [[] for _ in fns]
    cpus: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, wall, cpu in zip(fns, walls, cpus, strict=True):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def peak_bytes(fn: Callable[[], object]) -> int:
    """Peak bytes allocated (numpy included) while ``fn`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def import_seconds(runs: int = 9) -> float:
    """Median time of ``import therapeutic_model`` in fresh interpreters."""
    probe = (
        "import time; t = time.perf_counter(); import therapeutic_model; "
        "print(time.perf_counter() - t)"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    times = [
        float(
            subprocess.run(  # noqa: S603 - this interpreter on a fixed probe
                [sys.executable, "-c", probe], check=True, capture_output=True, text=True, env=env
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def main() -> None:
    """Run the benchmark and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="records (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per method")
    parser.add_argument("--per-record", type=int, default=10_000, help="records for score()")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()

    inst = tm.default_registry(plugins=False).get("sdq-parent")
    assert isinstance(inst, tm.InstrumentSpec)
    x, ages = synthetic(args.n)
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    )
    print(f"numpy {np.__version__}, pandas {pd.__version__}; shared machine, figures are noisy")
    print(f"{args.n:,} SDQ records (parent), {np.isnan(x).mean():.1%} items missing")

    values, ranks = score_with_library(inst, x, ages)
    check_same(inst.score_ids, values, ranks, score_with_pandas(x))
    print("score_many and pandas agree on every score and band")

    t_lib, t_one, t_pd = interleaved_medians(
        [
            lambda: score_with_library(inst, x, ages),
            lambda: score_with_library(inst, x, ages, workers=None),
            lambda: score_with_pandas(x),
        ],
        args.runs,
    )
    rows = [
        {i: (None if np.isnan(v) else int(v)) for i, v in zip(inst.item_ids, row, strict=True)}
        for row in x[: args.per_record]
    ]
    one = rows[0]
    inst.score(one, age_months=float(ages[0]))  # warm
    t_rec = median_seconds(
        lambda: [inst.score(r, age_months=a) for r, a in zip(rows, ages, strict=False)],
        max(1, min(args.runs, 3)),
    )
    t_rec_scaled = t_rec * args.n / args.per_record
    peak = peak_bytes(lambda: score_with_library(inst, x, ages))
    peak_pd = peak_bytes(lambda: score_with_pandas(x))
    t_import = import_seconds()

    print(f"medians of {args.runs} interleaved runs   wall s   cpu s   ratio wall / cpu")
    print(f"score_many (with bands)            {t_lib[0]:6.3f}  {t_lib[1]:6.3f}")
    print(f"score_many, workers=None (threads) {t_one[0]:6.3f}  {t_one[1]:6.3f}")
    print(
        f"pandas baseline                    {t_pd[0]:6.3f}  {t_pd[1]:6.3f}"
        f"   {t_pd[0] / t_lib[0]:4.1f}x / {t_pd[1] / t_lib[1]:4.1f}x"
    )
    print(
        f"score() per record, {args.per_record:,} scaled to {args.n:,}: {t_rec_scaled:.0f} s wall"
        f"  ->  {t_rec_scaled / t_lib[0]:.0f}x"
    )
    print(f"peak memory score_many: {peak / x.nbytes:.2f}x the input ({x.nbytes / 1e6:.0f} MB)")
    print(f"peak memory pandas:     {peak_pd / x.nbytes:.2f}x the input")
    print(f"import therapeutic_model, median of 9 cold imports: {t_import:.3f} s")
    if args.json:
        figures = {
            "n": args.n,
            "score_many_s": t_lib,
            "score_many_threads_s": t_one,
            "pandas_s": t_pd,
            "load_average": os.getloadavg(),
            "per_record_scaled_s": t_rec_scaled,
            "peak_ratio": peak / x.nbytes,
            "pandas_peak_ratio": peak_pd / x.nbytes,
            "import_s": t_import,
        }
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
