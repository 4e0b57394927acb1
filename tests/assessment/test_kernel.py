"""The scoring kernel: one code path for one child and a cohort, checked input, properties."""

from __future__ import annotations

import math
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import therapeutic_model as tm
from therapeutic_model import Domain, InstrumentSpec, Item, ValidationError
from therapeutic_model.assessment import round_half_up
from therapeutic_model.testing import instrument_specs, responses_for

SENTINEL = "Jane Q. Sentinel-Doe"


def shipped(instrument_id: str) -> InstrumentSpec:
    """A shipped instrument spec."""
    inst = tm.default_registry(plugins=False).get(instrument_id)
    assert isinstance(inst, InstrumentSpec)
    return inst


def as_row(spec: InstrumentSpec, responses: dict[str, float | None]) -> list[float]:
    """Responses by item id as a row in the spec's column order (NaN = missing)."""
    return [math.nan if responses.get(i) is None else responses[i] for i in spec.item_ids]  # type: ignore[misc]


def test_round_half_up_rounds_halves_away_from_zero() -> None:
    """0.5 → 1, 2.5 → 3, −2.5 → −3, unlike numpy's round half to even."""
    x = np.array([0.5, 1.5, 2.5, 2.49, -2.5, 6.6667])
    assert [1.0, 2.0, 3.0, 2.0, -3.0, 7.0] == round_half_up(x).tolist()
    assert [0.0, 2.0, 2.0] == np.round(np.array([0.5, 1.5, 2.5])).tolist()


def test_nothing_answered_is_missing_not_zero() -> None:
    """An empty response set gives missing scores, never zeros."""
    profile = shipped("sdq-parent").score({}, age_months=120)
    assert all(s.value is None for s in profile.scores.values())


def test_null_response_is_not_answered() -> None:
    """None for an item is the same as leaving it out."""
    spec = shipped("sdq-parent")
    a = spec.score({"3": 2, "8": 2, "13": 0, "16": None}, age_months=120)
    b = spec.score({"3": 2, "8": 2, "13": 0}, age_months=120)
    assert a == b


def test_integer_keys_name_items() -> None:
    """Item numbers may be given as ints; they are read as the item ids."""
    spec = shipped("sdq-parent")
    assert spec.score({3: 2, 8: 2, 13: 0}, age_months=120) == spec.score(  # type: ignore[dict-item]
        {"3": 2, "8": 2, "13": 0}, age_months=120
    )


def test_out_of_range_unknown_and_non_numbers_are_all_listed() -> None:
    """Every bad response is named by path in one ValidationError."""
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score(
            {"7": SENTINEL, "3": 5, "4": 1.5, "99": 1, "5": True, "6": -1},
            age_months=120,
        )
    assert {
        "$.responses.7",
        "$.responses.3",
        "$.responses.4",
        "$.responses.99",
        "$.responses.5",
        "$.responses.6",
    } == set(caught.value.paths)


def test_bad_responses_are_never_echoed() -> None:
    """The message names paths and rules, never the value given."""
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score({"7": SENTINEL, "3": 1234567}, age_months=120)
    assert SENTINEL not in str(caught.value)
    assert "1234567" not in str(caught.value)
    assert "$.responses.3: must be a whole number from 0 to 2" in str(caught.value)


def test_responses_must_be_a_mapping() -> None:
    """A list is not a set of responses by item id."""
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score([1, 2], age_months=120)  # type: ignore[arg-type]
    assert ("$.responses",) == caught.value.paths


def test_bad_age_is_a_validation_error() -> None:
    """An age that is not a number of months is refused with its path."""
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score({}, age_months=SENTINEL)  # type: ignore[arg-type]
    assert ("$.age_months",) == caught.value.paths
    assert SENTINEL not in str(caught.value)


def test_negative_age_is_refused() -> None:
    """Ages are months since birth, never negative."""
    with pytest.raises(ValidationError):
        shipped("neurosequential").score({}, age_months=-1)


def test_cohort_cells_off_scale_are_named_by_row_and_item() -> None:
    """score_many names every bad cell as ``$[row].item``."""
    x = np.zeros((4, 25))
    x[1, 2] = 3
    x[3, 0] = -1
    x[3, 24] = 0.5
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score_many(x, age_months=120)
    assert ("$[1].3", "$[3].1", "$[3].25") == caught.value.paths


