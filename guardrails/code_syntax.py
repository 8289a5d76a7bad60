"""Code, SQL and markup, recognised by their structure rather than by keywords.

A keyword list blocks real people: "Drop my weekly goal to 4", "Delete my old streak goal",
"Join a ruck class", "I'm learning Java on my commute walks". So each rule asks for the
shape of a statement: ``SELECT … FROM table``, ``DELETE FROM t WHERE``, ``def f(``,
``console.log``, a tag with an event handler, or an explicit request to write code. The same
rules check what the model writes (see :mod:`guardrails.content`).

All patterns read folded text: lowercase ASCII (see :mod:`guardrails.normalize`).
"""

from __future__ import annotations

from guardrails.signal import Signal, anywhere, at

# Words after FROM that make it English ("select a route from the list"), not a table name.
_NOT_A_TABLE = (
    r"(?!(?:the|my|a|an|this|that|these|those|your|our|his|her|their|last|next|each|every|all"
    r"|some|any|one|two|three|it|them|me|you|us|here|there|now|today|tomorrow|yesterday|home"
    r"|work|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|scratch)\b)"
)
_IDENT = r"[a-z_][\w.]*"
_TABLE = r"[a-z_`\"\[][\w.`\"\]]*"

SQL_STATEMENT_RULES = (
    at("select", rf"""
       select\s+(?:distinct\s+|top\s+\d+\s+)?(?:\*|(?:count|avg|sum|min|max)\s*\()
       | select\s+{_IDENT}(?:\s+as\s+\w+)?(?:\s*,\s*{_IDENT}(?:\s+as\s+\w+)?)*
         \s+from\s+{_NOT_A_TABLE}{_IDENT}"""),
    at("insert", rf"insert\s+(?:ignore\s+)?into\s+{_TABLE}\s*(?:\(|values\b|select\b|set\b)"),
    at("delete", rf"delete\s+from\s+{_NOT_A_TABLE}{_TABLE}\s*(?:where\b|;|$)"),
    at("update", rf"update\s+{_TABLE}\s+set\s+[\w.`\"\[\]]+\s*=", chars="="),
    at("drop truncate alter",
       r"(?:drop|truncate|alter)\s+(?:table|database|schema|view|index|column|procedure)\b",
       needs="table database schema view index column procedure"),
    at("create", r"""create\s+(?:or\s+replace\s+)?(?:temp(?:orary)?\s+)?
       (?:table|database|schema|view|index|procedure|trigger)\s+(?:if\s+not\s+exists\s+)?
       [a-z_`\"\[]""", needs="table database schema view index procedure trigger"),
    at("union", r"union\s+(?:all\s+)?select\b"),
    anywhere(r"""['"]\s*(?:or|and)\s+['"]?\w+['"]?\s*=\s*['"]?\w+""", chars="="),
    at("exec execute", r"exec(?:ute)?\s+(?:xp|sp)_\w+"),
    at("information sqlite waitfor", r"information_schema\b|sqlite_master\b|waitfor\s+delay\b"),
)  # fmt: skip
"""SQL statements, in messages and in model output."""

SQL_REQUEST_RULES = (
    at("write give generate create make show need build help",
       r"""(?:write|give|generate|create|make|show|need|build|help)\b[^.?!\n]{0,40}?
       \b(?:sql|mysql|postgres(?:ql)?|sqlite|t-sql|pl/sql)\b""",
       needs="sql mysql postgres postgresql sqlite"),
    at("sql mysql postgres postgresql sqlite", r"""(?:sql|mysql|postgres(?:ql)?|sqlite)\s+
       (?:query|queries|statements?|injection|commands?|code|script|syntax|database|table
       |schema)\b"""),
)  # fmt: skip
"""Requests for SQL."""

_LANGUAGES = (
    r"(?:python|java|javascript|typescript|js|node(?:\.js)?|c\+\+|c\#|rust|golang|ruby|php|perl"
    r"|bash|shell|powershell|html|css|dart|flutter|kotlin|swift|scala|haskell|lua|matlab|vba"
    r"|assembly|solidity|r|go|c)"
)
_CODE_NOUNS = r"(?:code|script|program|function|snippet|class|method|module|loop|regex|one-liner)"
_CODE_NOUN_WORDS = "code script program function snippet class method module loop regex liner"
_ASK_WORDS = (
    "write writing generate create debug fix refactor review complete explain translate "
    "convert evaluate run execute compile optimize optimise give show help code"
)
_ASK_FOR_CODE = (
    r"(?:write|writing|generate|create|debug|fix|refactor|review|complete|explain|translate"
    r"|convert|evaluate|run|execute|compile|optimi[sz]e|give\s+me|show\s+me|help\s+me\s+with"
    r"|help\s+me\s+write|code\s+me)"
)
_CONSOLES = "python linux bash unix sql javascript js node ruby windows powershell dos mysql"
# "I write code all day" is about the person, not a request.
_NOT_ABOUT_ME = r"(?<!\bi\s)(?<!\bwe\s)(?<!\bi'm\s)(?<!\bim\s)(?<!\bbeen\s)(?<!\bthey\s)"

