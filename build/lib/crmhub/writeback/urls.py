from django.urls import path
from django.views.generic import RedirectView

from crmhub.writeback import views

app_name = "writeback"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="writeback:records"), name="index"),
    path("records/", views.record_list, name="records"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("dead-letters/", views.dead_letter_list, name="dead-letters"),
    path("dead-letters/replay/", views.dead_letter_replay, name="dead-letters-replay"),
    path("dead-letters/replay-all/", views.dead_letter_replay_all, name="dead-letters-replay-all"),
    path("conflicts/", views.conflict_list, name="conflicts"),
    path("conflicts/<int:pk>/resolve/", views.conflict_resolve, name="conflict-resolve"),
    path("flows/", views.flow_list, name="flows"),
    path("flows/<int:pk>/", views.flow_detail, name="flow"),
    path("flows/<int:pk>/samples/", views.sample_draw, name="sample-draw"),
    path("samples/<int:pk>/", views.sample_detail, name="sample"),
    path("samples/<int:pk>/review/", views.sample_review, name="sample-review"),
    path("samples/<int:pk>/go-live/", views.go_live, name="go-live"),
    path("connections/", views.connection_list, name="connections"),
    path("connections/<int:pk>/resume/", views.connection_resume, name="connection-resume"),
]
