"""Tests of model files: load_model resolves instruments, catalogues and rules relative to the
file, and names every bad reference by its path; the shipped presets load."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

import therapeutic_model as tm
from therapeutic_model.io import PRESETS, load_model, load_preset
from therapeutic_model.model import TherapeuticModel, check_model

HEAD = 'schema = "therapeutic_model/model"\nschema_version = 1\nname = "ours"\n'

CATALOGUE = """schema = "therapeutic_model/catalogue"
schema_version = 1
[[interventions]]
id = "walk"
name = "A rhythmic walk"
kind = "therapeutic_caregiving"
level = "regulate"
domains = ["sensory_integration"]
"""

RULES = """schema = "therapeutic_model/rules"
schema_version = 1
[[rules]]
id = "walk-when-red"
suggest = ["walk"]
when = { kind = "band", instrument = "neurosequential", domain = "sensory_integration", \
at_least = 2 }
"""

TOOL = """schema = "therapeutic_model/instrument"
schema_version = 1
id = "our-tool"
version = "1"
title = "Our tool"
[[items]]
id = "1"
min = 0
max = 3
[[domains]]
id = "calm"
items = ["1"]
"""


def write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def errors(path: Path) -> tm.ValidationError:
    with pytest.raises(tm.ValidationError) as exc:
        load_model(path)
    return exc.value


def test_presets_are_listed_and_load() -> None:
    """Both shipped presets load as models."""
    assert PRESETS == ("tier", "therapy-only")
    assert [load_preset(n).name for n in PRESETS] == list(PRESETS)


def test_unknown_preset_is_a_clear_error() -> None:
    """An unknown preset name lists the presets."""
    with pytest.raises(tm.ValidationError, match="presets: tier, therapy-only"):
        load_preset("nmt")


def test_tier_file_loads_the_same_by_path(tmp_path: Path) -> None:
    """The TIER file copied elsewhere loads to the same model as the preset."""
    src = resources.files("therapeutic_model.presets").joinpath("tier.toml")
    dst = tmp_path / "tier.toml"
    dst.write_text(src.read_text("utf-8"), encoding="utf-8")
    assert load_model(dst) == load_preset("tier")


def test_therapy_only_refers_to_files_next_to_it(tmp_path: Path) -> None:
    """The therapy-only preset's catalogue and rules resolve next to the model file."""
    folder = resources.files("therapeutic_model.presets")
    for name in ("therapy-only.toml", "therapy-only-catalogue.toml", "therapy-only-rules.toml"):
        (tmp_path / name).write_text(folder.joinpath(name).read_text("utf-8"), encoding="utf-8")
    model = load_model(tmp_path / "therapy-only.toml")
    assert model.response is not None
    assert model.response.catalogue.ids() == ("external_psychotherapy",)


def test_relative_catalogue_rules_and_instrument_resolve(tmp_path: Path) -> None:
    """A user's files in sub-folders resolve relative to the model file."""
    write(tmp_path, "data/catalogue.toml", CATALOGUE)
    write(tmp_path, "data/rules.toml", RULES)
    write(tmp_path, "tools/our-tool.toml", TOOL)
    model_file = write(
        tmp_path,
        "model/ours.toml",
        HEAD.replace(
            'name = "ours"\n',
            'name = "ours"\ninstruments = ["../tools/our-tool.toml"]\n'
            '[assessment]\nentry_instruments = ["our-tool"]\n'
            '[response]\ncatalogue = "../data/catalogue.toml"\nrules = "../data/rules.toml"\n',
        ),
    )
    model = load_model(model_file)
    assert model.instrument("our-tool") is not None
    assert model.response is not None
    assert model.response.rules is not None
    assert [r.id for r in model.response.rules.rules] == ["walk-when-red"]


def test_unknown_entry_instrument_names_its_path_and_the_known_ids(tmp_path: Path) -> None:
    """An entry instrument no registry holds fails at $.assessment.entry_instruments[1]."""
    p = write(
        tmp_path, "m.toml", HEAD + '[assessment]\nentry_instruments = ["sdq-parent", "nmt"]\n'
    )
    exc = errors(p)
    assert exc.paths == ("$.assessment.entry_instruments[1]",)
    assert "no instrument 'nmt'" in str(exc)
    assert "neurosequential" in str(exc)
    assert exc.what == "m.toml"


