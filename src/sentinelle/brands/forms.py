"""Forms for managing a brand's members and departments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from sentinelle.brands.models import Brand, Department, Role


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, brand: Brand, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = brand.departments.all()  # type: ignore[attr-defined]


class NewMemberForm(MemberForm):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Letters, digits and @/./+/-/_ only.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Initial password (new users)"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
    )

    field_order = ["username", "first_name", "last_name", "email", "password", "role"]

    def clean_password(self) -> str:
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data.get("password", "")
        exists = get_user_model().objects.filter(username=self.data.get("username")).exists()
        if password and not exists:
            validate_password(password)
        return password


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "kind"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Department.objects.filter(brand_id=self.instance.brand_id, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("A department with this name already exists."))
        return name
