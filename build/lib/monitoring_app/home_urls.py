"""The landing page at `/`, outside the monitoring namespace (templates and redirects name it `home`)."""

from django.urls import path

from monitoring_app import views

urlpatterns = [
    path("", views.home, name="home"),
]
