"""Tests of the child's plan: versions, provenance, statuses and references."""

from __future__ import annotations

import json
from datetime import date

import attrs
import pytest
from hypothesis import given

import therapeutic_model as tm
from therapeutic_model.exceptions import InvalidValue, TransitionNotAllowed, ValidationError
from therapeutic_model.response import (
    AttainmentLevels,
    Boundary,
    Frequency,
    Goal,
    IndividualResponse,
    KeyWorkingSchedule,
    PlannedIntervention,
    Provision,
    Risk,
    RiskAssessment,
    Trigger,
)
from therapeutic_model.testing import individual_responses

D1 = date(2024, 3, 1)
D2 = date(2024, 4, 2)
LEVELS = AttainmentLevels(
    "settles with help less than once a week",
    "settles with help most days",
    "settles with help every day",
    "settles with a prompt",
    "settles without help",
)


def _goal(goal_id: str = "g1") -> Goal:
    return Goal(goal_id, "calmer bedtimes", LEVELS, date(2024, 6, 1), domain="self_regulation")


def _plan() -> IndividualResponse:
    return IndividualResponse.create(
        "c-001",
        on=D1,
        author_role="registered manager",
        goals=[_goal()],
        interventions=[PlannedIntervention("rhythmic_walk", goal_ids=("g1",))],
        risk_assessment=RiskAssessment(triggers=[Trigger("water", early_signs=("goes quiet",))]),
    )


def test_create_makes_version_one_with_its_revision() -> None:
    """The first plan is version 1 with one revision saying it was created."""
    plan = _plan()
    assert (plan.version, len(plan.history), plan.history[0].changes) == (1, 1, ("created",))


def test_revise_returns_next_version_and_keeps_the_old_one() -> None:
    """Revising returns version 2 with the reason recorded; version 1 is unchanged."""
    plan = _plan()
    v2 = plan.revise(
        on=D2, author_role="clinical assessor", reason="review", boundaries=[Boundary("b1", "x")]
    )
    assert (v2.version, v2.reason, v2.history[-1].author_role) == (2, "review", "clinical assessor")
    assert (plan.version, plan.boundaries) == (1, ())


def test_revise_rejects_identity_fields() -> None:
    """Only the plan's content may be revised, not its child or version; each is named."""
    with pytest.raises(ValidationError) as info:
        _plan().revise(on=D2, author_role="m", reason="r", child_id="c-002", version=5)
    assert ("$.child_id", "$.version") == info.value.paths
    assert "cannot be revised; only goals, interventions" in info.value.errors[0].message


@pytest.mark.parametrize(
    ("changes", "paths"),
    [
        pytest.param({"boundaries": ("be kind",)}, ("$.boundaries[0]",), id="text-for-boundary"),
        pytest.param({"interventions": 5}, ("$.interventions",), id="number-for-list"),
        pytest.param({"goals": "g1"}, ("$.goals",), id="string-for-list"),
        pytest.param({"risk_assessment": []}, ("$.risk_assessment",), id="list-for-record"),
        pytest.param({"key_working": "weekly"}, ("$.key_working",), id="text-for-schedule"),
        pytest.param(
            {"provision": [None], "boundaries": [Boundary("b1", "x"), 3]},
            ("$.provision[0]", "$.boundaries[1]"),
            id="every-bad-item",
        ),
    ],
)
def test_revise_names_every_change_of_the_wrong_type(
    changes: dict[str, object], paths: tuple[str, ...]
) -> None:
    """A change of the wrong type is a ValidationError naming $.<field>, never a bare error."""
    with pytest.raises(ValidationError) as info:
        _plan().revise(on=D2, author_role="m", reason="r", **changes)
    assert paths == info.value.paths


def test_revise_takes_any_iterable_of_records() -> None:
    """A generator of boundaries is read once, into the new version."""
    v2 = _plan().revise(
        on=D2, author_role="m", reason="r", boundaries=(Boundary(f"b{i}", "x") for i in (1, 2))
    )
    assert ("b1", "b2") == tuple(b.id for b in v2.boundaries)


def test_revise_names_a_date_that_is_not_a_date() -> None:
    """A revision dated with text is refused at $.on."""
    with pytest.raises(ValidationError) as info:
        _plan().revise(on="2024-04-02", author_role="m", reason="r")  # type: ignore[arg-type]
    assert ("$.on",) == info.value.paths


def test_revision_cannot_go_back_in_time() -> None:
    """A revision dated before the version it revises is refused."""
    with pytest.raises(InvalidValue, match="dated before"):
        _plan().revise(on=date(2024, 1, 1), author_role="m", reason="r")


def test_set_intervention_status_records_the_transition() -> None:
    """Starting an intervention sets its status, start date and a revision line."""
    v2 = _plan().set_intervention_status(
        "rhythmic_walk", "active", on=D2, author_role="key worker", reason="started"
    )
    pi = v2.intervention("rhythmic_walk")
    assert (pi.status, pi.start, pi.status_since) == ("active", D2, D2)
    assert v2.history[-1].changes == ("interventions: 'rhythmic_walk' planned → active",)


def test_status_transition_not_allowed() -> None:
    """A planned intervention cannot be paused before it starts."""
    with pytest.raises(TransitionNotAllowed) as info:
        _plan().set_intervention_status(
            "rhythmic_walk", "paused", on=D2, author_role="m", reason="r"
        )
    assert info.value.allowed == ("active", "stopped")


