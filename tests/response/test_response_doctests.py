"""The examples in the response element's docstrings run."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from therapeutic_model.io import _response as io_response
from therapeutic_model.response import (
    _catalogue,
    _conditions,
    _draft,
    _facts,
    _plan,
    _rules,
    _suggestion,
)

MODULES = (_catalogue, _conditions, _draft, _facts, _plan, _rules, _suggestion, io_response)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_docstring_examples_run(module: ModuleType) -> None:
    """Every docstring example in the module gives the output shown."""
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert 0 == failed
