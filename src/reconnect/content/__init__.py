"""The project's own content files, loaded and validated into domain objects: one module per
kind of file (instruments, practices, prompts, feelings, texts, help resources). Callers
import the loaders from here."""

from __future__ import annotations

from reconnect.content.feelings import load_feelings
from reconnect.content.help_resources import load_abuse_resources, load_crisis_resources
from reconnect.content.instrument_files import load_instrument, load_instruments
from reconnect.content.practice_files import load_practices
from reconnect.content.prompts import load_prompts
from reconnect.content.texts import load_texts
from reconnect.domain.selfcheck_choices import DEFAULT_INSTRUMENT as DEFAULT_INSTRUMENT

__all__ = [
    "DEFAULT_INSTRUMENT",
    "load_abuse_resources",
    "load_crisis_resources",
    "load_feelings",
    "load_instrument",
    "load_instruments",
    "load_practices",
    "load_prompts",
    "load_texts",
]
