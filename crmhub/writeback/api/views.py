"""REST API of the write-back pipeline: integrations post outputs and read their outcomes back."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from crmhub.core.permissions import HasCapability
from crmhub.writeback import filtersets, selectors, services
from crmhub.writeback.api import serializers
from crmhub.writeback.models import InboundRecord, WriteOutcome
from mappings_app.models import Flow


class OutputsView(ListAPIView):
    """GET: the caller's inbound records (filterable). POST: a batch of up to 1,000 outputs -> 202."""

    serializer_class = serializers.InboundRecordSerializer
    filterset_class = filtersets.InboundRecordFilterSet

    def get_permissions(self):
        permission = (
            "writeback.add_inboundrecord" if self.request.method == "POST" else "writeback.view_inboundrecord"
        )
        return [HasCapability(permission)]

    def get_queryset(self):
        return selectors.inbound_list(user=self.request.user)

    @extend_schema(request=serializers.OutputsInSerializer, responses={202: serializers.OutputsOutSerializer})
    def post(self, request):
        envelope = serializers.OutputsInSerializer(data=request.data)
        envelope.is_valid(raise_exception=True)
        results = services.outputs_ingest(user=request.user, records=envelope.validated_data["records"])
        body = {
            "accepted": sum(r.outcome == "accepted" for r in results),
            "duplicates": sum(r.outcome == "duplicate" for r in results),
            "rejected": sum(r.outcome == "rejected" for r in results),
            "conflicts": sum(r.outcome == "conflict" for r in results),
            "results": [
                {
                    "index": r.index,
                    "id": r.record.pk,
                    "idempotency_key": r.record.idempotency_key,
                    "result": r.outcome,
                    "status": r.record.status,
                    "errors": r.errors,
                    "conflicts_with": r.conflicts_with.pk if r.conflicts_with else None,
                }
                for r in results
            ],
        }
        return Response(serializers.OutputsOutSerializer(body).data, status=status.HTTP_202_ACCEPTED)


class OutputDetailView(APIView):
    permission_classes = [HasCapability.of("writeback.view_inboundrecord")]

    @extend_schema(responses=serializers.InboundRecordDetailSerializer)
    def get(self, request, pk: int):
        try:
            record = selectors.inbound_detail(user=request.user, pk=pk)
        except InboundRecord.DoesNotExist:
            raise NotFound("No such record.") from None
        return Response(serializers.InboundRecordDetailSerializer(record).data)


class OutcomeListView(ListAPIView):
    serializer_class = serializers.WriteOutcomeSerializer
    permission_classes = [HasCapability.of("writeback.view_writeoutcome")]
    filterset_class = filtersets.WriteOutcomeFilterSet

    def get_queryset(self):
        return selectors.outcome_list(user=self.request.user)


class DeadLetterReplayView(APIView):
    """Replay dead letters: {"ids": [...]} (one or a selection) or {"all": true, "flow": id?}."""

    permission_classes = [HasCapability.of("writeback.change_writeoutcome")]

    @extend_schema(request=serializers.ReplayInSerializer, responses={200: serializers.ReplayOutSerializer})
    def post(self, request):
        data = serializers.ReplayInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data.get("all"):
            flow = None
            if data.validated_data.get("flow"):
                flow = Flow.objects.filter(pk=data.validated_data["flow"]).first()
                if flow is None:  # named in the body: invalid input, not a missing resource
                    raise ValidationError({"flow": ["No such flow."]})
            summary = services.dead_letters_replay_all(actor=request.user, flow=flow)
        else:
            outcomes = list(
                WriteOutcome.objects.filter(pk__in=data.validated_data["ids"]).only("pk", "flow_id")
            )
            summary = services.dead_letters_replay(outcomes=outcomes, actor=request.user)
        return Response({"replayed": summary.replayed, "refused": summary.refused})
