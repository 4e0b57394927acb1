"""Progress statistics for element 3 (reviewing and monitoring), for one child or a whole cohort.

Every function takes scalars or numpy arrays and broadcasts, so a researcher scores a cohort in
one call and a care-management product scores one child through the same code path (a single
child is a batch of one).

Series of assessments share one layout: the *assessment axis* is the second-to-last axis and the
last axis holds the domains, so ``(n_assessments, n_domains)`` is one child and
``(n_children, n_assessments, n_domains)`` a cohort; a 1-D array is a single series. ``NaN``
marks a missing assessment and is ignored.

Sources:
    Jacobson, N. S. & Truax, P. (1991). Clinical significance: a statistical approach to defining
    meaningful change in psychotherapy research. *J Consult Clin Psychol* 59(1):12–19.
    Kiresuk, T. J. & Sherman, R. E. (1968). Goal attainment scaling: a general method for
    evaluating comprehensive community mental health programs. *Community Ment Health J*
    4(6):443–453.
    Turner-Stokes, L. (2009). Goal attainment scaling (GAS) in rehabilitation: a practical
    guide. *Clin Rehabil* 23(4):362–370.

The library measures; the monthly therapeutic management meeting decides what a change means.
"""

from __future__ import annotations

import enum
import math
import warnings
from numbers import Real
from typing import Literal, TypeVar

import attrs
import numpy as np
import numpy.typing as npt

from therapeutic_model.exceptions import FieldError, ValidationError

__all__ = [
    "ChangeClass",
    "ClinicalCutoffs",
    "Progress",
    "ProgressWarning",
    "ReliableChange",
    "classify_change",
    "clinical_cutoffs",
    "clinically_significant",
    "distance_travelled",
    "gas_t_score",
    "milestone_met",
    "reliable_change",
    "summarise_progress",
    "trend",
]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]
ChangeArray = npt.NDArray[np.int8]
_Scalar = TypeVar("_Scalar", bound=np.generic)

_GAS_MIN, _GAS_MAX = -2, 2
# Listing a million bad cells helps nobody; the first few locate the problem.
_MAX_LISTED_ERRORS = 20


class ProgressWarning(UserWarning):
    """Warned when a progress statistic rests on too little data (fewer than two assessments)."""


class ChangeClass(enum.IntEnum):
    """The reliable-change classification of one score (Jacobson & Truax 1991)."""

    RELIABLY_WORSE = -1
    NO_RELIABLE_CHANGE = 0
    RELIABLY_IMPROVED = 1

    @property
    def label(self) -> str:
        """The words used in trackers and meeting papers, e.g. ``"reliably improved"``."""
        return _CHANGE_LABELS[self]


_CHANGE_LABELS = {
    ChangeClass.RELIABLY_WORSE: "reliably worse",
    ChangeClass.NO_RELIABLE_CHANGE: "no reliable change",
    ChangeClass.RELIABLY_IMPROVED: "reliably improved",
}


# Records hold numpy arrays, whose ``==`` is elementwise, so attrs' generated ``__eq__`` would
# raise; records compare by identity and tests compare their fields with numpy.testing.


@attrs.frozen(eq=False)
class ReliableChange:
    """The reliable change index of pre/post scores (Jacobson & Truax 1991).

    Attributes:
        value: the RCI, ``(post − pre) / s_diff``; NaN where a score is missing.
        is_reliable: ``|RCI| > z``; False where a score is missing.
        direction: +1 reliably improved, 0 no reliable change, −1 reliably worse, taking into
            account whether higher scores are better.
        minimum_change: the change in raw score units a change must exceed to be reliable,
            ``z·s_diff``.
        s_diff: the standard error of the difference, ``√2·SD·√(1 − r)``.
    """

    value: FloatArray
    is_reliable: BoolArray
    direction: ChangeArray
    minimum_change: FloatArray
    s_diff: FloatArray


@attrs.frozen(eq=False)
class ClinicalCutoffs:
    """The three cut-offs for clinically significant change (Jacobson & Truax 1991).

    Attributes:
        a: two clinical standard deviations beyond the clinical mean, towards health.
        b: two normal standard deviations beyond the normal mean, towards dysfunction.
        c: the point between the two means weighted by their standard deviations.
        higher_is_better: the direction the cut-offs were built for.
    """

    a: FloatArray
    b: FloatArray
    c: FloatArray
    higher_is_better: bool


