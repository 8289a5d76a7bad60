"""The words the parser knows, in folded spelling (lower case, no accents): units, things that
count as a session, activities and the cue words that pick a metric.

English first, then Spanish, French, German, Portuguese, Dutch and Polish basics, with a few
Italian, Turkish and Japanese words so a goal in those languages keeps its activity and window.
Common typos sit next to the spelling they stand for.
"""

from __future__ import annotations

import re

from plugins.goals.model import Activity, DisplayUnit, Metric


def words(text: str) -> list[str]:
    """A word list written as one string, the way these tables read best."""
    return text.split()


def _spellings(table: dict[DisplayUnit, str]) -> dict[str, DisplayUnit]:
    return {word: unit for unit, spelled in table.items() for word in words(spelled)}


UNIT_SPELLINGS: dict[str, DisplayUnit] = _spellings(
    {
        "km": "km kms kilometer kilometers kilometre kilometres kilometro kilometros kilometr "
        "kilometry kilometrow klicks klm kilomters kilometeres kilometrs",
        "mi": "mi mile miles mls millas milla milhas milha mijl mijlen miglia miles' milez miels",
        "m": "m meter meters metre metres metro metros metrow metry hm hohenmeter hoogtemeters",
        "ft": "ft feet foot pies pieds fuss voet",
        "minutes": "min mins minute minutes minuto minutos minuten minut minuty minutow "
        "dakika minuti minuts minites",
        "hours": "h hr hrs hour hours hora horas heure heures stunde stunden std uur godzina "
        "godziny godzin godz saat hourz hous",
        "kg": "kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes kilogramos",
        "lb": "lb lbs pound pounds # libras libra livres pfund pond",
        "steps": "steps step pasos paso pas schritte schritten passos stappen kroki krokow "
        "krokach passi adim stpes steeps setps",
        "points": "points point pts pp puntos pontos punkte punten punktow punkty punti",
    }
)
UNIT_SPELLINGS["power points"] = "points"
UNIT_SPELLINGS["power point"] = "points"


def _spelled_as(unit: DisplayUnit) -> str:
    spelled = (w for w, u in UNIT_SPELLINGS.items() if u == unit)
    return "|".join(re.escape(w) for w in sorted(spelled, key=len, reverse=True))


WEIGHT_UNIT_WORD = re.compile(
    rf"(?<![a-z])(?:(?P<kg>{_spelled_as('kg')})|(?P<lb>{_spelled_as('lb')}))(?![a-z])"
)
"""Which weight unit the user writes in, to ask and answer in the same one."""

COUNT_NOUNS: dict[str, Activity | None] = {
    word: None
    for word in words(
        "sessions session sesions sesion sessons sesh seshes times time tims x workouts workout "
        "trainings "
        "classes class veces vez fois mal vezes keer keren razy raz sesiones seances seance "
        "einheiten einheit sessoes sessao treinos treino trainingen treningi treningow kez "
        "volte entrenamientos entrenamiento entrenos 回"
    )
}
COUNT_NOUNS.update(
    {
        "runs": "run",
        "run": "run",
        "jogs": "run",
        "rucks": "ruck",
        "ruck": "ruck",
        "walks": "walk",
        "walk": "walk",
        "hikes": "hike",
        "hike": "hike",
        "rides": "cycle",
        "ride": "cycle",
    }
)

COUNT_ADJECTIVES = words(
    "weighted heavy loaded easy long short hard quick solid good hill tempo interval more big "
    "light outdoor indoor extra ruck run running rucking walking hiking gym training separate "
    "different full proper decent real steady recovery morning evening brisk"
)
"""Words that may stand between a count and what it counts: "2 heavy sessions"."""

UNIT_PATTERN = "|".join(re.escape(word) for word in sorted(UNIT_SPELLINGS, key=len, reverse=True))
COUNT_PATTERN = "|".join(re.escape(word) for word in sorted(COUNT_NOUNS, key=len, reverse=True))
ADJECTIVE_PATTERN = "|".join(COUNT_ADJECTIVES)

