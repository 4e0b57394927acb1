"""Shared fixtures for the response element's tests: shipped instruments, catalogue and rules."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

import therapeutic_model as tm
from therapeutic_model.io import default_catalogue, default_rules
from therapeutic_model.response import Catalogue, RuleSet


@pytest.fixture(scope="session")
def registry() -> tm.InstrumentRegistry:
    """The shipped instruments, without plugins."""
    return tm.default_registry(plugins=False)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The shipped catalogue."""
    return default_catalogue()


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """The shipped rule set."""
    return default_rules()


def neuro_profile(
    registry: tm.InstrumentRegistry,
    ratings: Mapping[str, float] | None = None,
    *,
    default: float = 4,
    age_months: float = 130,
) -> tm.Profile:
    """A neurosequential profile: every function rated ``default`` except those given."""
    inst = registry.get("neurosequential")
    responses = dict.fromkeys(inst.item_ids, default)
    responses.update(ratings or {})
    return inst.score(responses, age_months=age_months)


@pytest.fixture(scope="session")
def make_neuro(registry: tm.InstrumentRegistry):  # type: ignore[no-untyped-def]
    """Build neurosequential profiles (see :func:`neuro_profile`)."""

    def make(
        ratings: Mapping[str, float] | None = None, *, default: float = 4, age_months: float = 130
    ) -> tm.Profile:
        return neuro_profile(registry, ratings, default=default, age_months=age_months)

    return make
