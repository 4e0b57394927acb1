"""Tests of the whole model: check_model on each element in turn, coverage, the therapy-only
anti-pattern, and the home-level evidence summary."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

import therapeutic_model as tm
from therapeutic_model.io import default_catalogue, default_rules, load_preset
from therapeutic_model.model import (
    ANTI_PATTERN,
    AssessmentPolicy,
    HomeEvidence,
    ModelCheck,
    ResponsePolicy,
    Share,
    TherapeuticModel,
    check_model,
    summarise_home,
)
from therapeutic_model.response import (
    AttainmentLevels,
    Catalogue,
    Frequency,
    Goal,
    IndividualResponse,
    Intervention,
    PlannedIntervention,
    RuleSet,
)
from therapeutic_model.review import (
    Attendee,
    Decision,
    Psychometrics,
    ReviewMeeting,
    ReviewPolicy,
    Schedule,
    Tracker,
)
from therapeutic_model.team import (
    Interval,
    StaffMember,
    SupervisionKind,
    SupervisionSession,
    TeamPolicy,
    TeamRecords,
)

TIER = load_preset("tier")
DOMAINS = ("sensory_integration", "self_regulation", "relational", "cognitive")


def codes(check: ModelCheck, element: int | None = None) -> list[str]:
    found = check.findings if element is None else check.element(element)
    return [f.code for f in found]


# --- the presets ----------------------------------------------------------------------------


def test_tier_passes_with_every_domain_and_level_covered() -> None:
    """The TIER preset has all four elements; every neurosequential domain is covered."""
    check = check_model(TIER)
    assert (check.passed, check.failing_elements, check.anti_pattern) == (True, (), None)
    assert [c.domain for c in check.coverage] == list(DOMAINS)
    assert all(c.covered for c in check.coverage)
    assert set(check.coverage_by_level().values()) == {True}


def test_tier_coverage_names_levels_stages_and_rules() -> None:
    """Coverage rows carry the domain's level, stage, rules and interventions."""
    row = next(c for c in check_model(TIER).coverage if c.domain == "relational")
    assert (row.level, row.stage) == ("limbic", "relate")
    assert row.rules
    assert row.interventions
    assert row.serving


def test_therapy_only_fails_all_four_elements_and_is_named() -> None:
    """The therapy-only preset fails elements 1-4 and is recognised as the anti-pattern."""
    check = check_model(load_preset("therapy-only"))
    assert not check.passed
    assert check.failing_elements == (1, 2, 3, 4)
    assert check.anti_pattern == ANTI_PATTERN == "therapy-only"
    assert "therapy_only" in codes(check, 2)


def test_every_finding_says_what_why_and_where() -> None:
    """Findings carry what is missing, why it matters and where to set it."""
    for f in check_model(load_preset("therapy-only")).findings:
        assert f.what
        assert f.why
        assert f.where.startswith("$")
        assert f.element_name in {
            "trauma assessment",
            "individual response",
            "reviewing and monitoring",
            "team regulation",
        }


# --- each element missing in turn ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "element", "code"),
    [
        ("assessment", 1, "no_assessment_policy"),
        ("response", 2, "no_response_policy"),
        ("review", 3, "no_review_cadence"),
        ("team", 4, "no_team_policy"),
    ],
)
def test_a_model_missing_one_element_fails_only_that_element(
    field: str, element: int, code: str
) -> None:
    """Removing one element from TIER fails exactly that element, with its finding."""
    check = check_model(attrs.evolve(TIER, **{field: None}))
    assert check.failing_elements == (element,)
    assert codes(check, element) == [code]


def test_empty_model_fails_everything() -> None:
    """A model with no element fails all four."""
    check = check_model(TherapeuticModel(name="empty"))
    assert check.codes() == (
        "no_assessment_policy",
        "no_response_policy",
        "no_review_cadence",
        "no_team_policy",
    )


# --- element 1 ------------------------------------------------------------------------------


def test_no_standard_tool_is_a_gap() -> None:
    """An assessment policy with no entry instrument fails element 1."""
    model = attrs.evolve(TIER, assessment=AssessmentPolicy())
    assert codes(check_model(model), 1) == ["no_standard_tool"]


