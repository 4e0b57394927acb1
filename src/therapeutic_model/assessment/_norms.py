"""Age norms: the age-expected value of a score as a monotone function of age in months."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["AgeNorms"]

FloatArray = NDArray[np.float64]


def _as_floats(value: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in value)


@attrs.frozen
class AgeNorms:
    """Expected score at each age, interpolated linearly between knots.

    Expected values must not fall as age rises (development is taken as monotone). Outside the
    knots the value is clamped to the nearest knot, and the ``clamped`` flag says so.

    Args:
        ages_months: knot ages in months, strictly increasing.
        expected: the expected score at each knot, non-decreasing.

    >>> norms = AgeNorms(ages_months=(0, 60, 120), expected=(0.0, 2.0, 3.0))
    >>> float(norms.expected_at(90))
    2.5
    >>> float(norms.functional_age(2.5))
    90.0
    """

    ages_months: tuple[float, ...] = attrs.field(converter=_as_floats)
    expected: tuple[float, ...] = attrs.field(converter=_as_floats)

    def problems(self, where: str) -> list[str]:
        """Every way these norms are malformed, each naming ``where``."""
        out: list[str] = []
        ages, vals = np.asarray(self.ages_months), np.asarray(self.expected)
        if len(ages) != len(vals):
            out.append(f"{where}: {len(ages)} knot ages but {len(vals)} expected values")
            return out
        if len(ages) < 2:
            out.append(f"{where}: norms need at least two knots")
        if not np.all(np.isfinite(ages)) or not np.all(np.isfinite(vals)):
            out.append(f"{where}: knots must be finite numbers")
            return out
        if np.any(np.diff(ages) <= 0):
            out.append(f"{where}: knot ages must be strictly increasing")
        if np.any(np.diff(vals) < 0):
            out.append(f"{where}: expected values must not fall with age (norms are monotone)")
        return out

    def expected_at(self, age_months: ArrayLike) -> FloatArray:
        """The expected score at each age (clamped to the knots outside them)."""
        ages = np.asarray(age_months, dtype=float)
        out: FloatArray = np.interp(ages, self.ages_months, self.expected)
        return out

    def clamped(self, age_months: ArrayLike) -> NDArray[np.bool_]:
        """Whether each age lies outside the knots, so its expected value was clamped."""
        a = np.asarray(age_months, dtype=float)
        return (a < self.ages_months[0]) | (a > self.ages_months[-1])

    def functional_age(self, value: ArrayLike) -> FloatArray:
        """The age at which a value is typical: the inverse of :meth:`expected_at`.

        Where the curve is flat the youngest such age is given. Values below the first knot's
        expectation give the first knot age, above the last give the last (see
        :meth:`functional_age_clamped`). NaN stays NaN.
        """
        v = np.asarray(value, dtype=float)
        vals = np.asarray(self.expected)
        ages = np.asarray(self.ages_months)
        idx = np.clip(np.searchsorted(vals, v, side="left"), 1, len(vals) - 1)
        lo_v, hi_v = vals[idx - 1], vals[idx]
        lo_a, hi_a = ages[idx - 1], ages[idx]
        span = np.where(hi_v > lo_v, hi_v - lo_v, 1.0)
        with np.errstate(over="ignore"):  # a tiny span overflows to inf, clipped to 1 here
            frac = np.clip((v - lo_v) / span, 0.0, 1.0)
        out = np.where(hi_v > lo_v, lo_a + frac * (hi_a - lo_a), lo_a)
        out = np.where(v <= vals[0], ages[0], out)
        out = np.where(v >= vals[-1], _first_age_reaching_max(vals, ages), out)
        return np.where(np.isnan(v), np.nan, out)

    def functional_age_clamped(self, value: ArrayLike) -> NDArray[np.bool_]:
        """Whether each value lies outside the range of expected values."""
        v = np.asarray(value, dtype=float)
        return (v < self.expected[0]) | (v > self.expected[-1])


def _first_age_reaching_max(vals: FloatArray, ages: FloatArray) -> float:
    return float(ages[int(np.argmax(vals >= vals[-1]))])
