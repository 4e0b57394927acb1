"""Pictures and documents: brain maps, trajectories, team charts and the evidence report.

Drawing needs matplotlib (the ``plot`` extra); it is imported only when a picture is drawn.
"""

from therapeutic_model.report._brain_map import brain_map, score_bars
from therapeutic_model.report._evidence import EvidenceReport, Home, HomeRecords, evidence
from therapeutic_model.report._style import save_figure
from therapeutic_model.report._team import team_chart
from therapeutic_model.report._text import format_age, profile_table, table
from therapeutic_model.report._trajectories import trajectories

__all__ = [
    "EvidenceReport",
    "Home",
    "HomeRecords",
    "brain_map",
    "evidence",
    "format_age",
    "profile_table",
    "save_figure",
    "score_bars",
    "table",
    "team_chart",
    "trajectories",
]
