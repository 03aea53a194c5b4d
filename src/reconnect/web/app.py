"""The web application factory and the uvicorn runner used by ``reconnect serve``."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from importlib import resources
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from reconnect import __version__
from reconnect.bootstrap import build_services
from reconnect.errors import InputError
from reconnect.services.server import csrf_secret
from reconnect.web import api, errors, health, pages
from reconnect.web.security import LOOPBACK_NAMES, CsrfTokens, GuardMiddleware

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from reconnect.config import Settings
    from reconnect.services import Services
    from reconnect.services.server import ServerServices


def create_app(
    settings: Settings,
    services: Services | None = None,
    *,
    demo: bool = False,
    server: ServerServices | None = None,
) -> FastAPI:
    """Build the app for these settings; the database is opened (and migrated) at startup.

    ``demo`` (``reconnect serve --demo``) marks every page as the demo journal's. With
    ``server`` (``reconnect serve --server``) it is the multi-user app: every journal
    route serves the logged-in person's own journal (docs/decisions/0010-*).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if server is not None:
            app.state.services = None
            yield
            return
        owned = services is None
        # The web app never unlocks from RECONNECT_PASSPHRASE: only its unlock page opens it.
        app.state.services = (
            services
            if services is not None
            else build_services(settings, unlock_from_environment=False)
        )
        # PAIR-6: the web app forgets the key after this much idle time.
        app.state.services.keys.idle_limit = settings.auto_lock_minutes * 60.0
        try:
            yield
        finally:
            if owned:
                app.state.services.close()

    app = FastAPI(
        title="reconnect",
        version=__version__,
        description=(
            "The local reconnect API. Every POST, PUT, PATCH or DELETE needs the CSRF token: "
            "read it from GET /api/csrf (which also sets the cookie) and send it in the "
            "X-CSRF-Token header. A request body over 1 MB is refused with 413 before it is "
            "read; each field's own limits are stated in its schema. A plain description of "
            "every operation is at /api/docs."
        ),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI loads from a CDN; web/api/docs.py serves a local page
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.demo = demo
    app.state.server = server
    app.state.services = None
    # Server mode's processes share the CSRF signing key (kept in the server's tables), so
    # a token from one process is good in every other; the local app's dies with it.
    tokens = CsrfTokens(csrf_secret(server) if server is not None else None)
    app.state.csrf_tokens = tokens
    app.add_middleware(errors.UnexpectedErrorMiddleware)  # inside the guard: headers apply
    allowed = LOOPBACK_NAMES | {settings.host.lower()} | set(settings.allowed_hosts)
    app.add_middleware(
        GuardMiddleware,
        allowed_hosts=frozenset(allowed),
        tokens=tokens,
        token_free=frozenset({"/api/login"}) if server is not None else frozenset(),
    )
    static = resources.files("reconnect.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    errors.install(app)

    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def run(
    settings: Settings,
    on_listening: Callable[[], None] | None = None,
    *,
    demo: bool = False,
    server_mode: bool = False,
    workers: int = 1,
    tls: tuple[str, str] | None = None,
) -> None:
    """Serve the app with uvicorn on the configured address and port.

    The port is bound before anything is said: a port in use is an InputError, and
    ``on_listening`` (say where the app runs) is called only once the socket listens.
    ``server_mode`` serves server mode's multi-user app; with ``workers`` above one, as
    that many processes sharing the socket (each builds its app from the environment,
    see ``reconnect.web.server_factory``). ``tls`` is (certificate file, key file).
    """
    import socket

    import uvicorn

    family, kind, proto, _, address = socket.getaddrinfo(
        settings.host, settings.port, type=socket.SOCK_STREAM
    )[0]
    listener = socket.socket(family, kind, proto)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise InputError(
            f"cannot listen on {settings.host}:{settings.port}: {exc.strerror or exc}",
            hint="Another program may be using that port: stop it, or choose one with --port.",
        ) from None
    options: dict[str, Any] = {
        "log_level": "warning",
        "server_header": False,
        "access_log": False,
    }
    if tls is not None:
        options["ssl_certfile"], options["ssl_keyfile"] = tls
    if server_mode and workers > 1:
        from reconnect.web.server_factory import SETTINGS_VARIABLE

        os.environ[SETTINGS_VARIABLE] = settings.model_dump_json(exclude={"passphrase"})
        config = uvicorn.Config(
            "reconnect.web.server_factory:app_from_environment",
            factory=True,
            workers=workers,
            **options,
        )
        if on_listening is not None:
            on_listening()
        from uvicorn.supervisors import Multiprocess

        with listener:
            Multiprocess(config, sockets=[listener]).run()
        return
    if server_mode:
        from reconnect.bootstrap import build_server

        app = create_app(settings, server=build_server(settings))
    else:
        app = create_app(settings, demo=demo)
    config = uvicorn.Config(app, **options)
    if on_listening is not None:
        on_listening()
    with listener:
        uvicorn.Server(config).run(sockets=[listener])
