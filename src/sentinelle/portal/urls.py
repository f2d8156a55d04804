from django.urls import path

from sentinelle.portal import views

app_name = "portal"

urlpatterns = [
    path("<slug:brand_slug>/", views.complaint_form, name="form"),
    path("<slug:brand_slug>/theme.css", views.theme, name="theme"),
    path("<slug:brand_slug>/logo", views.logo, name="logo"),
    path("<slug:brand_slug>/suivi/<str:token>/", views.tracking, name="tracking"),
]
