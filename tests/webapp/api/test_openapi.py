"""The OpenAPI description at /api/openapi.json is kept true by fuzzing the running app with it.

Schemathesis draws requests from the description (valid ones, then invalid ones) and sends
them to the app served by waitress on SQLite and on PostgreSQL: no answer may be a 5xx, and
every answer must have a status, a content type and a body the description allows. A fixed,
derandomized number of examples per operation keeps the run short and the same each time.
"""

from __future__ import annotations

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from webapp.api.openapi import description

EXAMPLES = 6
"""Examples drawn per operation and mode (valid, invalid): about 30 s per database."""

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_description_is_served_and_lists_every_api_route(app, client):
    served = client.get("/api/openapi.json")
    assert served.status_code == 200 and served.json == description()
    assert served.json["openapi"].startswith("3.")
    routes = {
        rule.rule.replace("<id:attempt_id>", "{quiz_id}").replace("<path:card_id>", "{card_id}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and rule.rule != "/api/openapi.json"
    }
    assert routes == set(served.json["paths"])


def _fuzz(operation, mode: GenerationMode, base: str, session: requests.Session, token: str):
    failures: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def send(case) -> None:
        response = case.call(base_url=base, session=session, headers={"X-CSRF-Token": token})
        try:
            case.validate_response(response, checks=CHECKS)
        except AssertionError as failure:  # every failing example is listed, not just the first
            failures.append(f"{operation.label} ({mode.value}): {failure}"[:1500])

    send()
    return failures


def test_fuzzed_requests_get_answers_the_description_allows(live_url, quizzer):
    quizzer.made(count=3, seed=1)  # a quiz and a review exist, so some drawn ids are real
    quizzer.reviewer.rate(3)
    schema = schemathesis.openapi.from_url(f"{live_url}/api/openapi.json")
    session = requests.Session()
    token = session.get(f"{live_url}/api/csrf", timeout=10).json()["csrf_token"]
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            failures += _fuzz(operation, mode, live_url, session, token)
    assert failures == []
