"""Paths into outside input (``$.events[6].ratings.g-1``) that never echo a key's personal data.

A key of an object read from outside (a goal id in a rating, an item id in a response, an
unknown field) becomes a step of an error's path. Only a key that is an opaque id (1-64
letters, digits or ``. _ : -``, starting with a letter or digit) is written as it is; any other
key (``"Jane Smith"``) could carry a name, so it is written by its position among the object's
keys instead, counted from 0 like a list index: ``$.events[6].ratings[<key 3>]``.
"""

from __future__ import annotations

import re

__all__ = ["OPAQUE_ID", "is_opaque_id", "key_step"]

OPAQUE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
"""The form of an opaque id: 1-64 letters, digits or ``. _ : -``, starting with one."""


def is_opaque_id(value: object) -> bool:
    """Whether ``value`` is a string (or whole number) of the opaque-id form.

    >>> is_opaque_id("c-001"), is_opaque_id("Jane Smith"), is_opaque_id(7)
    (True, False, True)
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return isinstance(value, str) and OPAQUE_ID.match(value) is not None


def key_step(key: object, position: int | None) -> str:
    """The path step for ``key`` of an object: ``.key``, or ``[<key N>]`` when it may be a name.

    Args:
        key: the key as read from outside.
        position: where the key stands among the object's keys (from 0), if known.

    >>> key_step("g-1", 0), key_step("Jane Smith", 3), key_step("Jane Smith", None)
    ('.g-1', '[<key 3>]', '[<key>]')
    """
    if is_opaque_id(key):
        return f".{key}"
    return "[<key>]" if position is None else f"[<key {position}>]"
