"""The texts other tests use to reach each kind of analysis, kept in one place.

The analyzer is retrained from time to time, and which words give ``concern`` changes with
it. When it does, change these constants only; ``tests/test_analysis_texts.py`` says at
once whether each one still gives what its name promises.
"""

from __future__ import annotations

# Ambiguous: the learned layer worries, no rule reads an explicit statement: the calm check.
CONCERN_TEXT = "Heavy day. Part of me just wants to sleep for a week."
# An explicit statement the rules read: confident, so crisis resources come first.
CRISIS_TEXT = "I don't want to be here anymore."
# Neither.
ORDINARY_TEXT = "Lovely walk with @ana, then soup and an early night."