_ACTIVITY_WORDS: dict[Activity, str] = {
    "run": "run runs running ran runner jog jogs jogging correr corro corrida corridas "
    "carrera carreras courir cours laufen lauf laufe joggen hardlopen lopen rennen biegac "
    "biegam bieganie biegi bieg kosmak kosu correre corsa",
    "ruck": "ruck rucks rucking rucked rucker ruckers",
    "walk": "walk walks walking walked caminar caminata caminatas caminando marcher marche "
    "gehen spazieren spaziergang wandern wandelen wandeling caminhar caminhada caminhadas "
    "chodzic chodzenie spacer spacery camminare camminata passeggiare yurumek yuruyus",
    "hike": "hike hikes hiking hiked senderismo randonnee randonnees trilha trilhas trekking "
    "trek wedrowka wedrowki escursione",
    "cycle": "bike bikes biking cycle cycling cycled ride rides riding bici bicicleta velo "
    "radfahren fietsen rower rowerem pedalar ciclismo",
}
ACTIVITY_OF_WORD: dict[str, Activity] = {
    word: activity for activity, words in _ACTIVITY_WORDS.items() for word in words.split()
}
ACTIVITY_WORD = re.compile(
    r"\b(" + "|".join(sorted(ACTIVITY_OF_WORD, key=len, reverse=True)) + r")\b|(走|歩)"
)
CJK_ACTIVITIES: dict[str, Activity] = {"走": "run", "歩": "walk"}

