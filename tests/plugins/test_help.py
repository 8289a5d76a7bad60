"""The help skill: the overview, scope reminders, medical declines, unknown commands."""

from __future__ import annotations

from bot.skill import UserProfile
from tests.support.skills import PickySkill, TallySkill

ANA = UserProfile(user_id="ana")


async def test_overview_lists_each_installed_skill_with_an_example(make_engine) -> None:
    engine = await make_engine([TallySkill(), PickySkill()], only_help=True)
    reply = (await engine.handle(ANA, "What can you do?")).reply
    assert "Counts with you." in reply.text and "Only talks about kettlebells." in reply.text
    assert "“/picky kettlebell swings”" in reply.text
    assert "/cancel" in reply.text and "/tally" in reply.text
    assert [chip.value for chip in reply.chips] == ["/picky kettlebell swings", "/tally"]


async def test_overview_without_other_skills_says_so(make_engine) -> None:
    engine = await make_engine([], only_help=True)
    reply = (await engine.handle(ANA, "/help")).reply
    assert "No coaching skills are switched on yet" in reply.text


async def test_greetings_and_help_requests_are_claimed_but_questions_with_content_are_not(
    make_engine,
) -> None:
    engine = await make_engine([])
    for text in ["hi", "Hello!", "help", "what can u do?", "thanks"]:
        assert (await engine.handle(UserProfile(user_id=text), text)).route == "intent", text
    result = await engine.handle(ANA, "help me find a cheap flight to Rome")
    assert result.route == "fallback" and "training" in result.reply.text


async def test_unknown_command_lists_the_real_ones(make_engine) -> None:
    engine = await make_engine([TallySkill()])
    reply = (await engine.handle(ANA, "/dance")).reply
    assert "I don't know the command /dance" in reply.text and "/tally" in reply.text


async def test_medical_questions_are_declined_with_a_pointer_to_a_professional(make_engine) -> None:
    engine = await make_engine([TallySkill()])
    result = await engine.handle(ANA, "What are the treatments for plantar fasciitis?")
    assert result.outcome == "refused"
    assert "medical advice" in result.reply.text and "physio" in result.reply.text
