"""Tests of rule sets: checks when built, merging, withholding, deferral and ordering."""

from __future__ import annotations

import enum
from collections.abc import Callable

import numpy as np
import pytest

import therapeutic_model as tm
from therapeutic_model.exceptions import InvalidDefinition, InvalidValue, ValidationError
from therapeutic_model.response import (
    AgeBetween,
    BandRank,
    Catalogue,
    DomainGap,
    HasTrigger,
    Intervention,
    LevelCompromised,
    Not,
    Rule,
    RuleSet,
    Sequencing,
    TeamStatus,
    Trigger,
)

MakeNeuro = Callable[..., tm.Profile]
SR_RED = BandRank("neurosequential", "self_regulation", at_least=2)
SR_FUNCTIONS = (
    "arousal_modulation",
    "impulse_control",
    "attention_shifting",
    "fine_motor",
    "large_motor",
    "frustration_tolerance",
    "managing_transitions",
    "self_soothing",
)
CATALOGUE = Catalogue(
    (
        Intervention("walk", "Rhythmic walk", "therapeutic_caregiving", "regulate"),
        Intervention("swim", "Swimming", "enrichment", "regulate", exposures=("water",)),
        Intervention("key", "Key working", "key_working", "relate"),
        Intervention("talk", "Talking therapy", "psychotherapy", "reason"),
        Intervention("plan", "Safety plan", "risk_assessment", "reason"),
    )
)


def _rules(*rules: Rule, sequencing: Sequencing | None = None) -> RuleSet:
    return RuleSet(rules, CATALOGUE, sequencing=sequencing or Sequencing())


def _red_sr(make_neuro: MakeNeuro) -> tm.Profile:
    return make_neuro(dict.fromkeys(SR_FUNCTIONS, 1))


EVERYONE = AgeBetween(at_least=0)


def test_rule_set_lists_every_structural_problem() -> None:
    """Duplicate ids, unknown interventions and empty rules are all named, with paths."""
    with pytest.raises(InvalidDefinition) as info:
        _rules(
            Rule("a", EVERYONE, ["walk", "fly"]),
            Rule("a", EVERYONE, []),
            Rule("b", EVERYONE, ["sing"]),
        )
    assert (
        "$.rules[0].suggest[1]: unknown intervention 'fly' (rule 'a')",
        "$.rules[1].id: duplicate rule id 'a'",
        "$.rules[1].suggest: rule 'a' suggests nothing",
        "$.rules[2].suggest[0]: unknown intervention 'sing' (rule 'b')",
    ) == info.value.problems


def test_build_checks_instruments_domains_and_levels(registry: tm.InstrumentRegistry) -> None:
    """Given instruments, unknown ids and facts that could never be known are all named."""
    rules = [
        Rule("a", BandRank("nope", "x", at_least=1), ["walk"]),
        Rule("b", Not(BandRank("sdq-parent", "anxiety", at_least=1)), ["walk"]),
        Rule("c", LevelCompromised("neurosequential", "hindbrain"), ["walk"]),
        Rule("d", DomainGap("sdq-parent", "peer", at_least=1), ["walk"]),
        Rule("e", BandRank("neurosequential", "sleep_rhythm", at_least=1), ["walk"]),
    ]
    with pytest.raises(InvalidDefinition) as info:
        RuleSet.build(rules, CATALOGUE, instruments=registry)
    assert (
        "$.rules[0].when.instrument: unknown instrument 'nope'",
        "$.rules[1].when.condition.domain: instrument 'sdq-parent' has no score 'anxiety'",
        "$.rules[2].when.level: instrument 'neurosequential' has no level 'hindbrain'",
        "$.rules[3].when: sdq-parent:peer has no age norms, so its gap is never known",
    ) == info.value.problems


def test_build_checks_sequencing(registry: tm.InstrumentRegistry) -> None:
    """Sequencing domains must exist, sit at their instrument's stage and have that worst rank."""
    seq = Sequencing(domains={"relational": "regulate", "nope": "relate"}, worst_rank=3)
    with pytest.raises(InvalidDefinition) as info:
        RuleSet([Rule("a", EVERYONE, ["walk"])], CATALOGUE, sequencing=seq).check(registry)
    assert (
        "$.sequencing.domains.relational: the instrument puts this domain at stage 'relate'",
        "$.sequencing.domains.relational: the worst band rank is 2, not worst_rank 3",
        "$.sequencing.domains.nope: instrument 'neurosequential' has no score 'nope'",
    ) == info.value.problems