@attrs.frozen(eq=False)
class Progress:
    """Per-domain progress of one child, or of each child of a cohort.

    Shapes are ``(n_domains,)`` for one child and ``(n_children, n_domains)`` for a cohort.

    Attributes:
        entry: the first recorded score.
        latest: the latest recorded score.
        n_assessments: how many scores are recorded.
        distance_travelled: ``latest − entry`` in raw score units; NaN with fewer than two.
        trend_per_month: the least-squares slope in score units per month.
        rci: the reliable change index from entry to latest.
        change: the :class:`ChangeClass` of each domain as an integer (+1, 0, −1).
    """

    entry: FloatArray
    latest: FloatArray
    n_assessments: IntArray
    distance_travelled: FloatArray
    trend_per_month: FloatArray
    rci: FloatArray
    change: ChangeArray


# ---------------------------------------------------------------------------------------------
# Reliable change and clinical significance


def reliable_change(
    pre: npt.ArrayLike,
    post: npt.ArrayLike,
    *,
    sd: npt.ArrayLike,
    reliability: npt.ArrayLike,
    z: float = 1.96,
    higher_is_better: npt.ArrayLike = True,
) -> ReliableChange:
    """Compute the reliable change index of pre/post scores (Jacobson & Truax 1991).

    SE = SD·√(1 − r); S_diff = √2·SE; RCI = (post − pre)/S_diff; the change is reliable when
    |RCI| > z. All arguments broadcast, so ``sd`` and ``reliability`` may be given per domain.

    Args:
        pre: scores at the first assessment (NaN = missing).
        post: scores at the later assessment (NaN = missing).
        sd: standard deviation of the measure in a reference (usually pre-treatment) sample.
        reliability: test–retest or internal-consistency reliability, ``0 <= r < 1``.
        z: the critical value; 1.96 for a two-sided 5 % level.
        higher_is_better: False for measures where a fall is improvement (e.g. SDQ difficulties);
            a bool or an array of bools (one per domain).

    Returns:
        A :class:`ReliableChange` of arrays with the broadcast shape.

    Raises:
        ValidationError: naming every argument that is not numbers (``$.pre``, ``$.sd`` …),
            or if ``sd <= 0``, ``reliability`` is outside ``[0, 1)``, ``z <= 0`` or
            ``higher_is_better`` is not booleans.

    >>> rc = reliable_change([20.0, 20.0], [8.0, 15.0], sd=7.5, reliability=0.8,
    ...                      higher_is_better=False)
    >>> rc.minimum_change.round(4).item(), rc.direction.tolist()
    (9.2971, [1, 0])
    """
    check = _Arguments("reliable change options")
    before, after = check.numbers(pre, "$.pre"), check.numbers(post, "$.post")
    sd_a, r, z = _reliability_options(check, sd, reliability, z)
    better_flags = check.flags(higher_is_better, "$.higher_is_better")
    check.done()
    s_diff = np.sqrt(2.0) * sd_a * np.sqrt(1.0 - r)
    change = after - before
    rci = np.asarray(change / s_diff)
    # abs(NaN) > z is False, so a missing score is never reliable.
    is_reliable = np.asarray(np.abs(rci) > z)
    better = np.where(better_flags, 1.0, -1.0)
    direction = np.where(is_reliable, np.sign(rci) * better, 0.0).astype(np.int8)
    minimum_change = np.asarray(z * s_diff)
    return ReliableChange(
        value=_frozen(rci),
        is_reliable=_frozen(is_reliable),
        direction=_frozen(direction),
        minimum_change=_frozen(minimum_change),
        s_diff=_frozen(np.asarray(s_diff)),
    )


