"""REST API of the mapping catalog.

The catalog itself is read-only here: it changes only through change requests, whose workflow
actions are thin POST routes handing validated input to `mappings_app.services`.
"""

import json

import yaml
from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from crmhub.core.api import validated_input
from crmhub.core.errors import ApplicationError
from crmhub.core.permissions import HasCapability
from crmhub.models import CrmConnection
from mappings_app import filtersets, selectors, services, yaml_io
from mappings_app.api import serializers
from mappings_app.models import (
    CatalogVersion,
    ChangeItem,
    ChangeRequest,
    CrmField,
    CrmObject,
    FieldOwnership,
)

VIEW_CONNECTION = "crmhub.view_crmconnection"
VIEW_CHANGE = "mappings_app.view_changerequest"
VIEW_VERSION = "mappings_app.view_catalogversion"
VIEW_CATALOG = ("mappings_app.view_fieldmapping", "mappings_app.view_fieldownership")
EDIT = services.EDIT_PERMISSION
APPROVE = services.APPROVE_PERMISSION


class PlainTextParser(BaseParser):
    """A request body taken as text (a YAML catalog), cut off just past the size the import accepts."""

    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        if stream is None:
            return ""
        try:
            return stream.read(yaml_io.MAX_YAML_BYTES + 1).decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(f"The request body is not {encoding} text.") from exc


class YamlParser(PlainTextParser):
    media_type = "application/yaml"


class YamlRenderer(BaseRenderer):
    """Text passes through; anything else (an error body) is dumped as YAML."""

    media_type = "application/yaml"
    format = "yaml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, str):
            return data.encode(self.charset)
        plain = json.loads(JSONRenderer().render(data))  # ErrorDetail and friends become plain types
        return yaml.safe_dump(plain, sort_keys=False, allow_unicode=True).encode(self.charset)


