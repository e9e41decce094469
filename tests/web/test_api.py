"""The desk's behaviour over HTTP: logins, sessions, CSRF, tokens, errors, pages, inert text."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PASSWORD, make_clients, settings
from tollwatch.ledger import accounts
from tollwatch.web import create_app
from tollwatch.web.auth import SESSION_COOKIE


def _login(http: TestClient, name: str, password: str, *, next_url: str = "/incidents"):
    form = http.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text)[1]
    return http.post(
        "/login",
        data={"name": name, "password": password, "login_token": token, "next": next_url},
        follow_redirects=False,
    )


def test_logging_in_gives_a_signed_session_and_logging_out_ends_it(sqlite_desk):
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings()))
    answer = _login(http, "reviewer", PASSWORD, next_url="/queue")
    assert (answer.status_code, answer.headers["location"]) == (303, "/queue")
    cookie = answer.cookies[SESSION_COOKIE]
    assert "reviewer" not in cookie  # signed ids, not names or roles in the clear
    assert "httponly" in answer.headers["set-cookie"].lower()
    assert "samesite=lax" in answer.headers["set-cookie"].lower()
    me = http.get("/api/me").json()
    assert me["user"]["name"] == "reviewer" and me["via"] == "session"
    page = http.get("/incidents")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
    assert (
        http.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    )
    assert http.get("/api/me").status_code == 401


def test_a_tampered_or_foreign_cookie_is_no_session(sqlite_desk):
    app = create_app(store=sqlite_desk.store, settings=settings())
    value, _ = app.state.desk.sessions.make(sqlite_desk.users["admin"])
    http = TestClient(app)
    http.cookies.set(SESSION_COOKIE, value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1])
    assert http.get("/api/me").status_code == 401
    other = create_app(store=sqlite_desk.store, settings=settings(secret_key="x" * 40))
    foreign = TestClient(other)
    foreign.cookies.set(SESSION_COOKIE, value)
    assert foreign.get("/api/me").status_code == 401


def test_wrong_passwords_are_limited_per_name(sqlite_desk):
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings(login_attempts=3)))
    for _ in range(3):
        answer = _login(http, "viewer", "not the password")
        assert answer.headers["location"].startswith("/login?next=%2Fincidents&err=wrong+name")
    answer = _login(http, "viewer", PASSWORD)  # even the right password waits now
    assert answer.status_code == 429
    assert int(answer.headers["retry-after"]) > 0
    assert "too many failed logins" in answer.text


def test_the_login_form_needs_its_own_token(sqlite_desk):
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings()))
    answer = http.post(
        "/login",
        data={"name": "admin", "password": PASSWORD, "login_token": "forged"},
        follow_redirects=False,
    )
    assert "err=the+login+form+expired" in answer.headers["location"]
    assert SESSION_COOKIE not in answer.cookies


def test_a_session_write_without_its_csrf_token_is_refused(sqlite_desk):
    reviewer = make_clients(sqlite_desk)["reviewer"]
    claim = sqlite_desk.claims["d1"]
    answer = reviewer.http.post(f"/api/claims/{claim}/review", json={"action": "accept"})
    assert answer.status_code == 403
    assert answer.json() == {
        "error": {
            "type": "ForbiddenError",
            "message": "the form's CSRF token is missing or out of date; reload the page",
            "status": 403,
        }
    }
    form = reviewer.http.post(
        f"/claims/{claim}/review", data={"action": "accept", "csrf_token": "stale"}
    )
    assert form.status_code == 403 and "CSRF token" in form.text


def test_api_tokens_work_for_scripts_without_csrf(sqlite_desk):
    token, _ = accounts.create_token(sqlite_desk.store, "reviewer", label="script")
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings()))
    auth = {"Authorization": f"Bearer {token}"}
    claim = sqlite_desk.claims["d1"]
    answer = http.post(
        f"/api/claims/{claim}/review",
        json={"action": "correct", "changes": {"value": 8}, "note": "recount"},
        headers=auth,
    )
    assert answer.status_code == 200
    assert answer.json()["reviews"][0]["after"]["value"] == 8
    bad = http.get("/api/incidents", headers={"Authorization": "Bearer tw_nope"})
    assert bad.status_code == 401 and bad.json()["error"]["message"] == "the API token is not valid"
    basic = http.get("/api/incidents", headers={"Authorization": "Basic abc"})
    assert (
        basic.json()["error"]["message"] == "the Authorization header must be 'Bearer <API token>'"
    )


def test_reading_without_login_is_a_setting_off_by_default(sqlite_desk):
    closed = TestClient(create_app(store=sqlite_desk.store, settings=settings()))
    assert closed.get("/api/incidents").status_code == 401
    public = TestClient(create_app(store=sqlite_desk.store, settings=settings(public_read=True)))
    assert public.get("/api/incidents").status_code == 200
    assert public.get("/incidents").status_code == 200
    claim = sqlite_desk.claims["d1"]
    assert public.post(f"/api/claims/{claim}/review", json={"action": "accept"}).status_code == 401
    assert public.get("/api/users").status_code == 401


def test_every_error_has_one_json_shape(sqlite_desk):
    viewer = make_clients(sqlite_desk)["viewer"].http
    cases = {
        "/api/incidents/inc-nope": (404, "NotFoundError", "no incident 'inc-nope' in the ledger"),
        "/api/incidents?since=2017-13-01": (422, "ValidationError", "query.since"),
        "/api/incidents?country=Narnia": (
            400,
            "InputError",
            "country 'Narnia' names no country: give an ISO code (SY, SYR) or a name (Syria)",
        ),
        "/api/incidents?country=" + "x" * 101: (422, "ValidationError", "query.country"),
        "/api/incidents?since=2017-05-01&until=2017-04-01": (
            400,
            "InputError",
            "since 2017-05-01 is after until 2017-04-01",
        ),
        "/api/incidents?page=0": (422, "ValidationError", "query.page"),
        "/api/incidents?rule=median": (422, "ValidationError", "query.rule"),
        "/api/nothing-here": (404, "HTTPError", "nothing at /api/nothing-here"),
        "/api/reports/sha256:0000": (404, "NotFoundError", "no report 'sha256:0000'"),
    }
    for path, (status, kind, text) in cases.items():
        answer = viewer.get(path)
        body = answer.json()
        assert answer.status_code == status, path
        assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "status"}
        assert (body["error"]["type"], body["error"]["status"]) == (kind, status), path
        assert text in body["error"]["message"], path


def test_the_incidents_api_filters_and_paginates(sqlite_desk):
    viewer = make_clients(sqlite_desk)["viewer"].http
    everything = viewer.get("/api/incidents").json()
    assert everything["total"] == len(everything["items"]) >= 4
    dates = [i["date"]["start"] for i in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    first = viewer.get("/api/incidents?per_page=2").json()
    second = viewer.get("/api/incidents?per_page=2&page=2").json()
    assert (first["pages"], len(first["items"])) == (-(-everything["total"] // 2), 2)
    assert [i["id"] for i in first["items"] + second["items"]] == [
        i["id"] for i in everything["items"][:4]
    ]
    iraq = viewer.get("/api/incidents?country=iq").json()
    assert [i["place"]["name"] for i in iraq["items"]] == ["Mosul"]
    assert iraq["filter"]["country"] == "IQ"  # what the words were taken to mean
    typed = viewer.get("/api/incidents", params={"type": "suicide bomb"}).json()
    assert [i["place"]["name"] for i in typed["items"]] == ["Mosul"]
    dated = viewer.get("/api/incidents?since=2017-05-01").json()
    assert {i["place"]["name"] for i in dated["items"]} == {"Douma", "Saraqib"}
    assert viewer.get("/api/incidents?reviewed=yes").json()["total"] == 0
    assert viewer.get("/api/incidents?grade=contested").json()["total"] == 0


def test_a_review_through_the_api_changes_what_every_reader_sees(sqlite_desk):
    clients = make_clients(sqlite_desk)
    reviewer, viewer = clients["reviewer"], clients["viewer"]
    incident = sqlite_desk.incidents["d1"]
    claim = sqlite_desk.claims["d1"]
    answer = reviewer.http.post(
        f"/api/claims/{claim}/review",
        json={"action": "correct", "changes": {"value": 11, "claimant": "Douma medics"}},
        headers={"X-CSRF-Token": reviewer.csrf},
    )
    assert answer.status_code == 200
    detail = viewer.http.get(f"/api/incidents/{incident}").json()
    assert detail["estimates"]["killed"]["best"] == 11
    assert detail["estimates_by_rule"]["conservative"]["killed"]["best"] == 11
    (c,) = detail["claims"]
    assert (c["value"], c["claimant"], c["review"], c["reviewed_by"]) == (
        11,
        "Douma medics",
        "corrected",
        "reviewer",
    )
    assert c["machine"] == {"value": 7, "low": 7, "high": 7, "claimant": None}
    assert detail["reviewed"] is True
    assert [r["action"] for r in detail["reviews"]] == ["correct"]
    assert viewer.http.get("/api/incidents?reviewed=yes").json()["total"] == 1


def test_report_text_is_escaped_and_the_policy_forbids_inline_script(sqlite_desk):
    viewer = make_clients(sqlite_desk)["viewer"].http
    incident = sqlite_desk.incidents["evil"]
    detail = viewer.get(f"/api/incidents/{incident}").json()
    report_id = detail["claims"][0]["report_id"]
    for path in (f"/reports/{report_id}", f"/incidents/{incident}", "/incidents", "/queue"):
        page = viewer.get(path)
        assert page.status_code == 200, path
        assert "<script>document.title" not in page.text, path
        assert "<img src=x" not in page.text, path
        assert '<b onmouseover="alert(1)">' not in page.text, path
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert re.search(r"<script(?![^>]*\bsrc=)", page.text) is None, path  # no inline script
        assert " style=" not in page.text, path
    report = viewer.get(f"/reports/{report_id}").text
    assert "&lt;script&gt;document.title=&#34;pwned&#34;&lt;/script&gt;" in report
    assert "&lt;b onmouseover=&#34;alert(1)&#34;&gt;Saraqib&lt;/b&gt;" in report
    api = viewer.get(f"/api/reports/{report_id}").json()
    assert "".join(p["text"] for p in api["pieces"]) == api["report"]["text"]
    assert any(p["claims"] for p in api["pieces"])


def test_pages_name_their_json_twin(sqlite_desk):
    admin = make_clients(sqlite_desk)["admin"].http  # the users page is for admins
    incident = sqlite_desk.incidents["d1"]
    report = admin.get(f"/api/incidents/{incident}").json()["claims"][0]["report_id"]
    for page, twin in (
        ("/incidents?country=SY", "/api/incidents?country=SY"),
        (f"/incidents/{incident}", f"/api/incidents/{incident}"),
        (f"/reports/{report}", f"/api/reports/{report}"),
        ("/queue", "/api/queue"),
        ("/users", "/api/users"),
    ):
        html = admin.get(page).text
        assert f'href="{twin}" rel="alternate" type="application/json"' in html, page
        assert admin.get(twin).status_code == 200, twin


def test_openapi_documents_the_api_only(sqlite_desk):
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings()))
    doc = http.get("/openapi.json").json()
    assert "/api/incidents" in doc["paths"]
    assert all(path.startswith("/api/") for path in doc["paths"])
    assert "401" in doc["paths"]["/api/incidents"]["get"]["responses"]


def test_static_files_and_vendored_licences_ship(sqlite_desk):
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings()))
    for path in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/LICENSE",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/vendor/markercluster/LICENSE",
        "/static/vendor/topojson/topojson-client.min.js",
        "/static/vendor/world-atlas/countries-50m.json",
        "/static/vendor/world-atlas/LICENSE",
        "/static/overview.js",
        "/static/desk.js",
    ):
        assert http.get(path).status_code == 200, path


@pytest.mark.parametrize(
    ("tile_url", "origin"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "https://*.tiles.example.org"),
    ],
)
def test_a_configured_tile_server_is_the_only_other_image_origin(sqlite_desk, tile_url, origin):
    http = TestClient(create_app(store=sqlite_desk.store, settings=settings(tile_url=tile_url)))
    policy = http.get("/login").headers["content-security-policy"]
    assert f"img-src 'self' data: {origin};" in policy


def test_the_incident_page_names_its_reports_not_their_hashes(sqlite_desk):
    viewer = make_clients(sqlite_desk)["viewer"].http
    page = viewer.get(f"/incidents/{sqlite_desk.incidents['d1']}").text
    sources = page.split('<ul class="sources">', 1)[1].split("</ul>", 1)[0]
    # an untitled report is named by its document id, as `show` names it
    assert re.search(r'<a href="/reports/sha256:[0-9a-f]+">d1</a>', sources), sources


def test_the_correction_form_corrects_the_incident_through_its_claim(sqlite_desk):
    reviewer = make_clients(sqlite_desk)["reviewer"]
    incident, claim = sqlite_desk.incidents["d1"], sqlite_desk.claims["d1"]
    page = reviewer.http.get(f"/incidents/{incident}").text
    for field in ("place_name", "place_admin1", "date_start", "sub_event_type", "perp_actor"):
        assert f'name="{field}"' in page, field  # the form a reviewer fills has each field
    answer = reviewer.http.post(
        f"/claims/{claim}/review",
        data={
            "csrf_token": reviewer.csrf,
            "next": f"/incidents/{incident}",
            "action": "correct",
            "claimant": "Douma medical office",
            "place_name": "Harasta",
            "place_admin1": "Rif Dimashq",
            "place_country": "SY",
            "date_start": "2017-05-04",
            "date_end": "",
            "sub_event_type": "Air/drone strike",
            "perp_actor": "Russian jets",
            "perp_alleged_by": "Douma medical office",
            "value": "",
            "note": "the medical office's statement",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(f"/incidents/{incident}?msg=claim+corrected")
    detail = reviewer.http.get(f"/api/incidents/{incident}").json()
    assert (detail["place"]["name"], detail["place"]["admin1"]) == ("Harasta", "Rif Dimashq")
    assert (detail["date"]["start"], detail["sub_event_type"]) == ("2017-05-04", "Air/drone strike")
    assert [(p["actor"], p["alleged_by"]) for p in detail["perpetrators"]] == [
        ("Russian jets", "Douma medical office")
    ]
    (c,) = detail["claims"]
    assert (c["claimant"], c["value"], c["review"]) == ("Douma medical office", 7, "corrected")


def test_the_filters_take_country_names_and_province_spellings(sqlite_desk):
    viewer = make_clients(sqlite_desk)["viewer"].http

    def places(query: str) -> list[str]:
        answer = viewer.get(f"/api/incidents?{query}").json()
        return sorted(i["place"]["name"] for i in answer["items"])

    assert places("country=Iraq") == places("country=IQ") == places("country=irq") == ["Mosul"]
    assert places("country=Syria") == places("country=SY")
    assert viewer.get("/api/incidents?country=Syria").json()["filter"]["country"] == "SY"
    # the ledger's spelling, what the list's index holds, and spellings the gazetteer knows
    idlib = places("admin1=Idlib")
    assert idlib == ["Ariha", "Ariha", "Saraqib"]
    assert places("admin1=idlib") == places("admin1=Idleb") == idlib
    assert places("admin1=Ninawa&country=Iraq") == ["Mosul"]
    assert places("admin1=Ninawa&country=Syria") == []  # Nineveh is not Syria's
    assert places("admin1=Atlantis") == []
    # The page, its map and timeline read the same words.
    page = viewer.get("/incidents?country=Syria&admin1=Idleb")
    assert page.status_code == 200 and "3 match" in page.text
    marks = viewer.get("/api/map?country=Syria&admin1=Idleb").json()
    assert len(marks["features"]) == 3
    assert viewer.get("/incidents?country=Narnia").status_code == 400