CODE_SYNTAX_RULES = (
    at("def", r"def\s+[a-z_]\w*\s*\("),
    at("function", r"function\s+[a-z_$][\w$]*\s*\(|function\s*\([^)]*\)\s*\{|function\("),
    at("console", r"console\.(?:log|error|warn|info)\b"),
    at("print println printf", r"print(?:ln|f)?\s*\((?:\s*[\"'`]|[\w.]*\))"),
    at("echo", r"echo\s+[\"'$]"),
    anywhere(r"^[ \t]*import\s+[a-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[a-z_][\w.]*)*\s*;?[ \t]*$",
             words="import"),
    anywhere(r"^[ \t]*from\s+[a-z_][\w.]*\s+import\s+(?:\*|[a-z_]\w*(?:\s*,\s*[a-z_]\w*)*)[ \t]*$",
             words="import"),
    at("import", r"import\s+(?:java|javax|android|react|numpy|pandas|os|sys|requests|torch"
       r"|tensorflow)\b"),
    at("require", r"require\s*\(\s*['\"]"),
    anywhere(r"=>\s*\{|\)\s*=>", chars="="),
    anywhere(r"\{[^{}]*;[^{}]*\}|\{\s*\"[^\"]+\"\s*:|\{\{.*?\}\}|\$\{[^}]*\}", chars="{"),
    anywhere(r"\#include\s*[<\"]|\#!\s*/", chars="#"),
    anywhere(r"<\?php", chars="<"),
    anywhere(r"\b(?:var|let|const)\s+[a-z_$][\w$]*\s*=[^=]", chars="="),
    at("public private protected",
       r"(?:public|private|protected)\s+(?:static\s+)?(?:void|int|string|class|boolean)\b"),
    at("void", r"void\s+[a-z_]\w*\s*\("),
    at("int", r"int\s+main\s*\("),
    at("system", r"system\.out\.print"),
    at("std", r"std::"),
    at("class", r"class\s+[a-z_]\w*\s*(?:\([\w.,\s]*\)\s*:|\{|extends\b|implements\b)"),
    anywhere(r"\b(?:if|while)\s*\(.*\)\s*\{", chars="{"),
    anywhere(r"\bfor\s*\(\s*(?:int|let|var|const)\s+\w+\s*[=:]|\bfor\s*\(\s*\w+\s*=\s*\d+\s*;",
             chars="="),
    at("lambda", r"lambda\s+\w*\s*:"),
    at("rm", r"rm\s+-rf\b"),
    at("sudo", r"sudo\s+[a-z]"),
    at("chmod", r"chmod\s+[0-7+]"),
    at("curl", r"curl\s+-[a-z]{1,2}\s+\S|curl\s+https?:"),
    at("wget", r"wget\s+\S"),
    at("bash", r"bash\s+-c\b"),
    at("cmd", r"cmd\.exe\b"),
    anywhere(r"/bin/(?:ba)?sh\b|/etc/passwd\b", words="bin passwd"),
    at("eval exec", r"(?:eval|exec)\s*\("),
    anywhere(r"\bos\.system\b", words="system"),
    at("subprocess", r"subprocess\."),
    anywhere(r"__import__", words="import"),
)  # fmt: skip
"""Code constructs, in messages and in model output."""

