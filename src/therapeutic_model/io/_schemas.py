"""Schema names and versions of every stored record, and the migrations between versions.

Each public record that can be stored has a schema name (``therapeutic_model/profile``) and a
current version. When a record's shape changes, its version goes up and a migration from the
previous version is added to :data:`MIGRATIONS`, with a test that loads the old form.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = ["MIGRATIONS", "schema_of", "type_for_schema"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[tuple[str, int], Migration] = {}
"""Migrations by (schema name, version migrated from); each returns the next version's body."""


@functools.cache
def _table() -> dict[type, tuple[str, int]]:
    from therapeutic_model import assessment as a
    from therapeutic_model import response as r
    from therapeutic_model.child import Child

    return {
        Child: ("therapeutic_model/child", 1),
        a.Profile: ("therapeutic_model/profile", 1),
        a.DomainScore: ("therapeutic_model/domain_score", 1),
        a.Band: ("therapeutic_model/band", 1),
        a.Assessment: ("therapeutic_model/assessment", 1),
        a.DevelopmentalHistory: ("therapeutic_model/developmental_history", 1),
        a.InstrumentSpec: ("therapeutic_model/instrument", 1),
        a.AgeNorms: ("therapeutic_model/age_norms", 1),
        a.PeriodHistory: ("therapeutic_model/period_history", 1),
        a.Item: ("therapeutic_model/instrument_item", 1),
        a.Domain: ("therapeutic_model/instrument_domain", 1),
        a.DerivedScore: ("therapeutic_model/derived_score", 1),
        a.Level: ("therapeutic_model/level", 1),
        a.BandSet: ("therapeutic_model/band_set", 1),
        a.BandDef: ("therapeutic_model/band_def", 1),
        # element 2, individual response
        r.IndividualResponse: ("therapeutic_model/individual_response", 1),
        r.Goal: ("therapeutic_model/goal", 1),
        r.PlannedIntervention: ("therapeutic_model/planned_intervention", 1),
        r.RiskAssessment: ("therapeutic_model/risk_assessment", 1),
        r.Intervention: ("therapeutic_model/intervention", 1),
        r.Catalogue: ("therapeutic_model/catalogue", 1),
        r.Rule: ("therapeutic_model/rule", 1),
        r.RuleSetSpec: ("therapeutic_model/rules", 1),
        r.RuleSet: ("therapeutic_model/rule_set", 1),
        r.Suggestion: ("therapeutic_model/suggestion", 1),
        r.Suggestions: ("therapeutic_model/suggestions", 1),
    }


def schema_of(cls: type) -> tuple[str, int]:
    """The schema name and current version of a record type.

    Raises:
        TypeError: if the type is not a stored record of the library.
    """
    try:
        return _table()[cls]
    except KeyError:
        msg = f"{cls.__name__} is not a record with a schema"
        raise TypeError(msg) from None


def type_for_schema(name: str) -> type | None:
    """The record type stored under a schema name, if any."""
    for cls, (schema, _) in _table().items():
        if schema == name:
            return cls
    return None
