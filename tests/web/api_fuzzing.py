"""FUZZ-1 engine: Schemathesis fuzzes every API operation in-process, with every check.

Shared by ``tests/web/test_api_fuzz.py`` (a short run in CI) and ``bench/fuzz_api.py`` (the
long run by hand, whose summary is ``docs/fuzz-api-results.md``). Each persona is a journal
state: ``unlocked`` (unlocked through the unlock page, as a person does), ``locked`` (the
journal exists, nobody has unlocked it) and ``not set up`` (no journal in the database).
Every case sends the CSRF cookie and token, so the checks reach the operations themselves.
"""

from __future__ import annotations

import contextlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.python.asgi import ASGIClient
from tests.conftest import TEST_PASSPHRASE, create_journal

from reconnect.config import Settings
from reconnect.web.app import create_app

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from schemathesis.core.transport import Response
    from schemathesis.generation.case import Case
    from schemathesis.schemas import APIOperation

BASE = "http://127.0.0.1:8765"
PERSONAS = ("unlocked", "locked", "not set up")
SHOWN = 600  # characters of a request or response kept in a finding


@dataclass(frozen=True)
class Finding:
    """One failed check: what was sent, what came back, and which check said no."""

    persona: str
    operation: str
    mode: str
    code: str
    title: str
    status: int | None
    request: str
    response: str

    @property
    def kind(self) -> tuple[str, str, str]:
        """Findings of one kind share the operation, the check's code and its title."""
        return (self.operation, self.code, self.title)


@dataclass
class FuzzRun:
    """Cases sent, counted by (persona, operation, mode), and every finding grouped by kind."""

    cases: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    findings: dict[tuple[str, str, str], list[Finding]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @property
    def total(self) -> int:
        """How many requests were generated and checked."""
        return sum(self.cases.values())

    def operations(self) -> set[str]:
        """Every operation that received at least one case."""
        return {operation for (_, operation, _), count in self.cases.items() if count}

    def record(self, finding: Finding) -> None:
        """Keep a finding under its kind."""
        self.findings[finding.kind].append(finding)


@contextlib.contextmanager
def persona_client(
    folder: Path, persona: str, journal_url: str | None = None
) -> Iterator[tuple[ASGIClient, Any]]:
    """An in-process client on a fresh app in the given journal state, and the loaded schema.

    ``journal_url`` is a journal made already (encrypted with the test passphrase); without
    it one is made in ``folder``, unless the persona is ``not set up``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    url = journal_url or f"sqlite:///{folder / 'fuzz.db'}"
    if persona != "not set up" and journal_url is None:
        create_journal(url)
    app = create_app(Settings(database_url=url, passphrase=None, test_fast_kdf=True))
    host = BASE.removeprefix("http://")
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, headers={"Host": host})
    with ASGIClient(app, base_url=BASE) as client:  # type: ignore[arg-type]
        token: str = client.get("/api/csrf").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        if persona == "unlocked":
            opened = client.post(
                "/unlock",
                data={"csrf_token": token, "passphrase": TEST_PASSPHRASE},
                allow_redirects=False,
            )
            assert opened.status_code == 303, opened.text
        yield client, schema


def _text(value: bytes | str | None) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return (value or "")[:SHOWN]


def _check_one(case: Case[Any], client: ASGIClient) -> tuple[Response | None, list[Failure | str]]:
    """Send one case and run every check; the failures (or the exception) it caused."""
    try:
        response = case.call(session=client, base_url=BASE)
    except Exception as error:  # an exception escaping the app is a server error
        return None, [f"{type(error).__name__}: {error}"]
    try:
        case.validate_response(response, transport_kwargs={"base_url": BASE, "session": client})
    except FailureGroup as group:
        return response, list(group.exceptions)
    except Failure as failure:
        return response, [failure]
    return response, []


def _case_runner(
    run: FuzzRun, persona: str, client: ASGIClient, label: str, mode: GenerationMode
) -> Callable[[Case[Any]], None]:
    """The body Hypothesis calls with each generated case: send, check, record."""

    def one_case(case: Case[Any]) -> None:
        run.cases[(persona, label, mode.value)] += 1
        response, failures = _check_one(case, client)
        for failure in failures:
            checked = isinstance(failure, Failure)
            run.record(
                Finding(
                    persona=persona,
                    operation=label,
                    mode=mode.value,
                    code=failure.code if isinstance(failure, Failure) else "EXCEPTION",
                    title=failure.title if isinstance(failure, Failure) else failure[:200],
                    status=response.status_code if response is not None else None,
                    request=case.as_curl_command(base_url=BASE)[:SHOWN] if checked else "",
                    response=_text(response.content) if response is not None else "",
                )
            )

    return one_case


def fuzz_operation(
    run: FuzzRun,
    persona: str,
    client: ASGIClient,
    operation: APIOperation[Any, Any, Any, Any],
    *,
    examples: int,
    random_seed: int | None,
) -> None:
    """Run up to ``examples`` positive and ``examples`` negative cases against one operation."""
    for mode in GenerationMode:
        test = given(case=operation.as_strategy(generation_mode=mode))(
            _case_runner(run, persona, client, operation.label, mode)
        )
        test = settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=random_seed is None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )(test)
        if random_seed is not None:
            test = seed(random_seed)(test)
        # An operation without parameters has no negative cases: Hypothesis says so this way.
        with contextlib.suppress(Unsatisfiable):
            test()


def fuzz_api(
    folder: Path,
    *,
    examples: int,
    personas: tuple[str, ...] = PERSONAS,
    random_seed: int | None = None,
) -> FuzzRun:
    """Fuzz every operation of the OpenAPI document as each persona.

    Without ``random_seed`` the run is derandomized: the same code gets the same cases.
    """
    run = FuzzRun()
    for persona in personas:
        with persona_client(folder / persona.replace(" ", "-"), persona) as (client, schema):
            for result in schema.get_all_operations():
                operation = result.ok()
                fuzz_operation(
                    run, persona, client, operation, examples=examples, random_seed=random_seed
                )
    return run
