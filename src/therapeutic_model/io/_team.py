"""Converter hooks element 4's records need: sets written as sorted lists.

JSON has no sets. Team policies hold frozensets (employment kinds, roles, supervision formats,
incident kinds); they are written as lists sorted by value, so the same policy always gives the
same document, and read back from any list.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Set as AbstractSet
from typing import Any

import cattrs

from therapeutic_model.io._codec import configure

__all__: list[str] = []


def _sort_key(value: object) -> tuple[str, str]:
    if isinstance(value, enum.Enum):
        return ("", str(value.value))
    return ("", str(value))


@configure
def _sets_as_sorted_lists(c: cattrs.Converter) -> None:
    def unstructure(value: frozenset[Any] | set[Any]) -> list[Any]:
        return [c.unstructure(v) for v in sorted(value, key=_sort_key)]

    c.register_unstructure_hook_func(_is_set, unstructure)


def _is_set(t: Any) -> bool:
    return t in (frozenset, set) or typing.get_origin(t) in (frozenset, set, AbstractSet)
