"""The CANS-style example instrument loads from its TOML file and scores as its comments say."""

from __future__ import annotations

from pathlib import Path

import pytest

import therapeutic_model as tm

EXAMPLE = Path(__file__).parents[2] / "examples" / "cans_like.toml"
NEEDS = ("emotional_regulation", "anxiety", "low_mood", "anger", "attachment", "trauma_adjustment")


@pytest.fixture(scope="module")
def cans() -> tm.InstrumentSpec:
    """The example instrument, read with load_instrument."""
    return tm.load_instrument(EXAMPLE)


def test_example_loads_as_an_instrument(cans: tm.InstrumentSpec) -> None:
    """The file is a valid spec: four domains of 0–3 items, all higher-is-worse."""
    assert "cans-like" == cans.id
    assert 22 == len(cans.items)
    assert all((i.min, i.max) == (0, 3) for i in cans.items)
    assert not any(d.higher_is_better for d in cans.domains)
    assert not cans.validated


def test_domain_score_is_the_item_mean(cans: tm.InstrumentSpec) -> None:
    """A domain scores the mean of its rated items, unrounded."""
    responses = dict(zip(NEEDS, (3, 2, 2, 3, 1, 0), strict=True))
    assert 11 / 6 == cans.score(responses, age_months=150).value("behavioural_emotional")


def test_two_thirds_of_a_domain_must_be_rated(cans: tm.InstrumentSpec) -> None:
    """With fewer than four of six items rated there is no score."""
    responses = dict(zip(NEEDS[:3], (3, 3, 3), strict=True))
    assert cans.score(responses, age_months=150).value("behavioural_emotional") is None


@pytest.mark.parametrize(
    ("ratings", "label", "rank"),
    [
        ((0, 0, 0, 0, 0, 0), "no evidence", 0),
        ((1, 0, 0, 0, 1, 1), "watchful waiting", 1),  # mean 0.5
        ((2, 1, 1, 1, 2, 1), "watchful waiting", 1),  # mean 1.33
        ((2, 2, 1, 1, 2, 1), "action needed", 2),  # mean 1.5
        ((3, 3, 2, 2, 3, 2), "immediate action", 3),  # mean 2.5
    ],
)
def test_needs_bands_are_action_levels(
    cans: tm.InstrumentSpec, ratings: tuple[int, ...], label: str, rank: int
) -> None:
    """The mean is banded to the nearest CANS action level, halves going up."""
    score = cans.score(dict(zip(NEEDS, ratings, strict=True)), age_months=150).scores[
        "behavioural_emotional"
    ]
    assert score.band is not None
    assert (label, rank) == (score.band.label, score.band.rank)


def test_strengths_use_strength_labels(cans: tm.InstrumentSpec) -> None:
    """Strengths rated 0 are centrepiece strengths (rank 0)."""
    strengths = next(d for d in cans.domains if d.id == "strengths")
    score = cans.score(dict.fromkeys(strengths.items, 0), age_months=150).scores["strengths"]
    assert score.band is not None
    assert "centrepiece strength" == score.band.label


def test_example_has_no_age_norms(cans: tm.InstrumentSpec) -> None:
    """Action levels are not age norms: no expected value or functional age."""
    score = cans.score(dict.fromkeys(NEEDS, 1), age_months=150).scores["behavioural_emotional"]
    assert (None, None) == (score.expected, score.functional_age_months)


def test_example_can_join_a_registry(cans: tm.InstrumentSpec) -> None:
    """A provider's instrument is registered beside the shipped ones."""
    registry = tm.default_registry(plugins=False)
    registry.register(cans)
    assert "cans-like" in registry
