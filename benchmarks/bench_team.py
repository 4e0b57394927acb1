"""Benchmark: check_teams over 500 homes x 30 staff x 2 years of synthetic team records.

Prints medians (wall-clock and CPU time) of:
  (a) ``check_teams`` on a prepared ``TeamTable`` (the vectorised check);
  (b) ``TeamTable.for_policy``: reading the record objects into columns and checking every
      reference, as ``check_teams`` does from records; (b') ``TeamTable.from_records`` keeping
      every supervision column;
  (c) ``check_teams`` end to end from record objects (b + a): the issue's goal, under 1 s;
  (d) the baseline: a straightforward per-record Python loop computing the same findings and
      monthly compliance, measured in the same run;
and the ratios of the baseline to (a) and (c). The baseline's findings are compared with the
library's (counts per line and severity, and every home's compliance table), and (c)'s reports
with (a)'s, so all of them are known to do the same work.

The records are synthetic (seeded numpy): no real home or person. Each home is drawn in one of
three invented care tiers (steady, stretched, struggling: see ``CARE``), so the homes come out
in a mix of green, amber and red and the check runs every path (findings of every severity,
the all-met reason, the share-of-staff rule).

Run: ``PYTHONPATH=src python3 benchmarks/bench_team.py [--homes 500] [--staff 30]``
"""

from __future__ import annotations

import argparse
import calendar
import gc
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np

import therapeutic_model as tm
from therapeutic_model.team import (
    Appraisal,
    Employment,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    Severity,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamPolicy,
    TeamRecords,
    TeamTable,
    TrainingRecord,
    WellbeingCheck,
    check_teams,
)

START = date(2023, 1, 1)
ON = date(2024, 12, 31)
PERIOD = (date(2023, 1, 1), date(2024, 12, 31))
ROLES = ("residential_care_worker", "senior_care_worker", "deputy_manager", "registered_manager")


def _profiles(rng: np.random.Generator, n: int = 24) -> list[tm.Profile]:
    inst = tm.default_registry(plugins=False).get("proqol")
    x = rng.integers(1, 6, size=(n, 30)).astype(float)
    x[:2, :] = 5  # two of the profiles are in the high bands
    batch = inst.score_many(x, age_months=np.full(n, 400.0))
    return [batch.profile(i) for i in range(n)]


def _day(d: date, k: int) -> date:
    return d + timedelta(days=int(k))


