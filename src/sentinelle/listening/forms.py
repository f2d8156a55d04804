"""The forms a lead uses to add or edit a source or a watch query."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sentinelle.listening.models import Source, WatchQuery
from sentinelle.listening.watchquery import MAX_QUERY_CHARS, WatchQueryError, parse

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


class WatchQueryForm(forms.ModelForm):
    """A lead's watch query; the query is parsed on validation, its fault kept for the caret."""

    class Meta:
        model = WatchQuery
        fields = ["name", "query", "enabled"]
        widgets = {
            "query": forms.Textarea(
                attrs={
                    "rows": 3,
                    "spellcheck": "false",
                    "autocomplete": "off",
                    "maxlength": MAX_QUERY_CHARS,
                    "aria-describedby": "query-check",
                }
            )
        }
        help_texts = {
            "query": _('For example: "free mobile" OR @free -promo lang:fr'),
        }

    def __init__(self, *args: Any, check_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.query_error: WatchQueryError | None = None
        self.fields["query"].strip = False  # fault positions count from what the lead typed
        if check_url:  # checked as the lead types (htmx), the answer shown in #query-check
            self.fields["query"].widget.attrs.update(
                {
                    "hx-post": check_url,
                    "hx-trigger": "input changed delay:300ms",
                    "hx-target": "#query-check",
                }
            )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = WatchQuery.objects.filter(brand_id=self.instance.brand_id, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A watch query with this name already exists."))
        return name

    def clean_query(self) -> str:
        text = self.cleaned_data["query"]
        try:
            parse(text)
        except WatchQueryError as exc:
            self.query_error = exc
            raise forms.ValidationError(str(exc)) from None
        return text.strip()
