"""Numbers as people type them: "1,200", "2,5", "10.000", "forty-five", "a hundred",
"twenty one", "cinquenta", "dreimal", "twice".

The rest of the parser only ever sees digits: this module rewrites every number it recognises
into plain digits (``.`` for decimals) inside the folded text.
"""

from __future__ import annotations

import re

# Words worth their face value. Several languages share a spelling (six, vier, elf): one entry.
_VALUES: dict[str, int] = {}


def _add(words: str, values: range | list[int]) -> None:
    for word, value in zip(words.split(), values, strict=True):
        _VALUES.setdefault(word, value)


_add(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen",
    range(1, 20),
)
_add("twenty thirty forty fifty sixty seventy eighty ninety", range(20, 100, 10))
# Spanish ("once" is English here: "once a week").
_add(
    "uno dos tres cuatro cinco seis siete ocho nueve diez",
    range(1, 11),
)
_add(
    "doce trece catorce quince dieciseis diecisiete dieciocho diecinueve veinte",
    range(12, 21),
)
_add("treinta cuarenta cincuenta sesenta setenta ochenta noventa", range(30, 100, 10))
_add(
    "cien ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos "
    "ochocientos novecientos",
    [100, 100, 200, 300, 400, 500, 600, 700, 800, 900],
)
_add("una un", [1, 1])
# Portuguese.
_add(
    "uma dois duas quatro sete oito nove dez onze doze treze catorze quatorze quinze dezesseis "
    "dezasseis dezessete dezassete dezoito dezenove dezanove vinte",
    [1, 2, 2, 4, 7, 8, 9, 10, 11, 12, 13, 14, 14, 15, 16, 16, 17, 17, 18, 19, 19, 20],
)
_add("trinta quarenta cinquenta sessenta oitenta", [30, 40, 50, 60, 80])
_add(
    "cem cento duzentos trezentos quatrocentos quinhentos",
    [100, 100, 200, 300, 400, 500],
)
# French ("sept" is only a number before a unit; see _SEPT).
_add(
    "une deux trois quatre cinq huit neuf dix onze douze treize quatorze quinze seize",
    [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16],
)
_add("vingt trente quarante cinquante soixante", range(20, 70, 10))
_add("quatrevingt dixsept", [80, 17])
# German.
_add(
    "ein eine einen einem eins zwei drei vier funf sechs sieben acht neun zehn elf zwolf "
    "dreizehn vierzehn funfzehn sechzehn siebzehn achtzehn neunzehn",
    [1, 1, 1, 1, *range(1, 20)],
)
_add("zwanzig dreissig vierzig funfzig sechzig siebzig achtzig neunzig", range(20, 100, 10))
# Dutch.
_add(
    "een twee drie vijf zes zeven negen tien twaalf dertien veertien vijftien zestien zeventien "
    "achttien negentien",
    [1, 2, 3, 5, 6, 7, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19],
)
_add("twintig dertig veertig vijftig zestig zeventig tachtig negentig", range(20, 100, 10))
# Polish (folded: "pięć" is "piec").
_add(
    "jeden jedna jedno dwa dwie trzy cztery piec szesc siedem osiem dziewiec dziesiec "
    "jedenascie dwanascie trzynascie czternascie pietnascie szesnascie siedemnascie "
    "osiemnascie dziewietnascie",
    [1, 1, 1, 2, 2, *range(3, 20)],
)
_add(
    "dwadziescia trzydziesci czterdziesci piecdziesiat szescdziesiat siedemdziesiat "
    "osiemdziesiat dziewiecdziesiat",
    range(20, 100, 10),
)
_add("sto dwiescie trzysta czterysta piecset", [100, 200, 300, 400, 500])

_MULTIPLIERS: dict[str, int] = {
    "hundred": 100,
    "hundert": 100,
    "honderd": 100,
    "cent": 100,
    "cents": 100,
    "thousand": 1000,
    "mil": 1000,
    "mille": 1000,
    "tausend": 1000,
    "duizend": 1000,
    "tysiac": 1000,
    "tysiace": 1000,
    "tysiecy": 1000,
}
_CONNECTORS = frozenset({"and", "y", "e", "et", "und", "en", "i", "-", "of"})

_TENS_DE = "zwanzig|dreissig|vierzig|funfzig|sechzig|siebzig|achtzig|neunzig"
_ONES_DE = "ein|zwei|drei|vier|funf|sechs|sieben|acht|neun"
_COMPOUND_DE = re.compile(rf"\b({_ONES_DE})und({_TENS_DE})\b")
_TENS_NL = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
_ONES_NL = "een|twee|drie|vier|vijf|zes|zeven|acht|negen"
_COMPOUND_NL = re.compile(rf"\b({_ONES_NL})en({_TENS_NL})\b")
_VEINTI = re.compile(r"\bveinti(uno|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)\b")
_TIMES_DE = re.compile(r"\b(ein|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn)mal\b")
_SEPT = re.compile(r"\bsept(?= (?:fois|km|kilometres|jours|semaines|minutes|heures|kilos|kg))")
_QUATRE_VINGT = re.compile(r"\bquatre[- ]vingts?\b")
_DIX_SEPT = re.compile(r"\bdix[- ]sept\b")
_A_MULTIPLE = re.compile(r"\b(?:a|an) (hundred|thousand)\b")
_A_FEW = re.compile(r"\b(?:a )?(couple|dozen)(?: of)?\b")
_FEW_VALUES = {"couple": "2", "dozen": "12"}
_ONCE = re.compile(r"\b(once|twice|thrice)\b")
_ONCE_VALUES = {"once": "1 times", "twice": "2 times", "thrice": "3 times"}
_A_UNIT = re.compile(r"\b(?:an?) (hour|mile|kilometer|kilometre|km|kilo|pound)\b")
_TIMES_FIRST = re.compile(r"(?<![a-z0-9.])x\s?(\d{1,2})(?![\d.])")
""""5 km x3": the count after the multiplication sign."""
_HALF = re.compile(r"\bhalf (?:an|a) hour\b")
_TIMES_FIRST = re.compile(r"(?<![a-z0-9.])x\s?(\d{1,2})(?![\d.])")
""""5 km x3": the count after the multiplication sign."""
_AND_A_HALF = re.compile(r"\b(\d+|an?) (hours?|miles?|kilometers?|kilometres?|km) and a half\b")
_N_AND_A_HALF = re.compile(r"(?<![\d.])(\d+) and a half\b")
""""2 and a half hours", also once "two" has become a digit."""