def classify_change(
    pre: npt.ArrayLike,
    post: npt.ArrayLike,
    *,
    sd: npt.ArrayLike,
    reliability: npt.ArrayLike,
    z: float = 1.96,
    higher_is_better: npt.ArrayLike = True,
) -> ChangeArray:
    """Classify each pre/post change as reliably improved, no reliable change or reliably worse.

    The classification of Jacobson & Truax (1991): the sign of a reliable RCI, read in the
    measure's direction. Compare the result with :class:`ChangeClass`; its ``label`` gives the
    words.

    Args:
        pre: scores at the first assessment (NaN = missing).
        post: scores at the later assessment (NaN = missing).
        sd: standard deviation of the measure in a reference sample.
        reliability: reliability of the measure, ``0 <= r < 1``.
        z: the critical value; 1.96 for a two-sided 5 % level.
        higher_is_better: False for measures where a fall is improvement.

    Returns:
        An ``int8`` array of +1 / 0 / −1 with the broadcast shape; 0 where a score is missing.

    Raises:
        ValidationError: as :func:`reliable_change`, naming every bad argument.

    >>> classes = classify_change([10, 10, 10], [25, 12, 0], sd=7.5, reliability=0.8)
    >>> [ChangeClass(c).label for c in classes]
    ['reliably improved', 'no reliable change', 'reliably worse']
    """
    change = reliable_change(
        pre, post, sd=sd, reliability=reliability, z=z, higher_is_better=higher_is_better
    )
    # A copy: the record's array is read-only, a bare result belongs to the caller.
    return change.direction.copy()


def clinical_cutoffs(
    *,
    clinical_mean: npt.ArrayLike,
    clinical_sd: npt.ArrayLike,
    normal_mean: npt.ArrayLike,
    normal_sd: npt.ArrayLike,
    higher_is_better: bool = False,
) -> ClinicalCutoffs:
    """Compute the cut-offs a, b and c for clinically significant change (Jacobson & Truax 1991).

    For a measure where higher is worse (the published form):
    a = M_clin − 2·SD_clin; b = M_norm + 2·SD_norm;
    c = (SD_clin·M_norm + SD_norm·M_clin)/(SD_clin + SD_norm).
    For a measure where higher is better, a and b mirror (a = M_clin + 2·SD_clin,
    b = M_norm − 2·SD_norm); c is the same.

    Args:
        clinical_mean: mean of the clinical (dysfunctional) population.
        clinical_sd: standard deviation of the clinical population.
        normal_mean: mean of the normal (functional) population.
        normal_sd: standard deviation of the normal population.
        higher_is_better: True for measures where higher scores are healthier.

    Returns:
        The :class:`ClinicalCutoffs`, each cut-off an array of the broadcast shape.

    Raises:
        ValidationError: naming every argument that is not numbers, and a standard deviation
            that is not positive.

    >>> cut = clinical_cutoffs(clinical_mean=20, clinical_sd=5, normal_mean=8, normal_sd=3)
    >>> cut.a.item(), cut.b.item(), cut.c.item()
    (10.0, 14.0, 12.5)
    """
    check = _Arguments("clinical cut-offs")
    m_clin = check.numbers(clinical_mean, "$.clinical_mean")
    sd_clin = check.numbers(clinical_sd, "$.clinical_sd")
    m_norm = check.numbers(normal_mean, "$.normal_mean")
    sd_norm = check.numbers(normal_sd, "$.normal_sd")
    check.require(bool(np.all(sd_clin > 0)), "$.clinical_sd", "must be positive")
    check.require(bool(np.all(sd_norm > 0)), "$.normal_sd", "must be positive")
    check.require(
        isinstance(higher_is_better, bool | np.bool_), "$.higher_is_better", _TRUE_OR_FALSE
    )
    check.done()
    towards_health = 1.0 if higher_is_better else -1.0
    a = m_clin + towards_health * 2.0 * sd_clin
    b = m_norm - towards_health * 2.0 * sd_norm
    c = (sd_clin * m_norm + sd_norm * m_clin) / (sd_clin + sd_norm)
    return ClinicalCutoffs(
        a=_frozen(np.asarray(a)),
        b=_frozen(np.asarray(b)),
        c=_frozen(np.asarray(c)),
        higher_is_better=higher_is_better,
    )


