"""REST API of sync runs, webhook events and trigger executions (reads), and starting a run."""

from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from crmhub.models import CrmConnection
from crmhub.sync import selectors, services
from crmhub.sync.api import serializers


def _has(permission: str):
    class HasPermission(BasePermission):
        message = f"You need the {permission} permission."

        def has_permission(self, request, view) -> bool:
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(permission))

    return HasPermission


def _filters(request, names) -> dict:
    return {name: request.query_params[name] for name in names if request.query_params.get(name)}


class SyncRunListView(ListAPIView):
    """GET: sync runs, newest first (filters: connection, object_name, status, kind). POST: start a run."""

    serializer_class = serializers.SyncRunSerializer

    def get_permissions(self):
        permission = services.RUN_PERMISSION if self.request.method == "POST" else "sync.view_syncrun"
        return [IsAuthenticated(), _has(permission)()]

    def get_queryset(self):
        return selectors.sync_runs_list(filters=_filters(self.request, selectors.RUN_FILTERS))

    def post(self, request):
        data = serializers.SyncRunRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        connection = CrmConnection.objects.filter(name=data.validated_data["connection"]).first()
        if connection is None:
            raise NotFound("No such connection.")
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
    permission_classes = [IsAuthenticated, _has("sync.view_syncrun")]

    def get_queryset(self):
        return selectors.sync_runs_list(filters={})


class WebhookEventListView(ListAPIView):
    serializer_class = serializers.WebhookEventSerializer
    permission_classes = [IsAuthenticated, _has("sync.view_webhookevent")]

    def get_queryset(self):
        return selectors.webhook_events_list(filters=_filters(self.request, selectors.EVENT_FILTERS))


class TriggerExecutionListView(ListAPIView):
    serializer_class = serializers.TriggerExecutionSerializer
    permission_classes = [IsAuthenticated, _has("sync.view_triggerexecution")]

    def get_queryset(self):
        return selectors.trigger_executions_list(filters=_filters(self.request, selectors.EXECUTION_FILTERS))
