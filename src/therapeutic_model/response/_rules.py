"""Rules and rule sets: when a condition holds, suggest interventions — explained and sequenced.

A :class:`Rule` is data: an id, a :data:`~therapeutic_model.response.Condition`, the catalogue
ids it suggests, a priority and a rationale. A :class:`RuleSet` binds rules to a
:class:`~therapeutic_model.response.Catalogue`, is checked when built, and compiles every
condition into one :class:`~therapeutic_model.response.Program`. ``suggest`` (one child) and
``suggest_many`` (a cohort) both build a fact table and run the same compiled form; one child is
a batch of one.

Three things turn fired rules into a response a person can work from:

* **merging** — several rules proposing the same intervention give one suggestion with every
  rule, rationale and piece of evidence;
* **trauma-informed withholding** — an intervention whose exposures meet a personal trigger is
  returned *withheld*, naming the trigger, never silently dropped;
* **bottom-up sequencing** — a graph of stage prerequisites (regulate → relate → reason, after
  the neurosequential model's bottom-up order; Perry & Hambrick 2008, Reclaiming Children and
  Youth 17(3):38–43) orders suggestions into phases, and a suggestion above a stage whose domain
  is in the worst band is *deferred* with that domain named, unless its rule allows it to run
  in parallel.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TypeAlias, TypeVar

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.assessment import (
    DevelopmentalHistory,
    Instrument,
    InstrumentSpec,
    Profile,
    ScoreBatch,
)
from therapeutic_model.exceptions import (
    FieldError,
    InvalidDefinition,
    InvalidValue,
    ValidationError,
)
from therapeutic_model.response._catalogue import STAGES, Catalogue, Stage, split_domain
from therapeutic_model.response._conditions import (
    All,
    Any,
    BandRank,
    Condition,
    DomainGap,
    DomainRatio,
    Fact,
    HeldCondition,
    LevelCompromised,
    Not,
    Program,
)
from therapeutic_model.response._facts import (
    ChildContext,
    normalise_tags,
    table_from_batches,
    table_from_profiles,
    team_code,
)
from therapeutic_model.response._suggestion import Deferral, Suggestion, Suggestions

__all__ = ["Cohort", "Rule", "RuleSet", "RuleSetSpec", "Sequencing", "SuggestionBatch"]

BoolArray: TypeAlias = NDArray[np.bool_]
FloatArray: TypeAlias = NDArray[np.float64]

Cohort: TypeAlias = (
    ScoreBatch
    | Mapping[str, ScoreBatch]
    | Sequence[ScoreBatch]
    | Sequence[Profile | Sequence[Profile]]
)
"""What ``suggest_many`` accepts: score batches (one per instrument, rows are the same
children), or one profile (or a sequence of profiles) per child."""

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
T = TypeVar("T")


def _rule_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _ID.match(value)):
        msg = f"{attribute.name} must be 1-128 letters, digits or _ . : - starting with one"
        raise InvalidValue(msg, field=attribute.name)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(cache_hash=True)
class Rule:
    """When a condition holds, suggest interventions.

    Args:
        id: the rule's id, unique in its rule set.
        when: the condition (see :data:`~therapeutic_model.response.Condition`).
        suggest: catalogue ids of the interventions it suggests.
        priority: higher comes first within a phase (merged suggestions take the highest).
        rationale: why, in a sentence a carer can read.
        parallel_ok: the suggestions may start even while a lower stage is in the worst band
            (they are not deferred).
    """

    id: str = attrs.field(validator=_rule_id)
    when: Condition
    suggest: tuple[str, ...] = attrs.field(converter=_strs)
    priority: int = 0
    rationale: str = ""
    parallel_ok: bool = False


def _default_domains() -> dict[str, Stage]:
    return {
        "sensory_integration": "regulate",
        "self_regulation": "regulate",
        "relational": "relate",
        "cognitive": "reason",
    }


def _pairs(value: Iterable[Sequence[Stage]]) -> tuple[tuple[Stage, Stage], ...]:
    out: list[tuple[Stage, Stage]] = []
    for pair in value:
        if len(pair) != 2:
            msg = "prerequisites must be pairs [before, after]"
            raise InvalidValue(msg)
        out.append((pair[0], pair[1]))
    return tuple(out)


def _stage_pairs(
    _: object,
    attribute: attrs.Attribute[tuple[tuple[Stage, Stage], ...]],
    value: tuple[tuple[Stage, Stage], ...],
) -> None:
    if not all(a in STAGES and b in STAGES for a, b in value):
        msg = f"{attribute.name} must pair stages: {', '.join(STAGES)}"
        raise InvalidValue(msg, field=attribute.name)


def _stage_map(
    _: object, attribute: attrs.Attribute[Mapping[str, str]], value: Mapping[str, str]
) -> None:
    if not all(s in STAGES for s in value.values()):
        msg = f"{attribute.name} must map domain ids to stages: {', '.join(STAGES)}"
        raise InvalidValue(msg, field=attribute.name)


@attrs.frozen
class Sequencing:
    """How suggestions are sequenced bottom-up, and which assessment says a stage is not ready.

    The default follows the neurosequential order regulate → relate → reason and reads the
    shipped ``neurosequential`` instrument: a suggestion at ``relate`` or ``reason`` waits while
    sensory integration or self-regulation is red; one at ``reason`` waits while the relational
    domain is red.

    Args:
        instrument: the instrument whose domains gate the stages.
        domains: each gating domain with the stage it belongs to.
        worst_rank: the band rank that defers higher stages (2 = red for neurosequential).
        worst_label: that band's label, for explanations.
        prerequisites: pairs ``(before, after)`` of stages: the graph of level prerequisites.
    """

    instrument: str = "neurosequential"
    domains: Mapping[str, Stage] = attrs.field(factory=_default_domains, validator=_stage_map)
    worst_rank: int = 2
    worst_label: str = "red"
    prerequisites: tuple[tuple[Stage, Stage], ...] = attrs.field(
        default=(("regulate", "relate"), ("relate", "reason")),
        converter=_pairs,
        validator=_stage_pairs,
    )

    def graph(self) -> object:
        """The prerequisite graph of stages, as a ``networkx.DiGraph``."""
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(STAGES)
        g.add_edges_from(self.prerequisites)
        return g

    def phases(self) -> dict[Stage, int]:
        """Each stage's phase number (1 = first), from the topological generations of the graph.

        Raises:
            InvalidDefinition: if the prerequisites form a cycle.

        >>> Sequencing().phases()
        {'regulate': 1, 'relate': 2, 'reason': 3}
        """
        import networkx as nx

        g = self.graph()
        if not nx.is_directed_acyclic_graph(g):
            raise InvalidDefinition("sequencing", ["$.sequencing.prerequisites: form a cycle"])
        return {s: n for n, gen in enumerate(nx.topological_generations(g), 1) for s in gen}

    def before(self) -> dict[Stage, frozenset[Stage]]:
        """Each stage's prerequisite stages (every stage that must come before it)."""
        import networkx as nx

        g = self.graph()
        return {s: frozenset(nx.ancestors(g, s)) for s in STAGES}