def clinically_significant(
    pre: npt.ArrayLike,
    post: npt.ArrayLike,
    cutoffs: ClinicalCutoffs,
    *,
    sd: npt.ArrayLike,
    reliability: npt.ArrayLike,
    criterion: Literal["a", "b", "c"] = "c",
    higher_is_better: bool = False,
    z: float = 1.96,
) -> BoolArray:
    """Say whether each change is clinically significant ("recovered", Jacobson & Truax 1991).

    A change is clinically significant when it is a reliable improvement *and* the score moves
    from the dysfunctional side of the chosen cut-off at ``pre`` to the functional side at
    ``post``. A score exactly on the cut-off counts as dysfunctional.

    Args:
        pre: scores at the first assessment (NaN = missing).
        post: scores at the later assessment (NaN = missing).
        cutoffs: from :func:`clinical_cutoffs`, built for the same direction.
        sd: standard deviation used for the reliable change index.
        reliability: reliability of the measure, ``0 <= r < 1``.
        criterion: which cut-off to cross: ``"a"``, ``"b"`` or ``"c"`` (the recommended one when
            normal data exist).
        higher_is_better: False for measures where higher scores are worse (the default, as in
            the published formulas); must match ``cutoffs.higher_is_better``.
        z: the critical value for reliable change.

    Returns:
        A boolean array of the broadcast shape; False where a score is missing.

    Raises:
        ValidationError: if ``criterion`` is unknown, the directions disagree, or the reliable
            change options are invalid.

    >>> cut = clinical_cutoffs(clinical_mean=20, clinical_sd=5, normal_mean=8, normal_sd=3)
    >>> clinically_significant([20, 20, 13], [9, 13, 9], cut, sd=7.5, reliability=0.8).tolist()
    [True, False, False]
    """
    check = _Arguments("clinical significance options")
    check.require(criterion in ("a", "b", "c"), "$.criterion", "must be 'a', 'b' or 'c'")
    check.require(
        isinstance(higher_is_better, bool | np.bool_), "$.higher_is_better", _TRUE_OR_FALSE
    )
    check.require(
        higher_is_better == cutoffs.higher_is_better,
        "$.higher_is_better",
        "must match the direction the cut-offs were built for",
    )
    before, after = check.numbers(pre, "$.pre"), check.numbers(post, "$.post")
    _reliability_options(check, sd, reliability, z)
    check.done()
    cut = {"a": cutoffs.a, "b": cutoffs.b, "c": cutoffs.c}[criterion]
    if higher_is_better:
        crossed = (before <= cut) & (after > cut)
    else:
        crossed = (before >= cut) & (after < cut)
    change = reliable_change(
        before, after, sd=sd, reliability=reliability, z=z, higher_is_better=higher_is_better
    )
    return np.asarray(crossed & (change.direction == ChangeClass.RELIABLY_IMPROVED))


# ---------------------------------------------------------------------------------------------
# Goal attainment scaling


def gas_t_score(
    scores: npt.ArrayLike,
    weights: npt.ArrayLike | None = None,
    rho: float = 0.3,
) -> FloatArray:
    """Compute the goal attainment scaling T-score (Kiresuk & Sherman 1968).

    T = 50 + 10·Σwᵢxᵢ / √((1 − ρ)·Σwᵢ² + ρ·(Σwᵢ)²), summed over a child's goals; ρ = 0.3 by
    convention (Turner-Stokes 2009). The last axis holds the goals, so a 2-D array is one row per
    child. Missing goals (NaN) are left out of both sums for that row.

    Args:
        scores: attainment per goal, integers −2..+2 (0 = the expected outcome); NaN = not rated.
        weights: positive weight per goal (e.g. importance × difficulty), broadcast against
            ``scores``; None weighs every goal equally.
        rho: the assumed correlation between goal scores, ``0 <= rho <= 1``.

    Returns:
        The T-score per row: shape ``scores.shape[:-1]``; NaN for a row with no rated goal.

    Raises:
        ValidationError: naming every argument that is not numbers, a score that is not an
            integer in −2..+2, a weight that is not positive and finite, or ``rho`` outside
            ``[0, 1]``.

    >>> gas_t_score([[1, 0, -1], [0, 0, 0], [2, float("nan"), 2]]).round(2).tolist()
    [50.0, 50.0, 74.81]
    """
    check = _Arguments("goal attainment options")
    x = np.atleast_1d(check.numbers(scores, "$.scores"))
    w = np.ones(x.shape) if weights is None else check.numbers(weights, "$.weights")
    rho = check.number(rho, "$.rho")
    check.require(0.0 <= rho <= 1.0, "$.rho", "must be between 0 and 1")
    try:
        w = np.broadcast_to(w, x.shape)
    except ValueError:
        check.require(False, "$.weights", f"must broadcast to the scores' shape {x.shape}")
    check.require(bool(np.all(np.isfinite(w) & (w > 0))), "$.weights", "must be positive")
    check.done()
    _check_gas_scores(x)
    rated = ~np.isnan(x)
    w = np.where(rated, w, 0.0)
    weighted_sum = np.sum(w * np.where(rated, x, 0.0), axis=-1)
    sum_w = np.sum(w, axis=-1)
    spread = np.sqrt((1.0 - rho) * np.sum(w * w, axis=-1) + rho * sum_w * sum_w)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = 50.0 + 10.0 * weighted_sum / spread
    return np.asarray(np.where(sum_w > 0, t, np.nan))


