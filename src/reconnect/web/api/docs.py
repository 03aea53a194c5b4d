"""A plain, local page describing the API (Swagger UI would load its scripts from a CDN)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from reconnect.web.deps import render

router = APIRouter(include_in_schema=False)

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every operation of an OpenAPI document, in the document's order."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [p["name"] for p in operation.get("parameters", [])],
                    "body": "requestBody" in operation,
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    return render(
        request,
        "api/docs.html",
        {"info": spec.get("info", {}), "operations": _operations(spec)},
    )