def test_missing_rule_file_names_the_rules_path(tmp_path: Path) -> None:
    """A rules file that does not exist fails at $.response.rules, naming the file."""
    p = write(tmp_path, "m.toml", HEAD + '[response]\nrules = "nowhere.toml"\n')
    exc = errors(p)
    assert exc.paths == ("$.response.rules",)
    assert "'nowhere.toml'" in str(exc)
    assert "cannot read file" in str(exc)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'suggest = ["walk"]', 'suggest = ["swim"]', "$.rules[0].suggest[0]", id="intervention"
        ),
        pytest.param(
            'suggest = ["walk"]',
            'suggest = ["walk"]\nwho = 1',
            "at $.rules[0].who: unknown field",
            id="unknown-key",
        ),
        pytest.param(
            'domain = "sensory_integration"', 'domain = "sensory"', "sensory", id="domain"
        ),
    ],
)
def test_bad_rule_is_named_at_the_rules_path_and_inside_the_file(
    old: str, new: str, expected: str, tmp_path: Path
) -> None:
    """An unknown intervention, key or domain in a rule: $.response.rules, and where inside."""
    write(tmp_path, "catalogue.toml", CATALOGUE)
    write(tmp_path, "rules.toml", RULES.replace(old, new))
    p = write(
        tmp_path,
        "m.toml",
        HEAD + '[response]\ncatalogue = "catalogue.toml"\nrules = "rules.toml"\n',
    )
    exc = errors(p)
    assert exc.paths == ("$.response.rules",)
    assert expected in str(exc)


def test_missing_instrument_file_names_its_index(tmp_path: Path) -> None:
    """An instrument file that cannot be read fails at $.instruments[0]."""
    p = write(
        tmp_path,
        "m.toml",
        HEAD.replace('name = "ours"\n', 'name = "ours"\ninstruments = ["gone.toml"]\n'),
    )
    assert errors(p).paths == ("$.instruments[0]",)


def test_every_bad_reference_is_listed_at_once(tmp_path: Path) -> None:
    """Unknown instruments in several places and a missing catalogue: one error, every path."""
    text = HEAD + (
        '[assessment]\nentry_instruments = ["x"]\n'
        '[response]\ncatalogue = "none.toml"\n'
        '[review.schedule]\nreassessment_instrument = "y"\n'
        "[review.psychometrics.z]\nsd = { a = 1.0 }\nreliability = { a = 0.8 }\n"
        '[team.wellbeing]\ninstrument = "w"\n'
    )
    assert set(errors(write(tmp_path, "m.toml", text)).paths) == {
        "$.assessment.entry_instruments[0]",
        "$.response.catalogue",
        "$.review.schedule.reassessment_instrument",
        "$.review.psychometrics.z",
        "$.team.wellbeing.instrument",
    }


def test_malformed_model_field_names_its_path(tmp_path: Path) -> None:
    """A wrong type in the model file fails at its path, naming the file."""
    p = write(tmp_path, "m.toml", HEAD + '[assessment]\nwithin_days = "soon"\n')
    exc = errors(p)
    assert exc.paths == ("$.assessment.within_days",)
    assert exc.what == "m.toml"


def test_unknown_key_in_the_model_file_is_refused(tmp_path: Path) -> None:
    """An unknown element key is refused, not ignored."""
    assert errors(write(tmp_path, "m.toml", HEAD + "[therapy]\nhours = 1\n")).paths == (
        "$.therapy",
    )


def test_unreadable_model_file_is_a_validation_error(tmp_path: Path) -> None:
    """A model file that does not exist gives a ValidationError, not an OSError."""
    assert errors(tmp_path / "nope.toml").paths == ("$",)


def test_model_file_may_be_json(tmp_path: Path) -> None:
    """A JSON model file loads like TOML."""
    doc = {
        "schema": "therapeutic_model/model",
        "schema_version": 1,
        "name": "j",
        "assessment": {"entry_instruments": ["neurosequential"]},
        "team": {},
    }
    p = tmp_path / "m.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    model = load_model(p)
    assert model.assessment is not None
    assert model.team == tm.team.TeamPolicy()


def test_absent_elements_load_as_none_and_fail_the_check(tmp_path: Path) -> None:
    """A file with only a name loads; check_model then fails all four elements."""
    model = load_model(write(tmp_path, "m.toml", HEAD))
    assert isinstance(model, TherapeuticModel)
    assert (model.assessment, model.response, model.review, model.team) == (None,) * 4
    assert check_model(model).failing_elements == (1, 2, 3, 4)


def test_rules_none_loads_a_catalogue_without_rules(tmp_path: Path) -> None:
    """rules = "none" gives a response with a catalogue and no rules."""
    model = load_model(write(tmp_path, "m.toml", HEAD + '[response]\nrules = "none"\n'))
    assert model.response is not None
    assert model.response.rules is None


def test_the_registry_passed_in_is_not_changed(tmp_path: Path) -> None:
    """The model's own instruments go into a copy of the registry."""
    write(tmp_path, "tool.toml", TOOL)
    reg = tm.default_registry(plugins=False)
    before = reg.ids()
    load_model(
        write(
            tmp_path,
            "m.toml",
            HEAD.replace('name = "ours"\n', 'name = "ours"\ninstruments = ["tool.toml"]\n'),
        ),
        registry=reg,
    )
    assert reg.ids() == before


def test_preset_files_are_shipped_as_package_data() -> None:
    """The preset TOML files are in the package (so wheels carry them)."""
    names = {p.name for p in resources.files("therapeutic_model.presets").iterdir()}
    assert {
        "tier.toml",
        "therapy-only.toml",
        "therapy-only-catalogue.toml",
        "therapy-only-rules.toml",
    } <= names