def _rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(value)


@attrs.frozen
class RuleSetSpec:
    """A rule set as written in a rules file, before it is bound to a catalogue.

    Args:
        rules: the rules.
        title: a readable name.
        version: the rule set's version.
        source: where the rules come from.
        notes: anything users must know.
        sequencing: how suggestions are sequenced.
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    title: str = ""
    version: str = ""
    source: str = ""
    notes: str = ""
    sequencing: Sequencing = attrs.field(factory=Sequencing)

    def build(
        self, catalogue: Catalogue, *, instruments: Iterable[Instrument] | None = None
    ) -> RuleSet:
        """The :class:`RuleSet` of these rules over a catalogue (see :meth:`RuleSet.build`)."""
        return RuleSet.build(self, catalogue, instruments=instruments)


@attrs.frozen
class RuleSet:
    """Rules bound to a catalogue, checked when built and compiled for suggesting.

    Args:
        rules: the rules.
        catalogue: the interventions the rules may suggest.
        sequencing: how suggestions are sequenced bottom-up.
        title: a readable name.
        version: the rule set's version.
        source: where the rules come from.
        notes: anything users must know.

    Raises:
        InvalidDefinition: listing every duplicate rule id, unknown intervention id, rule that
            suggests nothing, and cycle in the sequencing (each with its path, e.g.
            ``$.rules[3].suggest[1]``). Use :meth:`build` with ``instruments`` to check
            instrument and domain ids as well.
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    catalogue: Catalogue
    sequencing: Sequencing = attrs.field(factory=Sequencing)
    title: str = ""
    version: str = ""
    source: str = ""
    notes: str = ""
    _engine: _Engine = attrs.field(init=False, repr=False, eq=False, alias="_engine")

    def __attrs_post_init__(self) -> None:
        problems = _structure_problems(self.rules, self.catalogue, self.sequencing)
        if problems:
            raise InvalidDefinition(self._what(), problems)
        object.__setattr__(self, "_engine", _Engine.compile(self))

    def _what(self) -> str:
        return f"rule set {self.title!r}" if self.title else "rule set"

    @classmethod
    def build(
        cls,
        rules: RuleSetSpec | Iterable[Rule],
        catalogue: Catalogue,
        *,
        instruments: Iterable[Instrument] | None = None,
    ) -> RuleSet:
        """Bind rules to a catalogue, checking instrument and domain ids when instruments are given.

        Args:
            rules: a :class:`RuleSetSpec` or the rules themselves.
            catalogue: the interventions.
            instruments: a registry or any iterable of instruments to check against.

        Raises:
            InvalidDefinition: listing every problem found, each with its path.
        """
        spec = rules if isinstance(rules, RuleSetSpec) else RuleSetSpec(tuple(rules))
        problems = _structure_problems(spec.rules, catalogue, spec.sequencing)
        if instruments is not None:
            problems += instrument_problems(spec.rules, catalogue, spec.sequencing, instruments)
        if problems:
            what = f"rule set {spec.title!r}" if spec.title else "rule set"
            raise InvalidDefinition(what, problems)
        return cls(
            spec.rules,
            catalogue,
            sequencing=spec.sequencing,
            title=spec.title,
            version=spec.version,
            source=spec.source,
            notes=spec.notes,
        )

    @property
    def spec(self) -> RuleSetSpec:
        """The rules as a :class:`RuleSetSpec` (what a rules file holds)."""
        return RuleSetSpec(
            self.rules,
            title=self.title,
            version=self.version,
            source=self.source,
            notes=self.notes,
            sequencing=self.sequencing,
        )

    def check(self, instruments: Iterable[Instrument]) -> RuleSet:
        """Check every instrument, domain and level id against some instruments.

        Returns:
            The rule set itself.

        Raises:
            InvalidDefinition: listing every unknown id, with its path.
        """
        problems = instrument_problems(self.rules, self.catalogue, self.sequencing, instruments)
        if problems:
            raise InvalidDefinition(self._what(), problems)
        return self

    def rule(self, rule_id: str) -> Rule:
        """The rule with an id.

        Raises:
            KeyError: if there is no such rule.
        """
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    @property
    def program(self) -> Program:
        """The compiled conditions (fact columns, nodes, one root per rule)."""
        return self._engine.program

    def suggest(
        self,
        profiles: Profile | Iterable[Profile],
        *,
        history: DevelopmentalHistory | None = None,
        triggers: Iterable[object] = (),
        team: object = None,
        age_months: float | None = None,
    ) -> Suggestions:
        """Suggest interventions for one child, explained and ordered bottom-up.

        This is :meth:`suggest_many` on a batch of one.

        Args:
            profiles: the child's current profile per instrument (one or several).
            history: the child's developmental history, if recorded.
            triggers: the child's personal trigger tags (or :class:`Trigger` records).
            team: the team's regulation status: ``"green"``/``"amber"``/``"red"`` or an object
                with a ``status`` attribute; ``None`` when unknown.
            age_months: the child's age now; by default the oldest age among the profiles.

        Returns:
            The child's :class:`Suggestions`: suggested, deferred and withheld, in phases.

        Raises:
            InvalidValue: for a team status or trigger collection that cannot be read.
            ValidationError: naming every profile of an instrument already given
                (``$[2]``): a child has one current profile per instrument, and none is
                dropped silently.
        """
        if isinstance(profiles, Profile):
            profiles = (profiles,)
        by_instrument = _by_instrument(profiles, "$")
        age = _age_of(by_instrument.values()) if age_months is None else float(age_months)
        context = ChildContext(
            1,
            ages=np.array([age]),
            histories=[history],
            triggers=[normalise_tags(_tags(triggers))],
            teams=np.array([team_code(team)]),
        )
        table = table_from_profiles(self._engine.program.facts, [by_instrument], context)
        return self._engine.run(table, context).for_child(0)

    def suggest_many(
        self,
        cohort: Cohort,
        *,
        history: Sequence[DevelopmentalHistory | None] | None = None,
        triggers: Sequence[Iterable[object]] | None = None,
        team: object = None,
        age_months: float | Sequence[float] | FloatArray | None = None,
    ) -> SuggestionBatch:
        """Suggest for a cohort at once, evaluating compiled conditions as numpy masks.

        Args:
            cohort: score batches (a :class:`ScoreBatch`, a mapping or sequence of them, one
                per instrument, rows the same children), or per child a profile or sequence
                of profiles.
            history: one developmental history (or ``None``) per child.
            triggers: one collection of trigger tags per child.
            team: one team status for everyone, or one per child.
            age_months: each child's age now (or one age for all); by default the oldest age
                among each child's profiles or batch rows.

        Returns:
            A :class:`SuggestionBatch`: arrays over children × rules and children ×
            interventions, and each child's :class:`Suggestions` by
            :meth:`SuggestionBatch.for_child` — equal to :meth:`suggest` for that child.

        Raises:
            ValidationError: if a per-child argument does not have one entry per child, the
                batches differ in length, or a child has two profiles of one instrument
                (``$[4][1]``).
        """
        facts = self._engine.program.facts
        batches = _as_batches(cohort)
        if batches is not None:
            n = _batch_length(batches)
            ages = _batch_ages(batches, n)
            children: list[dict[str, Profile]] | None = None
        else:
            children = _as_children(cohort)
            n = len(children)
            ages = np.array([_age_of(c.values()) for c in children], dtype=float)
        if age_months is not None:
            ages = _per_child_floats(age_months, n)
        context = ChildContext(
            n,
            ages=ages,
            histories=_per_child(history, n, "history", None),
            triggers=_trigger_sets(triggers, n),
            teams=_teams(team, n),
        )
        if batches is not None:
            table = table_from_batches(facts, batches, context)
        else:
            table = table_from_profiles(facts, children or [], context)
        return self._engine.run(table, context)


