"""Lead settings forms for stories: alert channels and playbooks."""

from __future__ import annotations

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from sentinelle.listening.items import ItemError, safe_url
from sentinelle.stories.models import AlertChannel, AlertChannelKind, Playbook


class AlertChannelForm(forms.ModelForm):
    class Meta:
        model = AlertChannel
        fields = ["name", "kind", "target", "secret", "min_level", "enabled"]
        widgets = {"secret": forms.PasswordInput(render_value=True)}

    def clean(self) -> dict:
        data = super().clean()
        kind, target = data.get("kind"), (data.get("target") or "").strip()
        if kind == AlertChannelKind.EMAIL:
            try:
                validate_email(target)
            except forms.ValidationError:
                self.add_error("target", _("Enter a valid e-mail address."))
        elif kind:
            try:
                url = safe_url(target, "target")
            except ItemError:
                url = ""
            if not url.startswith("https://"):
                self.add_error("target", _("Enter the https URL of the incoming webhook."))
            if kind == AlertChannelKind.WEBHOOK and len(data.get("secret") or "") < 16:
                self.add_error(
                    "secret", _("A signed webhook needs a secret of at least 16 characters.")
                )
        data["target"] = target
        return data


class PlaybookForm(forms.ModelForm):
    topics_text = forms.CharField(
        label=_("topics"),
        required=False,
        help_text=_("Comma-separated, e.g. safety, product_defect; empty: every topic."),
    )

    class Meta:
        model = Playbook
        fields = ["name", "min_level", "steps", "involve", "statement_fr", "statement_en"]
        widgets = {
            "steps": forms.Textarea(attrs={"rows": 6}),
            "statement_fr": forms.Textarea(attrs={"rows": 4}),
            "statement_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics_text"].initial = ", ".join(self.instance.topics or [])
        help_text = _("Variables: {subject}, {deadline}, {brand}.")
        self.fields["statement_fr"].help_text = help_text
        self.fields["statement_en"].help_text = help_text

    def clean_topics_text(self) -> list[str]:
        raw = self.cleaned_data.get("topics_text") or ""
        return sorted({t.strip().lower() for t in raw.split(",") if t.strip()})[:20]

    def save(self, commit: bool = True) -> Playbook:
        self.instance.topics = self.cleaned_data["topics_text"]
        return super().save(commit)


class StatementForm(forms.Form):
    text_fr = forms.CharField(
        label=_("Statement (French)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    text_en = forms.CharField(
        label=_("Statement (English)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
