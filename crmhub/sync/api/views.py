"""REST API of sync runs, webhook events and trigger executions (reads), and starting a run."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response

from crmhub.core.permissions import HasCapability
from crmhub.models import CrmConnection
from crmhub.sync import filtersets, selectors, services
from crmhub.sync.api import serializers


class SyncRunListView(ListAPIView):
    """GET: sync runs, newest first (filters: connection, object_name, status, kind). POST: start a run."""

    serializer_class = serializers.SyncRunSerializer
    filterset_class = filtersets.SyncRunFilterSet

    def get_permissions(self):
        permission = services.RUN_PERMISSION if self.request.method == "POST" else "sync.view_syncrun"
        return [HasCapability(permission)]

    def get_queryset(self):
        return selectors.sync_runs_list()

    @extend_schema(
        request=serializers.SyncRunRequestSerializer,
        responses={202: serializers.SyncRunSerializer},
        description="Queue a sync run; 409 when a run of that object is already queued or running.",
    )
    def post(self, request):
        data = serializers.SyncRunRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        connection = CrmConnection.objects.filter(name=data.validated_data["connection"]).first()
        if connection is None:  # a name in the body, not the path: invalid input, not a missing resource
            raise ValidationError({"connection": ["No such connection."]})
        run = services.sync_run_request(
            connection=connection,
            object_name=data.validated_data["object_name"],
            kind=data.validated_data["kind"],
            since=data.validated_data.get("since"),
            actor=request.user,
        )
        return Response(serializers.SyncRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class SyncRunDetailView(RetrieveAPIView):
    serializer_class = serializers.SyncRunSerializer
    permission_classes = [HasCapability.of("sync.view_syncrun")]

    def get_queryset(self):
        return selectors.sync_runs_list()


class WebhookEventListView(ListAPIView):
    serializer_class = serializers.WebhookEventSerializer
    permission_classes = [HasCapability.of("sync.view_webhookevent")]
    filterset_class = filtersets.WebhookEventFilterSet

    def get_queryset(self):
        return selectors.webhook_events_list()


class TriggerExecutionListView(ListAPIView):
    serializer_class = serializers.TriggerExecutionSerializer
    permission_classes = [HasCapability.of("sync.view_triggerexecution")]
    filterset_class = filtersets.TriggerExecutionFilterSet

    def get_queryset(self):
        return selectors.trigger_executions_list()
