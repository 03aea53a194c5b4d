"""The report to bring to a professional: self-checks, trends, practices and chosen entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect.content import load_texts
from reconnect.contracts import insights_out, selfcheck_result_out
from reconnect.reports.report_data import ReportData
from reconnect.services import journal, practices, selfcheck
from reconnect.services.insights import compute_insights

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from reconnect.services import Services


def gather_report(
    services: Services, *, since: datetime | None = None, entry_ids: Sequence[int] = ()
) -> ReportData:
    """Collect the report's contents. No entry is included unless its id is given."""
    instrument = selfcheck.get_instrument()
    results = [
        selfcheck_result_out(instrument, r)
        for r in selfcheck.selfcheck_history(services, instrument_id=instrument.id)
        if since is None or r.taken_at >= since
    ]
    logs = [g for g in practices.practice_history(services) if since is None or g.done_at >= since]
    return ReportData(
        created_at=services.clock(),
        since=since,
        selfchecks=results,
        insights=insights_out(compute_insights(services, since=since)),
        practices=logs,
        entries=[journal.get_entry(services, entry_id) for entry_id in entry_ids],
        disclaimer=load_texts().disclaimer,
    )
