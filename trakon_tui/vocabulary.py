"""Names of the domain's words in the current language (kinds, zones, phase cues)."""

from __future__ import annotations

from trakon_tui.core.window import direction, zone_for
from trakon_tui.i18n import N_, _

_KINDS = {
    "breathing": N_("Breathing"),
    "grounding": N_("Grounding"),
    "writing": N_("Writing"),
    "info": N_("Information"),
    "checkin": N_("Check-in"),
    "session": N_("Session"),
}
_ZONES = {
    "above": N_("above the window"),
    "within": N_("within the window"),
    "below": N_("below the window"),
}
# The routes after a check-in: the zones, and "mixed" (don't know, mixed, a room split
# across above and below, or no hands counted).
_ROUTES = {**_ZONES, "mixed": N_("mixed or not counted")}
_ZONES_SHORT = {"above": N_("above"), "within": N_("within"), "below": N_("below")}
_CUES = {
    "inhale": N_("IN"),
    "top-up": N_("MORE"),
    "hold": N_("HOLD"),
    "hold-empty": N_("PAUSE"),  # a hold on empty is a pause after the out-breath (TAUKO)
    "exhale": N_("OUT"),
    "pause": N_("PAUSE"),
}


def kind_name(kind: str) -> str:
    return _(_KINDS.get(kind, kind))


def zone_name(zone: str) -> str:
    return _(_ZONES.get(zone, zone))


def route_name(route: str) -> str:
    return _(_ROUTES.get(route, route))


def zone_short(zone: str) -> str:
    return _(_ZONES_SHORT.get(zone, zone))


def default_cue(phase_type: str) -> str:
    return _(_CUES.get(phase_type, phase_type))


def reflection(before: int | None, after: int | None, window: tuple[int, int]) -> str:
    """The change after a practice, described, never judged."""
    way = direction(before, after, window)
    if way == "unknown":
        return _("Thank you for noticing. Not knowing is information too.")
    assert before is not None and after is not None
    zone = zone_for(after, *window)
    if way == "toward":
        if zone == "within":
            return _("You came back within your window.")
        return _("You came a little closer to your window.")
    if way == "same":
        if zone == "within":
            return _("You are still within your window.")
        return _("About the same as before. Sometimes nothing changes; that is information too.")
    return _(
        "A little further from your window than before. That happens; the body sometimes "
        "needs something else, or just time."
    )


def pair_text(before: int | None, after: int | None) -> str:
    def show(level: int | None) -> str:
        return _("don't know") if level is None else str(level)

    return _("Before {before} → now {after}").format(before=show(before), after=show(after))
