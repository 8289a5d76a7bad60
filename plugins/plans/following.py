"""The chat about a plan the athlete already has: what is on today, tomorrow, this week or
next, the paces, and sessions reported done or missed ("did my long run", "I missed my tempo"),
which are marked as the complete and skip endpoints mark them. The readers are pure
(``questions``, ``reports``); this module answers from the stored plan.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from bot.skill import Card, Chip, Reply, SkillContext
from plugins.plans import cards
from plugins.plans.api_models import SessionOut
from plugins.plans.questions import Question
from plugins.plans.reports import LOOK_BACK_DAYS, OpenSession, Report, pick_session
from plugins.plans.routes import plan_week, session_out
from plugins.plans.service import PlanService, local_today
from plugins.plans.settings import PlansSettings
from plugins.plans.store import Document


async def answer(question: Question, service: PlanService, ctx: SkillContext) -> Reply:
    """The athlete's plan, as asked: the week, one day's session, or the paces."""
    plan = await service.store.current(ctx.user.user_id)
    if plan is None:
        return no_plan()
    today = local_today(ctx.clock(), ctx.user.tz)
    if question == "paces":
        if plan.get("vdot") is None:
            return Reply(
                text="Your plan goes by effort: it had no race time to set paces from. "
                "Each session says how hard to run (RPE and heart-rate zone)."
            )
        return Reply(text=cards.paces_text(float(plan["vdot"])))
    if question in ("today", "tomorrow"):
        day = today + timedelta(days=question == "tomorrow")
        return await _day(service, plan, day, question, ctx)
    day = today + timedelta(days=7 if question == "next_week" else 0)
    card, outs = await _week(service, plan, ctx, day)
    return Reply(text=_week_summary(outs, next_week=question == "next_week"), cards=[card])


async def _day(
    service: PlanService, plan: Document, day: date, said: str, ctx: SkillContext
) -> Reply:
    sessions, _ = await service.sessions(ctx.user, plan, day, day + timedelta(days=1), ctx.clock())
    outs = [session_out(s) for s in sessions]
    start, end = date.fromisoformat(plan["start_date"]), date.fromisoformat(plan["event_date"])
    if not outs:
        when = (
            f"your plan starts {start:%A %-d %B}"
            if day < start
            else f"your plan ended with the race on {end:%-d %B}"
            if day > end
            else "it is a free day"
        )
        return Reply(text=f"Nothing planned {said}: {when}.")
    if all(o.status == "rest" for o in outs):
        return Reply(
            text=f"{said.capitalize()} is a rest day: recovery is where the training sets in.",
            cards=[cards.day_card(o) for o in outs],
        )
    runs = [o for o in outs if o.status != "rest"]
    marks = {"done": " (done)", "skipped": " (skipped)", "missed": " (missed)"}
    titles = " and ".join(o.workout.title.lower() + marks.get(o.status, "") for o in runs)
    shown = [cards.day_card(o) for o in runs]
    return Reply(text=f"{said.capitalize()}: {titles}.", cards=shown)


async def _week(
    service: PlanService, plan: Document, ctx: SkillContext, day: date | None = None
) -> tuple[Card, list[SessionOut]]:
    now = ctx.clock()
    index, start = plan_week(plan, day or local_today(now, ctx.user.tz))
    sessions, _ = await service.sessions(ctx.user, plan, start, start + timedelta(days=7), now)
    outs = [session_out(s) for s in sessions]
    return cards.week_card(f"{plan['name']} — week {index + 1}", outs), outs


async def mark(report: Report, service: PlanService, ctx: SkillContext) -> Reply:
    """A session told in chat as done is marked done; one told as missed is skipped and the
    plan rebuilt around it: what the complete and skip endpoints do."""
    plan = await service.store.current(ctx.user.user_id)
    if plan is None:
        return no_plan()
    now = ctx.clock()
    today = local_today(now, ctx.user.tz)
    window = timedelta(days=LOOK_BACK_DAYS)
    docs = await service.store.workouts(
        ctx.user.user_id, plan["_id"], today - window, today + window + timedelta(days=1)
    )
    open_sessions = [
        OpenSession(d["_id"], date.fromisoformat(d["scheduled_date"]), d["workout_type"])
        for d in docs
        if not d.get("completed") and not d.get("skipped")
    ]
    picked = pick_session(report, open_sessions, today)
    if picked is None:
        return Reply(
            text=f"I couldn't find {_which(report)} in your plan that is still open. "
            "“/plan week” shows this week's sessions.",
            chips=[Chip(label="This week", value="/plan week")],
        )
    if report.outcome == "done":  # no logged workout, so nothing is re-planned
        doc = await service.complete(ctx.user, plan["_id"], picked.id, None, None, now)
        said = f"Nice work — marked your {doc['title'].lower()} on {picked.day:%a %-d %b} done."
        card, _ = await _week(service, plan, ctx)
        return Reply(text=said, cards=[card])
    doc = await service.skip(ctx.user, plan["_id"], picked.id, "Told in chat", now)
    rebuilt = (
        " I've rebuilt the weeks ahead from where you are now."
        if cast(PlansSettings, ctx.settings).replan_on_skip
        else ""
    )
    said = (
        f"Marked your {doc['title'].lower()} on {picked.day:%a %-d %b} as skipped."
        f"{rebuilt} One missed session costs little — carry on with the next one."
    )
    rebuilt_plan = await service.store.current(ctx.user.user_id)  # a skip may re-plan
    card, _ = await _week(service, rebuilt_plan or plan, ctx)
    return Reply(text=said, cards=[card])


def no_plan() -> Reply:
    return Reply(
        text="You have no plan yet. Tell me your race, e.g. “plan me a half marathon on 18 April, "
        "goal 1:45, 4 days a week”.",
        chips=cards.race_chips(),
    )


def _which(report: Report) -> str:
    what = {
        "long": "a long run",
        "tempo": "a tempo or interval session",
        "intervals": "an interval or tempo session",
        "recovery": "a recovery run",
        "easy": "an easy run",
        "cross": "a cross-training session",
    }.get(report.workout_type or "", "a session")
    if report.day is not None:
        return f"{what} on {report.day:%a %-d %b}"
    return f"{what} in the {'coming' if report.ahead else 'last'} {LOOK_BACK_DAYS} days"


def _week_summary(sessions: list[SessionOut], *, next_week: bool = False) -> str:
    runs = [s for s in sessions if s.status != "rest"]
    if next_week:
        return f"Next week: {len(runs)} sessions."
    done = sum(s.status == "done" for s in runs)
    return f"This week: {len(runs)} sessions, {done} done."
