"""REST API: metric points, current values on demand, alerts (acknowledge) and alert rules (thresholds)."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView, RetrieveUpdateAPIView
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from mappings_app.models import Flow
from monitoring_app import selectors, services
from monitoring_app.api import serializers
from monitoring_app.models import Alert, AlertRule, MetricPoint


def _has(permission: str):
    class HasPermission(BasePermission):
        message = f"You need the {permission} permission."

        def has_permission(self, request, view) -> bool:
            return bool(request.user and request.user.is_authenticated and request.user.has_perm(permission))

    return HasPermission


def _moment(request, name: str):
    raw = request.query_params.get(name)
    if not raw:
        return None
    moment = parse_datetime(raw)
    if moment is None:
        raise ValidationError({name: "An ISO 8601 date-time is expected."})
    return moment


POINT_FILTERS = [
    OpenApiParameter(name, type, description=description)
    for name, type, description in (
        ("metric", str, "Metric name."),
        ("scope", str, "connection, object, flow or field."),
        ("flow", int, "Flow id."),
        ("connection", int, "Connection id."),
        ("field_name", str, "CRM field name."),
        ("since", OpenApiTypes.DATETIME, "Buckets from this time."),
        ("until", OpenApiTypes.DATETIME, "Buckets before this time."),
    )
]


class MetricPointListView(ListAPIView):
    """Pre-aggregated hourly points, oldest first."""

    serializer_class = serializers.MetricPointSerializer
    permission_classes = [IsAuthenticated, _has("monitoring_app.view_metricpoint")]

    @extend_schema(parameters=POINT_FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        queryset = MetricPoint.objects.order_by("bucket_start", "id")
        for name in ("metric", "scope", "field_name"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        for name in ("flow", "connection"):
            if params.get(name):
                if not params[name].isdigit():
                    raise ValidationError({name: "An id is expected."})
                queryset = queryset.filter(**{f"{name}_id": int(params[name])})
        if since := _moment(self.request, "since"):
            queryset = queryset.filter(bucket_start__gte=since)
        if until := _moment(self.request, "until"):
            queryset = queryset.filter(bucket_start__lt=until)
        return queryset


class CurrentMetricsView(GenericAPIView):
    """The metrics of one flow (and its connection) computed now, not from the stored series."""

    serializer_class = serializers.CurrentMeasurementSerializer
    permission_classes = [IsAuthenticated, _has("monitoring_app.view_metricpoint")]
    pagination_class = None
    queryset = MetricPoint.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("flow", int, required=True, description="Flow id.")],
        responses=serializers.CurrentMeasurementSerializer(many=True),
    )
    def get(self, request):
        flow_id = request.query_params.get("flow", "")
        if not flow_id.isdigit():
            raise ValidationError({"flow": "A flow id is required."})
        flows = list(Flow.objects.select_related("crm_object").filter(pk=int(flow_id)))
        if not flows:
            raise ValidationError({"flow": "No such flow."})
        measurements = selectors.measurements_now(now=timezone.now(), flows=flows)
        return Response(self.get_serializer([m.__dict__ for m in measurements], many=True).data)


class AlertListView(ListAPIView):
    serializer_class = serializers.AlertSerializer
    permission_classes = [IsAuthenticated, _has("monitoring_app.view_alert")]

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, description="open, acknowledged or resolved."),
            OpenApiParameter("kind", str, description="Alert kind."),
            OpenApiParameter("flow", int, description="Flow id."),
            OpenApiParameter("connection", int, description="Connection id."),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        filters = {
            name: params[name] for name in ("status", "kind", "flow", "connection") if params.get(name)
        }
        for name in ("flow", "connection"):
            if name in filters and not filters[name].isdigit():
                raise ValidationError({name: "An id is expected."})
        return selectors.alerts_list(filters=filters)


class AlertDetailView(RetrieveAPIView):
    serializer_class = serializers.AlertSerializer
    permission_classes = [IsAuthenticated, _has("monitoring_app.view_alert")]
    queryset = Alert.objects.all()


class AlertAcknowledgeView(GenericAPIView):
    """open -> acknowledged (409 when the alert is not open)."""

    serializer_class = serializers.AlertSerializer
    permission_classes = [IsAuthenticated, _has(services.ACKNOWLEDGE_PERMISSION)]
    queryset = Alert.objects.all()

    @extend_schema(request=None, responses=serializers.AlertSerializer)
    def post(self, request, pk: int):
        alert = services.alert_acknowledge(alert=self.get_object(), actor=request.user)
        return Response(self.get_serializer(alert).data)


class AlertRuleListView(ListAPIView):
    serializer_class = serializers.AlertRuleSerializer
    permission_classes = [IsAuthenticated, _has("monitoring_app.view_alertrule")]
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
        return [IsAuthenticated(), _has(permission)()]

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
