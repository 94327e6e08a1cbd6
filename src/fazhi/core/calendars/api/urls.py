from django.urls import path

from fazhi.core.calendars.api import views

urlpatterns = [path("days/", views.CalendarDayListApi.as_view(), name="calendar-days")]
