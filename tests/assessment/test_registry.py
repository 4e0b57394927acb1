"""The instrument registry, and plugins found through the entry-point group."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import therapeutic_model as tm
from therapeutic_model import (
    Domain,
    InstrumentRegistry,
    InstrumentSpec,
    InvalidDefinition,
    Item,
    PluginError,
    UnknownInstrument,
)

PLUGIN_MODULE = '''
"""A fake provider's instruments, exposed through entry points for the registry test."""

from therapeutic_model import Domain, InstrumentSpec, Item


def _spec(instrument_id):
    return InstrumentSpec(
        id=instrument_id,
        version="1",
        title="Fake " + instrument_id,
        items=(Item("q1", 0, 3), Item("q2", 0, 3)),
        domains=(Domain("needs", ("q1", "q2")),),
    )


SPEC = _spec("fake-spec")


def make_spec():
    return _spec("fake-factory")


def make_nothing():
    return 42


CLASH = _spec("sdq-parent")
'''

BROKEN_MODULE = """
raise RuntimeError("this plugin is broken on purpose")
"""

ENTRY_POINTS = """
[therapeutic_model.instruments]
spec = tm_fake_plugin:SPEC
factory = tm_fake_plugin:make_spec
broken = tm_broken_plugin:SPEC
nothing = tm_fake_plugin:make_nothing
clash = tm_fake_plugin:CLASH
"""


def tiny(instrument_id: str = "tiny") -> InstrumentSpec:
    """A one-domain instrument."""
    return InstrumentSpec(
        id=instrument_id,
        version="1",
        title="Tiny",
        items=(Item("q", 0, 1),),
        domains=(Domain("d", ("q",)),),
    )


@pytest.fixture
def plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An installed distribution (a dist-info folder on sys.path) with five entry points."""
    (tmp_path / "tm_fake_plugin.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    (tmp_path / "tm_broken_plugin.py").write_text(textwrap.dedent(BROKEN_MODULE))
    info = tmp_path / "tm_fake_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tm-fake-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    for name in ("tm_fake_plugin", "tm_broken_plugin"):
        sys.modules.pop(name, None)


def test_register_and_get() -> None:
    """A registered instrument is found by id, and listed."""
    reg = InstrumentRegistry()
    reg.register(tiny())
    assert "tiny" in reg
    assert reg.get("tiny") is not None
    assert ("tiny",) == reg.ids()
    assert 1 == len(reg)


def test_unknown_id_names_the_known_ones() -> None:
    """Asking for an id not held says which ids are held."""
    reg = InstrumentRegistry.of([tiny("a"), tiny("b")])
    with pytest.raises(UnknownInstrument, match="no instrument 'c'; known instruments: a, b"):
        reg.get("c")


def test_duplicate_id_is_refused() -> None:
    """Nothing registered is silently overwritten."""
    reg = InstrumentRegistry.of([tiny()])
    first = reg.get("tiny")
    with pytest.raises(InvalidDefinition, match="an instrument 'tiny' is already registered"):
        reg.register(tiny())
    assert first is reg.get("tiny")


def test_replace_must_be_asked_for() -> None:
    """With replace=True the caller chooses to overwrite."""
    reg = InstrumentRegistry.of([tiny()])
    newer = tiny()
    reg.register(newer, replace=True)
    assert newer is reg.get("tiny")


def test_informant_variants_are_registered_separately() -> None:
    """A spec with informants is registered once per informant."""
    spec = InstrumentSpec(
        id="two",
        version="1",
        title="Two",
        items=(Item("q", 0, 1),),
        domains=(Domain("d", ("q",)),),
        informants=("carer", "self"),
    )
    assert ("two-carer", "two-self") == InstrumentRegistry.of([spec]).ids()


def test_default_registry_is_new_each_time() -> None:
    """Changing one default registry changes no other."""
    a = tm.default_registry(plugins=False)
    a.register(tiny())
    assert "tiny" not in tm.default_registry(plugins=False)


def test_plugins_load_from_entry_points(plugins: Path) -> None:
    """A spec and a zero-argument callable returning one are both registered."""
    reg = tm.default_registry()
    assert {"fake-spec", "fake-factory"} <= set(reg.ids())
    profile = reg.get("fake-factory").score({"q1": 3, "q2": 1}, age_months=100)
    assert 4.0 == profile.value("needs")


def test_failing_plugins_are_listed_not_fatal(plugins: Path) -> None:
    """A plugin that fails to import, gives no instrument or clashes is listed with a reason."""
    reg = tm.default_registry()
    reasons = {f.name: f.reason for f in reg.failures}
    assert {"broken", "nothing", "clash"} == set(reasons)
    assert "RuntimeError: this plugin is broken on purpose" == reasons["broken"]
    assert "neither an Instrument nor a callable" in reasons["nothing"]
    assert "'sdq-parent' is already registered" in reasons["clash"]
    assert "sdq-parent" in reg  # the shipped one is kept


def test_strict_registry_raises_on_a_failing_plugin(plugins: Path) -> None:
    """default_registry(strict=True) raises PluginError instead of listing the failure."""
    with pytest.raises(PluginError) as caught:
        tm.default_registry(strict=True)
    assert "broken" == caught.value.name  # the first in entry-point order that fails
    assert "RuntimeError: this plugin is broken on purpose" == caught.value.reason
    assert isinstance(caught.value, ImportError)


def test_plugins_can_be_turned_off(plugins: Path) -> None:
    """plugins=False gives only the shipped instruments."""
    reg = tm.default_registry(plugins=False)
    assert "fake-spec" not in reg
    assert [] == reg.failures
