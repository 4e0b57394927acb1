"""Conditions: safe, typed predicates on a child's facts, and their compiled numpy form.

A :data:`Condition` is a tagged union of small frozen records, written in a rules file as a
table with a ``kind`` (``{ kind = "band", instrument = "neurosequential", domain =
"self_regulation", at_least = 2 }``). Nothing is evaluated as code: each kind reads one *fact*
(a domain's gap, ratio, value or band rank on an instrument, the worst band of a level, the
child's age, history, triggers, or the team's regulation status) and compares it with the
thresholds written in the record.

Facts may be missing (an instrument not completed, a history not recorded). Conditions use
three-valued logic (Kleene): a comparison on a missing fact is *unknown*; ``all`` is true when
every part is true and false when any part is false; ``any`` the other way round; ``not`` swaps
true and false and leaves unknown unknown. A rule fires only when its condition is certainly
true, so a missing assessment never fires a rule through ``not``.

Conditions compile to a :class:`Program` that evaluates a whole cohort's fact table (children ×
facts, NaN = missing) as numpy boolean masks; one child is a table of one row.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import ClassVar, Literal, TypeAlias, get_args

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.child import Period
from therapeutic_model.exceptions import InvalidValue

__all__ = [
    "CONDITION_KINDS",
    "TEAM_STATUSES",
    "AceAtLeast",
    "AdversityAtLeast",
    "AgeBetween",
    "All",
    "Any",
    "BandRank",
    "Condition",
    "DomainGap",
    "DomainRatio",
    "DomainValue",
    "Fact",
    "FactValue",
    "HasTrigger",
    "HeldCondition",
    "LevelCompromised",
    "Not",
    "Program",
    "RelationalHealthAtMost",
    "TeamStatus",
    "leaves",
]

FactValue: TypeAlias = bool | int | float | str | None
"""The value of one fact as an explanation shows it."""

Fact: TypeAlias = tuple[str, ...]
"""A fact's key in a fact table, e.g. ``("score", "neurosequential", "self_regulation",
"ratio")``."""

TeamStatusValue = Literal["green", "amber", "red"]
TEAM_STATUSES: tuple[TeamStatusValue, ...] = get_args(TeamStatusValue)
"""Team regulation statuses, in order of concern; their codes in a fact table are 0, 1, 2."""

_PERIODS = tuple(p.value for p in Period)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_TAG = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

BoolArray: TypeAlias = NDArray[np.bool_]
FloatArray: TypeAlias = NDArray[np.float64]


def _id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _ID.match(value)):
        msg = f"{attribute.name} must be an id of letters, digits, _ . or -"
        raise InvalidValue(msg, field=attribute.name)


def _whole_number(x: float) -> int | float:
    """A fact that is a whole number as an int (ranks, ratings, counts); any other as a float."""
    return int(x) if float(x).is_integer() else float(x)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _rank(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and value >= 0):
        msg = f"{attribute.name} must be a whole number of at least 0"
        raise InvalidValue(msg, field=attribute.name)


def _non_negative(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not (isinstance(value, int) and value >= 0):
        msg = f"{attribute.name} must be a whole number of at least 0"
        raise InvalidValue(msg, field=attribute.name)


def _rating(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not (isinstance(value, int) and 0 <= value <= 3):
        msg = f"{attribute.name} must be a whole number from 0 to 3"
        raise InvalidValue(msg, field=attribute.name)


def _ace(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not (isinstance(value, int) and 0 <= value <= 10):
        msg = f"{attribute.name} must be a whole number from 0 to 10"
        raise InvalidValue(msg, field=attribute.name)


def _in_range(x: float, at_least: float | None, below: float | None) -> bool:
    return (at_least is None or x >= at_least) and (below is None or x < below)


def _mask_range(col: FloatArray, at_least: float | None, below: float | None) -> BoolArray:
    out = np.ones(col.shape, dtype=bool)
    if at_least is not None:
        out &= col >= at_least
    if below is not None:
        out &= col < below
    return out


def _span(at_least: float | None, below: float | None) -> str:
    if at_least is not None and below is not None:
        return f"from {_num(at_least)} to below {_num(below)}"
    if at_least is not None:
        return f"at least {_num(at_least)}"
    return f"below {_num(below if below is not None else math.nan)}"


def _check_range(at_least: float | None, below: float | None) -> None:
    if at_least is None and below is None:
        msg = "a range needs at_least, below or both"
        raise InvalidValue(msg)
    if at_least is not None and below is not None and not at_least < below:
        msg = "at_least must be below 'below'"
        raise InvalidValue(msg, field="at_least")


def _number(value: FactValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value)


class _InRange:
    """Reads a numeric fact and holds when it is in the half-open range [at_least, below)."""

    __slots__ = ()

    at_least: float | None
    below: float | None

    def __attrs_post_init__(self) -> None:
        _check_range(self.at_least, self.below)

    def mask(self, col: FloatArray) -> BoolArray:
        """Where the fact is in range (unknown rows are ignored by the caller)."""
        return _mask_range(col, self.at_least, self.below)

    def test(self, value: FactValue) -> bool:
        """Whether one value satisfies the condition."""
        return _number(value) and _in_range(float(value), self.at_least, self.below)  # type: ignore[arg-type]

    def decode(self, x: float) -> FactValue:
        """The fact's value as an explanation shows it."""
        return float(x)


