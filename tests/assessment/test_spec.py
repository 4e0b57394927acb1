"""Instrument specs are checked when built: every problem is listed in one error."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from therapeutic_model import (
    AgeNorms,
    BandDef,
    BandSet,
    DerivedScore,
    Domain,
    Instrument,
    InstrumentSpec,
    InvalidDefinition,
    InvalidValue,
    Item,
    Level,
)
from therapeutic_model.testing import instrument_specs

ITEMS = (Item("a", 0, 2), Item("b", 0, 2, reverse=True), Item("c", 0, 2))


def small(**changes: object) -> InstrumentSpec:
    """A valid two-domain spec, changed as asked."""
    base: dict[str, object] = {
        "id": "small",
        "version": "1",
        "title": "Small",
        "items": ITEMS,
        "domains": (Domain("d1", ("a", "b")), Domain("d2", ("c",))),
        "derived": (DerivedScore("total", ("d1", "d2")),),
    }
    base.update(changes)
    return InstrumentSpec(**base)  # type: ignore[arg-type]


def problems(**changes: object) -> tuple[str, ...]:
    """The problems the changed spec is refused for."""
    with pytest.raises(InvalidDefinition) as caught:
        small(**changes)
    return caught.value.problems


def test_a_valid_spec_builds() -> None:
    """A consistent spec builds and lists its items and scores in order."""
    spec = small()
    assert ("a", "b", "c") == spec.item_ids
    assert ("d1", "d2", "total") == spec.score_ids


def test_spec_is_an_instrument() -> None:
    """An InstrumentSpec satisfies the Instrument protocol."""
    assert isinstance(small(), Instrument)


def test_item_in_no_domain_is_refused() -> None:
    """Every item must be scored somewhere."""
    assert ("item 'c' is in no domain",) == problems(
        domains=(Domain("d1", ("a", "b")),), derived=()
    )


def test_domain_with_unknown_item_is_refused() -> None:
    """A domain may only name items the spec has."""
    doms = (Domain("d1", ("a", "b", "zz")), Domain("d2", ("c",)))
    assert ("domain 'd1': unknown item 'zz'",) == problems(domains=doms)


def test_non_monotone_norms_are_refused() -> None:
    """Age norms that fall with age are refused, naming the score."""
    norms = {"d2": AgeNorms((0, 12, 24), (0.0, 2.0, 1.0))}
    assert (
        "norms for 'd2': expected values must not fall with age (norms are monotone)",
    ) == problems(norms=norms)


def test_norms_for_an_unknown_score_are_refused() -> None:
    """Norms must belong to a domain or derived score."""
    assert ("norms: unknown score 'zz'",) == problems(norms={"zz": AgeNorms((0, 1), (0, 1))})


def test_gapped_bands_are_refused() -> None:
    """Bands with a gap are refused, naming the score."""
    bands = (BandSet("total", (BandDef("ok", 0, 0, 2), BandDef("high", 1, 4, 6))),)
    assert ("bands for 'total': gap between bands 'ok' and 'high'",) == problems(bands=bands)


def test_overlapping_bands_are_refused() -> None:
    """Bands that overlap are refused, naming the score."""
    bands = (BandSet("total", (BandDef("ok", 0, 0, 3), BandDef("high", 1, 3, 6))),)
    assert ("bands for 'total': bands 'ok' and 'high' overlap",) == problems(bands=bands)


def test_bands_must_reach_the_highest_score() -> None:
    """The last band must reach the highest score the domains allow (here 6)."""
    bands = (BandSet("total", (BandDef("ok", 0, 0, 2), BandDef("high", 1, 3, 5))),)
    assert ("bands for 'total': no band covers scores above 5",) == problems(bands=bands)


def test_whole_number_bands_on_a_fractional_score_are_refused() -> None:
    """A prorated score without rounding can be fractional, so whole bands would leave gaps."""
    doms = (Domain("d1", ("a", "b"), min_answered=1), Domain("d2", ("c",)))
    bands = (BandSet("d1", (BandDef("ok", 0, 0, 2), BandDef("high", 1, 3, 4))),)
    assert (
        "bands for 'd1': whole-number bands, but the score can be fractional"
        " (set whole_numbers = false, or rounding = 'half_up')",
    ) == problems(domains=doms, derived=(), bands=bands)


def test_ratio_bands_need_norms() -> None:
    """Bands on the ratio to age-expected need norms for that score."""
    bands = (BandSet("d2", (BandDef("ok", 0, 0.0),), basis="ratio", whole_numbers=False),)
    assert ("bands for 'd2': ratio bands need norms for 'd2'",) == problems(bands=bands)


def test_bands_declared_twice_are_refused() -> None:
    """One band set per score and informant."""
    bs = BandSet("d2", (BandDef("ok", 0, 0, 2),))
    assert ("bands for 'd2': declared twice",) == problems(bands=(bs, bs))


def test_duplicate_ids_are_refused() -> None:
    """Item ids and score ids must be unique."""
    items = (*ITEMS, Item("a", 0, 1))
    assert ("duplicate item id 'a'",) == problems(items=items)
    doms = (Domain("d1", ("a", "b")), Domain("d1", ("c",)))
    assert "duplicate score id 'd1'" in problems(domains=doms, derived=())


def test_item_listed_twice_in_a_domain_is_refused() -> None:
    """An item counted twice would skew proration."""
    doms = (Domain("d1", ("a", "b", "a")), Domain("d2", ("c",)))
    assert ("domain 'd1': item 'a' listed twice",) == problems(domains=doms)


def test_item_scale_must_run_upwards() -> None:
    """An item's min must be below its max."""
    items = (Item("a", 2, 2), *ITEMS[1:])
    assert ("item 'a': min must be below max",) == problems(items=items)


