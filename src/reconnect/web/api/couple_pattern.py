"""Placeholder router, filled in by the couple_pattern work in progress."""

from fastapi import APIRouter

router = APIRouter()