def test_cohort_infinities_are_off_scale() -> None:
    """An infinite response is refused, not taken as missing."""
    x = np.zeros((2, 25))
    x[1, 5] = np.inf
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score_many(x, age_months=120)
    assert ("$[1].6",) == caught.value.paths


def test_many_bad_cells_are_listed_then_counted() -> None:
    """A cohort with a systematic error lists the first hundred cells and counts the rest."""
    x = np.full((10, 25), 7.0)
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score_many(x, age_months=120)
    assert 101 == len(caught.value.errors)
    assert "and 150 more cells off scale" == caught.value.errors[-1].message


def test_cohort_of_wrong_shape_is_refused() -> None:
    """The cohort must have one column per item."""
    with pytest.raises(ValidationError, match="25 columns"):
        shipped("sdq-parent").score_many(np.zeros((3, 24)), age_months=120)


def test_cohort_of_strings_is_refused() -> None:
    """Text is not a response."""
    with pytest.raises(ValidationError):
        shipped("ace").score_many([[SENTINEL] * 10], age_months=120)


def test_cohort_ages_must_match_rows() -> None:
    """One age per child, or one for all."""
    with pytest.raises(ValidationError) as caught:
        shipped("ace").score_many(np.zeros((3, 10)), age_months=[100, 120])
    assert ("$.age_months",) == caught.value.paths


def test_integer_float32_and_float64_cohorts_score_alike() -> None:
    """The same answers as int, float32 or float64 arrays give the same scores."""
    rng = np.random.default_rng(3)
    x = rng.integers(0, 3, size=(300, 25))
    spec = shipped("sdq-teacher")
    ref = spec.score_many(x.astype(float), age_months=100).values
    for arr in (x, x.astype(np.float32), x.astype(np.int8)):
        assert np.array_equal(ref, spec.score_many(arr, age_months=100).values, equal_nan=True)


def test_batch_columns_and_bands_by_id() -> None:
    """A batch gives a score's column by id and explained bands per child."""
    x = np.array([[0] * 25, [2] * 25], dtype=float)
    batch = shipped("sdq-parent").score_many(x, age_months=[60, 70])
    assert 2 == len(batch)
    # items 7, 11, 14, 21 and 25 are reverse-keyed: all-0 scores 10, all-2 scores 30
    assert [10.0, 30.0] == batch.column("total_difficulties").tolist()
    band = batch.band(1, "total_difficulties")
    assert band is not None
    assert "very high" == band.label
    assert [p.age_months for p in batch.profiles()] == [60.0, 70.0]


def test_band_ranks_are_minus_one_where_missing() -> None:
    """band_ranks uses −1 for missing or unbanded scores."""
    x = np.full((1, 25), np.nan)
    batch = shipped("sdq-parent").score_many(x, age_months=60)
    assert [-1] * 8 == batch.band_ranks[0].tolist()


def test_negative_scales_with_reverse_keying_and_missing_items() -> None:
    """Items on a −2..2 scale, one reverse-keyed, prorate correctly around missing items."""
    spec = InstrumentSpec(
        id="bipolar",
        version="1",
        title="Bipolar",
        items=(Item("a", -2, 2), Item("b", -2, 2, reverse=True), Item("c", -2, 2)),
        domains=(Domain("d", ("a", "b", "c"), min_answered=2),),
    )
    # b = 2 reverse-keys to −2; a = −1; c missing: sum −3 over 2 items × 3 = −4.5
    assert -4.5 == spec.score({"a": -1, "b": 2}, age_months=0).value("d")
    assert -1.0 == spec.score({"a": -1, "b": -2, "c": -2}, age_months=0).value("d")


def test_fractional_scales_score_exactly() -> None:
    """Items with fractional bounds are reverse-keyed and averaged without float32 drift."""
    spec = InstrumentSpec(
        id="fine",
        version="1",
        title="Fine",
        items=(
            Item("a", 0.1, 0.9, whole_numbers=False),
            Item("b", 0.1, 0.9, reverse=True, whole_numbers=False),
        ),
        domains=(Domain("d", ("a", "b"), aggregation="mean", min_answered=1),),
    )
    assert (0.3 + (1.0 - 0.7)) / 2 == spec.score({"a": 0.3, "b": 0.7}, age_months=0).value("d")
    assert 1.0 - 0.7 == spec.score({"b": 0.7}, age_months=0).value("d")


