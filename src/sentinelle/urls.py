"""Root URL configuration."""

from django.urls import include, path
from django.views.i18n import set_language

from sentinelle.listening import webhooks
from sentinelle.web import auth_views
from sentinelle.web.admin_site import admin_site

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin_site.urls),
    path("p/", include("sentinelle.portal.urls")),
    path("hooks/facebook/<int:source_id>/", webhooks.facebook_webhook, name="hook_facebook"),
    path("hooks/json/<int:source_id>/", webhooks.json_webhook, name="hook_json"),
    path("", include("sentinelle.web.urls")),
]
