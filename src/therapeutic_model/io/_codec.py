"""The one converter: every record in and out of the library goes through here.

Documents carry ``schema`` and ``schema_version``. Older versions are migrated on load, one
step at a time, by the functions in :data:`MIGRATIONS`. Malformed input raises
:class:`~therapeutic_model.exceptions.ValidationError` naming every failing path
(``$.assessments[2].responses.7``); messages name the expected type, never the value given.
A key read from the document appears in a path only if it is an opaque id; any other key (it
could be a name) is named by its position among its object's keys: ``$.ratings[<key 1>]``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from therapeutic_model._paths import key_step
from therapeutic_model.exceptions import (
    FieldError,
    InvalidDefinition,
    InvalidValue,
    TherapeuticModelError,
    TransitionNotAllowed,
    ValidationError,
)
from therapeutic_model.io._schemas import MIGRATIONS, schema_of

if TYPE_CHECKING:
    import cattrs

# cattrs and tomllib are imported where first needed: ``import therapeutic_model`` stays fast.

__all__ = [
    "converter",
    "dumps",
    "from_document",
    "load_file",
    "loads",
    "loads_toml",
    "to_document",
]

T = TypeVar("T")
Document = dict[str, Any]


class _WrongType(TypeError):
    """A value of the wrong JSON type; its message says what is expected, not what was given."""


_EXPECTED = {
    str: "must be a string",
    int: "must be a whole number",
    float: "must be a number",
    bool: "must be true or false",
    date: "must be a date written YYYY-MM-DD",
    datetime: "must be a date and time in ISO 8601 form",
}


def _strict(kind: type, *accepts: type) -> Callable[[Any, type], Any]:
    """A structure hook that accepts only values already of the right JSON type."""

    def hook(value: Any, _: type) -> Any:
        if isinstance(value, bool) and bool not in accepts:
            raise _WrongType(_EXPECTED[kind])
        if not isinstance(value, accepts):
            raise _WrongType(_EXPECTED[kind])
        return kind(value)

    return hook


def _iso(kind: type[date]) -> Callable[[Any, type], Any]:
    """A structure hook for a date or datetime: one already parsed (TOML) or ISO 8601 text."""

    def hook(value: Any, _: type) -> Any:
        if kind is date and isinstance(value, datetime):
            return value.date()
        if isinstance(value, kind):
            return value
        if isinstance(value, str):
            try:
                return kind.fromisoformat(value)
            except ValueError:
                pass  # the parser's message quotes the value: replaced below
        raise _WrongType(_EXPECTED[kind])

    return hook


@functools.cache
def converter() -> cattrs.Converter:
    """The library's one cattrs converter, built on first use.

    Strict about JSON types (a string is never taken for a number), forbids unknown keys, and
    reports every failing field at once.
    """
    import cattrs

    c = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True)
    c.register_structure_hook(str, _strict(str, str))
    c.register_structure_hook(int, _strict(int, int))
    c.register_structure_hook(float, _strict(float, int, float))
    c.register_structure_hook(bool, _strict(bool, bool))
    c.register_structure_hook(date, _iso(date))
    c.register_unstructure_hook(date, date.isoformat)
    c.register_structure_hook(datetime, _iso(datetime))
    c.register_unstructure_hook(datetime, datetime.isoformat)
    c.register_structure_hook_factory(_is_sequence, _list_only)
    for configure in _CONFIGURERS:
        configure(c)
    return c


def _is_sequence(t: Any) -> bool:
    from cattrs._compat import is_hetero_tuple
    from cattrs.cols import is_sequence

    return bool(is_sequence(t) or is_hetero_tuple(t))


def _list_only(t: Any, c: cattrs.Converter) -> Callable[[Any, type], Any]:
    """Structure a list type, refusing a string or an object (cattrs would iterate them)."""
    from cattrs._compat import is_hetero_tuple
    from cattrs.cols import (
        homogenous_tuple_structure_factory,
        is_mutable_sequence,
        list_structure_factory,
    )

    if is_hetero_tuple(t):
        base = c.gen_structure_hetero_tuple(t)
    elif is_mutable_sequence(t):
        base = list_structure_factory(t, c)
    else:
        base = homogenous_tuple_structure_factory(t, c)

    def hook(value: Any, cls: type) -> Any:
        if not isinstance(value, list | tuple):
            raise _WrongType("must be a list")
        return base(value, cls)

    return hook


_CONFIGURERS: list[Callable[[cattrs.Converter], None]] = []


def configure(fn: Callable[[cattrs.Converter], None]) -> Callable[[cattrs.Converter], None]:
    """Register hooks an element's records need (tagged unions and the like) on the converter.

    Used as a decorator by modules of ``io/``; must run before :func:`converter` is first called.
    """
    _CONFIGURERS.append(fn)
    converter.cache_clear()
    return fn


def to_document(obj: object) -> Document:
    """A record as a plain document with ``schema`` and ``schema_version`` first."""
    name, version = schema_of(type(obj))
    body = converter().unstructure(obj)
    return {"schema": name, "schema_version": version, **body}


def dumps(obj: object, *, indent: int | None = 2) -> str:
    """A record as JSON, schema-versioned. The inverse of :func:`loads`.

    >>> from therapeutic_model.child import Child
    >>> from datetime import date
    >>> print(dumps(Child("c-001", date(2012, 5, 1)), indent=None))
    {"schema": "therapeutic_model/child", "schema_version": 1, "id": "c-001", "born": "2012-05-01"}
    """
    return json.dumps(to_document(obj), indent=indent, ensure_ascii=False, allow_nan=False)


def loads(text: str | bytes, cls: type[T]) -> T:
    """Read a record of type ``cls`` from JSON, migrating older schema versions.

    Raises:
        ValidationError: naming every failing path; values are never echoed.
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON (line {exc.lineno}, column {exc.colno})"
        raise ValidationError.single("$", msg, what=_what(cls)) from None
    return from_document(doc, cls)