@given(instrument_specs(), st.data())
def test_score_many_equals_score_row_by_row(spec: InstrumentSpec, data: st.DataObject) -> None:
    """A cohort's batch gives each child the same profile as scoring that child alone."""
    rows = data.draw(st.lists(responses_for(spec, missing=0.3), min_size=1, max_size=5))
    ages = data.draw(st.lists(st.integers(0, 216), min_size=len(rows), max_size=len(rows)))
    batch = spec.score_many(np.array([as_row(spec, r) for r in rows]), age_months=ages)
    for k, (responses, age) in enumerate(zip(rows, ages, strict=True)):
        assert spec.score(responses, age_months=age) == batch.profile(k)


@given(st.data())
def test_shipped_score_many_equals_score(data: st.DataObject) -> None:
    """The same holds for every shipped instrument, function scores included."""
    spec = data.draw(st.sampled_from(list(tm.default_registry(plugins=False))))
    assert isinstance(spec, InstrumentSpec)
    responses = data.draw(responses_for(spec, missing=0.2))
    age = data.draw(st.integers(0, 216))
    batch = spec.score_many(np.array([as_row(spec, responses)]), age_months=[age])
    assert spec.score(responses, age_months=age) == batch.profile(0)


def _raised(
    spec: InstrumentSpec, data: st.DataObject
) -> tuple[Item, dict[str, float | None], dict[str, float | None]]:
    responses = data.draw(responses_for(spec, missing=0.2))
    item = data.draw(st.sampled_from(spec.items))
    low = data.draw(st.integers(int(item.min), int(item.max) - 1))
    high = data.draw(st.integers(low + 1, int(item.max)))
    return item, {**responses, item.id: low}, {**responses, item.id: high}


@given(instrument_specs(), st.data())
def test_raising_an_item_moves_its_domains_one_way(
    spec: InstrumentSpec, data: st.DataObject
) -> None:
    """Raising a response never lowers its domains, or (reverse-keyed) never raises them."""
    item, before, after = _raised(spec, data)
    p0, p1 = spec.score(before, age_months=60), spec.score(after, age_months=60)
    for dom in spec.domains:
        v0, v1 = p0.value(dom.id), p1.value(dom.id)
        if item.id in dom.items and v0 is not None and v1 is not None:
            assert (v1 <= v0) if item.reverse else (v1 >= v0), dom.id


@given(st.data())
def test_raising_an_sdq_item_moves_its_scale_one_way(data: st.DataObject) -> None:
    """On the SDQ, raising item 7 (reverse-keyed) never raises conduct; item 5 never lowers it."""
    spec = shipped("sdq-parent")
    for item_id in ("5", "7"):
        base = data.draw(responses_for(spec, missing=0.3))
        p0 = spec.score({**base, item_id: 0}, age_months=120).value("conduct")
        p1 = spec.score({**base, item_id: 2}, age_months=120).value("conduct")
        assume(p0 is not None and p1 is not None)
        assert (p1 <= p0) if item_id == "7" else (p1 >= p0)  # type: ignore[operator]


@given(instrument_specs(), st.data())
def test_proration_never_leaves_the_scale_range(spec: InstrumentSpec, data: st.DataObject) -> None:
    """A prorated (or averaged) score stays within what the full scale can score."""
    items = {i.id: i for i in spec.items}
    profile = spec.score(data.draw(responses_for(spec, missing=0.5)), age_months=60)
    for dom in spec.domains:
        value = profile.value(dom.id)
        if value is None or not (dom.prorate or dom.aggregation == "mean"):
            continue
        lows, highs = [items[i].min for i in dom.items], [items[i].max for i in dom.items]
        k = len(dom.items) if dom.aggregation == "sum" else 1
        assert k * min(lows) - 1e-9 <= value <= k * max(highs) + 1e-9


@given(responses_for("sdq-parent", missing=0.6))
def test_sdq_proration_stays_within_zero_to_ten(responses: dict[str, float | None]) -> None:
    """Every SDQ scale stays within 0–10 whatever is missing."""
    profile = shipped("sdq-parent").score(responses, age_months=120)
    for scale in ("emotional", "conduct", "hyperactivity", "peer", "prosocial"):
        value = profile.value(scale)
        assert value is None or 0 <= value <= 10


