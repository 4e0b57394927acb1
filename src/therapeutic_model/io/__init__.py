"""The boundary: the one converter, JSON/TOML documents, and reading instruments and models."""

from typing import TYPE_CHECKING

# Imported for their @configure hooks (tracker events as a tagged union; sets as sorted lists).
from therapeutic_model.io import _review as _review
from therapeutic_model.io import _team as _team
from therapeutic_model.io._codec import (
    converter,
    dumps,
    from_document,
    loads,
    loads_toml,
    to_document,
)
from therapeutic_model.io._instruments import (
    BUILTIN_INSTRUMENTS,
    ENTRY_POINT_GROUP,
    builtin_instruments,
    default_registry,
    load_instrument,
)
from therapeutic_model.io._response import (
    default_catalogue,
    default_rules,
    load_catalogue,
    load_rules,
    read_rules_spec,
)

__all__ = [
    "BUILTIN_INSTRUMENTS",
    "ENTRY_POINT_GROUP",
    "PRESETS",
    "ModelFile",
    "ResponseFiles",
    "builtin_instruments",
    "converter",
    "default_catalogue",
    "default_registry",
    "default_rules",
    "dumps",
    "from_document",
    "load_catalogue",
    "load_instrument",
    "load_model",
    "load_preset",
    "load_rules",
    "loads",
    "loads_toml",
    "read_rules_spec",
    "to_document",
]

if TYPE_CHECKING:
    from therapeutic_model.io._model import (
        PRESETS,
        ModelFile,
        ResponseFiles,
        load_model,
        load_preset,
    )

# Reading models pulls in every element; it is imported on first use so that
# ``import therapeutic_model`` stays fast.
_LAZY = frozenset({"PRESETS", "ModelFile", "ResponseFiles", "load_model", "load_preset"})


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from therapeutic_model.io import _model

        return getattr(_model, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
