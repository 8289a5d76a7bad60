"""Time phrases: "this month", "in October", "by June 30", "for the next 6 weeks", "starting
monday", "Monday through Friday", "before my wedding".

Each phrase becomes a :class:`Frame` (where it sits in the text and which local days it means)
and is blanked out of the text, so that "30 days" in "the next 30 days" is never read as a
target. Turning frames into a goal window is :mod:`windows`' job.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from plugins.goals.parser.lexicon import AMBIGUOUS_MONTHS, MONTHS, SPAN_UNIT, WEEKDAYS, words
from plugins.goals.parser.localtime import (
    add_months,
    first_of_next_month,
    last_day_of_month,
    next_monday,
    next_weekday,
    quarter_end,
    safe_date,
    upcoming,
)

FrameKind = Literal["period", "deadline", "span", "unknown"]


@dataclass(frozen=True, slots=True)
class Frame:
    """One time phrase. ``period``: a calendar week or month from ``first`` to ``until``
    (exclusive). ``deadline``: done by the end of local day ``until``. ``span``: ``days`` plus
    ``months`` from the start. ``unknown``: a date only the user knows ("my wedding")."""

    kind: FrameKind
    pos: int
    window: Literal["weekly", "monthly"] | None = None
    first: date | None = None
    until: date | None = None
    days: int = 0
    months: int = 0


@dataclass(frozen=True, slots=True)
class TimeFacts:
    frames: tuple[Frame, ...]
    start: date | None
    """A later start than today ("starting monday")."""
    weekdays: int
    """How many distinct weekdays are listed ("Tue, Thu and Sat" is 3, "every Saturday" 1)."""
    days_per_week: int | None
    """A weekday range such as "Monday through Friday" (5)."""
    masked: str
    """The text with every phrase above blanked out (same length, so positions still hold)."""
    today: date


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th|er|e|o|a|\.)?"
_YEAR = r"(?:,?\s*(?P<year>20\d\d))?"
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_HOLIDAYS = {"christmas": (12, 25), "xmas": (12, 25), "new year": (12, 31), "halloween": (10, 31)}

_THIS_MONTH = (
    r"this month|this mnth|this mth|the current month|the rest of the month|rest of the month|"
    r"este mes|ce mois-ci|ce mois|diesen monat|dieser monat|diesem monat|deze maand|"
    r"w tym miesiacu|ten miesiac|bu ay|questo mese|今月"
)
_THIS_WEEK = (
    r"this week|this wk|the current week|the rest of the week|rest of the week|esta semana|"
    r"cette semaine|diese woche|dieser woche|deze week|w tym tygodniu|ten tydzien|bu hafta|"
    r"questa settimana|今週"
)
_THIS_YEAR = (
    r"this year|the rest of the year|este ano|cette annee|dieses jahr|dit jaar|w tym roku|"
    r"bu yil|quest'anno|今年"
)
_NEXT_WEEK = r"next week|la semana que viene|la proxima semana|la semaine prochaine|" + (
    r"nachste woche|volgende week|proxima semana|w przyszlym tygodniu"
)
_NEXT_MONTH = r"next month|el proximo mes|le mois prochain|nachsten monat|volgende maand|" + (
    r"proximo mes|w przyszlym miesiacu"
)

_UNKNOWN = re.compile(
    r"\b(?:before|by|for|until|till|ahead of|in time for)\s+(?:my|our|the|his|her)\s+"
    r"(?:own\s+|big\s+|next\s+|upcoming\s+)?(?:birthday|bday|wedding|race|marathon|trip|"
    r"holiday|holidays|vacation|event|reunion|honeymoon|competition|deployment|selection|"
    r"graduation|trek|expedition|hunt)\b"
)
_RANGE = re.compile(
    rf"\b(?:from\s+|every\s+)?(?P<a>{_WEEKDAY})\s*(?:-|through|thru|to|till|until|a|bis|"
    rf"tot|do|au|ate)\s*(?P<b>{_WEEKDAY})\b|\b(?:every\s+|on\s+)?(?P<weekdays>weekdays|"
    r"workdays|every weekday|work days)\b"
)
_DATE = (
    rf"(?P<end_of>(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<end_what>month|year|week|quarter|"
    rf"spring|summer|autumn|fall|winter|{_MONTH}))"
    rf"|(?P<mid>(?:mid|middle\s+of|mid-)\s*-?\s*(?P<mid_month>{_MONTH}))"
    rf"|(?P<edge>(?P<edge_word>early|beginning\s+of|start\s+of|late)\s+(?P<edge_month>{_MONTH}))"
    rf"|(?P<md>(?P<md_month>{_MONTH})\.?\s+(?P<md_day>\d{{1,2}}){_ORD}(?!\d|\s*(?:km|mi|k\b)))"
    rf"|(?P<dm>(?:the\s+)?(?P<dm_day>\d{{1,2}}){_ORD}\s+(?:of\s+|de\s+)?(?P<dm_month>{_MONTH}))"
    r"|(?P<iso>(?P<iso_y>20\d\d)-(?P<iso_m>\d\d)-(?P<iso_d>\d\d))"
    r"|(?P<num>(?P<num_a>\d{1,2})[/.](?P<num_b>\d{1,2})(?:[/.](?P<num_y>(?:20)?\d\d))?)"
    r"|(?P<nth>the\s+(?P<nth_day>\d{1,2})(?:st|nd|rd|th))"
    rf"|(?P<season>{'|'.join(_SEASONS)})"
    rf"|(?P<holiday>{'|'.join(_HOLIDAYS)})(?:'?s)?(?:\s+eve|\s+day)?"
    rf"|(?P<weekday>{_WEEKDAY})"
    r"|(?P<rel>tomorrow|today|tonight)"
    rf"|(?P<month>{_MONTH})"
)
_DEADLINE = re.compile(
    r"\b(?P<lead>by|until|till|til|before|no later than|deadline|due|bis|hasta|avant|d'ici|"
    r"ate|tegen|przed|entro|antes de|antes del|vor dem|vor|voor)\s+(?:the\s+|el\s+|le\s+)?(?:"
    + _DATE
    + rf"){_YEAR}(?![a-z])"
)
_BEFORE = frozenset({"before", "avant", "przed", "antes de", "antes del", "vor dem", "vor", "voor"})
"""Leads that end the goal the day before the date they name."""
_BARE_DATE = re.compile(
    rf"\b(?:on\s+)?(?:the\s+)?(?:(?P<md>(?P<md_month>{_MONTH})\.?\s+(?P<md_day>\d{{1,2}}){_ORD}"
    rf"(?!\d|\s*(?:km|mi|k\b|x\b|times|runs|rucks|sessions)))"
    rf"|(?P<dm>(?P<dm_day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<dm_month>{_MONTH}))"
    rf"|(?P<iso>(?P<iso_y>20\d\d)-(?P<iso_m>\d\d)-(?P<iso_d>\d\d))){_YEAR}(?![a-z])"
)
"""A date said without "by", as in the answer "June 30": the deadline."""
_BARE_END = re.compile(
    r"\b(?:at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<end_what>month|year|week|quarter|"
    r"spring|summer|autumn|fall|winter)\b"
    r"|\b(?:ende des (?P<de>jahres|monats)|"
    r"fin (?:de |del |du |d')(?:l')?(?P<es>ano|annee|mes|mois)|"
    r"final do (?P<pt>ano|mes)|eind van (?:het |de )(?P<nl>jaar|maand)|"
    r"koniec (?:tego )?(?P<pl>roku|miesiaca))\b"
)
_END_WORDS = {"jahres": "year", "ano": "year", "annee": "year", "jaar": "year", "roku": "year"}
"""The year in "Ende des Jahres", "fin de año", …; every other word there is the month."""
_THIS = re.compile(
    rf"(?:(?P<month>{_THIS_MONTH})|(?P<week>{_THIS_WEEK})|(?P<year>{_THIS_YEAR})"
    r"|(?P<quarter>this quarter|the rest of the quarter)|(?P<weekend>this weekend)"
    rf"|(?P<next_week>{_NEXT_WEEK})|(?P<next_month>{_NEXT_MONTH}))(?![a-z])"
)
_START = re.compile(
    r"\b(?:starting|start|starts|from|beginning|begin|as of|commencing|ab|a partir de|desde|"
    r"vanaf|od)\s+(?:on\s+|this\s+|next\s+)?(?:(?P<weekday>"
    + _WEEKDAY
    + r")|(?P<rel>tomorrow|today)|(?P<month>"
    + _MONTH
    + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    + r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>"
    + _MONTH
    + r"))\b"
)
_IN_MONTH = re.compile(
    rf"\b(?P<lead>in|for|during|throughout|over|en|durante|pendant|im|em|no mes de|w|a|di|"
    rf"in de maand|the month of|of)?\s*(?P<name>{_MONTH})(?:\s+(?P<year>20\d\d))?\b(?!\s*\d)"
)
_SPAN_UNIT = "|".join(sorted(SPAN_UNIT, key=len, reverse=True))
_SPAN_LEAD = (
    r"for|in|within|over|during|across|throughout|durante|pendant|binnen|przez|w ciagu|en|em|"
    r"next|coming|following|proximos|proximas|prochains|prochaines|nachsten|komende|kolejne|"
    r"najblizsze|dans|nos|nas|los|las|les|den|the|de"
)
_REAL_LEAD = re.compile(
    r"\b(?:for|in|within|over|during|across|throughout|durante|pendant|binnen|przez|ciagu|"
    r"next|coming|following|proximos|proximas|prochains|prochaines|nachsten|komende|kolejne|"
    r"najblizsze|dans)\b"
)
_SPAN = re.compile(
    rf"(?<!every )(?<!each )(?<!per )\b(?P<lead>(?:(?:{_SPAN_LEAD})\s+)*)"
    rf"(?P<n>\d+|an?|one)\s*-?\s*(?P<unit>{_SPAN_UNIT})\b(?!\s*(?:a|per|each|every|/)\s)"
)
_WEEKDAY_WORD = re.compile(rf"\b(?:{_WEEKDAY})\b")
_TOKEN = re.compile(r"[a-z']+|[今]")
_EVERY_WEEKDAY = re.compile(rf"\b(?:every|each)\s+(?:{_WEEKDAY})\b|\b(?:on\s+)?(?:{_WEEKDAY})s\b")
_NEXT_ONE = re.compile(
    r"\b(?:over|for|in|during|within|throughout)\s+the\s+(?:next|coming|following)\s+"
    r"(?P<unit>week|month|year)\b"
)
_YEAR_OR_QUARTER = re.compile(
    r"\b(?P<lead>in|during|for|throughout|by|over)?\s*(?:(?P<quarter>q[1-4])(?:\s+(?P<qyear>20\d\d))?"
    r"|(?P<year>20\d\d))\b(?!\s*(?:-|/|km|mi|steps|points|m\b|ft))"
)

# Words without which a pattern cannot match: checking a set first skips most regex scans
# (this runs on every chat turn).
_UNKNOWN_CUES = frozenset(
    words(
        "birthday bday wedding race marathon trip holiday holidays vacation event reunion "
        "honeymoon competition deployment selection graduation trek expedition hunt"
    )
)
_START_CUES = frozenset(
    words("starting start starts from beginning begin as commencing ab partir desde vanaf od")
)
_DEADLINE_CUES = frozenset(
    words(
        "by until till til before no deadline due bis hasta avant d'ici ate tegen przed entro "
        "antes vor voor"
    )
)
_THIS_CUES = frozenset(
    words(
        "this current rest este esta ce cette diesen dieser diesem diese dieses deze dit tym ten "
        "bu questo questa quest'anno next la le nachste nachsten volgende proxima proximo "
        "przyszlym el 今"
    )
)
_RANGE_CUES = frozenset({"weekdays", "workdays", "work", "weekday"})
_END_CUES = frozenset({"end", "ende", "fin", "final", "eind", "koniec"})


def _deadline(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    day = _date_of(match, today, month_first=month_first)
    if day is None:
        return None
    if match.group("lead") in _BEFORE and not match.group("end_of"):
        day = _day_before(match, day)
    return Frame("deadline", match.start(), until=day)


def _bare_date(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    day = _date_of(match, today, month_first=month_first)
    return Frame("deadline", match.start(), until=day) if day is not None else None


def _bare_end(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    day = _end_of(_end_what(match), today)
    return Frame("deadline", match.start(), until=day) if day is not None else None


def _next_one(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    unit = match.group("unit")
    days, months = (7, 0) if unit == "week" else (0, 1 if unit == "month" else 12)
    return Frame("span", match.start(), days=days, months=months)


def _span(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    lead = match.group("lead")
    unit = SPAN_UNIT[match.group("unit")]
    said_one = match.group("n") in ("a", "an", "one")
    if not _REAL_LEAD.search(lead) and (unit in ("day", "year") or said_one):
        return None  # "5 days a week" and "a week" are rates, not spans
    count = 1 if said_one else int(match.group("n"))
    if count <= 0 or count > 3650:
        return None
    days = {"day": count, "week": 7 * count}.get(unit, 0)
    months = {"month": count, "year": 12 * count}.get(unit, 0)
    return Frame("span", match.start(), days=days, months=months)


def _in_month(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    name = match.group("name")
    if match.group("lead") is None and name in AMBIGUOUS_MONTHS:
        return None
    return _month_frame(MONTHS[name], match.group("year"), today, match.start())


def _this_frame(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    return _this(match, today)


def _year_frame(match: re.Match[str], today: date, month_first: bool) -> Frame | None:
    return _year_or_quarter(match, today)


def _mentions(cues: frozenset[str]) -> Callable[[set[str], str], bool]:
    return lambda tokens, _text: not tokens.isdisjoint(cues)


_FRAME_PASSES: tuple[
    tuple[
        re.Pattern[str],
        Callable[[set[str], str], bool],
        Callable[[re.Match[str], date, bool], Frame | None],
    ],
    ...,
] = (
    (_DEADLINE, _mentions(_DEADLINE_CUES), _deadline),
    (_BARE_DATE, lambda tokens, text: not tokens.isdisjoint(MONTHS) or "-" in text, _bare_date),
    (_BARE_END, _mentions(_END_CUES), _bare_end),
    (_NEXT_ONE, _mentions(frozenset({"next", "coming", "following"})), _next_one),
    (_YEAR_OR_QUARTER, lambda _tokens, _text: True, _year_frame),
    (_THIS, _mentions(_THIS_CUES), _this_frame),
    (_SPAN, lambda _tokens, _text: True, _span),
    (_IN_MONTH, lambda tokens, _text: not tokens.isdisjoint(MONTHS), _in_month),
)
"""Each frame-making phrase in turn; earlier ones blank their words before later ones look
("by the end of the month" is a deadline before "month" could be anything else)."""


def find_time(text: str, today: date, *, month_first: bool) -> TimeFacts:
    """The time phrases in ``text`` (folded, digits), relative to the user's local ``today``.
    ``month_first`` reads 6/7 as June 7 (US habit) rather than 6 July."""
    chars = list(text)
    frames: list[Frame] = []
    tokens = set(_TOKEN.findall(text))
    has_weekday = not tokens.isdisjoint(WEEKDAYS)

    def blank(match: re.Match[str]) -> None:
        for i in range(match.start(), match.end()):
            chars[i] = " "

    def current() -> str:
        return "".join(chars)

    for match in _scan(_UNKNOWN, current(), not tokens.isdisjoint(_UNKNOWN_CUES)):
        frames.append(Frame("unknown", match.start()))
        blank(match)

    days_per_week = None
    for match in _scan(_RANGE, current(), has_weekday or not tokens.isdisjoint(_RANGE_CUES)):
        if match.group("weekdays"):
            days_per_week = 5
        else:
            first, last = WEEKDAYS[match.group("a")], WEEKDAYS[match.group("b")]
            days_per_week = (last - first) % 7 + 1
        blank(match)

    start = None
    for match in _scan(_START, current(), not tokens.isdisjoint(_START_CUES)):
        start = _start_day(match, today) or start
        if start is not None:
            blank(match)

    for pattern, worth_it, frame_of in _FRAME_PASSES:
        if not worth_it(tokens, text):
            continue
        for match in pattern.finditer(current()):
            frame = frame_of(match, today, month_first)
            if frame is not None:
                frames.append(frame)
                blank(match)
    upcoming_period = [
        f.first for f in frames if f.kind == "period" and f.first and f.first > today
    ]
    if start is None and upcoming_period:
        start = upcoming_period[0]  # "next week", "in December": the goal starts then

    masked = current()
    listed = len({WEEKDAYS[w] for w in _WEEKDAY_WORD.findall(masked)}) if has_weekday else 0
    if listed == 1 and not _EVERY_WEEKDAY.search(masked):
        listed = 0
    return TimeFacts(
        frames=tuple(frames),
        start=start,
        weekdays=listed,
        days_per_week=days_per_week,
        masked=masked,
        today=today,
    )


def _year_or_quarter(match: re.Match[str], today: date) -> Frame | None:
    """ "in 2027" runs through that year; "in Q1" through the next first quarter; "by 2027"
    ends when 2027 begins."""
    pos = match.start()
    if match.group("quarter"):
        number = int(match.group("quarter")[1])
        year = int(match.group("qyear")) if match.group("qyear") else today.year
        first = date(year, 3 * number - 2, 1)
        if match.group("qyear") is None and quarter_end(first) < today:
            first = date(year + 1, first.month, 1)
        return Frame("deadline", pos, first=max(first, today), until=quarter_end(first))
    year = int(match.group("year"))
    if year < today.year or match.group("lead") is None:
        return None
    if match.group("lead") == "by":
        return Frame("deadline", pos, until=date(year, 1, 1) - timedelta(days=1))
    first = max(date(year, 1, 1), today)
    return Frame("deadline", pos, first=first, until=date(year, 12, 31))


def _end_what(match: re.Match[str]) -> str:
    if match.group("end_what"):
        return match.group("end_what")
    said = next(g for g in match.groups()[1:] if g)
    return _END_WORDS.get(said, "month")


def _day_before(match: re.Match[str], day: date) -> date:
    """ "Before February" ends on 31 January, "before June 30" on June 29."""
    if match.group("month"):
        return day.replace(day=1) - timedelta(days=1)
    return day - timedelta(days=1)


def _scan(pattern: re.Pattern[str], text: str, worth_it: bool) -> list[re.Match[str]]:
    return list(pattern.finditer(text)) if worth_it else []


def current_period(window: Literal["weekly", "monthly"], today: date) -> Frame:
    """This calendar week or month, from today."""
    if window == "weekly":
        return Frame("period", 0, "weekly", today, next_monday(today))
    return Frame("period", 0, "monthly", today, first_of_next_month(today))


def _start_day(match: re.Match[str], today: date) -> date | None:
    if match.group("weekday"):
        return next_weekday(today, WEEKDAYS[match.group("weekday")], today_counts=False)
    if match.group("rel"):
        return today + timedelta(days=1) if match.group("rel") == "tomorrow" else today
    month = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    if month and day:
        return upcoming(MONTHS[month], int(day), today)
    return None


def _this(match: re.Match[str], today: date) -> Frame:
    pos = match.start()
    if match.group("month"):
        return Frame("period", pos, "monthly", today, first_of_next_month(today))
    if match.group("week"):
        return Frame("period", pos, "weekly", today, next_monday(today))
    if match.group("year"):
        return Frame("deadline", pos, until=date(today.year, 12, 31))
    if match.group("quarter"):
        return Frame("deadline", pos, until=quarter_end(today))
    if match.group("weekend"):
        return Frame("deadline", pos, until=next_weekday(today, 6, today_counts=True))
    if match.group("next_week"):
        monday = next_monday(today)
        return Frame("period", pos, "weekly", monday, monday + timedelta(days=7))
    first = first_of_next_month(today)
    return Frame("period", pos, "monthly", first, first_of_next_month(first))


def _month_frame(month: int, year: str | None, today: date, pos: int) -> Frame:
    first = date(int(year), month, 1) if year else date(today.year, month, 1)
    if year is None and first < today.replace(day=1):
        first = date(today.year + 1, month, 1)
    until = first_of_next_month(first)
    return Frame("period", pos, "monthly", max(first, today), until)


def _end_of(what: str, today: date) -> date | None:
    if what == "month":
        return last_day_of_month(today.year, today.month)
    if what == "year":
        return date(today.year, 12, 31)
    if what == "week":
        return next_monday(today) - timedelta(days=1)
    if what == "quarter":
        return quarter_end(today)
    if what in _SEASONS:
        first = upcoming(_SEASONS[what], 1, today) or today
        return add_months(first, 3) - timedelta(days=1)
    if what in MONTHS:
        month = MONTHS[what]
        first = upcoming(month, 1, today.replace(day=1)) or today
        return last_day_of_month(first.year, month)
    return None


def _date_of(match: re.Match[str], today: date, *, month_first: bool) -> date | None:
    """The local day a deadline phrase names."""
    found = match.groupdict()

    def group(name: str) -> str:
        return found.get(name) or ""

    year = int(group("year")) if group("year") else None
    if group("end_of"):
        return _end_of(group("end_what"), today)
    if group("mid"):
        return upcoming(MONTHS[group("mid_month")], 15, today, year)
    if group("edge"):
        month = MONTHS[group("edge_month")]
        if group("edge_word") == "late":
            first = upcoming(month, 1, today.replace(day=1), year) or today
            return last_day_of_month(first.year, month)
        return upcoming(month, 1 if "of" in group("edge_word") else 10, today, year)
    if group("md"):
        return upcoming(MONTHS[group("md_month")], int(group("md_day")), today, year)
    if group("dm"):
        return upcoming(MONTHS[group("dm_month")], int(group("dm_day")), today, year)
    if group("iso"):
        return safe_date(int(group("iso_y")), int(group("iso_m")), int(group("iso_d")))
    if group("num"):
        return _numeric(match, today, month_first=month_first)
    if group("nth"):
        day = int(group("nth_day"))
        this_month = safe_date(today.year, today.month, day)
        if this_month is not None and this_month >= today:
            return this_month
        following = first_of_next_month(today)
        return safe_date(following.year, following.month, day)
    if group("season"):
        season_start = upcoming(_SEASONS[group("season")], 1, today, year)
        return season_start - timedelta(days=1) if season_start else None
    if group("holiday"):
        month, day = _HOLIDAYS[group("holiday")]
        return upcoming(month, day, today, year)
    if group("weekday"):
        return next_weekday(today, WEEKDAYS[group("weekday")], today_counts=True)
    if group("rel"):
        return today + timedelta(days=1) if group("rel") == "tomorrow" else today
    if group("month"):
        month = MONTHS[group("month")]
        first = upcoming(month, 1, today.replace(day=1), year) or today
        return last_day_of_month(first.year, month)
    return None


def _numeric(match: re.Match[str], today: date, *, month_first: bool) -> date | None:
    a, b = int(match.group("num_a")), int(match.group("num_b"))
    raw_year = match.group("num_y")
    year = None
    if raw_year:
        year = int(raw_year) + (2000 if len(raw_year) == 2 else 0)
    if a > 12 or (not month_first and b <= 12):
        day, month = a, b
    else:
        month, day = a, b
    if not 1 <= month <= 12:
        return None
    return upcoming(month, day, today, year)
