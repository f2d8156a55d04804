"""Brand colours on the public pages, kept readable (WCAG 2.2 AA contrast)."""

from __future__ import annotations

DEFAULT = "#0a5dc2"


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio between two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def theme_css(primary: str) -> str:
    """CSS variables for the brand: text on the brand colour is white or near-black, whichever
    reads; links use the brand colour only where it reads on white."""
    if len(primary) != 7 or not primary.startswith("#"):
        primary = DEFAULT
    on_primary = "#ffffff" if contrast(primary, "#ffffff") >= 4.5 else "#111111"
    link = primary if contrast(primary, "#ffffff") >= 4.5 else "#0a4a9e"
    return f":root {{ --brand: {primary}; --on-brand: {on_primary}; --link: {link}; }}\n"
