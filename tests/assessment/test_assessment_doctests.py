"""The examples in element 1's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "therapeutic_model._paths",
    "therapeutic_model.assessment._bands",
    "therapeutic_model.assessment._kernel",
    "therapeutic_model.assessment._norms",
    "therapeutic_model.assessment._registry",
    "therapeutic_model.assessment._spec",
    "therapeutic_model.child",
    "therapeutic_model.exceptions",
    "therapeutic_model.io._codec",
    "therapeutic_model.io._instruments",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    """Every doctest in the module passes."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert 0 == result.failed