def test_entry_instrument_the_model_does_not_hold_is_a_gap() -> None:
    """An entry instrument missing from the model's instruments is named."""
    model = attrs.evolve(TIER, assessment=AssessmentPolicy(entry_instruments=("my-tool",)))
    (f,) = check_model(model).element(1)
    assert (f.code, f.where) == ("unknown_instrument", "$.assessment.entry_instruments[0]")
    assert "'my-tool'" in f.what


def test_entry_instrument_without_age_norms_is_weak() -> None:
    """An instrument without norms cannot show delay for age: a weak finding."""
    model = attrs.evolve(TIER, assessment=AssessmentPolicy(entry_instruments=("ace",)))
    check = check_model(model)
    assert "no_age_norms" in codes(check, 1)


def test_no_timescale_and_no_history_are_weak() -> None:
    """No days-of-arrival and no developmental history weaken element 1."""
    model = attrs.evolve(
        TIER,
        assessment=AssessmentPolicy(
            entry_instruments=("neurosequential",), within_days=None, developmental_history=False
        ),
    )
    check = check_model(model)
    assert codes(check, 1) == ["no_entry_timescale", "no_developmental_history"]
    assert check.passed


# --- element 2 ------------------------------------------------------------------------------


def test_rules_leaving_a_domain_uncovered_name_the_domain_and_level() -> None:
    """Without the cognitive rules, the cortex domain has no intervention."""
    rules = default_rules()
    keep = [
        r
        for r in rules.rules
        if not any(
            getattr(leaf, "domain", None)
            in {
                "cognitive",
                "abstract_reasoning",
                "concrete_reasoning",
                "literacy_foundations",
                "planning_and_sequencing",
                "reflective_thinking",
                "self_narrative",
                "expressive_language",
                "receptive_language",
            }
            or getattr(leaf, "level", None) == "cortex"
            for leaf in tm.response.leaves(r.when)
        )
    ]
    model = attrs.evolve(TIER, response=ResponsePolicy.of(RuleSet.build(keep, rules.catalogue)))
    check = check_model(model)
    uncovered = [f for f in check.element(2) if f.code == "uncovered_domain"]
    assert [f.what for f in uncovered] == [
        "no rule gives neurosequential:cognitive (cortex) an intervention"
    ]
    assert check.coverage_by_level()[("neurosequential", "cortex")] is False
    assert check.failing_elements == (2,)


def test_no_rules_is_a_gap() -> None:
    """A catalogue without rules is no standard way to act on the assessment."""
    model = attrs.evolve(TIER, response=ResponsePolicy(catalogue=default_catalogue()))
    assert "no_rules" in codes(check_model(model), 2)


def test_a_response_without_daily_care_kinds_is_weak() -> None:
    """Rules that never suggest a care plan or daily caregiving are weaker than TIER's menu."""
    rules = default_rules()
    keep = [
        r
        for r in rules.rules
        if not any(
            rules.catalogue.get(i).kind in {"care_plan", "therapeutic_caregiving"}
            for i in r.suggest
        )
    ]
    model = attrs.evolve(TIER, response=ResponsePolicy.of(RuleSet.build(keep, rules.catalogue)))
    finding = next(f for f in check_model(model).element(2) if f.code == "missing_response_kinds")
    assert finding.severity == "weak"
    assert "care_plan" in finding.what


def test_psychotherapy_with_a_home_response_is_not_the_anti_pattern() -> None:
    """TIER offers psychotherapy among in-home responses: not therapy-only."""
    assert check_model(TIER).anti_pattern is None


def test_psychotherapy_with_no_assessment_review_or_team_is_the_anti_pattern() -> None:
    """Even with in-home responses, therapy with elements 1, 3 and 4 missing is named."""
    model = attrs.evolve(TIER, assessment=None, review=None, team=None)
    assert check_model(model).anti_pattern == ANTI_PATTERN


def test_a_catalogue_with_no_psychotherapy_is_never_the_anti_pattern() -> None:
    """Without psychotherapy there is nothing bought in to warn about."""
    only = Catalogue([Intervention("walk", "A walk", "enrichment", "regulate")])
    model = TherapeuticModel(name="walks", response=ResponsePolicy(catalogue=only))
    assert check_model(model).anti_pattern is None


# --- element 3 ------------------------------------------------------------------------------