# -- input normalisation ----------------------------------------------------------------------


def _tags(triggers: Iterable[object]) -> Iterable[str]:
    if isinstance(triggers, str):
        return triggers  # normalise_tags refuses a bare string with a clear message
    return [str(getattr(t, "tag", t)) for t in triggers]


def _age_of(profiles: Iterable[Profile]) -> float:
    ages = [p.age_months for p in profiles]
    return float(max(ages)) if ages else np.nan


def _as_batches(cohort: Cohort) -> dict[str, ScoreBatch] | None:
    if isinstance(cohort, ScoreBatch):
        return {cohort.instrument_id: cohort}
    if isinstance(cohort, Mapping):
        return dict(cohort)
    items = list(cohort)
    batches = [b for b in items if isinstance(b, ScoreBatch)]
    if batches and len(batches) == len(items):
        return {b.instrument_id: b for b in batches}
    return None


def _batch_length(batches: Mapping[str, ScoreBatch]) -> int:
    lengths = {len(b) for b in batches.values()}
    if len(lengths) > 1:
        raise ValidationError.single("$", "score batches must have one row per child, same order")
    return lengths.pop() if lengths else 0


def _batch_ages(batches: Mapping[str, ScoreBatch], n: int) -> FloatArray:
    if not batches:
        return np.full(n, np.nan)
    ages = np.stack([np.asarray(b.age_months, dtype=float) for b in batches.values()])
    return np.asarray(np.max(ages, axis=0), dtype=float)


