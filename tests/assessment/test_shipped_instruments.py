"""The shipped ACE, ProQOL and neurosequential instruments score as published (or documented)."""

from __future__ import annotations

import itertools

import attrs
import numpy as np
import pytest

import therapeutic_model as tm
from therapeutic_model import AgeNorms, InstrumentSpec

PROQOL_BURNOUT = ("1", "4", "8", "10", "15", "17", "19", "21", "26", "29")
PROQOL_REVERSED = ("1", "4", "15", "17", "29")
PROQOL_SCALES = {
    "compassion_satisfaction": ("3", "6", "12", "16", "18", "20", "22", "24", "27", "30"),
    "burnout": PROQOL_BURNOUT,
    "secondary_traumatic_stress": ("2", "5", "7", "9", "11", "13", "14", "23", "25", "28"),
}


def shipped(instrument_id: str) -> InstrumentSpec:
    """A shipped instrument spec."""
    inst = tm.default_registry(plugins=False).get(instrument_id)
    assert isinstance(inst, InstrumentSpec)
    return inst


def test_registry_holds_the_six_shipped_instruments() -> None:
    """The shipped ids are those DESIGN.md promises."""
    assert (
        "ace",
        "neurosequential",
        "proqol",
        "sdq-parent",
        "sdq-self",
        "sdq-teacher",
    ) == tm.default_registry(plugins=False).ids()


def test_shipped_instruments_carry_source_and_licence() -> None:
    """Every shipped instrument names source and licence; only neurosequential is unvalidated."""
    for spec in tm.default_registry(plugins=False):
        assert isinstance(spec, InstrumentSpec)
        assert spec.source
        assert spec.licence
        assert spec.validated is (spec.id != "neurosequential")


# ACE ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", range(11))
def test_ace_counts_categories_present(count: int) -> None:
    """The ACE score is the number of the ten categories present."""
    responses = {str(i): int(i <= count) for i in range(1, 11)}
    assert float(count) == shipped("ace").score(responses, age_months=150).value("ace_score")


def test_ace_with_an_unknown_category_is_missing() -> None:
    """Unknown is not absent: with a category not recorded, there is no count."""
    responses: dict[str, float | None] = {str(i): 1 for i in range(1, 10)}
    responses["10"] = None
    score = shipped("ace").score(responses, age_months=150).scores["ace_score"]
    assert (None, None) == (score.value, score.band)


@pytest.mark.parametrize(
    ("count", "label", "rank"),
    [
        (0, "none recorded", 0),
        (1, "one to three", 1),
        (3, "one to three", 1),
        (4, "four or more", 2),
    ],
)
def test_ace_bands(count: int, label: str, rank: int) -> None:
    """0, 1–3 and 4 or more are the ACE bands (Felitti et al. 1998's graded groups)."""
    responses = {str(i): int(i <= count) for i in range(1, 11)}
    band = shipped("ace").score(responses, age_months=150).scores["ace_score"].band
    assert band is not None
    assert (label, rank) == (band.label, band.rank)


def test_ace_rejects_a_two() -> None:
    """ACE categories are yes (1) or no (0)."""
    with pytest.raises(tm.ValidationError) as caught:
        shipped("ace").score({"3": 2}, age_months=150)
    assert ("$.responses.3",) == caught.value.paths


# ProQOL ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("response", "scored"), [(1, 5), (2, 4), (3, 3), (4, 2), (5, 1)])
@pytest.mark.parametrize("item", PROQOL_REVERSED)
def test_proqol_reversed_items(item: str, response: int, scored: int) -> None:
    """Items 1, 4, 15, 17 and 29 are reversed 1↔5, 2↔4 within burnout."""
    responses = dict.fromkeys(PROQOL_BURNOUT, 3)
    responses[item] = response
    assert float(9 * 3 + scored) == shipped("proqol").score(responses, age_months=400).value(
        "burnout"
    )


def test_proqol_other_items_are_not_reversed() -> None:
    """Items outside the reversed five score as given."""
    spec = shipped("proqol")
    responses = dict.fromkeys(spec.item_ids, 1)
    profile = spec.score(responses, age_months=400)
    assert 10.0 == profile.value("compassion_satisfaction")
    assert 10.0 == profile.value("secondary_traumatic_stress")
    assert float(5 * 1 + 5 * 5) == profile.value("burnout")


