"""Pydantic models for every JSON shape users rely on; CLI --json and /api both use them."""

from reconnect.contracts.insights import (
    AssociationOut,
    CheckInWeekOut,
    InsightsOut,
    WeekOut,
    insights_out,
)
from reconnect.contracts.journal import (
    CheckInIn,
    CheckInOut,
    EntryIn,
    EntryOut,
    checkin_out,
    entry_out,
)
from reconnect.contracts.practices import (
    PracticeLogOut,
    PracticeOut,
    SuggestionOut,
    practice_out,
)
from reconnect.contracts.safety import (
    CrisisResourcesOut,
    HelpServiceOut,
    crisis_resources_out,
    resources_if,
)
from reconnect.contracts.selfcheck import (
    AnswersIn,
    ContrastOut,
    DimensionOut,
    DraftOut,
    InstrumentOut,
    InstrumentSummaryOut,
    ItemOut,
    ScalePointOut,
    SeekHelpOut,
    SelfCheckResultOut,
    instrument_out,
    selfcheck_result_out,
)

__all__ = [
    "AnswersIn",
    "AssociationOut",
    "CheckInIn",
    "CheckInOut",
    "CheckInWeekOut",
    "ContrastOut",
    "CrisisResourcesOut",
    "DimensionOut",
    "DraftOut",
    "EntryIn",
    "EntryOut",
    "HelpServiceOut",
    "InsightsOut",
    "InstrumentOut",
    "InstrumentSummaryOut",
    "ItemOut",
    "PracticeLogOut",
    "PracticeOut",
    "ScalePointOut",
    "SeekHelpOut",
    "SelfCheckResultOut",
    "SuggestionOut",
    "WeekOut",
    "checkin_out",
    "crisis_resources_out",
    "entry_out",
    "insights_out",
    "instrument_out",
    "practice_out",
    "resources_if",
    "selfcheck_result_out",
]
