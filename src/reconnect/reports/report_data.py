"""What a report holds, gathered by ``services.report`` and drawn by the HTML and PDF writers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from reconnect.contracts import InsightsOut, SelfCheckResultOut
    from reconnect.domain.entries import Entry
    from reconnect.domain.practices import PracticeLog


@dataclass(frozen=True, slots=True)
class ReportVoice:
    """Who the report speaks for, and which sections it has (None: all of them).

    The person's own report says "My reconnect report"; the one a counsellor downloads
    speaks about the client and shows only the sections the client shared.
    """

    title: str = "My reconnect report"
    entries_heading: str = "Entries I chose to share"
    no_entries: str = "None: entries are only included when I choose them."
    about_self: str = "me"
    about_partner: str = "partner"
    sections: frozenset[str] | None = None

    def shows(self, section: str) -> bool:
        """Whether the report has this section: selfchecks, marker_trends,
        checkin_trends, practices or entries."""
        return self.sections is None or section in self.sections


def counsellor_voice(scopes: Iterable[str]) -> ReportVoice:
    """The voice of a between-sessions report a counsellor downloads: only the shared
    sections, about the client."""
    return ReportVoice(
        title="Between-sessions report: what your client chose to share",
        entries_heading="Entries the client chose to share",
        no_entries="None shared.",
        about_self="themselves",
        about_partner="their partner",
        sections=frozenset(scopes),
    )


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
    voice: ReportVoice = ReportVoice()
