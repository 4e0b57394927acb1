"""Team records of many homes as columns: the arrays the team check runs on.

Building the table is the only part that reads record objects: each field of each kind of
record is read for every home at once, in one C-level pass (``map`` with ``attrgetter``), and
every reference and date is checked on the resulting columns, raising one
:class:`~therapeutic_model.exceptions.ValidationError` naming every bad path. The check itself
(``_check.py``) then works on whole columns at once, so a batch of 500 homes and a single home
(a batch of one) run the same code.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import chain, repeat
from operator import attrgetter, is_not
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.assessment import Profile
from therapeutic_model.exceptions import FieldError, InvalidDefinition, ValidationError
from therapeutic_model.team._policy import SupervisionRule, TeamPolicy
from therapeutic_model.team._records import (
    Employment,
    IncidentKind,
    SupervisionFormat,
    SupervisionKind,
    SupportKind,
    TeamRecords,
)

__all__ = ["SESSION_COLUMNS", "TeamTable", "seconds_of", "session_columns"]

IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]
DayArray = NDArray[np.int64]
CodeArray = NDArray[np.int32]
IdArray = NDArray[np.object_]

NO_END = np.iinfo(np.int64).max // 4
"""The day number (or second) that stands for "never": a staff member who has not left."""

_EPOCH = datetime(1970, 1, 1)  # incident times are the home's local clock time: naive
_MAX_LISTED = 100  # a systematic error in a large export would otherwise list every record

# The code of an enum member is its place in its enum.
EMPLOYMENT_CODES = {e: k for k, e in enumerate(Employment)}
KIND_CODES = {k: i for i, k in enumerate(SupervisionKind)}
FORMAT_CODES = {f: i for i, f in enumerate(SupervisionFormat)}
INCIDENT_CODES = {k: i for i, k in enumerate(IncidentKind)}
SUPPORT_CODES = {k: i for i, k in enumerate(SupportKind)}


SESSION_COLUMNS = ("format", "minutes", "supervisor_role")
"""The supervision columns a table may keep besides ``kind``."""


def session_columns(rule: SupervisionRule) -> tuple[str, ...]:
    """The supervision columns (besides ``kind``) a supervision rule filters on.

    A filter that lets every valid session through reads no column: every format allowed, or
    a minimum of 1 minute (every session lasts at least a minute).

    >>> session_columns(TeamPolicy().practice_supervision)
    ('format',)
    """
    needed = []
    if rule.formats != frozenset(SupervisionFormat):
        needed.append("format")
    if rule.min_minutes > 1:
        needed.append("minutes")
    if rule.supervisor_roles:
        needed.append("supervisor_role")
    return tuple(needed)


def seconds_of(at: datetime) -> int:
    """Whole seconds since 1970-01-01 of a local clock time."""
    return (at - _EPOCH) // _ONE_SECOND


_ONE_SECOND = datetime(1970, 1, 1, 0, 0, 1) - _EPOCH


def _ids(values: list[str]) -> IdArray:
    return np.fromiter(values, dtype=object, count=len(values))


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

    Build it with :meth:`from_records`, or with :meth:`for_policy` to check it against a
    policy (as :func:`~therapeutic_model.team.check_teams` does for you). Staff are numbered
    across all homes; every event refers to staff by that number.

    Attributes:
        home_ids: the homes, in the order given.
        staff: staff columns.
        supervision: one row per attendee of each session, with the ``kind`` codes in
            ``extra`` and those of the :data:`SESSION_COLUMNS` asked for (``format``,
            ``minutes``, ``supervisor_role``).
        appraisal: appraisals.
        wellbeing: wellbeing checks, with band ``ranks`` and band ``labels`` (vocabulary
            codes), rows × ``wellbeing_scores``, -1 where missing.
        training: training records, with ``course`` codes.
        incidents: incidents and the staff involved.
        supports: actions after incidents.
        vocabulary: the code of each role, supervisor role, band label and course string
            (numbered in order of first use: roles, then supervisor roles, band labels and
            courses).
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
        session_columns: Sequence[str] = SESSION_COLUMNS,
        single: bool = False,
    ) -> TeamTable:
        """Check and lay out the records of many homes as columns.

        Args:
            homes: each home's records.
            wellbeing_instrument: the instrument every wellbeing check must use.
            wellbeing_scores: the wellbeing score ids whose band ranks are kept.
            session_columns: the supervision columns kept besides ``kind`` (default: all
                of :data:`SESSION_COLUMNS`); each one left out saves a pass over every session.
            single: number paths as for one home (``$.staff[2]``) rather than
                ``$[0].staff[2]``.

        Raises:
            ValidationError: naming every unknown reference, duplicate id, record dated before
                the staff member started, or action dated before its incident.
            InvalidDefinition: if ``session_columns`` names a column that is not one of
                :data:`SESSION_COLUMNS`.
        """
        unknown = [c for c in session_columns if c not in SESSION_COLUMNS]
        if unknown:
            known = ", ".join(SESSION_COLUMNS)
            problems = [f"{c!r} is not a supervision column (known: {known})" for c in unknown]
            raise InvalidDefinition("team table", problems)
        roots = ["$" if single else f"$[{h}]" for h in range(len(homes))]
        columns = tuple(c for c in SESSION_COLUMNS if c in session_columns)
        return _Builder(wellbeing_instrument, tuple(wellbeing_scores), columns, roots).build(homes)

    @classmethod
    def for_policy(
        cls, homes: Sequence[TeamRecords], policy: TeamPolicy, *, single: bool = False
    ) -> TeamTable:
        """The table :func:`~therapeutic_model.team.check_teams` builds to check a policy.

        It is :meth:`from_records` with the policy's wellbeing instrument and scores, keeping
        only the supervision columns the policy's supervision lines filter on
        (:func:`session_columns`), so building it reads no field the check does not use.
        Build it once to check the same records on many dates.

        Args:
            homes: each home's records.
            policy: the policy the table will be checked against.
            single: number paths as for one home (``$.staff[2]``).

        Raises:
            ValidationError: as :meth:`from_records`.
        """
        rules = [rule for _, rule in policy.cadence_lines() if isinstance(rule, SupervisionRule)]
        return cls.from_records(
            homes,
            wellbeing_instrument=policy.wellbeing.instrument,
            wellbeing_scores=policy.wellbeing.score_ids,
            session_columns=[c for rule in rules for c in session_columns(rule)],
            single=single,
        )


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_UNKNOWN_STAFF = "not a staff member of this home"
_EARLY = "is dated before the staff member started"

# The kinds of record, in the order their errors are listed within a home.
_STAFF, _SUPERVISIONS, _APPRAISALS, _WELLBEING, _TRAINING, _INCIDENTS, _SUPPORTS = range(7)

Problem = tuple[int, int, int, int, str, str]
"""An error found: (home, kind of record, record index, field order, path, message). Sorted
before use, so errors are listed home by home, then kind by kind, then record by record."""

# One getter per field: a column is read with one C-level ``map`` over a kind of record, never
# with a Python call per record.
_ID = attrgetter("id")
_ON = attrgetter("on")
_STAFF_ID = attrgetter("staff_id")
_ROLE = attrgetter("role")
_STARTED = attrgetter("started")
_LEFT = attrgetter("left")
_EMPLOYMENT = attrgetter("employment")
_KIND = attrgetter("kind")
_FORMAT = attrgetter("format")
_MINUTES = attrgetter("minutes")
_SUPERVISOR_ROLE = attrgetter("supervisor_role")
_ATTENDEES = attrgetter("attendees")
_PROFILE = attrgetter("profile")
_COURSE = attrgetter("course")
_AT = attrgetter("at")
_INVOLVED = attrgetter("staff")
_INCIDENT_ID = attrgetter("incident_id")
_HOUR = attrgetter("hour")
_MINUTE = attrgetter("minute")
_SECOND = attrgetter("second")


def _enum_codes(
    records: list[Any], get: Callable[[Any], enum.Enum], kind: type[enum.Enum]
) -> CodeArray:
    """The codes of an enum field of records (each member's place in its enum).

    ``tuple.index`` finds a member by identity in C; a dict keyed by members would call
    ``Enum.__hash__``, a Python function, once per record.
    """
    members = tuple(kind)
    codes = map(members.index, map(get, records))
    return np.fromiter(codes, dtype=np.int32, count=len(records))


def _days(records: list[Any], get: Callable[[Any], date]) -> DayArray:
    """Day numbers (days since 1970-01-01) of a date field of records."""
    ordinals = map(date.toordinal, map(get, records))
    return np.fromiter(ordinals, dtype=np.int64, count=len(records)) - _EPOCH_ORDINAL


def _seconds(times: list[datetime]) -> DayArray:
    """:func:`seconds_of` of many clock times: day, hour, minute and second in four passes.

    Microseconds are dropped, which is the floor :func:`seconds_of` takes, since every part
    counts forward from the start of the day.
    """
    n = len(times)

    def part(get: Callable[[datetime], int]) -> DayArray:
        return np.fromiter(map(get, times), dtype=np.int64, count=n)

    days = part(datetime.toordinal) - _EPOCH_ORDINAL
    return days * 86400 + part(_HOUR) * 3600 + part(_MINUTE) * 60 + part(_SECOND)


def _lookup(indexes: Sequence[dict[Any, int]], keys: Iterable[Iterable[Any]], n: int) -> IntArray:
    """Each key's number in its home's index (-1 where absent).

    Args:
        indexes: each home's index.
        keys: each home's keys, home by home.
        n: how many keys there are in all.
    """
    numbers = chain.from_iterable(
        map(index.get, some, repeat(-1)) for index, some in zip(indexes, keys, strict=True)
    )
    return np.fromiter(numbers, dtype=np.intp, count=n)


@attrs.frozen(eq=False)
class _Batch:
    """One kind of record of every home, end to end.

    Attributes:
        records: home 0's records, then home 1's, …
        bounds: home ``h``'s records are ``records[bounds[h]:bounds[h + 1]]``.
        home: the home of each record.
    """

    records: list[Any]
    bounds: list[int]
    home: IntArray

    @classmethod
    def of(cls, homes: Sequence[TeamRecords], field: str) -> _Batch:
        per_home: list[tuple[Any, ...]] = list(map(attrgetter(field), homes))
        counts = np.fromiter(map(len, per_home), dtype=np.intp, count=len(per_home))
        return cls(
            records=list(chain.from_iterable(per_home)),
            bounds=[0, *np.cumsum(counts).tolist()],
            home=np.repeat(np.arange(len(homes), dtype=np.intp), counts),
        )

    def column(self, get: Callable[[Any], Any]) -> list[Any]:
        """One field of every record."""
        return list(map(get, self.records))

    def homes(self) -> Iterator[tuple[int, int, int]]:
        """``(home, first row, end row)`` of each home."""
        for h, (lo, hi) in enumerate(itertools.pairwise(self.bounds)):
            yield h, lo, hi

    def local(self, rows: IntArray) -> Iterator[tuple[int, int]]:
        """``(home, index within the home)`` of rows."""
        homes = self.home[rows]
        first = np.asarray(self.bounds, dtype=np.intp)[homes]
        return zip(homes.tolist(), (rows - first).tolist(), strict=True)

    def split(self, values: list[Any]) -> Iterator[list[Any]]:
        """A per-record list cut home by home."""
        for lo, hi in itertools.pairwise(self.bounds):
            yield values[lo:hi]

    def items(self, tuples: list[tuple[Any, ...]]) -> tuple[IntArray, Iterator[Iterable[Any]]]:
        """For a tuple field (attendees, staff involved): each item's record, and the items
        home by home."""
        counts = np.fromiter(map(len, tuples), dtype=np.intp, count=len(tuples))
        record = np.repeat(np.arange(len(tuples), dtype=np.intp), counts)
        return record, map(chain.from_iterable, self.split(tuples))


def _slots(record: IntArray, items: IntArray) -> list[int]:
    """The place of items in their record's tuple (``record``: each item's record)."""
    first = np.searchsorted(record, record[items], side="left")
    slots: list[int] = (items - first).tolist()
    return slots


@attrs.frozen(eq=False)
class _Staff:
    """Every home's staff: each home's staff id → staff number, and each one's start day."""

    indexes: list[dict[str, int]]
    started: DayArray

    def early(self, who: IntArray, day: DayArray) -> BoolArray:
        """Where a known staff member's record is dated before they started."""
        if len(self.started) == 0:
            return np.zeros(len(who), dtype=bool)
        return (who >= 0) & (day < self.started[np.maximum(who, 0)])


