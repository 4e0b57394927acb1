"""Tests of the first plan draft built from suggestions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import therapeutic_model as tm
from therapeutic_model.response import IndividualResponse, RuleSet, Suggestions, draft_plan

ON = date(2024, 3, 1)
SR = ("arousal_modulation", "impulse_control", "attention_shifting", "fine_motor", "large_motor")


def _suggestions(rules: RuleSet, make_neuro: Callable[..., tm.Profile]) -> Suggestions:
    profile = make_neuro(dict.fromkeys(SR, 0) | {"trust_in_adults": 1, "empathy": 1}, default=2)
    return rules.suggest(profile, triggers=["physical_touch", "water"])


def test_draft_plans_suggested_and_deferred(
    rules: RuleSet, make_neuro: Callable[..., tm.Profile]
) -> None:
    """Suggested interventions start on the draft's date; deferred ones wait, with the reason."""
    s = _suggestions(rules, make_neuro)
    plan = draft_plan("c-001", s, on=ON, author_role="registered manager")
    starts = {pi.intervention_id: pi.start for pi in plan.interventions}
    suggested = {x.intervention.id for x in s.with_status("suggested")}
    deferred = {x.intervention.id for x in s.with_status("deferred")}
    assert suggested
    assert deferred
    assert dict.fromkeys(suggested, ON) | dict.fromkeys(deferred) == starts
    for i in deferred:
        assert "deferred:" in plan.intervention(i).notes


def test_draft_leaves_withheld_for_people_and_says_so(
    rules: RuleSet, make_neuro: Callable[..., tm.Profile]
) -> None:
    """Withheld suggestions are not planned; the draft's revision names each one."""
    s = _suggestions(rules, make_neuro)
    plan = draft_plan("c-001", s, on=ON, author_role="registered manager")
    withheld = [x.intervention.id for x in s.with_status("withheld")]
    planned = {pi.intervention_id for pi in plan.interventions}
    assert withheld
    assert not set(withheld) & planned
    changes = plan.history[0].changes
    assert all(any(repr(i) in c for c in changes) for i in withheld)


def test_draft_records_triggers_in_the_risk_assessment(
    rules: RuleSet, make_neuro: Callable[..., tm.Profile]
) -> None:
    """The child's triggers become the risk assessment's triggers."""
    plan = draft_plan("c-001", _suggestions(rules, make_neuro), on=ON, author_role="manager")
    assert ("physical_touch", "water") == plan.trigger_tags


def test_draft_is_a_valid_first_version(
    rules: RuleSet, make_neuro: Callable[..., tm.Profile]
) -> None:
    """The draft is version 1, refers only to catalogue ids, and round-trips."""
    plan = draft_plan("c-001", _suggestions(rules, make_neuro), on=ON, author_role="manager")
    assert 1 == plan.version
    assert plan is plan.check(rules.catalogue)
    assert plan == tm.loads(tm.dumps(plan), IndividualResponse)


def test_draft_sources_provision_with_what_informed_it(
    rules: RuleSet, make_neuro: Callable[..., tm.Profile]
) -> None:
    """Education and psychotherapy become provision to be sourced, naming the domains behind it."""
    plan = draft_plan("c-001", _suggestions(rules, make_neuro), on=ON, author_role="manager")
    assert plan.provision
    for p in plan.provision:
        assert (p.provider, p.kind in ("education", "psychotherapy")) == ("to be sourced", True)
        assert p.informed_by


def test_key_working_schedule_from_key_working_suggestions(
    rules: RuleSet, make_neuro: Callable[..., tm.Profile]
) -> None:
    """Key-working suggestions become the focus of a weekly key-working schedule."""
    s = _suggestions(rules, make_neuro)
    plan = draft_plan("c-001", s, on=ON, author_role="manager")
    focus = tuple(
        x.intervention.id
        for x in s
        if x.intervention.kind == "key_working" and x.status != "withheld"
    )
    assert plan.key_working is not None
    assert (focus, "1 per week") == (plan.key_working.focus, str(plan.key_working.frequency))


def test_empty_suggestions_give_an_empty_draft() -> None:
    """No suggestions make a plan with no interventions and no key working."""
    plan = draft_plan("c-001", Suggestions(()), on=ON, author_role="manager")
    assert ((), None) == (plan.interventions, plan.key_working)