def test_no_clinical_role_at_the_meeting_is_a_gap() -> None:
    """A meeting of the registered manager alone fails element 3."""
    review = attrs.evolve(TIER.review, required_roles=("registered_manager",))
    check = check_model(attrs.evolve(TIER, review=review))
    (f,) = check.element(3)
    assert (f.code, f.severity, f.where) == ("no_clinical_role", "gap", "$.review.required_roles")


def test_clinical_roles_are_recognised_by_name_or_list() -> None:
    """A "clinical_lead" counts; so does a role listed in clinical_roles."""
    lead = attrs.evolve(TIER.review, required_roles=("clinical_lead", "registered_manager"))
    assert check_model(attrs.evolve(TIER, review=lead)).passed
    psych = attrs.evolve(TIER.review, required_roles=("psychologist", "registered_manager"))
    assert not check_model(attrs.evolve(TIER, review=psych)).passed
    assert check_model(attrs.evolve(TIER, review=psych), clinical_roles={"psychologist"}).passed


def test_no_registered_manager_is_weak() -> None:
    """A clinical meeting without the registered manager is weak, not a gap."""
    review = attrs.evolve(TIER.review, required_roles=("clinical_assessor",))
    check = check_model(attrs.evolve(TIER, review=review))
    assert codes(check, 3) == ["no_manager_role"]
    assert check.passed


def test_progress_measure_without_reliability_is_a_gap() -> None:
    """No SD and reliability for the reassessment instrument: reliable change is impossible."""
    review = attrs.evolve(TIER.review, psychometrics={})
    (f,) = check_model(attrs.evolve(TIER, review=review)).element(3)
    assert (f.code, f.where) == ("no_reliability", "$.review.psychometrics.neurosequential")
    assert "Jacobson & Truax" in f.why


def test_reliability_for_some_domains_only_is_weak() -> None:
    """Psychometrics for two of four domains: a weak finding naming the others."""
    psy = Psychometrics(
        sd={"relational": 0.5, "cognitive": 0.5}, reliability={"relational": 0.8, "cognitive": 0.8}
    )
    review = attrs.evolve(TIER.review, psychometrics={"neurosequential": psy})
    (f,) = check_model(attrs.evolve(TIER, review=review)).element(3)
    assert (f.code, f.severity) == ("partial_reliability", "weak")
    assert "sensory_integration, self_regulation" in f.what


def test_no_repeated_measure_is_a_gap() -> None:
    """No reassessment at all and no review reassessment instrument: nothing measures progress."""
    model = attrs.evolve(
        TIER,
        assessment=attrs.evolve(TIER.assessment, reassessment_months=None, entry_instruments=()),
        review=attrs.evolve(TIER.review, schedule=Schedule()),
    )
    assert "no_progress_measure" in codes(check_model(model), 3)


def test_rolling_review_less_often_than_monthly_is_weak() -> None:
    """Reviews every 60 days are weaker than the article's monthly meeting."""
    review = attrs.evolve(
        TIER.review,
        schedule=attrs.evolve(TIER.review.schedule, cadence="rolling_days", every_days=60),
    )
    assert codes(check_model(attrs.evolve(TIER, review=review)), 3) == ["review_less_than_monthly"]


def test_reassessment_intervals_that_disagree_are_weak() -> None:
    """Assessment and review schedules asking for different intervals are flagged."""
    model = attrs.evolve(TIER, assessment=attrs.evolve(TIER.assessment, reassessment_months=3))
    assert codes(check_model(model), 3) == ["reassessment_mismatch"]


# --- element 4 ------------------------------------------------------------------------------


def test_no_clinical_supervision_is_a_gap() -> None:
    """Team regulation without clinical supervision fails element 4."""
    team = TeamPolicy(
        clinical_supervision=attrs.evolve(TeamPolicy().clinical_supervision, required=False)
    )
    (f,) = check_model(attrs.evolve(TIER, team=team)).element(4)
    assert (f.code, f.where) == ("no_clinical_supervision", "$.team.clinical_supervision")
    assert "regulation they have" in f.why


def test_infrequent_clinical_supervision_is_weak() -> None:
    """Quarterly clinical supervision is weaker than the article's frequent supervision."""
    team = TeamPolicy(
        clinical_supervision=attrs.evolve(
            TeamPolicy().clinical_supervision, every=Interval(3, "months")
        )
    )
    check = check_model(attrs.evolve(TIER, team=team))
    assert codes(check, 4) == ["clinical_supervision_infrequent"]
    assert check.passed


