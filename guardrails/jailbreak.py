"""Role-play and "no rules" framings that try to talk the assistant out of its limits.

Jailbreaks come in many wordings, so no single phrase finds them all. Instead, markers are
weighed: a few are conclusive on their own ("developer mode", "do anything now", "stay in
character", "regardless of legality"); others only point that way ("you are a historian…",
"purely for academic purposes", "a fictional scenario", "illegal"). A message is a jailbreak
when the weights add up to :data:`THRESHOLD` and at least one marker is more than a hint, so
a stray "hypothetical" or "illegal" in a normal message never blocks it.
"""

from __future__ import annotations

from guardrails.screen import screen_word
from guardrails.signal import Rule, Signal, View, anywhere, at, present, word_positions

THRESHOLD = 4
CONCLUSIVE = 4
STRONG = 2
HINT = 1
HINT_CAP = 2
"""Harm words add up to at most this much, whatever their number."""


_ROLE_NOUNS = (
    r"(?:character|writer|author|novelist|journalist|historian|villain|anthropologist|scientist"
    r"|researcher|professor|detective|hacker|lawyer|criminal|officer|agent|spy|consultant"
    r"|screenwriter|playwright|poet|reporter|expert|program|system|guidebook|door|ai|chatbot"
    r"|bot|robot|model|entity|persona|simulator|machine)"
)
_PURPOSES = (
    r"(?:academic|research|educational|fictional|journalistic|hypothetical|scientific"
    r"|informational|entertainment|creative|artistic|testing|study|study's)"
)

_ASSIGN_ROLE = r"""
    (?:you\s+are|you're|you\s+will\s+be)\s+(?:now\s+)?(?:["']?[\w-]+["']?,\s+)?
    (?:a|an|the)\s+(?:[a-z-]+\s+){0,3}?"""

