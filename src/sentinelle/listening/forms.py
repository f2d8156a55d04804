"""The form a lead uses to add or edit a source."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sentinelle.listening.models import Source

MAX_CONFIG_CHARS = 20_000


class SourceForm(forms.ModelForm):
    config_json = forms.CharField(
        label=_("Configuration (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        help_text=_('For example {"url": "https://example.org/feed.xml"}.'),
    )

    class Meta:
        model = Source
        fields = ["name", "kind", "channel", "enabled"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["config_json"].initial = json.dumps(self.instance.config, indent=2)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Source.objects.filter(brand_id=self.instance.brand_id, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A source with this name already exists."))
        return name

    def clean_config_json(self) -> dict:
        raw = self.cleaned_data.get("config_json", "").strip()
        if not raw:
            return {}
        if len(raw) > MAX_CONFIG_CHARS:
            raise forms.ValidationError(_("The configuration is too long."))
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Invalid JSON at line %(line)s, column %(col)s: %(msg)s"),
                params={"line": exc.lineno, "col": exc.colno, "msg": exc.msg},
            ) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The configuration must be a JSON object."))
        return value

    def save(self, commit: bool = True) -> Source:
        self.instance.config = self.cleaned_data["config_json"]
        return super().save(commit=commit)
