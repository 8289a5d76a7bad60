"""Attempts to replace the assistant's instructions with the sender's own.

Recognised by phrase structure, not single words: "ignore all previous instructions" is an
injection, "forget the previous plan, I want 3 rucks a week" is a person changing their mind.
The verb must aim at instructions, rules or prompts (or at "everything above" followed by a new
order); fake conversation delimiters ("[system]", "END USER INPUT", "<|im_start|>") and the
"say 'access granted'" family are recognised by their shape.
"""

from __future__ import annotations

from guardrails.signal import Signal, anywhere, at, present

_VERB_WORDS = (
    "ignore ignoring disregard disregarding forget forgetting override overriding bypass "
    "bypassing overlook neglect discard abandon erase circumvent"
)
_VERB = f"(?:{_VERB_WORDS.replace(' ', '|')})"
_DETERMINER = (
    r"(?:all|any|the|your|ur|of|every|each|these|those|such|and|its|current|given|other"
    r"|internal|safety|security|content|developer|openai|ethical|moral|set|above|mentioned)"
)
_WHEN = (
    r"(?:previous|previously|prior|above|earlier|preceding|former|original|initial|old|existing"
    r"|system|default|foregoing|past|first|starting|pre-?set|pre-?programmed|programmed)"
)
_WHAT = (
    r"(?:instructions?|directions?|directives?|rules?|prompts?|guidelines?|commands?|orders?"
    r"|programming|constraints?|restrictions?|polic(?:y|ies)|guardrails?|filters?|training"
    r"|context|conditioning|limitations?|boundaries|protocols?|settings?|messages?|information"
    r"|assignments)"
)
_WHAT_WORDS = (
    "instruction instructions direction directions directive directives rule rules prompt "
    "prompts guideline guidelines command commands order orders programming constraint "
    "constraints restriction restrictions policy policies guardrail guardrails filter filters "
    "training context conditioning limitation limitations boundaries protocol protocols "
    "setting settings message messages information assignments"
)
_ORDER = (
    r"(?:say|print|output|respond|reply|tell|translate|repeat|reveal|act|pretend|answer|return"
    r"|spell|summari[sz]e|type|display|obey)"
)
_LANGUAGES = (
    r"(?:english|french|spanish|german|italian|chinese|japanese|korean|russian|portuguese"
    r"|arabic|hindi|dutch|turkish|polish|latin|pig\s+latin|emoji|morse|binary|hex|leetspeak)"
)
_ASSISTANT_ROLES = (
    "developer creator admin administrator maintainer owner programmer operator sysadmin"
)