def _check_gas_scores(x: FloatArray) -> None:
    rated = ~np.isnan(x)
    bad = rated & ((x < _GAS_MIN) | (x > _GAS_MAX) | (x != np.round(x)))
    if not bad.any():
        return
    # Positions, not values: the message names where the rating is, never the child's data.
    message = "must be an integer from -2 to +2 (or NaN for a goal not rated)"
    where = np.argwhere(bad)
    errors = [
        FieldError(f"$.scores[{', '.join(map(str, idx))}]", message)
        for idx in where[:_MAX_LISTED_ERRORS]
    ]
    if len(where) > _MAX_LISTED_ERRORS:
        more = len(where) - _MAX_LISTED_ERRORS
        errors.append(FieldError("$.scores", f"and {more} more ratings out of range"))
    raise ValidationError(errors, what="goal attainment scores")


# ---------------------------------------------------------------------------------------------
# Series of assessments: trend, distance travelled, milestones


def trend(values: npt.ArrayLike, months: npt.ArrayLike) -> FloatArray:
    """Fit the least-squares slope of each series of assessments, in score units per month.

    Ordinary least squares of score on month, per child and domain; missing assessments (NaN in
    ``values`` or ``months``) are left out.

    Args:
        values: scores with the assessment axis second-to-last: ``(n_assessments,)``,
            ``(n_assessments, n_domains)`` or ``(n_children, n_assessments, n_domains)``.
        months: when each assessment was made (e.g. months since entry), broadcastable to
            ``values`` without its domain axis: ``(n_assessments,)`` for a shared timetable or
            ``(n_children, n_assessments)`` per child.

    Returns:
        The slope, shaped as ``values`` without the assessment axis; NaN for a series with fewer
        than two assessments or with all of them in the same month.

    Raises:
        ValidationError: if ``values`` or ``months`` is not numbers, the assessment axis is
            empty or ``months`` does not fit ``values``.

    >>> trend([[10.0, 20.0], [12.0, float("nan")], [14.0, 18.0]], [0, 1, 2]).tolist()
    [2.0, -1.0]
    """
    check = _Arguments("progress series")
    v, m = check.numbers(values, "$.values"), check.numbers(months, "$.months")
    check.done()
    y, restore = _as_series(v)
    t = _months_for(m, v.shape, y.shape)
    return restore(_slopes(y, t, ~np.isnan(y)))


def distance_travelled(values: npt.ArrayLike) -> FloatArray:
    """Measure the distance travelled: latest recorded score minus the first recorded score.

    Missing assessments (NaN) are skipped at both ends. The distance is in raw score units and
    signed; read it in the measure's direction (for SDQ difficulties a negative distance is good).

    Args:
        values: scores with the assessment axis second-to-last (see :func:`trend`).

    Returns:
        ``latest − first`` shaped as ``values`` without the assessment axis; NaN for a series
        with fewer than two recorded assessments (one score has travelled nowhere yet).

    Raises:
        ValidationError: if the values are not numbers or the assessment axis is empty.

    Warns:
        ProgressWarning: if any series has fewer than two recorded assessments.

    >>> distance_travelled([[4.0, 9.0], [float("nan"), 7.0], [6.0, float("nan")]]).tolist()
    [2.0, -2.0]
    """
    y, restore = _as_series(_only_numbers(values, "$.values"))
    ends = _SeriesEnds.of(y, ~np.isnan(y))
    _warn_if_short(ends.count, stacklevel=3)
    return restore(ends.distance())


