"""Self and partner side by side: each partner's "about me" self-check next to the other's
"about my partner" one, once both have chosen to share. Only dimension scores travel:
never the answers, never a seek-help suggestion. Two views of one person are shown as
two views, not as who is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reconnect.domain.selfcheck_choices import Perspective

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reconnect.domain.selfcheck import SelfCheckResult

NOTE = (
    "Two views of the same person, each from one self-check. Where they differ is worth a "
    "gentle conversation, not a verdict: these are signs and patterns, not a diagnosis."
)


@dataclass(frozen=True, slots=True)
class SharedScores:
    """What one partner shares: their latest scores about themselves and about their
    partner (dimension id → 0-100, or None when too few answers), with when each was taken."""

    about_self: dict[str, float | None]
    about_self_taken: str | None
    about_partner: dict[str, float | None]
    about_partner_taken: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "about_self": self.about_self,
            "about_self_taken": self.about_self_taken,
            "about_partner": self.about_partner,
            "about_partner_taken": self.about_partner_taken,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> SharedScores:
        def scores(value: object) -> dict[str, float | None]:
            if not isinstance(value, dict):
                return {}
            return {
                str(k): (float(v) if isinstance(v, int | float) else None) for k, v in value.items()
            }

        def when(value: object) -> str | None:
            return value if isinstance(value, str) else None

        return cls(
            scores(data.get("about_self")),
            when(data.get("about_self_taken")),
            scores(data.get("about_partner")),
            when(data.get("about_partner_taken")),
        )


def shared_scores(
    about_self: SelfCheckResult | None, about_partner: SelfCheckResult | None
) -> SharedScores:
    """The scores to share from one's latest results of each perspective."""

    def scores(result: SelfCheckResult | None) -> dict[str, float | None]:
        if result is None:
            return {}
        assert result.score.perspective in (Perspective.SELF, Perspective.PARTNER)
        return {d.dimension: d.score for d in result.score.dimensions}

    return SharedScores(
        scores(about_self),
        about_self.taken_at.isoformat() if about_self else None,
        scores(about_partner),
        about_partner.taken_at.isoformat() if about_partner else None,
    )


@dataclass(frozen=True, slots=True)
class ViewRow:
    """One dimension about one person: their own view and their partner's view."""

    dimension: str
    name: str
    own_view: float | None
    partner_view: float | None


def side_by_side(
    mine: SharedScores, theirs: SharedScores, names: Mapping[str, str]
) -> tuple[tuple[ViewRow, ...], tuple[ViewRow, ...]]:
    """(about me: my view and my partner's view of me, about my partner: their view and
    mine of them), one row per dimension either view scored."""

    def rows(own: dict[str, float | None], other: dict[str, float | None]) -> tuple[ViewRow, ...]:
        ids = [d for d in names if d in own or d in other]
        return tuple(ViewRow(d, names[d], own.get(d), other.get(d)) for d in ids)

    return rows(mine.about_self, theirs.about_partner), rows(theirs.about_self, mine.about_partner)
