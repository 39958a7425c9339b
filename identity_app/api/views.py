"""REST API of the review queue, identity links, validation runs and the mirror search.

Reads are declarative viewsets scoped by permission; every decision is a small POST route handing validated
input to `identity_app.services`, whose `ApplicationError`s become 4xx responses.
"""

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from crmhub.core.api import validated_input
from crmhub.core.errors import ApplicationError
from crmhub.core.filtersets import MAX_ID, parse_id
from crmhub.core.permissions import HasCapability
from identity_app import filtersets, selectors, services
from identity_app.api import serializers
from identity_app.models import MirrorRecord, ReviewItem

VIEW_ITEM = selectors.VIEW_PERMISSION
RESOLVE = services.RESOLVE_PERMISSION
ASSIGN = services.ASSIGN_PERMISSION
MIRROR_SEARCH_TERMS = ("crm_id", "email", "name")


def _decision_schema(summary: str, request=None, response=serializers.ReviewItemDetailSerializer):
    return extend_schema(
        summary=summary,
        request=request,
        responses={
            200: response,
            400: OpenApiResponse(description="Invalid input, or a CRM id that is not a live record."),
            403: OpenApiResponse(description="Missing permission."),
            409: OpenApiResponse(description="The item is not open, or the flow does not allow creates."),
        },
    )