def test_sequencing_cycle_is_refused() -> None:
    """Stage prerequisites that form a cycle are refused."""
    seq = Sequencing(prerequisites=(("regulate", "relate"), ("relate", "regulate")))
    with pytest.raises(InvalidDefinition, match="cycle"):
        _rules(Rule("a", EVERYONE, ["walk"]), sequencing=seq)


def test_default_phases_are_bottom_up() -> None:
    """regulate, relate and reason are phases 1, 2 and 3."""
    assert {"regulate": 1, "relate": 2, "reason": 3} == Sequencing().phases()


def test_custom_prerequisites_can_run_stages_side_by_side() -> None:
    """With relate and reason both after regulate only, they share phase 2."""
    seq = Sequencing(prerequisites=(("regulate", "relate"), ("regulate", "reason")))
    assert {"regulate": 1, "relate": 2, "reason": 2} == seq.phases()


def test_merged_suggestion_names_every_rule(make_neuro: MakeNeuro) -> None:
    """Two rules suggesting one intervention give one suggestion with both rules and evidence."""
    rules = _rules(
        Rule("everyone", EVERYONE, ["walk"], priority=10, rationale="r1"),
        Rule("sr-red", SR_RED, ["walk"], priority=50, rationale="r2"),
    )
    (s,) = rules.suggest(_red_sr(make_neuro))
    assert (s.rules, s.rationale, s.priority) == (("everyone", "sr-red"), ("r1", "r2"), 50)
    assert [(e.condition, e.value, e.rules) for e in s.evidence] == [
        (EVERYONE, 130.0, ("everyone",)),
        (SR_RED, 2, ("sr-red",)),
    ]


def test_trigger_withholds_and_names_the_trigger(make_neuro: MakeNeuro) -> None:
    """An intervention touching a child's trigger comes back withheld, naming the trigger."""
    rules = _rules(Rule("a", EVERYONE, ["swim", "walk"]))
    out = rules.suggest(make_neuro(), triggers=["water"])
    assert [("walk", "suggested", ()), ("swim", "withheld", ("water",))] == sorted(
        ((s.intervention.id, s.status, s.withheld_for) for s in out), reverse=True
    )


def test_higher_stage_deferred_while_lower_is_red(make_neuro: MakeNeuro) -> None:
    """Talking therapy is deferred while self-regulation is red, naming the domain."""
    rules = _rules(Rule("a", EVERYONE, ["talk", "key"]))
    out = rules.suggest(_red_sr(make_neuro))
    assert [("key", "self_regulation", "regulate"), ("talk", "self_regulation", "regulate")] == [
        (s.intervention.id, s.deferred_because[0].domain, s.deferred_because[0].stage) for s in out
    ]
    assert {"deferred"} == {s.status for s in out}


def test_parallel_ok_rule_is_not_deferred(make_neuro: MakeNeuro) -> None:
    """A rule that allows parallel work keeps its suggestion even while a lower stage is red."""
    rules = _rules(Rule("safety", EVERYONE, ["plan"], parallel_ok=True))
    (s,) = rules.suggest(_red_sr(make_neuro))
    assert ("suggested", ()) == (s.status, s.deferred_because)


def test_nothing_deferred_when_no_domain_is_red(make_neuro: MakeNeuro) -> None:
    """With every domain green, higher stages are suggested, not deferred."""
    out = _rules(Rule("a", EVERYONE, ["talk"])).suggest(make_neuro())
    assert ("suggested",) == tuple(s.status for s in out)


def test_order_is_phase_then_priority(make_neuro: MakeNeuro) -> None:
    """Suggestions run bottom-up by phase, then by priority within a phase."""
    rules = _rules(
        Rule("low", EVERYONE, ["walk", "talk"], priority=1),
        Rule("high", EVERYONE, ["swim", "key"], priority=9),
    )
    out = rules.suggest(make_neuro())
    assert ("swim", "walk", "key", "talk") == out.ids()
    assert [1, 2, 3] == [p.number for p in out.phases()]


def test_missing_instrument_never_fires_through_not(make_neuro: MakeNeuro) -> None:
    """A rule on an SDQ score does not fire, nor does its negation, when there is no SDQ."""
    peer_high = BandRank("sdq-parent", "peer", at_least=2)
    rules = _rules(Rule("a", peer_high, ["walk"]), Rule("b", Not(peer_high), ["key"]))
    assert () == rules.suggest(make_neuro()).ids()


def test_team_status_accepts_strings_objects_and_enums(make_neuro: MakeNeuro) -> None:
    """Team status may be a string, an object with .status, or an enum."""

    class Status(enum.Enum):
        RED = "red"

    class Report:
        status = "amber"

    rules = _rules(Rule("a", TeamStatus(["amber", "red"]), ["walk"]))
    got = [rules.suggest(make_neuro(), team=t).ids() for t in ("red", Report(), Status.RED, None)]
    assert [("walk",), ("walk",), ("walk",), ()] == got


