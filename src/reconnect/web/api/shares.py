"""Placeholder router, filled in by the shares work in progress."""

from fastapi import APIRouter

router = APIRouter()