def _as_children(cohort: object) -> list[dict[str, Profile]]:
    if not isinstance(cohort, Iterable):
        raise ValidationError.single("$", "must be score batches or one profile list per child")
    out = []
    for i, entry in enumerate(cohort):
        items: list[object] = [entry] if isinstance(entry, Profile) else _listed(entry)
        profiles = [p for p in items if isinstance(p, Profile)]
        if len(profiles) != len(items):
            raise ValidationError.single(f"$[{i}]", "must be a Profile or a sequence of Profiles")
        out.append(_by_instrument(profiles, f"$[{i}]"))
    return out


def _by_instrument(profiles: Iterable[Profile], where: str) -> dict[str, Profile]:
    """One child's profiles by instrument id, refusing a second profile of an instrument."""
    out: dict[str, Profile] = {}
    repeated: list[FieldError] = []
    for j, p in enumerate(profiles):
        if p.instrument_id in out:
            msg = "a second profile of the same instrument: give one current profile per instrument"
            repeated.append(FieldError(f"{where}[{j}]", msg))
        else:
            out[p.instrument_id] = p
    if repeated:
        raise ValidationError(repeated, what="profiles")
    return out


def _listed(entry: object) -> list[object]:
    if isinstance(entry, str) or not isinstance(entry, Iterable):
        return [entry]
    return list(entry)


