from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepliesConfig(AppConfig):
    name = "sentinelle.replies"
    verbose_name = _("Replies")