CODE_REQUEST_RULES = (
    at(_ASK_WORDS,
       rf"{_NOT_ABOUT_ME}{_ASK_FOR_CODE}\b[^.?!\n]{{0,40}}?\b{_LANGUAGES}\s+{_CODE_NOUNS}\b",
       needs=_CODE_NOUN_WORDS),
    at("write writing generate debug fix refactor", rf"""{_NOT_ABOUT_ME}(?:
         (?:write|writing|generate|fix)\b[^.?!\n]{{0,30}}?
         \b(?:code|coding|a\s+function|a\s+regex|a\s+regular\s+expression|an?\s+algorithm
           |an?\s+api|a\s+website|a\s+web\s*page|a\s+chrome\s+extension|malware|a\s+virus
           |a\s+keylogger|an?\s+exploit|a\s+program\s+(?:in|that)\b)
       | (?:debug|refactor)\b[^.?!\n]{{0,30}}?\b(?:code|function|script|program|regex|class
         |method|loop)
       )""",
       needs="code coding function regex expression algorithm api website web webpage "
             "extension malware virus keylogger exploit program script class method loop"),
    at(_CONSOLES, rf"""(?:{_CONSOLES.replace(" ", "|")})\s+
       (?:console|interpreter|terminal|shell|compiler|repl)\b"""),
    at("act", r"act\s+as\s+an?\s+(?:console|terminal|interpreter|compiler)\b",
       needs="console terminal interpreter compiler"),
    at("code", r"code\s+interpreter\b"),
    # Bare "python code"; "I write Python scripts at work" is left to the rule above.
    at("python javascript typescript c golang php ruby kotlin",
       r"(?<!\bwrite\s)(?<!\bwriting\s)(?<!\bcode\s)"
       r"(?:python|javascript|typescript|c\+\+|golang|php|ruby|kotlin)\s+"
       r"(?:code|scripts?|snippets?|functions?|programs?)\b"),
    at("java", r"java\s+(?:code|snippets?|functions?|programs?|class(?:es)?)\b"),
)  # fmt: skip
"""Requests for code, or for the assistant to act as an interpreter."""

_TAGS = (
    r"(?:script|img|image|iframe|svg|object|embed|style|link|meta|body|html|head|form|input"
    r"|video|audio|source|base|details|math|marquee|frame|frameset|applet|a|div|span|p|table"
    r"|textarea|button|select|option|xml|xss|b|i|u|br|h[1-6]|ul|li|title)"
)
_HANDLERS = (
    "onerror onload onclick onmouseover onfocus onblur onsubmit onchange oninput onkeydown "
    "onkeyup onpointerover onanimationstart ontoggle onbegin"
)

MARKUP_RULES = (
    anywhere(rf"""
       <\s*/?\s*(?:script|img|iframe|svg|object|embed|math|xss|frameset|applet)\b
       | </?{_TAGS}(?:\s[^<>]*)?/?>
       | <[a-z][\w-]*\s+[a-z-]+\s*=\s*["']?[^<>]*>
       | <!--""", chars="<"),
    at(_HANDLERS, rf"(?:{_HANDLERS.replace(' ', '|')})\s*="),
    at("javascript vbscript", r"(?:java|vb)script\s*:"),
    at("data", r"data\s*:\s*text/html", needs="html"),
    anywhere(r"!\[[^\]]*\]\([^)]*\)|\[[^\]]+\]\(\s*(?:https?:|www\.|javascript:|data:|mailto:|/)",
             chars="]"),
    at("lt gt quot", r"(?<=&)(?:lt|gt|quot);"),
    anywhere(r"&\#x?[0-9a-f]+;", chars="#"),
    anywhere(r"\\begin\{|\\(?:textbf|section|documentclass|multicolumn|hline|usepackage)\b",
             chars="\\"),
    at("alert confirm prompt", r"(?:alert|confirm|prompt)\s*\(\s*(?:\d|['\"`]|document|window)"),
    anywhere(r"%3c\s*/?\s*(?:script|img|svg|iframe|body|a\b)|\\(?:u003c|x3c)", chars="%\\"),
    anywhere(r"<%=?", chars="<"),
    at("srcdoc", r"srcdoc\s*="),
    at("expression", r"expression\s*\(", needs="expression"),
)  # fmt: skip

FENCE_RULE = anywhere(r"```|~~~", chars="`~")
# A backtick used as an apostrophe ("don`t") is not code.
BACKTICK_RULE = anywhere(r"`(?![a-z])|(?<![a-z])`", chars="`")

SIGNALS = (
    Signal("code_fence", (FENCE_RULE,)),
    Signal("backtick", (BACKTICK_RULE,)),
    Signal("sql", (*SQL_STATEMENT_RULES, *SQL_REQUEST_RULES)),
    Signal("code", (*CODE_SYNTAX_RULES, *CODE_REQUEST_RULES)),
    Signal("markup", MARKUP_RULES),
)