def test_bad_team_status_is_refused(make_neuro: MakeNeuro) -> None:
    """An unreadable team status raises InvalidValue naming what is accepted."""
    with pytest.raises(InvalidValue, match="green, amber, red"):
        _rules(Rule("a", EVERYONE, ["walk"])).suggest(make_neuro(), team="purple")


def test_triggers_may_be_trigger_records(make_neuro: MakeNeuro) -> None:
    """Trigger records from a risk assessment count by their tags."""
    rules = _rules(Rule("a", HasTrigger("water"), ["walk"]))
    assert ("walk",) == rules.suggest(make_neuro(), triggers=[Trigger("water")]).ids()


def test_a_bare_string_of_triggers_is_refused(make_neuro: MakeNeuro) -> None:
    """triggers='water' is a mistake for ['water'] and is refused."""
    with pytest.raises(InvalidValue, match="collection of tags"):
        _rules(Rule("a", EVERYONE, ["walk"])).suggest(make_neuro(), triggers="water")


def test_age_defaults_to_the_profiles(make_neuro: MakeNeuro) -> None:
    """Without age_months the profile's age is used."""
    rules = _rules(Rule("a", AgeBetween(at_least=100), ["walk"]))
    assert (("walk",), ()) == (
        rules.suggest(make_neuro(age_months=130)).ids(),
        rules.suggest(make_neuro(age_months=130), age_months=90).ids(),
    )


def test_suggest_many_from_profiles_or_batches_agree(registry: tm.InstrumentRegistry) -> None:
    """A cohort given as batches or as per-child profiles gets the same suggestions."""
    inst = registry.get("neurosequential")
    x = np.array([[4.0] * 32, [1.0] * 32])
    batch = inst.score_many(x, age_months=[130, 60])
    rules = _rules(Rule("a", SR_RED, ["talk", "walk"]))
    from_batch = list(rules.suggest_many(batch, triggers=[(), ("water",)]))
    from_profiles = list(rules.suggest_many(batch.profiles(), triggers=[(), ("water",)]))
    assert from_batch == from_profiles
    assert [(), ("walk", "talk")] == [s.ids() for s in from_batch]


def test_suggest_many_checks_lengths(registry: tm.InstrumentRegistry) -> None:
    """Per-child arguments need one entry per child."""
    batch = registry.get("neurosequential").score_many(np.full((2, 32), 4.0), age_months=130)
    with pytest.raises(ValidationError) as info:
        _rules(Rule("a", EVERYONE, ["walk"])).suggest_many(batch, history=[None])
    assert ("$.history",) == info.value.paths


def test_status_codes_match_suggestions(registry: tm.InstrumentRegistry) -> None:
    """The batch's status codes agree with each child's suggestion statuses."""
    x = np.array([[4.0] * 32, [1.0] * 32])
    batch = registry.get("neurosequential").score_many(x, age_months=[130, 130])
    out = _rules(Rule("a", EVERYONE, ["swim", "talk"])).suggest_many(
        batch, triggers=[("water",), ()]
    )
    codes = {1: "suggested", 2: "deferred", 3: "withheld"}
    for i, child in enumerate(out):
        expected = {s.intervention.id: s.status for s in child}
        got = {
            out.intervention_ids[k]: codes[int(c)] for k, c in enumerate(out.status_codes()[i]) if c
        }
        assert expected == got


def test_for_child_out_of_range(registry: tm.InstrumentRegistry) -> None:
    """Asking for a child the batch does not hold raises IndexError."""
    batch = registry.get("neurosequential").score_many(np.full((1, 32), 4.0), age_months=130)
    with pytest.raises(IndexError):
        _rules(Rule("a", EVERYONE, ["walk"])).suggest_many(batch).for_child(1)


def test_describe_lists_phases_and_reasons(make_neuro: MakeNeuro) -> None:
    """The readable form shows phases, statuses and the values behind each suggestion."""
    text = _rules(Rule("a", SR_RED, ["walk", "talk"])).suggest(_red_sr(make_neuro)).describe()
    assert "Phase 1: regulate" in text
    assert "deferred: self_regulation is red (regulate first)" in text
    assert "band rank of neurosequential:self_regulation at least 2 (2)" in text


def test_rule_lookup() -> None:
    """rule() finds a rule by id and raises KeyError otherwise."""
    rules = _rules(Rule("a", EVERYONE, ["walk"]))
    assert "a" == rules.rule("a").id
    with pytest.raises(KeyError):
        rules.rule("b")
