"""Team records of many homes as columns: the arrays the team check runs on.

Building the table is the one pass over record objects; it checks every reference and date and
raises one :class:`~therapeutic_model.exceptions.ValidationError` naming every bad path. The
check itself (``_check.py``) then works on whole columns at once, so a batch of 500 homes and a
single home (a batch of one) run the same code.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.exceptions import FieldError, ValidationError
from therapeutic_model.team._policy import day_number
from therapeutic_model.team._records import (
    Employment,
    IncidentKind,
    SupervisionFormat,
    SupervisionKind,
    SupportKind,
    TeamRecords,
)

__all__ = ["TeamTable", "seconds_of"]

IntArray = NDArray[np.intp]
DayArray = NDArray[np.int64]
CodeArray = NDArray[np.int32]
IdArray = NDArray[np.object_]

NO_END = np.iinfo(np.int64).max // 4
"""The day number (or second) that stands for "never": a staff member who has not left."""

_EPOCH = datetime(1970, 1, 1)  # incident times are the home's local clock time: naive
_MAX_LISTED = 100  # a systematic error in a large export would otherwise list every record

EMPLOYMENT_CODES = {e: k for k, e in enumerate(Employment)}
KIND_CODES = {k: i for i, k in enumerate(SupervisionKind)}
FORMAT_CODES = {f: i for i, f in enumerate(SupervisionFormat)}
INCIDENT_CODES = {k: i for i, k in enumerate(IncidentKind)}
SUPPORT_CODES = {k: i for i, k in enumerate(SupportKind)}


def seconds_of(at: datetime) -> int:
    """Whole seconds since 1970-01-01 of a local clock time."""
    return (at - _EPOCH) // _ONE_SECOND


_ONE_SECOND = datetime(1970, 1, 1, 0, 0, 1) - _EPOCH


def _ids(values: list[str]) -> IdArray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class _Dated(Protocol):
    """A record about one staff member on one date."""

    @property
    def id(self) -> str: ...
    @property
    def staff_id(self) -> str: ...
    @property
    def on(self) -> date: ...


@attrs.frozen(eq=False)
class StaffColumns:
    """One row per staff member of every home."""

    home: IntArray
    ids: IdArray
    role: CodeArray
    started: DayArray
    left: DayArray
    employment: CodeArray


@attrs.frozen(eq=False)
class EventColumns:
    """Dated events about single staff members (one row per staff member per event).

    ``record`` indexes ``ids`` (a group session is one record with a row per attendee);
    ``extra`` holds the columns a line filters on (supervision kind, course, band ranks …).
    """

    staff: IntArray
    day: DayArray
    record: IntArray
    ids: IdArray
    extra: dict[str, NDArray[Any]] = attrs.field(factory=dict)


@attrs.frozen(eq=False)
class IncidentColumns:
    """One row per incident; ``pair_*`` one row per staff member involved."""

    home: IntArray
    ids: IdArray
    kind: CodeArray
    at: DayArray
    pair_incident: IntArray
    pair_staff: IntArray


@attrs.frozen(eq=False)
class SupportColumns:
    """One row per action after an incident; ``staff`` is -1 where no staff member is named."""

    incident: IntArray
    kind: CodeArray
    at: DayArray
    staff: IntArray
    ids: IdArray


@attrs.frozen(eq=False)
class TeamTable:
    """The team records of one or many homes as numpy columns.

    Build it with :meth:`from_records`; :func:`~therapeutic_model.team.check_teams` builds it
    for you. Staff are numbered across all homes; every event refers to staff by that number.

    Attributes:
        home_ids: the homes, in the order given.
        staff: staff columns.
        supervision: one row per attendee of each session, with ``kind``, ``format``,
            ``minutes`` and ``supervisor_role`` codes in ``extra``.
        appraisal: appraisals.
        wellbeing: wellbeing checks, with ``ranks`` (rows × ``wellbeing_scores``, -1 missing).
        training: training records, with ``course`` codes.
        incidents: incidents and the staff involved.
        supports: actions after incidents.
        vocabulary: the code of each role, supervisor role and course string.
        wellbeing_scores: the score ids of the ``ranks`` columns.
    """

    home_ids: tuple[str, ...]
    staff: StaffColumns
    supervision: EventColumns
    appraisal: EventColumns
    wellbeing: EventColumns
    training: EventColumns
    incidents: IncidentColumns
    supports: SupportColumns
    vocabulary: dict[str, int]
    wellbeing_scores: tuple[str, ...]

    @property
    def n_homes(self) -> int:
        """How many homes the table holds."""
        return len(self.home_ids)

    def code(self, word: str) -> int:
        """The code of a role or course string; -1 if no record uses it."""
        return self.vocabulary.get(word, -1)

    @classmethod
    def from_records(
        cls,
        homes: Sequence[TeamRecords],
        *,
        wellbeing_instrument: str = "proqol",
        wellbeing_scores: Sequence[str] = (),
        single: bool = False,
    ) -> TeamTable:
        """Check and lay out the records of many homes as columns.

        Args:
            homes: each home's records.
            wellbeing_instrument: the instrument every wellbeing check must use.
            wellbeing_scores: the wellbeing score ids whose band ranks are kept.
            single: number paths as for one home (``$.staff[2]``) rather than
                ``$[0].staff[2]``.

        Raises:
            ValidationError: naming every unknown reference, duplicate id, record dated before
                the staff member started, or action dated before its incident.
        """
        builder = _Builder(wellbeing_instrument, tuple(wellbeing_scores))
        for h, home in enumerate(homes):
            builder.add_home(h, home, "$" if single else f"$[{h}]")
        return builder.finish(tuple(home.home_id for home in homes))


@attrs.define
class _EventLists:
    staff: list[int] = attrs.Factory(list)
    day: list[int] = attrs.Factory(list)
    record: list[int] = attrs.Factory(list)
    ids: list[str] = attrs.Factory(list)
    extra: dict[str, list[object]] = attrs.Factory(dict)

    def add_record(self, record_id: str) -> int:
        self.ids.append(record_id)
        return len(self.ids) - 1

    def add_row(self, staff: int, day: int, record: int, **extra: object) -> None:
        self.staff.append(staff)
        self.day.append(day)
        self.record.append(record)
        for key, value in extra.items():
            self.extra.setdefault(key, []).append(value)

    def columns(self, dtypes: dict[str, type | str]) -> EventColumns:
        extra = {k: np.asarray(self.extra.get(k, []), dtype=dtype) for k, dtype in dtypes.items()}
        return EventColumns(
            staff=np.asarray(self.staff, dtype=np.intp),
            day=np.asarray(self.day, dtype=np.int64),
            record=np.asarray(self.record, dtype=np.intp),
            ids=_ids(self.ids),
            extra=extra,
        )


@attrs.define
class _Builder:
    """Collects rows and errors home by home."""

    instrument: str
    scores: tuple[str, ...]
    errors: list[FieldError] = attrs.Factory(list)
    vocabulary: dict[str, int] = attrs.Factory(dict)
    staff_home: list[int] = attrs.Factory(list)
    staff_ids: list[str] = attrs.Factory(list)
    staff_role: list[int] = attrs.Factory(list)
    staff_started: list[int] = attrs.Factory(list)
    staff_left: list[int] = attrs.Factory(list)
    staff_employment: list[int] = attrs.Factory(list)
    supervision: _EventLists = attrs.Factory(_EventLists)
    appraisal: _EventLists = attrs.Factory(_EventLists)
    wellbeing: _EventLists = attrs.Factory(_EventLists)
    training: _EventLists = attrs.Factory(_EventLists)
    inc_home: list[int] = attrs.Factory(list)
    inc_ids: list[str] = attrs.Factory(list)
    inc_kind: list[int] = attrs.Factory(list)
    inc_at: list[int] = attrs.Factory(list)
    pair_incident: list[int] = attrs.Factory(list)
    pair_staff: list[int] = attrs.Factory(list)
    sp_incident: list[int] = attrs.Factory(list)
    sp_kind: list[int] = attrs.Factory(list)
    sp_at: list[int] = attrs.Factory(list)
    sp_staff: list[int] = attrs.Factory(list)
    sp_ids: list[str] = attrs.Factory(list)

    def code(self, word: str) -> int:
        return self.vocabulary.setdefault(word, len(self.vocabulary))

    def error(self, path: str, message: str) -> None:
        self.errors.append(FieldError(path, message))

    def add_home(self, h: int, home: TeamRecords, root: str) -> None:
        staff = self._add_staff(h, home, root)
        self._add_supervision(home, root, staff)
        self._add_dated(self.appraisal, home.appraisals, f"{root}.appraisals", staff)
        self._add_wellbeing(home, root, staff)
        self._add_training(home, root, staff)
        incidents = self._add_incidents(h, home, root, staff)
        self._add_supports(home, root, staff, incidents)

    def _add_staff(self, h: int, home: TeamRecords, root: str) -> dict[str, tuple[int, int]]:
        """Index the home's staff: id → (global number, start day)."""
        index: dict[str, tuple[int, int]] = {}
        for i, s in enumerate(home.staff):
            if s.id in index:
                self.error(f"{root}.staff[{i}].id", "duplicate staff id in this home")
                continue
            start = day_number(s.started)
            index[s.id] = (len(self.staff_ids), start)
            self.staff_home.append(h)
            self.staff_ids.append(s.id)
            self.staff_role.append(self.code(s.role))
            self.staff_started.append(start)
            self.staff_left.append(NO_END if s.left is None else day_number(s.left))
            self.staff_employment.append(EMPLOYMENT_CODES[s.employment])
        return index

    def _check_unique(self, ids: Sequence[str], path: str) -> None:
        seen: set[str] = set()
        for i, rid in enumerate(ids):
            if rid in seen:
                self.error(f"{path}[{i}].id", "duplicate record id")
            seen.add(rid)

    def _staff_day(
        self, staff: dict[str, tuple[int, int]], staff_id: str, on: date, path: str, field: str
    ) -> tuple[int, int] | None:
        """The staff number and day of a dated record, or ``None`` after noting the error."""
        found = staff.get(staff_id)
        if found is None:
            self.error(f"{path}.{field}", "not a staff member of this home")
            return None
        day = day_number(on)
        if day < found[1]:
            self.error(f"{path}.on", "is dated before the staff member started")
            return None
        return found[0], day

    def _add_supervision(
        self, home: TeamRecords, root: str, staff: dict[str, tuple[int, int]]
    ) -> None:
        path = f"{root}.supervisions"
        self._check_unique([r.id for r in home.supervisions], path)
        ev = self.supervision
        for i, r in enumerate(home.supervisions):
            rec = ev.add_record(r.id)
            extra = {
                "kind": KIND_CODES[r.kind],
                "format": FORMAT_CODES[r.format],
                "minutes": r.minutes,
                "supervisor_role": self.code(r.supervisor_role),
            }
            for j, attendee in enumerate(r.attendees):
                found = self._staff_day(staff, attendee, r.on, f"{path}[{i}]", f"attendees[{j}]")
                if found is not None:
                    ev.add_row(found[0], found[1], rec, **extra)

    def _add_dated(
        self,
        ev: _EventLists,
        records: Sequence[_Dated],
        path: str,
        staff: dict[str, tuple[int, int]],
        extras: Sequence[dict[str, object]] | None = None,
    ) -> None:
        self._check_unique([r.id for r in records], path)
        for i, r in enumerate(records):
            rec = ev.add_record(r.id)
            found = self._staff_day(staff, r.staff_id, r.on, f"{path}[{i}]", "staff_id")
            if found is not None:
                ev.add_row(found[0], found[1], rec, **(extras[i] if extras else {}))

    def _add_wellbeing(
        self, home: TeamRecords, root: str, staff: dict[str, tuple[int, int]]
    ) -> None:
        path = f"{root}.wellbeing"
        extras: list[dict[str, object]] = []
        for i, r in enumerate(home.wellbeing):
            if r.profile.instrument_id != self.instrument:
                self.error(
                    f"{path}[{i}].profile.instrument_id", f"must be a {self.instrument!r} profile"
                )
            ranks = []
            for score in self.scores:
                ds = r.profile.scores.get(score)
                ranks.append(-1 if ds is None or ds.rank is None else ds.rank)
            extras.append({"ranks": ranks})
        self._add_dated(self.wellbeing, home.wellbeing, path, staff, extras)

    def _add_training(
        self, home: TeamRecords, root: str, staff: dict[str, tuple[int, int]]
    ) -> None:
        extras: list[dict[str, object]] = [{"course": self.code(r.course)} for r in home.training]
        self._add_dated(self.training, home.training, f"{root}.training", staff, extras)

    def _add_incidents(
        self, h: int, home: TeamRecords, root: str, staff: dict[str, tuple[int, int]]
    ) -> dict[str, tuple[int, int]]:
        """Index the home's incidents: id → (global number, time in seconds)."""
        path = f"{root}.incidents"
        index: dict[str, tuple[int, int]] = {}
        for i, r in enumerate(home.incidents):
            if r.id in index:
                self.error(f"{path}[{i}].id", "duplicate record id")
                continue
            n, at = len(self.inc_ids), seconds_of(r.at)
            index[r.id] = (n, at)
            self.inc_home.append(h)
            self.inc_ids.append(r.id)
            self.inc_kind.append(INCIDENT_CODES[r.kind])
            self.inc_at.append(at)
            for j, sid in enumerate(r.staff):
                found = staff.get(sid)
                if found is None:
                    self.error(f"{path}[{i}].staff[{j}]", "not a staff member of this home")
                else:
                    self.pair_incident.append(n)
                    self.pair_staff.append(found[0])
        return index

    def _add_supports(
        self,
        home: TeamRecords,
        root: str,
        staff: dict[str, tuple[int, int]],
        incidents: dict[str, tuple[int, int]],
    ) -> None:
        path = f"{root}.supports"
        self._check_unique([r.id for r in home.supports], path)
        for i, r in enumerate(home.supports):
            inc = incidents.get(r.incident_id)
            if inc is None:
                self.error(f"{path}[{i}].incident_id", "not an incident of this home")
                continue
            at = seconds_of(r.at)
            if at < inc[1]:
                self.error(f"{path}[{i}].at", "is before the incident it follows")
                continue
            who = -1
            if r.staff_id is not None:
                found = staff.get(r.staff_id)
                if found is None:
                    self.error(f"{path}[{i}].staff_id", "not a staff member of this home")
                    continue
                who = found[0]
            self.sp_incident.append(inc[0])
            self.sp_kind.append(SUPPORT_CODES[r.kind])
            self.sp_at.append(at)
            self.sp_staff.append(who)
            self.sp_ids.append(r.id)

    def finish(self, home_ids: tuple[str, ...]) -> TeamTable:
        if self.errors:
            listed = self.errors[:_MAX_LISTED]
            if len(self.errors) > _MAX_LISTED:
                listed.append(FieldError("$", f"and {len(self.errors) - _MAX_LISTED} more"))
            raise ValidationError(listed, what="team records")
        ranks_width = len(self.scores)
        wb = self.wellbeing.columns({})
        ranks = np.asarray(self.wellbeing.extra.get("ranks", []), dtype=np.int8)
        wb.extra["ranks"] = ranks.reshape(-1, ranks_width)
        return TeamTable(
            home_ids=home_ids,
            staff=StaffColumns(
                home=np.asarray(self.staff_home, dtype=np.intp),
                ids=_ids(self.staff_ids),
                role=np.asarray(self.staff_role, dtype=np.int32),
                started=np.asarray(self.staff_started, dtype=np.int64),
                left=np.asarray(self.staff_left, dtype=np.int64),
                employment=np.asarray(self.staff_employment, dtype=np.int32),
            ),
            supervision=self.supervision.columns(
                {
                    "kind": np.int32,
                    "format": np.int32,
                    "minutes": np.int32,
                    "supervisor_role": np.int32,
                }
            ),
            appraisal=self.appraisal.columns({}),
            wellbeing=wb,
            training=self.training.columns({"course": np.int32}),
            incidents=IncidentColumns(
                home=np.asarray(self.inc_home, dtype=np.intp),
                ids=_ids(self.inc_ids),
                kind=np.asarray(self.inc_kind, dtype=np.int32),
                at=np.asarray(self.inc_at, dtype=np.int64),
                pair_incident=np.asarray(self.pair_incident, dtype=np.intp),
                pair_staff=np.asarray(self.pair_staff, dtype=np.intp),
            ),
            supports=SupportColumns(
                incident=np.asarray(self.sp_incident, dtype=np.intp),
                kind=np.asarray(self.sp_kind, dtype=np.int32),
                at=np.asarray(self.sp_at, dtype=np.int64),
                staff=np.asarray(self.sp_staff, dtype=np.intp),
                ids=_ids(self.sp_ids),
            ),
            vocabulary=dict(self.vocabulary),
            wellbeing_scores=self.scores,
        )
