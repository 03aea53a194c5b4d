"""Server mode's app for each of several worker processes (``reconnect serve --server
--workers N``): uvicorn starts every process fresh, so each builds its own app from the
settings the parent put in the environment."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

SETTINGS_VARIABLE = "RECONNECT_SERVE_SETTINGS_JSON"


def app_from_environment() -> FastAPI:
    """The multi-user app for the settings ``reconnect serve`` handed down."""
    from reconnect.bootstrap import build_server
    from reconnect.config import Settings
    from reconnect.web.app import create_app

    settings = Settings.model_validate_json(os.environ[SETTINGS_VARIABLE])
    return create_app(settings, server=build_server(settings))
