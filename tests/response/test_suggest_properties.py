"""Properties of suggesting: one child is a batch of one; triggers withhold; explanations hold."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import therapeutic_model as tm
from therapeutic_model.io import default_catalogue, default_rules
from therapeutic_model.response import HasTrigger, RuleSet, leaves
from therapeutic_model.testing import (
    TRIGGER_TAGS,
    developmental_histories,
    rule_set_specs,
    team_statuses,
    trigger_tag_sets,
)

REGISTRY = tm.default_registry(plugins=False)
NEURO = REGISTRY.get("neurosequential")
SDQ = REGISTRY.get("sdq-parent")
CATALOGUE_IDS = default_catalogue().ids()


def _matrix(draw: st.DrawFn, n: int, k: int, high: int) -> np.ndarray:
    # drawn from a seed: thousands of cells per example would make Hypothesis slow
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    x = rng.integers(0, high + 1, size=(n, k)).astype(float)
    p_missing = draw(st.sampled_from([0.0, 0.1, 0.4]))
    x[rng.random((n, k)) < p_missing] = math.nan
    return x


@st.composite
def cohorts(draw: st.DrawFn) -> dict[str, object]:
    """A small synthetic cohort: scored batches, ages, histories, triggers and team statuses."""
    n = draw(st.integers(1, 5))
    ages = np.array(draw(st.lists(st.integers(24, 216), min_size=n, max_size=n)), dtype=float)
    batches = [NEURO.score_many(_matrix(draw, n, len(NEURO.item_ids), 4), age_months=ages)]
    if draw(st.booleans()):
        batches.append(SDQ.score_many(_matrix(draw, n, len(SDQ.item_ids), 2), age_months=ages))
    return {
        "batches": batches,
        "history": draw(st.lists(st.none() | developmental_histories(), min_size=n, max_size=n)),
        "triggers": draw(st.lists(trigger_tag_sets(), min_size=n, max_size=n)),
        "team": draw(st.lists(team_statuses(), min_size=n, max_size=n)),
    }


def _random_rules(with_triggers: bool = True) -> st.SearchStrategy[RuleSet]:
    return rule_set_specs(CATALOGUE_IDS, with_triggers=with_triggers).map(
        lambda spec: spec.build(default_catalogue())
    )


RULE_SETS = st.one_of(st.just(default_rules()), _random_rules())


def _one(cohort: dict[str, object], i: int, rules: RuleSet, triggers: object = None) -> object:
    batches: list[tm.ScoreBatch] = cohort["batches"]  # type: ignore[assignment]
    return rules.suggest(
        [b.profile(i) for b in batches],
        history=cohort["history"][i],  # type: ignore[index]
        triggers=cohort["triggers"][i] if triggers is None else triggers,  # type: ignore[index]
        team=cohort["team"][i],  # type: ignore[index]
    )


@given(cohorts(), RULE_SETS)
def test_suggest_many_equals_suggest_per_child(cohort: dict[str, object], rules: RuleSet) -> None:
    """Each child's suggestions from the cohort call equal the single-child call."""
    batch = rules.suggest_many(
        cohort["batches"],  # type: ignore[arg-type]
        history=cohort["history"],  # type: ignore[arg-type]
        triggers=cohort["triggers"],  # type: ignore[arg-type]
        team=cohort["team"],
    )
    for i in range(len(batch)):
        assert _one(cohort, i, rules) == batch.for_child(i)


def _not_withheld(suggestions: object) -> set[str]:
    return {s.intervention.id for s in suggestions if s.status != "withheld"}  # type: ignore[attr-defined]


@given(cohorts(), _random_rules(with_triggers=False), st.sampled_from(TRIGGER_TAGS))
def test_adding_a_trigger_never_adds_a_non_withheld_suggestion(
    cohort: dict[str, object], rules: RuleSet, tag: str
) -> None:
    """For rules that do not read triggers, one more trigger can only withhold, never add."""
    for i in range(len(cohort["triggers"])):  # type: ignore[arg-type]
        before = _one(cohort, i, rules)
        after = _one(cohort, i, rules, triggers={*cohort["triggers"][i], tag})  # type: ignore[index]
        assert _not_withheld(after) <= _not_withheld(before)


@given(cohorts(), st.sampled_from(TRIGGER_TAGS))
def test_a_new_trigger_adds_only_trigger_rules_and_never_its_exposures(
    cohort: dict[str, object], tag: str
) -> None:
    """With the default rules, a new trigger adds only suggestions of rules about triggers, and
    anything exposing the child to it is withheld."""
    rules = default_rules()
    trigger_rules = {
        r.id for r in rules.rules if any(isinstance(x, HasTrigger) for x in leaves(r.when))
    }
    for i in range(len(cohort["triggers"])):  # type: ignore[arg-type]
        before = _one(cohort, i, rules)
        after = _one(cohort, i, rules, triggers={*cohort["triggers"][i], tag})  # type: ignore[index]
        added = _not_withheld(after) - _not_withheld(before)
        for s in after:  # type: ignore[attr-defined]
            if s.intervention.id in added:
                assert set(s.rules) & trigger_rules
            if tag in s.intervention.exposures:
                assert "withheld" == s.status


@given(cohorts(), RULE_SETS)
def test_every_explanation_names_values_that_satisfy_it(
    cohort: dict[str, object], rules: RuleSet
) -> None:
    """Every piece of evidence's value makes its condition hold as recorded."""
    batch = rules.suggest_many(
        cohort["batches"],  # type: ignore[arg-type]
        history=cohort["history"],  # type: ignore[arg-type]
        triggers=cohort["triggers"],  # type: ignore[arg-type]
        team=cohort["team"],
    )
    for child in batch:
        for s in child:
            assert s.evidence
            assert all(e.satisfied() for e in s.evidence)
            assert s.withheld_for == tuple(sorted(set(s.withheld_for)))


@given(cohorts(), RULE_SETS)
def test_suggestions_run_bottom_up(cohort: dict[str, object], rules: RuleSet) -> None:
    """Phases never go down along a child's suggestions, and deferrals name lower stages."""
    order = {"regulate": 0, "relate": 1, "reason": 2}
    for child in rules.suggest_many(cohort["batches"]):  # type: ignore[arg-type]
        phases = [s.phase for s in child]
        assert sorted(phases) == phases
        for s in child:
            assert all(order[d.stage] < order[s.stage] for d in s.deferred_because)