def test_add_intervention_by_id() -> None:
    """An intervention added by catalogue id is planned, by hand, dated."""
    v2 = _plan().add_intervention("swimming", on=D2, author_role="m", reason="asked for it")
    pi = v2.intervention("swimming")
    assert (pi.status, pi.source, pi.status_since) == ("planned", "by_hand", D2)


def test_adding_an_intervention_twice_names_the_path() -> None:
    """The same catalogue id twice is refused with the path of the second."""
    with pytest.raises(ValidationError) as info:
        _plan().add_intervention("rhythmic_walk", on=D2, author_role="m", reason="r")
    assert info.value.paths == ("$.interventions[1]",)


def test_unknown_goal_reference_names_the_path() -> None:
    """An intervention serving a goal the plan lacks is refused with the path."""
    with pytest.raises(ValidationError) as info:
        _plan().add_intervention(
            PlannedIntervention("swimming", goal_ids=("g1", "g9")),
            on=D2,
            author_role="m",
            reason="r",
        )
    assert info.value.paths == ("$.interventions[1].goal_ids[1]",)


def test_check_names_unknown_catalogue_ids() -> None:
    """check() names the path of every id not in the catalogue."""
    with pytest.raises(ValidationError) as info:
        _plan().check({"swimming"})
    assert info.value.paths == ("$.interventions[0].intervention_id",)


def test_risk_trigger_tags_must_be_triggers_of_the_plan() -> None:
    """A risk linked to a trigger the assessment does not list is refused."""
    risk = Risk("r1", "runs off", likelihood=3, severity=4, trigger_tags=("night_time",))
    with pytest.raises(ValidationError) as info:
        _plan().revise(
            on=D2, author_role="m", reason="r", risk_assessment=RiskAssessment(risks=[risk])
        )
    assert info.value.paths == ("$.risk_assessment.risks[0].trigger_tags[0]",)


def test_set_goal_status_met() -> None:
    """Marking a goal met makes a new version with the goal's status changed."""
    v2 = _plan().set_goal_status("g1", "met", on=D2, author_role="m", reason="review")
    assert v2.goal("g1").status == "met"


def test_goal_needs_a_target() -> None:
    """A goal with neither domain nor milestone is refused."""
    with pytest.raises(InvalidValue, match="domain or a milestone"):
        Goal("g1", "t", LEVELS, D1)


def test_attainment_text() -> None:
    """Attainment levels read -2..+2 in order."""
    assert (LEVELS.text(-2), LEVELS.text(2)) == (LEVELS.much_less, LEVELS.much_more)


def test_frequency_per_month() -> None:
    """Weekly sessions come to about 4.35 a month."""
    assert Frequency(1, "week").per_month() == pytest.approx(4.348, abs=1e-3)


def test_plan_round_trips_through_the_codec() -> None:
    """A revised plan dumps to JSON and loads back equal."""
    plan = _plan().set_intervention_status(
        "rhythmic_walk", "active", on=D2, author_role="key worker", reason="started"
    )
    assert tm.loads(tm.dumps(plan), IndividualResponse) == plan


@given(individual_responses())
def test_any_plan_round_trips(plan: IndividualResponse) -> None:
    """Every plan the strategies draw round-trips through the codec."""
    assert tm.loads(tm.dumps(plan), IndividualResponse) == plan


def test_plan_problems_name_key_working_and_provision_ids() -> None:
    """Unknown ids in key working and provision are named with their paths."""
    plan = _plan().revise(
        on=D2,
        author_role="m",
        reason="r",
        key_working=KeyWorkingSchedule("key worker", Frequency(1, "week"), focus=("nope",)),
        provision=[Provision("p1", "psychotherapy", "a clinic", "DDP", intervention_id="ddp")],
    )
    assert (
        "$.interventions[0].intervention_id",
        "$.key_working.focus[0]",
        "$.provision[0].intervention_id",
    ) == tuple(e.path for e in plan.problems({"swimming"}))


def test_history_must_match_version() -> None:
    """A plan whose history does not hold one revision per version is refused."""
    with pytest.raises(ValidationError) as info:
        attrs.evolve(_plan(), version=2)
    assert ("$.history",) == info.value.paths


def test_plan_json_with_a_dangling_goal_names_the_path() -> None:
    """Loading a plan whose intervention serves a missing goal is refused with the path."""
    doc = json.loads(tm.dumps(_plan()))
    doc["interventions"][0]["goal_ids"] = ["g9"]
    with pytest.raises(ValidationError, match=r"\$\.interventions\[0\]\.goal_ids\[0\]"):
        tm.loads(json.dumps(doc), IndividualResponse)


def test_plan_refuses_a_name_for_a_child_id() -> None:
    """A plan's child id must be an opaque id, not a name with spaces."""
    with pytest.raises(InvalidValue, match="opaque id"):
        IndividualResponse.create("Jane Doe", on=D1, author_role="m")


def test_describe_lists_parts_and_provenance() -> None:
    """The readable form names each intervention with its status and every revision."""
    v2 = _plan().set_intervention_status(
        "rhythmic_walk", "active", on=D2, author_role="key worker", reason="started"
    )
    text = v2.describe()
    assert "rhythmic_walk [active] key worker" in text
    assert "v2 2024-04-02 key worker: started" in text