@extend_schema_view(
    list=extend_schema(summary="The review queue (newest first; filter by status=open for the open items)"),
    retrieve=extend_schema(
        summary="One review item with its ranked candidates and their score contributions"
    ),
)
@extend_schema(tags=["review queue"])
class ReviewItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    filterset_class = filtersets.ReviewItemFilterSet
    search_fields = ["external_id", "source_system"]
    ordering_fields = ["created_at", "top_score", "occurrences"]

    def get_queryset(self):
        items = selectors.review_queue_items(user=self.request.user)
        if self.action in ("retrieve", "link", "dismiss", "create_new", "assign"):
            return items.select_related("flow__crm_object", "flow__connection", "resolved_by")
        return items.select_related("resolved_by")

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ReviewItemSerializer
        return serializers.ReviewItemDetailSerializer

    def get_permissions(self):
        if self.action in ("link", "dismiss", "create_new"):
            return [HasCapability(VIEW_ITEM, RESOLVE, message="You may not resolve review items.")]
        if self.action == "assign":
            return [HasCapability(VIEW_ITEM, ASSIGN, message="You may not assign review items.")]
        if self.action == "bulk":  # checked before the body: a viewer learns nothing from validation errors
            return [
                HasCapability(VIEW_ITEM, message="You may not see review items."),
                HasCapability(
                    RESOLVE, ASSIGN, any_of=True, message="You may not resolve or assign review items."
                ),
            ]
        return super().get_permissions()

    def _item_response(self, item: ReviewItem) -> Response:
        fresh = self.get_queryset().get(pk=item.pk)
        return Response(serializers.ReviewItemDetailSerializer(fresh).data)

    @_decision_schema(
        "Link the record to a CRM record: stores a confirmed identity link and releases its held writes",
        request=serializers.LinkInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def link(self, request, pk=None):
        data = validated_input(serializers.LinkInputSerializer, request.data)
        item = self.get_object()
        services.review_item_resolve(item=item, crm_id=data["crm_id"], actor=request.user, note=data["note"])
        return self._item_response(item)

    @_decision_schema("Dismiss: nothing is written for this record", request=serializers.NoteInputSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        note = validated_input(serializers.NoteInputSerializer, request.data)["note"]
        item = self.get_object()
        services.review_item_dismiss(item=item, actor=request.user, note=note)
        return self._item_response(item)

    @_decision_schema(
        "Create the CRM record from the inbound payload through the flow's active mapping (only where the "
        "flow allows creates), link it and release the writes held for it; safe to repeat",
        request=serializers.NoteInputSerializer,
    )
    @action(detail=True, methods=["post"], url_path="create-new", url_name="create-new")
    def create_new(self, request, pk=None):
        note = validated_input(serializers.NoteInputSerializer, request.data)["note"]
        item = self.get_object()
        services.review_item_create_new(item=item, actor=request.user, note=note)
        return self._item_response(item)

    @_decision_schema("Assign the item (null unassigns)", request=serializers.AssignInputSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        assignee = validated_input(serializers.AssignInputSerializer, request.data)["assignee"]
        item = self.get_object()
        services.review_item_assign(item=item, assignee=assignee, actor=request.user)
        return self._item_response(item)

    @_decision_schema(
        "One action on many items, all or nothing (link_top skips items without a candidate and tied items)",
        request=serializers.BulkInputSerializer,
        response=serializers.BulkResultSerializer,
    )
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def bulk(self, request):
        data = validated_input(serializers.BulkInputSerializer, request.data)
        items = list(self.get_queryset().filter(pk__in=data["ids"]).order_by("pk"))
        unknown = sorted(set(data["ids"]) - {item.pk for item in items})
        if unknown:
            raise ApplicationError(f"No review items with ids {', '.join(map(str, unknown))}.")
        skipped, tied = [], []
        if data["action"] == "link_top":
            skipped = [item.pk for item in items if not item.candidates]
            items = [item for item in items if item.candidates]
            result = services.review_items_link_top_candidate(
                items=items, actor=request.user, note=data["note"]
            )
            tied = result.tied
            items = [item for item in items if item.pk in result.linked]
        elif data["action"] == "dismiss":
            services.review_items_dismiss(items=items, actor=request.user, note=data["note"])
        elif data["action"] == "create_new":
            services.review_items_create_new(items=items, actor=request.user, note=data["note"])
        else:
            services.review_items_assign(items=items, assignee=data["assignee"], actor=request.user)
        changed = [item.pk for item in items]
        return Response(
            {
                "action": data["action"],
                "count": len(changed),
                "ids": changed,
                "skipped": sorted([*skipped, *tied]),
                "skipped_ties": tied,
            }
        )


@extend_schema_view(
    list=extend_schema(summary="Identity links: (source, external id) -> CRM id, learned or confirmed"),
    retrieve=extend_schema(summary="One identity link"),
)
@extend_schema(tags=["identity links"])
class IdentityLinkViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = serializers.IdentityLinkSerializer
    filterset_class = filtersets.IdentityLinkFilterSet
    search_fields = ["external_id", "crm_id", "source_system"]
    ordering_fields = ["created_at", "updated_at", "external_id"]

    def get_queryset(self):
        return selectors.identity_links_search()

    @extend_schema(
        summary="Confirm a link by hand: the next record from that source's external id matches by key",
        request=serializers.IdentityLinkCreateInputSerializer,
        responses={
            201: serializers.IdentityLinkSerializer,
            400: OpenApiResponse(description="Invalid input, or a CRM id that is not a live record."),
            403: OpenApiResponse(description="Missing permission."),
        },
    )
    def create(self, request, *args, **kwargs):
        data = validated_input(serializers.IdentityLinkCreateInputSerializer, request.data)
        flow = data["flow"]
        with transaction.atomic():
            # Checks the target the way a review decision does: in the mirror, not deleted, merges followed.
            crm_id = services._live_target(flow, data["crm_id"].strip())
            link = services.identity_link_confirm(
                flow=flow,
                source_system=data["source_system"] or flow.source_system,
                external_id=data["external_id"].strip(),
                crm_id=crm_id,
                actor=request.user,
            )
        fresh = self.get_queryset().get(pk=link.pk)
        return Response(serializers.IdentityLinkSerializer(fresh).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Validation runs (stored dry runs of the resolver)"),
    retrieve=extend_schema(summary="One validation run with its examples"),
)
@extend_schema(tags=["validation runs"])
class ValidationRunViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_class = filtersets.ValidationRunFilterSet
    ordering_fields = ["created_at"]

    def get_queryset(self):
        runs = selectors.validation_runs_list()
        return runs.defer("examples") if self.action == "list" else runs

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ValidationRunSerializer
        return serializers.ValidationRunDetailSerializer


SEARCH_TERM = {"type": "string", "maxLength": selectors.MIRROR_SEARCH_MAX_LENGTH}
MIRROR_SEARCH_PARAMETERS = [
    OpenApiParameter("crm_id", SEARCH_TERM, description="Exact CRM record id"),
    OpenApiParameter("email", SEARCH_TERM, description="Email address (normalised before the lookup)"),
    OpenApiParameter("name", SEARCH_TERM, description="Words of the first or last name"),
    OpenApiParameter(
        "connection", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, description="Connection id"
    ),
    OpenApiParameter("object_name", SEARCH_TERM, description="CRM object name, e.g. contacts"),
]


@extend_schema_view(
    list=extend_schema(
        summary="Search the identifier mirror by CRM id, email or name (at least one is required)",
        parameters=MIRROR_SEARCH_PARAMETERS,
    ),
    retrieve=extend_schema(summary="One mirror record"),
)
@extend_schema(tags=["identity mirror"])
class MirrorRecordViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = MirrorRecord.objects.select_related("connection").order_by("object_name", "crm_id")
    serializer_class = serializers.MirrorRecordSerializer
    filter_backends = []

    def list(self, request, *args, **kwargs):
        params = request.query_params
        terms = {name: params.get(name, "").strip() for name in MIRROR_SEARCH_TERMS}
        if not any(terms.values()):
            raise ApplicationError("Search the mirror by crm_id, email or name.")
        longest = selectors.MIRROR_SEARCH_MAX_LENGTH
        if too_long := [
            name for name in (*MIRROR_SEARCH_TERMS, "object_name") if len(params.get(name, "")) > longest
        ]:
            raise ApplicationError(f"{', '.join(too_long)}: at most {longest} characters.")
        connection = params.get("connection", "")
        if connection and parse_id(connection) is None:
            raise ApplicationError("connection is a connection id.")
        records = selectors.mirror_records_search(
            connection_id=parse_id(connection) if connection else None,
            object_name=params.get("object_name", "").strip(),
            **terms,
        )
        page = self.paginate_queryset(records)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
