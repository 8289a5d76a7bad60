"""Code, SQL and markup, recognised by their structure rather than by keywords.

A keyword list blocks real people: "Drop my weekly goal to 4", "Delete my old streak goal",
"Join a ruck class", "I'm learning Java on my commute walks". So each pattern asks for the
shape of a statement: ``SELECT … FROM table``, ``DELETE FROM t WHERE``, ``def f(``,
``console.log``, a tag with an event handler, or an explicit request to write code. The same
patterns check what the model writes (see :mod:`guardrails.content`).

All patterns read folded text: lowercase ASCII (see :mod:`guardrails.normalize`).
"""

from __future__ import annotations

import re

from guardrails.signal import Signal, pattern_signal

# Words after FROM that make it English ("select a route from the list"), not a table name.
_NOT_A_TABLE = (
    r"(?!(?:the|my|a|an|this|that|these|those|your|our|his|her|their|last|next|each|every|all"
    r"|some|any|one|two|three|it|them|me|you|us|here|there|now|today|tomorrow|yesterday|home"
    r"|work|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|scratch)\b)"
)
_IDENT = r"[a-z_][\w.]*"
_TABLE = r"[a-z_`\"\[][\w.`\"\]]*"

SQL = re.compile(
    rf"""
    \bselect\s+(?:distinct\s+|top\s+\d+\s+)?(?:\*|(?:count|avg|sum|min|max)\s*\()
    | \bselect\s+{_IDENT}(?:\s+as\s+\w+)?(?:\s*,\s*{_IDENT}(?:\s+as\s+\w+)?)*
      \s+from\s+{_NOT_A_TABLE}{_IDENT}
    | \binsert\s+(?:ignore\s+)?into\s+{_TABLE}\s*(?:\(|values\b|select\b|set\b)
    | \bdelete\s+from\s+{_NOT_A_TABLE}{_TABLE}\s*(?:where\b|;|$)
    | \bupdate\s+{_TABLE}\s+set\s+[\w.`"\[\]]+\s*=
    | \b(?:drop|truncate|alter)\s+(?:table|database|schema|view|index|column|procedure)\b
    | \bcreate\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?
      (?:table|database|schema|view|index|procedure|trigger)\s+(?:if\s+not\s+exists\s+)?[a-z_`"\[]
    | \bunion\s+(?:all\s+)?select\b
    | ['"]\s*(?:or|and)\s+['"]?\w+['"]?\s*=\s*['"]?\w+
    | ['"]\s*;\s*(?:drop|delete|insert|update|select|shutdown|exec)\b
    | \bexec(?:ute)?\s+(?:xp|sp)_\w+
    | \binformation_schema\b | \bsqlite_master\b | \bwaitfor\s+delay\b
    | \b(?:write|give|generate|create|make|show|need|build|help)\b[^.?!\n]{0,40}?
      \b(?:sql|mysql|postgres(?:ql)?|sqlite|t-sql|pl/sql)\b
    | \b(?:sql|mysql|postgres(?:ql)?|sqlite)\s+
      (?:query|queries|statements?|injection|commands?|code|script|syntax|database|table|schema)\b
    """,
    re.X | re.M,
)

_LANGUAGES = (
    r"(?:python|java|javascript|typescript|js|node(?:\.js)?|c\+\+|c\#|rust|golang|ruby|php|perl"
    r"|bash|shell|powershell|html|css|dart|flutter|kotlin|swift|scala|haskell|lua|matlab|vba"
    r"|assembly|solidity|r|go|c)"
)
_CODE_NOUNS = r"(?:code|script|program|function|snippet|class|method|module|loop|regex|one-liner)"
_ASK_FOR_CODE = (
    r"(?:write|writing|generate|create|debug|fix|refactor|review|complete|explain|translate"
    r"|convert|evaluate|run|execute|compile|optimi[sz]e|give\s+me|show\s+me|help\s+me\s+with"
    r"|help\s+me\s+write|can\s+you\s+code|code\s+me)"
)