def test_regulation_lines_switched_off_are_weak() -> None:
    """Practice supervision, wellbeing and the reg 35 timers switched off are each weak."""
    p = TeamPolicy()
    team = attrs.evolve(
        p,
        practice_supervision=attrs.evolve(p.practice_supervision, required=False),
        wellbeing=attrs.evolve(p.wellbeing, required=False),
        restraint=attrs.evolve(p.restraint, required=False),
    )
    check = check_model(attrs.evolve(TIER, team=team))
    assert codes(check, 4) == [
        "no_practice_supervision",
        "no_wellbeing_measure",
        "no_restraint_timers",
    ]


def test_model_check_round_trips_through_json() -> None:
    """A model check survives dumps/loads."""
    check = check_model(load_preset("therapy-only"))
    assert tm.loads(tm.dumps(check), ModelCheck) == check


# --- the home-level evidence summary --------------------------------------------------------

NMT = tm.default_registry(plugins=False).get("neurosequential")
QUORUM = (Attendee("clinical_assessor"), Attendee("registered_manager"))
LEVELS = AttainmentLevels("worse", "no change", "a little calmer", "calmer", "settled")


def _assess(t: Tracker, on: date, rating: int) -> Tracker:
    """A SYNTHETIC neurosequential assessment: every function rated the same."""
    responses = {item: rating for d in NMT.domains for item in d.items}
    profile = NMT.score(responses, age_months=t.child.age_months(on))
    a = tm.Assessment(t.child.id, "neurosequential", on, responses)
    return t.record_assessment(a, profile, on=on, actor_role="clinical_assessor")


def _placement(
    child_id: str,
    arrived: date,
    *,
    assess_after: int,
    meetings: list[date],
    reassess: tuple[date, int] | None = None,
) -> Tracker:
    """A synthetic placement: arrival, entry assessment, plan, the given meetings."""
    child = tm.Child(child_id, date(2012, 1, 1))
    t = Tracker.open(child, on=arrived, actor_role="registered_manager", policy=TIER.review)
    entry = date.fromordinal(arrived.toordinal() + assess_after)
    t = _assess(t, entry, 1)
    plan = IndividualResponse.create(
        child.id,
        on=entry,
        author_role="registered_manager",
        goals=[
            Goal(
                "g1", "settle", LEVELS, date(2024, 12, 1), domain="neurosequential:self_regulation"
            )
        ],
        interventions=[
            PlannedIntervention(
                "rhythmic_walk", status="active", goal_ids=("g1",), frequency=Frequency(1, "day")
            )
        ],
    )
    t = t.adopt_plan(plan, on=entry, actor_role="registered_manager")
    for on in meetings:
        t = t.advance(on=on)
        if reassess is not None and t.state == "reassessment_due" and on >= reassess[0]:
            t = _assess(t, reassess[0], reassess[1])
        meeting = ReviewMeeting(on, QUORUM, [Decision.continue_("rhythmic_walk", reason="ok")])
        t = t.hold_meeting(meeting, actor_role="registered_manager")
    return t


def _staff_home() -> TeamRecords:
    s = StaffMember("s1", "residential_care_worker", date(2023, 1, 1))
    sessions = [
        SupervisionSession(f"c{m}", date(2024, m, 3), SupervisionKind.CLINICAL, "s1")
        for m in range(1, 7)
    ]
    return TeamRecords.of([s, *sessions], home_id="home-1")


def test_summary_counts_children_assessed_within_the_days_of_arrival() -> None:
    """One child assessed in 10 days, one in 40: half in time, the late one named."""
    a = _placement("c-a", date(2024, 1, 8), assess_after=10, meetings=[])
    b = _placement("c-b", date(2024, 1, 8), assess_after=40, meetings=[])
    ev = summarise_home(TIER, [a, b], period=(date(2024, 1, 1), date(2024, 6, 30)))
    assert ev.assessed_in_time == Share(1, 2)
    assert ev.not_assessed_in_time == ("c-b",)


def test_summary_counts_assessment_on_the_last_allowed_day_as_in_time() -> None:
    """Assessed on day 28 after arrival is in time."""
    a = _placement("c-a", date(2024, 1, 8), assess_after=28, meetings=[])
    ev = summarise_home(TIER, [a], period=(date(2024, 1, 1), date(2024, 6, 30)))
    assert ev.assessed_in_time == Share(1, 1)


