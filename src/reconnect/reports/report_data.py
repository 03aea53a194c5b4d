"""What a report holds, gathered by ``services.report`` and drawn by the HTML and PDF writers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from reconnect.contracts import InsightsOut, SelfCheckResultOut
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows; entries only when the person chose them."""

    created_at: datetime
    since: datetime | None
    selfchecks: list[SelfCheckResultOut]
    insights: InsightsOut
    practices: list[PracticeLog]
    entries: list[Entry]
    disclaimer: str
