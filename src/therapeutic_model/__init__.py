"""therapeutic_model: the four elements of a trauma-informed therapeutic model, as typed objects.

1. Trauma assessment: instruments scored against age norms (:mod:`therapeutic_model.assessment`).
2. Individual response: rules that suggest interventions (:mod:`therapeutic_model.response`).
3. Reviewing and monitoring: tracker, review cycle, progress (:mod:`therapeutic_model.review`).
4. Team regulation: supervision and wellbeing checks (:mod:`therapeutic_model.team`).

The library suggests, measures and reminds. Decisions about a child's care stay with people.
"""

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
from therapeutic_model.io import default_registry, dumps, load_instrument, loads

__version__ = "0.1.0"

__all__ = [
    "AgeNorms",
    "Assessment",
    "Band",
    "BandDef",
    "BandSet",
    "Child",
    "ChildId",
    "DerivedScore",
    "DevelopmentalHistory",
    "Domain",
    "DomainScore",
    "FieldError",
    "Instrument",
    "InstrumentRegistry",
    "InstrumentSpec",
    "InvalidDefinition",
    "InvalidValue",
    "Item",
    "Level",
    "Period",
    "PeriodHistory",
    "PluginError",
    "PluginFailure",
    "Profile",
    "ScoreBatch",
    "TherapeuticModelError",
    "TransitionNotAllowed",
    "UnknownInstrument",
    "ValidationError",
    "__version__",
    "age_in_months",
    "default_registry",
    "dumps",
    "load_instrument",
    "loads",
]
