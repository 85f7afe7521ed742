"""Names of the domain's words in the current language (kinds, zones, phase cues)."""

from __future__ import annotations

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
_ZONES_SHORT = {"above": N_("above"), "within": N_("within"), "below": N_("below")}
_CUES = {
    "inhale": N_("IN"),
    "top-up": N_("MORE"),
    "hold": N_("HOLD"),
    "hold-empty": N_("HOLD"),
    "exhale": N_("OUT"),
    "pause": N_("PAUSE"),
}


def kind_name(kind: str) -> str:
    return _(_KINDS.get(kind, kind))


def zone_name(zone: str) -> str:
    return _(_ZONES.get(zone, zone))


def zone_short(zone: str) -> str:
    return _(_ZONES_SHORT.get(zone, zone))


def default_cue(phase_type: str) -> str:
    return _(_CUES.get(phase_type, phase_type))