class _AtLeast:
    """Reads a whole-number fact (a rank, rating or count) and holds when it is ``at_least``."""

    __slots__ = ()

    at_least: int

    def mask(self, col: FloatArray) -> BoolArray:
        """Where the fact is high enough."""
        return col >= self.at_least

    def test(self, value: FactValue) -> bool:
        """Whether one value satisfies the condition."""
        return _number(value) and float(value) >= self.at_least  # type: ignore[arg-type]

    def decode(self, x: float) -> FactValue:
        """The fact as a whole number."""
        return _whole_number(x)


# -- compound conditions --------------------------------------------------------------------


def _conditions(value: Iterable[Condition]) -> tuple[Condition, ...]:
    return tuple(value)


def _non_empty(
    _: object, attribute: attrs.Attribute[tuple[object, ...]], value: tuple[object, ...]
) -> None:
    if not value:
        msg = f"{attribute.name} must hold at least one condition"
        raise InvalidValue(msg, field=attribute.name)


@attrs.frozen(cache_hash=True)
class All:
    """True when every condition is true (``kind = "all"``)."""

    conditions: tuple[Condition, ...] = attrs.field(converter=_conditions, validator=_non_empty)

    def describe(self) -> str:
        """A readable form."""
        return "all of (" + "; ".join(c.describe() for c in self.conditions) + ")"


@attrs.frozen(cache_hash=True)
class Any:
    """True when at least one condition is true (``kind = "any"``)."""

    conditions: tuple[Condition, ...] = attrs.field(converter=_conditions, validator=_non_empty)

    def describe(self) -> str:
        """A readable form."""
        return "any of (" + "; ".join(c.describe() for c in self.conditions) + ")"


@attrs.frozen(cache_hash=True)
class Not:
    """True when the condition is false; unknown stays unknown (``kind = "not"``)."""

    condition: Condition

    def describe(self) -> str:
        """A readable form."""
        return f"not ({self.condition.describe()})"


# -- facts about domains --------------------------------------------------------------------


@attrs.frozen(cache_hash=True)
class _ScoreRange(_InRange):
    """A comparison of one figure of a domain score with a half-open range."""

    figure: ClassVar[str] = ""

    instrument: str = attrs.field(validator=_id)
    domain: str = attrs.field(validator=_id)
    at_least: float | None = None
    below: float | None = None

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("score", self.instrument, self.domain, self.figure)

    def describe(self) -> str:
        """A readable form."""
        return (
            f"{self.figure} of {self.instrument}:{self.domain} {_span(self.at_least, self.below)}"
        )


@attrs.frozen(cache_hash=True)
class DomainGap(_ScoreRange):
    """A domain's gap from age-expected is in a range (``kind = "gap"``).

    The gap is positive when the child functions below what is typical for their age; it needs
    an instrument with age norms.

    Args:
        instrument: the instrument id (``"neurosequential"``, ``"sdq-parent"``, a provider's).
        domain: a score id of that instrument (or a function id, for instruments that score
            single functions).
        at_least: the gap is at least this.
        below: the gap is below this.
    """

    figure: ClassVar[str] = "gap"


