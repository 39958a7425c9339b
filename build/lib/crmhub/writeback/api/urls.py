from django.urls import path

from crmhub.writeback.api import views

urlpatterns = [
    path("outputs/", views.OutputsView.as_view(), name="outputs"),
    path("outputs/<int:pk>/", views.OutputDetailView.as_view(), name="output-detail"),
    path("write-outcomes/", views.OutcomeListView.as_view(), name="write-outcomes"),
    path("dead-letters/replay/", views.DeadLetterReplayView.as_view(), name="dead-letters-replay"),
]
