from django.urls import path

from sentinelle.listening import views

app_name = "listening"

urlpatterns = [
    path("", views.source_list, name="sources"),
    path("<int:pk>/", views.source_edit, name="source_edit"),
    path("queries/", views.watch_query_list, name="watch_queries"),
    path("queries/check/", views.watch_query_check, name="watch_query_check"),
    path("queries/preview/", views.watch_query_preview, name="watch_query_preview"),
    path("queries/<int:pk>/", views.watch_query_edit, name="watch_query_edit"),
    path("queries/<int:pk>/toggle/", views.watch_query_toggle, name="watch_query_toggle"),
    path("queries/<int:pk>/delete/", views.watch_query_delete, name="watch_query_delete"),
]
