"""The safety plan as a printable PDF card (a long plan goes on), drawn with matplotlib."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reconnect.domain.safety_plan import plan_lines
from reconnect.reports.report_pdf import text_pages

if TYPE_CHECKING:
    from reconnect.domain.safety_plan import SafetyPlan


def plan_pdf(plan: SafetyPlan) -> bytes:
    """The plan's printable card as PDF bytes (A4, large type)."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": "My safety plan", "Creator": "reconnect"}) as pdf:
        for page in text_pages(plan_lines(plan, width=70), size=12.0):
            pdf.savefig(page)
    return buffer.getvalue()
