"""Element 4, team regulation: staff records, supervision, wellbeing, incidents, and the check.

Carers can only offer regulation they have. :func:`check_team` reads a home's team records
against a :class:`TeamPolicy` on a date and gives a :class:`TeamReport`: findings with the
policy line and the records behind each, a green / amber / red status with its reasons, and
monthly compliance. :func:`check_teams` does the same for many homes at once.
"""

from therapeutic_model.team._check import (
    Finding,
    MonthlyCompliance,
    RagStatus,
    TeamReport,
    check_team,
    check_teams,
)
from therapeutic_model.team._policy import (
    BandThreshold,
    CadenceRule,
    Interval,
    RestraintRule,
    Severity,
    SupervisionRule,
    TeamPolicy,
    TrainingRule,
    WellbeingRule,
)
from therapeutic_model.team._records import (
    Appraisal,
    Employment,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    StaffId,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamRecord,
    TeamRecords,
    TrainingKind,
    TrainingRecord,
    WellbeingCheck,
)
from therapeutic_model.team._table import TeamTable

__all__ = [
    "Appraisal",
    "BandThreshold",
    "CadenceRule",
    "Employment",
    "Finding",
    "Incident",
    "IncidentKind",
    "Interval",
    "MonthlyCompliance",
    "PostIncidentSupport",
    "RagStatus",
    "RestraintRule",
    "Severity",
    "StaffId",
    "StaffMember",
    "SupervisionFormat",
    "SupervisionKind",
    "SupervisionRule",
    "SupervisionSession",
    "SupportKind",
    "TeamPolicy",
    "TeamRecord",
    "TeamRecords",
    "TeamReport",
    "TeamTable",
    "TrainingKind",
    "TrainingRecord",
    "TrainingRule",
    "WellbeingCheck",
    "WellbeingRule",
    "check_team",
    "check_teams",
]