def milestone_met(band_ranks: npt.ArrayLike) -> BoolArray:
    """Say, per domain, whether the child reached the typical band at the latest assessment.

    A milestone is met when the band rank at the latest recorded assessment is 0 (the typical,
    age-expected band) and the rank at entry (first recorded assessment) was not.

    Args:
        band_ranks: band rank per assessment, 0 = typical and higher = further from typical, with
            the assessment axis second-to-last (see :func:`trend`); NaN = not assessed.

    Returns:
        Booleans shaped as ``band_ranks`` without the assessment axis.

    Raises:
        ValidationError: if the values are not numbers or the assessment axis is empty.

    >>> milestone_met([[2, 0, 1], [1, 0, 1], [0, 0, 1]]).tolist()
    [True, False, False]
    """
    ranks, restore = _as_series(_only_numbers(band_ranks, "$.band_ranks"))
    ends = _SeriesEnds.of(ranks, ~np.isnan(ranks))
    return restore((ends.latest == 0) & (ends.entry != 0))


def summarise_progress(
    values: npt.ArrayLike,
    months: npt.ArrayLike,
    *,
    sd: npt.ArrayLike,
    reliability: npt.ArrayLike,
    higher_is_better: npt.ArrayLike,
    z: float = 1.96,
) -> Progress:
    """Summarise per-domain progress of one child or a cohort from their series of assessments.

    Entry and latest scores, distance travelled, least-squares trend per month, and the reliable
    change index from entry to latest with its classification (Jacobson & Truax 1991).

    Args:
        values: ``(n_assessments, n_domains)`` for one child or
            ``(n_children, n_assessments, n_domains)`` for a cohort; NaN = missing.
        months: when each assessment was made, ``(n_assessments,)`` or
            ``(n_children, n_assessments)``.
        sd: standard deviation of the measure, a scalar or one per domain.
        reliability: reliability of the measure, a scalar or one per domain.
        higher_is_better: a bool, or one per domain (e.g. False for SDQ difficulties, True for
            prosocial).
        z: the critical value for reliable change.

    Returns:
        A :class:`Progress` with arrays of shape ``(n_domains,)`` for one child or
        ``(n_children, n_domains)`` for a cohort.

    Raises:
        ValidationError: naming every argument that is not numbers (or, for
            ``higher_is_better``, booleans), if the arrays do not fit the layout, or the
            reliable change options are invalid.

    Warns:
        ProgressWarning: if any series has fewer than two recorded assessments.

    >>> p = summarise_progress([[30.0, 5.0], [20.0, 6.0], [12.0, 7.0]], [0, 6, 12],
    ...                        sd=7.5, reliability=0.8, higher_is_better=False)
    >>> p.distance_travelled.tolist(), p.trend_per_month.tolist(), p.change.tolist()
    ([-18.0, 2.0], [-1.5, 0.16666666666666666], [1, 0])
    """
    check = _Arguments("progress options")
    v, m = check.numbers(values, "$.values"), check.numbers(months, "$.months")
    _reliability_options(check, sd, reliability, z)
    check.flags(higher_is_better, "$.higher_is_better")
    check.require(v.ndim in (2, 3), "$.values", "must have 2 or 3 dimensions")
    check.done()
    y, restore = _as_series(v)
    t = _months_for(m, v.shape, y.shape)
    present = ~np.isnan(y)
    ends = _SeriesEnds.of(y, present)
    _warn_if_short(ends.count, stacklevel=3)
    enough = ends.count >= 2
    change = reliable_change(
        np.where(enough, ends.entry, np.nan),
        ends.latest,
        sd=sd,
        reliability=reliability,
        z=z,
        higher_is_better=higher_is_better,
    )
    return Progress(
        entry=_frozen(restore(ends.entry)),
        latest=_frozen(restore(ends.latest)),
        n_assessments=_frozen(restore(ends.count)),
        distance_travelled=_frozen(restore(ends.distance())),
        trend_per_month=_frozen(restore(_slopes(y, t, present))),
        rci=restore(change.value),
        change=restore(change.direction),
    )


