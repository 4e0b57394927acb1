"""Element 2, individual response: interventions, catalogue, rules, suggestions and the plan."""

from therapeutic_model.response._plan import (
    INTERVENTION_STATUSES,
    STATUS_TRANSITIONS,
    AttainmentLevels,
    Boundary,
    Frequency,
    Goal,
    GoalStatus,
    IndividualResponse,
    InterventionStatus,
    KeyWorkingSchedule,
    PlannedIntervention,
    PlanRevision,
    Provision,
    Risk,
    RiskAssessment,
    Trigger,
)

__all__ = [
    "INTERVENTION_STATUSES",
    "STATUS_TRANSITIONS",
    "AttainmentLevels",
    "Boundary",
    "Frequency",
    "Goal",
    "GoalStatus",
    "IndividualResponse",
    "InterventionStatus",
    "KeyWorkingSchedule",
    "PlanRevision",
    "PlannedIntervention",
    "Provision",
    "Risk",
    "RiskAssessment",
    "Trigger",
]