def _per_child(value: Sequence[T] | None, n: int, name: str, empty: T) -> list[T]:
    if value is None:
        return [empty] * n
    items = list(value)
    if len(items) != n:
        raise ValidationError.single(f"$.{name}", f"must hold one entry per child ({n})")
    return items


def _per_child_floats(value: float | Sequence[float] | FloatArray, n: int) -> FloatArray:
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValidationError.single("$.age_months", f"must hold one age per child ({n})")
    return arr


def _teams(team: object, n: int) -> FloatArray:
    if team is None or isinstance(team, str) or hasattr(team, "status") or hasattr(team, "value"):
        return np.full(n, team_code(team))
    if not isinstance(team, Sequence):
        return np.full(n, team_code(team))
    out = np.empty(n)
    memo: dict[object, float] = {}
    for i, t in enumerate(_per_child(team, n, "team", None)):
        out[i] = _remembered(memo, t, team_code)
    return out


def _trigger_sets(triggers: Sequence[Iterable[object]] | None, n: int) -> list[frozenset[str]]:
    memo: dict[object, frozenset[str]] = {}
    return [
        _remembered(memo, t, lambda x: normalise_tags(_tags(x)))  # type: ignore[arg-type]
        for t in _per_child(triggers, n, "triggers", ())
    ]


def _remembered(memo: dict[object, T], value: object, fn: Callable[[object], T]) -> T:
    """``fn(value)``, computed once per distinct hashable value (children share statuses)."""
    try:
        return memo[value]
    except KeyError:
        memo[value] = out = fn(value)
        return out
    except TypeError:  # unhashable, e.g. a list of tags
        return fn(value)


# -- checking -----------------------------------------------------------------------------------


def _structure_problems(
    rules: Sequence[Rule], catalogue: Catalogue, sequencing: Sequencing
) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, rule in enumerate(rules):
        where = f"$.rules[{i}]"
        if rule.id in seen:
            out.append(f"{where}.id: duplicate rule id {rule.id!r}")
        seen.add(rule.id)
        if not rule.suggest:
            out.append(f"{where}.suggest: rule {rule.id!r} suggests nothing")
        out += [
            f"{where}.suggest[{j}]: unknown intervention {iv!r} (rule {rule.id!r})"
            for j, iv in enumerate(rule.suggest)
            if iv not in catalogue
        ]
    try:
        sequencing.phases()
    except InvalidDefinition as exc:
        out += exc.problems
    return out


def _walk(c: Condition, path: str) -> Iterator[tuple[Condition, str]]:
    if isinstance(c, All | Any):
        for j, sub in enumerate(c.conditions):
            yield from _walk(sub, f"{path}.conditions[{j}]")
    elif isinstance(c, Not):
        yield from _walk(c.condition, f"{path}.condition")
    else:
        yield c, path


def instrument_problems(
    rules: Sequence[Rule],
    catalogue: Catalogue,
    sequencing: Sequencing,
    instruments: Iterable[Instrument],
) -> list[str]:
    """Every instrument, domain and level id in rules, catalogue and sequencing that is unknown.

    Also flags conditions that could never be known: a gap or ratio on a score without age
    norms, a band rank on a score without bands.
    """
    known = {inst.id: inst for inst in instruments}
    out: list[str] = []
    for i, rule in enumerate(rules):
        for leaf, path in _walk(rule.when, f"$.rules[{i}].when"):
            out += _leaf_problems(leaf, path, known)
    out += _sequencing_problems(sequencing, known)
    for i, iv in enumerate(catalogue.interventions):
        for j, ref in enumerate(iv.domains):
            out += _domain_ref_problems(ref, f"catalogue $.interventions[{i}].domains[{j}]", known)
    return out


def _score_owner(inst: Instrument, score: str) -> str | None:
    """The score id whose norms and bands apply to ``score`` (itself, or a function's domain)."""
    if score in inst.score_ids:
        return score
    if isinstance(inst, InstrumentSpec) and inst.function_scores:
        for d in inst.domains:
            if score in d.items:
                return d.id
    return None


