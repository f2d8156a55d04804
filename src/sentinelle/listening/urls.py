from django.urls import path

from sentinelle.listening import views

app_name = "listening"

urlpatterns = [
    path("", views.source_list, name="sources"),
    path("<int:pk>/", views.source_edit, name="source_edit"),
]