ELEVATION_WORDS = re.compile(
    r"\b(?:elevation|elev|of gain|gain of|climb|climbs|climbing|climbed|vert|vertical|ascent|"
    r"uphill|hohenmeter|hm|desnivel|denivele|dislivello|przewyzszeni\w*|hoogtemeters)\b|"
    r"\bd\s?\+"
)
STEPS_WORDS = re.compile(
    r"\b(?:steps?|schritte|pasos|passos|stappen|krokow|kroki|passi|adim)\b(?!\s*-?\s*by\b)"
)
STEP_GOAL_WORDS = re.compile(
    r"\b(?:step goal|step count|steps? target|daily steps|steps? (?:a|per|each|every) (?:day|week)|"
    r"steps daily|more steps|\d+k? steps|walking steps|schritte|pasos|passos|stappen|krokow)\b"
)
"""Steps as a goal, not the steps of a recipe or of an argument."""
POINTS_WORDS = re.compile(r"\b(?:power ?points?|pts|punkte|puntos|pontos|punten)\b")
DISTANCE_WORDS = re.compile(
    r"\b(?:distance|mileage|miles|kilometers|kilometres|km|kms|kilometros|distancia)\b"
)
DURATION_WORDS = re.compile(
    r"\b(?:time goal|hours|minutes|time on (?:my |your )?feet|duration|time spent)\b"
)
SESSION_WORDS = re.compile(r"\b(?:sessions|workouts|times a week|session goal)\b")
STREAK_WORDS = re.compile(
    r"\b(?:streaks?|in a row|consecutive|straight days|days straight|every single day|"
    r"racha|seguid[oa]s|d'affilee|de suite|in folge|am stuck|op rij|achter elkaar|z rzedu|"
    r"di fila)\b"
)
LOAD_WORDS = re.compile(
    r"\b(?:weighted|heavy|loaded|load|pack weight|weight vest|carry|carrying|carried|"
    r"bodyweight|body weight|with weight|plates?)\b"
)
GOAL_WORDS = re.compile(
    r"\b(?:goals?|target|aim|objective|challenge|meta|ziel|objectif|objetivo|doel|cel|"
    r"celem|obiettivo|hedef|streak)\b|目標"
)
WISH_WORDS = re.compile(
    r"\b(?:want|wanna|would like|i'd like|id like|hope|plan|try to|trying to|going to|gonna|"
    r"need to|should i|help me|let's|lets|lemme|set|make|start|quiero|je veux|ich mochte|"
    r"ich will|quero|ik wil|chce|voglio|istiyorum)\b|たい"
)
FITNESS_WORDS = re.compile(
    r"\b(?:fit|fitter|fitness|consistent|active|exercise|training|train|workouts?|"
    r"rucksack|pack|cardio|endurance|pushups?|push-ups?|situps?|squats?|burpees?|pull-?ups?|"
    r"planks?|yoga|swim|swimming|gym|lifting|strength)\b"
)
OTHER_DOMAIN_NOUNS = re.compile(
    r"^\s*(?:of\s+)?(?:books?|pages?|dollars?|euros?|bucks|liters?|litres?|glasses|cups|"
    r"pushups?|push-ups?|situps?|sit-ups?|squats?|burpees?|pull-?ups?|reps?|sets?|calories|kcal|"
    r"cals?|years?|people|persons?|sleep|grams?|g|ml|oz|lines|words|emails|cigarettes|beers?|"
    r"drinks|pm|am|o'clock|kids|children|cats|dogs|apples?|bananas?|eggs?|items?|tasks?|"
    r"minutes? of (?:sleep|work|study|reading|meditation|screen time|tv|gaming|practice)|"
    r"hours? of (?:sleep|work|study|reading|meditation|screen time|tv|gaming|practice))\b"
)
"""What a number counts when it is not ours: "20 books", "8 hours of sleep"."""
OTHER_DOMAIN_VERBS = re.compile(
    r"\b(?:sleep|sleeping|meditate|meditating|meditation|read|reading|study|studying|"
    r"practice|practise|timer|alarm|remind|meeting|work|working|nap|fast|fasting)\b"
)
"""Activities a duration may belong to that no workout records."""
MEDICAL_WORDS = re.compile(
    r"\b(?:hurts?|hurting|pain|painful|injury|injured|sore|ache|aches|swollen|doctor|"
    r"diagnos\w*|symptoms?|medication|prescription)\b"
)
HEDGE_WORDS = re.compile(
    r"\b(?:mostly|mainly|primarily|any activity|all activities|whatever|any kind)\b"
)
SINGLE_SESSION_WORDS = re.compile(
    r"\b(?:without stopping|nonstop|non-stop|in one go|in one session|single|long run|"
    r"long ruck|long walk|longest|full marathon|straight through|reach|able to)\b"
)
CURRENT_STATE_WORDS = re.compile(
    r"\b(?:right now|currently|so far|i'm at|im at|i am at|at the moment|used to|i had|"
    r"last month|last week|last year|already|these days|i've done|ive done|i did|i got|"
    r"yesterday|this morning|last night|"
    r"i managed|i scored|i earned|i logged|usually|typically|normally|on average i|"
    r"i (?:only )?(?:walk|run|ruck|hike|do|get|average|manage|log)\s+(?:about|around|like|"
    r"roughly|maybe|only))\b"
)
TOTAL_WORDS = re.compile(r"\b(?:total|in total|combined|altogether|overall|cumulative)\b")
PER_SESSION_WORDS = re.compile(
    r"^\s*(?:(?:each|every|per|a)\s+(?:session|run|ruck|walk|hike|outing|time|one)|"
    r"each(?!\s+(?:week|wk|weak|day|month|year))|por sesion|par seance|pro einheit|"
    r"cada (?:sesion|vez))\b"
)
WEIGHT_LOSS_WORDS = re.compile(
    r"\b(?:lose|losing|lost|weight loss|body fat|slim down|bmi|drop a dress size)\b"
)
DEFER_WORDS = re.compile(
    r"^\s*(?:not sure|no idea|idk|dunno|i don'?t know|whatever|you (?:choose|decide|pick)|"
    r"anything|any|doesn'?t matter|skip|up to you|your call|default|no preference|"
    r"(?:just )?pick (?:one|for me)|you tell me)\b"
)


# Calendar words (folded): months and weekdays by number, spans by unit.