def _leaf_problems(  # noqa: PLR0911 — one early return per kind of problem reads best
    leaf: Condition, path: str, known: Mapping[str, Instrument]
) -> list[str]:
    inst_id = getattr(leaf, "instrument", None)
    if inst_id is None:
        return []
    inst = known.get(inst_id)
    if inst is None:
        return [f"{path}.instrument: unknown instrument {inst_id!r}"]
    if isinstance(leaf, LevelCompromised):
        levels = {lv.id for lv in inst.levels} if isinstance(inst, InstrumentSpec) else None
        if levels is not None and leaf.level not in levels:
            return [f"{path}.level: instrument {inst_id!r} has no level {leaf.level!r}"]
        return []
    domain: str = leaf.domain  # type: ignore[union-attr]
    owner = _score_owner(inst, domain)
    if owner is None:
        return [f"{path}.domain: instrument {inst_id!r} has no score {domain!r}"]
    if not isinstance(inst, InstrumentSpec):
        return []
    if isinstance(leaf, DomainGap | DomainRatio) and owner not in inst.norms:
        figure = "gap" if isinstance(leaf, DomainGap) else "ratio"
        return [f"{path}: {inst_id}:{domain} has no age norms, so its {figure} is never known"]
    if isinstance(leaf, BandRank) and not any(b.score == owner for b in inst.bands):
        return [f"{path}: {inst_id}:{domain} has no bands, so its band rank is never known"]
    return []


def _sequencing_problems(seq: Sequencing, known: Mapping[str, Instrument]) -> list[str]:
    inst = known.get(seq.instrument)
    if inst is None:
        return [f"$.sequencing.instrument: unknown instrument {seq.instrument!r}"]
    out: list[str] = []
    for domain, stage in seq.domains.items():
        where = f"$.sequencing.domains.{domain}"
        if domain not in inst.score_ids:
            out.append(f"{where}: instrument {seq.instrument!r} has no score {domain!r}")
        elif isinstance(inst, InstrumentSpec):
            out += _stage_problems(inst, domain, stage, seq.worst_rank, where)
    return out


def _stage_problems(
    inst: InstrumentSpec, domain: str, stage: str, worst: int, where: str
) -> list[str]:
    out: list[str] = []
    levels = {lv.id: lv for lv in inst.levels}
    dom = next((d for d in inst.domains if d.id == domain), None)
    level = levels.get(dom.level) if dom is not None and dom.level is not None else None
    if level is not None and level.stage is not None and level.stage != stage:
        out.append(f"{where}: the instrument puts this domain at stage {level.stage!r}")
    ranks = [bd.rank for b in inst.bands if b.score == domain for bd in b.bands]
    if not ranks:
        out.append(f"{where}: the domain has no bands to gate on")
    elif max(ranks) != worst:
        out.append(f"{where}: the worst band rank is {max(ranks)}, not worst_rank {worst}")
    return out


def _domain_ref_problems(ref: str, where: str, known: Mapping[str, Instrument]) -> list[str]:
    inst_id, domain = split_domain(ref)
    if inst_id is not None:
        inst = known.get(inst_id)
        if inst is None:
            return [f"{where}: unknown instrument {inst_id!r}"]
        if _score_owner(inst, domain) is None:
            return [f"{where}: instrument {inst_id!r} has no score {domain!r}"]
        return []
    if not any(_score_owner(inst, domain) is not None for inst in known.values()):
        return [f"{where}: no instrument has a score {domain!r}"]
    return []


# -- the compiled engine --------------------------------------------------------------------------


