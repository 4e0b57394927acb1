"""Tests of the shipped catalogue and rules: size, coverage, and consistency with instruments."""

from __future__ import annotations

import pytest

import therapeutic_model as tm
from therapeutic_model.response import (
    INTERVENTION_KINDS,
    STAGES,
    AceAtLeast,
    AdversityAtLeast,
    Catalogue,
    HasTrigger,
    RelationalHealthAtMost,
    RuleSet,
    TeamStatus,
    leaves,
)


def test_catalogue_has_forty_or_more(catalogue: Catalogue) -> None:
    """The shipped catalogue holds at least 40 interventions."""
    assert len(catalogue) >= 40


def test_catalogue_has_every_kind_and_stage(catalogue: Catalogue) -> None:
    """Every kind of response and every stage is represented."""
    assert (set(INTERVENTION_KINDS), set(STAGES)) == (
        {iv.kind for iv in catalogue},
        {iv.level for iv in catalogue},
    )


def test_rules_thirty_or_more(rules: RuleSet) -> None:
    """The shipped rule set holds at least 30 rules."""
    assert len(rules.rules) >= 30


def _domains_read(rules: RuleSet, instrument: str) -> set[str]:
    return {
        getattr(leaf, "domain", None)
        for rule in rules.rules
        for leaf in leaves(rule.when)
        if getattr(leaf, "instrument", None) == instrument
    } - {None}  # type: ignore[return-value]


def test_rules_cover_every_neurosequential_domain(
    rules: RuleSet, registry: tm.InstrumentRegistry
) -> None:
    """Some rule reads each neurosequential domain."""
    domains = {d.id for d in registry.get("neurosequential").domains}  # type: ignore[attr-defined]
    assert domains <= _domains_read(rules, "neurosequential")


@pytest.mark.parametrize("informant", ["sdq-parent", "sdq-teacher", "sdq-self"])
def test_rules_cover_the_sdq_scales_for_every_informant(rules: RuleSet, informant: str) -> None:
    """Some rule reads each of the five SDQ scales, on every informant's SDQ."""
    scales = {"emotional", "conduct", "hyperactivity", "peer", "prosocial"}
    assert scales <= _domains_read(rules, informant)


def _sdq(registry: tm.InstrumentRegistry, informant: str, high: str, age: float) -> tm.Profile:
    """An SDQ of one informant: every item of ``high`` at its most, prosocial typical."""
    spec = registry.get(informant)
    domains = {d.id: d.items for d in spec.domains}  # type: ignore[attr-defined]
    keyed = {i.id: i.reverse for i in spec.items}  # type: ignore[attr-defined]
    answers = {
        item: 2 if item in domains[high] or item in domains["prosocial"] else 0
        for item in spec.item_ids
    }
    answers |= {item: 2 - answers[item] for item, rev in keyed.items() if rev}
    return spec.score(answers, age_months=age)


def test_a_teacher_only_sdq_gets_the_emotional_rules(
    rules: RuleSet, registry: tm.InstrumentRegistry
) -> None:
    """A very high emotional score on a teacher SDQ alone fires the emotional rules."""
    profile = _sdq(registry, "sdq-teacher", "emotional", 150)
    assert 3 == profile.scores["emotional"].rank
    fired = {sg.intervention.id: sg for sg in rules.suggest([profile]).items}
    expected = {
        "emotion_coaching",
        "key_adult_at_school",
        "art_psychotherapy",
        "trauma_focused_cbt",
        "self_harm_safety_plan",
    }
    assert expected <= set(fired)
    why = fired["trauma_focused_cbt"].evidence[0].describe()
    assert "band rank of sdq-teacher:emotional at least 3 (3)" == why


def test_with_two_informants_the_one_that_fired_is_named(
    rules: RuleSet, registry: tm.InstrumentRegistry
) -> None:
    """Parent SDQ close to average, self-report very high: the explanation names the self-report."""
    parent = _sdq(registry, "sdq-parent", "conduct", 150)
    own = _sdq(registry, "sdq-self", "emotional", 150)
    assert 0 == parent.scores["emotional"].rank
    fired = {sg.intervention.id: sg for sg in rules.suggest([parent, own]).items}
    evidence = [e.describe() for e in fired["emotion_coaching"].evidence]
    assert ["band rank of sdq-self:emotional at least 2 (3)"] == evidence


def test_rules_cover_history_triggers_and_team(rules: RuleSet) -> None:
    """Rules read adversity, relational health, ACE count, triggers and team status."""
    kinds = {type(leaf) for rule in rules.rules for leaf in leaves(rule.when)}
    wanted = {AdversityAtLeast, RelationalHealthAtMost, AceAtLeast, HasTrigger, TeamStatus}
    assert wanted <= kinds


def test_shipped_rules_check_against_shipped_instruments(
    rules: RuleSet, registry: tm.InstrumentRegistry
) -> None:
    """Every instrument, domain and level the shipped data names exists."""
    assert rules is rules.check(registry)


def test_every_intervention_is_reachable(rules: RuleSet, catalogue: Catalogue) -> None:
    """Every shipped intervention is suggested by some shipped rule."""
    assert set(catalogue.ids()) == {i for r in rules.rules for i in r.suggest}


def test_a_second_profile_of_an_instrument_is_refused(
    rules: RuleSet, registry: tm.InstrumentRegistry
) -> None:
    """Two profiles of one instrument are refused by path, not one silently dropped."""
    calm = _sdq(registry, "sdq-parent", "conduct", 150)
    worried = _sdq(registry, "sdq-parent", "emotional", 150)
    with pytest.raises(tm.ValidationError) as one:
        rules.suggest([calm, worried])
    with pytest.raises(tm.ValidationError) as many:
        rules.suggest_many([[calm], [calm, worried]])
    assert (("$[1]",), ("$[1][1]",)) == (one.value.paths, many.value.paths)
