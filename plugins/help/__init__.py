"""The built-in ``help`` skill: what coachbot can do, and the answer to anything unclaimed.

It is also the worked example of ``docs/skills.md``: commands, a cheap deterministic intent,
an optional LLM path through a versioned prompt whose output is enum-constrained, and a
deterministic fallback that works offline.
"""

from plugins.help.skill import HelpSkill

__all__ = ["HelpSkill"]
