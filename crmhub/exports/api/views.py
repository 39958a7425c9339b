"""REST API of exports: destinations (CRUD, test, run now, replay, lineage), export runs, failed rows."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from crmhub.core.permissions import HasCapability, ModelPermissions
from crmhub.exports import lineage, selectors, services
from crmhub.exports.api import serializers
from crmhub.exports.models import Destination

CanRun = HasCapability.of(services.RUN_PERMISSION)
CanManage = HasCapability.of(services.MANAGE_PERMISSION)
CanViewRuns = HasCapability.of("exports.view_exportrun")


class DestinationViewSet(viewsets.ModelViewSet):
    """Destinations: warehouses (through dlt) and CDPs (Segment spec). Credentials are write-only."""

    serializer_class = serializers.DestinationSerializer
    permission_classes = [IsAuthenticated, ModelPermissions]
    queryset = Destination.objects.order_by("name")

    def perform_create(self, serializer):
        services.destination_save(
            destination=Destination(**serializer.validated_data), actor=self.request.user
        )

    def perform_update(self, serializer):
        destination = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(destination, name, value)
        services.destination_save(destination=destination, actor=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        destination = Destination(**serializer.validated_data)
        services.destination_save(destination=destination, actor=request.user)
        return Response(self.get_serializer(destination).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=serializers.DestinationSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, CanManage])
    def test(self, request, pk=None):
        destination = services.destination_test(destination=self.get_object(), actor=request.user)
        return Response(self.get_serializer(destination).data)

    @extend_schema(request=None, responses={202: serializers.ExportRunSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, CanRun])
    def run(self, request, pk=None):
        run = services.export_run_request(destination=self.get_object(), actor=request.user)
        return Response(serializers.ExportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses={202: serializers.ExportRunSerializer, 204: None})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated, CanRun])
    def replay(self, request, pk=None):
        run = services.failed_rows_replay(destination=self.get_object(), actor=request.user)
        if run is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return Response(serializers.ExportRunSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=serializers.ColumnLineageSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lineage(self, request, pk=None):
        page = self.paginate_queryset(lineage.destination_lineage(destination=self.get_object()))
        return self.get_paginated_response(serializers.ColumnLineageSerializer(page, many=True).data)

    @extend_schema(responses=serializers.FailedRowSerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        url_path="failed-rows",
        permission_classes=[IsAuthenticated, CanViewRuns],
    )
    def failed_rows(self, request, pk=None):
        rows = selectors.failed_rows(destination=self.get_object(), status=request.query_params.get("status"))
        page = self.paginate_queryset(rows.order_by("-created_at", "-id"))
        return self.get_paginated_response(serializers.FailedRowSerializer(page, many=True).data)


class ExportRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Export runs, newest first, with their counts."""

    serializer_class = serializers.ExportRunSerializer
    permission_classes = [IsAuthenticated, CanViewRuns]

    def get_queryset(self):
        return selectors.export_run_list()
