"""Schemathesis against the desk's OpenAPI document, on a small ledger.

Every operation of ``/openapi.json`` gets generated requests (valid and invalid ones), sent
with a reviewer's API token, and every answer is checked: no server error, a documented
status code and content type, a body that fits the documented schema (errors included), and
invalid input refused. The examples are bounded and derandomized so CI runs the same
requests every time, in well under a minute a store. It runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

from tests.web.conftest import _copy
from tests.web.conftest import settings as desk_settings
from tollwatch.ledger import accounts
from tollwatch.web import create_app

MAX_EXAMPLES = 20
# Well-formed requests the ledger cannot carry out (merge an incident with itself, since after
# until, a claim moved to an incident that is not active) answer 400 with the error shape.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def token_and_app(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, object]]:
    """The desk over a copy of the small ledger, on SQLite, then on PostgreSQL."""
    template = request.getfixturevalue(
        f"{'sqlite' if request.param == 'sqlite' else 'pg'}_template"
    )
    for desk in _copy(template, tmp_path_factory.mktemp("schemathesis")):
        token, _ = accounts.create_token(desk.store, "reviewer", label="schemathesis")
        yield token, create_app(store=desk.store, settings=desk_settings())


def test_the_api_keeps_its_documented_promises(token_and_app):
    token, app = token_and_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)
    headers = {"Authorization": f"Bearer {token}"}
    failures: dict[str, str] = {}
    calls: list[str] = []
    operations = []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            calls.append(case.operation.label)
            case.call_and_validate(headers=headers)

        try:
            check()
        except BaseException as exc:  # noqa: BLE001 - collected: every operation gets its run
            failures[operation.label] = f"{type(exc).__name__}: {exc}"[:2000]
    assert len(operations) >= 15
    assert failures == {}
    assert set(calls) == set(operations)  # every operation was called
