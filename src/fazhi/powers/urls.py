"""Pages of the power and check lists (namespace "powers"), mounted at /powers/ by fazhi.urls."""

from django.urls import path

from fazhi.powers import views

app_name = "powers"

urlpatterns = [
    path("", views.power_item_list_view, name="item_list"),
    path("items/<str:code>/", views.power_item_detail_view, name="item_detail"),
    path("check-items/", views.check_item_list_view, name="check_list"),
    path("check-items/<str:code>/", views.check_item_detail_view, name="check_detail"),
    path("flexible/", views.flexible_measure_list_view, name="flexible_list"),
    path("import/", views.list_import_view, name="import"),
    path("export/<str:kind>.<str:file_format>", views.list_export_view, name="export"),
]
