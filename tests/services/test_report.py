"""The report for a professional: HTML and PDF, entries only when chosen; PDF pages render."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from reconnect.bootstrap import build_services
from reconnect.config import Settings
from reconnect.domain.selfcheck import Perspective
from reconnect.reports.report_html import render_html
from reconnect.reports.report_pdf import render_pdf
from reconnect.services import checkins, journal, practices, selfcheck
from reconnect.services.report import gather_report

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from reconnect.services import Services

PRIVATE = "my private words about the garden"


@pytest.fixture
def services(sqlite_url: str) -> Iterator[Services]:
    built = build_services(Settings(database_url=sqlite_url))
    start = datetime(2026, 1, 5, 20, tzinfo=UTC)
    for day in range(21):
        journal.write_entry(
            built,
            "I feel nothing at #work" if day % 2 else PRIVATE,
            written_at=start + timedelta(days=day),
        )
        checkins.record_checkin(
            built, pleasantness=3 + day % 5, energy=5, checked_at=start + timedelta(days=day)
        )
    answers = {item.id: 3 for item in selfcheck.get_instrument().items}
    selfcheck.take_selfcheck(built, perspective=Perspective.SELF, answers=answers)
    practices.log_practice(built, "body-scan", "felt my feet")
    yield built
    built.close()


def test_the_html_report_has_every_section_and_no_entry_unless_chosen(services: Services) -> None:
    html = render_html(gather_report(services))
    for heading in (
        "Self-checks over time",
        "Signs in the journal, week by week",
        "Mood check-ins",
        "Practices done",
        "Entries I chose to share",
    ):
        assert heading in html
    assert "not a diagnosis" in html
    assert PRIVATE not in html
    assert "body-scan" in html
    assert html.count("<svg") == 2
    assert not re.search(r'(src|href)="https?://', html)
    chosen = journal.list_entries(services, journal.EntryQuery(text="garden"))[0]
    assert PRIVATE in render_html(gather_report(services, entry_ids=[chosen.id]))


def test_the_pdf_report_renders_to_png_pages(services: Services, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_pdf(gather_report(services)))
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 2000 for p in pages)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert "not a diagnosis" in text.stdout and PRIVATE not in text.stdout