@attrs.frozen(eq=False)
class _SeriesEnds:
    """The first and latest recorded value of each series, and how many were recorded."""

    entry: FloatArray
    latest: FloatArray
    count: IntArray

    @classmethod
    def of(cls, y: FloatArray, present: BoolArray) -> _SeriesEnds:
        """Find the ends of every series of a ``(batch, n_assessments, n_domains)`` array."""
        # argmax finds the first True; on an all-missing series it gives 0, whose value is NaN,
        # which is the right answer for that series.
        first = np.argmax(present, axis=1)
        last = y.shape[1] - 1 - np.argmax(present[:, ::-1, :], axis=1)
        return cls(
            entry=np.take_along_axis(y, first[:, None, :], axis=1)[:, 0, :],
            latest=np.take_along_axis(y, last[:, None, :], axis=1)[:, 0, :],
            count=np.count_nonzero(present, axis=1),
        )

    def distance(self) -> FloatArray:
        """Latest minus entry where at least two values were recorded, else NaN."""
        return np.where(self.count >= 2, self.latest - self.entry, np.nan)


# ---------------------------------------------------------------------------------------------
# Layout, validation and small array tools


class _Restore:
    """Turns a ``(batch, n_domains)`` result back into the caller's shape."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self._shape = shape

    def __call__(self, result: npt.NDArray[_Scalar]) -> npt.NDArray[_Scalar]:
        return result.reshape(self._shape)


def _as_series(values: npt.ArrayLike) -> tuple[FloatArray, _Restore]:
    """View ``values`` as ``(batch, n_assessments, n_domains)`` and say how to shape results."""
    y = _as_float(values)
    _require(y.ndim >= 1, "$.values", "must have an assessment axis", "progress series")
    if y.ndim == 1:
        y = y[None, :, None]
        result_shape: tuple[int, ...] = ()
    else:
        result_shape = y.shape[:-2] + y.shape[-1:]
        # An explicit batch size, not -1: a cohort of no children is a valid (empty) cohort.
        y = y.reshape((math.prod(y.shape[:-2]), *y.shape[-2:]))
    _require(y.shape[1] > 0, "$.values", "needs at least one assessment", "progress series")
    return y, _Restore(result_shape)


def _months_for(
    months: npt.ArrayLike, values_shape: tuple[int, ...], series_shape: tuple[int, ...]
) -> FloatArray:
    """Broadcast ``months`` over the series layout, as ``(batch, n_assessments, 1)``."""
    timetable_shape = values_shape[:-1] if len(values_shape) >= 2 else values_shape
    try:
        t = np.broadcast_to(_as_float(months), timetable_shape)
    except ValueError:
        message = f"must broadcast to {timetable_shape} (values without the domain axis)"
        raise ValidationError.single("$.months", message, what="progress series") from None
    return t.reshape((series_shape[0], series_shape[1], 1))


def _slopes(y: FloatArray, t: FloatArray, present: BoolArray) -> FloatArray:
    """Least-squares slope of each ``(batch, domain)`` series over its present assessments.

    ``y`` is ``(batch, n_assessments, n_domains)``, ``t`` is ``(batch, n_assessments, 1)``.
    """
    undated = np.isnan(t)
    if undated.any():
        present = present & ~undated
        t = np.where(undated, 0.0, t)
    absent = ~present
    # Two full-size buffers, reused in place: on a large cohort the time goes on allocating
    # and touching fresh memory, not on arithmetic. einsum reduces the middle axis several
    # times faster than .sum(axis=1).
    dt = present.astype(np.float64)
    count = np.einsum("bad->bd", dt)
    dy = np.where(present, y, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        t_mean = np.einsum("bad,ba->bd", dt, t[:, :, 0]) / count
        y_mean = np.einsum("bad->bd", dy) / count
        # Centre both variables before the products: month numbers and scores can be large
        # next to a small slope, and centring keeps the sums free of cancellation.
        np.subtract(t, t_mean[:, None, :], out=dt)
        np.subtract(y, y_mean[:, None, :], out=dy)
        np.copyto(dt, 0.0, where=absent)
        np.copyto(dy, 0.0, where=absent)
        slope = np.einsum("bad,bad->bd", dt, dy) / np.einsum("bad,bad->bd", dt, dt)
    return np.where(count >= 2, slope, np.nan)


_TRUE_OR_FALSE = "must be true or false"
_NUMBERS = "must be a number or an array of numbers (NaN or None for missing)"


class _Arguments:
    """A function's arguments, checked together so that every bad one is named at once."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.errors: list[FieldError] = []

    def require(self, ok: bool, path: str, message: str) -> None:
        """Add a problem at ``path`` unless ``ok`` (or ``path`` already has one)."""
        if not ok and all(e.path != path for e in self.errors):
            self.errors.append(FieldError(path, message))

    def numbers(self, x: object, path: str) -> FloatArray:
        """``x`` as a float array; NaN (and a problem) where it is not numbers."""
        a = _numbers(x)
        if a is None:
            self.require(False, path, _NUMBERS)
            return np.asarray(np.nan)
        return a

    def number(self, x: object, path: str) -> float:
        """``x`` as one finite number; NaN (and a problem) otherwise."""
        if isinstance(x, bool) or not isinstance(x, Real) or not math.isfinite(float(x)):
            self.require(False, path, "must be a finite number")
            return math.nan
        return float(x)

    def flags(self, x: object, path: str) -> BoolArray:
        """``x`` as booleans (one, or an array); False (and a problem) otherwise."""
        try:
            a = np.asarray(x)
        except (TypeError, ValueError):
            a = np.asarray(None)
        if a.dtype.kind != "b":
            self.require(False, path, f"{_TRUE_OR_FALSE}, or an array of them")
            return np.asarray(False)
        return a

    def done(self) -> None:
        """Raise a ValidationError naming every problem found, if any."""
        if self.errors:
            raise ValidationError(self.errors, what=self.what)


