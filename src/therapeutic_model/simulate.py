"""Synthetic children's homes: cohorts of children and their placements, for demos and analyses.

**Everything this module makes is synthetic.** No record describes a real child or carer; each
carries :data:`SYNTHETIC_NOTICE`. The numbers follow the generative assumptions below, chosen
to look plausible and to exercise every part of the library, not fitted to any real data. Use
them for demonstrations, tests, benchmarks and power analyses, never as evidence about children.

Generative assumptions (all randomness from one seeded :class:`numpy.random.Generator`):

1. **Age at entry** is uniform between 8 and 16¾ years (96–200 months): residential care in
   England is mostly for older children. The date of birth is the entry date less that age
   (and up to 27 days more).
2. **Developmental history.** Adversity starts in one period of early life (perinatal 25 %,
   infancy 25 %, early childhood 25 %, childhood 20 %, adolescence 5 %, among the periods the
   child has reached); before it adversity is none or mild, from it onwards moderate to severe
   (0–3). Relational health per period falls as adversity rises; current relational health is
   mostly limited or adequate. The ACE count is binomial on the mean adversity.
3. **Initial gaps follow timing.** The ratio of each neurosequential domain to its age-typical
   value starts at 1 and loses, for each period, ``adversity / 3 × W[period, level] ×
   (1.15 − 0.1 × relational health)``, where ``W`` gives earlier periods more weight and, within
   a period, the levels maturing then the most: earlier adversity hits lower levels harder
   (after Hambrick, Brawner & Perry 2019, Front. Behav. Neurosci. 13:183, where adversity
   timing and relational health predicted current functioning). Poor current relational health
   lowers every domain a little.
4. **Entry assessments.** The clinician rates each of the 32 functions of ``neurosequential``
   0–4: the domain's expected value at the child's age × its ratio, plus a persistent offset per
   function and rater noise, rounded. The carer completes ``sdq-parent``: each problem scale's
   items are ``Binomial(2, p)`` with ``p`` rising as the related domains fall (emotional ←
   self-regulation and relational; conduct ← self-regulation; hyperactivity ← sensory
   integration and self-regulation; peer ← relational; prosocial falls as relational falls);
   reverse-keyed items are written reversed so that they score as drawn.
5. **Monthly trajectories respond to the suggested interventions.** Work is sequenced
   bottom-up, as the neurosequential model recommends: regulate (sensory integration and
   self-regulation) from entry, relate (relational) once regulation is near typical or from
   month 3, reason (cognitive) once relating is near typical or from month 6. A domain being
   worked on closes ``0.14 × effect × responsiveness`` of its remaining gap each month, one not
   yet worked on 0.02; improvement below spills a little upward. Responsiveness is log-normal
   per child; about one child in seven barely responds. Each month brings process noise and,
   with probability 0.06, a setback (a loss of 0.04–0.12 in every domain).
6. **Measurement.** ``neurosequential`` is re-rated monthly (the tracker measure reviewed at the
   monthly therapeutic management meeting); ``sdq-parent`` is completed at entry and every six
   months.

Example:
    >>> from datetime import date
    >>> c = cohort(3, 6, seed=1, on=date(2025, 1, 6))
    >>> len(c.children), c.months
    (3, 6)
    >>> c.responses("neurosequential").shape
    (3, 7, 32)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Final, Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.assessment import (
    Assessment,
    DevelopmentalHistory,
    InstrumentSpec,
    PeriodHistory,
    Profile,
    ScoreBatch,
)
from therapeutic_model.child import Child, ChildId, Period
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.io import builtin_instruments, default_catalogue, default_rules
from therapeutic_model.response import (
    AttainmentLevels,
    Catalogue,
    Goal,
    IndividualResponse,
    draft_plan,
)
from therapeutic_model.review import (
    Attendee,
    ChildView,
    Decision,
    DecisionKind,
    Psychometrics,
    ReviewMeeting,
    ReviewPolicy,
    Tracker,
    add_months,
)
from therapeutic_model.team import (
    Appraisal,
    Employment,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    StaffId,
    StaffMember,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamRecord,
    TeamRecords,
    TrainingKind,
    TrainingRecord,
    WellbeingCheck,
    check_team,
)

__all__ = [
    "NEURO_ID",
    "SDQ_ID",
    "SYNTHETIC_NOTICE",
    "Cohort",
    "SimulatedChild",
    "SimulatedHome",
    "add_months",
    "cohort",
    "home",
    "reference_psychometrics",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

SYNTHETIC_NOTICE: Final = (
    "SYNTHETIC DATA made by therapeutic_model.simulate: no record describes a real child or carer."
)
"""The label every simulated record set carries."""

NEURO_ID: Final = "neurosequential"
SDQ_ID: Final = "sdq-parent"
SDQ_EVERY_MONTHS: Final = 6

_PERIODS: Final = tuple(Period)
_ONSET_P: Final = np.array([0.25, 0.25, 0.25, 0.20, 0.05])
# Weight of adversity in each period (rows: perinatal … adolescence) on each level (columns:
# brainstem, diencephalon, limbic, cortex). Earlier rows are heavier, and each row is heaviest
# at the levels maturing in that period: earlier adversity hits lower levels harder.
_W: Final = np.array(
    [
        [0.18, 0.13, 0.09, 0.06],
        [0.14, 0.14, 0.11, 0.07],
        [0.06, 0.11, 0.13, 0.09],
        [0.02, 0.05, 0.09, 0.11],
        [0.01, 0.02, 0.05, 0.07],
    ]
)
_LEVEL_DOMAINS: Final = ("sensory_integration", "self_regulation", "relational", "cognitive")
_FUNCTION_OFFSET_SD: Final = 0.35
_RATER_SD: Final = 0.30
_GAIN_WORKED: Final = 0.14
_GAIN_WAITING: Final = 0.02
_SPILL_UP: Final = 0.25
_PROCESS_SD: Final = 0.015
_SETBACK_P: Final = 0.06
_RELATE_BY: Final = 3
_REASON_BY: Final = 6
_NEAR_TYPICAL: Final = 0.80
# SDQ scale → the neurosequential domains (column indices) whose shortfall drives it.
_SDQ_DRIVERS: Final[Mapping[str, tuple[int, ...]]] = {
    "emotional": (1, 2),
    "conduct": (1,),
    "hyperactivity": (0, 1),
    "peer": (2,),
    "prosocial": (2,),
}


def _assessment_tuple(value: Iterable[Assessment]) -> tuple[Assessment, ...]:
    return tuple(value)


@attrs.frozen
class SimulatedChild:
    """One synthetic child's placement: who, from when, their history and every assessment.

    Attributes:
        child: the child (an opaque synthetic id and a date of birth).
        entered: the date the placement began (the entry assessment's date).
        history: the synthetic developmental history.
        assessments: every assessment in date order (``neurosequential`` monthly,
            ``sdq-parent`` at entry and six-monthly).
        responsiveness: the generative responsiveness to interventions (1 = typical); a hidden
            truth a real home never knows, kept so that analyses can be checked against it.
    """

    child: Child
    entered: date
    history: DevelopmentalHistory
    assessments: tuple[Assessment, ...] = attrs.field(converter=_assessment_tuple)
    responsiveness: float
    triggers: tuple[str, ...] = ()
    notice: str = SYNTHETIC_NOTICE

    def assessments_of(self, instrument_id: str) -> tuple[Assessment, ...]:
        """This child's assessments on one instrument, in date order."""
        return tuple(a for a in self.assessments if a.instrument_id == instrument_id)

    def entry(self, instrument_id: str = NEURO_ID) -> Assessment:
        """The first assessment on an instrument (the entry assessment)."""
        return self.assessments_of(instrument_id)[0]


@attrs.frozen(eq=False)
class _Draws:
    """The per-child draws that records are built from (kept so records are built on demand)."""

    age0: FloatArray
    extra_days: IntArray
    adversity: IntArray
    relational: IntArray
    current_rh: IntArray
    ace: IntArray
    responsiveness: FloatArray
    ratios: FloatArray
    triggers: tuple[tuple[str, ...], ...]


@attrs.frozen(eq=False)
class Cohort:
    """A synthetic cohort: the same data as arrays for cohort analyses and as records.

    Arrays are aligned on the months of the simulated period (month 0 = ``start``); cells
    before a child's entry, and months with no assessment, are NaN. The records
    (:attr:`children`) are built on first use, so a large cohort for a power analysis costs
    only its arrays.

    Attributes:
        start: the first day of the simulated period.
        months: the period's length in months.
        seed: the seed that made it (the same seed makes the same cohort).
        entry_month: the month of the period each child entered in.
        phase_start: per child and level (brainstem … cortex), the month of the placement the
            suggested work at that level started in.
        id_prefix: the prefix of the synthetic child ids.
    """

    start: date
    months: int
    seed: int
    entry_month: IntArray
    phase_start: IntArray
    id_prefix: str
    _responses: Mapping[str, FloatArray] = attrs.field(alias="_responses", repr=False)
    _ages: Mapping[str, FloatArray] = attrs.field(alias="_ages", repr=False)
    _draws: _Draws = attrs.field(alias="_draws", repr=False)
    notice: str = SYNTHETIC_NOTICE

    def __len__(self) -> int:
        return len(self.entry_month)

    @functools.cached_property
    def children(self) -> tuple[SimulatedChild, ...]:
        """One :class:`SimulatedChild` per child, in id order."""
        return tuple(self.child(i) for i in range(len(self)))

    def child_id(self, i: int) -> ChildId:
        """The synthetic id of the ``i``-th child (``syn-001`` …)."""
        return ChildId(f"{self.id_prefix}-{i + 1:03d}")

    def child(self, i: int) -> SimulatedChild:
        """The records of the ``i``-th child."""
        d = self._draws
        entered = add_months(self.start, int(self.entry_month[i]))
        born = add_months(entered, -int(d.age0[i])) - timedelta(days=int(d.extra_days[i]))
        child = Child(id=self.child_id(i), born=born)
        return SimulatedChild(
            child=child,
            entered=entered,
            history=_history(d, i),
            assessments=self._assessments(child.id, i),
            responsiveness=float(d.responsiveness[i]),
            triggers=d.triggers[i],
        )

    def latent_ratios(self) -> FloatArray:
        """The generative ratio to age-typical per child, placement month and level.

        Shape (children, months + 1, 4), indexed by month of placement (0 = entry), levels
        brainstem … cortex. A hidden truth a real home never sees; measured scores add noise.
        """
        return self._draws.ratios

    def responses(self, instrument_id: str) -> FloatArray:
        """Item responses, shape (children, months + 1, items); NaN where not assessed."""
        return self._responses[instrument_id]

    def ages(self, instrument_id: str) -> FloatArray:
        """Ages in months at each assessment, shape (children, months + 1); NaN where none."""
        return self._ages[instrument_id]

    def scores(self, instrument_id: str, month: int) -> tuple[ScoreBatch, IntArray]:
        """Score every child assessed in a month of the period, in one batch.

        Returns:
            The batch and, for each of its rows, the index of the child.
        """
        x = self._responses[instrument_id][:, month, :]
        rows = np.flatnonzero(~np.isnan(self._ages[instrument_id][:, month]))
        inst = _instrument(instrument_id)
        ages = self._ages[instrument_id][rows, month]
        return inst.score_many(x[rows], age_months=ages), rows.astype(np.int64)

    def _assessments(self, child_id: ChildId, row: int) -> tuple[Assessment, ...]:
        found: list[Assessment] = []
        for iid, x in self._responses.items():
            informant, role = ("parent", "carer") if iid == SDQ_ID else (None, "clinical_assessor")
            items = _instrument(iid).item_ids
            for m in np.flatnonzero(~np.isnan(x[row, :, 0])):
                values = x[row, m].astype(np.int64).tolist()
                found.append(
                    Assessment(
                        child_id=child_id,
                        instrument_id=iid,
                        on=add_months(self.start, int(m)),
                        responses=dict(zip(items, values, strict=True)),
                        informant=informant,
                        assessor_role=role,
                    )
                )
        return tuple(sorted(found, key=lambda a: (a.on, a.instrument_id)))


def _history(d: _Draws, i: int) -> DevelopmentalHistory:
    return DevelopmentalHistory(
        periods={
            p: PeriodHistory(
                adversity=int(d.adversity[i, k]), relational_health=int(d.relational[i, k])
            )
            for k, p in enumerate(_PERIODS)
            if d.adversity[i, k] >= 0
        },
        current_relational_health=int(d.current_rh[i]),
        ace_count=int(d.ace[i]),
    )


def cohort(
    n_children: int,
    months: int,
    *,
    seed: int,
    on: date,
    effect: float = 1.0,
    entry_spread_months: int = 0,
    id_prefix: str = "syn",
) -> Cohort:
    """Simulate a cohort of children placed from ``on`` and followed for ``months`` months.

    See the module docstring for every generative assumption. The same arguments always give the
    same cohort: all randomness comes from ``numpy.random.default_rng(seed)``.

    Args:
        n_children: how many children (at least 1).
        months: months followed after entry (0 gives entry assessments only).
        seed: the random seed.
        on: the first day of the period; with ``entry_spread_months=0`` every child enters then.
        effect: multiplies the monthly gain from the work being done (1 = the default
            assumption; 0 = no effect of the interventions), for power analyses.
        entry_spread_months: children enter on a random month from 0 to this (staggered
            admissions, as in a home); their follow-up is cut at the end of the period.
        id_prefix: prefix of the synthetic child ids (``syn-001`` …).

    Returns:
        The :class:`Cohort`.

    Raises:
        InvalidValue: if a count is out of range.
    """
    _check_counts(n_children, months, entry_spread_months, effect)
    rng = np.random.default_rng(seed)
    n, t = n_children, months + 1
    entry_month = rng.integers(0, entry_spread_months + 1, size=n)
    entry_month[0] = 0  # the period opens with a placement, so month 0 always has evidence
    age0 = rng.integers(96, 201, size=n).astype(float)
    extra_days = rng.integers(0, 28, size=n)
    adversity, relational, current_rh, ace = _histories(rng, age0)
    ratio0 = _initial_ratios(rng, adversity, relational, current_rh)
    responsiveness = _responsiveness(rng, n)
    ratios, phase_start = _trajectories(rng, ratio0, responsiveness, t, effect)
    neuro, neuro_ages = _neuro_ratings(rng, ratios, age0, entry_month, t)
    sdq, sdq_ages = _sdq_responses(rng, ratios, age0, entry_month, t)
    return Cohort(
        start=on,
        months=months,
        seed=seed,
        entry_month=entry_month.astype(np.int64),
        phase_start=phase_start,
        id_prefix=id_prefix,
        _responses={NEURO_ID: neuro, SDQ_ID: sdq},
        _ages={NEURO_ID: neuro_ages, SDQ_ID: sdq_ages},
        _draws=_Draws(
            age0=age0,
            extra_days=extra_days.astype(np.int64),
            adversity=adversity,
            relational=relational,
            current_rh=current_rh,
            ace=ace,
            responsiveness=responsiveness,
            ratios=ratios,
            triggers=_triggers(np.random.default_rng([seed, 5]), n),
        ),
    )


_TRIGGER_TAGS: Final = (
    "physical_touch",
    "night_time",
    "crowds",
    "loud_noise",
    "unfamiliar_adults",
    "talking_about_family",
    "confined_spaces",
    "water",
)


def _triggers(rng: np.random.Generator, n: int) -> tuple[tuple[str, ...], ...]:
    """Zero to two personal trigger tags per child (synthetic; the catalogue's exposure tags)."""
    counts = rng.choice(3, size=n, p=[0.3, 0.45, 0.25])
    return tuple(
        tuple(sorted(rng.choice(_TRIGGER_TAGS, size=int(k), replace=False).tolist()))
        for k in counts
    )


def _check_counts(n: int, months: int, spread: int, effect: float) -> None:
    if not 1 <= n <= 1_000_000:
        msg = "n_children must be from 1 to 1,000,000"
        raise InvalidValue(msg)
    if not 0 <= months <= 240:
        msg = "months must be from 0 to 240"
        raise InvalidValue(msg)
    if not 0 <= spread <= months:
        msg = "entry_spread_months must be from 0 to months"
        raise InvalidValue(msg)
    if not 0 <= effect <= 10:
        msg = "effect must be from 0 to 10"
        raise InvalidValue(msg)


def _instrument(instrument_id: str) -> InstrumentSpec:
    for spec in builtin_instruments():
        if spec.id == instrument_id:
            return spec
        if instrument_id.startswith(f"{spec.id}-") and spec.informants:
            return spec.for_informant(instrument_id.removeprefix(f"{spec.id}-"))
    msg = f"simulate knows no instrument {instrument_id!r}"
    raise InvalidValue(msg)


def _histories(
    rng: np.random.Generator, age0: FloatArray
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Adversity and relational health per period (−1 = period not reached), current RH, ACEs."""
    n, k = len(age0), len(_PERIODS)
    starts = np.array([p.months[0] for p in _PERIODS], dtype=float)
    reached = age0[:, None] >= starts[None, :]
    p = np.where(reached, _ONSET_P[None, :], 0.0)
    p /= p.sum(axis=1, keepdims=True)
    onset = (rng.random((n, 1)) > np.cumsum(p, axis=1)).sum(axis=1)
    severity = rng.uniform(1.2, 3.0, size=(n, 1)) + rng.normal(0.0, 0.6, size=(n, k))
    after = np.clip(np.rint(severity), 1, 3)
    before = (rng.random((n, k)) < 0.2).astype(float)
    adversity = np.where(np.arange(k)[None, :] >= onset[:, None], after, before)
    relational = np.clip(np.rint(3.0 - 0.7 * adversity + rng.normal(0.0, 0.7, (n, k))), 0, 3)
    adversity = np.where(reached, adversity, -1).astype(np.int64)
    relational = np.where(reached, relational, -1).astype(np.int64)
    current = np.clip(np.rint(1.5 + rng.normal(0.0, 0.9, n)), 0, 3).astype(np.int64)
    mean_adv = np.where(reached, adversity, 0).sum(axis=1) / reached.sum(axis=1)
    ace = rng.binomial(10, np.clip(mean_adv / 3.0 * 0.7 + 0.05, 0.0, 1.0)).astype(np.int64)
    return adversity, relational, current, ace


def _initial_ratios(
    rng: np.random.Generator, adversity: IntArray, relational: IntArray, current: IntArray
) -> FloatArray:
    """Ratio to age-typical per child and level at entry, from the timing of adversity."""
    adv = np.clip(adversity, 0, 3) / 3.0
    buffer = 1.15 - 0.1 * np.clip(relational, 0, 3)
    loss = np.einsum("nk,kl->nl", adv * buffer, _W)
    loss += 0.04 * (3 - current)[:, None]
    ratio: FloatArray = np.clip(1.0 - loss + rng.normal(0.0, 0.05, loss.shape), 0.2, 1.05)
    return ratio


def _responsiveness(rng: np.random.Generator, n: int) -> FloatArray:
    r = rng.lognormal(0.0, 0.35, n)
    barely = rng.random(n) < 1 / 7
    return np.where(barely, 0.1, r)


def _trajectories(
    rng: np.random.Generator,
    ratio0: FloatArray,
    responsiveness: FloatArray,
    t: int,
    effect: float,
) -> tuple[FloatArray, IntArray]:
    """Latent ratios per child, month of placement and level; the month each phase started."""
    n, levels = ratio0.shape
    ratios = np.empty((n, t, levels))
    ratios[:, 0] = ratio0
    never = t + 1
    phase = np.full((n, levels), never, dtype=np.int64)
    phase[:, :2] = 0
    for m in range(1, t):
        prev = ratios[:, m - 1]
        relate_ready = (prev[:, :2].min(axis=1) >= _NEAR_TYPICAL) | (m >= _RELATE_BY)
        phase[:, 2] = np.where((phase[:, 2] == never) & relate_ready, m, phase[:, 2])
        reason_ready = (prev[:, 2] >= _NEAR_TYPICAL) | (m >= _REASON_BY)
        started = phase[:, 2] < m
        phase[:, 3] = np.where((phase[:, 3] == never) & reason_ready & started, m, phase[:, 3])
        worked = phase < m
        rate = np.where(worked, _GAIN_WORKED * effect * responsiveness[:, None], _GAIN_WAITING)
        gain = rate * np.clip(1.0 - prev, 0.0, None)
        gain[:, 1:] += _SPILL_UP * gain[:, :-1]
        hit = np.less(rng.random(n), _SETBACK_P)
        setback = hit[:, None] * rng.uniform(0.04, 0.12, (n, 1))
        noise = rng.normal(0.0, _PROCESS_SD, (n, levels))
        ratios[:, m] = np.clip(prev + gain + noise - setback, 0.15, 1.05)
    return ratios, phase


def _neuro_ratings(
    rng: np.random.Generator, ratios: FloatArray, age0: FloatArray, entry: IntArray, t: int
) -> tuple[FloatArray, FloatArray]:
    """Monthly clinician ratings of the 32 functions, on the period's calendar."""
    spec = _instrument(NEURO_ID)
    n = len(age0)
    domain_of = _domain_columns(spec)
    offsets = rng.normal(0.0, _FUNCTION_OFFSET_SD, (n, len(domain_of)))
    placement_month = np.arange(t)[None, :] - entry[:, None]
    placed = placement_month >= 0
    pm = np.clip(placement_month, 0, None)
    ages = age0[:, None] + pm
    expected = np.stack([spec.norms[d].expected_at(ages) for d in _LEVEL_DOMAINS], axis=-1)
    latent = np.take_along_axis(ratios, pm[:, :, None], axis=1) * expected
    target = latent[:, :, domain_of] + offsets[:, None, :]
    rated = np.clip(np.rint(target + rng.normal(0.0, _RATER_SD, target.shape)), 0, 4)
    rated[~placed] = np.nan
    return rated, np.where(placed, ages, np.nan)


def _domain_columns(spec: InstrumentSpec) -> IntArray:
    index = {d: i for i, d in enumerate(_LEVEL_DOMAINS)}
    owner = {item: index[d.id] for d in spec.domains for item in d.items}
    return np.array([owner[i] for i in spec.item_ids], dtype=np.int64)


def _sdq_responses(
    rng: np.random.Generator, ratios: FloatArray, age0: FloatArray, entry: IntArray, t: int
) -> tuple[FloatArray, FloatArray]:
    """Carer SDQ at entry and six-monthly, on the period's calendar."""
    spec = _instrument(SDQ_ID)
    n = len(age0)
    item_col = {item: j for j, item in enumerate(spec.item_ids)}
    reverse = np.array([it.reverse for it in spec.items])
    child_offset = {s: rng.normal(0.0, 0.08, n) for s in _SDQ_DRIVERS}
    out = np.full((n, t, len(spec.item_ids)), np.nan)
    placement_month = np.arange(t)[None, :] - entry[:, None]
    due = (placement_month >= 0) & (placement_month % SDQ_EVERY_MONTHS == 0)
    for domain in spec.domains:
        drivers = list(_SDQ_DRIVERS[domain.id])
        pm = np.clip(placement_month, 0, None)
        r = np.take_along_axis(ratios, pm[:, :, None], axis=1)[:, :, drivers].mean(axis=-1)
        p = 0.12 + 1.4 * (1.0 - r) + child_offset[domain.id][:, None]
        if domain.id == "prosocial":
            p = 1.0 - p
        p = np.clip(p, 0.02, 0.95)
        for item in domain.items:
            draw = rng.binomial(2, p).astype(float)
            j = item_col[item]
            out[:, :, j] = np.where(reverse[j], 2.0 - draw, draw)
    out[~due] = np.nan
    ages = np.where(due, age0[:, None] + np.clip(placement_month, 0, None), np.nan)
    return out, ages


# --------------------------------------------------------------------------- a home


@attrs.frozen(eq=False)
class SimulatedHome:
    """A synthetic children's home over a period: its children and its care team's records.

    Attributes:
        home_id: the synthetic home id.
        period: the first and last day of the simulated period.
        cohort: the children, their histories and assessments (:class:`Cohort`).
        team: the team's records: staff, supervision, appraisals, wellbeing (ProQOL 5),
            training, incidents and the actions after them.
        seed: the seed that made it.
    """

    home_id: str
    period: tuple[date, date]
    cohort: Cohort
    team: TeamRecords
    seed: int
    notice: str = SYNTHETIC_NOTICE

    @property
    def children(self) -> tuple[SimulatedChild, ...]:
        """The children placed during the period."""
        return self.cohort.children

    @property
    def histories(self) -> dict[ChildId, DevelopmentalHistory]:
        """Each child's developmental history, by child id."""
        return {c.child.id: c.history for c in self.children}

    @functools.cached_property
    def trackers(self) -> tuple[Tracker, ...]:
        """Each child's tracker over the period, built as a home would have built it.

        On entry: the assessments, then the suggested response (the shipped rules) drafted
        into plan version 1 with a goal per domain below the typical band. Each month: the
        tracker rating (and the six-monthly SDQ), goal ratings, and the therapeutic management
        meeting (clinical assessor, registered manager, key worker) with its decisions:
        putting the plan into practice, starting each deferred stage when the simulated work
        reaches it, marking goals met, and acting on the tracker's own prompts (taper, re-
        formulate, escalate, reassess).
        """
        policy = ReviewPolicy(psychometrics=reference_psychometrics())
        team_status = _MonthlyTeamStatus(self.team, self.period)
        return tuple(
            _Story(
                c,
                policy,
                phase_start=self.cohort.phase_start[i],
                end=self.period[1],
                team=team_status,
                rng=np.random.default_rng([self.seed, 6, i]),
            ).run()
            for i, c in enumerate(self.children)
        )


_REFERENCE_SIZE: Final = 2000
_REFERENCE_SEED: Final = 20_150_541  # SI 2015/541, the Children's Homes Regulations
_ILLUSTRATIVE_RELIABILITY: Final = 0.80


@functools.cache
def reference_psychometrics() -> dict[str, Psychometrics]:
    """Illustrative SD and reliability of each score, for reliable change in simulated homes.

    The SD is that of entry scores in a synthetic reference cohort of 2,000 children (this
    module's assumptions); the reliability is an illustrative 0.80 for every score. They are
    **not** published figures: a provider should use the instrument's published norms or its
    own data (:class:`~therapeutic_model.review.Psychometrics` says where they came from).
    """
    ref = cohort(_REFERENCE_SIZE, 0, seed=_REFERENCE_SEED, on=date(2025, 1, 1))
    out = {}
    for iid in (NEURO_ID, SDQ_ID):
        batch, _ = ref.scores(iid, 0)
        sd = {sid: float(np.nanstd(batch.column(sid), ddof=1)) for sid in batch.score_ids}
        out[iid] = Psychometrics(
            sd=sd,
            reliability=dict.fromkeys(sd, _ILLUSTRATIVE_RELIABILITY),
            source=(
                "ILLUSTRATIVE: SD of entry scores in a synthetic reference cohort "
                "(therapeutic_model.simulate); reliability 0.80 assumed. Not published figures."
            ),
        )
    return out


class _MonthlyTeamStatus:
    """The team check's status on each meeting date, checked once per calendar month."""

    def __init__(self, team: TeamRecords, period: tuple[date, date]) -> None:
        self.team = team
        self.period = period
        self.cache: dict[tuple[int, int], str] = {}

    def on(self, day: date) -> str:
        key = (day.year, day.month)
        if key not in self.cache:
            report = check_team(self.team, on=day, period=(self.period[0], day))
            self.cache[key] = str(report.status)
        return self.cache[key]


_LEVEL_STAGE: Final = ("regulate", "regulate", "relate", "reason")
# A meeting keeps the plan's frame (care plan, risk assessment, boundaries) when a domain is
# typical again; it tapers the work that served the domain.
_KEEP: Final = frozenset({"care_plan", "risk_assessment", "boundaries"})
_GOAL_INSTRUMENT: Final = NEURO_ID
_MEETING_ROLES: Final = ("clinical_assessor", "registered_manager", "key_worker")
_TookPart = Literal["attended", "key_work_session", "declined"]
_CHILD_TOOK_PART: Final[tuple[_TookPart, ...]] = (
    "attended",
    "key_work_session",
    "key_work_session",
    "declined",
)


class _Story:
    """One child's placement told through the tracker, month by month."""

    def __init__(
        self,
        sc: SimulatedChild,
        policy: ReviewPolicy,
        *,
        phase_start: IntArray,
        end: date,
        team: _MonthlyTeamStatus,
        rng: np.random.Generator,
    ) -> None:
        self.sc = sc
        self.policy = policy
        self.phase_start = phase_start
        self.end = end
        self.team = team
        self.rules = default_rules()
        self.catalogue = default_catalogue()
        self.instruments = {iid: _instrument(iid) for iid in (NEURO_ID, SDQ_ID)}
        self.rng = rng
        self.entry_ratio: dict[str, float] = {}
        self.met: set[str] = set()
        self.escalated_month = -99

    def run(self) -> Tracker:
        sc = self.sc
        t = Tracker.open(
            sc.child,
            on=sc.entered,
            actor_role="registered_manager",
            reason="placement began",
            policy=self.policy,
        )
        by_month: dict[int, list[Assessment]] = {}
        for a in sc.assessments:
            by_month.setdefault(_months_between(sc.entered, a.on), []).append(a)
        t = self._record(t, by_month.get(0, []))
        t = t.adopt_plan(
            self._first_plan(t),
            on=sc.entered + timedelta(days=3),
            actor_role="registered_manager",
            reason="placement plan from the entry assessment",
        )
        month = 1
        while (day := add_months(sc.entered, month)) <= self.end:
            t = t.advance(on=day)
            t = self._record(t, by_month.get(month, []))
            ratings = self._ratings(t)
            if ratings:
                t = t.rate_goals(ratings, on=day, actor_role="clinical_assessor")
            # Now and then a meeting slips past its grace period, as meetings do.
            held = day + timedelta(
                days=int(self.rng.integers(9, 13)) if self.rng.random() < 0.08 else 0
            )
            t = t.hold_meeting(
                self._meeting(t, month, held),
                actor_role="registered_manager",
                catalogue=self.catalogue,
            )
            month += 1
        return t

    def _record(self, t: Tracker, assessments: Sequence[Assessment]) -> Tracker:
        for a in assessments:
            age = self.sc.child.age_months(a.on)
            profile = self.instruments[a.instrument_id].score(a.responses, age_months=age)
            role = (a.assessor_role or "key_worker").replace(" ", "_")
            t = t.record_assessment(a, profile, on=a.on, actor_role=role)
        return t

    def _latest(self, t: Tracker, iid: str) -> Profile:
        return next(a.profile for a in reversed(t.assessments) if a.profile.instrument_id == iid)

    def _first_plan(self, t: Tracker) -> IndividualResponse:
        profiles = [self._latest(t, iid) for iid in (NEURO_ID, SDQ_ID)]
        suggestions = self.rules.suggest(
            profiles,
            history=self.sc.history,
            triggers=self.sc.triggers,
            team=self.team.on(self.sc.entered),
        )
        on = self.sc.entered + timedelta(days=3)
        plan = draft_plan(
            str(self.sc.child.id), suggestions, on=on, author_role="registered_manager"
        )
        goals = self._goals(profiles[0], on)
        linked = tuple(
            attrs.evolve(pi, goal_ids=self._goal_ids(pi.intervention_id, goals))
            for pi in plan.interventions
        )
        return attrs.evolve(plan, goals=goals, interventions=linked)

    def _goals(self, profile: Profile, on: date) -> tuple[Goal, ...]:
        goals = []
        spec = self.instruments[NEURO_ID]
        titles = {d.id: d.title for d in spec.domains}
        for s in profile.scores.values():
            self.entry_ratio[s.id] = s.ratio or 0.0
            if s.rank is None or s.rank == 0:
                continue
            title = titles.get(s.id, s.id)
            goals.append(
                Goal(
                    id=f"goal-{s.id}".replace("_", "-"),
                    title=f"{title}: functioning typical for age (green band)",
                    levels=AttainmentLevels(
                        much_less=f"{title} reliably worse than on entry",
                        less=f"{title} no better than on entry",
                        expected=f"{title} improving, not yet typical for age",
                        more=f"{title} in the green band",
                        much_more=f"{title} at or above 95 % of age-typical",
                    ),
                    review_on=add_months(on, 6),
                    domain=f"{_GOAL_INSTRUMENT}:{s.id}",
                )
            )
        return tuple(goals)

    def _goal_ids(self, intervention_id: str, goals: Sequence[Goal]) -> tuple[str, ...]:
        served = set(self.catalogue.get(intervention_id).domains)
        return tuple(g.id for g in goals if g.domain and g.domain.split(":")[1] in served)

    def _ratings(self, t: Tracker) -> dict[str, int]:
        plan = t.plan
        if plan is None:
            return {}
        latest = self._latest(t, NEURO_ID).scores
        out: dict[str, int] = {}
        for g in plan.goals:
            if g.domain is None or g.status != "active":
                continue
            s = latest[g.domain.split(":")[1]]
            ratio, gain = s.ratio or 0.0, (s.ratio or 0.0) - self.entry_ratio.get(s.id, 0.0)
            if ratio >= 0.95:
                out[g.id] = 2
            elif s.rank == 0:
                out[g.id] = 1
            elif gain >= 0.05:
                out[g.id] = 0
            else:
                out[g.id] = -2 if gain <= -0.1 else -1
        return out

    def _meeting(self, t: Tracker, month: int, day: date) -> ReviewMeeting:
        status = self.team.on(day)
        decisions = self._decisions(t, month, day)
        took_part = _CHILD_TOOK_PART[int(self.rng.integers(len(_CHILD_TOOK_PART)))]
        return ReviewMeeting(
            on=day,
            attendees=tuple(Attendee(r) for r in _MEETING_ROLES),
            decisions=decisions,
            evidence=t.evidence(on=day, team_status=status),
            child_view=ChildView(took_part=took_part, own_words=False),
            priorities=tuple(_priority(d) for d in decisions[:3]),
        )

    def _decisions(self, t: Tracker, month: int, day: date) -> tuple[Decision, ...]:
        plan = t.plan
        if plan is None:
            return ()
        out: list[Decision] = []
        for pi in plan.interventions:
            if pi.status != "planned":
                continue
            stage = self.catalogue.get(pi.intervention_id).level
            level = _LEVEL_STAGE.index(stage) if stage in _LEVEL_STAGE else 0
            if month >= int(self.phase_start[level]) + (1 if level == 0 else 0) or (
                month == 1 and pi.start is not None
            ):
                reason = (
                    "put into practice as planned"
                    if pi.start is not None
                    else f"the child is ready for the {stage} stage"
                )
                out.append(Decision.adjust(pi.intervention_id, reason=reason, status="active"))
        out += self._goals_met(t, plan)
        out += self._prompts(t, month, day, {d.intervention_id for d in out})
        return tuple(out)

    def _goals_met(self, t: Tracker, plan: IndividualResponse) -> list[Decision]:
        latest = self._latest(t, NEURO_ID).scores
        out = []
        for g in plan.goals:
            if g.domain and g.status == "active" and latest[g.domain.split(":")[1]].rank == 0:
                out.append(Decision.goal_met(g.id, reason="in the typical band for age"))
        return out

    def _reformulate(
        self, t: Tracker, domains: Sequence[str], touched: set[str | None]
    ) -> list[Decision]:
        plan = t.plan
        if plan is None:
            return []
        out = []
        for domain in domains:
            new = _reformulate_with(self.catalogue, plan, domain, self.sc.triggers)
            if new is not None and new not in touched:
                touched.add(new)
                reason = "no reliable progress over three reviews: a different approach"
                out.append(Decision.start(new, reason=reason))
                break  # one new approach at a time, so its effect can be seen
        return out

    def _prompts(
        self, t: Tracker, month: int, day: date, touched: set[str | None]
    ) -> list[Decision]:
        out: list[Decision] = []
        for prompt in t.suggest_adjustments(on=day):
            if (
                prompt.kind == "taper_or_stop"
                and prompt.intervention_id not in touched
                and self.catalogue.get(prompt.intervention_id or "").kind not in _KEEP
            ):
                plan = t.plan
                if (
                    plan is not None
                    and plan.intervention(prompt.intervention_id or "").status == "active"
                ):
                    out.append(
                        Decision.adjust(
                            prompt.intervention_id or "",
                            reason="the domains it served are typical for age now",
                            status="completed",
                        )
                    )
            elif prompt.kind == "reformulate":
                out += self._reformulate(t, prompt.domains, touched)
            elif prompt.kind == "escalate" and month - self.escalated_month >= 3:
                self.escalated_month = month
                out.append(Decision.escalate(reason="reliably worse: a senior clinical review"))
            elif prompt.kind == "reassess" and not any(
                d.kind is DecisionKind.REASSESS for d in out
            ):
                out.append(Decision.reassess(reason="the scheduled reassessment is due"))
        return out


def _reformulate_with(
    catalogue: Catalogue, plan: IndividualResponse, domain: str, avoid: Sequence[str]
) -> str | None:
    """The first catalogue intervention serving a domain that the plan lacks and is safe."""
    planned = {pi.intervention_id for pi in plan.interventions}
    instrument, _, dom = domain.partition(":")
    for iv in catalogue:
        if iv.id in planned or set(iv.exposures) & set(avoid):
            continue
        if iv.serves(instrument, dom):
            return iv.id
    return None


def _priority(d: Decision) -> str:
    target = d.intervention_id or d.goal_id or ""
    return f"{d.kind.value} {target}".strip().replace("_", " ")


def _months_between(start: date, later: date) -> int:
    months = (later.year - start.year) * 12 + later.month - start.month
    return months - (1 if later.day < start.day and add_months(start, months) > later else 0)


def home(
    n_children: int = 8,
    months: int = 12,
    *,
    seed: int,
    on: date,
    n_staff: int = 12,
    home_id: str = "home-syn",
) -> SimulatedHome:
    """Simulate one children's home from ``on`` for ``months`` months: children and team.

    The children are a :func:`cohort` with admissions staggered over the first quarter. The
    team follows these assumptions (all synthetic):

    - **Staff**: a registered manager, a deputy and residential care workers, one of them
      from an agency; start dates up to six years before the period, one new starter in it.
    - **Supervision**: clinical supervision (by a clinical supervisor) and practice
      supervision (by the registered manager, not for agency staff) in most months; how
      reliably varies by staff member, so some fall overdue and a team check finds them.
    - **Appraisals** about yearly, a few late; **trauma-informed training** on starting and
      refreshed, a few lapsed.
    - **Wellbeing**: a ProQOL 5 each quarter, mostly; burnout and secondary traumatic stress
      rise with the restraints a staff member is involved in.
    - **Incidents**: restraints are more frequent for children with lower self-regulation
      (Poisson, ``3 × (0.9 − ratio)`` a month); each involves one or two staff. The
      regulation 35 actions follow, about one in fifty of them late.

    Args:
        n_children: children placed (at least 1).
        months: length of the period in months (at least 1).
        seed: the random seed.
        on: the first day of the period.
        n_staff: the size of the care team (at least 3).
        home_id: the home's synthetic id.

    Returns:
        The :class:`SimulatedHome`.

    Raises:
        InvalidValue: if a count is out of range.
    """
    if months < 1 or n_staff < 3:
        msg = "a home needs months of at least 1 and n_staff of at least 3"
        raise InvalidValue(msg)
    c = cohort(
        n_children,
        months,
        seed=seed,
        on=on,
        entry_spread_months=min(3, months),
        id_prefix=f"{home_id}-c",
    )
    rng = np.random.default_rng([seed, 4])
    end = add_months(on, months)
    team = _Team(rng, on, end, n_staff).records(c, home_id)
    return SimulatedHome(home_id=home_id, period=(on, end), cohort=c, team=team, seed=seed)


class _Team:
    """Draws one home's team records over a period."""

    def __init__(self, rng: np.random.Generator, start: date, end: date, n_staff: int) -> None:
        self.rng = rng
        self.start = start
        self.end = end
        self.staff = self._staff(n_staff)
        self.reliability = np.clip(rng.beta(12, 1.0, n_staff), 0.35, 1.0)
        self.records_: list[TeamRecord] = list(self.staff)
        self.load = np.zeros(n_staff)

    def records(self, c: Cohort, home_id: str) -> TeamRecords:
        self._incidents(c)
        for i, member in enumerate(self.staff):
            self._supervision(i, member)
            self._appraisals(member)
            self._training(member)
        self._wellbeing()
        return TeamRecords.of(self.records_, home_id=home_id)

    def _staff(self, n: int) -> list[StaffMember]:
        rng = self.rng
        roles = ["registered_manager", "deputy_manager"] + ["residential_care_worker"] * (n - 2)
        out = []
        for i, role in enumerate(roles):
            days_before = int(rng.integers(30, 6 * 365))
            started = self.start - timedelta(days=days_before)
            employment = Employment.AGENCY if i == n - 1 else Employment.PERMANENT
            if i == n - 2:  # a new starter during the period
                started = self.start + timedelta(days=int(rng.integers(60, 150)))
            out.append(
                StaffMember(
                    id=StaffId(f"staff-{i + 1:02d}"),
                    role=role,
                    started=started,
                    employment=employment,
                )
            )
        return out

    def _months(self, member: StaffMember) -> list[date]:
        first = max(self.start, member.started)
        out, k = [], 0
        while (m := add_months(self.start, k)) < self.end:
            if add_months(m, 1) > first:
                out.append(m)
            k += 1
        return out

    def _day_in(self, month_start: date, after: date) -> date | None:
        last = min(add_months(month_start, 1), self.end) - timedelta(days=1)
        first = max(month_start, after)
        if first > last:
            return None
        return first + timedelta(days=int(self.rng.integers(0, (last - first).days + 1)))

    def _supervision(self, i: int, member: StaffMember) -> None:
        rng = self.rng
        kinds = [(SupervisionKind.CLINICAL, "clinical_supervisor")]
        if member.employment is not Employment.AGENCY and member.role != "registered_manager":
            kinds.append((SupervisionKind.PRACTICE, "registered_manager"))
        if member.role == "registered_manager":
            kinds.append((SupervisionKind.PRACTICE, "responsible_individual"))
        for kind, supervisor in kinds:
            for on in self._session_dates(i, member, fortnightly=kind is SupervisionKind.CLINICAL):
                self.records_.append(
                    SupervisionSession(
                        id=f"sup-{len(self.records_):05d}",
                        on=on,
                        kind=kind,
                        attendees=(member.id,),
                        minutes=int(rng.choice([45, 60, 60, 90])),
                        supervisor_role=supervisor,
                    )
                )

    def _session_dates(self, i: int, member: StaffMember, *, fortnightly: bool) -> list[date]:
        """About every four weeks (two in a new starter's first six months); some missed.

        A staff member's reliability sets how often a session is missed; for the less
        reliable it falls in the last third of the period, so a check finds recent gaps.
        """
        rng = self.rng
        new_until = add_months(member.started, 6)
        on = max(self.start, member.started) - timedelta(days=int(rng.integers(0, 25)))
        # The last session before the period, so the period opens with the team up to date.
        out = [on] if on >= member.started else []
        late_phase = self.start + (self.end - self.start) * 2 / 3
        while on <= self.end:
            step = (12, 16) if fortnightly and on < new_until else (24, 32)
            on += timedelta(days=int(rng.integers(*step)))
            p = self.reliability[i] - (0.3 if on > late_phase and self.reliability[i] < 0.85 else 0)
            if on >= member.started and on <= self.end and rng.random() < p:
                out.append(on)
        return out

    def _appraisals(self, member: StaffMember) -> None:
        """The last appraisal before the period and the yearly one in it; one in five late."""
        if member.employment is Employment.AGENCY:
            return
        rng = self.rng
        late = rng.random() < 0.2
        before = int(rng.integers(380, 430) if late else rng.integers(30, 330))
        on = self.start - timedelta(days=before)
        if on < member.started + timedelta(days=330):
            on = member.started + timedelta(days=int(rng.integers(330, 365)))
        while on <= self.end:
            if on >= member.started:
                self.records_.append(
                    Appraisal(
                        id=f"apr-{len(self.records_):05d}",
                        staff_id=member.id,
                        on=on,
                        appraiser_role="registered_manager",
                    )
                )
            on += timedelta(days=int(rng.integers(400, 460) if late else rng.integers(340, 370)))

    def _training(self, member: StaffMember) -> None:
        rng = self.rng
        lapsed = rng.random() < 0.06
        first = member.started + timedelta(days=int(rng.integers(5, 80)))
        if first <= self.end:
            self.records_.append(
                TrainingRecord(id=f"trn-{len(self.records_):05d}", staff_id=member.id, on=first)
            )
        refresh = first + timedelta(days=int(rng.integers(600, 720)))
        while refresh <= self.end and not lapsed:
            self.records_.append(
                TrainingRecord(
                    id=f"trn-{len(self.records_):05d}",
                    staff_id=member.id,
                    on=refresh,
                    kind=TrainingKind.REFRESHED,
                )
            )
            refresh += timedelta(days=int(rng.integers(600, 720)))

    def _incidents(self, c: Cohort) -> None:
        rng = self.rng
        ratios = c.latent_ratios()
        carers = list(range(len(self.staff)))
        for child in range(len(c)):
            entered = int(c.entry_month[child])
            for month in range(entered, c.months):
                r = ratios[child, month - entered, 1]
                for _ in range(int(rng.poisson(3.0 * max(0.0, 0.9 - r)))):
                    self._restraint(c, child, month, carers)

    def _restraint(self, c: Cohort, child: int, month: int, carers: list[int]) -> None:
        rng = self.rng
        day = self._day_in(add_months(self.start, month), self.start)
        if day is None:
            return
        at = datetime(day.year, day.month, day.day, int(rng.integers(7, 23)), int(rng.integers(60)))
        on_shift = [k for k in carers if self.staff[k].employed_on(day)]
        who = rng.choice(on_shift, size=min(len(on_shift), int(rng.integers(1, 3))), replace=False)
        incident = Incident(
            id=f"inc-{len(self.records_):05d}",
            kind=IncidentKind.RESTRAINT,
            at=at,
            staff=tuple(self.staff[int(k)].id for k in who),
            child_id=c.child_id(child),
        )
        self.records_.append(incident)
        self.load[who] += 1
        self._support(incident, SupportKind.RECORD_MADE, at, hours=(1, 20), late=(26, 50))
        for k in who:
            self._support(
                incident,
                SupportKind.STAFF_SPOKEN_TO,
                at,
                hours=(4, 40),
                late=(50, 80),
                staff_id=self.staff[int(k)].id,
            )
        self._support(incident, SupportKind.CHILD_SPOKEN_TO, at, hours=(12, 96), late=(130, 200))

    def _support(
        self,
        incident: Incident,
        kind: SupportKind,
        at: datetime,
        *,
        hours: tuple[int, int],
        late: tuple[int, int],
        staff_id: StaffId | None = None,
    ) -> None:
        rng = self.rng
        lo, hi = late if rng.random() < 0.02 else hours
        when = at + timedelta(hours=float(rng.uniform(lo, hi)))
        if when.date() >= self.end:
            return
        self.records_.append(
            PostIncidentSupport(
                id=f"sp-{len(self.records_):05d}",
                incident_id=incident.id,
                kind=kind,
                at=when.replace(microsecond=0, second=0),
                staff_id=staff_id,
                by_role="registered_manager" if kind is SupportKind.STAFF_SPOKEN_TO else "",
            )
        )

    def _wellbeing(self) -> None:
        """A ProQOL 5 per staff member most quarters, scored in one batch."""
        rng = self.rng
        spec = _instrument("proqol")
        rows: list[tuple[int, date]] = []
        for i, member in enumerate(self.staff):
            before = self.start - timedelta(days=int(rng.integers(10, 80)))
            if before >= member.started:  # the last check before the period
                rows.append((i, before))
            for month in self._months(member)[::3]:
                on = self._day_in(month, member.started)
                if on is not None and rng.random() < self.reliability[i] + 0.05:
                    rows.append((i, on))
        if not rows:
            return
        x = self._proqol_items(spec, rows)
        batch = spec.score_many(x, age_months=np.full(len(rows), 480.0))
        for k, (i, on) in enumerate(rows):
            self.records_.append(
                WellbeingCheck(
                    id=f"wb-{len(self.records_):05d}",
                    staff_id=self.staff[i].id,
                    on=on,
                    profile=batch.profile(k),
                )
            )

    def _proqol_items(self, spec: InstrumentSpec, rows: list[tuple[int, date]]) -> FloatArray:
        rng = self.rng
        n_staff = len(self.staff)
        base = {
            "compassion_satisfaction": rng.normal(39.0, 5.0, n_staff),
            "burnout": rng.normal(22.0, 4.0, n_staff),
            "secondary_traumatic_stress": rng.normal(21.0, 5.0, n_staff),
        }
        strain = 1.6 * self.load
        item_col = {item: j for j, item in enumerate(spec.item_ids)}
        reverse = np.array([it.reverse for it in spec.items])
        x = np.empty((len(rows), len(spec.item_ids)))
        staff_of = np.array([i for i, _ in rows])
        for domain in spec.domains:
            target = base[domain.id][staff_of]
            if domain.id != "compassion_satisfaction":
                target = target + strain[staff_of]
            for item in domain.items:
                j = item_col[item]
                v = np.clip(np.rint(target / 10 + rng.normal(0.0, 0.8, len(rows))), 1, 5)
                x[:, j] = np.where(reverse[j], 6.0 - v, v)
        return x