def _names(table: dict[int, str]) -> dict[str, int]:
    return {word: number for number, spelled in table.items() for word in words(spelled)}


MONTHS = _names(
    {
        1: "january jan enero janvier januar janeiro januari styczen stycznia styczniu gennaio "
        "ocak",
        2: "february feb febrero fevrier februar fevereiro februari luty lutego lutym "
        "febbraio subat",
        3: "march mar marzo mars marz marco maart marzec marca marcu mart",
        4: "april apr abril avril kwiecien kwietnia kwietniu aprile nisan",
        5: "may mayo mai maio mei maj maja maju maggio mayis",
        6: "june jun junio juin juni junho czerwiec czerwca czerwcu giugno haziran",
        7: "july jul julio juillet juli julho lipiec lipca lipcu luglio temmuz",
        8: "august aug agosto aout augustus sierpien sierpnia sierpniu agustos",
        9: "september sep sept septiembre septembre setembro wrzesien wrzesnia wrzesniu "
        "settembre eylul",
        10: "october oct octubre octobre oktober outubro pazdziernik pazdziernika pazdzierniku "
        "ottobre ekim",
        11: "november nov noviembre novembre novembro listopad listopada listopadzie kasim",
        12: "december dec diciembre decembre dezember dezembro grudzien grudnia grudniu "
        "dicembre aralik",
    }
)
AMBIGUOUS_MONTHS = frozenset({"may", "mar", "march", "mars", "jan", "sept", "sep", "mart", "maj"})
"""Month names that are also ordinary words; they need "in"/"by"/… to count as months."""
WEEKDAYS = _names(
    {
        0: "monday mon mondays lunes lundi montag montags segunda maandag poniedzialek lunedi",
        1: "tuesday tue tues tuesdays martes mardi dienstag terca dinsdag wtorek martedi",
        2: "wednesday wed wednesdays miercoles mercredi mittwoch quarta woensdag sroda mercoledi",
        3: "thursday thu thur thurs thursdays jueves jeudi donnerstag quinta donderdag czwartek "
        "giovedi",
        4: "friday fri fridays viernes vendredi freitag sexta vrijdag piatek venerdi",
        5: "saturday sat saturdays sabado samedi samstag zaterdag sobota sabato",
        6: "sunday sun sundays domingo dimanche sonntag zondag niedziela domenica",
    }
)

_SPAN_UNITS = {
    "day": "days day d dias dia jours jour tage tagen tag dagen dag dni dzien gun giorni",
    "week": "weeks week wks wk semanas semana semaines semaine wochen woche weken tygodni "
    "tygodnie tydzien hafta settimane",
    "month": "months month mos mo meses mes mois monate monaten monat maanden maand miesiecy "
    "miesiace miesiac ay mesi",
    "year": "years year yrs anos ano ans annees jahre jahren jaar jaren lat lata rok",
}
SPAN_UNIT = {word: unit for unit, spelled in _SPAN_UNITS.items() for word in words(spelled)}


def activities_in(text: str) -> list[tuple[int, Activity]]:
    """Each activity word with where it starts, in order."""
    found: list[tuple[int, Activity]] = []
    for match in ACTIVITY_WORD.finditer(text):
        word = match.group(1)
        if word is not None:
            found.append((match.start(), ACTIVITY_OF_WORD[word]))
        else:
            found.append((match.start(), CJK_ACTIVITIES[match.group(2)]))
    return found


TOTAL_METRIC: dict[DisplayUnit, Metric] = {
    "km": "distance_km_total",
    "mi": "distance_km_total",
    "m": "elevation_gain_m_total",
    "ft": "elevation_gain_m_total",
    "minutes": "duration_minutes_total",
    "hours": "duration_minutes_total",
    "steps": "steps_total",
    "points": "power_points_total",
    "sessions": "session_count",
    "days": "streak_days",
}
"""The metric a bare total in this unit measures: "50 km" is distance, "500 m" climbing."""
