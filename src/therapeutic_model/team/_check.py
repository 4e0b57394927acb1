"""check_team: findings, an overall status and monthly compliance, for one home or many at once.

The check is pure: it reads the records and the policy and the date it is asked about
(``on=``), and never the clock. Records dated after ``on`` are ignored, so a check can be re-run
as at any past date. A single home is a batch of one: :func:`check_team` calls
:func:`check_teams`, which works on whole numpy columns (:class:`TeamTable`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeAlias

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.exceptions import InvalidDefinition
from therapeutic_model.team._policy import (
    BandThreshold,
    CadenceRule,
    RestraintRule,
    Severity,
    SupervisionRule,
    TeamPolicy,
    TrainingRule,
    WellbeingRule,
    day_number,
    from_day_number,
)
from therapeutic_model.team._records import SupportKind, TeamRecord, TeamRecords
from therapeutic_model.team._table import (
    EMPLOYMENT_CODES,
    FORMAT_CODES,
    INCIDENT_CODES,
    KIND_CODES,
    NO_END,
    SUPPORT_CODES,
    EventColumns,
    TeamTable,
    seconds_of,
    session_columns,
)

__all__ = [
    "Finding",
    "MonthlyCompliance",
    "RagStatus",
    "TeamReport",
    "check_team",
    "check_teams",
]

RagStatus: TypeAlias = Literal["green", "amber", "red"]
"""The team regulation status a response rule's team-status condition reads."""

IntArray = NDArray[np.intp]
DayArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

_SHIFT = np.int64(32)
_DAY_OFFSET = np.int64(1 << 31)  # keeps (staff, day) keys positive for any day number

LINE_TITLES: dict[str, str] = {
    "clinical_supervision": "clinical supervision",
    "practice_supervision": "practice supervision",
    "appraisal": "appraisal",
    "wellbeing_check": "wellbeing check",
    "training": "trauma-informed training",
    "reg35_record": "reg 35 record of the restraint",
    "reg35_staff_spoken_to": "reg 35 registered person speaks with the staff member",
    "reg35_child_spoken_to": "reg 35 child spoken to",
}
_SEVERITIES = (Severity.NOTE, Severity.CONCERN, Severity.SERIOUS)
_REG35_LINES = ("reg35_record", "reg35_staff_spoken_to", "reg35_child_spoken_to")


def line_title(line: str) -> str:
    """A readable title of a policy line id (wellbeing band lines read ``wellbeing: burnout``)."""
    if line.startswith("wellbeing_") and line not in LINE_TITLES:
        return "wellbeing: " + line.removeprefix("wellbeing_").replace("_", " ")
    return LINE_TITLES.get(line, line.replace("_", " "))


@attrs.frozen
class Finding:
    """One thing a team check found: which policy line, how serious, about whom, since when.

    Attributes:
        line: the policy line id, e.g. ``"clinical_supervision"``, ``"reg35_record"``,
            ``"wellbeing_burnout"``.
        severity: note (coming due), concern or serious.
        subject: the staff id or incident id it is about.
        records: the ids of the records behind it — the staff member or incident first, then
            the latest qualifying records (or the late action).
        due: the date it became (or becomes) due; for a band, the date of the check.
        message: what is wrong, in words that state the rule.
        source: where the policy line comes from.
        days_overdue: days past ``due`` on the date checked (negative: days until due).
        due_at: for a regulation 35 timer, the exact time it ran out.
    """

    line: str
    severity: Severity
    subject: str
    records: tuple[str, ...]
    due: date
    message: str
    source: str
    days_overdue: int = 0
    due_at: datetime | None = None

    def sort_key(self) -> tuple[int, date, str, str]:
        """Most serious first, then oldest due, then line and subject."""
        return (-self.severity.rank, self.due, self.line, self.subject)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _dates(value: Iterable[date]) -> tuple[date, ...]:
    return tuple(value)