@extend_schema_view(
    list=extend_schema(summary="List CRM connections (never their credentials)"),
    retrieve=extend_schema(summary="One CRM connection (never its credentials)"),
)
@extend_schema(tags=["connections"])
class ConnectionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = CrmConnection.objects.order_by("name")
    serializer_class = serializers.ConnectionSerializer
    filterset_class = filtersets.ConnectionFilterSet
    search_fields = ["name", "base_url"]
    ordering_fields = ["name", "provider", "status", "catalog_version"]

    def get_permissions(self):
        if self.action == "catalog_export":
            return [
                HasCapability(
                    VIEW_CONNECTION, *VIEW_CATALOG, message="You do not have permission to read the catalog."
                )
            ]
        if self.action == "catalog_import":
            return [
                HasCapability(
                    VIEW_CONNECTION, EDIT, message="You do not have permission to draft mapping changes."
                )
            ]
        return super().get_permissions()

    @extend_schema(
        tags=["catalog"],
        summary="Export the active catalog as YAML",
        responses={(200, "application/yaml"): serializers.CatalogDocumentSerializer},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="catalog/export",
        url_name="catalog-export",
        renderer_classes=[JSONRenderer, YamlRenderer],
        filter_backends=[],
        pagination_class=None,
    )
    def catalog_export(self, request, pk=None):
        connection = self.get_object()
        # Always YAML on success; errors follow content negotiation (JSON unless YAML is asked for).
        response = HttpResponse(
            yaml_io.catalog_export_yaml(connection=connection), content_type="application/yaml; charset=utf-8"
        )
        filename = f"{connection.name}-catalog-v{connection.catalog_version}.yaml"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @extend_schema(
        tags=["catalog"],
        summary="Import a YAML catalog as a draft change request",
        description="Send the YAML as the raw body (application/yaml or text/plain, title in the `title` "
        'query parameter) or as JSON {"yaml": "...", "title": "..."}. Nothing is applied: the result is '
        "a draft whose items turn the active catalog into the YAML one.",
        parameters=[
            OpenApiParameter("title", OpenApiTypes.STR, description="Title of the change request (raw body)")
        ],
        request={
            "application/json": serializers.CatalogImportInputSerializer,
            "application/yaml": OpenApiTypes.STR,
            "text/plain": OpenApiTypes.STR,
        },
        responses={201: serializers.ChangeRequestDetailSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="catalog/import",
        url_name="catalog-import",
        parser_classes=[JSONParser, YamlParser, PlainTextParser],
        filter_backends=[],
        pagination_class=None,
    )
    def catalog_import(self, request, pk=None):
        connection = self.get_object()
        if isinstance(request.data, str):
            text, title = request.data, request.query_params.get("title", "")
        else:
            data = validated_input(serializers.CatalogImportInputSerializer, request.data)
            text, title = data["yaml"], data["title"]
        if not text.strip():
            raise ApplicationError("The request body holds no YAML catalog.")
        change = yaml_io.catalog_import_yaml(
            connection=connection, author=request.user, text=text, title=title
        )
        return change_request_response(change.pk, status.HTTP_201_CREATED)


@extend_schema(tags=["catalog"])
class CrmObjectViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = CrmObject.objects.select_related("connection").order_by("connection__name", "name")
    serializer_class = serializers.CrmObjectSerializer
    filterset_class = filtersets.CrmObjectFilterSet
    search_fields = ["name", "label"]
    ordering_fields = ["name", "label"]


@extend_schema(tags=["catalog"])
class CrmFieldViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = CrmField.objects.select_related("crm_object", "ownership").order_by("crm_object__name", "name")
    serializer_class = serializers.CrmFieldSerializer
    filterset_class = filtersets.CrmFieldFilterSet
    search_fields = ["name", "label"]
    ordering_fields = ["name", "label", "field_type"]


@extend_schema(tags=["catalog"])
class FieldOwnershipViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = FieldOwnership.objects.select_related("crm_field__crm_object").order_by(
        "crm_field__crm_object__name", "crm_field__name"
    )
    serializer_class = serializers.FieldOwnershipSerializer
    filterset_class = filtersets.FieldOwnershipFilterSet
    search_fields = ["crm_field__name"]
    ordering_fields = ["owner"]


@extend_schema(tags=["catalog"])
class FieldMappingViewSet(viewsets.ReadOnlyModelViewSet):
    """The active mappings. Read-only: the catalog changes only through change requests."""

    queryset = selectors.mapping_list()
    serializer_class = serializers.FieldMappingSerializer
    filterset_class = filtersets.FieldMappingFilterSet
    search_fields = ["source_system", "source_key", "crm_field__name"]
    ordering_fields = ["source_system", "source_key"]


def change_request_detail_queryset():
    return (
        selectors.change_request_list()
        .select_related("applied_by")
        .prefetch_related(
            Prefetch("items", queryset=ChangeItem.objects.order_by("kind", "key")),
            "comments__author",
        )
    )


def change_request_response(pk: int, status_code: int = status.HTTP_200_OK) -> Response:
    change = change_request_detail_queryset().get(pk=pk)
    return Response(serializers.ChangeRequestDetailSerializer(change).data, status=status_code)


def _workflow_schema(summary: str, request=None, status_code: int = 200, response=None):
    return extend_schema(
        summary=summary,
        request=request,
        responses={
            status_code: response or serializers.ChangeRequestDetailSerializer,
            403: OpenApiResponse(description="Missing permission, or the four-eyes rule forbids it."),
            409: OpenApiResponse(description="The change request is not in a state that allows this."),
        },
    )


@extend_schema(tags=["change requests"])
class ChangeRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Change requests: draft -> submitted -> approved/rejected -> applied, with four eyes."""

    filterset_class = filtersets.ChangeRequestFilterSet
    search_fields = ["title", "description"]
    ordering_fields = ["created_at", "status"]
    edit_actions = {"create", "operations", "submit", "rebase", "comments"}
    decide_actions = {"approve", "reject", "apply"}

    def get_queryset(self):
        if self.action == "list":
            return selectors.change_request_list().select_related("applied_by")
        if self.action == "retrieve":
            return change_request_detail_queryset()
        return ChangeRequest.objects.select_related("connection")

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ChangeRequestSerializer
        return serializers.ChangeRequestDetailSerializer

    def get_permissions(self):
        if self.action in self.edit_actions:
            return [
                HasCapability(
                    VIEW_CHANGE, EDIT, message="You do not have permission to draft mapping changes."
                )
            ]
        if self.action in self.decide_actions:
            return [
                HasCapability(
                    VIEW_CHANGE,
                    APPROVE,
                    message="You do not have permission to approve, reject or apply mapping changes.",
                )
            ]
        return super().get_permissions()

    @_workflow_schema(
        "Draft a change request",
        request=serializers.ChangeRequestCreateInputSerializer,
        status_code=201,
    )
    def create(self, request, *args, **kwargs):
        data = validated_input(serializers.ChangeRequestCreateInputSerializer, request.data)
        change = services.change_request_create(author=request.user, **data)
        return change_request_response(change.pk, status.HTTP_201_CREATED)

    @_workflow_schema("Add or replace one operation of a draft", request=serializers.OperationInputSerializer)
    @action(detail=True, methods=["post"])
    def operations(self, request, pk=None):
        operation = validated_input(serializers.OperationInputSerializer, request.data)
        change = self.get_object()
        services.change_request_set_operation(change=change, actor=request.user, operation=operation)
        return change_request_response(change.pk)

    @_workflow_schema("Submit a draft for review")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        change = services.change_request_submit(change=self.get_object(), actor=request.user)
        return change_request_response(change.pk)

    @_workflow_schema(
        "Approve a submitted change request (not your own)", request=serializers.DecisionInputSerializer
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        note = validated_input(serializers.DecisionInputSerializer, request.data)["note"]
        change = services.change_request_approve(change=self.get_object(), approver=request.user, note=note)
        return change_request_response(change.pk)

    @_workflow_schema("Reject a change request, saying why", request=serializers.DecisionInputSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        note = validated_input(serializers.DecisionInputSerializer, request.data)["note"]
        change = services.change_request_reject(change=self.get_object(), approver=request.user, note=note)
        return change_request_response(change.pk)

    @_workflow_schema("Apply an approved change request: the catalog changes and its version is bumped")
    @action(detail=True, methods=["post"])
    def apply(self, request, pk=None):
        change = self.get_object()
        services.change_request_apply(change=change, actor=request.user)
        return change_request_response(change.pk)

    @_workflow_schema("Re-draft against the current catalog version (withdraws an approval)")
    @action(detail=True, methods=["post"])
    def rebase(self, request, pk=None):
        change = services.change_request_rebase(change=self.get_object(), actor=request.user)
        return change_request_response(change.pk)

    @_workflow_schema(
        "Comment on a change request",
        request=serializers.CommentInputSerializer,
        status_code=201,
        response=serializers.ChangeCommentSerializer,
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        body = validated_input(serializers.CommentInputSerializer, request.data)["body"]
        comment = services.change_request_comment(change=self.get_object(), author=request.user, body=body)
        return Response(serializers.ChangeCommentSerializer(comment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["catalog versions"])
class CatalogVersionViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = filtersets.CatalogVersionFilterSet
    ordering_fields = ["number", "created_at"]

    def get_queryset(self):
        versions = CatalogVersion.objects.select_related("connection", "created_by").order_by(
            "connection__name", "-number"
        )
        if self.action == "list":
            return versions.defer("snapshot")
        return versions

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.CatalogVersionSerializer
        return serializers.CatalogVersionDetailSerializer

    def get_permissions(self):
        if self.action == "restore":
            return [
                HasCapability(
                    VIEW_VERSION, EDIT, message="You do not have permission to draft mapping changes."
                )
            ]
        return super().get_permissions()

    @_workflow_schema("Draft a change request that restores this version", request=None, status_code=201)
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        version = self.get_object()
        change = services.catalog_restore_request(
            connection=version.connection, author=request.user, version_number=version.number
        )
        return change_request_response(change.pk, status.HTTP_201_CREATED)