@attrs.frozen(cache_hash=True)
class DomainRatio(_ScoreRange):
    """A domain's ratio to age-expected is in a range (``kind = "ratio"``).

    Args:
        instrument: the instrument id.
        domain: a score (or function) id of that instrument.
        at_least: the ratio is at least this.
        below: the ratio is below this (``below = 0.85``: under 85 % of age-typical).
    """

    figure: ClassVar[str] = "ratio"


@attrs.frozen(cache_hash=True)
class DomainValue(_ScoreRange):
    """A domain's score itself is in a range (``kind = "value"``), e.g. an SDQ scale score.

    Args:
        instrument: the instrument id.
        domain: a score (or function) id of that instrument.
        at_least: the score is at least this.
        below: the score is below this.
    """

    figure: ClassVar[str] = "value"


@attrs.frozen(cache_hash=True)
class BandRank:
    """A domain's band rank is in a range (``kind = "band"``); rank 0 is typical.

    For ``neurosequential`` ranks are green 0, amber 1, red 2; for the SDQ, close to average 0,
    slightly raised 1, high 2, very high 3.

    Args:
        instrument: the instrument id.
        domain: a score (or function) id of that instrument.
        at_least: the rank is at least this.
        at_most: the rank is at most this.
    """

    instrument: str = attrs.field(validator=_id)
    domain: str = attrs.field(validator=_id)
    at_least: int | None = attrs.field(default=None, validator=_rank)
    at_most: int | None = attrs.field(default=None, validator=_rank)

    def __attrs_post_init__(self) -> None:
        if self.at_least is None and self.at_most is None:
            msg = "a band condition needs at_least, at_most or both"
            raise InvalidValue(msg)
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            msg = "at_least must not be above at_most"
            raise InvalidValue(msg)

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("score", self.instrument, self.domain, "rank")

    def mask(self, col: FloatArray) -> BoolArray:
        """Where the rank is in range."""
        return _mask_range(col, self.at_least, self._below())

    def test(self, value: FactValue) -> bool:
        """Whether one rank satisfies the condition."""
        return _number(value) and _in_range(float(value), self.at_least, self._below())  # type: ignore[arg-type]

    def _below(self) -> int | None:
        """The rank just above ``at_most``: ranks are whole numbers, so ``<= at_most`` is this."""
        return None if self.at_most is None else self.at_most + 1

    def decode(self, x: float) -> FactValue:
        """The rank as a whole number."""
        return _whole_number(x)

    def describe(self) -> str:
        """A readable form."""
        span = _rank_span(self.at_least, self.at_most)
        return f"band rank of {self.instrument}:{self.domain} {span}"


def _rank_span(at_least: int | None, at_most: int | None) -> str:
    if at_least is not None and at_most is not None:
        return f"{at_least} to {at_most}" if at_least != at_most else f"= {at_least}"
    if at_least is not None:
        return f"at least {at_least}"
    return f"at most {at_most}"


@attrs.frozen(cache_hash=True)
class LevelCompromised(_AtLeast):
    """The worst band rank among a level's domains is at least ``at_least`` (``kind = "level"``).

    Args:
        instrument: an instrument whose domains have levels (``"neurosequential"``).
        level: the level id (``"brainstem"``, ``"diencephalon"``, ``"limbic"``, ``"cortex"``).
        at_least: the worst rank is at least this (1 = amber or worse for neurosequential).
    """

    instrument: str = attrs.field(validator=_id)
    level: str = attrs.field(validator=_id)
    at_least: int = attrs.field(default=1, validator=_non_negative)

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("level", self.instrument, self.level)

    def describe(self) -> str:
        """A readable form."""
        return f"worst band rank at level {self.instrument}:{self.level} at least {self.at_least}"


# -- facts about the child ------------------------------------------------------------------


