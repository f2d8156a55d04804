"""Small enumerations shared by several apps."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskLevel(models.TextChoices):
    QUIET = "quiet", _("quiet")
    WATCH = "watch", _("watch")
    ALERT = "alert", _("alert")
    CRISIS = "crisis", _("crisis")


RISK_ORDER = {level: rank for rank, level in enumerate(RiskLevel.values)}


class Channel(models.TextChoices):
    BLOG = "blog", _("blog")
    FORUM = "forum", _("forum")
    NEWS = "news", _("news")
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    REDDIT = "reddit", "Reddit"
    FACEBOOK = "facebook", "Facebook"
    YOUTUBE = "youtube", "YouTube"
    X = "x", "X"
    EMAIL = "email", _("e-mail")
    FORM = "form", _("complaint form")
    PHONE = "phone", _("phone call")
    OTHER = "other", _("other")
