"""``tollwatch gazetteer build|import|search|info``: the offline gazetteer."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tollwatch.errors import ConfigError
from tollwatch.extract.gazetteer import Gazetteer, build_default
from tollwatch.extract.gazetteer.store import refuse_foreign


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``gazetteer`` command and its subcommands."""
    parser = subparsers.add_parser(
        "gazetteer", help="build, extend and search the offline gazetteer"
    )
    parser.add_argument(
        "--gazetteer",
        metavar="PATH",
        help="gazetteer file (default: TOLLWATCH_GAZETTEER or the data folder)",
    )
    sub = parser.add_subparsers(dest="gazetteer_command", metavar="SUBCOMMAND")

    build = sub.add_parser("build", help="build the embedded default (GeoNames cities 500+)")
    build.set_defaults(func=_build)

    imp = sub.add_parser("import", help="add places from a GeoNames dump or a CSV list")
    imp_sub = imp.add_subparsers(dest="import_format", metavar="FORMAT")
    geo = imp_sub.add_parser(
        "geonames", help="a GeoNames dump: SY.txt, allCountries.txt, cities500.txt"
    )
    geo.add_argument("file", type=Path)
    geo.add_argument("--admin1", type=Path, metavar="FILE", help="admin1CodesASCII.txt")
    geo.add_argument("--admin2", type=Path, metavar="FILE", help="admin2Codes.txt")
    geo.set_defaults(func=_import_geonames)
    csv_p = imp_sub.add_parser(
        "csv",
        help="your own list: name, alternate_names, lat, lon, admin1, admin2, country, kind",
    )
    csv_p.add_argument("file", type=Path)
    csv_p.add_argument(
        "--columns",
        metavar="MAP",
        help="field=column pairs, e.g. name=name_en,alternate_names=name_ar,id=pcode",
    )
    csv_p.add_argument("--admin1", help="admin1 of every row that gives none")
    csv_p.add_argument("--admin2", help="admin2 of every row that gives none")
    csv_p.add_argument("--country", help="country (ISO code or name) of rows that give none")
    csv_p.add_argument("--parent", help="the place the rows lie in, e.g. a city")
    csv_p.add_argument("--kind", help="kind of rows that give none (neighbourhood, village...)")
    csv_p.add_argument("--delimiter", help="column separator (default: guessed)")
    csv_p.set_defaults(func=_import_csv)

    search = sub.add_parser("search", help="what a name resolves to, and why")
    search.add_argument("name")
    search.add_argument("--country", help="the report's country (ISO2) for the ranking")
    search.add_argument("--admin1", help="an admin1 named beside the name")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=_search)

    info = sub.add_parser("info", help="where the gazetteer is, its version and size")
    info.set_defaults(func=_info)
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])


def _path(args: argparse.Namespace) -> Path:
    if args.gazetteer:
        return Path(args.gazetteer)
    from tollwatch.settings import Settings

    return Settings().resolved_gazetteer_path()


def _open(args: argparse.Namespace) -> Gazetteer:
    """The gazetteer: a path given with --gazetteer must hold one already (a typo is an
    error, never a new build); the default one is built on first use."""
    return Gazetteer.open(_path(args), build=not args.gazetteer)


def _build(args: argparse.Namespace) -> int:
    path = _path(args)
    if args.gazetteer:
        refuse_foreign(path)
    if args.gazetteer and not path.parent.is_dir():
        raise ConfigError(
            f"cannot build the gazetteer {path}: the folder {path.parent} does not exist"
        )
    summary = build_default(path)
    print(
        f"built {summary.path}: {summary.places} places, {summary.names} names, "
        f"{summary.bytes / 1e6:.1f} MB in {summary.seconds:.1f} s ({summary.version})"
    )
    return 0


def _import_geonames(args: argparse.Namespace) -> int:
    gaz = _open(args)
    summary = gaz.import_geonames(args.file, admin1_path=args.admin1, admin2_path=args.admin2)
    print(f"imported {summary.places} places ({summary.names} names) from {summary.path}")
    return 0


def _parse_columns(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    out: dict[str, str] = {}
    for pair in value.split(","):
        if "=" not in pair:
            raise ConfigError(f"--columns: expected field=column, got {pair!r}")
        field, column = (p.strip() for p in pair.split("=", 1))
        out[field] = column
    return out


def _import_csv(args: argparse.Namespace) -> int:
    gaz = _open(args)
    summary = gaz.import_csv(
        args.file,
        columns=_parse_columns(args.columns),
        admin1=args.admin1,
        admin2=args.admin2,
        country=args.country,
        parent=args.parent,
        kind=args.kind,
        delimiter=args.delimiter,
    )
    print(f"imported {summary.places} places ({summary.names} names) from {summary.path}")
    return 0


def _search(args: argparse.Namespace) -> int:
    gaz = _open(args)
    ranked = gaz.search(args.name, country=args.country, admin1=args.admin1, limit=args.limit)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "gazetteer_id": r.candidate.place.gid,
                        "name": r.candidate.place.name,
                        "matched": r.candidate.matched,
                        "kind": r.candidate.place.kind,
                        "admin1": r.candidate.place.admin1,
                        "admin2": r.candidate.place.admin2,
                        "country": r.candidate.place.country,
                        "lat": r.candidate.place.lat,
                        "lon": r.candidate.place.lon,
                        "population": r.candidate.place.population,
                        "score": r.score,
                        "rule": r.rule,
                    }
                    for r in ranked
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0 if ranked else 1
    if not ranked:
        print(f"no place named {args.name!r} in {gaz.path}")
        return 1
    for i, r in enumerate(ranked, 1):
        p = r.candidate.place
        where = ", ".join(x for x in (p.admin2, p.admin1, p.country) if x)
        print(
            f"{i:>2}. {p.name} [{p.kind}] {where} ({p.lat}, {p.lon}) pop {p.population} "
            f"score {r.score} rule: {r.rule}  matched {r.candidate.matched!r}  {p.gid}"
        )
    return 0


def _info(args: argparse.Namespace) -> int:
    gaz = _open(args)
    print(json.dumps(gaz.stats(), indent=2, ensure_ascii=False))
    return 0
