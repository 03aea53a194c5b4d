"""The local web app: FastAPI pages and JSON API over the same services as the CLI."""
