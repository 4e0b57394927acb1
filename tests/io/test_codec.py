"""The one converter: every element-1 record round-trips; malformed documents name every path."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given

import therapeutic_model as tm
from therapeutic_model import testing as tmt
from therapeutic_model.io import from_document, loads_toml, to_document

SENTINEL = "Jane Q. Sentinel-Doe"


def _round_trip(obj: object) -> None:
    text = tm.dumps(obj)
    assert obj == tm.loads(text, type(obj))
    assert obj == tm.loads(tm.dumps(obj, indent=None), type(obj))


@given(tmt.children())
def test_child_round_trips(child: tm.Child) -> None:
    """A Child survives dumps/loads."""
    _round_trip(child)


@given(tmt.profiles())
def test_profile_round_trips(profile: tm.Profile) -> None:
    """A Profile (with its scores, bands and function scores) survives dumps/loads."""
    _round_trip(profile)


@given(tmt.domain_scores())
def test_domain_score_round_trips(score: tm.DomainScore) -> None:
    """A DomainScore survives dumps/loads."""
    _round_trip(score)


@given(tmt.bands())
def test_band_round_trips(band: tm.Band) -> None:
    """A Band survives dumps/loads."""
    _round_trip(band)


@given(tmt.assessments())
def test_assessment_round_trips(assessment: tm.Assessment) -> None:
    """An Assessment, unanswered items included, survives dumps/loads."""
    _round_trip(assessment)


@given(tmt.developmental_histories())
def test_developmental_history_round_trips(history: tm.DevelopmentalHistory) -> None:
    """A DevelopmentalHistory survives dumps/loads."""
    _round_trip(history)


@given(tmt.instrument_specs())
def test_instrument_spec_round_trips(spec: tm.InstrumentSpec) -> None:
    """An InstrumentSpec survives dumps/loads, and the copy scores alike."""
    copy = tm.loads(tm.dumps(spec), tm.InstrumentSpec)
    assert spec == copy
    responses = {i.id: i.max for i in spec.items}
    assert spec.score(responses, age_months=30) == copy.score(responses, age_months=30)


@given(tmt.age_norms())
def test_age_norms_round_trip(norms: tm.AgeNorms) -> None:
    """AgeNorms survive dumps/loads."""
    _round_trip(norms)


@pytest.mark.parametrize("instrument_id", tm.default_registry(plugins=False).ids())
def test_shipped_instruments_round_trip(instrument_id: str) -> None:
    """Every shipped instrument (informant variants too) survives dumps/loads."""
    _round_trip(tm.default_registry(plugins=False).get(instrument_id))


def test_documents_carry_schema_and_version_first() -> None:
    """Each document starts with its schema name and version."""
    doc = to_document(tm.Child("c-001", date(2012, 5, 1)))
    assert ["schema", "schema_version", "id", "born"] == list(doc)
    assert ("therapeutic_model/child", 1) == (doc["schema"], doc["schema_version"])


def child_doc(**changes: Any) -> str:
    """A Child document, changed as asked (None removes a key)."""
    doc: dict[str, Any] = {
        "schema": "therapeutic_model/child",
        "schema_version": 1,
        "id": "c-001",
        "born": "2012-05-01",
    }
    for k, v in changes.items():
        if v is None:
            doc.pop(k)
        else:
            doc[k] = v
    return json.dumps(doc)


def paths_of(text: str, cls: type) -> tuple[str, ...]:
    """The paths a malformed document is refused for (the sentinel never shown)."""
    with pytest.raises(tm.ValidationError) as caught:
        tm.loads(text, cls)
    assert SENTINEL not in str(caught.value)
    return caught.value.paths


def test_wrong_types_unknown_and_missing_fields_are_all_named() -> None:
    """Every bad field of one document is listed by path."""
    text = child_doc(id=None, born=12, nickname=SENTINEL)
    assert {"$.id", "$.born", "$.nickname"} == set(paths_of(text, tm.Child))


def test_a_bad_date_is_named_without_echo() -> None:
    """A date that does not parse is refused, saying the form expected, not the text."""
    with pytest.raises(tm.ValidationError) as caught:
        tm.loads(child_doc(born=SENTINEL), tm.Child)
    assert "$.born: must be a date written YYYY-MM-DD" in str(caught.value)
    assert SENTINEL not in str(caught.value)


def test_a_name_as_child_id_is_refused_by_path() -> None:
    """An id that breaks the opaque-id rule is reported at $.id, never echoed."""
    assert ("$.id",) == paths_of(child_doc(id=SENTINEL), tm.Child)


def test_wrong_schema_name_and_version_are_both_named() -> None:
    """A document of another schema and an unknown version is refused with both paths."""
    text = child_doc(schema="therapeutic_model/profile", schema_version=9)
    assert ("$.schema", "$.schema_version") == paths_of(text, tm.Child)


def test_missing_schema_is_refused() -> None:
    """A document without schema and version is refused."""
    assert ("$.schema", "$.schema_version") == paths_of(
        child_doc(schema=None, schema_version=None), tm.Child
    )


@pytest.mark.parametrize("version", ["1", True, 1.0])
def test_schema_version_must_be_a_whole_number(version: object) -> None:
    """ "1", true and 1.0 are not schema versions."""
    assert ("$.schema_version",) == paths_of(child_doc(schema_version=version), tm.Child)


def test_invalid_json_is_a_validation_error() -> None:
    """Text that is not JSON is refused at $, with the place, not the text."""
    with pytest.raises(tm.ValidationError) as caught:
        tm.loads('{"id": "' + SENTINEL + '",', tm.Child)
    assert ("$",) == caught.value.paths
    assert SENTINEL not in str(caught.value)


def test_a_document_must_be_an_object() -> None:
    """A JSON list is not a record."""
    assert ("$",) == paths_of("[1, 2]", tm.Child)


def test_invalid_toml_is_a_validation_error() -> None:
    """Text that is not TOML is refused at $."""
    with pytest.raises(tm.ValidationError) as caught:
        loads_toml('id = "x\n[[items', tm.InstrumentSpec)
    assert ("$",) == caught.value.paths


def test_strings_are_never_taken_for_numbers() -> None:
    """A response written as a string is refused, by path."""
    doc = json.loads(tm.dumps(tm.Assessment("c-1", "ace", date(2024, 1, 1), {"1": 1})))
    doc["responses"] = {"1": "1", "7": SENTINEL, "3": None}
    assert {"$.responses.1", "$.responses.7"} == set(paths_of(json.dumps(doc), tm.Assessment))


def test_nested_paths_are_named() -> None:
    """Bad fields deep in a spec are named with indexes: $.items[3].min."""
    spec = tm.default_registry(plugins=False).get("ace")
    doc = json.loads(tm.dumps(spec))
    doc["items"][3]["min"] = SENTINEL
    doc["items"][5]["reverse"] = "yes"
    doc["domains"][0]["items"] = "1"
    doc["bands"][0]["bands"][1]["rank"] = 1.5
    doc["norms"] = {"ace_score": {"ages_months": [0, SENTINEL], "expected": [0, 1]}}
    assert {
        "$.items[3].min",
        "$.items[5].reverse",
        "$.domains[0].items",
        "$.bands[0].bands[1].rank",
        "$.norms.ace_score.ages_months[1]",
    } == set(paths_of(json.dumps(doc), tm.InstrumentSpec))


def test_unknown_keys_deep_in_a_document_are_named() -> None:
    """An unknown key in a nested record is named with its path."""
    spec = tm.default_registry(plugins=False).get("ace")
    doc = json.loads(tm.dumps(spec))
    doc["domains"][0]["weight"] = 2
    assert ("$.domains[0].weight",) == paths_of(json.dumps(doc), tm.InstrumentSpec)


def test_bad_period_in_history_is_named() -> None:
    """An unknown period key and an out-of-range rating are both named."""
    doc = json.loads(tm.dumps(tm.DevelopmentalHistory()))
    doc["periods"] = {"infancy": {"adversity": 7}, "womb": {}}
    paths = paths_of(json.dumps(doc), tm.DevelopmentalHistory)
    assert {"$.periods.infancy.adversity", "$.periods.womb"} == set(paths)


def test_an_inconsistent_spec_document_is_an_invalid_definition() -> None:
    """A well-formed document for an inconsistent spec raises InvalidDefinition, listing all."""
    spec = tm.default_registry(plugins=False).get("ace")
    doc = json.loads(tm.dumps(spec))
    doc["domains"][0]["items"] = ["1", "2", "3", "ghost"]
    with pytest.raises(tm.InvalidDefinition) as caught:
        from_document(doc, tm.InstrumentSpec)
    problems = caught.value.problems
    assert "domain 'ace_score': unknown item 'ghost'" in problems
    assert "item '10' is in no domain" in problems
    assert 8 == len(problems)


def test_unstored_types_are_refused() -> None:
    """Only records with a schema can be dumped."""
    with pytest.raises(TypeError, match="not a record with a schema"):
        tm.dumps(object())


@given(tmt.period_histories())
def test_period_history_round_trips(period: tm.PeriodHistory) -> None:
    """A PeriodHistory survives dumps/loads on its own."""
    _round_trip(period)


@given(tmt.instrument_specs())
def test_parts_of_a_spec_round_trip(spec: tm.InstrumentSpec) -> None:
    """Items, domains, derived scores, levels, band sets and band definitions each survive."""
    parts: list[object] = [*spec.items, *spec.domains, *spec.derived, *spec.levels]
    for bandset in spec.bands:
        parts += [bandset, *bandset.bands]
    for part in parts:
        _round_trip(part)


def test_a_type_error_naming_what_was_expected_is_reported_so() -> None:
    """A structure hook's TypeError("value") reads as "must be a value", without the input."""
    from therapeutic_model.io._codec import _describe

    assert "must be a value" == _describe(TypeError("value"))
    assert "has the wrong type" in _describe(TypeError(f"{SENTINEL} is not subscriptable"))


