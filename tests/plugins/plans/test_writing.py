"""A model may explain a plan, never change it: numbers not in the facts, or notes for
sessions that do not exist, fail the answer."""

from __future__ import annotations

from plugins.plans.writing import numbers_in, written_problems

FACTS = (
    '{"race": "half marathon", "date": "2027-04-20", "goal": "1:45:00", "band": "stretch", '
    '"readiness": 78, "weeks": 16, "first_week_tss": 310, "T_pace": "4:58/km", "deload_every": 4}'
)
IDS = {"w1", "w2", "w3"}


def answer(rationale: list[str], notes: list[dict[str, str]]) -> dict[str, object]:
    return {"rationale": rationale, "notes": notes}


def test_numbers_as_written() -> None:
    assert numbers_in("5 × 1000 m at 4:15/km, 3,5 km cool-down, week 04") == {
        "5", "1000", "4:15", "3.5", "4",
    }  # fmt: skip


def test_an_answer_using_the_facts_numbers_passes() -> None:
    good = answer(
        [
            "16 weeks to the half marathon on 2027-04-20: readiness 78 is a stretch, not a given.",
            "Every 4th week is lighter so the build holds; threshold work sits at 4:58/km.",
        ],
        [
            {"id": "w1", "note": "Keep it conversational."},
            {"id": "w3", "note": "Relax at 4:58/km."},
        ],
    )
    assert written_problems(good, FACTS, IDS) == []


def test_a_number_of_its_own_fails() -> None:
    bad = answer(["You will run 1:44:30 if all goes well.", "Sixteen weeks of steady work."], [])
    [problem] = written_problems(bad, FACTS, IDS)
    assert "use only numbers that appear in the facts" in problem
    assert "1:44:30" not in problem  # never quotes the model


def test_notes_for_unknown_or_repeated_sessions_fail() -> None:
    ok = ["A stretch goal: readiness 78.", "Build for 16 weeks."]
    unknown = answer(ok, [{"id": "w9", "note": "Go easy."}])
    twice = answer(ok, [{"id": "w1", "note": "Go easy."}, {"id": "w1", "note": "Again."}])
    for data in (unknown, twice):
        assert written_problems(data, FACTS, IDS) == [
            "write at most one note per listed session, using its id exactly"
        ]
