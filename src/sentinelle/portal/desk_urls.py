from django.urls import path

from sentinelle.portal import desk_views

app_name = "portal_desk"

urlpatterns = [
    path("", desk_views.submission_list, name="submissions"),
    path("<int:pk>/release/", desk_views.submission_release, name="submission_release"),
    path("<int:pk>/discard/", desk_views.submission_discard, name="submission_discard"),
]
