"""Login and logout: Django's views with our templates (the session key rotates at login)."""

from __future__ import annotations

from django.contrib.auth import views


class LoginView(views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(views.LogoutView):
    """Logout is a POST (Django refuses GET), so a link cannot log anyone out."""