def test_kernel_is_shared_by_evolved_specs_only_after_recompiling() -> None:
    """A spec changed with attrs.evolve is checked and compiled again."""
    spec = shipped("ace")
    items = tuple(attrs.evolve(i, reverse=True) for i in spec.items)
    flipped = attrs.evolve(spec, items=items)
    assert 10.0 == flipped.score(dict.fromkeys(spec.item_ids, 0), age_months=100).value("ace_score")


def test_threads_give_the_same_scores_and_bands() -> None:
    """Sharing a cohort between threads changes nothing in the results."""
    rng = np.random.default_rng(11)
    x = rng.integers(0, 3, size=(20_000, 25)).astype(float)
    x[rng.random(x.shape) < 0.1] = np.nan
    spec = shipped("sdq-self")
    one = spec.score_many(x, age_months=150, workers=1)
    three = spec.score_many(x, age_months=150, workers=3)
    assert np.array_equal(one.values, three.values, equal_nan=True)
    assert np.array_equal(one.band_ranks, three.band_ranks)
    assert np.array_equal(one.prorated, three.prorated)


def test_threads_list_bad_cells_in_row_order() -> None:
    """Bad cells found by different threads are listed in row order."""
    x = np.zeros((20_000, 25))
    x[19_999, 0] = 3
    x[2, 24] = -1
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score_many(x, age_months=150, workers=4)
    assert ("$[2].25", "$[19999].1") == caught.value.paths


def test_empty_cohort_gives_an_empty_batch() -> None:
    """No rows in, no rows out."""
    batch = shipped("sdq-parent").score_many(np.zeros((0, 25)), age_months=[])
    assert (0, 8) == batch.values.shape
    assert [] == batch.profiles()


def test_one_child_needs_a_known_age() -> None:
    """score() refuses NaN for the age (a profile must say how old the child was)."""
    with pytest.raises(ValidationError) as caught:
        shipped("sdq-parent").score({}, age_months=math.nan)
    assert ("$.age_months",) == caught.value.paths


def test_cohort_ages_may_be_unknown() -> None:
    """In a cohort NaN marks an unknown age: scores stand, age figures are missing."""
    spec = shipped("neurosequential")
    batch = spec.score_many(np.full((1, 32), 3.0), age_months=[math.nan])
    assert 3.0 == batch.values[0, 0]
    assert math.isnan(batch.expected[0, 0])


def reference_profile(
    spec: InstrumentSpec, responses: dict[str, float | None]
) -> dict[str, float | None]:
    """Every domain and derived score by hand, in exact fractions, from the spec's rules."""
    items = {i.id: i for i in spec.items}
    out: dict[str, float | None] = {}
    for dom in spec.domains:
        keyed = [
            Fraction(items[i].min + items[i].max) - Fraction(v) if items[i].reverse else Fraction(v)
            for i in dom.items
            if (v := responses.get(i)) is not None
        ]
        if len(keyed) < (dom.min_answered or len(dom.items)):
            out[dom.id] = None
            continue
        total = sum(keyed, Fraction(0))
        if dom.aggregation == "mean":
            value = total / len(keyed)
        elif dom.prorate:
            value = total * len(dom.items) / len(keyed)
        else:
            value = total
        if dom.rounding == "half_up":
            value = Fraction(math.floor(abs(value) + Fraction(1, 2))) * (1 if value >= 0 else -1)
        out[dom.id] = float(value)
    for dv in spec.derived:
        parts = [out[c] for c in dv.components]
        out[dv.id] = None if any(p is None for p in parts) else sum(parts)  # type: ignore[misc]
    return out


@given(instrument_specs(), st.data())
def test_kernel_equals_a_hand_scorer_on_any_spec(spec: InstrumentSpec, data: st.DataObject) -> None:
    """On random specs (fused rounding or not) the kernel gives the exact-fraction scores."""
    responses = data.draw(responses_for(spec, missing=0.3))
    profile = spec.score(responses, age_months=60)
    for sid, want in reference_profile(spec, responses).items():
        got = profile.value(sid)
        assert (want is None) == (got is None), sid
        if want is not None:
            assert got == pytest.approx(want, abs=1e-9), sid
