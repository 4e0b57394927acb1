"""Element 1, trauma assessment: instruments, age norms, profiles and developmental history."""

from therapeutic_model.assessment._bands import Band, BandDef, BandSet
from therapeutic_model.assessment._history import DevelopmentalHistory, PeriodHistory
from therapeutic_model.assessment._kernel import ScoreBatch, round_half_up
from therapeutic_model.assessment._norms import AgeNorms
from therapeutic_model.assessment._profile import Assessment, DomainScore, Profile
from therapeutic_model.assessment._registry import InstrumentRegistry, PluginFailure
from therapeutic_model.assessment._spec import (
    DerivedScore,
    Domain,
    Instrument,
    InstrumentSpec,
    Item,
    Level,
)

__all__ = [
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
    "round_half_up",
]
