"""Converter hooks for element 3: tracker events stored as a tagged union (tag ``"type"``).

A tracker is stored as its events; each event carries ``"type"`` (``"meeting_held"``,
``"plan_adopted"`` …) so that loading knows which record to build. Loading a tracker replays its
events, so a stored tracker that breaks the cycle's rules fails to load with a clear error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.io._codec import configure
from therapeutic_model.review import EVENT_TYPES, TrackerEvent

if TYPE_CHECKING:
    import cattrs

# cattrs is imported when the converter is first built: ``import therapeutic_model`` stays fast.

__all__ = ["EVENT_TAG", "configure_review"]

EVENT_TAG = "type"


def _tag(cls: type) -> str:
    return str(getattr(cls, "event_type", cls.__name__))


@configure
def configure_review(c: cattrs.Converter) -> None:
    """Store tracker events as a union tagged by ``"type"``; a missing or unknown tag is named."""
    from cattrs.strategies import configure_tagged_union

    configure_tagged_union(TrackerEvent, c, tag_generator=_tag, tag_name=EVENT_TAG)
    tagged = c.get_structure_hook(TrackerEvent)
    known = sorted(_tag(cls) for cls in EVENT_TYPES)

    def structure_event(value: Any, cls: Any) -> Any:
        if isinstance(value, dict):
            tag = value.get(EVENT_TAG)
            if tag is None:
                raise InvalidValue("required field is missing", field=EVENT_TAG)
            if tag not in known:
                msg = f"unknown event type; known: {', '.join(known)}"
                raise InvalidValue(msg, field=EVENT_TAG)
        return tagged(value, cls)

    c.register_structure_hook_func(lambda t: t == TrackerEvent, structure_event)