@attrs.frozen(eq=False)
class _Engine:
    """A rule set compiled to arrays: one program, incidence matrices, stage graph."""

    rules: tuple[Rule, ...]
    catalogue: Catalogue
    sequencing: Sequencing
    program: Program
    suggests: NDArray[np.float32]  # rules × interventions, 0/1
    parallel: NDArray[np.float32]  # per rule, 0/1
    priority: NDArray[np.int64]  # per rule
    trigger_cols: NDArray[np.intp]  # fact columns of trigger tags that interventions expose
    trigger_tags: tuple[str, ...]
    exposes: NDArray[np.float32]  # trigger tags × interventions, 0/1
    gate_cols: NDArray[np.intp]  # fact columns of the gating domains' ranks
    gates: tuple[tuple[str, Stage], ...]  # (domain, stage) per gating column
    gate_stage: NDArray[np.float32]  # gating domains × stages, 0/1
    blocks: NDArray[np.float32]  # stages × stages: [p, s] = 1 when p must come before s
    stage_of: NDArray[np.intp]  # per intervention, its stage index
    phase_of: NDArray[np.int64]  # per intervention, its phase number
    before: Mapping[Stage, frozenset[Stage]]
    suggested_by_rule: tuple[tuple[int, ...], ...]  # per rule, its interventions' indices
    trigger_col_of: Mapping[str, int]  # trigger tag -> fact column
    position: Mapping[str, int]  # intervention id -> catalogue position

    @classmethod
    def compile(cls, rule_set: RuleSet) -> _Engine:
        cat, seq = rule_set.catalogue, rule_set.sequencing
        ids = {iv: k for k, iv in enumerate(cat.ids())}
        tags = cat.exposure_tags()
        gates = tuple(seq.domains.items())
        trigger_facts: list[Fact] = [("trigger", t) for t in tags]
        gate_facts: list[Fact] = [("score", seq.instrument, d, "rank") for d, _ in gates]
        program = Program.compile(
            [r.when for r in rule_set.rules], extra_facts=[*trigger_facts, *gate_facts]
        )
        column = {f: j for j, f in enumerate(program.facts)}
        suggests = np.zeros((len(rule_set.rules), len(cat)), dtype=np.float32)
        for r, rule in enumerate(rule_set.rules):
            suggests[r, [ids[i] for i in rule.suggest]] = 1.0
        exposes = np.zeros((len(tags), len(cat)), dtype=np.float32)
        for k, iv in enumerate(cat):
            exposes[[tags.index(t) for t in iv.exposures], k] = 1.0
        stage_index = {s: i for i, s in enumerate(STAGES)}
        gate_stage = np.zeros((len(gates), len(STAGES)), dtype=np.float32)
        for g, (_, stage) in enumerate(gates):
            gate_stage[g, stage_index[stage]] = 1.0
        before = seq.before()
        blocks = np.zeros((len(STAGES), len(STAGES)), dtype=np.float32)
        for s, prereqs in before.items():
            for p in prereqs:
                blocks[stage_index[p], stage_index[s]] = 1.0
        phases = seq.phases()
        return cls(
            rules=rule_set.rules,
            catalogue=cat,
            sequencing=seq,
            program=program,
            suggests=suggests,
            parallel=np.array([r.parallel_ok for r in rule_set.rules], dtype=np.float32),
            priority=np.array([r.priority for r in rule_set.rules], dtype=np.int64),
            trigger_cols=np.array([column[f] for f in trigger_facts], dtype=np.intp),
            trigger_tags=tags,
            exposes=exposes,
            gate_cols=np.array([column[f] for f in gate_facts], dtype=np.intp),
            gates=gates,
            gate_stage=gate_stage,
            blocks=blocks,
            stage_of=np.array([stage_index[iv.level] for iv in cat], dtype=np.intp),
            phase_of=np.array([phases[iv.level] for iv in cat], dtype=np.int64),
            before=before,
            suggested_by_rule=tuple(tuple(ids[i] for i in r.suggest) for r in rule_set.rules),
            trigger_col_of={t: column[("trigger", t)] for t in tags},
            position=ids,
        )

    def run(self, table: FloatArray, context: ChildContext) -> SuggestionBatch:
        """Evaluate every rule for every child and resolve merging, withholding and deferral."""
        true, false = self.program.run(table)
        fired = true[list(self.program.roots)].T  # children × rules
        fired_f = fired.astype(np.float32)
        proposed = fired_f @ self.suggests > 0
        triggered = (table[:, self.trigger_cols] > 0).astype(np.float32)
        withheld = proposed & (triggered @ self.exposes > 0)
        worst = (table[:, self.gate_cols] == self.sequencing.worst_rank).astype(np.float32)
        blocked = (worst @ self.gate_stage) @ self.blocks > 0  # children × stages
        parallel = (fired_f * self.parallel) @ self.suggests > 0
        deferred = proposed & blocked[:, self.stage_of] & ~parallel
        return SuggestionBatch(
            rule_ids=tuple(r.id for r in self.rules),
            intervention_ids=self.catalogue.ids(),
            fired=fired,
            proposed=proposed,
            withheld=withheld,
            deferred=deferred,
            engine=self,
            table=table,
            true=true,
            false=false,
            triggers=tuple(context.triggers),
        )

    def explain(self, batch: SuggestionBatch, i: int) -> Suggestions:
        """One child's suggestions, built from the batch's arrays."""
        row, true, false = batch.table[i], batch.true[:, i], batch.false[:, i]
        by_intervention: dict[int, list[int]] = {}
        for r in np.flatnonzero(batch.fired[i]).tolist():
            for k in self.suggested_by_rule[r]:
                by_intervention.setdefault(k, []).append(r)
        evidence = {
            r: self.program.explain(self.program.roots[r], row, true, false)
            for rules in by_intervention.values()
            for r in rules
        }
        child = (row, batch.deferred[i])
        items = [
            self._suggestion(child, k, sorted(rs), evidence) for k, rs in by_intervention.items()
        ]
        items.sort(key=lambda s: (s.phase, -s.priority, self.position[s.intervention.id]))
        return Suggestions(items, triggers=tuple(sorted(batch.triggers[i])))

    def _suggestion(
        self,
        child: tuple[FloatArray, NDArray[np.bool_]],
        k: int,
        rules: list[int],
        evidence: Mapping[int, list[HeldCondition]],
    ) -> Suggestion:
        row, deferred = child
        iv = self.catalogue.interventions[k]
        withheld_for = sorted(t for t in iv.exposures if row[self.trigger_col_of[t]] > 0)
        return Suggestion(
            intervention=iv,
            rules=[self.rules[r].id for r in rules],
            rationale=[self.rules[r].rationale for r in rules],
            evidence=_merge([(self.rules[r].id, evidence[r]) for r in rules]),
            priority=max(self.rules[r].priority for r in rules),
            phase=int(self.phase_of[k]),
            withheld_for=withheld_for,
            deferred_because=self._deferrals(row, iv.level) if deferred[k] else (),
        )

    def _deferrals(self, row: FloatArray, stage: Stage) -> tuple[Deferral, ...]:
        seq = self.sequencing
        return tuple(
            Deferral(seq.instrument, domain, gate_stage, seq.worst_rank, seq.worst_label)
            for (domain, gate_stage), col in zip(self.gates, self.gate_cols, strict=True)
            if gate_stage in self.before[stage] and row[col] == seq.worst_rank
        )


