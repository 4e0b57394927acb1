"""Converter hooks for element 3: tracker events stored as a tagged union (tag ``"type"``).

A tracker is stored as its events; each event carries ``"type"`` (``"meeting_held"``,
``"plan_adopted"`` …) so that loading knows which record to build. Loading a tracker replays its
events, so a stored tracker that breaks the cycle's rules fails to load with a clear error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from therapeutic_model.io._codec import configure
from therapeutic_model.review import TrackerEvent

if TYPE_CHECKING:
    import cattrs

# cattrs is imported when the converter is first built: ``import therapeutic_model`` stays fast.

__all__ = ["EVENT_TAG", "configure_review"]

EVENT_TAG = "type"


def _tag(cls: type) -> str:
    return str(getattr(cls, "event_type", cls.__name__))


@configure
def configure_review(c: cattrs.Converter) -> None:
    """Store tracker events as a union tagged by ``"type"``."""
    from cattrs.strategies import configure_tagged_union

    configure_tagged_union(TrackerEvent, c, tag_generator=_tag, tag_name=EVENT_TAG)
