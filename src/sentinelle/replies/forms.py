"""Lead settings forms for replies: saved replies, banned terms, the approval policy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sentinelle.replies.models import BrandReplyTerm, ReplyPolicy, SavedReply
from sentinelle.replies.saved import unknown_variables


class SavedReplyForm(forms.ModelForm):
    class Meta:
        model = SavedReply
        fields = ["title", "language", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        unknown = unknown_variables(text)
        if unknown:
            raise forms.ValidationError(
                _("Unknown variables: %(names)s.") % {"names": ", ".join(unknown)}
            )
        if len(text) > 10_000:
            raise forms.ValidationError(_("A reply is at most 10,000 characters."))
        return text


class BrandReplyTermForm(forms.ModelForm):
    class Meta:
        model = BrandReplyTerm
        fields = ["phrase", "message", "suggestion"]

    def clean_phrase(self) -> str:
        phrase = " ".join(self.cleaned_data["phrase"].split())
        if len(phrase) < 3:
            raise forms.ValidationError(_("At least 3 characters."))
        return phrase


class ReplyPolicyForm(forms.ModelForm):
    class Meta:
        model = ReplyPolicy
        fields = ["approval"]
