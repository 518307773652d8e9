from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.index, name="index"),
    path("templates/", views.templates, name="templates"),
    path("reports/", views.reports, name="reports"),
]