def loads_toml(text: str, cls: type[T]) -> T:
    """Read a record of type ``cls`` from TOML (instrument specs, rules, models).

    Raises:
        ValidationError: naming every failing path; values are never echoed.
        InvalidDefinition: when the document is well-formed but the definition it holds is
            inconsistent (an instrument with an item in no domain …), listing every problem.
    """
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # the decoder's message names the place (line, column), never the text found there
        raise ValidationError.single("$", f"not valid TOML ({exc})", what=_what(cls)) from None
    return from_document(doc, cls)


def load_file(path: str | Path, cls: type[T]) -> T:
    """Read a record of type ``cls`` from a file: JSON if its name ends ``.json``, else TOML.

    Raises:
        ValidationError: if the file cannot be read (``what`` is the file's name), or naming
            every failing path inside it.
        InvalidDefinition: when the document is well-formed but the definition is not.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError.single(
            "$", f"cannot read file ({exc.strerror})", what=p.name
        ) from None
    if p.suffix.lower() == ".json":
        return loads(text, cls)
    return loads_toml(text, cls)


def from_document(doc: object, cls: type[T]) -> T:
    """Structure a parsed document into ``cls``, checking and migrating its schema.

    Raises:
        ValidationError: naming every failing path; values are never echoed.
        InvalidDefinition: when every field is well-formed but the definition is not.
    """
    from cattrs.errors import BaseValidationError

    what = _what(cls)
    if not isinstance(doc, dict):
        raise ValidationError.single("$", "a document must be an object", what=what)
    body = _migrated(dict(doc), cls, what)
    try:
        return converter().structure(body, cls)
    except BaseValidationError as exc:
        definition = _definition_error(exc)
        if definition is not None:
            raise definition from None
        raise ValidationError(_field_errors(exc, "$", doc), what=what) from None
    except InvalidDefinition:
        raise
    except (InvalidValue, ValidationError, TransitionNotAllowed) as exc:
        raise ValidationError(_field_errors(exc, "$", doc), what=what) from None
    except TherapeuticModelError as exc:
        raise ValidationError.single("$", str(exc), what=what) from None
    except (ValueError, TypeError, KeyError):
        raise ValidationError.single("$", "malformed document", what=what) from None


def _definition_error(exc: BaseException) -> InvalidDefinition | None:
    """The InvalidDefinition the top-level record raised when built, if that is all that failed.

    cattrs wraps what a class's ``__init__`` raises; a definition whose every field was
    well-formed but which is inconsistent as a whole is reported as what it is.
    """
    from cattrs.errors import ClassValidationError

    if not isinstance(exc, ClassValidationError):
        return None
    with_notes, without = exc.group_exceptions()
    if not with_notes and len(without) == 1 and isinstance(without[0], InvalidDefinition):
        return without[0]
    return None


def _what(cls: type) -> str:
    return f"{cls.__name__} document"


def _migrated(doc: Document, cls: type, what: str) -> Document:
    name, current = schema_of(cls)
    errors = []
    got_name = doc.pop("schema", None)
    got_version = doc.pop("schema_version", None)
    if got_name != name:
        errors.append(FieldError("$.schema", f"must be {name!r}"))
    if not isinstance(got_version, int) or isinstance(got_version, bool):
        errors.append(FieldError("$.schema_version", f"must be a whole number up to {current}"))
    elif not 1 <= got_version <= current:
        errors.append(FieldError("$.schema_version", f"must be from 1 to {current}"))
    if errors:
        raise ValidationError(errors, what=what)
    version = int(got_version)
    while version < current:
        doc = MIGRATIONS[(name, version)](doc)
        version += 1
    return doc


def _field_errors(exc: BaseException, path: str, doc: object) -> Iterator[FieldError]:
    """Every failing field of a cattrs error, each with its path in ``doc``.

    ``doc`` is the part of the document at ``path``, followed alongside the path so that a key
    which is not an opaque id is named by its position, never echoed (see ``key_step``).
    """
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields, key=lambda k: _position(doc, k) or 0):
            yield FieldError(path + key_step(key, _position(doc, key)), "unknown field")
        return
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step, inner = _step(note, doc)
            yield from _field_errors(sub, path + step, inner)
        for sub in without:
            yield from _field_errors(sub, path, doc)
        return
    if isinstance(exc, ValidationError):
        # a record checked as a whole (a tracker replaying its events) names paths inside it
        for e in exc.errors:
            yield FieldError(path + e.path.removeprefix("$"), e.message)
        return
    if isinstance(exc, TransitionNotAllowed):
        where = path + (exc.path or "$").removeprefix("$")
        yield FieldError(where, exc.rule)
        return
    if isinstance(exc, InvalidValue):
        yield _value_error(exc, path)
        return
    yield FieldError(path, _describe(exc))


def _value_error(exc: InvalidValue, path: str) -> FieldError:
    return FieldError(path if exc.field is None else f"{path}.{exc.field}", str(exc))


def _step(note: object, doc: object) -> tuple[str, object]:
    """The path step a cattrs note stands for, and the part of ``doc`` it leads to."""
    name = getattr(note, "name", None)
    if name is not None:  # an attribute of a record: its name is the class's, never input
        return f".{name}", doc.get(name) if isinstance(doc, dict) else None
    index = getattr(note, "index", None)
    if isinstance(doc, list | tuple) and isinstance(index, int) and 0 <= index < len(doc):
        return f"[{index}]", doc[index]
    if isinstance(doc, dict):
        return key_step(index, _position(doc, index)), doc.get(index)
    if isinstance(index, int) and not isinstance(index, bool):
        return f"[{index}]", None
    return key_step(index, None), None


def _position(doc: object, key: object) -> int | None:
    """Where ``key`` stands among the keys of ``doc`` (from 0), if ``doc`` is an object with it."""
    if not isinstance(doc, dict):
        return None
    for i, k in enumerate(doc):
        if k == key:
            return i
    return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, (TherapeuticModelError, _WrongType)):
        return str(exc)  # our own messages name ids and rules, never personal values
    if isinstance(exc, TypeError) and exc.args and isinstance(exc.args[0], str):
        expected = exc.args[0]
        if expected.isidentifier():  # a hook's TypeError("value") names what it expected
            return f"must be a {expected}"
    if isinstance(exc, AttributeError | TypeError):
        return "has the wrong type (an object, a list or a value was expected here)"
    return "invalid value"