@attrs.frozen(cache_hash=True)
class AgeBetween(_InRange):
    """The child's age in months is in a range (``kind = "age"``).

    Args:
        at_least: age at least this many months.
        below: age below this many months.
    """

    at_least: float | None = None
    below: float | None = None

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("age",)

    def describe(self) -> str:
        """A readable form."""
        return f"age in months {_span(self.at_least, self.below)}"


@attrs.frozen(cache_hash=True)
class AdversityAtLeast(_AtLeast):
    """Adversity in a period of early life was at least a severity (``kind = "adversity"``).

    Following Hambrick, Brawner & Perry 2019 (Front. Behav. Neurosci. 13:183), timing matters:
    rules can ask about one period, or ``"any"`` (the worst recorded period).

    Args:
        at_least: severity 0 (none) to 3 (severe).
        period: ``"perinatal"``, ``"infancy"``, ``"early_childhood"``, ``"childhood"``,
            ``"adolescence"`` or ``"any"``.
    """

    at_least: int = attrs.field(validator=_rating)
    period: str = attrs.field(default="any", validator=attrs.validators.in_((*_PERIODS, "any")))

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("adversity", self.period)

    def describe(self) -> str:
        """A readable form."""
        return f"adversity ({self.period}) at least {self.at_least}"


@attrs.frozen(cache_hash=True)
class RelationalHealthAtMost:
    """Relational health was at most a rating (``kind = "relational_health"``).

    Args:
        at_most: quality 0 (poor) to 3 (strong).
        period: ``"current"`` (relational health now, the strongest predictor of current
            functioning in Hambrick et al. 2019), a period of early life, or ``"any"`` (the
            poorest recorded period).
    """

    at_most: int = attrs.field(validator=_rating)
    period: str = attrs.field(
        default="current", validator=attrs.validators.in_((*_PERIODS, "any", "current"))
    )

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("relational_health", self.period)

    def mask(self, col: FloatArray) -> BoolArray:
        """Where relational health is low enough."""
        return col <= self.at_most

    def test(self, value: FactValue) -> bool:
        """Whether one rating satisfies the condition."""
        return _number(value) and float(value) <= self.at_most  # type: ignore[arg-type]

    def decode(self, x: float) -> FactValue:
        """The rating as a whole number."""
        return _whole_number(x)

    def describe(self) -> str:
        """A readable form."""
        return f"relational health ({self.period}) at most {self.at_most}"


@attrs.frozen(cache_hash=True)
class AceAtLeast(_AtLeast):
    """The adverse childhood experience count is at least a number (``kind = "ace"``).

    Args:
        at_least: 0 to 10 (the ten CDC–Kaiser ACE categories).
    """

    at_least: int = attrs.field(validator=_ace)

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("ace",)

    def describe(self) -> str:
        """A readable form."""
        return f"ACE count at least {self.at_least}"


def _tag(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _TAG.match(value)):
        msg = f"{attribute.name} must be a lower-case tag (letters, digits, _), e.g. 'water'"
        raise InvalidValue(msg, field=attribute.name)


@attrs.frozen(cache_hash=True)
class HasTrigger:
    """The child has a personal trigger with this tag (``kind = "trigger"``).

    Triggers are always known: a child with none recorded has none, so ``not`` of this
    condition is true for them.

    Args:
        tag: the trigger tag (``"water"``, ``"raised_voices"``, ``"night_time"`` …).
    """

    tag: str = attrs.field(validator=_tag)

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("trigger", self.tag)

    def mask(self, col: FloatArray) -> BoolArray:
        """Where the child has the trigger."""
        return col > 0

    def test(self, value: FactValue) -> bool:
        """Whether one fact value means the trigger is present."""
        return value is True

    def decode(self, x: float) -> FactValue:
        """Whether the trigger is present."""
        return bool(x > 0)

    def describe(self) -> str:
        """A readable form."""
        return f"has trigger {self.tag!r}"