RULES = (
    at(_VERB_WORDS, rf"""{_VERB}\s+(?:
         (?:{_DETERMINER}\s+){{0,4}}{_WHEN}\s+(?:[a-z]+\s+)?{_WHAT}\b
       | (?:all|any|every|your|ur)\s+(?:{_DETERMINER}\s+){{0,3}}(?:{_WHEN}\s+)?{_WHAT}\b
       | (?:(?:the|these|those)\s+)?
         (?:instructions|system\s+prompt|prompt|programming|directives|guardrails|safety\s+\w+)\b
       | (?:{_DETERMINER}\s+){{0,3}}{_WHAT}\s+(?:above|before|so\s+far|given|earlier
         |previously|you\s+(?:were|have\s+been)\s+given|you\s+got|(?:i|we)\s+gave\s+you)\b
       )""", needs=_WHAT_WORDS + " safety", cue="starts"),
    # "Ignore everything above and say …": pointing at the text above, then a new order.
    at("ignore ignoring disregard disregarding", rf"""
       (?:ignor(?:e|ing)|disregard(?:ing)?)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|this\s+|that\s+)?
       (?:text|words|content|messages?|everything|anything|above|foregoing|previous|prior
         |preceding|earlier)\b[^\n]{{0,40}}?(?:\band\b|\bthen\b|[,.;:!-])\s*
       (?:(?:instead|just|only|simply|now|please|then)\s+)*{_ORDER}\b"""),
    at("ignora ignorar ignoriere ignorieren ignorez ignorer olvida olvidar olvide vergiss "
       "vergessen oublie oubliez esqueca esquece dimentica",
       r"""(?:ignor\w*|olvid\w*|vergiss\w*|vergess\w*|oubli\w*|esquec\w*|dimentic\w*)\b
       [^.\n]{0,30}\b(?:instrucciones|instrucoes|anweisungen|istruzioni|instructions|reglas
       |regeln|regles|regras|regole)\b""",
       needs="instrucciones instrucoes anweisungen istruzioni instructions reglas regeln "
             "regles regras regole"),
    at("new updated real actual true additional extra secret hidden revised admin override",
       r"""(?:new|updated|real|actual|true|additional|extra|secret|hidden|revised|admin|override)
       \s+(?:instructions?|directives?|system\s+prompt|prompt)\s*(?::|-|=|>|\bare\b)""",
       needs="instructions instruction directive directives prompt"),
    at("your", r"your\s+new\s+(?:task|role|instructions?|directive|purpose)\b",
       needs="task role instructions instruction directive purpose"),
    at("begin start end", r"""(?:begin|start|end)\s+(?:of\s+)?(?:the\s+)?
       (?:extra\s+|new\s+|system\s+|admin\s+|real\s+)?(?:[a-z]+-sector\s+)?instructions\b""",
       needs="instructions"),
    at("end begin start", r"""(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:untrusted\s+)?user\s+
       (?:input|message|ambiguity|query|prompt|authentication)""", needs="user"),
    at("end", r"end\s+of\s+(?:the\s+)?(?:chat|conversation|prompt|system\s+prompt|context)\b",
       needs="chat conversation prompt context"),
    anywhere(r"""\[\s*/?\s*(?:system|assistant|user|inst|sys|admin|developer|instructions?|prompt
       |gpt|chatgpt|bot|pre-prompt|output|end|start)\s*\]""", chars="["),
    anywhere(r"""<\|?\s*(?:im_start|im_end|endoftext|endofprompt|system|user|assistant|eot_id
       |start_header_id|end_header_id)\s*\|?> | <<\s*/?\s*sys\s*>>""", chars="<"),
    anywhere(r"%%%", chars="%"),
    anywhere(r"^[ \t]*\#{2,}\s*(?:end|begin|system|instruction|new|user)", chars="#"),
    anywhere(r"^[ \t]*(?:system|assistant|sys|admin|developer)\s*:",
             words="system assistant sys admin developer"),
    at("access", r"access\s+(?:granted|denied)\b", needs="granted denied"),
    anywhere(r"""(?:["']\s*[a-z]\s*["']\s*,\s*){3,}""", chars='"'),
    at("only just simply", r"""(?:only|just|simply)\s+(?:respond|reply|answer|say|output|write
       |print|type)\s+(?:with\s+)?["']""",
       needs="respond reply answer say output write print type"),
    at("respond reply answer output print",
       r"""(?:respond|reply|answer|output|print)\s+(?:only\s+|exactly\s+|simply\s+)?with\s*:?\s*["']"""),
    at("do don dont never", r"""(?:do\s+not|don't|dont|never)\s+(?:say|write|output|print|type)\s+
       (?:anything|any\s+\w+)\s+(?:other|else)\b""", needs="say write output print type"),
    at("say", r"""say\s+["'][^"'\n]{1,40}["']\s+and\s+nothing\s+else"""),
    at("i im as", rf"""
       (?:i'?m|i\s+am|as)\s+your\s+(?:\w+\s+)?(?:{_ASSISTANT_ROLES.replace(" ", "|")})\b
       | (?:i'?m|i\s+am)\s+the\s+(?:\w+\s+)?(?:{_ASSISTANT_ROLES.replace(" ", "|")})\s+of\s+
         (?:this|the|your)\s+(?:bot|ai|app|assistant|system|model|chatbot|program)\b""",
       needs=_ASSISTANT_ROLES),
    at("execute evaluate process run", r"""(?:execute|evaluate|process|run)\s+the\s+following\s+
       (?:query|code|command|instructions?|script|prompt|request)""", needs="following"),
    at("new", r"new\s+tasks?\s+(?:follows?|is|are|:)", needs="task tasks"),
    at("focus start", r"""(?:focus\s+on\s+your\s+new\s+task|start\s+over\s+with\s+a\s+new
       \s+task)""", needs="task"),
    present("pwned pwn3d"),
    at("translate", rf"translate\b[^.?!\n]{{0,60}}\b(?:into|to|in)\s+(?:only\s+|plain\s+)?"
       rf"{_LANGUAGES}\b"),
)  # fmt: skip

SIGNALS = (Signal("injection", RULES),)
