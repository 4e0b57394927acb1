"""Team records of many homes as columns: the arrays the team check runs on.

Building the table is the one pass over record objects; it checks every reference and date and
raises one :class:`~therapeutic_model.exceptions.ValidationError` naming every bad path. The
check itself (``_check.py``) then works on whole columns at once, so a batch of 500 homes and a
single home (a batch of one) run the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.assessment import Profile
from therapeutic_model.exceptions import FieldError, ValidationError
from therapeutic_model.team._records import (
    Employment,
    Incident,
    IncidentKind,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamRecords,
)

__all__ = ["TeamTable", "seconds_of"]

IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]
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
        wellbeing: wellbeing checks, with band ``ranks`` and band ``labels`` (vocabulary
            codes), rows × ``wellbeing_scores``, -1 where missing.
        training: training records, with ``course`` codes.
        incidents: incidents and the staff involved.
        supports: actions after incidents.
        vocabulary: the code of each role, supervisor role and course string.
        wellbeing_scores: the score ids of the ``ranks`` columns.
        wellbeing_instrument: the instrument every wellbeing check was checked to use.
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
    wellbeing_instrument: str = "proqol"

    @property
    def n_homes(self) -> int:
        """How many homes the table holds."""
        return len(self.home_ids)

    def code(self, word: str) -> int:
        """The code of a role, course or band label; -1 if no record uses it."""
        return self.vocabulary.get(word, -1)

    def word(self, code: int) -> str | None:
        """The role, course or band label of a code (``None`` for -1)."""
        if code < 0:
            return None
        return self.words()[code]

    def words(self) -> tuple[str, ...]:
        """Every role, course and band label, in code order."""
        words = [""] * len(self.vocabulary)
        for w, c in self.vocabulary.items():
            words[c] = w
        return tuple(words)

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


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_UNKNOWN_STAFF = "not a staff member of this home"
_EARLY = "is dated before the staff member started"

Problem = tuple[int, int, str, str]
"""An error found in one home: (record index, field order, path, message), sorted before use."""


@attrs.define
class _Parts:
    """Columns of one kind of row, collected home by home and joined at the end."""

    arrays: dict[str, list[NDArray[Any]]] = attrs.Factory(dict)
    ids: list[str] = attrs.Factory(list)

    def add(self, ids: Sequence[str], **columns: NDArray[Any]) -> None:
        self.ids.extend(ids)
        for key, value in columns.items():
            self.arrays.setdefault(key, []).append(value)

    def column(self, key: str, dtype: type, width: int | None = None) -> NDArray[Any]:
        parts = self.arrays.get(key)
        if not parts:
            return np.zeros((0,) if width is None else (0, width), dtype=dtype)
        return np.concatenate(parts).astype(dtype, copy=False)

    def events(self, extra: dict[str, type]) -> EventColumns:
        return EventColumns(
            staff=self.column("staff", np.intp),
            day=self.column("day", np.int64),
            record=self.column("record", np.intp),
            ids=_ids(self.ids),
            extra={k: self.column(k, dtype) for k, dtype in extra.items()},
        )


@attrs.frozen(eq=False)
class _HomeStaff:
    """A home's staff: id → local number, each one's start day, and the first global number."""

    index: dict[str, int]
    started: DayArray
    base: int

    def lookup(self, ids: Iterable[str], n: int) -> IntArray:
        """Local numbers of staff ids (-1 where unknown)."""
        get = self.index.get
        return np.fromiter((get(i, -1) for i in ids), dtype=np.intp, count=n)

    def early(self, local: IntArray, day: DayArray) -> BoolArray:
        """Where a known staff member's record is dated before they started."""
        if len(self.started) == 0:
            return np.zeros(len(local), dtype=bool)
        return (local >= 0) & (day < self.started[np.maximum(local, 0)])


def _days(dates: Iterable[date], n: int) -> DayArray:
    return np.fromiter((d.toordinal() for d in dates), dtype=np.int64, count=n) - _EPOCH_ORDINAL