def _merge(per_rule: Sequence[tuple[str, list[HeldCondition]]]) -> list[HeldCondition]:
    first: dict[tuple[object, bool], HeldCondition] = {}
    rules: dict[tuple[object, bool], list[str]] = {}
    for rule_id, items in per_rule:
        for e in items:
            key = (e.condition, e.negated)
            first.setdefault(key, e)
            seen = rules.setdefault(key, [])
            if rule_id not in seen:
                seen.append(rule_id)
    return [
        HeldCondition(e.condition, e.fact, e.value, e.negated, tuple(rules[key]))
        for key, e in first.items()
    ]


@attrs.frozen(eq=False)
class SuggestionBatch:
    """Suggestions for a cohort as arrays, with each child's explained suggestions on demand.

    Attributes:
        rule_ids: rule ids, the columns of :attr:`fired`.
        intervention_ids: catalogue ids, the columns of the intervention arrays.
        fired: children × rules: the rule's condition certainly held.
        proposed: children × interventions: some fired rule suggests it.
        withheld: proposed, and its exposures meet one of the child's triggers.
        deferred: proposed, above a stage whose gating domain is in the worst band, and no
            fired rule allows it in parallel.
    """

    rule_ids: tuple[str, ...]
    intervention_ids: tuple[str, ...]
    fired: BoolArray
    proposed: BoolArray
    withheld: BoolArray
    deferred: BoolArray
    engine: _Engine = attrs.field(repr=False)
    table: FloatArray = attrs.field(repr=False)
    true: BoolArray = attrs.field(repr=False)
    false: BoolArray = attrs.field(repr=False)
    triggers: tuple[frozenset[str], ...] = attrs.field(repr=False)

    def __len__(self) -> int:
        return int(self.fired.shape[0])

    def __iter__(self) -> Iterator[Suggestions]:
        return (self.for_child(i) for i in range(len(self)))

    @property
    def suggested(self) -> BoolArray:
        """Children × interventions: proposed, neither withheld nor deferred."""
        return self.proposed & ~self.withheld & ~self.deferred

    def status_codes(self) -> NDArray[np.int8]:
        """Children × interventions: 0 not proposed, 1 suggested, 2 deferred, 3 withheld."""
        out = np.zeros(self.proposed.shape, dtype=np.int8)
        out[self.proposed] = 1
        out[self.deferred] = 2
        out[self.withheld] = 3
        return out

    def for_child(self, i: int) -> Suggestions:
        """The explained :class:`Suggestions` of child ``i`` (row order of the input)."""
        if not -len(self) <= i < len(self):
            msg = "child index out of range"
            raise IndexError(msg)
        return self.engine.explain(self, i % len(self))
