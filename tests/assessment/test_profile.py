"""Profiles and domain scores: missing values are explicit; bands and levels summarised."""

from __future__ import annotations

from datetime import date

from therapeutic_model import Assessment, Band, DomainScore, Profile

GREEN = Band("green", 0, "ratio", 0.85, None)
RED = Band("red", 2, "ratio", 0.0, 0.6, upper_inclusive=False)


def test_missing_score_is_explicit() -> None:
    """A score without a value is missing and has no rank."""
    score = DomainScore(id="peer", value=None)
    assert (True, None) == (score.is_missing, score.rank)


def test_rank_comes_from_the_band() -> None:
    """A banded score's rank is its band's rank."""
    assert 2 == DomainScore(id="relational", value=1.0, band=RED).rank


def test_value_by_score_id() -> None:
    """A profile gives a score's value by id."""
    profile = Profile("x", "1", 120.0, scores={"a": DomainScore("a", 3.0)})
    assert 3.0 == profile.value("a")


def test_worst_rank_by_level_ignores_unbanded_and_levelless_scores() -> None:
    """Only banded scores with a level count; the worst rank per level wins."""
    profile = Profile(
        "x",
        "1",
        120.0,
        scores={
            "a": DomainScore("a", 1.0, band=GREEN, level="limbic"),
            "b": DomainScore("b", 1.0, band=RED, level="limbic"),
            "c": DomainScore("c", None, level="cortex"),
            "d": DomainScore("d", 1.0, band=RED),
        },
    )
    assert {"limbic": 2} == profile.worst_rank_by_level()


def test_assessment_keeps_raw_responses_as_given() -> None:
    """An assessment keeps unanswered items as None, so it can be re-scored later."""
    a = Assessment("c-001", "sdq-parent", date(2024, 3, 1), responses={"1": 2, "2": None})
    assert {"1": 2, "2": None} == dict(a.responses)
