"""Sentences written in Spanish, French or Portuguese: displacement figures read by their words
(figures/languages.py, data/displacement_languages.toml), and the place words of those languages
(data/places/other_languages.toml). Sentences written for these tests in the style of civil
protection bulletins."""

from __future__ import annotations

import re

import pytest

from tests.extract.test_figures import run_figures
from tollwatch.extract import extract_text
from tollwatch.extract.figures.languages import _fold, language_of


def figures_of(text: str, nlp) -> list[tuple[str, int, str]]:
    return [(f.figure, f.number.value, f.unit) for f in run_figures(text, nlp).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the counted noun, then the figure word many words later in the same sentence
        (
            "Unas 2 400 familias que viven a orillas del río Grande, en el sur del "
            "departamento, podrían ser evacuadas en las próximas horas.",
            [("evacuated", 2_400, "households")],
        ),
        # no counted noun: the figure word must be close ("1300 evacuados")
        (
            "En toda la provincia hay más de 1300 evacuados y 200 albergados en escuelas.",
            [("evacuated", 1_300, "people"), ("displaced", 200, "people")],
        ),
        # a dot groups thousands: "2.500" is two thousand five hundred
        (
            "Más de 2.500 campesinos se han desplazado hacia la cabecera municipal.",
            [("displaced", 2_500, "people")],
        ),
        # dwellings with a word of damage just before them are households affected; the
        # families after them have their own figure word
        (
            "El incendio destruyó hoy 35 viviendas y obligó a evacuar a 120 familias del cerro.",
            [("affected", 35, "households"), ("evacuated", 120, "households")],
        ),
        (
            "Selon la protection civile, 1 800 personnes ont été évacuées et 60 maisons "
            "détruites dans la vallée.",
            [("evacuated", 1_800, "people"), ("affected", 60, "households")],
        ),
        (
            "Segundo a Defesa Civil, 3.100 pessoas estão desalojadas e 900 desabrigadas no "
            "município.",
            [("displaced", 3_100, "people"), ("displaced", 900, "people")],
        ),
    ],
)
def test_figures_of_sentences_in_other_languages(nlp, text: str, expected: list[tuple]):
    assert figures_of(text, nlp) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a date is no count: "22 de octubre" has no counted noun after its "de"
        "Las autoridades informaron hoy, 22 de octubre, que las familias fueron evacuadas.",
        # another count stands between: the words after it are its own
        "Los 14 municipios del norte tienen 300 albergues y las familias fueron evacuadas.",
        # killed and injured are not read in other languages: no displacement word here
        "Seis personas murieron y 40 resultaron heridas en el accidente de la carretera.",
    ],
)
def test_no_figure_without_its_words(nlp, text: str):
    got = figures_of(text, nlp)
    assert all(v != 22 and v != 14 for _f, v, _u in got)
    if "murieron" in text:
        assert got == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Más de 3 000 familias de la zona fueron evacuadas por las autoridades.", "es"),
        ("Les autorités ont évacué 500 personnes dans la nuit de lundi.", "fr"),
        ("A prefeitura informou que 400 famílias foram retiradas das casas.", "pt"),
        # English with Spanish names: their "de la" is no sentence of Spanish
        ("Heavy rain hit San Juan de la Cruz and Villa de la Paz, where 300 were evacuated.", None),
        ("Some 3,000 people were evacuated from the coast on Monday.", None),
    ],
)
def test_language_of_a_sentence(text: str, language: str | None):
    lang = language_of([_fold(w) for w in re.findall(r"\w+", text)])
    assert (lang.name if lang else None) == language


def test_english_sentences_are_read_as_before(nlp):
    # the English reading is untouched: an English sentence is never read by these words
    text = "Some 1,200 families were evacuated from Villa de la Paz and San Juan de los Lagos."
    assert figures_of(text, nlp) == [("evacuated", 1_200, "households")]


# ---------------------------------------------------------------- place words of the language

# These run with the default gazetteer (GeoNames cities), as the rules' examples do: there
# "La Paz" is El Salvador's department as well as Bolivia's city, and "Cerro Negro" a town in
# Brazil.


def test_la_ciudad_de_names_the_city_not_the_province():
    # "la ciudad de La Paz" as "the city of La Paz": Bolivia's city, not El Salvador's department
    record = extract_text("Más de 2.000 mineros se han desplazado a pie hacia la ciudad de La Paz.")
    (claim,) = record.claims
    assert (claim.figure, claim.value) == ("displaced", 2000)
    assert claim.place is not None and claim.place.country == "BO"


def test_de_before_a_country_is_a_locative():
    # "de Colombia" as "of Colombia": the report's country, over a small namesake abroad
    record = extract_text(
        "Más de 3 000 familias que viven cerca de los volcanes Chiles y Cerro Negro, en la "
        "cordillera occidental de Colombia, pueden ser evacuadas, informaron las autoridades."
    )
    (claim,) = record.claims
    assert (claim.figure, claim.value, claim.unit) == ("evacuated", 3000, "households")
    assert claim.place is not None and claim.place.country == "CO"