def _numbers(x: object) -> FloatArray | None:
    """``x`` as a float64 array if it holds only numbers (None and NaN count as missing).

    Booleans, text, dates and complex numbers are refused, not converted.
    """
    try:
        a = np.asarray(x)
    except (TypeError, ValueError):  # ragged nesting
        return None
    if a.dtype.kind in "iuf":
        return _as_float(a)
    if a.dtype.kind == "O" and all(
        v is None or (isinstance(v, Real) and not isinstance(v, bool)) for v in a.flat
    ):
        return np.array([math.nan if v is None else float(v) for v in a.flat]).reshape(a.shape)
    return None


def _only_numbers(x: object, path: str) -> FloatArray:
    check = _Arguments("progress series")
    a = check.numbers(x, path)
    check.done()
    return a


def _reliability_options(
    check: _Arguments, sd: object, reliability: object, z: object
) -> tuple[FloatArray, FloatArray, float]:
    """The checked ``sd`` (positive, finite), ``reliability`` (in [0, 1)) and ``z`` (> 0)."""
    sd_a = check.numbers(sd, "$.sd")
    check.require(bool(np.all(np.isfinite(sd_a) & (sd_a > 0))), "$.sd", "must be a positive number")
    r = check.numbers(reliability, "$.reliability")
    check.require(bool(np.all((r >= 0) & (r < 1))), "$.reliability", "must be in [0, 1)")
    z_value = check.number(z, "$.z")
    check.require(z_value > 0, "$.z", "must be a positive critical value")
    return sd_a, r, z_value


def _require(ok: bool, path: str, message: str, what: str) -> None:
    if not ok:
        raise ValidationError.single(path, message, what=what)


def _warn_if_short(count: IntArray, *, stacklevel: int) -> None:
    short = int(np.count_nonzero(count < 2))
    if short:
        verb = "has" if short == 1 else "have"
        message = (
            f"{short} of {count.size} series {verb} fewer than two recorded assessments: "
            "no change can be measured for them, so their change statistics are NaN"
        )
        warnings.warn(message, ProgressWarning, stacklevel=stacklevel)


def _as_float(x: npt.ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=np.float64)


def _frozen(a: npt.NDArray[_Scalar]) -> npt.NDArray[_Scalar]:
    """Make a freshly computed array read-only, so a frozen record really is frozen.

    Only for arrays the library has just made: bare results of the public functions are the
    caller's to change, and a caller's input must never have its flags changed.
    """
    a.flags.writeable = False
    return a
