"""REST API: metric points, current values on demand, alerts (acknowledge) and alert rules (thresholds)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView, RetrieveUpdateAPIView
from rest_framework.response import Response

from crmhub.core.filtersets import parse_id
from crmhub.core.permissions import HasCapability
from mappings_app.models import Flow
from monitoring_app import filtersets, selectors, services
from monitoring_app.api import serializers
from monitoring_app.models import Alert, AlertRule, MetricPoint


class MetricPointListView(ListAPIView):
    """Pre-aggregated hourly points, oldest first."""

    serializer_class = serializers.MetricPointSerializer
    permission_classes = [HasCapability.of("monitoring_app.view_metricpoint")]
    filterset_class = filtersets.MetricPointFilterSet
    queryset = MetricPoint.objects.order_by("bucket_start", "id")


class CurrentMetricsView(GenericAPIView):
    """The metrics of one flow (and its connection) computed now, not from the stored series."""

    serializer_class = serializers.CurrentMeasurementSerializer
    permission_classes = [HasCapability.of("monitoring_app.view_metricpoint")]
    pagination_class = None
    queryset = MetricPoint.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("flow", int, required=True, description="Flow id.")],
        responses=serializers.CurrentMeasurementSerializer(many=True),
    )
    def get(self, request):
        flow_id = parse_id(request.query_params.get("flow", ""))
        if flow_id is None:
            raise ValidationError({"flow": "A flow id is required."})
        flows = list(Flow.objects.select_related("crm_object").filter(pk=flow_id))
        if not flows:
            raise ValidationError({"flow": "No such flow."})
        measurements = selectors.measurements_now(now=timezone.now(), flows=flows)
        return Response(self.get_serializer([m.__dict__ for m in measurements], many=True).data)


class AlertListView(ListAPIView):
    serializer_class = serializers.AlertSerializer
    permission_classes = [HasCapability.of("monitoring_app.view_alert")]
    filterset_class = filtersets.AlertFilterSet

    def get_queryset(self):
        return selectors.alerts_list()


class AlertDetailView(RetrieveAPIView):
    serializer_class = serializers.AlertSerializer
    permission_classes = [HasCapability.of("monitoring_app.view_alert")]
    queryset = Alert.objects.all()


class AlertAcknowledgeView(GenericAPIView):
    """open -> acknowledged (409 when the alert is not open)."""

    serializer_class = serializers.AlertSerializer
    permission_classes = [HasCapability.of(services.ACKNOWLEDGE_PERMISSION)]
    queryset = Alert.objects.all()

    @extend_schema(request=None, responses=serializers.AlertSerializer)
    def post(self, request, pk: int):
        alert = services.alert_acknowledge(alert=self.get_object(), actor=request.user)
        return Response(self.get_serializer(alert).data)


class AlertRuleListView(ListAPIView):
    serializer_class = serializers.AlertRuleSerializer
    permission_classes = [HasCapability.of("monitoring_app.view_alertrule")]
    queryset = AlertRule.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AlertRule.objects.none()
        services.alert_rules_ensure_defaults()
        return selectors.rules_list()


class AlertRuleDetailView(RetrieveUpdateAPIView):
    """GET a rule; PATCH/PUT its threshold, minimum sample size or enabled flag."""

    serializer_class = serializers.AlertRuleSerializer
    queryset = AlertRule.objects.all()
    http_method_names = ["get", "put", "patch", "head", "options"]

    def get_permissions(self):
        permission = (
            "monitoring_app.view_alertrule"
            if self.request.method in ("GET", "HEAD", "OPTIONS")
            else services.RULE_PERMISSION
        )
        return [HasCapability(permission)]

    def perform_update(self, serializer):
        rule = serializer.instance
        data = serializer.validated_data
        serializer.instance = services.alert_rule_update(
            rule=rule,
            actor=self.request.user,
            threshold=data.get("threshold", rule.threshold),
            enabled=data.get("enabled", rule.enabled),
            min_sample_size=data.get("min_sample_size", rule.min_sample_size),
        )
