"""The guide: questions in a person's own words, answered from cards written from the seeds.

Retrieval runs offline over the packaged cards: the analyzer's static embedding model and
full-text scoring, re-ranked (``retriever.py``, ``lexical.py``). Crisis comes first and is
decided by the caller with the analyzer (``services/guide.py``): this package only finds
cards, or declines.
"""

from __future__ import annotations

from functools import lru_cache

from reconnect.guide.retriever import DEFAULT_WEIGHTS, Ranked, Retriever, Weights

__all__ = ["DEFAULT_WEIGHTS", "Ranked", "Retriever", "Weights", "default_retriever"]


@lru_cache(maxsize=1)
def default_retriever() -> Retriever:
    """The retriever over the packaged cards with the shipped weights (built once)."""
    from reconnect.analysis.static import load_static
    from reconnect.content.guide_cards import load_cards, load_off_topic

    return Retriever(load_cards(), load_static(), load_off_topic())