CODE = re.compile(
    rf"""
    \bdef\s+[a-z_]\w*\s*\(
    | \bfunction\s+[a-z_$][\w$]*\s*\( | \bfunction\s*\([^)]*\)\s*\{{ | \bfunction\(
    | \bconsole\.(?:log|error|warn|info)\b
    | \bprint(?:ln|f)?\s*\((?:\s*["'`]|[\w.]*\))
    | \becho\s+["'$]
    | ^\s*import\s+[a-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[a-z_][\w.]*)*\s*;?\s*$
    | ^\s*from\s+[a-z_][\w.]*\s+import\s+(?:\*|[a-z_]\w*(?:\s*,\s*[a-z_]\w*)*)\s*$
    | \bimport\s+(?:java|javax|android|react|numpy|pandas|os|sys|requests|torch|tensorflow)\b
    | \brequire\s*\(\s*['"]
    | =>\s*\{{ | \)\s*=>
    | \{{[^{{}}]*;[^{{}}]*\}} | \{{\s*"[^"]+"\s*: | \{{\{{.*?\}}\}} | \$\{{[^}}]*\}}
    | \#include\s*[<"] | \#!\s*/ | <\?php
    | \b(?:var|let|const)\s+[a-z_$][\w$]*\s*=[^=]
    | \b(?:public|private|protected)\s+(?:static\s+)?(?:void|int|string|class|boolean)\b
    | \bvoid\s+[a-z_]\w*\s*\( | \bint\s+main\s*\( | \bsystem\.out\.print | \bstd::
    | \bclass\s+[a-z_]\w*\s*(?:\([\w.,\s]*\)\s*:|\{{|extends\b|implements\b)
    | \b(?:if|while)\s*\(.*\)\s*\{{
    | \bfor\s*\(\s*(?:int|let|var|const)\s+\w+\s*[=:] | \bfor\s*\(\s*\w+\s*=\s*\d+\s*;
    | \blambda\s+\w*\s*:
    | \brm\s+-rf\b | \bsudo\s+[a-z] | \bchmod\s+[0-7+] | \bcurl\s+-[a-z]{{1,2}}\s+\S
    | \bcurl\s+https?: | \bwget\s+\S | \bbash\s+-c\b | \bcmd\.exe\b | /bin/(?:ba)?sh\b
    | /etc/passwd\b | \beval\s*\( | \bexec\s*\( | \bos\.system\b | \bsubprocess\. | __import__
    | \b{_ASK_FOR_CODE}\b[^.?!\n]{{0,40}}?\b{_LANGUAGES}\s+{_CODE_NOUNS}\b
    | \b(?:write|writing|generate|debug|fix|refactor)\b[^.?!\n]{{0,30}}?
      \b(?:code|coding|a\s+function|a\s+regex|a\s+regular\s+expression|an?\s+algorithm
        |an?\s+api|a\s+website|a\s+web\s*page|a\s+chrome\s+extension|malware|a\s+virus
        |a\s+keylogger|an?\s+exploit|a\s+program\s+(?:in|that)\b)
    | \b(?:python|linux|bash|unix|sql|javascript|js|node|ruby|windows|powershell|dos|mysql)\s+
      (?:console|interpreter|terminal|shell|compiler|repl)\b
    | \bact\s+as\s+an?\s+(?:console|terminal|interpreter|compiler)\b
    | \bcode\s+interpreter\b
    | \b(?:python|javascript|typescript|c\+\+|golang|php|ruby|dart|kotlin)\s+
      (?:code|script|snippet|function|program)\b
    | \bjava\s+(?:code|snippet|function|program|class)\b
    """,
    re.X | re.M,
)

_TAGS = (
    r"(?:script|img|image|iframe|svg|object|embed|style|link|meta|body|html|head|form|input"
    r"|video|audio|source|base|details|math|marquee|frame|frameset|applet|a|div|span|p|table"
    r"|textarea|button|select|option|xml|xss|b|i|u|br|h[1-6]|ul|li|title)"
)

MARKUP = re.compile(
    rf"""
    <\s*/?\s*(?:script|img|iframe|svg|object|embed|math|xss|frameset|applet)\b
    | </?{_TAGS}(?:\s[^<>]*)?/?>
    | <[a-z][\w-]*\s+[a-z-]+\s*=\s*["']?[^<>]*>
    | \bon(?:error|load|click|mouseover|focus|blur|submit|change|input|keydown|keyup
         |pointerover|animationstart|toggle|begin)\s*=
    | \b(?:java|vb)script\s*:
    | \bdata\s*:\s*text/html
    | !\[[^\]]*\]\([^)]*\)
    | \[[^\]]+\]\(\s*(?:https?:|www\.|javascript:|data:|mailto:|/)[^)]*\)
    | &(?:lt|gt|quot|\#x?[0-9a-f]+);
    | \\begin\{{ | \\(?:textbf|section|documentclass|multicolumn|hline|usepackage)\b
    | <!-- | \bsrcdoc\s*= | \bexpression\s*\(
    """,
    re.X,
)

CODE_FENCE = re.compile(r"```|~~~")

# A backtick used as an apostrophe ("don`t") is not code.
BACKTICK = re.compile(r"`(?![a-z])|(?<![a-z])`")

SIGNALS = (
    pattern_signal("code_fence", (), "`~", CODE_FENCE),
    pattern_signal("backtick", (), "`", BACKTICK),
    pattern_signal(
        "sql",
        (
            "select", "insert", "delete", "table", "database", "schema", "view", "index",
            "column", "procedure", "trigger", "xp", "sp", "master", "waitfor", "sql", "mysql",
            "postgres", "postgresql", "sqlite",
        ),
        "=",
        SQL,
    ),
    pattern_signal(
        "code",
        (
            "def", "function", "console", "print", "println", "printf", "echo", "import",
            "require", "int", "void", "std", "class", "lambda", "rf", "sudo", "chmod", "curl",
            "wget", "bash", "cmd", "bin", "passwd", "eval", "exec", "subprocess", "code",
            "coding", "script", "program", "snippet", "method", "module", "loop", "regex",
            "liner", "algorithm", "api", "website", "web", "webpage", "extension", "malware",
            "virus", "keylogger", "exploit", "expression", "interpreter", "terminal", "shell",
            "compiler", "repl", "main",
        ),
        "{=`#<",
        CODE,
    ),
    pattern_signal(
        "markup",
        (
            "script", "javascript", "vbscript", "html", "lt", "gt", "quot", "onerror",
            "onload", "onclick", "onmouseover", "onfocus", "srcdoc", "expression",
        ),
        "<\\]=#",
        MARKUP,
    ),
)  # fmt: skip