def _seconds(times: Iterable[datetime], n: int) -> DayArray:
    return np.fromiter(((t - _EPOCH) // _ONE_SECOND for t in times), dtype=np.int64, count=n)


def _duplicates(ids: Sequence[str], path: str) -> list[Problem]:
    if len(set(ids)) == len(ids):
        return []
    seen: set[str] = set()
    out: list[Problem] = []
    for i, rid in enumerate(ids):
        if rid in seen:
            out.append((i, 0, f"{path}[{i}].id", "duplicate record id"))
        seen.add(rid)
    return out


@attrs.define
class _Builder:
    """Lays out homes as columns, one kind of record at a time, and collects every problem."""

    instrument: str
    scores: tuple[str, ...]
    errors: list[FieldError] = attrs.Factory(list)
    vocabulary: dict[str, int] = attrs.Factory(dict)
    n_staff: int = 0
    n_incidents: int = 0
    staff: _Parts = attrs.Factory(_Parts)
    supervision: _Parts = attrs.Factory(_Parts)
    appraisal: _Parts = attrs.Factory(_Parts)
    wellbeing: _Parts = attrs.Factory(_Parts)
    training: _Parts = attrs.Factory(_Parts)
    incidents: _Parts = attrs.Factory(_Parts)
    pairs: _Parts = attrs.Factory(_Parts)
    supports: _Parts = attrs.Factory(_Parts)

    def code(self, word: str) -> int:
        return self.vocabulary.setdefault(word, len(self.vocabulary))

    def codes(self, words: Iterable[str], n: int) -> NDArray[np.int32]:
        code = self.code
        return np.fromiter((code(w) for w in words), dtype=np.int32, count=n)

    def report(self, problems: list[Problem]) -> None:
        self.errors.extend(FieldError(path, msg) for _, _, path, msg in sorted(problems))

    def add_home(self, h: int, home: TeamRecords, root: str) -> None:
        staff = self._add_staff(h, home, f"{root}.staff")
        self._add_supervision(home.supervisions, f"{root}.supervisions", staff)
        self.report(self._add_dated(self.appraisal, home.appraisals, f"{root}.appraisals", staff))
        self._add_wellbeing(home, f"{root}.wellbeing", staff)
        courses = self.codes((r.course for r in home.training), len(home.training))
        self.report(
            self._add_dated(self.training, home.training, f"{root}.training", staff, course=courses)
        )
        incidents = self._add_incidents(h, home, f"{root}.incidents", staff)
        self._add_supports(home, f"{root}.supports", staff, incidents)

    def _add_staff(self, h: int, home: TeamRecords, path: str) -> _HomeStaff:
        index: dict[str, int] = {}
        keep: list[StaffMember] = []
        problems: list[Problem] = []
        for i, s in enumerate(home.staff):
            if s.id in index:
                problems.append((i, 0, f"{path}[{i}].id", "duplicate staff id in this home"))
                continue
            index[s.id] = len(keep)
            keep.append(s)
        self.report(problems)
        n = len(keep)
        started = _days((s.started for s in keep), n)
        left = np.fromiter(
            (NO_END if s.left is None else s.left.toordinal() - _EPOCH_ORDINAL for s in keep),
            dtype=np.int64,
            count=n,
        )
        self.staff.add(
            [s.id for s in keep],
            home=np.full(n, h, dtype=np.intp),
            role=self.codes((s.role for s in keep), n),
            started=started,
            left=left,
            employment=np.fromiter(
                (EMPLOYMENT_CODES[s.employment] for s in keep), dtype=np.int32, count=n
            ),
        )
        base, self.n_staff = self.n_staff, self.n_staff + n
        return _HomeStaff(index, started, base)

    def _add_dated(
        self,
        parts: _Parts,
        records: Sequence[_Dated],
        path: str,
        staff: _HomeStaff,
        **extra: NDArray[Any],
    ) -> list[Problem]:
        """Rows of records about one staff member each; the problems found, unsorted."""
        n = len(records)
        if n == 0:
            return []
        first_record = len(parts.ids)
        local = staff.lookup((r.staff_id for r in records), n)
        day = _days((r.on for r in records), n)
        early = staff.early(local, day)
        problems = _duplicates([r.id for r in records], path)
        problems += [
            (int(i), 1, f"{path}[{i}].staff_id", _UNKNOWN_STAFF) for i in np.flatnonzero(local < 0)
        ]
        problems += [(int(i), 2, f"{path}[{i}].on", _EARLY) for i in np.flatnonzero(early)]
        keep = (local >= 0) & ~early
        parts.add(
            [r.id for r in records],
            staff=local[keep] + staff.base,
            day=day[keep],
            record=np.flatnonzero(keep) + first_record,
            **{k: v[keep] for k, v in extra.items()},
        )
        return problems

    def _add_supervision(
        self, sessions: Sequence[SupervisionSession], path: str, staff: _HomeStaff
    ) -> None:
        n = len(sessions)
        if n == 0:
            return
        counts = np.fromiter((len(r.attendees) for r in sessions), dtype=np.intp, count=n)
        record = np.repeat(np.arange(n), counts)
        slot = np.arange(len(record)) - np.repeat(np.cumsum(counts) - counts, counts)
        attendees = (a for r in sessions for a in r.attendees)
        local = staff.lookup(attendees, len(record))
        day = _days((r.on for r in sessions), n)[record]
        early = staff.early(local, day)
        problems = _duplicates([r.id for r in sessions], path)
        problems += [
            (
                int(record[k]),
                1 + int(slot[k]),
                f"{path}[{record[k]}].attendees[{slot[k]}]",
                _UNKNOWN_STAFF,
            )
            for k in np.flatnonzero(local < 0)
        ]
        problems += [
            (int(i), 1_000_000, f"{path}[{i}].on", _EARLY) for i in np.unique(record[early])
        ]
        self.report(problems)
        keep = (local >= 0) & ~early
        session_columns = {
            "kind": np.fromiter((KIND_CODES[r.kind] for r in sessions), np.int32, n),
            "format": np.fromiter((FORMAT_CODES[r.format] for r in sessions), np.int32, n),
            "minutes": np.fromiter((r.minutes for r in sessions), np.int32, n),
            "supervisor_role": self.codes((r.supervisor_role for r in sessions), n),
        }
        first_record = len(self.supervision.ids)
        self.supervision.add(
            [r.id for r in sessions],
            staff=local[keep] + staff.base,
            day=day[keep],
            record=record[keep] + first_record,
            **{k: v[record[keep]] for k, v in session_columns.items()},
        )

    def _add_wellbeing(self, home: TeamRecords, path: str, staff: _HomeStaff) -> None:
        checks = home.wellbeing
        problems = [
            (i, 0, f"{path}[{i}].profile.instrument_id", f"must be a {self.instrument!r} profile")
            for i, r in enumerate(checks)
            if r.profile.instrument_id != self.instrument
        ]
        seen: dict[int, tuple[list[int], list[int]]] = {}  # checks often share a profile

        def bands(profile: Profile) -> tuple[list[int], list[int]]:
            found = seen.get(id(profile))
            if found is None:
                pairs = [_band(profile, score) for score in self.scores]
                found = (
                    [r for r, _ in pairs],
                    [-1 if lb is None else self.code(lb) for _, lb in pairs],
                )
                seen[id(profile)] = found
            return found

        shape = (len(checks), len(self.scores))
        found = [bands(r.profile) for r in checks]
        ranks = np.array([f[0] for f in found], dtype=np.int8).reshape(shape)
        labels = np.array([f[1] for f in found], dtype=np.int32).reshape(shape)
        problems += self._add_dated(self.wellbeing, checks, path, staff, ranks=ranks, labels=labels)
        self.report(problems)

    def _add_incidents(
        self, h: int, home: TeamRecords, path: str, staff: _HomeStaff
    ) -> dict[str, tuple[int, int]]:
        """Index the home's incidents: id → (global number, time in seconds)."""
        index: dict[str, tuple[int, int]] = {}
        keep: list[Incident] = []
        problems: list[Problem] = []
        pair_incident: list[int] = []
        pair_staff: list[int] = []
        for i, r in enumerate(home.incidents):
            if r.id in index:
                problems.append((i, 0, f"{path}[{i}].id", "duplicate record id"))
                continue
            number = self.n_incidents + len(keep)
            index[r.id] = (number, seconds_of(r.at))
            keep.append(r)
            for j, sid in enumerate(r.staff):
                local = staff.index.get(sid)
                if local is None:
                    problems.append((i, 1 + j, f"{path}[{i}].staff[{j}]", _UNKNOWN_STAFF))
                else:
                    pair_incident.append(number)
                    pair_staff.append(local + staff.base)
        self.report(problems)
        n = len(keep)
        self.incidents.add(
            [r.id for r in keep],
            home=np.full(n, h, dtype=np.intp),
            kind=np.fromiter((INCIDENT_CODES[r.kind] for r in keep), np.int32, n),
            at=np.fromiter((index[r.id][1] for r in keep), np.int64, n),
        )
        self.pairs.add(
            [],
            incident=np.asarray(pair_incident, dtype=np.intp),
            staff=np.asarray(pair_staff, dtype=np.intp),
        )
        self.n_incidents += n
        return index

    def _add_supports(
        self,
        home: TeamRecords,
        path: str,
        staff: _HomeStaff,
        incidents: dict[str, tuple[int, int]],
    ) -> None:
        actions = home.supports
        n = len(actions)
        if n == 0:
            return
        found = [incidents.get(r.incident_id) for r in actions]
        incident = np.fromiter((-1 if f is None else f[0] for f in found), np.intp, n)
        started = np.fromiter((0 if f is None else f[1] for f in found), np.int64, n)
        at = _seconds((r.at for r in actions), n)
        named = np.fromiter((r.staff_id is not None for r in actions), bool, n)
        who = staff.lookup((r.staff_id or "" for r in actions), n)
        unknown_incident = incident < 0
        before = ~unknown_incident & (at < started)
        unknown_staff = ~unknown_incident & ~before & named & (who < 0)
        problems = _duplicates([r.id for r in actions], path)
        for mask, field, message in (
            (unknown_incident, "incident_id", "not an incident of this home"),
            (before, "at", "is before the incident it follows"),
            (unknown_staff, "staff_id", _UNKNOWN_STAFF),
        ):
            problems += [(int(i), 1, f"{path}[{i}].{field}", message) for i in np.flatnonzero(mask)]
        self.report(problems)
        keep = ~(unknown_incident | before | unknown_staff)
        self.supports.add(
            [r.id for r, k in zip(actions, keep.tolist(), strict=True) if k],
            incident=incident[keep],
            kind=np.fromiter((SUPPORT_CODES[r.kind] for r in actions), np.int32, n)[keep],
            at=at[keep],
            staff=np.where(named, who + staff.base, -1)[keep],
        )

    def finish(self, home_ids: tuple[str, ...]) -> TeamTable:
        if self.errors:
            listed = self.errors[:_MAX_LISTED]
            if len(self.errors) > _MAX_LISTED:
                listed.append(FieldError("$", f"and {len(self.errors) - _MAX_LISTED} more"))
            raise ValidationError(listed, what="team records")
        st = self.staff
        wellbeing = self.wellbeing.events({})
        for key, dtype in (("ranks", np.int8), ("labels", np.int32)):
            wellbeing.extra[key] = self.wellbeing.column(key, dtype, len(self.scores))
        return TeamTable(
            home_ids=home_ids,
            staff=StaffColumns(
                home=st.column("home", np.intp),
                ids=_ids(st.ids),
                role=st.column("role", np.int32),
                started=st.column("started", np.int64),
                left=st.column("left", np.int64),
                employment=st.column("employment", np.int32),
            ),
            supervision=self.supervision.events(
                {
                    "kind": np.int32,
                    "format": np.int32,
                    "minutes": np.int32,
                    "supervisor_role": np.int32,
                }
            ),
            appraisal=self.appraisal.events({}),
            wellbeing=wellbeing,
            training=self.training.events({"course": np.int32}),
            incidents=IncidentColumns(
                home=self.incidents.column("home", np.intp),
                ids=_ids(self.incidents.ids),
                kind=self.incidents.column("kind", np.int32),
                at=self.incidents.column("at", np.int64),
                pair_incident=self.pairs.column("incident", np.intp),
                pair_staff=self.pairs.column("staff", np.intp),
            ),
            supports=SupportColumns(
                incident=self.supports.column("incident", np.intp),
                kind=self.supports.column("kind", np.int32),
                at=self.supports.column("at", np.int64),
                staff=self.supports.column("staff", np.intp),
                ids=_ids(self.supports.ids),
            ),
            vocabulary=dict(self.vocabulary),
            wellbeing_scores=self.scores,
            wellbeing_instrument=self.instrument,
        )


def _band(profile: Profile, score: str) -> tuple[int, str | None]:
    found = profile.scores.get(score)
    if found is None or found.band is None:
        return -1, None
    return found.band.rank, found.band.label
