from django.urls import path

from crm_sandbox.demo import views

app_name = "demo"

urlpatterns = [
    path("break-something/", views.fault_panel, name="faults"),
    path("break-something/set/", views.fault_set, name="fault-set"),
]
