"""The HTTP API (FastAPI): one router module per resource; the OpenAPI document at /docs is the contract."""

from .app import create_app

__all__ = ["create_app"]
