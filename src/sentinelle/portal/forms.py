"""The public complaint form and the tracking page's follow-up form."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

MAX_PROBLEM_CHARS = 10_000


class EarlierContact(TextChoices):
    NONE = "none", _("No, this is my first contact")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    STORE = "store", _("In a store")
    CHAT = "chat", _("By chat")
    SOCIAL = "social", _("On social media")
    LETTER = "letter", _("By letter")


class Wish(TextChoices):
    REPAIR = "repair", _("A repair")
    REPLACEMENT = "replacement", _("A replacement")
    REFUND = "refund", _("A refund")
    APOLOGY = "apology", _("An apology")
    INFORMATION = "information", _("Information")
    OTHER = "other", _("Something else")


PHONE_NUMBER = RegexValidator(r"^[0-9 +().-]{6,40}$", _("Digits, spaces and + ( ) . - only."))


def _no_controls(value: str) -> None:
    if any(ord(ch) < 32 and ch not in "\n\r\t" for ch in value):
        raise forms.ValidationError(_("This text contains invisible control characters."))


class ComplaintForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[_no_controls],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[PHONE_NUMBER],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    reference = forms.CharField(
        label=_("Order or account number (optional)"),
        max_length=60,
        required=False,
        validators=[RegexValidator(r"^[\w ./#-]+$", _("Letters, digits and - / . # only."))],
    )
    earlier_contact = forms.ChoiceField(
        label=_("Have you already contacted us about this?"),
        choices=EarlierContact.choices,
        initial=EarlierContact.NONE,
        widget=forms.RadioSelect,
    )
    earlier_when = forms.CharField(
        label=_("When, and how many times? (optional)"),
        max_length=300,
        required=False,
        help_text=_("For example: I called twice last week."),
        validators=[_no_controls],
    )
    problem = forms.CharField(
        label=_("What happened?"),
        max_length=MAX_PROBLEM_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[_no_controls],
    )
    wish = forms.ChoiceField(
        label=_("What would you like?"), choices=Wish.choices, widget=forms.RadioSelect
    )
    # A field people never see; robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_problem(self) -> str:
        problem = self.cleaned_data["problem"].strip()
        if len(problem) < 10:
            raise forms.ValidationError(_("Please describe the problem in a few words."))
        return problem


class FollowUpForm(forms.Form):
    message = forms.CharField(
        label=_("Add information or answer us"),
        max_length=MAX_PROBLEM_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[_no_controls],
    )
