"""The deterministic, offline goal parser: chat text in, a goal draft, one clarifying question
or "not a goal" out; plus chat edits of existing goals, a cheap routing signal and the words a
goal is shown with.

Modules, one idea each: ``normalize`` (folding), ``numbers`` (number words and formats),
``lexicon`` (units, activities, cue words), ``dates`` and ``localtime`` (time phrases and local
days), ``rates`` ("a week"), ``quantities`` (amounts), ``reading`` (what one message says),
``windows`` (goal windows), ``state`` (the goal between turns), ``questions`` (clarifiers),
``parse`` (the entry), ``edits``, ``signal`` and ``titles``.
"""

from plugins.goals.parser.edits import Edit, GoalHint, parse_edit
from plugins.goals.parser.parse import Clarify, Draft, NotAGoal, ParseResult, parse_goal
from plugins.goals.parser.signal import asks_for_race_plan, goal_signal
from plugins.goals.parser.state import PartialGoal
from plugins.goals.parser.titles import describe, draft_description, draft_title, reworded

__all__ = [
    "Clarify",
    "Draft",
    "Edit",
    "GoalHint",
    "NotAGoal",
    "ParseResult",
    "PartialGoal",
    "asks_for_race_plan",
    "describe",
    "draft_description",
    "draft_title",
    "goal_signal",
    "parse_edit",
    "parse_goal",
    "reworded",
]
