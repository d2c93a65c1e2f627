"""Signs scripts/api-fuzz.sh's run in as its administrator.

Access tokens last at most 15 minutes, so a long run signs in again every
ten minutes rather than sending one fixed header. The run may well have
reset this very account's password by then (the administrator can reset
anyone's, its own included): the token still valid puts the run's password
back before signing in again.
"""

import json
import os
import time
import urllib.error
import urllib.request

import schemathesis

BASE_URL = os.environ["API_FUZZ_BASE_URL"]
EMAIL = os.environ["API_FUZZ_EMAIL"]
PASSWORD = os.environ["API_FUZZ_PASSWORD"]


def _call(method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        BASE_URL + path,
        data=None if body is None else json.dumps(body).encode(),
        headers=headers,
        method=method,
    )
    for _ in range(10):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            if error.code not in (429, 503):
                raise
            time.sleep(int(error.headers.get("Retry-After", "1")))
    raise RuntimeError(f"{method} {path} kept being refused for now")


def _login():
    return _call("POST", "/api/v1/auth/login", {"email": EMAIL, "password": PASSWORD})["access_token"]


@schemathesis.auth(refresh_interval=600)
class AdminToken:
    def __init__(self):
        self.token = None

    def get(self, case, ctx):
        try:
            self.token = _login()
        except urllib.error.HTTPError as error:
            if error.code != 401 or self.token is None:
                raise
            me = _call("GET", "/api/v1/me", token=self.token)
            _call("POST", f"/api/v1/users/{me['id']}/password", {"password": PASSWORD}, self.token)
            self.token = _login()
        return self.token

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
