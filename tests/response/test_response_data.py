"""Tests of the shipped catalogue and rules: size, coverage, and consistency with instruments."""

from __future__ import annotations

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


def test_rules_cover_the_sdq_scales(rules: RuleSet) -> None:
    """Some rule reads each of the five SDQ scales."""
    scales = {"emotional", "conduct", "hyperactivity", "peer", "prosocial"}
    assert scales <= _domains_read(rules, "sdq-parent")


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
