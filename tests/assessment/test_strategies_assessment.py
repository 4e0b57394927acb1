"""The public Hypothesis strategies of element 1 draw valid records."""

from __future__ import annotations

from hypothesis import given

import therapeutic_model as tm
from therapeutic_model import testing as tmt


@given(tmt.children())
def test_children_have_opaque_ids(child: tm.Child) -> None:
    """Drawn children are valid records whose id passes the opaque-id rule."""
    assert tm.Child(child.id, child.born) == child


@given(tmt.assessments())
def test_assessments_hold_valid_responses(assessment: tm.Assessment) -> None:
    """A drawn assessment's responses score without error on its instrument."""
    inst = tm.default_registry(plugins=False).get(assessment.instrument_id)
    profile = inst.score(assessment.responses, age_months=120)
    assert profile.instrument_id == assessment.instrument_id


@given(tmt.responses_for("ace", missing=0.0))
def test_responses_without_missing_answer_every_item(responses: dict[str, float | None]) -> None:
    """With missing=0 every item is answered."""
    assert None not in responses.values()
    assert 10 == len(responses)


@given(tmt.responses_for("proqol", missing=1.0))
def test_responses_all_missing(responses: dict[str, float | None]) -> None:
    """With missing=1 no item is answered."""
    assert set(responses.values()) == {None}


@given(tmt.band_sets(low=0.0, high=5.0))
def test_band_sets_are_valid(bands: tm.BandSet) -> None:
    """Drawn band sets have no gap, overlap or duplicate and cover the lowest score."""
    assert [] == bands.problems("b", lowest=0.0, highest=5.0)


@given(tmt.bands())
def test_bands_describe_themselves(band: tm.Band) -> None:
    """Every drawn band has an explanation naming its label."""
    assert band.describe().startswith(band.label)


@given(tmt.profiles("neurosequential"))
def test_profiles_of_a_named_instrument(profile: tm.Profile) -> None:
    """profiles(id) scores that instrument, with function scores where it has them."""
    assert ("neurosequential", 32) == (profile.instrument_id, len(profile.functions))
