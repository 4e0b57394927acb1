"""Benchmark: RuleSet.suggest_many over a synthetic cohort, against rule-engine child by child.

Run: ``PYTHONPATH=src python3 benchmarks/bench_rules.py [--children 10000] [--subset 300]``

What is timed (median of ``--repeat`` runs):

* ``suggest_many`` on 10,000 synthetic children (neurosequential and SDQ parent batches,
  developmental histories, triggers and a team status per child) with the shipped rules, and
  with a generated set of 200 rules over the shipped catalogue. It includes building the fact
  table from the score batches, evaluating every compiled condition as numpy masks, and
  resolving merging, withholding and bottom-up deferral into arrays.
* The baseline: the ``rule-engine`` package (PyPI ``rule-engine``) evaluating equivalent
  expressions child by child — each condition written as a rule-engine expression with the
  same three-valued logic (a comparison on a missing fact is neither true nor false) — then the
  same merging, withholding and deferral in plain Python per child. The baseline runs on a
  subset of children and is scaled to the cohort size; its per-child fact dictionaries are
  built before timing starts (which favours the baseline).

Both answers are checked to agree on the subset (fired rules and every intervention's status).
All data are synthetic.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

import numpy as np
import rule_engine

import therapeutic_model as tm
from therapeutic_model.child import Period
from therapeutic_model.io import default_catalogue, default_rules
from therapeutic_model.response import (
    TEAM_STATUSES,
    AceAtLeast,
    AdversityAtLeast,
    AgeBetween,
    All,
    Any,
    BandRank,
    Condition,
    DomainGap,
    DomainRatio,
    DomainValue,
    HasTrigger,
    LevelCompromised,
    Not,
    RelationalHealthAtMost,
    Rule,
    RuleSet,
    TeamStatus,
)

NEURO_SCORES = ("sensory_integration", "self_regulation", "relational", "cognitive")
NEURO_FUNCTIONS = ("sleep_rhythm", "touch_tolerance", "relational_repair", "self_narrative")
NEURO_LEVELS = ("brainstem", "diencephalon", "limbic", "cortex")
SDQ_SCALES = ("emotional", "conduct", "hyperactivity", "peer", "prosocial", "total_difficulties")
TAGS = ("water", "physical_touch", "raised_voices", "night_time", "loud_noise", "crowds")
PERIODS = tuple(p.value for p in Period)


# -- a synthetic cohort -----------------------------------------------------------------------


def synthetic_cohort(n: int, seed: int = 7) -> dict[str, object]:
    """SYNTHETIC children: scored batches, histories, triggers and team statuses."""
    rng = np.random.default_rng(seed)
    reg = tm.default_registry(plugins=False)
    neuro, sdq = reg.get("neurosequential"), reg.get("sdq-parent")
    ages = rng.integers(48, 205, n).astype(float)
    severity = rng.uniform(0.2, 1.0, (n, 1))  # some children far below age-typical
    x = np.clip(np.round(rng.normal(4 * severity, 0.8, (n, len(neuro.item_ids)))), 0, 4)
    x[rng.random(x.shape) < 0.03] = np.nan
    y = np.clip(np.round(rng.normal(1.5 - severity, 0.7, (n, len(sdq.item_ids)))), 0, 2)
    y[rng.random(y.shape) < 0.03] = np.nan
    batches = [neuro.score_many(x, age_months=ages), sdq.score_many(y, age_months=ages)]
    histories = [_history(rng) if rng.random() < 0.8 else None for _ in range(n)]
    triggers = [frozenset(t for t in TAGS if rng.random() < 0.12) for _ in range(n)]
    team = [TEAM_STATUSES[i] for i in rng.choice(3, n, p=[0.6, 0.3, 0.1])]
    return {"batches": batches, "history": histories, "triggers": triggers, "team": team}


def _history(rng: np.random.Generator) -> tm.DevelopmentalHistory:
    periods = {
        p: tm.PeriodHistory(
            adversity=int(rng.integers(0, 4)), relational_health=int(rng.integers(0, 4))
        )
        for p in Period
        if rng.random() < 0.7
    }
    return tm.DevelopmentalHistory(
        periods=periods,
        current_relational_health=int(rng.integers(0, 4)),
        ace_count=int(rng.integers(0, 11)),
    )


# -- a generated rule set -------------------------------------------------------------------------


def _pick(rng: np.random.Generator, options: Sequence[str]) -> str:
    return options[int(rng.integers(0, len(options)))]


def _age(rng: np.random.Generator) -> Condition:
    low = float(rng.integers(48, 150))
    return AgeBetween(at_least=low, below=low + float(rng.integers(12, 60)))


LEAVES: tuple[Callable[[np.random.Generator], Condition], ...] = (
    lambda r: BandRank(
        "neurosequential", _pick(r, NEURO_SCORES + NEURO_FUNCTIONS), at_least=int(r.integers(1, 3))
    ),
    lambda r: BandRank("sdq-parent", _pick(r, SDQ_SCALES), at_least=int(r.integers(1, 4))),
    lambda r: DomainRatio(
        "neurosequential", _pick(r, NEURO_SCORES), below=round(float(r.uniform(0.5, 0.9)), 2)
    ),
    lambda r: DomainGap(
        "neurosequential", _pick(r, NEURO_SCORES), at_least=round(float(r.uniform(0.2, 2)), 2)
    ),
    lambda r: DomainValue("sdq-parent", _pick(r, SDQ_SCALES), at_least=float(r.integers(2, 8))),
    lambda r: LevelCompromised("neurosequential", _pick(r, NEURO_LEVELS), int(r.integers(1, 3))),
    _age,
    lambda r: AdversityAtLeast(int(r.integers(1, 4)), _pick(r, (*PERIODS, "any"))),
    lambda r: RelationalHealthAtMost(int(r.integers(0, 3)), _pick(r, (*PERIODS, "any", "current"))),
    lambda r: AceAtLeast(int(r.integers(1, 8))),
    lambda r: HasTrigger(_pick(r, TAGS)),
    lambda r: TeamStatus(["amber", "red"] if r.random() < 0.5 else ["red"]),
)
"""Makers of SYNTHETIC leaf conditions, one per kind."""


def _leaf(rng: np.random.Generator) -> Condition:
    return LEAVES[int(rng.integers(0, len(LEAVES)))](rng)


def _condition(rng: np.random.Generator, depth: int = 0) -> Condition:
    if depth >= 2 or rng.random() < 0.35:
        leaf = _leaf(rng)
        return Not(leaf) if rng.random() < 0.1 else leaf
    parts = tuple(_condition(rng, depth + 1) for _ in range(int(rng.integers(2, 4))))
    return All(parts) if rng.random() < 0.6 else Any(parts)


def generated_rules(n_rules: int, seed: int = 11) -> RuleSet:
    """SYNTHETIC rules over the shipped catalogue, checked against the shipped instruments."""
    rng = np.random.default_rng(seed)
    ids = default_catalogue().ids()
    rules = [
        Rule(
            f"g{r:03d}",
            _condition(rng),
            tuple(
                sorted({ids[int(i)] for i in rng.integers(0, len(ids), int(rng.integers(1, 4)))})
            ),
            priority=int(rng.integers(0, 100)),
            parallel_ok=bool(rng.random() < 0.15),
        )
        for r in range(n_rules)
    ]
    return RuleSet.build(rules, default_catalogue(), instruments=tm.default_registry(plugins=False))


# -- the rule-engine baseline -----------------------------------------------------------------


def _names(facts: Sequence[tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    return {f: f"f{j}" for j, f in enumerate(facts)}


def _range(name: str, at_least: float | None, below: float | None) -> str:
    parts = [f"{name} != null"]
    if at_least is not None:
        parts.append(f"{name} >= {at_least!r}")
    if below is not None:
        parts.append(f"{name} < {below!r}")
    return "(" + " and ".join(parts) + ")"


def _leaf_expr(c: Condition, name: str) -> tuple[str, str]:
    """The (true, false) expressions of a leaf: unknown (null) is neither."""
    if isinstance(c, DomainGap | DomainRatio | DomainValue | AgeBetween):
        held = _range(name, c.at_least, c.below)
    elif isinstance(c, BandRank):
        below = None if c.at_most is None else c.at_most + 1
        held = _range(name, c.at_least, below)
    elif isinstance(c, LevelCompromised | AdversityAtLeast | AceAtLeast):
        held = _range(name, c.at_least, None)
    elif isinstance(c, RelationalHealthAtMost):
        held = f"({name} != null and {name} <= {c.at_most})"
    elif isinstance(c, HasTrigger):
        held = f"({name} != null and {name} > 0)"
    elif isinstance(c, TeamStatus):
        codes = " or ".join(f"{name} == {TEAM_STATUSES.index(s)}" for s in c.among)  # type: ignore[arg-type]
        held = f"({name} != null and ({codes}))"
    else:
        raise TypeError(type(c).__name__)
    return held, f"({name} != null and not {held})"


def to_expression(c: Condition, names: dict[tuple[str, ...], str]) -> tuple[str, str]:
    """A condition as rule-engine (true, false) expressions with the same three-valued logic."""
    if isinstance(c, All | Any):
        parts = [to_expression(x, names) for x in c.conditions]
        t = [p[0] for p in parts]
        f = [p[1] for p in parts]
        if isinstance(c, All):
            return "(" + " and ".join(t) + ")", "(" + " or ".join(f) + ")"
        return "(" + " or ".join(t) + ")", "(" + " and ".join(f) + ")"
    if isinstance(c, Not):
        t, f = to_expression(c.condition, names)
        return f, t
    return _leaf_expr(c, names[c.fact()])


class RuleEngineBaseline:
    """The same rule set evaluated child by child with rule-engine, resolved in plain Python."""

    def __init__(self, rules: RuleSet) -> None:
        program = rules.program
        self.names = _names(program.facts)
        self.compiled = [
            rule_engine.Rule(to_expression(r.when, self.names)[0]) for r in rules.rules
        ]
        self.rules = rules
        cat = rules.catalogue
        self.ids = cat.ids()
        self.index = {i: k for k, i in enumerate(self.ids)}
        self.exposures = [set(iv.exposures) for iv in cat]
        self.stage = [iv.level for iv in cat]
        seq = rules.sequencing
        self.before = seq.before()
        self.gates = [
            (self.names[("score", seq.instrument, d, "rank")], s) for d, s in seq.domains.items()
        ]
        self.worst = seq.worst_rank

    def facts(self, table: np.ndarray) -> list[dict[str, float | None]]:
        cols = list(self.names.values())
        return [
            {c: (None if np.isnan(v) else float(v)) for c, v in zip(cols, row, strict=True)}
            for row in table
        ]

    def run_child(
        self, facts: dict[str, float | None], triggers: frozenset[str]
    ) -> tuple[list[int], dict[int, int]]:
        fired = [r for r, rule in enumerate(self.compiled) if rule.matches(facts)]
        proposed: dict[int, bool] = {}
        for r in fired:
            rule = self.rules.rules[r]
            for iv in rule.suggest:
                k = self.index[iv]
                proposed[k] = proposed.get(k, False) or rule.parallel_ok
        red = {s for name, s in self.gates if facts[name] == self.worst}
        status = {}
        for k, parallel in proposed.items():
            if self.exposures[k] & triggers:
                status[k] = 3
            elif not parallel and red & self.before[self.stage[k]]:
                status[k] = 2
            else:
                status[k] = 1
        return fired, status


# -- timing -----------------------------------------------------------------------------------


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench(name: str, rules: RuleSet, cohort: dict[str, object], subset: int, repeat: int) -> None:
    batches = cohort["batches"]
    kwargs = {"history": cohort["history"], "triggers": cohort["triggers"], "team": cohort["team"]}
    n = len(batches[0])  # type: ignore[index]

    def ours() -> object:
        return rules.suggest_many(batches, **kwargs)  # type: ignore[arg-type]

    ours()  # warm up
    t_ours = median_time(ours, repeat)
    out = rules.suggest_many(batches, **kwargs)  # type: ignore[arg-type]

    base = RuleEngineBaseline(rules)
    facts = base.facts(out.table[:subset])
    triggers = cohort["triggers"][:subset]  # type: ignore[index]

    def theirs() -> list[tuple[list[int], dict[int, int]]]:
        return [base.run_child(f, t) for f, t in zip(facts, triggers, strict=True)]

    t0 = time.perf_counter()
    answers = theirs()
    t_base = (time.perf_counter() - t0) * n / subset

    codes = out.status_codes()
    for i, (fired, status) in enumerate(answers):
        assert fired == np.flatnonzero(out.fired[i]).tolist(), f"fired rules differ for child {i}"
        want = {int(k): int(c) for k, c in enumerate(codes[i]) if c}
        assert status == want, f"statuses differ for child {i}"

    t_explain = median_time(lambda: [out.for_child(i) for i in range(subset)], 1) * n / subset
    fired_per_child = out.fired.sum(axis=1).mean()
    print(
        f"\n{name}: {len(rules.rules)} rules, {len(rules.program.nodes)} condition nodes, "
        f"{len(rules.program.facts)} facts; {n:,} children (mean {fired_per_child:.1f} rules fired)"
    )
    print(f"  suggest_many (median of {repeat}):            {t_ours * 1000:9.1f} ms")
    print(f"  rule-engine child by child (scaled from {subset}): {t_base * 1000:9.1f} ms")
    print(f"  ratio:                                      {t_base / t_ours:9.1f}x faster")
    print(f"  answers agree on {subset} children: fired rules and every intervention's status")
    print(f"  explained Suggestions objects for every child (scaled): {t_explain * 1000:9.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--subset", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--rules", type=int, default=200)
    args = parser.parse_args()
    t0 = time.perf_counter()
    cohort = synthetic_cohort(args.children)
    print(
        f"synthetic cohort of {args.children:,} children scored in "
        f"{time.perf_counter() - t0:.2f} s (numpy {np.__version__}, "
        f"rule-engine {rule_engine.__version__})"
    )
    bench("shipped rules", default_rules(), cohort, args.subset, args.repeat)
    bench(
        f"generated {args.rules}-rule set",
        generated_rules(args.rules),
        cohort,
        args.subset,
        args.repeat,
    )


if __name__ == "__main__":
    main()
