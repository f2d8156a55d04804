from django.urls import path

from sentinelle.brands import views

app_name = "brands"

urlpatterns = [
    path("members/", views.member_list, name="members"),
    path("members/<int:pk>/", views.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("departments/", views.department_list, name="departments"),
    path("departments/<int:pk>/", views.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", views.department_delete, name="department_delete"),
]
