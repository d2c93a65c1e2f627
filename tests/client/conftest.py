"""Fixtures of the generated-client tests, run by scripts/client-test.sh.

The script starts the server, fetches its document, generates the
`innovaction_client` package from it and puts it on PYTHONPATH, then passes
the server's address, the document and the administrator it created in the
environment.
"""

import json
import os

import pytest
from innovaction_client import AuthenticatedClient, Client
from innovaction_client.api.auth import sign_in
from innovaction_client.models import LoginRequest, TokenResponse


def _setting(name):
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run these tests with scripts/client-test.sh", returncode=2)
    return value


@pytest.fixture(scope="session")
def document():
    with open(_setting("CLIENT_TEST_DOCUMENT"), encoding="utf-8") as file:
        return json.load(file)


@pytest.fixture(scope="session")
def base_url():
    return _setting("CLIENT_TEST_BASE_URL")


@pytest.fixture(scope="session")
def client(base_url):
    """The administrator, signed in through the generated client."""
    anonymous = Client(base_url=base_url, timeout=30)
    response = sign_in.sync_detailed(
        client=anonymous,
        body=LoginRequest(email=_setting("CLIENT_TEST_EMAIL"), password=_setting("CLIENT_TEST_PASSWORD")),
    )
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, TokenResponse)
    assert response.parsed.token_type == "Bearer"
    with AuthenticatedClient(base_url=base_url, token=response.parsed.access_token, timeout=30) as signed_in:
        yield signed_in