def test_assessment_with_a_name_for_an_id_is_refused_without_echo() -> None:
    """An Assessment whose child_id looks like a name fails at $.child_id, not echoing it."""
    doc = {
        "schema": "therapeutic_model/assessment",
        "schema_version": 1,
        "child_id": "Jane Smith",
        "instrument_id": "sdq-parent",
        "on": "2025-01-06",
        "responses": {"3": 1},
    }
    with pytest.raises(tm.ValidationError) as info:
        tm.loads(json.dumps(doc), tm.Assessment)
    assert ("$.child_id",) == info.value.paths
    assert "Jane" not in str(info.value)


def test_an_unknown_key_that_may_be_a_name_is_named_by_position() -> None:
    """An unknown field whose key is not an opaque id is named by its position, not echoed."""
    assert ("$[<key 4>]",) == paths_of(child_doc(**{SENTINEL: 1}), tm.Child)


def test_a_mapping_key_that_may_be_a_name_is_named_by_position() -> None:
    """A bad value under a key that is not an opaque id names the key's position in the path."""
    doc = json.loads(tm.dumps(tm.Assessment("c-1", "sdq-parent", date(2025, 1, 6), {"3": 1})))
    doc["responses"] = {"3": "x", SENTINEL: "y", "opaque.id-2": "z"}
    expected = {"$.responses.3", "$.responses[<key 1>]", "$.responses.opaque.id-2"}
    assert expected == set(paths_of(json.dumps(doc), tm.Assessment))


def test_scoring_names_an_unknown_item_that_may_be_a_name_by_position() -> None:
    """Scoring responses keyed by something that is not an opaque id never echoes the key."""
    spec = tm.default_registry(plugins=False).get("sdq-parent")
    with pytest.raises(tm.ValidationError) as caught:
        spec.score({"3": 1, SENTINEL: 1}, age_months=120)
    assert ("$.responses[<key 1>]",) == caught.value.paths
    assert SENTINEL not in str(caught.value)
