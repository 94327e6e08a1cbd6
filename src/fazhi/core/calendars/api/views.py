"""Public read of the working-day calendar for a year: every holiday and make-up working day."""

from __future__ import annotations

from datetime import date, timedelta

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fazhi.core.api.fields import DateField
from fazhi.core.calendars.selectors import working_calendar


class CalendarDayOutputSerializer(serializers.Serializer):
    date = DateField(label="日期")
    kind = serializers.CharField(label="类型")  # holiday / workday (调休上班)
    name = serializers.CharField(label="名称")


class CalendarYearInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(label="年度", min_value=2004, max_value=2100)


class CalendarDayListApi(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("year", int, required=True, description="年度")],
        responses={200: CalendarDayOutputSerializer(many=True)},
        summary="某年的节假日与调休上班日",
    )
    def get(self, request: Request) -> Response:
        data = CalendarYearInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        year = data.validated_data["year"]
        calendar = working_calendar()
        rows = []
        day = date(year, 1, 1)
        while day.year == year:
            if calendar.holiday_name(day) and not calendar.is_working_day(day):
                rows.append({"date": day, "kind": "holiday", "name": calendar.holiday_name(day)})
            elif calendar.is_makeup_working_day(day):
                rows.append({"date": day, "kind": "workday", "name": "调休上班"})
            day += timedelta(days=1)
        return Response(CalendarDayOutputSerializer(rows, many=True).data)