MARKERS: tuple[Rule, ...] = (
    at("jailbreak jailbroken jailbreaking jailbreaks jail",
       r"jail\s*-?\s*br(?:eak|oken|eaking|eaks)\b", weight=CONCLUSIVE),
    at("do", r"do\s+anything\s+now\b", needs="anything", weight=CONCLUSIVE),
    at("a an the as", r"(?:a|an|the|as)\s+dan\b", needs="dan", weight=CONCLUSIVE),
    at("dan dans", r"dan\s+(?:mode|prompt)\b|dans\b", weight=CONCLUSIVE),
    at("developer dev god evil unlocked jailbroken unrestricted uncensored unfiltered chaos "
       "anarchy sudo admin debug maintenance opposite dan dude stan",
       r"""(?:developer|dev|god|evil|unlocked|jailbroken|unrestricted|uncensored|unfiltered
       |chaos|anarchy|sudo|admin|debug|maintenance|opposite|dan|dude|stan)\s+mode\b""",
       needs="mode", weight=CONCLUSIVE),
    at("unfiltered uncensored unrestricted unmoderated unbound unleashed unlimited unhinged "
       "amoral immoral rogue evil",
       r"""(?:un(?:filtered|censored|restricted|moderated|bound|leashed|limited|hinged)|amoral
       |immoral|rogue|evil),?\s+(?:[a-z]+\s+){0,2}?(?:ai|a\.i\.|model|language\s+model|chatbot
       |bot|assistant|version|responses?|character|persona|answers?|gpt|llm|outputs?|entity
       |simulation|confidant|twin)\b""", weight=CONCLUSIVE),
    at("no without free ignore ignoring bypass bypassing break breaking disregard disregarding "
       "not zero violate violates violating violation abandon abandoning",
       r"""(?:no|without|free\s+(?:of|from)|ignor(?:e|ing)|bypass(?:ing)?|break(?:ing)?
       |disregard(?:ing)?|not\s+bound\s+by|zero|violat\w*|abandon(?:ing)?)\s+
       (?:any\s+|all\s+|the\s+|its\s+|their\s+)?(?:ethical|moral|content|safety|openai'?s?|usual
       |typical|programmed)\s+(?:[a-z]+\s+){0,2}?(?:restrictions|filters?|filtering|guidelines
       |limitations|censorship|moderation|polic(?:y|ies)|principles|constraints|boundaries
       |confines|safeguards|standards|considerations|concerns)\b""",
       needs="ethical moral content safety openai usual typical programmed", weight=CONCLUSIVE),
    at("stay remain keep staying", r"(?:stay|remain|keep|staying)\s+in\s+character\b",
       needs="character", weight=CONCLUSIVE),
    at("break breaking", r"break(?:ing)?\s+character\b", needs="character", weight=CONCLUSIVE),
    anywhere(r"""\(\W{0,3}(?:normal|developer\s+mode|jailbreak|jailbroken|classic|dan)\s+
       (?:output|response)\)""", words="output response", weight=CONCLUSIVE),
    at("typoglycemia typoglycemiac typoglycemiacs", r"typoglycemia", weight=CONCLUSIVE),
    at("opposite contrary",
       r"(?:opposite|contrary)\s+of\s+what\s+(?:chatgpt|you|an?\s+ai|gpt|an?\s+assistant)",
       weight=CONCLUSIVE),
    at("simulate simulates simulating simulation simulator",
       r"""simulat(?:e|es|ing|ion|or)\b[^.\n]{0,60}?\b(?:ai|chatbot|virtual\s+machine
       |language\s+model|gpt|chatgpt|developer\s+mode|code\s+interpreter|assistant|bot
       |models?)\b""", weight=CONCLUSIVE),
    at("regardless disregarding",
       r"""regardless\s+of\s+(?:the\s+)?(?:legality|ethics|morality|laws?|policies)\b
       | disregarding\s+(?:the\s+)?(?:legality|ethics|morality|laws?)\b""",
       needs="legality ethics morality law laws policies", weight=CONCLUSIVE),
    at("typical", r"typical\s+confines\b", needs="confines", weight=CONCLUSIVE),
    at("never cannot can won will not",
       r"""never\s+refuse\b|(?:cannot|can't|won't|will\s+not|not\s+allowed\s+to)\s+refuse\b""",
       needs="refuse", weight=CONCLUSIVE),
    at("deceased dead late", r"(?:deceased|dead|late)\s+grand(?:ma|mother|pa|father)\b",
       needs="grandma grandmother grandpa grandfather", weight=CONCLUSIVE),
    at("openai anthropic", r"(?:openai|anthropic)'?s?\s+(?:content\s+)?polic", weight=CONCLUSIVE),
    at("broken freed", r"broken\s+free\b|freed\s+from\b", weight=STRONG),
    at("can will do answer knowledge anything",
       r"""(?:can|will)\s+(?:do|say|answer)\s+anything\b | do\s+anything\b
       | answer\s+(?:any|every|all)\s+(?:questions?|prompts?|requests?)\b
       | knowledge\s+of\s+everything\b | anything\s+and\s+everything\b""",
       needs="anything everything answer", weight=STRONG),
    at("you", rf"{_ASSIGN_ROLE}{_ROLE_NOUNS}\b",
       needs="character writer author novelist journalist historian villain anthropologist "
             "scientist researcher professor detective hacker lawyer criminal officer agent spy "
             "consultant screenwriter playwright poet reporter expert program system guidebook "
             "door chatbot bot robot model entity persona simulator machine", weight=STRONG),
    at("act acting", r"""(?:act|acting)\s+as\s+(?:an?\s+)?(?:[a-z]+\s+){0,2}?(?:ai|chatbot
       |language\s+model|llm|gpt|simulator|virtual\s+machine|persona|character|entity|bot
       |model)\b""",
       needs="chatbot model llm gpt simulator machine persona character entity bot",
       weight=STRONG),
    at("imagine suppose pretend",
       r"(?:imagine|suppose|pretend)\s+(?:that\s+)?(?:you'?re|you\s+are|you\s+were|to\s+be)\s+"
       r"(?:an?|the)\s", weight=STRONG),
    at("in as", r"""(?:in\s+the\s+spirit\s+of|as\s+part\s+of)\s+(?:an?\s+|my\s+|our\s+|this\s+)?
       (?:academic|research|scientific|educational)""",
       needs="academic research scientific educational", weight=STRONG),
    at("as", r"""as\s+part\s+of\s+(?:an?|my|our|this)\s+(?:research\s+|academic\s+)?
       (?:project|study|paper)\b""", needs="project study paper", weight=STRONG),
    at("for purely only solely strictly",
       rf"(?:for|purely\s+for|only\s+for|solely\s+for|strictly\s+for)\s+{_PURPOSES}\s+purposes?\b",
       needs="purposes purpose", weight=STRONG),
    at("purely entirely completely strictly just",
       r"""(?:purely|entirely|completely|strictly|just)\s+(?:fictional|hypothetical
       |for\s+(?:fiction|research|academic))\b | purely\s+for\b""",
       needs="fictional hypothetical purely", weight=STRONG),
    at("this", r"""this\s+is\s+(?:purely\s+|just\s+|only\s+)?(?:for\s+)?(?:a\s+)?(?:fiction
       |fictional|hypothetical|research|academic|story|novel)\b""",
       needs="fiction fictional hypothetical research academic story novel", weight=STRONG),
    at("fictional hypothetical imaginary dystopian",
       r"""(?:fictional|hypothetical|imaginary|dystopian)\s+(?:[a-z]+\s+){0,2}?(?:story
       |scenario|world|novel|narrative|character|society|setting|debate|speech|situation
       |organization|organisation|universe|account|letter|country|company)""", weight=STRONG),
    at("character", r"character\s+in\s+a\s+(?:story|novel|play|movie|game|book)\b",
       weight=STRONG),
    at("let lets we", r"(?:let'?s|we)\s+(?:do\s+a\s+|play\s+a\s+)?(?:role-?play|game)\b",
       needs="roleplay role game", weight=STRONG),
    at("play take assume in role roleplay",
       r"(?:play|take\s+on|assume|in)\s+the\s+role\s+of\b|role-?play\s+as\b",
       needs="role roleplay", weight=STRONG),
    at("immerse", r"immerse\s+yourself\b", weight=STRONG),
    at("content", r"content\s+polic(?:y|ies)\b", weight=STRONG),
    at("without no zero free", r"""without\s+(?:any\s+)?(?:warnings?|disclaimers?|moralizing
       |moralising|censorship|restrictions|limitations|filters?)\b
       | (?:no|zero|free\s+(?:of|from))\s+(?:all\s+)?(?:restrictions|limitations|filters
         |filtering|censorship|moderation)\b""",
       needs="warnings warning disclaimers disclaimer moralizing moralising censorship "
             "restrictions limitations filters filter filtering moderation", weight=STRONG),
    at("do don dont never", r"""(?:do\s+not|don'?t|never)\s+(?:refuse|decline|warn|apologi[sz]e
       |censor|mention\s+(?:that\s+)?you(?:'re|\s+are)?\s+(?:an?\s+)?(?:ai|assistant
       |language))""", needs="refuse decline warn apologize apologise censor mention",
       weight=STRONG),
    at("abide bound rules", r"(?:abide\s+by|bound\s+by)\s+(?:the\s+|any\s+)?"
       r"(?:rules|policies|guidelines)\b|rules\s+imposed\b", needs="abide imposed", weight=STRONG),
    at("from", r"""from\s+now\s+on,?\s+you\s+(?:are|will|must|shall)\s+(?:going\s+to\s+)?
       (?:act|play|pretend|simulate)\b""", needs="act play pretend simulate", weight=STRONG),
    present("chatgpt openai gpt claude anthropic bard llama llm", weight=HINT),
    at("language ai artificial", r"language\s+model|ai\s+model|artificial\s+intelligence",
       needs="model intelligence", weight=HINT),
    at("from", r"from\s+now\s+on\b", needs="now", weight=HINT),
    at("two", r"""two\s+(?:different\s+|separate\s+|distinct\s+)*(?:responses|answers|ways
       |paragraphs|outputs)\b""", weight=HINT),
    at("write compose draft craft create generate", r"""(?:write|compose|draft|craft|create
       |generate)\s+(?:a|an|the|me\s+a)\s+(?:[a-z]+\s+){0,3}?(?:paragraph|letter|speech|poem
       |story|essay|article|blog\s+post|tweet|thread|post|monologue|dialogue|manual|campaign
       |argument|justification|note|email|song|lyrics|report|memo|press\s+release
       |propaganda)\b""", weight=HINT),
    at("research sociology academic term school college university writing",
       r"""(?:research|sociology|academic|term|school|college|university)\s+(?:paper|project
       |essay|study)\b | writing\s+an\s+essay\b""", needs="paper project essay study",
       weight=HINT),
    present("justify justifies justification", weight=HINT),
    at("ethical moral legal", r"""(?:ethical|moral|legal)\s+(?:guidelines|concerns|standards
       |principles|restrictions|constraints|boundaries)\b""", weight=HINT),
    at("roleplay role", r"role-?play\b", weight=HINT),
)  # fmt: skip

