"""The command line, ``therapeutic-model`` (also ``python -m therapeutic_model``).

A thin shell over the public API: it reads files, calls the library, writes JSON, CSV or
tables, and turns errors into one line naming the file and the path inside it. Exit status:
0 done, 2 bad input (a file, a field, an option), 1 an internal error (and, for
``check-model``, a model with gaps). ``--debug`` shows the traceback instead. Only this
module (and ``io/``) reads files or today's date.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import re
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO, TypeVar

import numpy as np

from therapeutic_model import simulate
from therapeutic_model._paths import is_opaque_id
from therapeutic_model.assessment import (
    Assessment,
    Band,
    Instrument,
    InstrumentRegistry,
    InstrumentSpec,
    Profile,
    ScoreBatch,
)
from therapeutic_model.child import age_in_months
from therapeutic_model.exceptions import (
    FieldError,
    InvalidDefinition,
    InvalidValue,
    TherapeuticModelError,
    UnknownInstrument,
    ValidationError,
)
from therapeutic_model.io import builtin_instruments, default_registry, from_document, to_document

__all__ = ["main"]

T = TypeVar("T")

PROG = "therapeutic-model"
EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
EXIT_GAPS = 1
"""check-model's status for a model with gaps (as a linter exits 1 for findings)."""
DEMO_SEED = 24


class BadInput(Exception):
    """Bad input to the command line: which file, where in it, and what is wrong."""

    def __init__(self, source: str, path: str, message: str) -> None:
        self.source = source
        self.path = path
        self.message = message
        where = f"{source}: {path}" if path else source
        super().__init__(f"{where}: {message}")


# --------------------------------------------------------------------------- the entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``therapeutic-model`` with ``argv`` (default: the process arguments).

    Returns:
        The exit status: 0 done, 2 bad input, 1 internal error.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return run(args)
    except Exception as exc:
        if args.debug:
            raise
        return _report_error(exc)


def _report_error(exc: Exception) -> int:
    if isinstance(exc, BrokenPipeError):
        return EXIT_OK
    line, status = _one_line(exc)
    sys.stderr.write(f"{PROG}: error: {line}\n")
    return status


def _one_line(exc: Exception) -> tuple[str, int]:
    if isinstance(exc, BadInput):
        return str(exc), EXIT_BAD_INPUT
    if isinstance(exc, ValidationError):
        return f"{exc.what}: {_errors_line(exc.errors)}", EXIT_BAD_INPUT
    if isinstance(exc, InvalidDefinition):
        return f"invalid {exc.what}: {_problems_line(exc.problems)}", EXIT_BAD_INPUT
    if isinstance(exc, TherapeuticModelError):
        return " ".join(str(exc).split()), EXIT_BAD_INPUT
    if isinstance(exc, OSError):
        name = exc.filename if exc.filename is not None else "file"
        return f"{name}: {exc.strerror or 'cannot be read'}", EXIT_BAD_INPUT
    hint = "this is a bug; run again with --debug for the traceback"
    return f"internal error ({type(exc).__name__}); {hint}", EXIT_INTERNAL


def _errors_line(errors: Sequence[FieldError]) -> str:
    if not errors:
        return "invalid"
    first = f"{errors[0].path}: {errors[0].message}"
    if len(errors) == 1:
        return first
    more = ", ".join(e.path for e in errors[1:4]) + (", …" if len(errors) > 4 else "")
    return f"{first} (and {len(errors) - 1} more: {more})"


def _problems_line(problems: Sequence[str]) -> str:
    if len(problems) <= 1:
        return problems[0] if problems else "invalid"
    return f"{problems[0]} (and {len(problems) - 1} more problems)"


# --------------------------------------------------------------------------- the parser


class _Formatter(argparse.RawDescriptionHelpFormatter):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Trauma-informed therapeutic models for residential children's homes: "
            "assessment, individual response, reviewing and monitoring, team regulation."
        ),
        epilog=f"example:\n  {PROG} demo\n  {PROG} score examples/child-sdq.json --age-months 136",
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an error instead of one line"
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in (
        _add_demo,
        _add_score,
        _add_suggest,
        _add_review,
        _add_team_check,
        _add_report,
        _add_check_model,
        _add_instruments,
        _add_simulate,
    ):
        add(sub)
    return parser


def _command(
    sub: Any, name: str, *, summary: str, example: str, run: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=f"example:\n  {example}",
        formatter_class=_Formatter,
    )
    # also accepted after the command; SUPPRESS keeps a --debug given before it
    p.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    p.set_defaults(run=run)
    return p


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        msg = "must be a date as YYYY-MM-DD"
        raise argparse.ArgumentTypeError(msg) from None


def _months(text: str) -> float:
    """An age in months given as an option: a finite number, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        msg = "must be a number of months, 0 or more"
        raise argparse.ArgumentTypeError(msg)
    return value


def _whole(lo: int, hi: int) -> Callable[[str], int]:
    """An option's type: a whole number from ``lo`` to ``hi``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = lo - 1
        if not lo <= value <= hi:
            msg = f"must be a whole number from {lo:,} to {hi:,}"
            raise argparse.ArgumentTypeError(msg)
        return value

    return parse


