"""The report for a professional, as a self-contained HTML download."""

from fastapi import APIRouter
from fastapi.responses import Response

from reconnect.reports.report_html import render_html
from reconnect.services.report import gather_report
from reconnect.web.deps import ServicesDep

router = APIRouter()


@router.get("/report.html")
def report_download(services: ServicesDep) -> Response:
    html = render_html(gather_report(services))
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="reconnect-report.html"'},
    )
