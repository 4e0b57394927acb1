"""Tests of reading catalogues and rule files through the one converter."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import therapeutic_model as tm
from therapeutic_model.exceptions import InvalidDefinition, ValidationError
from therapeutic_model.io import (
    default_catalogue,
    default_rules,
    load_catalogue,
    load_rules,
    loads_toml,
    read_rules_spec,
)
from therapeutic_model.response import Catalogue, RuleSet, RuleSetSpec, Suggestions
from therapeutic_model.testing import catalogues, rule_set_specs

HEADER = 'schema = "therapeutic_model/rules"\nschema_version = 1\n'
GOOD_RULE = """
[[rules]]
id = "r1"
suggest = ["rhythmic_walk"]
priority = 5
when = { kind = "band", instrument = "neurosequential", domain = "self_regulation", at_least = 2 }
"""


def _write(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_rules_from_toml(tmp_path: Path) -> None:
    """A rules file loads into a RuleSet over the default catalogue."""
    rules = load_rules(_write(tmp_path, HEADER + GOOD_RULE))
    assert (("r1",), default_catalogue()) == (tuple(r.id for r in rules.rules), rules.catalogue)


def test_load_rules_from_json(tmp_path: Path) -> None:
    """A JSON rules file (as dumps writes it) loads the same rules."""
    spec = read_rules_spec(_write(tmp_path, HEADER + GOOD_RULE))
    again = load_rules(_write(tmp_path, tm.dumps(spec), "rules.json"))
    assert spec == again.spec


def test_unknown_key_names_its_path(tmp_path: Path) -> None:
    """A misspelt key inside a condition is one error naming its path."""
    text = HEADER + GOOD_RULE.replace("at_least = 2", "at_lest = 2")
    with pytest.raises(ValidationError) as info:
        load_rules(_write(tmp_path, text))
    assert ("$.rules[0].when.at_lest",) == info.value.paths


def test_wrong_type_names_its_path(tmp_path: Path) -> None:
    """A priority written as text is one error naming its path and the type expected."""
    with pytest.raises(ValidationError) as info:
        load_rules(_write(tmp_path, HEADER + GOOD_RULE.replace("priority = 5", 'priority = "5"')))
    assert [("$.rules[0].priority", "must be a whole number")] == [
        (e.path, e.message) for e in info.value.errors
    ]


def test_unknown_intervention_names_its_path(tmp_path: Path) -> None:
    """A rule suggesting an id not in the catalogue is one problem naming its path."""
    text = HEADER + GOOD_RULE.replace("rhythmic_walk", "moonwalk")
    with pytest.raises(InvalidDefinition) as info:
        load_rules(_write(tmp_path, text))
    assert ("$.rules[0].suggest[0]: unknown intervention 'moonwalk' (rule 'r1')",) == (
        info.value.problems
    )


def test_unknown_condition_kind_lists_the_kinds(tmp_path: Path) -> None:
    """An unknown condition kind names the path and every kind accepted."""
    text = HEADER + GOOD_RULE.replace('kind = "band"', 'kind = "bnad"')
    with pytest.raises(ValidationError) as info:
        load_rules(_write(tmp_path, text))
    ((path, message),) = [(e.path, e.message) for e in info.value.errors]
    assert ("$.rules[0].when", True) == (path, "all, any, not, gap, ratio" in message)


def test_nested_errors_name_nested_paths(tmp_path: Path) -> None:
    """Errors deep inside all/not name the full path."""
    text = (
        HEADER
        + """
[[rules]]
id = "r1"
suggest = ["rhythmic_walk"]
[rules.when]
kind = "all"
conditions = [
  { kind = "age", at_least = 0 },
  { kind = "not", condition = { kind = "trigger", tag = "water", extra = 1 } },
]
"""
    )
    with pytest.raises(ValidationError) as info:
        load_rules(_write(tmp_path, text))
    assert ("$.rules[0].when.conditions[1].condition.extra",) == info.value.paths


def test_instruments_checked_when_given(tmp_path: Path) -> None:
    """With instruments given, an unknown domain is named with its path."""
    text = HEADER + GOOD_RULE.replace("self_regulation", "self_control")
    path = _write(tmp_path, text)
    with pytest.raises(InvalidDefinition) as info:
        load_rules(path, instruments=tm.default_registry(plugins=False))
    assert (
        "$.rules[0].when.domain: instrument 'neurosequential' has no score 'self_control'",
    ) == info.value.problems


UNKNOWN_INSTRUMENT_AND_DOMAIN = """
[[rules]]
id = "r2"
suggest = ["rhythmic_walk"]
when = { kind = "band", instrument = "nope", domain = "emotional", at_least = 2 }