def test_derived_score_needs_known_components() -> None:
    """A derived score may only sum domains the spec has, each once."""
    derived = (DerivedScore("total", ("d1", "zz", "d1")), DerivedScore("none", ()))
    assert (
        "derived score 'total': unknown domain 'zz'",
        "derived score 'total': domain 'd1' listed twice",
        "derived score 'none': no components",
    ) == problems(derived=derived)


def test_min_answered_must_fit_the_domain() -> None:
    """min_answered is between 1 and the domain's item count."""
    doms = (Domain("d1", ("a", "b"), min_answered=3), Domain("d2", ("c",)))
    assert ("domain 'd1': min_answered must be between 1 and 2",) == problems(domains=doms)


def test_unknown_level_is_refused() -> None:
    """A domain's level must be one of the spec's levels."""
    doms = (Domain("d1", ("a", "b"), level="cortex"), Domain("d2", ("c",)))
    levels = (Level("brainstem", 1),)
    assert ("domain 'd1': unknown level 'cortex'",) == problems(domains=doms, levels=levels)


def test_every_problem_is_listed_in_one_error() -> None:
    """A spec with many faults names each of them in a single InvalidDefinition."""
    items = (*ITEMS, Item("orphan", 0, 1))
    doms = (Domain("d1", ("a", "b", "ghost")), Domain("d2", ("c",)))
    norms = {"d1": AgeNorms((0, 12), (3.0, 1.0))}
    bands = (
        BandSet("d2", (BandDef("ok", 0, 0, 0), BandDef("hi", 1, 2, 2))),
        BandSet("total", (BandDef("ok", 0, 0, 3), BandDef("hi", 1, 3, 6))),
    )
    with pytest.raises(InvalidDefinition) as caught:
        small(items=items, domains=doms, norms=norms, bands=bands)
    assert (
        "domain 'd1': unknown item 'ghost'",
        "item 'orphan' is in no domain",
        "norms for 'd1': expected values must not fall with age (norms are monotone)",
        "bands for 'd2': gap between bands 'ok' and 'hi'",
        "bands for 'total': bands 'ok' and 'hi' overlap",
    ) == caught.value.problems
    assert "instrument 'small'" in str(caught.value)


def test_informant_variant_keeps_its_own_bands() -> None:
    """Resolving a spec for an informant keeps general bands and that informant's only."""
    general = BandSet("d2", (BandDef("ok", 0, 0, 2),))
    parent = BandSet("total", (BandDef("ok", 0, 0, 6),), informant="parent")
    teacher = BandSet("total", (BandDef("ok", 0, 0, 6),), informant="teacher")
    spec = small(informants=("parent", "teacher"), bands=(general, parent, teacher))
    resolved = spec.for_informant("teacher")
    assert ("small-teacher", "teacher") == (resolved.id, resolved.informant)
    assert (general, teacher) == resolved.bands


def test_unknown_informant_is_refused() -> None:
    """Only the spec's informants can be resolved."""
    with pytest.raises(InvalidDefinition, match="no informant 'carer'"):
        small(informants=("parent",)).for_informant("carer")


def test_a_bare_string_of_items_is_refused() -> None:
    """A domain's items are a list; one string is not split into characters."""
    with pytest.raises(InvalidValue, match="not one string"):
        Domain("d1", "ab")


def test_specs_are_frozen() -> None:
    """A spec cannot be changed in place; evolve gives a new, re-checked one."""
    spec = small()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        spec.title = "x"  # type: ignore[misc]
    assert "New" == attrs.evolve(spec, title="New").title


@given(instrument_specs())
def test_generated_specs_are_valid_and_score(spec: InstrumentSpec) -> None:
    """Every spec the public strategy draws builds, and scores an all-minimum response."""
    profile = spec.score({i.id: i.min for i in spec.items}, age_months=60)
    assert set(spec.score_ids) == set(profile.scores)


def test_an_empty_instrument_is_refused() -> None:
    """An instrument needs items and domains."""
    assert ("an instrument needs at least one item and one domain",) == problems(
        items=(), domains=(), derived=()
    )
