"""The examples in the team modules' docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "therapeutic_model.team._check",
    "therapeutic_model.team._policy",
    "therapeutic_model.team._records",
    "therapeutic_model.team._table",
]


@pytest.mark.parametrize("name", MODULES)
def test_team_module_doctests_pass(name: str) -> None:
    """Every doctest in the module passes."""
    failed, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failed == 0