def _effect(text: str) -> float:
    """The simulated effect of the work done: a number from 0 to 10."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 10:
        msg = "must be a number from 0 to 10"
        raise argparse.ArgumentTypeError(msg)
    return value


def _add_on(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help=f"{what} (default: today)")


def _add_age(p: argparse.ArgumentParser) -> None:
    age = p.add_mutually_exclusive_group()
    age.add_argument("--age-months", type=_months, help="the child's age in months when assessed")
    age.add_argument("--born", type=_date, metavar="YYYY-MM-DD", help="the child's date of birth")


def _add_table_or_json(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", choices=("table", "json"), default="table", help="output format")


# --------------------------------------------------------------------------- progress


@contextlib.contextmanager
def _progress(step: str, *, stream: TextIO | None = None) -> Iterator[None]:
    """Say on a terminal (stderr, only if it is one) what is being done and how long it took."""
    out = stream or sys.stderr
    shown = out.isatty()
    started = time.perf_counter()
    if shown:
        out.write(f"  {step} …")
        out.flush()
    yield
    if shown:
        out.write(f"\r  {step} … done ({time.perf_counter() - started:.1f} s)\n")
        out.flush()


# --------------------------------------------------------------------------- reading input


def _source_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(path, "", "no such file") from None
    except IsADirectoryError:
        raise BadInput(path, "", "is a folder, not a file") from None
    except UnicodeDecodeError:
        raise BadInput(path, "", "is not UTF-8 text") from None
    except OSError as exc:
        raise BadInput(path, "", exc.strerror or "cannot be read") from None


def _read_json(path: str) -> Any:
    text = _read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise BadInput(_source_name(path), "$", f"not valid JSON ({where})") from None


def _rebased(exc: ValidationError, source: str, prefix: str) -> BadInput:
    """The first failing path of ``exc`` (plus a count), under ``prefix``, as a BadInput."""
    errors = [FieldError(prefix + e.path.removeprefix("$"), e.message) for e in exc.errors]
    first = errors[0] if errors else FieldError(prefix, "invalid")
    rest = _errors_line(errors).removeprefix(f"{first.path}: ")
    return BadInput(source, first.path, rest)


@contextlib.contextmanager
def _rebasing(source: str, prefix: str = "$") -> Iterator[None]:
    """Raise a ValidationError from inside as a BadInput naming ``source`` (see _rebased)."""
    try:
        yield
    except ValidationError as exc:
        raise _rebased(exc, source, prefix) from None


def _input_format(path: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    msg = "cannot tell the format: name it .json or .csv, or give --from"
    raise BadInput(_source_name(path), "", msg)


# --------------------------------------------------------------------------- writing output


def _open_output(path: str | None) -> contextlib.AbstractContextManager[TextIO]:
    if path is None or path == "-":
        return contextlib.nullcontext(sys.stdout)
    return Path(path).open("w", encoding="utf-8", newline="")


def _write_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))
    out.write("\n")


# --------------------------------------------------------------------------- demo


def _add_demo(sub: Any) -> None:
    p = _command(
        sub,
        "demo",
        summary=(
            "Simulate a home of 8 children over 12 months, run the four elements, and write "
            "the evidence report (all data SYNTHETIC)."
        ),
        example=f"{PROG} demo --out demo-report",
        run=_cmd_demo,
    )
    _add_on(p, "the last day of the simulated year")
    p.add_argument(
        "--out", default="therapeutic-model-demo", help="report folder (default: %(default)s)"
    )
    p.add_argument("--seed", type=int, default=DEMO_SEED, help="random seed (default: %(default)s)")


def _cmd_demo(args: argparse.Namespace) -> int:
    from therapeutic_model import report

    end: date = args.on or date.today()
    start = simulate.add_months(end, -12)
    out = sys.stdout
    with _progress("simulating a home of 8 children over 12 months"):
        home = simulate.home(8, 12, seed=args.seed, on=start)
        trackers = home.trackers
    out.write(f"therapeutic_model demo. {simulate.SYNTHETIC_NOTICE}\n\n")
    out.write(
        f"Home {home.home_id}: 8 children placed and followed from {start:%d %b %Y} to "
        f"{end:%d %b %Y} (seed {args.seed}).\n\n"
    )
    tracker = trackers[0]
    _demo_assessment(tracker, out)
    _demo_response(home, tracker, out)
    _demo_monitoring(tracker, out)
    team = _demo_team(home, end, out)
    _demo_model(out)
    with _progress("writing the evidence report"):
        written = report.evidence(home, (start, end), args.out)
    out.write(
        f"\nEvidence report: {written.home_page.resolve()}\n"
        f"  one page for the home (with the regulation 45 summary; team status {team}) and "
        f"one per child ({len(written.child_pages)}), figures embedded; "
        f"figures also saved in {written.folder.resolve() / 'figures'}\n"
    )
    return EXIT_OK


def _demo_assessment(tracker: Any, out: TextIO) -> None:
    from therapeutic_model.report._text import format_age, profile_table

    reg = default_registry()
    child = tracker.child
    out.write(
        f"1. Trauma assessment. Child {child.id} on entry, {tracker.opened_on:%d %b %Y}, "
        f"aged {format_age(child.age_months(tracker.opened_on))}:\n\n"
    )
    for iid in (simulate.NEURO_ID, simulate.SDQ_ID):
        first = next(a for a in tracker.assessments if a.profile.instrument_id == iid)
        inst = reg.get(iid)
        out.write(f"{inst.title} [{inst.id} {inst.version}]\n")
        if isinstance(inst, InstrumentSpec) and not inst.validated:
            out.write("Norms are illustrative, not clinically validated.\n")
        out.write(profile_table(first.profile, inst) + "\n\n")


def _demo_response(home: simulate.SimulatedHome, tracker: Any, out: TextIO) -> None:
    from therapeutic_model.io import default_rules
    from therapeutic_model.team import check_team

    sc = home.children[0]
    profiles = [
        next(a.profile for a in tracker.assessments if a.profile.instrument_id == iid)
        for iid in (simulate.NEURO_ID, simulate.SDQ_ID)
    ]
    team = check_team(home.team, on=sc.entered, period=(home.period[0], sc.entered)).status
    suggestions = default_rules().suggest(
        profiles, history=sc.history, triggers=sc.triggers, team=team
    )
    out.write(
        f"2. Individual response. Suggested for child {sc.child.id} (triggers: "
        f"{', '.join(sc.triggers) or 'none recorded'}; team {team}), bottom-up:\n"
    )
    for phase in suggestions.phases():
        shown = phase.suggestions[:_DEMO_PER_PHASE]
        out.write(f"  Phase {phase.number}: {' and '.join(phase.stages)}\n")
        for sg in shown:
            why = sg.evidence[0].describe() if sg.evidence else ", ".join(sg.rules)
            out.write(f"    - {sg.intervention.name} [{sg.status}]: {why}\n")
        if len(phase.suggestions) > len(shown):
            out.write(f"    … and {len(phase.suggestions) - len(shown)} more\n")
    plan = tracker.plans[0]
    starting = sum(1 for pi in plan.interventions if pi.start is not None)
    out.write(
        f"  First plan (version 1, {plan.on:%d %b %Y}): {len(plan.interventions)} "
        f"interventions, {starting} to start now, {len(plan.interventions) - starting} "
        f"deferred until a lower level settles; {len(plan.goals)} goals; withheld: "
        f"{len(suggestions.with_status('withheld'))} (a person decides with the risk "
        "assessment).\n\n"
    )


_DEMO_PER_PHASE = 4


def _demo_monitoring(tracker: Any, out: TextIO) -> None:
    n_assess = sum(1 for a in tracker.assessments if a.profile.instrument_id == simulate.NEURO_ID)
    out.write(
        f"3. Reviewing and monitoring. Child {tracker.child.id}: {n_assess} tracker ratings, "
        f"{len(tracker.meetings)} monthly meetings, {len(tracker.plans)} plan versions.\n"
    )
    for m in tracker.meetings:
        kinds: dict[str, int] = {}
        for d in m.decisions:
            kinds[d.kind.value] = kinds.get(d.kind.value, 0) + 1
        said = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in kinds.items()) or "continue"
        out.write(f"  {m.on:%d %b %Y}: {said}\n")
    goal_t = tracker.goal_t_score()
    if goal_t is not None:
        out.write(f"  Goal attainment T-score now: {goal_t:.0f} (50 = as expected)\n")
    out.write("\n")
    out.write(_progress_table(tracker.domain_progress(simulate.NEURO_ID), "domain") + "\n\n")


def _demo_model(out: TextIO) -> None:
    from therapeutic_model.io import load_preset
    from therapeutic_model.model import check_model

    out.write("\nThe model the home works to: ")
    _write_model_check(check_model(load_preset("tier")), out)
    other = check_model(load_preset("therapy-only"))
    out.write(
        f"For contrast, 'therapy-only' (therapy bought in, nothing around it): gaps in elements "
        f"{', '.join(str(n) for n in other.failing_elements)}.\n"
    )


def _demo_team(home: simulate.SimulatedHome, end: date, out: TextIO) -> str:
    from therapeutic_model.team import check_team

    report = check_team(home.team, on=end, period=home.period)
    out.write(
        f"4. Team regulation. Team check of {home.home_id} on {end:%d %b %Y}: "
        f"status {report.status.upper()}\n"
    )
    for reason in report.reasons:
        out.write(f"  - {reason}\n")
    return str(report.status)


# --------------------------------------------------------------------------- score


def _add_score(sub: Any) -> None:
    p = _command(
        sub,
        "score",
        summary=(
            "Score responses: an Assessment document (JSON, or a JSON array of them) or a CSV "
            "with one row per child and one column per item."
        ),
        example=(
            f"{PROG} score examples/child-sdq.json --age-months 136\n"
            f"  {PROG} score examples/cohort-sdq.csv --instrument sdq-parent --to csv"
        ),
        run=_cmd_score,
    )
    p.add_argument("file", help="the responses: .json or .csv, or - for standard input")
    p.add_argument("--instrument", help="instrument id (CSV input; overrides a document's)")
    _add_age(p)
    p.add_argument("--from", dest="from_format", choices=("json", "csv"), help="input format")
    p.add_argument(
        "--to", choices=("json", "csv", "table"), help="output format (default: as input)"
    )
    p.add_argument("--output", "-o", help="write here instead of standard output")


def _cmd_score(args: argparse.Namespace) -> int:
    reg = default_registry()
    fmt = _input_format(args.file, args.from_format)
    scored = _score_json(args, reg) if fmt == "json" else _score_csv(args, reg)
    to = args.to or fmt
    with _open_output(args.output) as out:
        scored.write(to, out)
    return EXIT_OK


class _Scored:
    """Profiles with the ids they belong to, ready to write as JSON, CSV or a table."""

    def __init__(
        self, instruments: Sequence[Instrument], profiles: Sequence[Profile], ids: Sequence[str]
    ) -> None:
        self.instruments = instruments
        self.profiles = profiles
        self.ids = ids
        self.single = False

    def write(self, to: str, out: TextIO) -> None:
        if to == "json":
            docs = [to_document(p) for p in self.profiles]
            _write_json(docs[0] if self.single else docs, out)
        elif to == "csv":
            _write_profiles_csv(self.profiles, self.ids, out)
        else:
            from therapeutic_model.report._text import format_age, profile_table

            for inst, p, cid in zip(self.instruments, self.profiles, self.ids, strict=True):
                label = f"{cid}: " if cid else ""
                out.write(f"{label}{inst.title}, age {format_age(p.age_months)}\n")
                out.write(profile_table(p, inst) + "\n\n")


def _score_json(args: argparse.Namespace, reg: InstrumentRegistry) -> _Scored:
    source = _source_name(args.file)
    doc = _read_json(args.file)
    docs = doc if isinstance(doc, list) else [doc]
    insts, profiles, ids = [], [], []
    for i, d in enumerate(docs):
        prefix = f"$[{i}]" if isinstance(doc, list) else "$"
        with _rebasing(source, prefix):
            a = from_document(d, Assessment)
        if args.instrument:
            inst = _instrument(reg, args.instrument, source="--instrument")
        else:
            inst = _instrument(reg, a.instrument_id, source=source, path=f"{prefix}.instrument_id")
        age = _age_for(args, a.on, source, prefix)
        with _rebasing(source, prefix):
            profiles.append(inst.score(a.responses, age_months=age))
        insts.append(inst)
        ids.append(str(a.child_id))
    scored = _Scored(insts, profiles, ids)
    scored.single = not isinstance(doc, list)
    return scored


def _age_for(args: argparse.Namespace, on: date, source: str, prefix: str) -> float:
    if args.age_months is not None:
        return float(args.age_months)
    if args.born is not None:
        if args.born > on:
            raise BadInput(source, f"{prefix}.on", "is before the date of birth given by --born")
        return float(age_in_months(args.born, on))
    raise BadInput(source, prefix, "the child's age is needed: give --age-months or --born")


def _score_csv(args: argparse.Namespace, reg: InstrumentRegistry) -> _Scored:
    source = _source_name(args.file)
    if not args.instrument:
        raise BadInput(source, "", "CSV input needs --instrument (e.g. --instrument sdq-parent)")
    inst = _instrument(reg, args.instrument, source="--instrument")
    with _progress(f"reading {source}"):
        table = _read_csv(args.file, inst, args)
    with _progress(f"scoring {len(table.ids)} rows"):
        try:
            batch = inst.score_many(table.responses, age_months=table.ages)
        except ValidationError as exc:
            table.problems.add_scoring(exc, table.lines)
            raise table.problems.error() from None
    table.problems.raise_if_any()
    profiles = batch.profiles()
    return _Scored([inst] * len(profiles), profiles, table.ids)


def _instrument(
    reg: InstrumentRegistry, instrument_id: str, *, source: str, path: str = ""
) -> Instrument:
    """The instrument ``instrument_id`` names; unknown, a BadInput naming where it was given.

    An id given as an option is repeated in the message; one read from a file is not (the path
    names it), as nothing read from a file is echoed.
    """
    try:
        return reg.get(instrument_id)
    except UnknownInstrument as exc:
        known = ", ".join(exc.known) or "none"
        said = f"no instrument {instrument_id!r}" if not path else "not a known instrument"
        raise BadInput(source, path, f"{said}; known instruments: {known}") from None


_CSV_SHOWN = 5
"""Problems of a CSV file listed on the one error line; the rest are counted ("and 12 more")."""
_CSV_KEPT = 100
"""Problems kept from the reading and from the scoring each; any more are only counted."""


class _CsvProblems:
    """Every problem found in a CSV file, by path: ``$.header[3]``, ``$[2]``, ``$[2].7``.

    ``$[i]`` is the i-th row of responses (from 0, blank lines not counted); each message
    also gives the row's line in the file.
    """

    def __init__(self, source: str, columns: Sequence[str]) -> None:
        self.source = source
        self.errors: list[FieldError] = []
        self.more = 0
        self._column = {name: k for k, name in reversed(list(enumerate(columns)))}

    def add(self, path: str, message: str) -> None:
        if len(self.errors) < _CSV_KEPT:
            self.errors.append(FieldError(path, message))
        else:
            self.more += 1

    def add_scoring(self, exc: ValidationError, lines: Sequence[int]) -> None:
        """Add what scoring refused (cells off their item's scale, as ``$[row].item``)."""
        for e in exc.errors:
            row = _row_of(e.path)
            counted = re.fullmatch(r"and (\d+) more.*", e.message) if e.path == "$" else None
            if counted:
                self.more += int(counted.group(1))
            elif 0 <= row < len(lines):
                self.errors.append(FieldError(e.path, f"{e.message} (line {lines[row]})"))
            else:
                self.errors.append(e)

    def raise_if_any(self) -> None:
        """Raise :meth:`error` if any problem was found."""
        if self.errors or self.more:
            raise self.error()

    def error(self) -> BadInput:
        """One BadInput listing the first few problems in file order, counting the rest."""
        errors = sorted(self.errors, key=self._place)
        if not errors:
            return BadInput(self.source, "", f"{self.more} problems")
        shown = errors[:_CSV_SHOWN]
        hidden = len(errors) - len(shown) + self.more
        text = "; ".join([shown[0].message, *(str(e) for e in shown[1:])])
        if hidden:
            text += f"; and {hidden} more"
        return BadInput(self.source, shown[0].path, text)

    def _place(self, e: FieldError) -> tuple[int, int]:
        """Where a problem is in the file: its row, then its column (a whole row first)."""
        column = e.path.partition("].")[2]
        return _row_of(e.path), self._column.get(column, -1)


def _row_of(path: str) -> int:
    """The row a CSV problem's path names: -1 for the header, a large number for none."""
    if path.startswith("$.header"):
        return -1
    found = re.match(r"\$\[(\d+)\]", path)
    return int(found.group(1)) if found else sys.maxsize


class _CsvTable:
    """The rows of a CSV file read so far: responses, ages, ids and lines, and its problems."""

    def __init__(
        self, header: Sequence[str], inst: Instrument, age_months: float | None, source: str
    ) -> None:
        self.header = header
        self.instrument_id = inst.id
        self.item_ids = inst.item_ids
        self.age_months = age_months
        self.problems = _CsvProblems(source, header)
        self.rows: list[list[float]] = []
        self.ages: list[float] = []
        self.ids: list[str] = []
        self.lines: list[int] = []

    @property
    def responses(self) -> np.ndarray[Any, Any]:
        return np.array(self.rows, dtype=float)

    def read_row(self, cells: Sequence[str], line: int) -> None:
        """Read one row of responses; every bad cell is added to :attr:`problems`."""
        i, at = len(self.rows), f" (line {line})"
        row: dict[str, str] = {}
        if len(cells) == len(self.header):
            row = dict(zip(self.header, cells, strict=True))
        else:
            message = f"has {len(cells)} cells, the header {len(self.header)}{at}"
            self.problems.add(f"$[{i}]", message)
        values = [math.nan] * len(self.item_ids)
        for j, item in enumerate(self.item_ids):
            text = row.get(item, "")
            if text.strip():
                value = _csv_number(text)
                if value is None:
                    message = f"must be a number, or empty if not answered{at}"
                    self.problems.add(f"$[{i}].{item}", message)
                else:
                    values[j] = value
        cid = row.get("child_id", "")
        if cid and not is_opaque_id(cid):
            self.problems.add(f"$[{i}].child_id", _NOT_OPAQUE + at)
        self.rows.append(values)
        self.ages.append(self._age(row, f"$[{i}]", at) if row else math.nan)
        self.ids.append(cid if cid and is_opaque_id(cid) else f"row-{i + 1}")
        self.lines.append(line)

    def _age(self, row: Mapping[str, str], where: str, at: str) -> float:
        """The row's age in months; NaN when it has a problem (added)."""
        if self.age_months is not None:
            return float(self.age_months)
        if row.get("age_months", "").strip():
            months = _csv_number(row["age_months"])
            if months is not None and months >= 0:
                return months
            self.problems.add(f"{where}.age_months", f"must be a number of months, 0 or more{at}")
            return math.nan
        born, on = row.get("born", ""), row.get("on", "")
        if not born.strip() and not on.strip():
            self.problems.add(where, _NO_AGE + at)
            return math.nan
        return self._age_from_dates(born, on, where, at)

    def _age_from_dates(self, born_text: str, on_text: str, where: str, at: str) -> float:
        born = self._date(born_text, f"{where}.born", at)
        on = self._date(on_text, f"{where}.on", at)
        if born is None or on is None:
            return math.nan
        if born > on:
            self.problems.add(f"{where}.born", f"must not be after on{at}")
            return math.nan
        return float(age_in_months(born, on))

    def _date(self, text: str, where: str, at: str) -> date | None:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            self.problems.add(where, f"must be a date as YYYY-MM-DD{at}")
            return None


_ID_COLUMNS = ("child_id", "age_months", "born", "on")
_NO_AGE = "no age: give an age_months column, or born and on columns, or --age-months"
_NOT_OPAQUE = "must be an opaque id: 1-64 letters, digits or . _ : - (never a name)"


def _read_csv(path: str, inst: Instrument, args: argparse.Namespace) -> _CsvTable:
    """Read a CSV of responses, one row per child, finding every problem before scoring.

    The header must name each column once (item ids, ``child_id``, ``age_months``, ``born``,
    ``on``); each row must have as many cells as the header. Blank lines are skipped.
    """
    source = _source_name(path)
    reader = csv.reader(io.StringIO(_read_text(path)))
    try:
        header = next(reader, None)
        if header is None:
            raise BadInput(source, "", "is empty: expected a header and one row per child")
        table = _CsvTable(header, inst, args.age_months, source)
        _check_header(table)
        for cells in reader:
            if any(c.strip() for c in cells):
                table.read_row(cells, reader.line_num)
    except csv.Error:
        raise BadInput(source, f"line {reader.line_num}", "is not valid CSV") from None
    if not table.rows:
        raise BadInput(source, "", "no rows of responses")
    return table


def _check_header(table: _CsvTable) -> None:
    """Refuse (listing every problem) a header with unknown, unnamed or repeated columns."""
    items, problems = set(table.item_ids), table.problems
    first: dict[str, int] = {}
    for k, name in enumerate(table.header):
        where = f"$.header[{k}]"
        column = f"column {name!r}" if is_opaque_id(name) else "this column"
        if name in first:
            problems.add(where, f"{column} is there twice (first at $.header[{first[name]}])")
            continue
        first[name] = k
        if not name.strip():
            problems.add(where, "a column needs a name: an item id, or " + ", ".join(_ID_COLUMNS))
        elif name not in items and name not in _ID_COLUMNS:
            problems.add(where, f"{column} is not an item of {table.instrument_id!r}")
    if not items & set(table.header):
        problems.add("$.header", f"no column is an item of {table.instrument_id!r}")
    has_age = "age_months" in first or ("born" in first and "on" in first)
    if table.age_months is None and not has_age:
        problems.add("$.header", _NO_AGE)
    problems.raise_if_any()


def _csv_number(text: str) -> float | None:
    """A cell as a finite number, or None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _write_profiles_csv(profiles: Sequence[Profile], ids: Sequence[str], out: TextIO) -> None:
    first = profiles[0].scores if profiles else {}
    score_ids = list(first)
    normed = [s for s in score_ids if first[s].expected is not None]
    header = ["child_id", "instrument", "age_months", *score_ids]
    header += [f"{s}_band" for s in score_ids]
    header += [f"{s}_ratio" for s in normed] + [f"{s}_functional_age_months" for s in normed]
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for cid, p in zip(ids, profiles, strict=True):
        sc = p.scores
        w.writerow(
            [cid, p.instrument_id, _fmt(p.age_months)]
            + [_fmt(sc[s].value) for s in score_ids]
            + [_band_label(sc[s].band) for s in score_ids]
            + [_fmt(sc[s].ratio, 3) for s in normed]
            + [_fmt(sc[s].functional_age_months, 1) for s in normed]
        )


def _two(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _band_label(band: Band | None) -> str:
    return "" if band is None else band.label


def _fmt(x: float | None, digits: int = 4) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else f"{x:.{digits}f}".rstrip("0")


# --------------------------------------------------------------------------- instruments


def _add_instruments(sub: Any) -> None:
    p = _command(
        sub,
        "instruments",
        summary="List the instruments: shipped, from plugins, and plugins that failed to load.",
        example=f"{PROG} instruments\n  {PROG} instruments sdq-parent",
        run=_cmd_instruments,
    )
    p.add_argument("id", nargs="?", help="show one instrument in detail")
    p.add_argument("--json", action="store_true", help="as JSON")


def _cmd_instruments(args: argparse.Namespace) -> int:
    from therapeutic_model.report._text import table

    reg = default_registry()
    shipped = set(InstrumentRegistry.of(builtin_instruments()).ids())
    if args.id:
        return _show_instrument(reg.get(args.id), args.id in shipped, as_json=args.json)
    rows = [_instrument_row(inst, inst.id in shipped) for inst in reg]
    failures = [{"plugin": f.name, "reason": f.reason} for f in reg.failures]
    if args.json:
        _write_json({"instruments": rows, "plugin_failures": failures}, sys.stdout)
        return EXIT_OK
    header = ["id", "version", "origin", "validated", "title"]
    body = [
        [r["id"], r["version"], r["origin"], "yes" if r["validated"] else "no", r["title"]]
        for r in rows
    ]
    sys.stdout.write(table(header, body) + "\n")
    if failures:
        sys.stdout.write("\nPlugins that failed to load (the others are available):\n")
        for f in failures:
            sys.stdout.write(f"  {f['plugin']}: {f['reason']}\n")
    return EXIT_OK


def _instrument_row(inst: Instrument, shipped: bool) -> dict[str, Any]:
    spec = inst if isinstance(inst, InstrumentSpec) else None
    return {
        "id": inst.id,
        "version": inst.version,
        "title": inst.title,
        "origin": "shipped" if shipped else "plugin",
        "validated": bool(spec.validated) if spec else False,
        "items": len(inst.item_ids),
        "scores": list(inst.score_ids),
    }


def _show_instrument(inst: Instrument, shipped: bool, *, as_json: bool) -> int:
    row = _instrument_row(inst, shipped)
    if isinstance(inst, InstrumentSpec):
        row |= {"source": inst.source, "licence": inst.licence, "notes": inst.notes}
        row["levels"] = [lv.id for lv in sorted(inst.levels, key=lambda lv: lv.order)]
    if as_json:
        _write_json(row, sys.stdout)
        return EXIT_OK
    for key, value in row.items():
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        if shown not in ("", None):
            sys.stdout.write(f"{key:>9}: {shown}\n")
    return EXIT_OK


# --------------------------------------------------------------------------- simulate


def _add_simulate(sub: Any) -> None:
    p = _command(
        sub,
        "simulate",
        summary="Make a SYNTHETIC cohort (children, histories, monthly assessments) for analyses.",
        example=f"{PROG} simulate --children 200 --months 12 --seed 1 -o cohort.csv",
        run=_cmd_simulate,
    )
    p.add_argument(
        "--children", type=_whole(1, 1_000_000), default=8, help="how many children (default 8)"
    )
    p.add_argument("--months", type=_whole(0, 240), default=12, help="months followed (default 12)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument(
        "--effect", type=_effect, default=1.0, help="effect of the work done, 0 to 10 (default 1)"
    )
    p.add_argument(
        "--on",
        type=_date,
        metavar="YYYY-MM-DD",
        help=(
            "the last day of the simulated period (default: today); it starts --months "
            "earlier, so no record is dated in the future"
        ),
    )
    p.add_argument(
        "--to", choices=("csv", "json"), help="output format (default: from -o, else csv)"
    )
    p.add_argument("--output", "-o", help="write here instead of standard output")
    p.add_argument(
        "--home",
        metavar="FOLDER",
        help="instead, simulate a whole home (children, trackers, team) into this folder",
    )


def _cmd_simulate(args: argparse.Namespace) -> int:
    end: date = args.on or date.today()
    start = simulate.add_months(end, -args.months)
    if args.home:
        if args.months < 1:
            raise BadInput("--months", "", "must be at least 1 to simulate a home")
        with _progress(f"simulating a home of {args.children} children"):
            home = simulate.home(args.children, args.months, seed=args.seed, on=start)
            root = _write_home_folder(home, args.home)
        sys.stdout.write(f"{root.resolve()}\n")
        return EXIT_OK
    with _progress(f"simulating {args.children} children over {args.months} months"):
        c = simulate.cohort(
            args.children, args.months, seed=args.seed, on=start, effect=args.effect
        )
    to = args.to or ("json" if (args.output or "").lower().endswith(".json") else "csv")
    with _open_output(args.output) as out:
        if to == "json":
            _write_json(_cohort_document(c), out)
        else:
            _write_cohort_csv(c, out)
    return EXIT_OK


def _cohort_document(c: simulate.Cohort) -> dict[str, Any]:
    children = []
    for sc in c.children:
        children.append(
            {
                "child": to_document(sc.child),
                "entered": sc.entered.isoformat(),
                "history": to_document(sc.history),
                "assessments": [to_document(a) for a in sc.assessments],
            }
        )
    return {"notice": c.notice, "seed": c.seed, "start": c.start.isoformat(), "children": children}


def _write_cohort_csv(c: simulate.Cohort, out: TextIO) -> None:
    """One row per child, instrument and month assessed: the tidy form for analysis."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["child_id", "instrument", "month", "age_months", "score", "value", "band_rank"])
    ids = [c.child_id(i) for i in range(len(c))]
    for iid in (simulate.NEURO_ID, simulate.SDQ_ID):
        for month in range(c.months + 1):
            batch: ScoreBatch
            batch, rows = c.scores(iid, month)
            for k, row in enumerate(rows):
                for j, sid in enumerate(batch.score_ids):
                    value = batch.values[k, j]
                    w.writerow(
                        [
                            ids[row],
                            iid,
                            month,
                            _fmt(float(batch.age_months[k])),
                            sid,
                            "" if np.isnan(value) else _fmt(float(value)),
                            int(batch.band_ranks[k, j]),
                        ]
                    )


# --------------------------------------------------------------------------- records from files


def _load(path: str, cls: type[T]) -> T:
    """Read one schema-versioned record from a JSON file, errors naming the file and path."""
    doc = _read_json(path)
    with _rebasing(_source_name(path)):
        return from_document(doc, cls)


def _home_folder(folder: str) -> tuple[Any, tuple[date, date] | None]:
    """A home written by ``simulate --home``: team.json, trackers/*.json, histories/*.json."""
    from therapeutic_model.assessment import DevelopmentalHistory
    from therapeutic_model.child import ChildId
    from therapeutic_model.report import HomeRecords
    from therapeutic_model.review import Tracker
    from therapeutic_model.team import TeamRecords

    root = Path(folder)
    if not root.is_dir():
        raise BadInput(folder, "", "is not a folder (expected team.json and trackers/)")
    tracker_files = sorted((root / "trackers").glob("*.json"))
    if not tracker_files:
        raise BadInput(str(root / "trackers"), "", "holds no tracker (.json) files")
    trackers = tuple(_load(str(p), Tracker) for p in tracker_files)
    team_file = root / "team.json"
    team = _load(str(team_file), TeamRecords) if team_file.exists() else TeamRecords()
    histories = {
        ChildId(p.stem): _load(str(p), DevelopmentalHistory)
        for p in sorted((root / "histories").glob("*.json"))
    }
    meta_file = root / "home.json"
    meta = _read_json(str(meta_file)) if meta_file.exists() else {}
    period = None
    if isinstance(meta, dict) and "period" in meta:
        try:
            period = (date.fromisoformat(meta["period"][0]), date.fromisoformat(meta["period"][1]))
        except (TypeError, ValueError, IndexError):
            raise BadInput(str(meta_file), "$.period", "must be two dates as YYYY-MM-DD") from None
    home = HomeRecords(
        home_id=str(meta.get("home_id", root.name)) if isinstance(meta, dict) else root.name,
        trackers=trackers,
        team=team,
        histories=histories,
        notice=meta.get("notice") if isinstance(meta, dict) else None,
    )
    return home, period


def _write_home_folder(home: simulate.SimulatedHome, folder: str) -> Path:
    root = Path(folder)
    (root / "trackers").mkdir(parents=True, exist_ok=True)
    (root / "histories").mkdir(parents=True, exist_ok=True)
    from therapeutic_model.io import dumps

    meta = {
        "notice": home.notice,
        "home_id": home.home_id,
        "seed": home.seed,
        "period": [home.period[0].isoformat(), home.period[1].isoformat()],
    }
    (root / "home.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (root / "team.json").write_text(dumps(home.team) + "\n", encoding="utf-8")
    for t in home.trackers:
        (root / "trackers" / f"{t.child.id}.json").write_text(dumps(t) + "\n", encoding="utf-8")
    for cid, history in home.histories.items():
        (root / "histories" / f"{cid}.json").write_text(dumps(history) + "\n", encoding="utf-8")
    return root


# --------------------------------------------------------------------------- suggest


def _add_suggest(sub: Any) -> None:
    p = _command(
        sub,
        "suggest",
        summary=(
            "Suggest a response from a child's assessments (Assessment documents), explained "
            "and in phases; optionally draft the first plan."
        ),
        example=(
            f"{PROG} suggest examples/child-neurosequential.json examples/child-sdq.json "
            "--born 2013-08-28 --trigger loud_noise"
        ),
        run=_cmd_suggest,
    )
    p.add_argument("files", nargs="+", help="Assessment documents (.json), one per instrument")
    _add_age(p)
    p.add_argument("--history", help="a DevelopmentalHistory document (.json)")
    p.add_argument("--trigger", action="append", default=[], help="a personal trigger tag")
    p.add_argument("--team", choices=("green", "amber", "red"), help="the team's status")
    p.add_argument("--draft-plan", action="store_true", help="also draft plan version 1")
    _add_table_or_json(p)


def _cmd_suggest(args: argparse.Namespace) -> int:
    from therapeutic_model.assessment import DevelopmentalHistory
    from therapeutic_model.io import default_rules
    from therapeutic_model.response import draft_plan

    reg = default_registry()
    _check_triggers(args.trigger)
    profiles, child_id, on = [], "child", date.min
    first_of: dict[str, str] = {}
    for f in args.files:
        a = _load(f, Assessment)
        source = _source_name(f)
        inst = _instrument(reg, a.instrument_id, source=source, path="$.instrument_id")
        if a.instrument_id in first_of:
            msg = f"the same instrument as {first_of[a.instrument_id]}: give one per instrument"
            raise BadInput(source, "$.instrument_id", msg)
        first_of[a.instrument_id] = source
        age = _age_for(args, a.on, source, "$")
        with _rebasing(source):
            profiles.append(inst.score(a.responses, age_months=age))
        child_id, on = str(a.child_id), max(on, a.on)
    history = _load(args.history, DevelopmentalHistory) if args.history else None
    suggestions = default_rules().suggest(
        profiles, history=history, triggers=args.trigger, team=args.team
    )
    plan = draft_plan(child_id, suggestions, on=on, author_role="registered_manager")
    if args.to == "json":
        doc: dict[str, Any] = {"suggestions": to_document(suggestions)}
        if args.draft_plan:
            doc["plan"] = to_document(plan)
        _write_json(doc, sys.stdout)
        return EXIT_OK
    sys.stdout.write(suggestions.describe() + "\n")
    if args.draft_plan:
        sys.stdout.write(
            f"\nDraft plan v1 for {child_id} on {on:%d %b %Y}: "
            f"{len(plan.interventions)} interventions; " + "; ".join(plan.history[0].changes) + "\n"
        )
    return EXIT_OK


def _check_triggers(tags: Sequence[str]) -> None:
    """Refuse a --trigger that is not a trigger tag, naming the option (not echoing it)."""
    from therapeutic_model.response import Trigger

    for k, tag in enumerate(tags, start=1):
        try:
            Trigger(tag)
        except InvalidValue as exc:
            rule = str(exc).removeprefix("tag ")
            raise BadInput("--trigger", "", f"{rule} (the --trigger given {_nth(k)})") from None


def _nth(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


# --------------------------------------------------------------------------- review


def _add_review(sub: Any) -> None:
    p = _command(
        sub,
        "review",
        summary=(
            "Prepare a child's monthly meeting from their tracker (JSON): what is due, "
            "progress with reliable change, and adjustments to consider."
        ),
        example=f"{PROG} review home-syn/trackers/home-syn-c-001.json --on 2026-01-06",
        run=_cmd_review,
    )
    p.add_argument("file", help="a Tracker document (.json)")
    _add_on(p, "the date of the meeting")
    _add_table_or_json(p)


def _cmd_review(args: argparse.Namespace) -> int:
    from therapeutic_model.review import Tracker

    t = _load(args.file, Tracker)
    on: date = args.on or date.today()
    if on < t.last_event_on:
        raise BadInput("--on", "", "is before the tracker's latest event")
    due = t.obligations(on=on)
    prompts = t.suggest_adjustments(on=on)
    instruments = sorted({a.profile.instrument_id for a in t.assessments})
    if args.to == "json":
        _write_json(
            {
                "child_id": str(t.child.id),
                "state": t.state,
                "due": [to_document(d) for d in due],
                "progress": {
                    iid: [_plain(r) for r in t.domain_progress(iid, on=on)] for iid in instruments
                },
                "adjustments": [to_document(p) for p in prompts],
            },
            sys.stdout,
        )
        return EXIT_OK
    out = sys.stdout
    out.write(f"Child {t.child.id}: {t.state}; {len(t.meetings)} meetings, ")
    out.write(f"plan version {t.plan.version if t.plan else '–'}.\n")
    for d in due:
        out.write(f"  {d.what.replace('_', ' ')}: {d.status}, due {d.due_on:%d %b %Y}\n")
    for iid in instruments:
        out.write(f"\n{iid}\n")
        out.write(_progress_table(t.domain_progress(iid, on=on), "score") + "\n")
    out.write("\nFor the meeting to consider (people decide):\n")
    for p in prompts or ():
        out.write(f"  - {p.kind.replace('_', ' ')}: {p.rationale}\n")
    if not prompts:
        out.write("  - nothing prompted\n")
    return EXIT_OK


def _progress_table(progress: Sequence[Any], first: str) -> str:
    """Domain progress rows (DomainProgress) as a table under a first column named ``first``."""
    from therapeutic_model.report._text import table

    rows = [
        [r.domain, _two(r.entry), _two(r.latest), _two(r.rci), r.change or "", r.latest_band or ""]
        for r in progress
    ]
    header = [first, "entry", "latest", "RCI", "reliable change", "band now"]
    return table(header, rows, right={1, 2, 3})


def _plain(record: Any) -> dict[str, Any]:
    """A record's fields as plain JSON values (for rows that have no schema of their own)."""
    import attrs

    return attrs.asdict(record)


# --------------------------------------------------------------------------- team-check


def _add_team_check(sub: Any) -> None:
    p = _command(
        sub,
        "team-check",
        summary="Check a home's team records (JSON) against the team policy on a date.",
        example=f"{PROG} team-check home-syn/team.json --on 2026-01-06",
        run=_cmd_team_check,
    )
    p.add_argument("file", help="a TeamRecords document (.json)")
    _add_on(p, "the date to check as at")
    p.add_argument("--policy", help="a TeamPolicy document (.json); default: the sourced defaults")
    _add_table_or_json(p)


def _cmd_team_check(args: argparse.Namespace) -> int:
    from therapeutic_model.report._text import table
    from therapeutic_model.team import TeamPolicy, TeamRecords, check_team

    records = _load(args.file, TeamRecords)
    policy = _load(args.policy, TeamPolicy) if args.policy else None
    on: date = args.on or date.today()
    with _rebasing(_source_name(args.file)):
        report = check_team(records, policy, on=on)
    if args.to == "json":
        _write_json(to_document(report), sys.stdout)
        return EXIT_OK
    out = sys.stdout
    out.write(f"Team of {report.home_id} on {on:%d %b %Y}: {report.status.upper()}\n")
    for reason in report.reasons:
        out.write(f"  - {reason}\n")
    rows = [
        [f.severity.value, f.line, f.subject, f"{f.due:%d %b %Y}", f.message]
        for f in report.findings
    ]
    if rows:
        out.write("\n" + table(["severity", "line", "about", "due", "finding"], rows) + "\n")
    return EXIT_OK


# --------------------------------------------------------------------------- report


def _add_report(sub: Any) -> None:
    p = _command(
        sub,
        "report",
        summary=(
            "Write the evidence report (self-contained HTML per home and child) from a home "
            "folder (team.json, trackers/, histories/), e.g. one made by simulate --home."
        ),
        example=f"{PROG} report home-syn --out home-syn-report",
        run=_cmd_report,
    )
    p.add_argument("folder", help="the home folder")
    p.add_argument("--out", required=True, help="the report folder to write")
    p.add_argument("--start", type=_date, metavar="YYYY-MM-DD", help="first day reported on")
    p.add_argument("--end", type=_date, metavar="YYYY-MM-DD", help="last day reported on")
    p.add_argument("--png", action="store_true", help="also save every figure as PNG")


def _cmd_report(args: argparse.Namespace) -> int:
    from therapeutic_model import report

    home, period = _home_folder(args.folder)
    first = min(t.opened_on for t in home.trackers)
    start = args.start or (period[0] if period else first)
    end = args.end or (period[1] if period else max(t.last_event_on for t in home.trackers))
    if end < start:
        raise BadInput("--end", "", "is before the start of the period")
    formats = ("svg", "png") if args.png else ("svg",)
    with _progress("writing the evidence report"):
        written = report.evidence(home, (start, end), args.out, figure_formats=formats)
    sys.stdout.write(f"{written.home_page.resolve()}\n")
    return EXIT_OK


# --------------------------------------------------------------------------- check-model


def _add_check_model(sub: Any) -> None:
    p = _command(
        sub,
        "check-model",
        summary=(
            "Check a therapeutic model (a TOML or JSON file, or a shipped preset) for what is "
            "missing in each of the four elements, and why it matters. Like a linter, it exits "
            "0 when all four elements are in place, 1 when the model has gaps, 2 for bad input."
        ),
        example=f"{PROG} check-model --preset tier\n  {PROG} check-model my_model.toml",
        run=_cmd_check_model,
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("file", nargs="?", help="a model file (.toml or .json)")
    what.add_argument("--preset", help="a shipped model: tier or therapy-only")
    _add_table_or_json(p)


def _cmd_check_model(args: argparse.Namespace) -> int:
    from therapeutic_model.io import load_model, load_preset
    from therapeutic_model.model import check_model

    if args.preset:
        model = load_preset(args.preset)
    else:
        if not Path(args.file).exists():
            raise BadInput(args.file, "", "no such file")
        with _rebasing(args.file):
            model = load_model(args.file)
    check = check_model(model)
    if args.to == "json":
        _write_json(_plain(check), sys.stdout)
    else:
        _write_model_check(check, sys.stdout)
    return EXIT_OK if check.passed else EXIT_GAPS


def _write_model_check(check: Any, out: TextIO) -> None:
    from therapeutic_model.model import ELEMENTS

    verdict = (
        "all four elements in place"
        if check.passed
        else "gaps in elements " + ", ".join(str(n) for n in check.failing_elements)
    )
    out.write(f"Model {check.model!r}: {verdict}.\n")
    if check.anti_pattern:
        out.write(f"  ! {check.anti_pattern}\n")
    for n, name in ELEMENTS.items():
        findings = check.element(n)
        mark = (
            "ok"
            if not findings
            else ("GAP" if any(f.severity == "gap" for f in findings) else "weak")
        )
        out.write(f"  {n}. {name}: {mark}\n")
        for f in findings:
            out.write(f"     - [{f.severity}] {f.what} ({f.where})\n       why: {f.why}\n")
