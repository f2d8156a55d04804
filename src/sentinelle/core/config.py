"""Read SENTINELLE_* environment variables with clear errors."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

PREFIX = "SENTINELLE_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    """The value of SENTINELLE_<name>, or the default."""
    return os.environ.get(PREFIX + name, default)


def env_bool(name: str, *, default: bool) -> bool:
    """A boolean setting; anything but a clear yes/no is a configuration error."""
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{PREFIX}{name}={raw!r} is not a boolean: use true or false.")


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list setting."""
    raw = os.environ.get(PREFIX + name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
