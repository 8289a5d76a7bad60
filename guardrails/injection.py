"""Attempts to replace the assistant's instructions with the sender's own.

Recognised by phrase structure, not single words: "ignore all previous instructions" is an
injection, "forget the previous plan, I want 3 rucks a week" is a person changing their mind.
The verb must aim at instructions, rules or prompts (or at "everything above" followed by a new
order); fake conversation delimiters ("[system]", "END USER INPUT", "<|im_start|>") and the
"say 'access granted'" family are recognised by their shape.
"""

from __future__ import annotations

import re

from guardrails.signal import pattern_signal

_VERB = (
    r"(?:ignore|ignoring|disregard|disregarding|forget|forgetting|override|overriding|bypass"
    r"|bypassing|overlook|neglect|discard|abandon|erase|circumvent)"
)
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
    r"|context|conditioning|limitations?|boundaries|protocols?|settings?|messages?)"
)
_ORDER = (
    r"(?:say|print|output|respond|reply|tell|translate|repeat|reveal|act|pretend|answer|return"
    r"|spell|summari[sz]e|type|display|obey)"
)

INJECTION = re.compile(
    rf"""
    \b{_VERB}\s+(?:{_DETERMINER}\s+){{0,4}}{_WHEN}\s+(?:[a-z]+\s+)?{_WHAT}\b
    | \b{_VERB}\s+(?:all|any|every|your|ur)\s+(?:{_DETERMINER}\s+){{0,3}}(?:{_WHEN}\s+)?{_WHAT}\b
    | \b{_VERB}\s+(?:(?:the|these|those)\s+)?
      (?:instructions|system\s+prompt|prompt|programming|directives|guardrails|safety\s+\w+)\b
    | \b{_VERB}\s+(?:{_DETERMINER}\s+){{0,3}}{_WHAT}\s+(?:above|before|so\s+far|given|earlier
      |previously|you\s+(?:were|have\s+been)\s+given|you\s+got|(?:i|we)\s+gave\s+you)\b
    | \b(?:ignore|disregard)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|this\s+|that\s+)?
      (?:text|words|content|messages?|everything|anything|above|foregoing|previous|prior
        |preceding|earlier)\b[^\n]{{0,40}}?(?:\band\b|\bthen\b|[,.;:!-])\s*
      (?:(?:instead|just|only|simply|now|please|then)\s+)*{_ORDER}\b
    | \b(?:new|updated|real|actual|true|additional|extra|secret|hidden|revised|admin|override)
      \s+(?:instructions?|directives?|system\s+prompt|prompt)\s*(?::|-|=|>|\bare\b)
    | \byour\s+new\s+(?:task|role|instructions?|directive|purpose|goal\s+is\s+to\s+(?:say|print))
    | \b(?:begin|start|end)\s+(?:of\s+)?(?:the\s+)?(?:extra\s+|new\s+|system\s+|admin\s+|real\s+)?
      (?:[a-z]+-sector\s+)?instructions\b
    | \b(?:end|begin|start)\s+(?:of\s+)?(?:the\s+)?(?:untrusted\s+)?user\s+
      (?:input|message|ambiguity|query|prompt|authentication)
    | \bend\s+of\s+(?:the\s+)?(?:chat|conversation|prompt|system\s+prompt|context)\b
    | \[\s*/?\s*(?:system|assistant|user|inst|sys|admin|developer|instructions?|prompt|gpt
      |chatgpt|bot|pre-prompt|output|end|start)\s*\]
    | <\|?\s*(?:im_start|im_end|endoftext|endofprompt|system|user|assistant|eot_id
      |start_header_id|end_header_id)\s*\|?>
    | <<\s*/?\s*sys\s*>> | %%% | ^\s*\#{{2,}}\s*(?:end|begin|system|instruction|new|user)
    | ^\s*(?:system|assistant|sys|admin|developer)\s*:
    | \baccess\s+(?:granted|denied)\b
    | (?:["']\s*[a-z]\s*["']\s*,\s*){{3,}}
    | \b(?:only|just|simply)\s+(?:respond|reply|answer|say|output|write|print|type)\s+
      (?:with\s+)?["']
    | \b(?:respond|reply|answer|output|print)\s+(?:only\s+|exactly\s+|simply\s+)?with\s*:?\s*["']
    | \b(?:do\s+not|don't|dont|never)\s+(?:say|write|output|print|type)\s+
      (?:anything|any\s+\w+)\s+(?:other|else)\b
    | \bsay\s+["'][^"'\n]{{1,40}}["']\s+and\s+nothing\s+else
    | \b(?:i'?m|i\s+am|as)\s+(?:your|the)\s+(?:\w+\s+)?(?:developer|creator|admin|administrator
      |maintainer|owner|programmer|operator|sysadmin)\b
    | \b(?:execute|evaluate|process|run)\s+the\s+following\s+
      (?:query|code|command|instructions?|script|prompt|request)
    | \btranslate\b[^.?!\n]{{0,60}}\b(?:into|to|in)\s+(?:english|french|spanish|german|italian
      |chinese|japanese|korean|russian|portuguese|arabic|hindi|dutch|turkish|polish|latin
      |pig\s+latin|emoji|morse|binary|hex|leetspeak)\b
    """,
    re.X | re.M,
)

SIGNALS = (
    pattern_signal(
        "injection",
        (
            "ignore", "ignoring", "disregard", "disregarding", "forget", "forgetting",
            "override", "overriding", "bypass", "bypassing", "overlook", "neglect", "discard",
            "abandon", "erase", "circumvent", "instructions", "instruction", "directive",
            "directives", "prompt", "user", "chat", "conversation", "context", "system",
            "assistant", "sys", "admin", "developer", "granted", "denied", "respond", "reply",
            "answer", "output", "print", "say", "write", "type", "creator", "administrator",
            "maintainer", "owner", "programmer", "operator", "sysadmin", "following",
            "translate", "task", "role", "purpose",
        ),
        '[<#%"',
        INJECTION,
    ),
)  # fmt: skip