def _proqol_for(scale: str, total: int) -> dict[str, int]:
    """Responses scoring ``total`` (10–50) on one ProQOL scale."""
    left = total - 10
    out = {}
    for item in PROQOL_SCALES[scale]:
        points = min(4, left)
        left -= points
        out[item] = 5 - points if item in PROQOL_REVERSED else 1 + points
    return out


@pytest.mark.parametrize("scale", sorted(PROQOL_SCALES))
@pytest.mark.parametrize(
    ("total", "label"),
    [(10, "low"), (22, "low"), (23, "moderate"), (41, "moderate"), (42, "high"), (50, "high")],
)
def test_proqol_band_boundaries(scale: str, total: int, label: str) -> None:
    """Sums ≤ 22 are low, 23–41 moderate, ≥ 42 high, on each of the three scales."""
    score = shipped("proqol").score(_proqol_for(scale, total), age_months=400).scores[scale]
    assert score.band is not None
    assert (float(total), label) == (score.value, score.band.label)


@pytest.mark.parametrize(
    ("scale", "healthy"),
    [
        ("compassion_satisfaction", "high"),
        ("burnout", "low"),
        ("secondary_traumatic_stress", "low"),
    ],
)
def test_proqol_rank_zero_is_the_healthy_band(scale: str, healthy: str) -> None:
    """Rank 0 is high compassion satisfaction, and low burnout and stress."""
    total = 45 if healthy == "high" else 15
    band = shipped("proqol").score(_proqol_for(scale, total), age_months=400).scores[scale].band
    assert band is not None
    assert (healthy, 0) == (band.label, band.rank)


def test_proqol_needs_every_item_of_a_scale() -> None:
    """ProQOL sums are not prorated: a missing item leaves the scale missing."""
    responses = _proqol_for("burnout", 30)
    del responses["8"]
    assert shipped("proqol").score(responses, age_months=400).value("burnout") is None


# neurosequential -----------------------------------------------------------------------------


def test_neurosequential_has_32_functions_in_four_ordered_domains() -> None:
    """Four domains of eight functions, each at a level, levels ordered bottom-up."""
    spec = shipped("neurosequential")
    assert 32 == len(spec.items)
    assert [("sensory_integration", "brainstem"), ("self_regulation", "diencephalon"),
            ("relational", "limbic"), ("cognitive", "cortex")] == [
        (d.id, d.level) for d in spec.domains
    ]  # fmt: skip
    assert [1, 2, 3, 4] == [lv.order for lv in spec.levels]
    assert ["regulate", "regulate", "relate", "reason"] == [lv.stage for lv in spec.levels]


def test_neurosequential_says_its_norms_are_illustrative() -> None:
    """The metadata says plainly that the norms are not clinically validated."""
    spec = shipped("neurosequential")
    assert not spec.validated
    assert "illustrative" in spec.notes
    assert "not clinically validated" in spec.notes


def test_lower_levels_mature_earlier() -> None:
    """At every knot, a lower level's expected value is at least a higher level's."""
    spec = shipped("neurosequential")
    curves = [spec.norms[d.id].expected_at(np.arange(0, 217, 6)) for d in spec.domains]
    for lower, higher in itertools.pairwise(curves):
        assert bool(np.all(lower >= higher))


def _flat_neuro() -> InstrumentSpec:
    """The shipped neurosequential with flat norms of 4 and fractional ratings allowed."""
    spec = shipped("neurosequential")
    return attrs.evolve(
        spec,
        items=tuple(attrs.evolve(i, whole_numbers=False) for i in spec.items),
        domains=tuple(attrs.evolve(d, min_answered=1) for d in spec.domains),
        norms={d.id: AgeNorms((0, 216), (4.0, 4.0)) for d in spec.domains},
    )


