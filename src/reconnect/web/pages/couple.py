"""Placeholder router, filled in by the couple pages work in progress."""

from fastapi import APIRouter

router = APIRouter()
