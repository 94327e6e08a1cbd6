"""Mounted at /api/v1/legal/ by fazhi.urls."""

from django.urls import path

from fazhi.legal.api import views

urlpatterns = [
    path("sources/", views.LegalSourceListApi.as_view(), name="legal-source-list"),
    path("sources/<int:source_id>/", views.LegalSourceDetailApi.as_view(), name="legal-source-detail"),
    path("articles/", views.LegalArticleSearchApi.as_view(), name="legal-article-search"),
    path("articles/resolve/", views.LegalCitationResolveApi.as_view(), name="legal-citation-resolve"),
]