def _statuses(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _check_statuses(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value or not all(v in TEAM_STATUSES for v in value):
        msg = f"{attribute.name} must list one or more of: {', '.join(TEAM_STATUSES)}"
        raise InvalidValue(msg, field=attribute.name)


@attrs.frozen(cache_hash=True)
class TeamStatus:
    """The team's regulation status is one of some statuses (``kind = "team"``).

    The status (green, amber or red) comes from the team element's check, passed to
    ``suggest(team=...)`` as a string or an object with a ``status`` attribute.

    Args:
        among: the statuses that make the condition true (``["amber", "red"]``).
    """

    among: tuple[str, ...] = attrs.field(converter=_statuses, validator=_check_statuses)

    def fact(self) -> Fact:
        """The fact this condition reads."""
        return ("team",)

    def mask(self, col: FloatArray) -> BoolArray:
        """Where the status is among those listed."""
        codes = [float(i) for i, s in enumerate(TEAM_STATUSES) if s in self.among]
        return np.isin(col, codes)

    def test(self, value: FactValue) -> bool:
        """Whether one status satisfies the condition."""
        return value in self.among

    def decode(self, x: float) -> FactValue:
        """The status word."""
        return TEAM_STATUSES[int(x)]

    def describe(self) -> str:
        """A readable form."""
        return f"team regulation status is {' or '.join(self.among)}"


Leaf: TypeAlias = (
    DomainGap
    | DomainRatio
    | DomainValue
    | BandRank
    | LevelCompromised
    | AgeBetween
    | AdversityAtLeast
    | RelationalHealthAtMost
    | AceAtLeast
    | HasTrigger
    | TeamStatus
)

Condition: TypeAlias = All | Any | Not | Leaf
"""A safe, typed predicate on a child's facts: a tagged union keyed by ``kind``."""

CONDITION_KINDS: dict[str, type[Condition]] = {
    "all": All,
    "any": Any,
    "not": Not,
    "gap": DomainGap,
    "ratio": DomainRatio,
    "value": DomainValue,
    "band": BandRank,
    "level": LevelCompromised,
    "age": AgeBetween,
    "adversity": AdversityAtLeast,
    "relational_health": RelationalHealthAtMost,
    "ace": AceAtLeast,
    "trigger": HasTrigger,
    "team": TeamStatus,
}
"""Every condition kind by its tag in a rules file."""

_COMPOUND = (All, Any, Not)


def leaves(condition: Condition) -> Iterable[Leaf]:
    """Every leaf condition (one that reads a fact) inside a condition, depth first."""
    if isinstance(condition, All | Any):
        for c in condition.conditions:
            yield from leaves(c)
    elif isinstance(condition, Not):
        yield from leaves(condition.condition)
    else:
        yield condition


@attrs.frozen
class HeldCondition:
    """A condition that held, with the value that made it hold.

    Args:
        condition: the leaf condition.
        fact: which fact it read (``"ratio of neurosequential:self_regulation"``).
        value: the child's value of that fact.
        negated: ``True`` when the condition held by being *false* inside a ``not``.
        rules: the ids of the rules whose conditions it was part of.
    """

    condition: Leaf
    fact: str
    value: FactValue
    negated: bool = False
    rules: tuple[str, ...] = ()

    def satisfied(self) -> bool:
        """Whether the value makes the condition hold as recorded (a self-check)."""
        return self.condition.test(self.value) != self.negated

    def describe(self) -> str:
        """A readable line, e.g. ``ratio of neurosequential:self_regulation below 0.6 (0.52)``."""
        shown = f"{self.value:.3g}" if isinstance(self.value, float) else str(self.value)
        text = self.condition.describe()
        return f"not ({text}) ({shown})" if self.negated else f"{text} ({shown})"


def _fact_name(leaf: Leaf) -> str:
    key = leaf.fact()
    if key[0] == "score":
        return f"{key[3]} of {key[1]}:{key[2]}"
    if key[0] == "level":
        return f"worst band rank at level {key[1]}:{key[2]}"
    if len(key) == 2:
        return f"{key[0]} ({key[1]})"
    return key[0]


@attrs.frozen
class _Node:
    op: Literal["leaf", "all", "any", "not"]
    condition: Condition
    children: tuple[int, ...] = ()
    column: int = -1


@attrs.frozen(eq=False)
class Program:
    """Conditions compiled to a list of nodes over a fact table's columns.

    Built by :meth:`compile`; :meth:`run` evaluates every node for every child at once and
    gives two masks per node, *true* and *false* (neither: unknown).

    Attributes:
        facts: the fact keys, in column order of the fact table.
        nodes: the nodes, children before parents; equal sub-conditions are shared.
        roots: the node of each compiled condition, in the order given.
    """

    facts: tuple[Fact, ...]
    nodes: tuple[_Node, ...]
    roots: tuple[int, ...]

    @classmethod
    def compile(
        cls, conditions: Sequence[Condition], *, extra_facts: Iterable[Fact] = ()
    ) -> Program:
        """Compile conditions, with ``extra_facts`` appended to the fact table's columns."""
        facts: dict[Fact, int] = {}
        nodes: list[_Node] = []
        memo: dict[Condition, int] = {}

        def visit(c: Condition) -> int:
            if c in memo:
                return memo[c]
            if isinstance(c, All | Any):
                kids = tuple(visit(x) for x in c.conditions)
                node = _Node("all" if isinstance(c, All) else "any", c, kids)
            elif isinstance(c, Not):
                node = _Node("not", c, (visit(c.condition),))
            else:
                column = facts.setdefault(c.fact(), len(facts))
                node = _Node("leaf", c, (), column)
            nodes.append(node)
            memo[c] = len(nodes) - 1
            return memo[c]

        roots = tuple(visit(c) for c in conditions)
        for f in extra_facts:
            facts.setdefault(f, len(facts))
        return cls(tuple(facts), tuple(nodes), roots)

    def run(self, table: FloatArray) -> tuple[BoolArray, BoolArray]:
        """Evaluate every node for every row of a fact table.

        Args:
            table: shape (children, len(facts)); NaN marks a missing fact.

        Returns:
            ``(true, false)``, each of shape (nodes, children).
        """
        n = table.shape[0]
        true = np.empty((len(self.nodes), n), dtype=bool)
        false = np.empty((len(self.nodes), n), dtype=bool)
        known = ~np.isnan(table)
        for i, node in enumerate(self.nodes):
            if node.op == "leaf":
                col = table[:, node.column]
                held = node.condition.mask(col)  # type: ignore[union-attr]
                k = known[:, node.column]
                true[i] = k & held
                false[i] = k & ~held
            elif node.op == "not":
                (c,) = node.children
                true[i], false[i] = false[c], true[c]
            elif node.op == "all":
                kids = list(node.children)
                true[i] = np.logical_and.reduce(true[kids], axis=0)
                false[i] = np.logical_or.reduce(false[kids], axis=0)
            else:
                kids = list(node.children)
                true[i] = np.logical_or.reduce(true[kids], axis=0)
                false[i] = np.logical_and.reduce(false[kids], axis=0)
        return true, false

    def explain(
        self, root: int, row: FloatArray, true: BoolArray, false: BoolArray
    ) -> list[HeldCondition]:
        """The leaves that made a true root true, with one child's values.

        Args:
            root: the node index (from :attr:`roots`) of a condition true for this child.
            row: the child's row of the fact table.
            true: the child's column of the true mask (one flag per node).
            false: the child's column of the false mask.
        """
        out: list[HeldCondition] = []
        self._explain(root, True, (row, true, false), out)
        return out

    def _explain(
        self,
        i: int,
        positive: bool,
        child: tuple[FloatArray, BoolArray, BoolArray],
        out: list[HeldCondition],
    ) -> None:
        node = self.nodes[i]
        if node.op == "leaf":
            leaf: Leaf = node.condition  # type: ignore[assignment]
            value = leaf.decode(float(child[0][node.column]))
            out.append(HeldCondition(leaf, _fact_name(leaf), value, negated=not positive))
        elif node.op == "not":
            self._explain(node.children[0], not positive, child, out)
        else:
            # all-true and any-false need every part; all-false and any-true only the parts
            # that decided it.
            every = (node.op == "all") == positive
            wanted = child[1] if positive else child[2]
            for c in node.children:
                if every or wanted[c]:
                    self._explain(c, positive, child, out)