_HARM_WORD_LIST = (
    "illegal illegally unethical immoral harmful offensive controversial reprehensible "
    "profanity nsfw malware violence violent weapon weapons bomb explosive explosives drugs "
    "heroin cocaine meth fraud fraudulent criminal criminals crime crimes blackmail bribe "
    "bribery bribing hacking steal stealing counterfeit launder laundering extremist terrorist "
    "terrorism nazi racist genocide murder torture cloning misinformation mislead elimination "
    "nuclear swear hate"
)

HARM = {screen_word(w): w for w in _HARM_WORD_LIST.split()}
"""Harm words (screen form → as written): hints that only count next to a real marker."""

CUES = frozenset(w for rule in MARKERS if rule.weight >= STRONG for w in rule.cue_words)
"""Words without which no marker above a hint can fire: the prefilter's cue for this check."""


def jailbreak_score(signal: Signal, view: View, *, enough: int | None = None) -> int:
    """The weighed markers in ``view``; 0 unless a marker above a hint is present. With
    ``enough``, stops counting as soon as the score reaches it."""
    total = 0
    strongest = 0
    rules = sorted(signal.cued_rules(view), key=lambda rule: -rule.weight)
    for rule in rules:
        if rule.weight < STRONG and strongest < STRONG:
            return 0  # only hints are left, and hints alone never count
        if rule.fires(view):
            total += rule.weight
            strongest = max(strongest, rule.weight)
            if enough is not None and total >= enough and strongest >= STRONG:
                return total
    if strongest < STRONG:
        return 0
    return total + _harm_hints(view)


def _is_jailbreak(signal: Signal, view: View) -> bool:
    return jailbreak_score(signal, view, enough=THRESHOLD) >= THRESHOLD


def _harm_hints(view: View) -> int:
    """One point per harm word in the text, at most :data:`HINT_CAP`."""
    found = 0
    for screen, word in HARM.items():
        if screen in view.words and next(word_positions(view.text, word), None) is not None:
            found += 1
            if found == HINT_CAP:
                break
    return found


SIGNALS = (Signal("jailbreak", MARKERS, decide=_is_jailbreak, cue_words=CUES, cue_chars=b""),)