@pytest.mark.parametrize(
    ("rating", "label", "rank"),
    [(4.0, "green", 0), (3.4, "green", 0), (3.39, "amber", 1), (2.4, "amber", 1),
     (2.39, "red", 2), (0.0, "red", 2)],
)  # fmt: skip
def test_neurosequential_ratio_bands(rating: float, label: str, rank: int) -> None:
    """Green at ≥ 85 % of age-typical, amber from 60 %, red below (ratio 0.85 and 0.60)."""
    score = (
        _flat_neuro().score({"sleep_rhythm": rating}, age_months=120).scores["sensory_integration"]
    )
    assert score.band is not None
    assert (rating / 4.0, label, rank) == (score.ratio, score.band.label, score.band.rank)


def test_neurosequential_band_thresholds_are_shipped_as_documented() -> None:
    """Every domain bands the ratio at 0.60 and 0.85."""
    for bs in shipped("neurosequential").bands:
        assert ("ratio", [0.0, 0.6, 0.85]) == (bs.basis, bs.thresholds().tolist())


def test_functional_age_per_domain() -> None:
    """A domain's functional age is the age at which its mean rating is expected."""
    spec = shipped("neurosequential")
    items = spec.domains[3].items
    cognitive = {item: (1 if k < 6 else 0) for k, item in enumerate(items)}  # mean 0.75
    score = spec.score(cognitive, age_months=144).scores["cognitive"]
    # cognitive norms: 0.55 at 72 months, 1.00 at 96 → 0.75 at 72 + 24·0.20/0.45
    assert score.functional_age_months == pytest.approx(72 + 24 * 0.20 / 0.45)
    assert score.expected == pytest.approx(2.29)
    assert score.ratio == pytest.approx(0.75 / 2.29)
    assert score.gap == pytest.approx(2.29 - 0.75)


def test_functional_age_per_function() -> None:
    """Each function is scored against its domain's norms, with its own functional age."""
    spec = shipped("neurosequential")
    profile = spec.score({"empathy": 3, "sleep_rhythm": 4}, age_months=120)
    empathy = profile.functions["empathy"]
    relational = spec.norms["relational"]
    assert empathy.functional_age_months == pytest.approx(float(relational.functional_age(3.0)))
    assert (3.0, "limbic") == (empathy.value, empathy.level)
    assert profile.functions["sleep_rhythm"].band is not None
    assert profile.functions["peer_play"].value is None
    assert profile.scores["relational"].value is None  # 1 of 8 answered, 6 needed


def test_newborn_ratio_is_undefined_not_infinite() -> None:
    """At 0 months nothing is expected yet: the ratio and band are missing, and it serialises."""
    spec = shipped("neurosequential")
    profile = spec.score(dict.fromkeys(spec.item_ids, 1), age_months=0)
    score = profile.scores["cognitive"]
    assert (1.0, 0.0, None, None) == (score.value, score.expected, score.ratio, score.band)
    assert profile == tm.loads(tm.dumps(profile), tm.Profile)


def test_a_ratio_beyond_any_float_is_missing_not_infinite() -> None:
    """An expected value so small the ratio overflows gives a missing ratio, and serialises."""
    spec = attrs.evolve(
        shipped("ace"),
        norms={"ace_score": tm.AgeNorms(ages_months=(0.0, 1.0), expected=(0.0, 1.6e-308))},
    )
    profile = spec.score(dict.fromkeys(spec.item_ids, 1), age_months=30)
    assert profile.scores["ace_score"].ratio is None
    assert profile == tm.loads(tm.dumps(profile), tm.Profile)


def test_worst_rank_by_level_and_level_order() -> None:
    """A profile gives the worst band per level, and each level's order."""
    spec = shipped("neurosequential")
    responses = dict.fromkeys(spec.item_ids, 4)
    responses |= dict.fromkeys(spec.domains[2].items, 0)  # relational all 0
    profile = spec.score(responses, age_months=120)
    assert {"brainstem": 0, "diencephalon": 0, "limbic": 2, "cortex": 0} == (
        profile.worst_rank_by_level()
    )
    assert {"brainstem": 1, "diencephalon": 2, "limbic": 3, "cortex": 4} == profile.level_order


def test_ages_outside_the_norms_are_flagged() -> None:
    """Past the last knot the expected value is clamped and the score says so."""
    spec = shipped("neurosequential")
    responses = dict.fromkeys(spec.item_ids, 4)
    assert spec.score(responses, age_months=300).scores["cognitive"].age_clamped
    assert not spec.score(responses, age_months=200).scores["cognitive"].age_clamped
