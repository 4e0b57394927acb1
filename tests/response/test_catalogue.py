"""Tests of interventions and catalogues."""

from __future__ import annotations

import pytest

from therapeutic_model.exceptions import InvalidDefinition, InvalidValue
from therapeutic_model.response import Catalogue, Frequency, Intervention, split_domain


def _iv(iv_id: str, **kw: object) -> Intervention:
    fields: dict[str, object] = {"name": "x", "kind": "enrichment", "level": "regulate"} | kw
    return Intervention(iv_id, **fields)  # type: ignore[arg-type]


def test_intervention_rejects_unknown_kind() -> None:
    """A kind outside the eight kinds of response is refused."""
    with pytest.raises(ValueError, match="kind"):
        _iv("a", kind="magic")


def test_intervention_rejects_bad_exposure_tag() -> None:
    """Exposure tags must be lower-case tags."""
    with pytest.raises(InvalidValue, match="exposures"):
        _iv("a", exposures=("Loud Noise",))


def test_intervention_rejects_bad_domain_reference() -> None:
    """A domain reference must be plain or 'instrument:domain'."""
    with pytest.raises(InvalidValue, match="domains"):
        _iv("a", domains=("a:b:",))


def test_serves_plain_and_qualified_references() -> None:
    """A plain domain serves any instrument; a qualified one only its own."""
    iv = _iv("a", domains=("peer", "neurosequential:relational"))
    assert (True, True, True, False) == (
        iv.serves("sdq-parent", "peer"),
        iv.serves("sdq-self", "peer"),
        iv.serves("neurosequential", "relational"),
        iv.serves("sdq-parent", "relational"),
    )


def test_split_domain() -> None:
    """Qualified references split at the last colon."""
    assert ("sdq-parent", "peer") == split_domain("sdq-parent:peer")


def test_catalogue_lists_every_duplicate_id() -> None:
    """Every duplicate id is named, with its path."""
    with pytest.raises(InvalidDefinition) as info:
        Catalogue((_iv("a"), _iv("a"), _iv("b"), _iv("b")))
    assert (
        "$.interventions[1].id: duplicate intervention id 'a'",
        "$.interventions[3].id: duplicate intervention id 'b'",
    ) == info.value.problems


def test_catalogue_lookups() -> None:
    """A catalogue finds interventions by id, kind and stage, and lists exposure tags."""
    cat = Catalogue(
        (
            _iv("swim", exposures=("water", "crowds"), frequency=Frequency(1, "week")),
            _iv("ddp", kind="psychotherapy", level="relate"),
        )
    )
    assert ("swim" in cat, "nope" in cat, len(cat)) == (True, False, 2)
    assert cat.get("ddp").kind == "psychotherapy"
    assert (cat.of_kind("psychotherapy"), cat.at_level("regulate")) == (
        (cat.get("ddp"),),
        (cat.get("swim"),),
    )
    assert ("crowds", "water") == cat.exposure_tags()


def test_unknown_id_is_a_key_error() -> None:
    """Asking for an id the catalogue lacks raises KeyError."""
    with pytest.raises(KeyError):
        Catalogue(()).get("x")