def _int_rows(value: Iterable[Iterable[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(row) for row in value)


@attrs.frozen
class MonthlyCompliance:
    """Per policy line and calendar month: how many were in scope, and how many were met.

    For cadence lines, a staff member is in scope when employed and covered by the line at the
    month's end (or the date checked, for the current month) and met when nothing was overdue
    then. For regulation 35 timers, the timers of that month's restraints that have run out or
    been met by the date checked; timers still running are not counted.

    Attributes:
        lines: the policy line ids (rows).
        months: the first day of each month (columns).
        in_scope: counts, one row per line.
        met: counts, one row per line.
    """

    lines: tuple[str, ...] = attrs.field(converter=_strs)
    months: tuple[date, ...] = attrs.field(converter=_dates)
    in_scope: tuple[tuple[int, ...], ...] = attrs.field(converter=_int_rows)
    met: tuple[tuple[int, ...], ...] = attrs.field(converter=_int_rows)

    def rate(self, line: str, month: date) -> float | None:
        """The share met in a month (``month`` is any day in it); ``None`` when none in scope.

        Raises:
            KeyError: if the line or month is not in the table.
        """
        i = self.lines.index(line) if line in self.lines else _missing(line)
        first = month.replace(day=1)
        j = self.months.index(first) if first in self.months else _missing(str(first))
        n = self.in_scope[i][j]
        return None if n == 0 else self.met[i][j] / n

    def rates(self, line: str) -> dict[date, float | None]:
        """Each month's share met for a line."""
        return {m: self.rate(line, m) for m in self.months}

    def overall(self, line: str) -> float | None:
        """The share met over the whole period for a line (``None`` when none in scope)."""
        i = self.lines.index(line) if line in self.lines else _missing(line)
        n = sum(self.in_scope[i])
        return None if n == 0 else sum(self.met[i]) / n

    def as_arrays(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """``(in_scope, met)`` as integer arrays of shape (lines, months)."""
        shape = (len(self.lines), len(self.months))
        return (
            np.asarray(self.in_scope, dtype=np.int64).reshape(shape),
            np.asarray(self.met, dtype=np.int64).reshape(shape),
        )


def _missing(key: str) -> int:
    raise KeyError(key)


@attrs.frozen
class TeamReport:
    """What a team check found for one home on one date.

    Attributes:
        home_id: the home.
        on: the date checked.
        status: ``"green"``, ``"amber"`` or ``"red"`` — the fact a response rule's team-status
            condition reads and a monthly meeting records as evidence.
        reasons: why the status is what it is, one line per reason.
        findings: every finding, most serious first.
        compliance: per-month compliance for each line over the period.
        staff_in_scope: staff covered by at least one line on the date checked.
    """

    home_id: str
    on: date
    status: RagStatus
    reasons: tuple[str, ...]
    findings: tuple[Finding, ...]
    compliance: MonthlyCompliance
    staff_in_scope: int = 0

    def by_line(self, line: str) -> tuple[Finding, ...]:
        """The findings on one policy line."""
        return tuple(f for f in self.findings if f.line == line)

    def about(self, subject: str) -> tuple[Finding, ...]:
        """The findings about one staff member or incident."""
        return tuple(f for f in self.findings if f.subject == subject)

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        """The findings at or above a severity."""
        return tuple(f for f in self.findings if f.severity.rank >= severity.rank)

    def summary(self) -> str:
        """The status and its reasons in one line, as a monthly meeting records it.

        Names policy lines and counts only, never staff ids.
        """
        return f"{self.status}: " + "; ".join(self.reasons)


def check_team(
    records: TeamRecords | Iterable[TeamRecord],
    policy: TeamPolicy | None = None,
    *,
    on: date | datetime,
    period: tuple[date, date] | None = None,
) -> TeamReport:
    """Check one home's team records against a team policy on a date.

    This is :func:`check_teams` on a batch of one.

    Args:
        records: the home's :class:`TeamRecords`, or any iterable of team records.
        policy: the policy (default ``TeamPolicy()``).
        on: the date (or exact time) to check as at. A date means "by the end of that day"
            for records, and a timer running out during that day is still due, not missed.
        period: the first and last date of the monthly compliance table (default: the twelve
            months ending with the month of ``on``).

    Returns:
        The home's :class:`TeamReport`.

    Raises:
        ValidationError: naming every bad record (unknown staff member or incident, duplicate
            id, a record dated before the staff member started, an action before its incident,
            a wellbeing check on another instrument) by its path, e.g. ``$.supervisions[3].on``.
    """
    home = records if isinstance(records, TeamRecords) else TeamRecords.of(records)
    policy = policy or TeamPolicy()
    table = _table_for([home], policy, single=True)
    return check_teams(table, policy, on=on, period=period)[0]


def check_teams(
    homes: Sequence[TeamRecords] | TeamTable,
    policy: TeamPolicy | None = None,
    *,
    on: date | datetime,
    period: tuple[date, date] | None = None,
) -> tuple[TeamReport, ...]:
    """Check the team records of many homes at once, column by column.

    Args:
        homes: each home's records, or a :class:`TeamTable` already built from them.
        policy: the policy every home is checked against (default ``TeamPolicy()``).
        on: the date (or exact time) to check as at.
        period: the first and last date of the monthly compliance table.

    Returns:
        One :class:`TeamReport` per home, in order.

    Raises:
        ValidationError: naming every bad record, with paths like ``$[12].supervisions[3].on``.
    """
    policy = policy or TeamPolicy()
    table = homes if isinstance(homes, TeamTable) else _table_for(homes, policy, single=False)
    return _Run(table, policy, on, period).reports()


def _table_for(homes: Sequence[TeamRecords], policy: TeamPolicy, *, single: bool) -> TeamTable:
    return TeamTable.for_policy(homes, policy, single=single)


def _months(on: date, period: tuple[date, date] | None) -> list[date]:
    if period is None:
        last = on.replace(day=1)
        first = _shift_month(last, -11)
    else:
        first, last = period[0].replace(day=1), min(period[1], on).replace(day=1)
    months = []
    m = first
    while m <= last:
        months.append(m)
        m = _shift_month(m, 1)
    return months


def _shift_month(first_of_month: date, n: int) -> date:
    """The first day of the month ``n`` months later (earlier when negative)."""
    k = first_of_month.year * 12 + first_of_month.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


@attrs.frozen(eq=False)
class _Raw:
    """Findings of one run, before grouping by home."""

    home: list[int] = attrs.Factory(list)
    staff: list[int] = attrs.Factory(list)  # -1 for incident findings
    findings: list[Finding] = attrs.Factory(list)

    def add(self, home: int, staff: int, finding: Finding) -> None:
        self.home.append(home)
        self.staff.append(staff)
        self.findings.append(finding)


class _Run:
    """One check of a table against a policy on a date."""

    def __init__(
        self,
        table: TeamTable,
        policy: TeamPolicy,
        on: date | datetime,
        period: tuple[date, date] | None,
    ) -> None:
        self.table = table
        self.policy = policy
        if isinstance(on, datetime):
            self.on = on.date()
            self.events_until = seconds_of(on)
            self.expired_before = seconds_of(on)
        else:
            self.on = on
            midnight = datetime.combine(on, time())
            self.events_until = seconds_of(midnight + timedelta(days=1)) - 1
            self.expired_before = seconds_of(midnight)
        self.on_day = day_number(self.on)
        self.months = _months(self.on, period)
        month_ends = [min(_shift_month(m, 1) - timedelta(days=1), self.on) for m in self.months]
        # the evaluation days: each month's end (or ``on``), then ``on`` itself last
        self.when = np.array([*map(day_number, month_ends), self.on_day], dtype=np.int64)
        self.raw = _Raw()
        self.lines: list[str] = []
        self.in_scope: list[IntArray] = []  # per line: (homes, months)
        self.met: list[IntArray] = []
        n = len(table.staff.ids)
        self.staff_in_scope_now = np.zeros(n, dtype=bool)
        self.per_home = _PerHome(table.staff.home, table.n_homes)
        self.sorted: dict[int, tuple[EventColumns, _Latest]] = {}

    def reports(self) -> tuple[TeamReport, ...]:
        for name, rule in self.policy.cadence_lines():
            self._cadence(name, rule)
        if self.policy.wellbeing.required:
            self._bands()
        if self.policy.restraint.required:
            self._reg35(self.policy.restraint)
        return self._assemble()

    # -- cadence lines -------------------------------------------------------------------

    def _events_for(self, rule: CadenceRule) -> EventColumns:
        t = self.table
        if isinstance(rule, SupervisionRule):
            ev = t.supervision
            x = ev.extra
            needed = _session_columns(t, rule)
            mask = x["kind"] == KIND_CODES[rule.kind]
            if "format" in needed:
                mask &= np.isin(x["format"], [FORMAT_CODES[f] for f in rule.formats])
            if "minutes" in needed:
                mask &= x["minutes"] >= rule.min_minutes
            if "supervisor_role" in needed:
                mask &= np.isin(x["supervisor_role"], [t.code(r) for r in rule.supervisor_roles])
            return _subset(ev, mask)
        if isinstance(rule, TrainingRule):
            ev = t.training
            return _subset(ev, ev.extra["course"] == t.code(rule.course))
        if isinstance(rule, WellbeingRule):
            return t.wellbeing
        return t.appraisal

    def _latest(self, ev: EventColumns) -> _Latest:
        """The events sorted on (staff member, day), sorted once per run for each table
        column (the wellbeing checks serve both their cadence line and their bands)."""
        found = self.sorted.get(id(ev))
        if found is None or found[0] is not ev:
            found = self.sorted[id(ev)] = (ev, _Latest(ev.staff, ev.day))
        return found[1]

    def _scope(self, rule: CadenceRule) -> BoolArray:
        s = self.table.staff
        ok = np.isin(s.employment, [EMPLOYMENT_CODES[e] for e in rule.employment])
        if rule.roles:
            ok &= np.isin(s.role, [self.table.code(r) for r in rule.roles])
        return ok

    def _cadence(self, name: str, rule: CadenceRule) -> None:
        s = self.table.staff
        ev = self._events_for(rule)
        # one row per staff member, one column per evaluation day (month ends, then ``on``)
        latest = self._latest(ev)
        has, pos, last = latest.grid(len(s.ids), self.when)
        started, when = s.started[:, np.newaxis], self.when[np.newaxis, :]
        anchor = np.where(has, last, started)
        due = np.where(has, _next_due(rule, anchor, started), _first_due(rule, started))
        scope = self._scope(rule)[:, np.newaxis] & (started <= when) & (when <= s.left[:, None])
        met = when <= due
        self._add_compliance(name, scope[:, :-1], met[:, :-1] & scope[:, :-1])
        now_scope = scope[:, -1]
        self.staff_in_scope_now |= now_scope
        due_now = due[:, -1]
        overdue = self.on_day - due_now
        flagged = np.flatnonzero(now_scope & (overdue >= -rule.due_soon_days))
        if len(flagged) == 0:
            return
        pos_now, has_now = pos[:, -1][flagged], has[:, -1][flagged]
        records = latest.ids_many(ev, pos_now, has_now)
        title, requirement = line_title(name), rule.describe()
        over = overdue[flagged]
        severity = np.where(over > rule.serious_after_days, 2, np.where(over > 0, 1, 0))
        rows = zip(
            flagged.tolist(),
            s.ids[flagged].tolist(),
            s.home[flagged].tolist(),
            due_now[flagged].astype("datetime64[D]").tolist(),
            over.tolist(),
            severity.tolist(),
            records,
            has_now.tolist(),
            strict=True,
        )
        for staff, sid, home, due, days, sev, recs, has_record in rows:
            message = _cadence_message(title, days, has_record, requirement)
            finding = Finding(
                line=name,
                severity=_SEVERITIES[sev],
                subject=sid,
                records=(sid, *recs),
                due=due,
                message=message,
                source=rule.source,
                days_overdue=days,
            )
            self.raw.add(home, staff, finding)

    def _add_compliance(self, line: str, scope: BoolArray, met: BoolArray) -> None:
        """Count in-scope and met staff per home and month (columns of ``scope``)."""
        self.lines.append(line)
        self.in_scope.append(self.per_home.count(scope))
        self.met.append(self.per_home.count(met))

    # -- wellbeing bands -----------------------------------------------------------------

    def _bands(self) -> None:
        rule = self.policy.wellbeing
        t = self.table
        ev = t.wellbeing
        s = t.staff
        columns = _band_columns(t, rule.instrument, rule.score_ids)
        latest = self._latest(ev)
        groups = latest.groups()
        if len(groups) == 0:
            return
        ranks = ev.extra["ranks"][latest.order][:, columns]
        # several checks on one day count by their worst band, whatever their order
        worst = np.maximum.reduceat(ranks, groups, axis=0)
        has, pos, last = (a[:, 0] for a in latest.grid(len(s.ids), self.when[-1:]))
        scope = self._scope(rule) & (s.started <= self.on_day) & (self.on_day <= s.left) & has
        group_of = np.searchsorted(groups, pos, side="right") - 1
        words = t.words()
        for j, threshold in enumerate(rule.thresholds):
            hit = np.flatnonzero(scope & (worst[group_of, j] >= threshold.rank))
            for i in hit.tolist():
                g = int(group_of[i])
                end = int(groups[g + 1]) if g + 1 < len(groups) else len(latest.order)
                rows = latest.order[int(groups[g]) : end]
                label = words[
                    int(ev.extra["labels"][rows[ranks[groups[g] : end, j].argmax()], columns[j]])
                ]
                self._band_finding(
                    rule=rule,
                    threshold=threshold,
                    staff=i,
                    day=int(last[i]),
                    label=label,
                    records=latest.ids_at(ev, int(pos[i])),
                )

    def _band_finding(
        self,
        *,
        rule: WellbeingRule,
        threshold: BandThreshold,
        staff: int,
        day: int,
        label: str,
        records: tuple[str, ...],
    ) -> None:
        s = self.table.staff
        staff_id = str(s.ids[staff])
        score = threshold.score.replace("_", " ")
        finding = Finding(
            line=f"wellbeing_{threshold.score}",
            severity=threshold.severity,
            subject=staff_id,
            records=(staff_id, *records),
            due=from_day_number(day),
            message=(
                f"latest {rule.instrument} {score} is {label!r}; the policy flags band rank "
                f"{threshold.rank} or worse"
            ),
            source=rule.source,
            days_overdue=self.on_day - day,
        )
        self.raw.add(int(s.home[staff]), staff, finding)

    # -- regulation 35 timers ------------------------------------------------------------

    def _reg35(self, rule: RestraintRule) -> None:
        t = self.table
        inc, sp = t.incidents, t.supports
        n_staff = np.int64(max(len(t.staff.ids), 1))
        in_scope = np.isin(inc.kind, [INCIDENT_CODES[k] for k in rule.kinds])
        in_scope &= inc.at <= self.events_until
        done = sp.at <= self.events_until
        every = np.arange(len(inc.ids), dtype=np.int64)
        nobody = np.full(len(inc.ids), -1, dtype=np.int64)
        sp_incident = sp.incident.astype(np.int64)
        pairs = inc.pair_incident.astype(np.int64)

        def per_incident(line: str, limit: int, kind: SupportKind) -> _Timer:
            return _Timer(
                line=line,
                limit=limit,
                incident=every,
                staff=nobody,
                key=every,
                action_key=sp_incident,
                actions=done & (sp.kind == SUPPORT_CODES[kind]),
            )

        timers = (
            per_incident("reg35_record", rule.record_within_hours * 3600, SupportKind.RECORD_MADE),
            _Timer(
                line="reg35_staff_spoken_to",
                limit=rule.staff_spoken_to_within_hours * 3600,
                incident=pairs,
                staff=inc.pair_staff.astype(np.int64),
                key=pairs * n_staff + inc.pair_staff,
                action_key=sp_incident * n_staff + sp.staff,
                actions=done & (sp.kind == SUPPORT_CODES[SupportKind.STAFF_SPOKEN_TO]),
            ),
            per_incident(
                "reg35_child_spoken_to",
                rule.child_spoken_to_within_days * 86400,
                SupportKind.CHILD_SPOKEN_TO,
            ),
        )
        by_time = np.argsort(sp.at, kind="stable")
        for timer in timers:
            self._timer(rule, timer.restricted_to(in_scope), by_time)

    def _timer(self, rule: RestraintRule, timer: _Timer, by_time: IntArray) -> None:
        t = self.table
        sp, inc = t.supports, t.incidents
        first = _FirstAction(timer.action_key, sp.at, timer.actions[by_time], by_time)
        has, when, pos = first.of(timer.key)
        deadline = inc.at[timer.incident] + timer.limit
        met = has & (when <= deadline)
        late = has & (when > deadline)
        missed = ~has & (deadline < self.expired_before)
        self._timer_compliance(timer.line, timer.incident, met, met | late | missed)
        recent = deadline >= self.expired_before - rule.look_back_days * 86400
        rows = np.flatnonzero(~met & recent)
        if len(rows) == 0:
            return
        incident, staff = timer.incident[rows], timer.staff[rows]
        took = (when[rows] - inc.at[incident]) / 3600
        due_at = deadline[rows].astype("datetime64[s]")
        title, limit = line_title(timer.line), _limit_text(timer.limit)
        columns = zip(
            inc.ids[incident].tolist(),
            inc.home[incident].tolist(),
            staff.tolist(),
            np.where(staff >= 0, t.staff.ids[np.maximum(staff, 0)], "").tolist(),
            due_at.tolist(),
            due_at.astype("datetime64[D]").tolist(),
            late[rows].tolist(),
            missed[rows].tolist(),
            pos[rows].tolist(),
            took.tolist(),
            strict=True,
        )
        for iid, home, who, sid, at, due, is_late, is_missed, p, hours in columns:
            late_ids = first.ids_tied(p, sp.ids) if is_late else ()
            severity = rule.severity if is_late or is_missed else Severity.NOTE
            if is_late:
                message = f"{title} late: done after {hours:.0f} hours; the limit is {limit}"
            elif is_missed:
                message = f"{title} not done within {limit}"
            else:
                message = f"{title} still due: within {limit}"
            finding = Finding(
                line=timer.line,
                severity=severity,
                subject=iid,
                records=(iid, *((sid,) if who >= 0 else ()), *late_ids),
                due=due,
                message=message,
                source=rule.source,
                days_overdue=(self.on - due).days,
                due_at=at,
            )
            self.raw.add(home, who, finding)

    def _timer_compliance(
        self, line: str, incident: DayArray, met: BoolArray, decided: BoolArray
    ) -> None:
        inc = self.table.incidents
        days = (inc.at[incident] // 86400).astype("datetime64[D]")
        month = days.astype("datetime64[M]").astype(np.int64)
        first = np.datetime64(self.months[0], "M").astype(np.int64)
        col = month - first
        ok = (col >= 0) & (col < len(self.months))
        homes, k = self.table.n_homes, len(self.months)
        cell = inc.home[incident][ok] * k + col[ok]
        in_scope = np.bincount(cell[decided[ok]], minlength=homes * k).reshape(homes, k)
        met_n = np.bincount(cell[met[ok]], minlength=homes * k).reshape(homes, k)
        self.lines.append(line)
        self.in_scope.append(in_scope)
        self.met.append(met_n)

    # -- putting each home's report together ---------------------------------------------

    def _assemble(self) -> tuple[TeamReport, ...]:
        t = self.table
        homes = t.n_homes
        in_scope = np.stack(self.in_scope, axis=1) if self.lines else np.zeros((homes, 0, 0))
        met = np.stack(self.met, axis=1) if self.lines else np.zeros((homes, 0, 0))
        by_home: list[list[Finding]] = [[] for _ in range(homes)]
        concerned: list[set[int]] = [set() for _ in range(homes)]
        for h, staff, f in zip(self.raw.home, self.raw.staff, self.raw.findings, strict=True):
            by_home[h].append(f)
            if staff >= 0 and f.severity is not Severity.NOTE:
                concerned[h].add(staff)
        scope_now = np.bincount(t.staff.home[self.staff_in_scope_now], minlength=homes).astype(int)
        reports = []
        for h in range(homes):
            findings = tuple(sorted(by_home[h], key=Finding.sort_key))
            status, reasons = _status(findings, len(concerned[h]), int(scope_now[h]), self.policy)
            reports.append(
                TeamReport(
                    home_id=t.home_ids[h],
                    on=self.on,
                    status=status,
                    reasons=reasons,
                    findings=findings,
                    compliance=MonthlyCompliance(
                        self.lines, self.months, in_scope[h].tolist(), met[h].tolist()
                    ),
                    staff_in_scope=int(scope_now[h]),
                )
            )
        return tuple(reports)


def _cadence_message(title: str, overdue: int, has_record: bool, requirement: str) -> str:
    if overdue > 0:
        since = "" if has_record else " (none recorded since starting)"
        return f"{title} overdue by {overdue} days{since}; required {requirement}"
    if overdue == 0:
        return f"{title} due today; required {requirement}"
    return f"{title} due in {-overdue} days; required {requirement}"


def _limit_text(seconds: int) -> str:
    hours = seconds // 3600
    if hours % 24 == 0 and hours >= 72:
        return f"{hours // 24} days"
    return f"{hours} hours"


def _status(
    findings: Sequence[Finding], concerned_staff: int, in_scope: int, policy: TeamPolicy
) -> tuple[RagStatus, tuple[str, ...]]:
    counts: dict[str, list[int]] = {}
    for f in findings:
        if f.severity is not Severity.NOTE:
            c = counts.setdefault(f.line, [0, 0])
            c[0] += 1
            c[1] += f.severity is Severity.SERIOUS
    reasons = [
        f"{line_title(line)}: {n} finding{'s' if n != 1 else ''}" + (f" ({s} serious)" if s else "")
        for line, (n, s) in sorted(counts.items())
    ]
    serious = any(s for _, s in counts.values())
    share = concerned_staff / in_scope if in_scope else 0.0
    crowded = in_scope > 0 and share >= policy.red_share
    if crowded:
        reasons.append(
            f"{share:.0%} of staff in scope have a concern or worse "
            f"(red from {policy.red_share:.0%})"
        )
    if serious or crowded:
        return "red", tuple(reasons)
    if counts:
        return "amber", tuple(reasons)
    return "green", ("every policy line met on the date checked",)


def _band_columns(table: TeamTable, instrument: str, scores: Sequence[str]) -> IntArray:
    """Where each threshold's score is in the table's wellbeing columns."""
    problems = []
    if table.wellbeing_instrument != instrument:
        problems.append(
            f"the table's wellbeing checks are {table.wellbeing_instrument!r}, "
            f"the policy's instrument is {instrument!r}"
        )
    missing = [sc for sc in scores if sc not in table.wellbeing_scores]
    problems += [f"the table holds no band ranks for {sc!r}" for sc in missing]
    if problems:
        problems.append("build the table with the policy's wellbeing instrument and score_ids")
        raise InvalidDefinition("team table", problems)
    return np.array([table.wellbeing_scores.index(sc) for sc in scores], dtype=np.intp)


def _session_columns(table: TeamTable, rule: SupervisionRule) -> tuple[str, ...]:
    """The supervision columns a rule filters on, which the table must hold."""
    needed = session_columns(rule)
    missing = [c for c in needed if c not in table.supervision.extra]
    if missing:
        problems = [f"the table holds no supervision {c!r} column" for c in missing]
        problems.append("build the table with TeamTable.for_policy(homes, policy)")
        raise InvalidDefinition("team table", problems)
    return needed


class _PerHome:
    """Counts per home of the true cells in each column of a (staff, columns) mask."""

    def __init__(self, home: IntArray, homes: int) -> None:
        self.home = home
        self.homes = homes
        self.starts: IntArray | None = None
        if bool(np.all(home[1:] >= home[:-1])):  # each home's staff in consecutive rows
            first = np.searchsorted(home, np.arange(homes))
            self.staffed = np.bincount(home, minlength=homes) > 0
            self.starts = first[self.staffed]

    def count(self, mask: BoolArray) -> IntArray:
        k = mask.shape[1]
        if self.starts is None:
            rows, cols = np.nonzero(mask)
            cells = self.home[rows] * k + cols
            return np.bincount(cells, minlength=self.homes * k).reshape(self.homes, k)
        out = np.zeros((self.homes, k), dtype=np.intp)
        if len(self.starts):
            out[self.staffed] = np.add.reduceat(mask.astype(np.intp), self.starts, axis=0)
        return out


def _subset(ev: EventColumns, mask: BoolArray) -> EventColumns:
    return EventColumns(
        staff=ev.staff[mask], day=ev.day[mask], record=ev.record[mask], ids=ev.ids, extra={}
    )


def _first_due(rule: CadenceRule, started: DayArray) -> DayArray:
    first = rule.first_due or rule.new_starter_every or rule.every
    return first.add_to(started)


def _next_due(rule: CadenceRule, anchor: DayArray, started: DayArray) -> DayArray:
    regular = rule.every.add_to(anchor)
    if rule.new_starter_every is None:
        return regular
    new_starter = anchor < rule.new_starter_period.add_to(started)
    return np.where(new_starter, rule.new_starter_every.add_to(anchor), regular)


def _first_on_or_after(when: DayArray, day: DayArray) -> IntArray:
    """For each day, the index of the first of the ascending ``when`` on or after it
    (``len(when)`` if none): a binary search per distinct day, then a lookup."""
    lo, hi = int(day.min()), int(day.max())
    if hi - lo >= len(day):  # days spread thinly: search each one
        return np.searchsorted(when, day, side="left")
    every_day = np.searchsorted(when, np.arange(lo, hi + 1, dtype=np.int64), side="left")
    return every_day[day - lo]


class _Latest:
    """Events sorted on (staff member, day): the latest on or before given days, per staff
    member, and the records behind it."""

    def __init__(self, staff: IntArray, day: DayArray) -> None:
        keys = (staff.astype(np.int64) << _SHIFT) | (day + _DAY_OFFSET)
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]
        self.staff = staff[self.order].astype(np.int64)
        self.day = day[self.order]

    def grid(self, n: int, when: DayArray) -> tuple[BoolArray, IntArray, DayArray]:
        """For staff members ``0..n-1`` (rows) on each day of ascending ``when`` (columns):
        whether an event on or before the day exists, its sorted position, and its day.

        Each event is placed in the column of the first day on or after it; within a staff
        member, positions ascend with the day, so the latest event by each day is a running
        maximum along the row.
        """
        best = np.full((n, len(when)), -1, dtype=np.intp)
        if len(self.keys):
            col = _first_on_or_after(when, self.day)
            last = np.ones(len(col), dtype=bool)  # the last event of each (staff, column) run
            last[:-1] = (self.staff[1:] != self.staff[:-1]) | (col[1:] != col[:-1])
            last &= col < len(when)
            best.reshape(-1)[self.staff[last] * len(when) + col[last]] = np.flatnonzero(last)
            np.maximum.accumulate(best, axis=1, out=best)
        has = best >= 0
        pos = np.maximum(best, 0)
        day = self.day[pos] if len(self.keys) else np.zeros(best.shape, dtype=np.int64)
        return has, pos, day

    def groups(self) -> IntArray:
        """Start positions of runs of events on the same staff member and day."""
        if len(self.keys) == 0:
            return np.zeros(0, dtype=np.intp)
        change = np.ones(len(self.keys), dtype=bool)
        change[1:] = self.keys[1:] != self.keys[:-1]
        return np.flatnonzero(change)

    def ids_many(self, ev: EventColumns, pos: IntArray, has: BoolArray) -> list[tuple[str, ...]]:
        """:meth:`ids_at` for many positions (``()`` where ``has`` is false)."""
        if len(self.keys) == 0:
            return [() for _ in range(len(pos))]
        lo = np.searchsorted(self.keys, self.keys[pos], side="left")
        single = ev.ids[ev.record[self.order[pos]]].tolist()
        return [
            (() if not h else (one,) if a == p else self.ids_at(ev, p))
            for h, a, p, one in zip(has.tolist(), lo.tolist(), pos.tolist(), single, strict=True)
        ]

    def ids_at(self, ev: EventColumns, pos: int) -> tuple[str, ...]:
        """The record ids of every event on the same staff member and day as ``pos``, sorted."""
        key = self.keys[pos]
        lo = int(np.searchsorted(self.keys, key, side="left"))
        rows = self.order[lo : pos + 1]
        return tuple(sorted({str(ev.ids[r]) for r in ev.record[rows]}))


_EPOCH = datetime(1970, 1, 1)


@attrs.frozen(eq=False)
class _Timer:
    """One regulation 35 timer over every incident (or incident and staff member) at once.

    ``key`` identifies what the timer runs for; an action counts when its ``action_key``
    matches and ``actions`` holds for it.
    """

    line: str
    limit: int  # seconds
    incident: DayArray
    staff: DayArray
    key: DayArray
    action_key: DayArray
    actions: BoolArray

    def restricted_to(self, incidents: BoolArray) -> _Timer:
        keep = incidents[self.incident]
        return attrs.evolve(
            self, incident=self.incident[keep], staff=self.staff[keep], key=self.key[keep]
        )


class _FirstAction:
    """The first matching action per key, by sorting actions on (key, time) once."""

    def __init__(self, key: DayArray, at: DayArray, mask: BoolArray, by_time: IntArray) -> None:
        """``mask``: which actions count, in ``by_time`` order (the actions sorted by time)."""
        rows = by_time[mask]
        self.order = rows[np.argsort(key[rows], kind="stable")]
        self.keys = key[self.order]
        self.at = at[self.order]

    def of(self, key: DayArray) -> tuple[BoolArray, DayArray, IntArray]:
        """For each key: whether an action exists, its time, and its sorted position."""
        if len(self.keys) == 0:
            z = np.zeros(len(key), dtype=np.intp)
            return np.zeros(len(key), dtype=bool), np.full(len(key), NO_END), z
        p = np.searchsorted(self.keys, key, side="left")
        pc = np.minimum(p, len(self.keys) - 1)
        has = (p < len(self.keys)) & (self.keys[pc] == key)
        return has, np.where(has, self.at[pc], NO_END), pc

    def ids_tied(self, pos: int, ids: NDArray[np.object_]) -> tuple[str, ...]:
        """The ids of every action sharing the first one's key and time, sorted."""
        end = pos + 1
        while (
            end < len(self.keys)
            and self.keys[end] == self.keys[pos]
            and (self.at[end] == self.at[pos])
        ):
            end += 1
        return tuple(sorted(str(ids[r]) for r in self.order[pos:end]))
