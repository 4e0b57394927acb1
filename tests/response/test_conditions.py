"""Tests of conditions: validation, three-valued logic, compiled masks and explanations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.response import (
    AceAtLeast,
    AdversityAtLeast,
    AgeBetween,
    All,
    Any,
    BandRank,
    DomainRatio,
    HasTrigger,
    LevelCompromised,
    Not,
    Program,
    RelationalHealthAtMost,
    TeamStatus,
    leaves,
)
from therapeutic_model.testing import conditions

NAN = math.nan
RED_SR = BandRank("neurosequential", "self_regulation", at_least=2)
TEEN = AgeBetween(at_least=132)


def _run(condition: object, rows: list[list[float]]) -> tuple[list[bool], list[bool], Program]:
    program = Program.compile([condition])  # type: ignore[list-item]
    true, false = program.run(np.array(rows, dtype=float))
    root = program.roots[0]
    return true[root].tolist(), false[root].tolist(), program


def test_range_needs_a_bound() -> None:
    """A range with neither bound is refused."""
    with pytest.raises(InvalidValue, match="at_least, below"):
        DomainRatio("neurosequential", "relational")


def test_range_bounds_in_order() -> None:
    """at_least must be below 'below'."""
    with pytest.raises(InvalidValue, match="at_least must be below"):
        AgeBetween(at_least=100, below=50)


def test_band_bounds_in_order() -> None:
    """A band range with at_least above at_most is refused."""
    with pytest.raises(InvalidValue, match="at_most"):
        BandRank("sdq-parent", "peer", at_least=3, at_most=1)


def test_unknown_period_refused() -> None:
    """Periods are the periods of early life, 'any', and (for relational health) 'current'."""
    with pytest.raises(ValueError, match="period"):
        AdversityAtLeast(2, period="current")


def test_unknown_team_status_refused() -> None:
    """Team statuses are green, amber and red."""
    with pytest.raises(InvalidValue, match="green, amber, red"):
        TeamStatus(["purple"])


def test_empty_all_refused() -> None:
    """all/any need at least one condition."""
    with pytest.raises(InvalidValue, match="at least one"):
        All(())


def test_leaf_tests() -> None:
    """Each leaf's scalar test agrees with its description."""
    assert [True, False, True, False, True, True, False] == [
        RED_SR.test(2),
        RED_SR.test(1),
        DomainRatio("n", "d", below=0.85).test(0.5),
        AceAtLeast(4).test(None),
        RelationalHealthAtMost(1).test(0),
        HasTrigger("water").test(True),
        TeamStatus(["amber", "red"]).test("green"),
    ]


def test_missing_fact_is_unknown() -> None:
    """A comparison on a missing fact is neither true nor false, and so is its negation."""
    true, false, _ = _run(Not(RED_SR), [[NAN]])
    assert ([False], [False]) == (true, false)


def test_all_is_false_when_any_part_is_false() -> None:
    """all of (unknown, false) is false; all of (unknown, true) is unknown."""
    true, false, _ = _run(All((RED_SR, TEEN)), [[NAN, 100.0], [NAN, 150.0]])
    assert ([False, False], [True, False]) == (true, false)


def test_any_is_true_when_any_part_is_true() -> None:
    """any of (unknown, true) is true."""
    true, false, _ = _run(Any((RED_SR, TEEN)), [[NAN, 150.0]])
    assert ([True], [False]) == (true, false)


def test_equal_sub_conditions_are_compiled_once() -> None:
    """A sub-condition used by two rules is one node, reading one fact column."""
    program = Program.compile([All((RED_SR, TEEN)), Any((RED_SR, HasTrigger("water")))])
    assert (5, 3) == (len(program.nodes), len(program.facts))


def test_explain_any_names_only_the_parts_that_held() -> None:
    """An 'any' is explained by its true parts, with their values."""
    _, _, program = _run(Any((RED_SR, TEEN)), [[1.0, 150.0]])
    true, false = program.run(np.array([[1.0, 150.0]]))
    ev = program.explain(program.roots[0], np.array([1.0, 150.0]), true[:, 0], false[:, 0])
    assert [(TEEN, 150.0, False)] == [(e.condition, e.value, e.negated) for e in ev]


def test_explain_not_gives_negated_evidence() -> None:
    """A 'not' that held is explained by its part being false."""
    cond = Not(HasTrigger("water"))
    program = Program.compile([cond])
    row = np.array([[0.0]])
    true, false = program.run(row)
    (ev,) = program.explain(program.roots[0], row[0], true[:, 0], false[:, 0])
    assert (ev.value, ev.negated, ev.satisfied()) == (False, True, True)


def test_level_compromised_reads_level_fact() -> None:
    """A level condition reads the worst rank at that level."""
    assert ("level", "neurosequential", "limbic") == LevelCompromised(
        "neurosequential", "limbic"
    ).fact()


def test_leaves_walks_depth_first() -> None:
    """leaves() lists every fact-reading condition."""
    assert [RED_SR, TEEN] == list(leaves(Not(All((RED_SR, Any((TEEN,)))))))


def test_describe_reads_as_text() -> None:
    """Descriptions name the fact and the thresholds."""
    assert "not (band rank of neurosequential:self_regulation at least 2)" == Not(RED_SR).describe()


@st.composite
def _condition_and_rows(draw: st.DrawFn) -> tuple[object, np.ndarray]:
    cond = draw(conditions())
    program = Program.compile([cond])
    values = st.one_of(st.just(NAN), st.integers(-1, 12).map(float), st.floats(0, 216))
    rows = draw(
        st.lists(
            st.lists(values, min_size=len(program.facts), max_size=len(program.facts)),
            min_size=1,
            max_size=5,
        )
    )
    table = np.array(rows, dtype=float).reshape(len(rows), len(program.facts))
    for j, fact in enumerate(program.facts):
        if fact[0] == "team":
            table[:, j] = np.where(np.isnan(table[:, j]), NAN, np.abs(table[:, j]) % 3)
            table[:, j] = np.floor(table[:, j])
    return cond, table


@given(_condition_and_rows())
def test_true_and_false_never_both(case: tuple[object, np.ndarray]) -> None:
    """No condition is both true and false for a child."""
    cond, table = case
    program = Program.compile([cond])  # type: ignore[list-item]
    true, false = program.run(table)
    assert not np.any(true & false)


@given(_condition_and_rows())
def test_not_swaps_true_and_false(case: tuple[object, np.ndarray]) -> None:
    """not(c) is true exactly where c is false."""
    cond, table = case
    program = Program.compile([cond, Not(cond)])  # type: ignore[list-item]
    true, false = program.run(table)
    a, b = program.roots
    assert np.array_equal(true[a], false[b])
    assert np.array_equal(false[a], true[b])


@given(_condition_and_rows())
def test_explanations_satisfy_their_conditions(case: tuple[object, np.ndarray]) -> None:
    """Every value named in an explanation makes its condition hold as recorded."""
    cond, table = case
    program = Program.compile([cond])  # type: ignore[list-item]
    true, false = program.run(table)
    root = program.roots[0]
    for i in np.flatnonzero(true[root]):
        evidence = program.explain(root, table[i], true[:, i], false[:, i])
        assert evidence
        assert all(e.satisfied() for e in evidence)
