"""Language detection decides as py3langid does among the analysed languages, from a table a few MB in size
instead of py3langid's 49 MB model, in every process that reads feeds."""

from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest

from bot.langid_model import MODEL_PATH, Detector, build
from bot.language import ANALYSED, detect

ENGLISH = [
    ("Police arrest eleven in extortion raid",
     "Police in Lima arrested eleven members of a gang on Tuesday after months of threats against bus companies "
     "in the north of the city. Prosecutors said the drivers had paid every week for a year."),
    ("Minister promises more raids", "The minister told reporters that more operations would follow before the "
     "end of the year, and that the state of emergency would be extended in three districts."),
    ("MARKETS CLOSE HIGHER", "SHARES ROSE ON FRIDAY AS INVESTORS WELCOMED THE CENTRAL BANK'S DECISION."),
    ("Lima", "Lima, Callao: the mayor of Lima met the governor of Callao on the port's future."),
]
SPANISH = [
    ("Detienen a once por extorsión",
     "La policía detuvo el martes en Lima a once integrantes de una banda que durante meses amenazó a empresas "
     "de transporte del norte de la ciudad. La fiscalía dijo que los choferes pagaban cada semana."),
    ("El ministro anuncia más operativos", "El ministro dijo a los periodistas que habrá más operativos antes "
     "de fin de año y que el estado de emergencia se ampliará en tres distritos de la capital."),
    ("ALCALDE PIDE AYUDA", "EL ALCALDE DE TRUJILLO PIDIÓ AL GOBIERNO MÁS PATRULLAS PARA LAS NOCHES."),
    ("Niños y niñas", "Año tras año, los vecinos de Piura reclaman agua potable y pistas para el barrio."),
]


@pytest.fixture(scope="module")
def py3langid_restricted():
    """py3langid itself, limited to the analysed languages: what detection decided before."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(ANALYSED))
    return identifier


def _noise(seed: int, count: int) -> list[str]:
    """Texts no detector was built for: random letters, accents, digits, other scripts, capitals."""
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnñopqrstuvwxyzáéíóúü ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;¿?¡!\n€£αβγжщ中文日本語"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 300))) for _ in range(count)]


def test_articles_are_read_in_their_language() -> None:
    assert [detect(title, text) for title, text in ENGLISH] == ["en"] * len(ENGLISH)
    assert [detect(title, text) for title, text in SPANISH] == ["es"] * len(SPANISH)
    assert detect("", "") == "en"


def test_every_decision_and_count_is_py3langids(py3langid_restricted) -> None:
    """The same features counted as often, in the same order (so the same float sums), and the same answer
    on articles, headlines, capitals and noise."""
    from py3langid.langid import visit_counts

    detector = Detector.load()
    texts = [f"{title}\n{text}" for title, text in ENGLISH + SPANISH] + [t for t, _ in ENGLISH + SPANISH]
    texts += _noise(11, 200) + ["", "A", "ÑANDÚ", "\ud800 lone surrogate"]
    for text in texts:
        assert detector.classify(text) == py3langid_restricted.classify(text)[0], text
        data = py3langid_restricted._encode(text)
        counted = visit_counts(py3langid_restricted.tk_nextmove, py3langid_restricted._rowbase,
                               py3langid_restricted.tk_output, data) or {}
        features, count = detector.counts(data)
        assert list(zip(features.tolist(), count.tolist(), strict=True)) == list(counted.items()), text


def test_the_shipped_table_is_the_one_py3langids_model_makes() -> None:
    """bot/langid_model.npz is rebuilt from the installed py3langid: a new py3langid would show here."""
    built = build(ANALYSED)
    with np.load(MODEL_PATH) as shipped:
        assert sorted(shipped.files) == sorted(built)
        for name, value in built.items():
            assert np.array_equal(shipped[name], value), name


def test_detecting_a_language_costs_a_few_megabytes() -> None:
    """A process that reads feeds (it has imported the ingest) grows by a few MB on its first detection;
    py3langid's model grew it by 49 MB."""
    code = ("import bot.ingest.service\n"
            "from bot.language import detect\n"
            "def rss():\n"
            "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS'))\n"
            "before = rss()\n"
            "assert detect('Hola', 'La policía detuvo a once personas en Lima.') == 'es'\n"
            "print((rss() - before) // 1024)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(done.stdout) <= 8
