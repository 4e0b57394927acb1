"""Fact tables: a cohort's facts as one float matrix (children × facts, NaN = missing).

Conditions read facts; a :class:`~therapeutic_model.response.Program` evaluates them over this
table. A table is built from score batches (arrays, for cohorts) or from profiles (one child,
or a list of children); both give the same numbers for the same child, because a profile is a
row of a batch.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from therapeutic_model.assessment import DevelopmentalHistory, Profile, ScoreBatch
from therapeutic_model.child import Period
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.response._conditions import TEAM_STATUSES, Fact

__all__ = [
    "HISTORY_FACTS",
    "ChildContext",
    "history_table",
    "normalise_tags",
    "table_from_batches",
    "table_from_profiles",
    "team_code",
]

FloatArray = NDArray[np.float64]
NAN = math.nan


def team_code(team: object) -> float:
    """The fact-table code of a team regulation status (NaN when not given).

    Accepts ``"green"``, ``"amber"`` or ``"red"``, an enum whose value is one of those, or an
    object with a ``status`` attribute holding one (such as the team element's report).

    Raises:
        InvalidValue: for anything else.
    """
    if team is None:
        return NAN
    status = getattr(team, "status", team)
    status = getattr(status, "value", status)
    codes: dict[str, float] = {s: float(i) for i, s in enumerate(TEAM_STATUSES)}
    if isinstance(status, str) and status.lower() in codes:
        return codes[status.lower()]
    msg = f"team status must be one of {', '.join(TEAM_STATUSES)} (or have a .status that is)"
    raise InvalidValue(msg)


class ChildContext:
    """The facts about children that do not come from scores: age, history, triggers, team.

    Each argument holds one entry per child (``n`` children).
    """

    def __init__(
        self,
        n: int,
        *,
        ages: FloatArray,
        histories: Sequence[DevelopmentalHistory | None],
        triggers: Sequence[frozenset[str]],
        teams: FloatArray,
    ) -> None:
        self.n = n
        self.ages = ages
        self.histories = histories
        self.triggers = triggers
        self.teams = teams

    def fill(self, facts: Sequence[Fact], table: FloatArray) -> None:
        """Write the columns of every non-score fact into the table."""
        trigger_cols: dict[str, int] = {}
        history_cols: list[tuple[int, int]] = []
        for j, fact in enumerate(facts):
            kind = fact[0]
            if kind == "age":
                table[:, j] = self.ages
            elif kind == "team":
                table[:, j] = self.teams
            elif kind == "trigger":
                table[:, j] = 0.0
                trigger_cols[fact[1]] = j
            elif kind in ("adversity", "relational_health", "ace"):
                history_cols.append((j, HISTORY_FACTS.index(fact)))
        if history_cols:
            targets, picks = zip(*history_cols, strict=True)
            table[:, list(targets)] = history_table(self.histories)[:, list(picks)]
        if trigger_cols:
            cells = [
                (i, trigger_cols[t])
                for i, tags in enumerate(self.triggers)
                for t in tags
                if t in trigger_cols
            ]
            if cells:
                rows, columns = zip(*cells, strict=True)
                table[list(rows), list(columns)] = 1.0


_PERIODS = tuple(p.value for p in Period)
HISTORY_FACTS: tuple[Fact, ...] = (
    *(("adversity", p) for p in _PERIODS),
    ("adversity", "any"),
    *(("relational_health", p) for p in _PERIODS),
    ("relational_health", "any"),
    ("relational_health", "current"),
    ("ace",),
)
"""Every history fact a condition can read, in the column order of :func:`history_table`."""

_PERIOD_INDEX = {p: k for k, p in enumerate(Period)}


def history_table(histories: Sequence[DevelopmentalHistory | None]) -> FloatArray:
    """Every history fact for every child (NaN = not recorded), in :data:`HISTORY_FACTS` order."""
    n, k = len(histories), len(_PERIODS)
    adversity, relational = np.full((n, k), NAN), np.full((n, k), NAN)
    entries = [
        (i, _PERIOD_INDEX[period], ph.adversity, ph.relational_health)
        for i, h in enumerate(histories)
        if h is not None
        for period, ph in h.periods.items()
    ]
    if entries:
        cells = np.array(entries, dtype=float)  # None becomes NaN
        rows, cols = cells[:, 0].astype(np.intp), cells[:, 1].astype(np.intp)
        adversity[rows, cols] = cells[:, 2]
        relational[rows, cols] = cells[:, 3]
    now = np.array(
        [
            (None, None) if h is None else (h.current_relational_health, h.ace_count)
            for h in histories
        ],
        dtype=float,
    ).reshape(n, 2)
    return np.column_stack(
        [
            adversity,
            np.fmax.reduce(adversity, axis=1, initial=NAN),  # fmax/fmin skip NaN; all NaN → NaN
            relational,
            np.fmin.reduce(relational, axis=1, initial=NAN),
            now,
        ]
    )


def _opt(x: int | float | None) -> float:
    return NAN if x is None else float(x)


def _score_fact(profile: Profile | None, fact: Fact) -> float:
    if profile is None:
        return NAN
    if fact[0] == "level":
        return _opt(profile.worst_rank_by_level().get(fact[2]))
    ds = profile.scores.get(fact[2]) or profile.functions.get(fact[2])
    if ds is None:
        return NAN
    figure = fact[3]
    if figure == "rank":
        return _opt(ds.rank)
    value: float | None = getattr(ds, figure)
    return _opt(value)


def table_from_profiles(
    facts: Sequence[Fact], children: Sequence[Mapping[str, Profile]], context: ChildContext
) -> FloatArray:
    """A fact table from each child's profiles by instrument id.

    Args:
        facts: the fact keys, in column order.
        children: for each child, their current profile per instrument id.
        context: age, history, triggers and team for each child.
    """
    table = np.full((len(children), len(facts)), NAN)
    for j, fact in enumerate(facts):
        if fact[0] in ("score", "level"):
            table[:, j] = [_score_fact(c.get(fact[1]), fact) for c in children]
    context.fill(facts, table)
    return table


def table_from_batches(
    facts: Sequence[Fact], batches: Mapping[str, ScoreBatch], context: ChildContext
) -> FloatArray:
    """A fact table from score batches by instrument id (rows are the same children).

    Args:
        facts: the fact keys, in column order.
        batches: one :class:`ScoreBatch` per instrument, each with one row per child.
        context: age, history, triggers and team for each child.
    """
    table = np.full((context.n, len(facts)), NAN)
    for j, fact in enumerate(facts):
        if fact[0] in ("score", "level"):
            batch = batches.get(fact[1])
            if batch is not None and len(batch):
                table[:, j] = _batch_fact(batch, fact)
    context.fill(facts, table)
    return table


def _batch_fact(batch: ScoreBatch, fact: Fact) -> FloatArray:
    if fact[0] == "level":
        return _level_column(batch, fact[2])
    domain, figure = fact[2], fact[3]
    source = batch if domain in batch.score_ids else batch.functions
    if source is None or domain not in source.score_ids:
        return np.full(len(batch), NAN)
    j = source.score_ids.index(domain)
    if figure == "rank":
        ranks = source.band_ranks[:, j].astype(float)
        return np.where(ranks < 0, NAN, ranks)
    arrays = {"value": source.values, "gap": source.gap, "ratio": source.ratio}
    return np.asarray(arrays[figure][:, j], dtype=float)


def _level_column(batch: ScoreBatch, level: str) -> FloatArray:
    first = batch.profile(0)  # the levels of the instrument's scores, read from its profile
    cols = [j for j, sid in enumerate(batch.score_ids) if first.scores[sid].level == level]
    if not cols:
        return np.full(len(batch), NAN)
    ranks = batch.band_ranks[:, cols].astype(float)
    ranks[ranks < 0] = NAN
    out = np.full(len(batch), NAN)
    seen = ~np.all(np.isnan(ranks), axis=1)
    out[seen] = np.nanmax(ranks[seen], axis=1)
    return out


def normalise_tags(tags: Iterable[str]) -> frozenset[str]:
    """One child's trigger tags as a set.

    Raises:
        InvalidValue: if given a single string instead of a collection of tags.
    """
    if isinstance(tags, str):
        msg = "triggers must be a collection of tags (e.g. ['water']), not one string"
        raise InvalidValue(msg)
    return frozenset(tags)