[[rules]]
id = "r3"
suggest = ["rhythmic_walk"]
when = { kind = "band", instrument = "sdq-parent", domain = "nodomain", at_least = 2 }
"""


def test_instruments_checked_against_shipped_ones_by_default(tmp_path: Path) -> None:
    """Without instruments given, an unknown instrument and domain are each named by path."""
    path = _write(tmp_path, HEADER + GOOD_RULE + UNKNOWN_INSTRUMENT_AND_DOMAIN)
    with pytest.raises(InvalidDefinition) as info:
        load_rules(path)
    assert [p.split(":")[0] for p in info.value.problems] == [
        "$.rules[1].when.instrument",
        "$.rules[2].when.domain",
    ]


def test_instrument_check_can_be_left_out(tmp_path: Path) -> None:
    """check_instruments=False loads rules naming instruments not registered yet."""
    path = _write(tmp_path, HEADER + GOOD_RULE + UNKNOWN_INSTRUMENT_AND_DOMAIN)
    assert 3 == len(load_rules(path, check_instruments=False).rules)


def test_instruments_and_no_check_together_are_refused(tmp_path: Path) -> None:
    """Giving instruments and check_instruments=False is a contradiction, named by path."""
    with pytest.raises(ValidationError) as info:
        load_rules(
            _write(tmp_path, HEADER + GOOD_RULE),
            instruments=tm.default_registry(plugins=False),
            check_instruments=False,
        )
    assert ("$.check_instruments",) == info.value.paths


def test_rules_for_a_providers_instrument_load_with_its_registry(tmp_path: Path) -> None:
    """Rules naming a provider's instrument load against a registry that holds it."""
    spec = tm.default_registry(plugins=False).get("ace")
    own = attrs.evolve(spec, id="own-ace")
    text = HEADER + GOOD_RULE.replace(
        'instrument = "neurosequential", domain = "self_regulation", at_least = 2',
        'instrument = "own-ace", domain = "ace_score", at_least = 0',
    )
    path = _write(tmp_path, text)
    with pytest.raises(InvalidDefinition):
        load_rules(path)
    registry = tm.InstrumentRegistry.of([*tm.default_registry(plugins=False), own])
    assert ("r1",) == tuple(r.id for r in load_rules(path, instruments=registry).rules)


def test_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    """A file that cannot be read raises ValidationError, not OSError."""
    with pytest.raises(ValidationError, match="cannot read file"):
        load_rules(tmp_path / "nope.toml")


def test_load_catalogue(tmp_path: Path) -> None:
    """A provider's catalogue loads from TOML, and rules bind to it."""
    text = """
schema = "therapeutic_model/catalogue"
schema_version = 1
[[interventions]]
id = "drumming"
name = "Drumming"
kind = "enrichment"
level = "regulate"
exposures = ["loud_noise"]
frequency = { times = 2, per = "week" }
"""
    cat = load_catalogue(_write(tmp_path, text, "cat.toml"))
    rules = load_rules(
        _write(tmp_path, HEADER + GOOD_RULE.replace("rhythmic_walk", "drumming")), catalogue=cat
    )
    assert ("drumming",) == rules.rules[0].suggest


def test_shipped_rules_round_trip_through_the_codec() -> None:
    """The shipped rules file, read, dumped and read again, is unchanged."""
    spec = default_rules().spec
    assert spec == tm.loads(tm.dumps(spec), RuleSetSpec)


def test_rule_set_round_trips_with_its_catalogue() -> None:
    """A whole RuleSet (rules and catalogue) round-trips through JSON."""
    rules = default_rules()
    assert rules == tm.loads(tm.dumps(rules), RuleSet)


def test_suggestions_round_trip(make_neuro: object) -> None:
    """Suggestions, with their evidence values, round-trip through JSON."""
    profile = make_neuro({"arousal_modulation": 0, "impulse_control": 0})  # type: ignore[operator]
    out = default_rules().suggest(profile, triggers=["water"], team="red")
    assert out == tm.loads(tm.dumps(out), Suggestions)


def test_condition_documents_carry_their_kind() -> None:
    """Conditions are written as tables keyed by 'kind'."""
    doc = json.loads(tm.dumps(default_rules().spec))
    assert "band" == doc["rules"][1]["when"]["kind"]


@given(rule_set_specs(default_catalogue().ids()))
def test_any_rules_file_round_trips(spec: RuleSetSpec) -> None:
    """Every rules document the strategies draw round-trips through the codec."""
    assert spec == tm.loads(tm.dumps(spec), RuleSetSpec)


@given(catalogues())
def test_any_catalogue_round_trips(cat: Catalogue) -> None:
    """Every catalogue the strategies draw round-trips through the codec."""
    assert cat == tm.loads(tm.dumps(cat), Catalogue)


def test_toml_document_needs_schema() -> None:
    """A rules document without its schema keys is refused with their paths."""
    with pytest.raises(ValidationError) as info:
        loads_toml(GOOD_RULE, RuleSetSpec)
    assert ("$.schema", "$.schema_version") == info.value.paths
