"""FUZZ-1: generated requests for every operation of the OpenAPI document never cause a 5xx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.core import NOT_SET
from tests.conftest import create_journal
from tests.web.conftest import unlock

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

BASE = "http://127.0.0.1:8765"
# Reading the OpenAPI document needs no database, so no lifespan runs here.
_document = (
    TestClient(create_app(Settings(database_url="sqlite:///:memory:")), base_url=BASE)
    .get("/api/openapi.json")
    .json()
)
schema = schemathesis.openapi.from_dict(_document)


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(Settings(database_url=create_journal(f"sqlite:///{folder / 'fuzz.db'}")))
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        unlock(client)  # the web app never unlocks from RECONNECT_PASSPHRASE
        yield client


@schema.parametrize()
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case: Any, fuzz_client: TestClient) -> None:
    body = None if case.body is NOT_SET else case.body
    payload: dict[str, Any] = {"content": body} if isinstance(body, bytes) else {"json": body}
    response = fuzz_client.request(
        case.method, case.formatted_path, params=case.query or None, **payload
    )
    assert response.status_code < 500, (case.method, case.formatted_path, body, response.text)
