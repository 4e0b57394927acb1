"""The records of element 4, team regulation: staff, supervision, wellbeing, incidents.

Every record carries an opaque ``id`` chosen by the provider, so that a finding of a team check
can name the records behind it. Records hold no names: a staff member is an id and a role.
Dates are calendar dates; incident times are the home's local clock time (naive datetimes).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, NewType, TypeAlias

import attrs

from therapeutic_model._paths import OPAQUE_ID
from therapeutic_model.assessment import Profile
from therapeutic_model.child import ChildId
from therapeutic_model.exceptions import InvalidValue

__all__ = [
    "Appraisal",
    "Employment",
    "Incident",
    "IncidentKind",
    "PostIncidentSupport",
    "StaffId",
    "StaffMember",
    "SupervisionFormat",
    "SupervisionKind",
    "SupervisionSession",
    "SupportKind",
    "TeamRecord",
    "TeamRecords",
    "TrainingKind",
    "TrainingRecord",
    "WellbeingCheck",
]

StaffId = NewType("StaffId", str)
"""An opaque staff identifier chosen by the provider; never a name."""

_ID_PATTERN = OPAQUE_ID
_ID_RULE = "must be 1-64 letters, digits or . _ : - (an opaque id, never a name)"


def _check_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _ID_PATTERN.match(value):
        msg = f"{attribute.name} {_ID_RULE}"
        raise InvalidValue(msg)


def _check_ids(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(v, str) and _ID_PATTERN.match(v) for v in value
    ):
        msg = f"each of {attribute.name} {_ID_RULE}"
        raise InvalidValue(msg)


def _check_naive(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime):
        msg = f"{attribute.name} must be a date and time"
        raise InvalidValue(msg)
    if value.tzinfo is not None:
        msg = f"{attribute.name} must be the home's local clock time, without a time zone"
        raise InvalidValue(msg)


def _check_date(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # A datetime is a date too, but a record dated with a time would compare inconsistently.
    if not isinstance(value, date) or isinstance(value, datetime):
        msg = f"{attribute.name} must be a calendar date (no time of day)"
        raise InvalidValue(msg)


def _staff_ids(value: Iterable[str]) -> tuple[StaffId, ...]:
    if isinstance(value, str):
        return (StaffId(value),)
    return tuple(StaffId(v) for v in value)


def _staff_id(value: str) -> StaffId:
    return StaffId(value)


def _child_id(value: str) -> ChildId:
    return ChildId(value)


class Employment(enum.Enum):
    """How a staff member is engaged.

    Regulation 33(4) of the Children's Homes (England) Regulations 2015 speaks of *employees*;
    agency workers are employed by their agency, bank staff by the provider.
    """

    PERMANENT = "permanent"
    AGENCY = "agency"
    BANK = "bank"


class SupervisionKind(enum.Enum):
    """What a supervision session is for.

    Clinical supervision reflects on the emotional impact of the work with a clinician (the
    article's "caring for carers"); practice supervision is the practice-related supervision
    of reg 33(4)(b); managerial supervision covers tasks, rotas and performance.
    """

    CLINICAL = "clinical"
    PRACTICE = "practice"
    MANAGERIAL = "managerial"


class SupervisionFormat(enum.Enum):
    """One-to-one or group supervision."""

    INDIVIDUAL = "individual"
    GROUP = "group"


class TrainingKind(enum.Enum):
    """Whether a training record is the first completion of a course or a refresher."""

    COMPLETED = "completed"
    REFRESHED = "refreshed"


class IncidentKind(enum.Enum):
    """The kind of an incident in the home.

    ``restraint`` and ``control_measure`` (any other measure of control or discipline) are the
    measures regulation 35 asks to be recorded.
    """

    RESTRAINT = "restraint"
    CONTROL_MEASURE = "control_measure"
    MISSING = "missing"
    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    ALLEGATION = "allegation"
    PROPERTY_DAMAGE = "property_damage"
    OTHER = "other"


class SupportKind(enum.Enum):
    """One action after an incident, each timed by regulation 35(3).

    ``record_made``: the record of the measure was made; ``staff_spoken_to``: the registered
    person (or a manager acting for them) spoke with a member of staff involved;
    ``child_spoken_to``: the child was spoken to about the measure.
    """

    RECORD_MADE = "record_made"
    STAFF_SPOKEN_TO = "staff_spoken_to"
    CHILD_SPOKEN_TO = "child_spoken_to"


@attrs.frozen
class StaffMember:
    """A member of the care team: an opaque id, a role and when they started.

    Args:
        id: the provider's opaque staff id.
        role: the job role, e.g. ``"residential_care_worker"``, ``"registered_manager"``.
        started: the first day of work in the home.
        employment: permanent, agency or bank.
        left: the last day of work, if they have left.
    """

    id: StaffId = attrs.field(converter=_staff_id, validator=_check_id)
    role: str = attrs.field(validator=attrs.validators.instance_of(str))
    started: date = attrs.field(validator=_check_date)
    employment: Employment = attrs.field(
        default=Employment.PERMANENT, validator=attrs.validators.instance_of(Employment)
    )
    left: date | None = attrs.field(default=None, validator=attrs.validators.optional(_check_date))

    def __attrs_post_init__(self) -> None:
        if self.left is not None and self.left < self.started:
            msg = "left must not be before started"
            raise InvalidValue(msg)

    def employed_on(self, on: date) -> bool:
        """Whether the staff member works in the home on a date."""
        return self.started <= on and (self.left is None or on <= self.left)


def _positive_minutes(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 24 * 60:
        msg = f"{attribute.name} must be a whole number of minutes from 1 to 1440"
        raise InvalidValue(msg)


@attrs.frozen
class SupervisionSession:
    """One supervision session, individual or group.

    Args:
        id: the provider's record id.
        on: the date it took place.
        kind: clinical, practice or managerial.
        format: individual (exactly one attendee) or group.
        minutes: how long it lasted.
        supervisor_role: the role of the supervisor (e.g. ``"clinical_supervisor"``).
        attendees: the staff ids supervised.

    Raises:
        InvalidValue: if an individual session does not have exactly one attendee, or a group
            session has none.
    """

    id: str = attrs.field(validator=_check_id)
    on: date = attrs.field(validator=_check_date)
    kind: SupervisionKind = attrs.field(validator=attrs.validators.instance_of(SupervisionKind))
    attendees: tuple[StaffId, ...] = attrs.field(converter=_staff_ids, validator=_check_ids)
    format: SupervisionFormat = attrs.field(
        default=SupervisionFormat.INDIVIDUAL,
        validator=attrs.validators.instance_of(SupervisionFormat),
    )
    minutes: int = attrs.field(default=60, validator=_positive_minutes)
    supervisor_role: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if self.format is SupervisionFormat.INDIVIDUAL and len(self.attendees) != 1:
            msg = "an individual session must have exactly one attendee"
            raise InvalidValue(msg)
        if not self.attendees:
            msg = "a group session must have at least one attendee"
            raise InvalidValue(msg)
        if len(set(self.attendees)) != len(self.attendees):
            msg = "attendees must not repeat"
            raise InvalidValue(msg)


@attrs.frozen
class Appraisal:
    """A formal appraisal of one staff member's performance (reg 33(4)(c)).

    Args:
        id: the provider's record id.
        staff_id: who was appraised.
        on: the date of the appraisal.
        appraiser_role: the role of the appraiser.
    """

    id: str = attrs.field(validator=_check_id)
    staff_id: StaffId = attrs.field(converter=_staff_id, validator=_check_id)
    on: date = attrs.field(validator=_check_date)
    appraiser_role: str = attrs.field(default="", validator=attrs.validators.instance_of(str))


@attrs.frozen
class WellbeingCheck:
    """A staff member's wellbeing measure on a date: a scored ProQOL 5 (or the policy's tool).

    Args:
        id: the provider's record id.
        staff_id: whose wellbeing.
        on: the date it was completed.
        profile: the scored instrument, e.g. ``default_registry().get("proqol").score(...)``.
    """

    id: str = attrs.field(validator=_check_id)
    staff_id: StaffId = attrs.field(converter=_staff_id, validator=_check_id)
    on: date = attrs.field(validator=_check_date)
    profile: Profile = attrs.field(validator=attrs.validators.instance_of(Profile))


@attrs.frozen
class TrainingRecord:
    """Training a staff member completed or refreshed.

    Args:
        id: the provider's record id.
        staff_id: who was trained.
        on: the date it was completed.
        course: the course id; the team policy's training line names the one it tracks
            (default ``"trauma_informed"``).
        kind: first completion or a refresher.
    """

    id: str = attrs.field(validator=_check_id)
    staff_id: StaffId = attrs.field(converter=_staff_id, validator=_check_id)
    on: date = attrs.field(validator=_check_date)
    course: str = attrs.field(default="trauma_informed", validator=_check_id)
    kind: TrainingKind = attrs.field(
        default=TrainingKind.COMPLETED, validator=attrs.validators.instance_of(TrainingKind)
    )


@attrs.frozen
class Incident:
    """An incident in the home: its kind, when, the staff involved and the child.

    Args:
        id: the provider's record id.
        kind: restraint, another measure of control, missing from home, …
        at: when it happened (local clock time, no time zone).
        staff: the staff ids involved (for a restraint, those who used the measure).
        child_id: the child's opaque id.
    """

    id: str = attrs.field(validator=_check_id)
    kind: IncidentKind = attrs.field(validator=attrs.validators.instance_of(IncidentKind))
    at: datetime = attrs.field(validator=_check_naive)
    staff: tuple[StaffId, ...] = attrs.field(converter=_staff_ids, validator=_check_ids)
    child_id: ChildId = attrs.field(converter=_child_id, validator=_check_id)


@attrs.frozen
class PostIncidentSupport:
    """One action after an incident, with its time: the record, speaking with staff, the child.

    Args:
        id: the provider's record id.
        incident_id: the incident it follows.
        kind: record made, staff member spoken to, or child spoken to.
        at: when it was done (local clock time, no time zone).
        staff_id: for ``staff_spoken_to``, the staff member spoken with.
        by_role: the role of whoever did it (e.g. ``"registered_manager"``).

    Raises:
        InvalidValue: if ``staff_spoken_to`` names no staff member, or another kind names one.
    """

    id: str = attrs.field(validator=_check_id)
    incident_id: str = attrs.field(validator=_check_id)
    kind: SupportKind = attrs.field(validator=attrs.validators.instance_of(SupportKind))
    at: datetime = attrs.field(validator=_check_naive)
    staff_id: StaffId | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(_staff_id),
        validator=attrs.validators.optional(_check_id),
    )
    by_role: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def __attrs_post_init__(self) -> None:
        if (self.kind is SupportKind.STAFF_SPOKEN_TO) != (self.staff_id is not None):
            msg = "staff_id is required for staff_spoken_to and only for it"
            raise InvalidValue(msg)


TeamRecord: TypeAlias = (
    StaffMember
    | SupervisionSession
    | Appraisal
    | WellbeingCheck
    | TrainingRecord
    | Incident
    | PostIncidentSupport
)
"""Any one record of element 4."""


@attrs.frozen
class TeamRecords:
    """All the team records of one home, by kind. Build with :meth:`of` from a mixed iterable.

    The order of records does not matter to a check; it only numbers the paths in errors
    (``$.supervisions[3].on``).

    Args:
        home_id: the home's opaque id.
        staff: staff members.
        supervisions: supervision sessions.
        appraisals: appraisals.
        wellbeing: wellbeing checks.
        training: training records.
        incidents: incidents.
        supports: actions after incidents.
    """

    home_id: str = attrs.field(default="home", validator=_check_id)
    staff: tuple[StaffMember, ...] = attrs.field(default=(), converter=tuple)
    supervisions: tuple[SupervisionSession, ...] = attrs.field(default=(), converter=tuple)
    appraisals: tuple[Appraisal, ...] = attrs.field(default=(), converter=tuple)
    wellbeing: tuple[WellbeingCheck, ...] = attrs.field(default=(), converter=tuple)
    training: tuple[TrainingRecord, ...] = attrs.field(default=(), converter=tuple)
    incidents: tuple[Incident, ...] = attrs.field(default=(), converter=tuple)
    supports: tuple[PostIncidentSupport, ...] = attrs.field(default=(), converter=tuple)

    @classmethod
    def of(cls, records: Iterable[TeamRecord], *, home_id: str = "home") -> TeamRecords:
        """Sort a mixed iterable of records into a home's records, keeping their order.

        Raises:
            TypeError: if an item is not a team record.
        """
        buckets: dict[str, list[TeamRecord]] = {name: [] for name in _FIELD_OF.values()}
        for r in records:
            try:
                buckets[_FIELD_OF[type(r)]].append(r)
            except KeyError:
                msg = f"{type(r).__name__} is not a team record"
                raise TypeError(msg) from None
        return cls(home_id, **buckets)  # type: ignore[arg-type]

    def add(self, *records: TeamRecord) -> TeamRecords:
        """A new TeamRecords with the records appended (this one is unchanged)."""
        more = TeamRecords.of(records)
        changes = {name: getattr(self, name) + getattr(more, name) for name in _FIELD_OF.values()}
        return attrs.evolve(self, **changes)

    def __iter__(self) -> Iterator[TeamRecord]:
        for name in _FIELD_OF.values():
            yield from getattr(self, name)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in _FIELD_OF.values())


_FIELD_OF: dict[type, str] = {
    StaffMember: "staff",
    SupervisionSession: "supervisions",
    Appraisal: "appraisals",
    WellbeingCheck: "wellbeing",
    TrainingRecord: "training",
    Incident: "incidents",
    PostIncidentSupport: "supports",
}