def test_summary_leaves_out_children_who_arrived_before_the_period() -> None:
    """Entry assessment is counted only for arrivals in the period."""
    a = _placement("c-a", date(2023, 11, 1), assess_after=60, meetings=[])
    ev = summarise_home(TIER, [a], period=(date(2024, 1, 1), date(2024, 6, 30)))
    assert ev.assessed_in_time == Share(0, 0)
    assert ev.assessed_in_time.rate is None


def test_summary_counts_meetings_held_by_their_due_date() -> None:
    """Meetings in Feb and Mar on time; April's held late, in May: 2 of 3 on time.

    As the review schedule dates it, the next meeting after a late one falls due in the
    calendar month after it (here June, past the period)."""
    meetings = [date(2024, 2, 12), date(2024, 3, 12), date(2024, 5, 12)]
    t = _placement("c-a", date(2024, 1, 8), assess_after=10, meetings=meetings)
    ev = summarise_home(TIER, [t], period=(date(2024, 1, 1), date(2024, 5, 31)))
    assert ev.meetings_on_time == Share(2, 3)
    assert ev.meetings_with_roles == Share(3, 3)


def test_summary_counts_reliable_improvement_per_domain() -> None:
    """Entry ratings 1, reassessed at 3: reliably improved in every domain (sd 0.5, r 0.8)."""
    meetings = [date(2024, m, 12) for m in range(2, 9)]
    t = _placement(
        "c-a", date(2024, 1, 8), assess_after=10, meetings=meetings, reassess=(date(2024, 7, 20), 3)
    )
    ev = summarise_home(TIER, [t], period=(date(2024, 1, 1), date(2024, 8, 31)))
    assert [(d.domain, d.measured, d.improved) for d in ev.improvement] == [
        (d, 1, 1) for d in DOMAINS
    ]
    assert ev.improvement[0].improved_share.rate == 1.0


def test_summary_reads_the_team_records_with_the_models_policy() -> None:
    """Team records give supervision compliance and the status at the period's end."""
    ev = summarise_home(TIER, [], period=(date(2024, 1, 1), date(2024, 6, 30)), team=_staff_home())
    assert ev.home_id == "home-1"
    assert ev.supervision["clinical_supervision"] == Share(6, 6)
    assert set(ev.reg35) == {"reg35_record", "reg35_staff_spoken_to", "reg35_child_spoken_to"}
    assert ev.team_status in {"green", "amber", "red"}


def test_summary_accepts_a_team_report() -> None:
    """A team report made for the period is used as given."""
    report = tm.team.check_team(
        _staff_home(), on=date(2024, 6, 30), period=(date(2024, 1, 1), date(2024, 6, 30))
    )
    ev = summarise_home(TIER, [], period=(date(2024, 1, 1), date(2024, 6, 30)), team=report)
    assert ev.team_status == report.status


def test_summary_without_team_records_has_no_team_figures() -> None:
    """No team records: empty team figures and no status."""
    ev = summarise_home(TIER, [], period=(date(2024, 1, 1), date(2024, 6, 30)))
    assert (ev.supervision, ev.reg35, ev.team_status, ev.home_id) == ({}, {}, None, "home")


def test_summary_refuses_a_backwards_period() -> None:
    """A period ending before it starts is refused."""
    with pytest.raises(tm.InvalidValue):
        summarise_home(TIER, [], period=(date(2024, 6, 30), date(2024, 1, 1)))


def test_summary_round_trips_through_json() -> None:
    """The evidence summary is data: it survives dumps/loads."""
    t = _placement("c-a", date(2024, 1, 8), assess_after=10, meetings=[date(2024, 2, 12)])
    ev = summarise_home(TIER, [t], period=(date(2024, 1, 1), date(2024, 3, 31)), team=_staff_home())
    assert tm.loads(tm.dumps(ev), HomeEvidence) == ev


def test_share_rate() -> None:
    """A share's rate is met over of, None when nothing applied."""
    assert (Share(1, 4).rate, Share(0, 0).rate) == (0.25, None)


def test_review_policy_default_is_usable_in_a_model() -> None:
    """A model built in Python with the review defaults passes element 3 when measured."""
    model = attrs.evolve(TIER, review=ReviewPolicy(psychometrics=TIER.review.psychometrics))
    assert check_model(model).element(3) == ()
