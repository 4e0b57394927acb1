"""therapeutic_model: the four elements of a trauma-informed therapeutic model, as typed objects.

1. Trauma assessment: instruments scored against age norms (:mod:`therapeutic_model.assessment`).
2. Individual response: rules that suggest interventions (:mod:`therapeutic_model.response`).
3. Reviewing and monitoring: tracker, review cycle, progress (:mod:`therapeutic_model.review`).
4. Team regulation: supervision and wellbeing checks (:mod:`therapeutic_model.team`).

The library suggests, measures and reminds. Decisions about a child's care stay with people.

Every name below is loaded on first use, so ``import therapeutic_model`` does no work and
imports no numpy, networkx or matplotlib until something is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# name -> the module that defines it (the public face; see DESIGN.md)
_WHERE: dict[str, str] = {
    # the child, errors
    **dict.fromkeys(("Child", "ChildId", "Period", "age_in_months"), "child"),
    **dict.fromkeys(
        (
            "FieldError",
            "InvalidDefinition",
            "InvalidValue",
            "PluginError",
            "TherapeuticModelError",
            "TransitionNotAllowed",
            "UnknownInstrument",
            "ValidationError",
        ),
        "exceptions",
    ),
    # element 1: assessment
    **dict.fromkeys(
        (
            "AgeNorms",
            "Assessment",
            "Band",
            "BandDef",
            "BandSet",
            "DerivedScore",
            "DevelopmentalHistory",
            "Domain",
            "DomainScore",
            "Instrument",
            "InstrumentRegistry",
            "InstrumentSpec",
            "Item",
            "Level",
            "PeriodHistory",
            "PluginFailure",
            "Profile",
            "ScoreBatch",
        ),
        "assessment",
    ),
    # element 2: individual response
    **dict.fromkeys(
        (
            "Catalogue",
            "Condition",
            "Goal",
            "IndividualResponse",
            "Intervention",
            "PlannedIntervention",
            "RiskAssessment",
            "Rule",
            "RuleSet",
            "Suggestion",
            "Suggestions",
            "Trigger",
            "draft_plan",
        ),
        "response",
    ),
    # element 3: reviewing and monitoring
    **dict.fromkeys(
        (
            "Attendee",
            "ChildView",
            "Decision",
            "DecisionKind",
            "MeetingEvidence",
            "Progress",
            "ReliableChange",
            "ReviewCycle",
            "ReviewMeeting",
            "ReviewPolicy",
            "Schedule",
            "Tracker",
            "classify_change",
            "clinical_cutoffs",
            "clinically_significant",
            "default_cycle",
            "due",
            "gas_t_score",
            "reliable_change",
            "summarise_progress",
            "trend",
        ),
        "review",
    ),
    # element 4: team regulation
    **dict.fromkeys(
        (
            "StaffMember",
            "SupervisionSession",
            "TeamPolicy",
            "TeamRecords",
            "TeamReport",
            "check_team",
            "check_teams",
        ),
        "team",
    ),
    # the whole model
    **dict.fromkeys(("ModelCheck", "TherapeuticModel", "check_model", "summarise_home"), "model"),
    # the boundary
    **dict.fromkeys(
        (
            "default_catalogue",
            "default_registry",
            "default_rules",
            "dumps",
            "load_catalogue",
            "load_instrument",
            "load_model",
            "load_preset",
            "load_rules",
            "loads",
        ),
        "io",
    ),
}

_SUBMODULES = frozenset(
    {
        "assessment",
        "child",
        "exceptions",
        "io",
        "model",
        "report",
        "response",
        "review",
        "simulate",
        "team",
        "testing",
    }
)

__all__ = [
    "AgeNorms",
    "Assessment",
    "Attendee",
    "Band",
    "BandDef",
    "BandSet",
    "Catalogue",
    "Child",
    "ChildId",
    "ChildView",
    "Condition",
    "Decision",
    "DecisionKind",
    "DerivedScore",
    "DevelopmentalHistory",
    "Domain",
    "DomainScore",
    "FieldError",
    "Goal",
    "IndividualResponse",
    "Instrument",
    "InstrumentRegistry",
    "InstrumentSpec",
    "Intervention",
    "InvalidDefinition",
    "InvalidValue",
    "Item",
    "Level",
    "MeetingEvidence",
    "ModelCheck",
    "Period",
    "PeriodHistory",
    "PlannedIntervention",
    "PluginError",
    "PluginFailure",
    "Profile",
    "Progress",
    "ReliableChange",
    "ReviewCycle",
    "ReviewMeeting",
    "ReviewPolicy",
    "RiskAssessment",
    "Rule",
    "RuleSet",
    "Schedule",
    "ScoreBatch",
    "StaffMember",
    "Suggestion",
    "Suggestions",
    "SupervisionSession",
    "TeamPolicy",
    "TeamRecords",
    "TeamReport",
    "TherapeuticModel",
    "TherapeuticModelError",
    "Tracker",
    "TransitionNotAllowed",
    "Trigger",
    "UnknownInstrument",
    "ValidationError",
    "__version__",
    "age_in_months",
    "check_model",
    "check_team",
    "check_teams",
    "classify_change",
    "clinical_cutoffs",
    "clinically_significant",
    "default_catalogue",
    "default_cycle",
    "default_registry",
    "default_rules",
    "draft_plan",
    "due",
    "dumps",
    "gas_t_score",
    "load_catalogue",
    "load_instrument",
    "load_model",
    "load_preset",
    "load_rules",
    "loads",
    "reliable_change",
    "report",
    "simulate",
    "summarise_home",
    "summarise_progress",
    "trend",
]


def __getattr__(name: str) -> object:
    where = _WHERE.get(name)
    if where is not None:
        value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE, *_SUBMODULES})


if TYPE_CHECKING:
    from therapeutic_model import report, simulate
    from therapeutic_model.assessment import (
        AgeNorms,
        Assessment,
        Band,
        BandDef,
        BandSet,
        DerivedScore,
        DevelopmentalHistory,
        Domain,
        DomainScore,
        Instrument,
        InstrumentRegistry,
        InstrumentSpec,
        Item,
        Level,
        PeriodHistory,
        PluginFailure,
        Profile,
        ScoreBatch,
    )
    from therapeutic_model.child import Child, ChildId, Period, age_in_months
    from therapeutic_model.exceptions import (
        FieldError,
        InvalidDefinition,
        InvalidValue,
        PluginError,
        TherapeuticModelError,
        TransitionNotAllowed,
        UnknownInstrument,
        ValidationError,
    )
    from therapeutic_model.io import (
        default_catalogue,
        default_registry,
        default_rules,
        dumps,
        load_catalogue,
        load_instrument,
        load_model,
        load_preset,
        load_rules,
        loads,
    )
    from therapeutic_model.model import ModelCheck, TherapeuticModel, check_model, summarise_home
    from therapeutic_model.response import (
        Catalogue,
        Condition,
        Goal,
        IndividualResponse,
        Intervention,
        PlannedIntervention,
        RiskAssessment,
        Rule,
        RuleSet,
        Suggestion,
        Suggestions,
        Trigger,
        draft_plan,
    )
    from therapeutic_model.review import (
        Attendee,
        ChildView,
        Decision,
        DecisionKind,
        MeetingEvidence,
        Progress,
        ReliableChange,
        ReviewCycle,
        ReviewMeeting,
        ReviewPolicy,
        Schedule,
        Tracker,
        classify_change,
        clinical_cutoffs,
        clinically_significant,
        default_cycle,
        due,
        gas_t_score,
        reliable_change,
        summarise_progress,
        trend,
    )
    from therapeutic_model.team import (
        StaffMember,
        SupervisionSession,
        TeamPolicy,
        TeamRecords,
        TeamReport,
        check_team,
        check_teams,
    )