def _plus_months(d: date, n: int) -> date:
    """``n`` calendar months after ``d``, on the month's last day when it is shorter (as the
    policy's intervals count)."""
    k = d.year * 12 + d.month - 1 + n
    year, month = divmod(k, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


MONTHS = [date(2023 + m // 12, m % 12 + 1, 1) for m in range(24)]


@dataclass(frozen=True)
class Care:
    """How well a synthetic home keeps up with its team's needs (invented, for the benchmark).

    Attributes:
        name: the tier's name.
        share: the share of homes in the tier.
        held: the chance that a supervision session, wellbeing check, appraisal or refresher
            falls due and is held (otherwise it is missed until the next one is due).
        early, late: how many days before or after its due date a held one takes place.
        strained: the chance that a wellbeing check lands in a high-burnout, high-secondary-
            stress or low-compassion-satisfaction band.
        restraints: restraints a month.
        follow_up_hours: mean hours to the record, to speaking with staff, to the child.
        staff_spoken_to: the chance each member of staff involved is spoken with at all.
    """

    name: str
    share: float
    held: float
    early: int
    late: int
    strained: float
    restraints: float
    follow_up_hours: tuple[float, float, float]
    staff_spoken_to: float


CARE = (
    Care("steady", 0.40, 0.998, 5, 0, 0.002, 1.5, (2.0, 5.0, 10.0), 1.0),
    Care("stretched", 0.35, 0.985, 5, 2, 0.03, 3.0, (3.0, 8.0, 20.0), 0.998),
    Care("struggling", 0.25, 0.90, 5, 12, 0.15, 4.5, (8.0, 18.0, 40.0), 0.97),
)


class _SyntheticHome:
    """One synthetic home: staff with turnover; supervision, wellbeing checks, appraisals and
    training held around their due dates (how reliably depends on the home's :class:`Care`);
    a monthly group session; restraints with timed follow-up."""

    def __init__(self, rng: np.random.Generator, profiles: list[tm.Profile], care: Care) -> None:
        self.rng = rng
        self.care = care
        # profiles in a threshold band (any high burnout or secondary stress, or low compassion
        # satisfaction) and those in none
        flagged = [_strained(p) for p in profiles]
        self.strained = [p for p, f in zip(profiles, flagged, strict=True) if f]
        self.calm = [p for p, f in zip(profiles, flagged, strict=True) if not f]
        self.recs: list[Any] = []

    def rid(self, prefix: str) -> str:
        return f"{prefix}{len(self.recs)}"

    def staff(self, n_staff: int) -> list[StaffMember]:
        rng = self.rng
        out = []
        for k in range(n_staff):
            started = _day(date(2020, 1, 1), rng.integers(0, 365 * 4 + 300))
            left = _day(started, rng.integers(200, 900)) if rng.random() < 0.15 else None
            emp = (Employment.PERMANENT, Employment.AGENCY, Employment.BANK)[
                int(rng.choice(3, p=[0.75, 0.1, 0.15]))
            ]
            out.append(StaffMember(f"s{k}", ROLES[min(k, 4) % 4], started, emp, left))
        return out

    def held(
        self, s: StaffMember, months: int, *, first: int | None = None, fortnightly: bool = False
    ) -> list[date]:
        """The dates something due every ``months`` was held for a staff member.

        Each is due counting from the last one held, as the policy counts (``first`` months
        after starting for the first; every 14 days in the first 6 months if
        ``fortnightly``). Before 2023 everything is held on time and only the latest one is
        recorded: the staff member's opening position for the two years of records.
        """
        care, rng = self.care, self.rng
        end = min(ON, s.left or ON)
        new_until = _plus_months(s.started, 6)
        last, opening, out = s.started, [], []
        while True:
            if fortnightly and last < new_until:
                due = _day(last, 14)
            else:
                due = _plus_months(last, first if first and last == s.started else months)
            if due < START:
                last, opening = due, [due]
                continue
            if due > end:
                return [d for d in opening if d <= end] + out
            if rng.random() < care.held:
                last = max(_day(due, rng.integers(-care.early, care.late + 1)), s.started)
                if last < START:
                    opening = [last]
                elif last <= end:
                    out.append(last)
            else:
                # missed: tried again a month later (or at the next session), unrecorded
                last = _plus_months(due, 1 - months) if months > 1 else due

    def cadences(self, s: StaffMember) -> None:
        for kind, fortnightly in (
            (SupervisionKind.CLINICAL, True),
            (SupervisionKind.PRACTICE, False),
        ):
            for d in self.held(s, 1, fortnightly=fortnightly):
                self.recs.append(
                    SupervisionSession(
                        self.rid("v"), d, kind, (s.id,), supervisor_role="clinical_supervisor"
                    )
                )
        for d in self.held(s, 3):
            pool = self.strained if self.rng.random() < self.care.strained else self.calm
            profile = pool[int(self.rng.integers(len(pool)))]
            self.recs.append(WellbeingCheck(self.rid("w"), s.id, d, profile))
        for d in self.held(s, 12):
            self.recs.append(Appraisal(self.rid("a"), s.id, d))
        for d in self.held(s, 24, first=3):
            self.recs.append(TrainingRecord(self.rid("t"), s.id, d))

    def groups(self, staff: list[StaffMember]) -> None:
        for m in MONTHS:  # a monthly group clinical session for half the team
            d = _day(m, 14)
            group = tuple(s.id for s in staff[: len(staff) // 2] if s.started <= d)
            if len(group) > 1:
                self.recs.append(
                    SupervisionSession(
                        self.rid("g"),
                        d,
                        SupervisionKind.CLINICAL,
                        group,
                        format=SupervisionFormat.GROUP,
                        minutes=90,
                    )
                )

    def restraints(self, staff: list[StaffMember]) -> None:
        rng, care = self.rng, self.care
        for k in range(int(rng.poisson(care.restraints * 24))):
            at = datetime(2023, 1, 1) + timedelta(minutes=int(rng.integers(0, 2 * 365 * 24 * 60)))
            present = [s for s in staff if s.employed_on(at.date())]
            if len(present) < 2:
                continue
            who = tuple(present[int(i)].id for i in rng.choice(len(present), 2, replace=False))
            iid = f"i{k}"
            self.recs.append(Incident(iid, IncidentKind.RESTRAINT, at, who, f"c-{k % 6}"))
            hours = rng.exponential(scale=care.follow_up_hours, size=3)
            self.support(iid, SupportKind.RECORD_MADE, at, float(hours[0]))
            for j, sid in enumerate(who):
                if rng.random() < care.staff_spoken_to:
                    self.support(iid, SupportKind.STAFF_SPOKEN_TO, at, float(hours[1]) + j, sid)
            self.support(iid, SupportKind.CHILD_SPOKEN_TO, at, float(hours[2]))

    def support(
        self, iid: str, kind: SupportKind, at: datetime, hours: float, sid: str | None = None
    ) -> None:
        self.recs.append(
            PostIncidentSupport(self.rid("p"), iid, kind, at + timedelta(hours=hours), staff_id=sid)
        )


def _strained(profile: tm.Profile) -> bool:
    """Whether a ProQOL profile is in a band the default policy flags."""
    return any(
        (sc := profile.scores.get(t.score)) is not None
        and sc.band is not None
        and sc.band.rank >= t.rank
        for t in TeamPolicy().wellbeing.thresholds
    )


def make_home(
    h: int, n_staff: int, rng: np.random.Generator, profiles: list[tm.Profile]
) -> TeamRecords:
    """One synthetic home's team records over 2023-2024, in a care tier drawn at random."""
    care = CARE[int(rng.choice(len(CARE), p=[c.share for c in CARE]))]
    home = _SyntheticHome(rng, profiles, care)
    staff = home.staff(n_staff)
    for s in staff:
        home.cadences(s)
    home.groups(staff)
    home.restraints(staff)
    return TeamRecords.of([*staff, *home.recs], home_id=f"home-{h:04d}")


# --- the baseline: a straightforward per-record Python loop ----------------------------------


def baseline(
    homes: list[TeamRecords], policy: TeamPolicy, on: date
) -> tuple[Counter[Any], list[Any]]:
    """The same findings and compliance as check_teams, one record and one staff member at a
    time, as one would write it without arrays."""
    ends = [min(_month_end(m), on) for m in MONTHS]
    counts: Counter[Any] = Counter()
    tables = []
    for home in homes:
        dates = _baseline_dates(home, policy)
        table = {}
        for name, rule in policy.cadence_lines():
            table[name] = _baseline_line(
                home, name=name, rule=rule, dates=dates, ends=ends, on=on, counts=counts
            )
        _baseline_bands(home, policy, on, counts)
        _baseline_reg35(home, policy, on, counts)
        tables.append(table)
    return counts, tables


def _baseline_dates(home: TeamRecords, policy: TeamPolicy) -> dict[tuple[str, str], list[date]]:
    dates: dict[tuple[str, str], list[date]] = defaultdict(list)
    for sv in home.supervisions:
        for name, r in (
            ("clinical_supervision", policy.clinical_supervision),
            ("practice_supervision", policy.practice_supervision),
        ):
            if sv.kind == r.kind and sv.format in r.formats and sv.minutes >= r.min_minutes:
                for a in sv.attendees:
                    dates[(name, a)].append(sv.on)
    for ap in home.appraisals:
        dates[("appraisal", ap.staff_id)].append(ap.on)
    for w in home.wellbeing:
        dates[("wellbeing_check", w.staff_id)].append(w.on)
    for t in home.training:
        if t.course == policy.training.course:
            dates[("training", t.staff_id)].append(t.on)
    return dates


def _baseline_line(
    home: TeamRecords,
    *,
    name: str,
    rule: Any,
    dates: dict[tuple[str, str], list[date]],
    ends: list[date],
    on: date,
    counts: Counter[Any],
) -> tuple[list[int], list[int]]:
    in_scope, met = [0] * len(ends), [0] * len(ends)
    for s in home.staff:
        if not rule.applies_to(s.role, s.employment):
            continue
        ds = dates.get((name, s.id), [])
        for j, t in enumerate(ends):
            if s.employed_on(t):
                in_scope[j] += 1
                met[j] += t <= _due(rule, s.started, [d for d in ds if d <= t])
        if s.employed_on(on):
            overdue = (on - _due(rule, s.started, [d for d in ds if d <= on])).days
            if overdue > rule.serious_after_days:
                counts[(name, Severity.SERIOUS)] += 1
            elif overdue > 0:
                counts[(name, Severity.CONCERN)] += 1
            elif overdue >= -rule.due_soon_days:
                counts[(name, Severity.NOTE)] += 1
    return in_scope, met


def _month_end(m: date) -> date:
    nxt = date(m.year + m.month // 12, m.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _due(rule: Any, started: date, ds: list[date]) -> date:
    if not ds:
        first = rule.first_due or rule.new_starter_every or rule.every
        return first.after(started)
    last = max(ds)
    if rule.new_starter_every is not None and last < rule.new_starter_period.after(started):
        return rule.new_starter_every.after(last)
    return rule.every.after(last)


def _baseline_bands(home: TeamRecords, policy: TeamPolicy, on: date, counts: Counter[Any]) -> None:
    rule = policy.wellbeing
    latest: dict[str, list[WellbeingCheck]] = {}
    for w in home.wellbeing:
        if w.on <= on:
            cur = latest.get(w.staff_id)
            if cur is None or w.on > cur[0].on:
                latest[w.staff_id] = [w]
            elif w.on == cur[0].on:
                cur.append(w)
    for s in home.staff:
        if not (rule.applies_to(s.role, s.employment) and s.employed_on(on)) or s.id not in latest:
            continue
        for th in rule.thresholds:
            ranks = [w.profile.scores[th.score].rank for w in latest[s.id]]
            if max(-1 if r is None else r for r in ranks) >= th.rank:
                counts[(f"wellbeing_{th.score}", th.severity)] += 1


def _baseline_reg35(home: TeamRecords, policy: TeamPolicy, on: date, counts: Counter[Any]) -> None:
    rule = policy.restraint
    end = datetime.combine(on + timedelta(days=1), datetime.min.time()) - timedelta(seconds=1)
    start = datetime.combine(on, datetime.min.time())
    by_incident: dict[str, list[PostIncidentSupport]] = defaultdict(list)
    for sp in home.supports:
        if sp.at <= end:
            by_incident[sp.incident_id].append(sp)
    for inc in home.incidents:
        if inc.kind not in rule.kinds or inc.at > end:
            continue
        acts = by_incident[inc.id]
        timers = [("reg35_record", SupportKind.RECORD_MADE, None, rule.record_within_hours)]
        timers += [
            (
                "reg35_staff_spoken_to",
                SupportKind.STAFF_SPOKEN_TO,
                s,
                rule.staff_spoken_to_within_hours,
            )
            for s in inc.staff
        ]
        timers.append(
            (
                "reg35_child_spoken_to",
                SupportKind.CHILD_SPOKEN_TO,
                None,
                rule.child_spoken_to_within_days * 24,
            )
        )
        for line, kind, who, hours in timers:
            times = [a.at for a in acts if a.kind is kind and (who is None or a.staff_id == who)]
            deadline = inc.at + timedelta(hours=hours)
            if deadline < start - timedelta(days=rule.look_back_days):
                continue  # an old lapse: in the compliance table, no longer a finding
            if times:
                if min(times) > deadline:
                    counts[(line, rule.severity)] += 1
            elif deadline < start:
                counts[(line, rule.severity)] += 1
            else:
                counts[(line, Severity.NOTE)] += 1


# --- measuring ---------------------------------------------------------------------------------


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` runs (CPU time shows the work done on a
    machine shared with other jobs)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--homes", type=int, default=500)
    ap.add_argument("--staff", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    rng = np.random.default_rng(20240615)
    profiles = _profiles(rng)
    t0 = time.perf_counter()
    homes = [make_home(h, args.staff, rng, profiles) for h in range(args.homes)]
    n_records = sum(len(h) for h in homes)
    # The ~1M record objects live for the whole run; keep the cyclic collector from rescanning
    # them inside every timing (the same for the library and the baseline).
    gc.collect()
    gc.freeze()
    print(
        f"synthetic records: {args.homes} homes x {args.staff} staff x 2 years = "
        f"{n_records:,} records (built in {time.perf_counter() - t0:.1f} s)"
    )
    policy = TeamPolicy()
    kw: dict[str, Any] = {
        "wellbeing_instrument": "proqol",
        "wellbeing_scores": policy.wellbeing.score_ids,
    }
    table = TeamTable.for_policy(homes, policy)
    reports = check_teams(table, policy, on=ON, period=PERIOD)
    assert check_teams(homes, policy, on=ON, period=PERIOD) == reports
    assert check_teams(TeamTable.from_records(homes, **kw), policy, on=ON, period=PERIOD) == reports

    t_check = median_time(lambda: check_teams(table, policy, on=ON, period=PERIOD), args.repeat)
    t_table = median_time(lambda: TeamTable.for_policy(homes, policy), args.repeat)
    t_full = median_time(lambda: TeamTable.from_records(homes, **kw), args.repeat)
    t_e2e = median_time(lambda: check_teams(homes, policy, on=ON, period=PERIOD), args.repeat)
    t0, c0 = time.perf_counter(), time.process_time()
    base_counts, base_tables = baseline(homes, policy, ON)
    t_base = (time.perf_counter() - t0, time.process_time() - c0)

    ours = Counter((f.line, f.severity) for r in reports for f in r.findings)
    assert ours == base_counts, (ours, base_counts)
    for r, bt in zip(reports, base_tables, strict=True):
        for name, (ins, met) in bt.items():
            i = r.compliance.lines.index(name)
            assert list(r.compliance.in_scope[i]) == ins
            assert list(r.compliance.met[i]) == met
    statuses = Counter(r.status for r in reports)
    print(f"findings: {sum(ours.values()):,}; statuses: {dict(statuses)} (baseline agrees)")
    rows = (
        ("(a) check_teams on a TeamTable", t_check, ""),
        ("(b) TeamTable.for_policy", t_table, "the table (c) builds"),
        ("(b') TeamTable.from_records", t_full, "every supervision column"),
        ("(c) check_teams from record objects", t_e2e, "(b) + (a); goal < 1 s"),
        ("(d) per-record Python loop baseline", t_base, "run once"),
    )
    for label, (wall, cpu), note in rows:
        print(f"{label:39s} median wall {wall:7.3f} s  cpu {cpu:7.3f} s  {note}")
    print(
        f"ratio baseline / (a): {t_base[0] / t_check[0]:6.1f}x wall, "
        f"{t_base[1] / t_check[1]:6.1f}x cpu;  baseline / (c): {t_base[0] / t_e2e[0]:5.1f}x wall, "
        f"{t_base[1] / t_e2e[1]:5.1f}x cpu"
    )


if __name__ == "__main__":
    main()
