"""core.api.negotiation: an unsupported ?format= is named, not reported as a missing record."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.mark.django_db
def test_a_format_the_api_does_not_serve_is_named_not_reported_as_a_missing_record():
    response = APIClient().get("/api/v1/public/penalties/", {"format": "xml"})
    served = APIClient().get("/api/v1/public/penalties/", {"format": "json"})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "api.format_not_supported"
    assert "“xml”" in response.json()["error"]["message"] and "json" in response.json()["error"]["message"]
    assert served.status_code == 200
