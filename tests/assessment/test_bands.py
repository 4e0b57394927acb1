"""Bands: checking band sets for gaps, overlaps and duplicates, and explaining a band."""

from __future__ import annotations

import numpy as np
import pytest

from therapeutic_model import Band, BandDef, BandSet

PARENT_TOTAL = BandSet(
    score="total_difficulties",
    bands=(
        BandDef("close to average", 0, 0, 13),
        BandDef("slightly raised", 1, 14, 16),
        BandDef("high", 2, 17, 19),
        BandDef("very high", 3, 20, 40),
    ),
)
RATIO = BandSet(
    score="relational",
    basis="ratio",
    whole_numbers=False,
    bands=(BandDef("red", 2, 0.0), BandDef("amber", 1, 0.6), BandDef("green", 0, 0.85)),
)


def test_published_whole_number_bands_have_no_problems() -> None:
    """Whole-number bands that meet (13 then 14) have neither gap nor overlap."""
    assert [] == PARENT_TOTAL.problems("b", lowest=0, highest=40)


def test_continuous_bands_have_no_problems() -> None:
    """Continuous bands given by lower thresholds only are well-formed."""
    assert [] == RATIO.problems("b", lowest=0.0)


def test_a_gap_between_whole_number_bands_is_found() -> None:
    """0–3 then 5–9 leaves 4 uncovered."""
    bs = BandSet("s", (BandDef("low", 0, 0, 3), BandDef("high", 1, 5, 9)))
    assert ["b: gap between bands 'low' and 'high'"] == bs.problems("b", lowest=0)


def test_an_overlap_between_whole_number_bands_is_found() -> None:
    """0–4 then 4–9 counts 4 twice."""
    bs = BandSet("s", (BandDef("low", 0, 0, 4), BandDef("high", 1, 4, 9)))
    assert ["b: bands 'low' and 'high' overlap"] == bs.problems("b", lowest=0)


def test_continuous_bands_must_meet_exactly() -> None:
    """For continuous bands max must equal the next min: less is a gap, more an overlap."""
    gap = BandSet("s", (BandDef("a", 0, 0.0, 0.5), BandDef("b", 1, 0.6)), whole_numbers=False)
    lap = BandSet("s", (BandDef("a", 0, 0.0, 0.7), BandDef("b", 1, 0.6)), whole_numbers=False)
    assert ["x: gap between bands 'a' and 'b'"] == gap.problems("x", lowest=0.0)
    assert ["x: bands 'a' and 'b' overlap"] == lap.problems("x", lowest=0.0)


def test_two_bands_with_the_same_min_overlap() -> None:
    """Two bands starting at the same threshold overlap."""
    bs = BandSet("s", (BandDef("a", 0, 0), BandDef("b", 1, 0)), whole_numbers=False)
    assert "x: bands 'a' and 'b' overlap" in bs.problems("x", lowest=0)


def test_duplicate_ranks_are_found() -> None:
    """Two bands may not share a rank."""
    bs = BandSet("s", (BandDef("a", 0, 0, 3), BandDef("b", 0, 4, 9)))
    assert ["x: two bands share a rank"] == bs.problems("x", lowest=0)


def test_duplicate_labels_are_found() -> None:
    """Two bands may not share a label."""
    bs = BandSet("s", (BandDef("a", 0, 0, 3), BandDef("a", 1, 4, 9)))
    assert ["x: two bands share a label"] == bs.problems("x", lowest=0)


def test_a_typical_band_is_required() -> None:
    """One band must have rank 0 (typical)."""
    bs = BandSet("s", (BandDef("a", 1, 0, 3), BandDef("b", 2, 4, 9)))
    assert ["x: no band has rank 0 (typical)"] == bs.problems("x", lowest=0)


def test_lowest_scores_must_be_covered() -> None:
    """A first band starting above the lowest possible score leaves scores unbanded."""
    bs = BandSet("s", (BandDef("a", 0, 2, 3), BandDef("b", 1, 4, 9)))
    assert ["x: no band covers scores below 2"] == bs.problems("x", lowest=0)


def test_highest_scores_must_be_covered() -> None:
    """A last band ending below the highest possible score leaves scores unbanded."""
    bs = BandSet("s", (BandDef("a", 0, 0, 3), BandDef("b", 1, 4, 9)))
    assert ["x: no band covers scores above 9"] == bs.problems("x", lowest=0, highest=10)


def test_a_band_with_max_below_min_is_found() -> None:
    """A band's max may not be below its min."""
    bs = BandSet("s", (BandDef("a", 0, 0, 3), BandDef("b", 1, 4, 2)))
    assert "x: band 'b' has max below min" in bs.problems("x", lowest=0)


def test_every_problem_is_listed() -> None:
    """A band set with several faults lists each of them."""
    bs = BandSet("s", (BandDef("a", 1, 2, 3), BandDef("b", 1, 5, 9)))
    assert [
        "x: two bands share a rank",
        "x: no band has rank 0 (typical)",
        "x: gap between bands 'a' and 'b'",
        "x: no band covers scores below 2",
    ] == bs.problems("x", lowest=0)


def test_no_bands_is_a_problem() -> None:
    """A band set needs at least one band."""
    assert ["x: no bands"] == BandSet("s", ()).problems("x", lowest=0)


def test_bands_are_read_in_threshold_order() -> None:
    """Bands given in any order are ordered by their lower threshold."""
    assert [0.0, 0.6, 0.85] == RATIO.thresholds().tolist()
    assert [2, 1, 0] == RATIO.ranks().tolist()


def test_whole_number_band_explains_its_inclusive_range() -> None:
    """A whole-number band's explanation gives both inclusive ends, as published."""
    band = PARENT_TOTAL.band_at(2)
    assert Band("high", 2, "value", 17, 19, upper_inclusive=True) == band
    assert "high (value 17–19)" == band.describe()


def test_continuous_band_explains_its_half_open_range() -> None:
    """A continuous band runs from its threshold up to, not including, the next one."""
    amber = RATIO.band_at(1)
    assert Band("amber", 1, "ratio", 0.6, 0.85, upper_inclusive=False) == amber
    assert "amber (ratio ≥ 0.6 and < 0.85)" == amber.describe()


def test_open_ended_band_explains_itself() -> None:
    """The last continuous band has no upper end."""
    assert "green (ratio ≥ 0.85)" == RATIO.band_at(2).describe()


@pytest.mark.parametrize(
    ("band", "text"),
    [
        (Band("low", 0, "value", None, 22, upper_inclusive=True), "low (value ≤ 22)"),
        (Band("low", 0, "ratio", None, 0.6, upper_inclusive=False), "low (ratio < 0.6)"),
    ],
)
def test_band_open_below_explains_itself(band: Band, text: str) -> None:
    """A band without a lower end is explained by its upper end."""
    assert text == band.describe()


def test_whole_number_band_upper_is_one_below_the_next_min() -> None:
    """Whole-number bands written without max end one below the next band's min."""
    bs = BandSet("s", (BandDef("a", 0, 0), BandDef("b", 1, 4)))
    assert 3 == bs.band_at(0).upper
    assert np.array_equal([0.0, 4.0], bs.thresholds())