def _first_index(ids: list[str], lo: int, hi: int) -> tuple[dict[str, int], list[int]]:
    """A home's id → row, keeping the first of repeated ids; and the repeats' indexes."""
    index = dict(zip(ids[lo:hi], range(lo, hi), strict=True))
    if len(index) == hi - lo:
        return index, []
    index, repeats = {}, []
    for i, rid in enumerate(ids[lo:hi]):
        if rid in index:
            repeats.append(i)
        else:
            index[rid] = lo + i
    return index, repeats


@attrs.define
class _Builder:
    """Lays out every home's records as columns, one kind of record at a time.

    Each column is one pass over that kind of record for all homes at once; only looking up
    staff ids (and incident ids) goes home by home, since an id means something only in its
    home. Every problem found is collected, and raised together by :meth:`build`.
    """

    instrument: str
    scores: tuple[str, ...]
    session_columns: tuple[str, ...]
    roots: list[str]
    problems: list[Problem] = attrs.Factory(list)
    vocabulary: dict[str, int] = attrs.Factory(dict)

    def code(self, word: str) -> int:
        """The vocabulary code of a word, giving a new word the next code."""
        return self.vocabulary.setdefault(word, len(self.vocabulary))

    def codes(self, words: list[str]) -> CodeArray:
        """Vocabulary codes of words, giving new words the next codes in order of first use."""
        for word in dict.fromkeys(words):
            self.code(word)
        get = self.vocabulary.__getitem__
        return np.fromiter(map(get, words), dtype=np.int32, count=len(words))

    def flag(
        self, kind: int, batch: _Batch, rows: IntArray, path: str, message: str, *, order: int
    ) -> None:
        """Report rows of a batch at ``root + path`` (``{i}`` in ``path``: the record's index).

        ``order`` sorts the problems of one record by field.
        """
        roots, add = self.roots, self.problems.append
        for h, i in batch.local(rows):
            add((h, kind, i, order, roots[h] + path.format(i=i), message))

    def duplicates(self, kind: int, batch: _Batch, ids: list[str], field: str) -> None:
        for h, lo, hi in batch.homes():
            if len(set(ids[lo:hi])) < hi - lo:
                for i in _first_index(ids, lo, hi)[1]:
                    path = f"{self.roots[h]}.{field}[{i}].id"
                    self.problems.append((h, kind, i, 0, path, "duplicate record id"))

    def build(self, homes: Sequence[TeamRecords]) -> TeamTable:
        staff, staff_columns = self._staff(_Batch.of(homes, "staff"))
        supervision = self._supervision(_Batch.of(homes, "supervisions"), staff)
        appraisal = self._dated(_APPRAISALS, "appraisals", _Batch.of(homes, "appraisals"), staff)
        wellbeing = self._wellbeing(_Batch.of(homes, "wellbeing"), staff)
        batch = _Batch.of(homes, "training")
        courses = self.codes(batch.column(_COURSE))
        training = self._dated(_TRAINING, "training", batch, staff, course=courses)
        incidents, incident_index = self._incidents(_Batch.of(homes, "incidents"), staff)
        supports = self._supports(_Batch.of(homes, "supports"), staff, incident_index, incidents)
        if self.problems:
            errors = [FieldError(path, msg) for *_, path, msg in sorted(self.problems)]
            listed = errors[:_MAX_LISTED]
            if len(errors) > _MAX_LISTED:
                listed.append(FieldError("$", f"and {len(errors) - _MAX_LISTED} more"))
            raise ValidationError(listed, what="team records")
        return TeamTable(
            home_ids=tuple(home.home_id for home in homes),
            staff=staff_columns,
            supervision=supervision,
            appraisal=appraisal,
            wellbeing=wellbeing,
            training=training,
            incidents=incidents,
            supports=supports,
            vocabulary=dict(self.vocabulary),
            wellbeing_scores=self.scores,
            wellbeing_instrument=self.instrument,
        )

    def _staff(self, batch: _Batch) -> tuple[_Staff, StaffColumns]:
        ids: list[str] = batch.column(_ID)
        indexes = []
        for h, lo, hi in batch.homes():
            index, repeats = _first_index(ids, lo, hi)
            indexes.append(index)
            for i in repeats:
                path = f"{self.roots[h]}.staff[{i}].id"
                self.problems.append((h, _STAFF, i, 0, path, "duplicate staff id in this home"))
        started = _days(batch.records, _STARTED)
        lefts: list[date | None] = batch.column(_LEFT)
        left = [NO_END if d is None else d.toordinal() - _EPOCH_ORDINAL for d in lefts]
        columns = StaffColumns(
            home=batch.home,
            ids=_ids(ids),
            role=self.codes(batch.column(_ROLE)),
            started=started,
            left=np.array(left, dtype=np.int64),
            employment=_enum_codes(batch.records, _EMPLOYMENT, Employment),
        )
        return _Staff(indexes, started), columns

    def _supervision(self, batch: _Batch, staff: _Staff) -> EventColumns:
        ids: list[str] = batch.column(_ID)
        self.duplicates(_SUPERVISIONS, batch, ids, "supervisions")
        record, attendees = batch.items(batch.column(_ATTENDEES))
        who = _lookup(staff.indexes, attendees, len(record))
        day = _days(batch.records, _ON)[record]
        early = staff.early(who, day)
        unknown = np.flatnonzero(who < 0)
        slots = _slots(record, unknown)
        for (h, i), j in zip(batch.local(record[unknown]), slots, strict=True):
            path = f"{self.roots[h]}.supervisions[{i}].attendees[{j}]"
            self.problems.append((h, _SUPERVISIONS, i, 1 + j, path, _UNKNOWN_STAFF))
        early_sessions = np.unique(record[early])
        path = ".supervisions[{i}].on"  # ordered after every attendee of the session
        self.flag(_SUPERVISIONS, batch, early_sessions, path, _EARLY, order=1_000_000)
        keep = (who >= 0) & ~early
        per_session = {"kind": _enum_codes(batch.records, _KIND, SupervisionKind)}
        if "format" in self.session_columns:
            per_session["format"] = _enum_codes(batch.records, _FORMAT, SupervisionFormat)
        if "minutes" in self.session_columns:
            minutes = map(_MINUTES, batch.records)
            per_session["minutes"] = np.fromiter(minutes, np.int32, len(batch.records))
        if "supervisor_role" in self.session_columns:
            per_session["supervisor_role"] = self.codes(batch.column(_SUPERVISOR_ROLE))
        rows = record[keep]
        return EventColumns(
            staff=who[keep],
            day=day[keep],
            record=rows,
            ids=_ids(ids),
            extra={key: column[rows] for key, column in per_session.items()},
        )

    def _dated(
        self, kind: int, field: str, batch: _Batch, staff: _Staff, **extra: NDArray[Any]
    ) -> EventColumns:
        """Rows of records about one staff member each (``extra``: one value per record)."""
        ids: list[str] = batch.column(_ID)
        self.duplicates(kind, batch, ids, field)
        who = _lookup(staff.indexes, batch.split(batch.column(_STAFF_ID)), len(ids))
        day = _days(batch.records, _ON)
        early = staff.early(who, day)
        unknown = np.flatnonzero(who < 0)
        self.flag(kind, batch, unknown, f".{field}[{{i}}].staff_id", _UNKNOWN_STAFF, order=1)
        self.flag(kind, batch, np.flatnonzero(early), f".{field}[{{i}}].on", _EARLY, order=2)
        keep = (who >= 0) & ~early
        return EventColumns(
            staff=who[keep],
            day=day[keep],
            record=np.flatnonzero(keep),
            ids=_ids(ids),
            extra={key: column[keep] for key, column in extra.items()},
        )

    def _wellbeing(self, batch: _Batch, staff: _Staff) -> EventColumns:
        """Wellbeing checks with the band ranks and labels of each distinct profile, read once
        (checks often share a profile object)."""
        profiles: list[Profile] = batch.column(_PROFILE)
        keys = list(map(id, profiles))
        distinct = dict(zip(keys, profiles, strict=True))
        ranks, labels, wrong = [], [], []
        for k, profile in enumerate(distinct.values()):
            if profile.instrument_id != self.instrument:
                wrong.append(k)
            bands = [_band(profile, score) for score in self.scores]
            ranks.append([rank for rank, _ in bands])
            labels.append([-1 if label is None else self.code(label) for _, label in bands])
        row_of = {key: k for k, key in enumerate(distinct)}
        rows = np.fromiter(map(row_of.__getitem__, keys), dtype=np.intp, count=len(keys))
        shape = (len(distinct), len(self.scores))
        if wrong:
            message = f"must be a {self.instrument!r} profile"
            bad = np.flatnonzero(np.isin(rows, wrong))
            path = ".wellbeing[{i}].profile.instrument_id"
            self.flag(_WELLBEING, batch, bad, path, message, order=0)
        return self._dated(
            _WELLBEING,
            "wellbeing",
            batch,
            staff,
            ranks=np.array(ranks, dtype=np.int8).reshape(shape)[rows],
            labels=np.array(labels, dtype=np.int32).reshape(shape)[rows],
        )

    def _incidents(
        self, batch: _Batch, staff: _Staff
    ) -> tuple[IncidentColumns, list[dict[str, int]]]:
        """The incidents, and each home's incident id → row (the first of a repeated id)."""
        ids: list[str] = batch.column(_ID)
        kept = np.ones(len(ids), dtype=bool)
        indexes = []
        for h, lo, hi in batch.homes():
            index, repeats = _first_index(ids, lo, hi)
            indexes.append(index)
            for i in repeats:
                kept[lo + i] = False
                path = f"{self.roots[h]}.incidents[{i}].id"
                self.problems.append((h, _INCIDENTS, i, 0, path, "duplicate record id"))
        incident, involved = batch.items(batch.column(_INVOLVED))
        who = _lookup(staff.indexes, involved, len(incident))
        unknown = np.flatnonzero((who < 0) & kept[incident])
        slots = _slots(incident, unknown)
        for (h, i), j in zip(batch.local(incident[unknown]), slots, strict=True):
            path = f"{self.roots[h]}.incidents[{i}].staff[{j}]"
            self.problems.append((h, _INCIDENTS, i, 1 + j, path, _UNKNOWN_STAFF))
        pairs = (who >= 0) & kept[incident]
        columns = IncidentColumns(
            home=batch.home,
            ids=_ids(ids),
            kind=_enum_codes(batch.records, _KIND, IncidentKind),
            at=_seconds(batch.column(_AT)),
            pair_incident=incident[pairs],
            pair_staff=who[pairs],
        )
        return columns, indexes

    def _supports(
        self,
        batch: _Batch,
        staff: _Staff,
        incident_index: list[dict[str, int]],
        incidents: IncidentColumns,
    ) -> SupportColumns:
        ids: list[str] = batch.column(_ID)
        self.duplicates(_SUPPORTS, batch, ids, "supports")
        n = len(ids)
        incident = _lookup(incident_index, batch.split(batch.column(_INCIDENT_ID)), n)
        at = _seconds(batch.column(_AT))
        staff_ids = batch.column(_STAFF_ID)
        named = np.fromiter(map(is_not, staff_ids, repeat(None)), dtype=bool, count=n)
        who = _lookup(staff.indexes, batch.split(staff_ids), n)
        unknown_incident = incident < 0
        started = incidents.at[np.maximum(incident, 0)] if len(incidents.at) else np.zeros(n, int)
        before = ~unknown_incident & (at < started)
        unknown_staff = ~unknown_incident & ~before & named & (who < 0)
        for mask, field, message in (
            (unknown_incident, "incident_id", "not an incident of this home"),
            (before, "at", "is before the incident it follows"),
            (unknown_staff, "staff_id", _UNKNOWN_STAFF),
        ):
            path = f".supports[{{i}}].{field}"
            self.flag(_SUPPORTS, batch, np.flatnonzero(mask), path, message, order=1)
        keep = ~(unknown_incident | before | unknown_staff)
        return SupportColumns(
            incident=incident[keep],
            kind=_enum_codes(batch.records, _KIND, SupportKind)[keep],
            at=at[keep],
            staff=np.where(named, who, -1)[keep],
            ids=_ids(ids)[keep],
        )


def _band(profile: Profile, score: str) -> tuple[int, str | None]:
    found = profile.scores.get(score)
    if found is None or found.band is None:
        return -1, None
    return found.band.rank, found.band.label