_WORD = "|".join(sorted({*_VALUES, *_MULTIPLIERS}, key=len, reverse=True))
_RUN = re.compile(rf"\b(?:{_WORD})\b(?:(?:[ -]+(?:and |y |e |et |und |en |i )?)(?:{_WORD})\b)*")
_TOKEN = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset({*_VALUES, *_MULTIPLIERS, "once", "twice", "thrice", "couple", "dozen"})
_COMPOUND_HINT = re.compile(r"und|en[a-z]|veinti|mal\b|vingt|sept")

_THOUSANDS_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d,]|\.\d)")
_THOUSANDS_DOT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d.,])")
_DECIMAL_COMMA = re.compile(r"(?<![\d,])(\d+),(\d{1,2})(?![\d,])")
_DIGITS_TIMES_WORD = re.compile(
    r"\b(\d+(?:\.\d+)?) (hundred|thousand|tausend|mille|mil|duizend|tysiecy|tysiace)\b"
)


def _value_of(words: list[str]) -> list[int]:
    """The numbers a run of number words spells; a run may hold more than one ("two three")."""
    numbers: list[int] = []
    total = 0
    current = 0
    started = False
    for word in words:
        if word in _CONNECTORS:
            continue
        multiplier = _MULTIPLIERS.get(word)
        if multiplier is not None:
            if multiplier == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * multiplier
                current = 0
            started = True
            continue
        value = _VALUES[word]
        if started and not _joins(current, value):
            numbers.append(total + current)
            total, current = 0, 0
        current += value
        started = True
    if started:
        numbers.append(total + current)
    return numbers


def _joins(current: int, value: int) -> bool:
    """Whether ``value`` continues the number so far (twenty + one, hundred + five) or starts
    a new one (two, three)."""
    if current == 0:
        return True
    if 10 <= value < 20 and current % 100 in (60, 80):  # soixante-dix, quatre-vingt-dix
        return True
    if value < 10:
        return current % 10 == 0
    if value < 100:
        return current % 100 == 0
    return current % 1000 == 0


def _replace_run(match: re.Match[str]) -> str:
    words = _TOKEN.findall(match.group(0))
    return " ".join(str(n) for n in _value_of(words))


def _from_digits(match: re.Match[str]) -> str:
    factor = 100 if match.group(2) == "hundred" else 1000
    return _plain(float(match.group(1)) * factor)


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def words_to_digits(text: str) -> str:
    """``text`` (folded) with every number it spells written in digits."""
    if "," in text:
        text = _THOUSANDS_COMMA.sub(lambda m: m.group(1).replace(",", ""), text)
        text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    if "." in text:
        text = _THOUSANDS_DOT.sub(lambda m: m.group(1).replace(".", ""), text)
    if "half" in text:
        text = _HALF.sub("30 minutes", text)
        text = _AND_A_HALF.sub(_and_a_half, text)
        text = _N_AND_A_HALF.sub(_plus_a_half, text)
    text = _A_UNIT.sub(r"1 \1", text)
    text = _TIMES_FIRST.sub(r"\1 times", text)
    words = set(_TOKEN.findall(text))
    if words.isdisjoint(_NUMBER_WORDS) and not _COMPOUND_HINT.search(text):
        return text
    text = _ONCE.sub(lambda m: _ONCE_VALUES[m.group(1)], text)
    text = _A_MULTIPLE.sub(r"one \1", text)
    text = _A_FEW.sub(lambda m: _FEW_VALUES[m.group(1)], text)
    if "vingt" in text or "sept" in text:
        text = _QUATRE_VINGT.sub("quatrevingt", text)
        text = _DIX_SEPT.sub("dixsept", text)
        text = _SEPT.sub("7", text)
    text = _COMPOUND_DE.sub(lambda m: str(_VALUES[m.group(1)] + _VALUES[m.group(2)]), text)
    text = _COMPOUND_NL.sub(lambda m: str(_VALUES[m.group(1)] + _VALUES[m.group(2)]), text)
    text = _VEINTI.sub(lambda m: str(20 + _VALUES.get(m.group(1), 1)), text)
    text = _TIMES_DE.sub(lambda m: f"{_VALUES[m.group(1)]} mal", text)
    text = _DIGITS_TIMES_WORD.sub(_from_digits, text)
    text = _RUN.sub(_replace_run, text)
    if "half" in text:
        text = _N_AND_A_HALF.sub(_plus_a_half, text)
    return text


def _plus_a_half(match: re.Match[str]) -> str:
    return _plain(float(match.group(1)) + 0.5)


def _and_a_half(match: re.Match[str]) -> str:
    count = match.group(1)
    whole = 1.0 if count in ("a", "an") else float(count)
    return f"{_plain(whole + 0.5)} {match.group(2)}"
