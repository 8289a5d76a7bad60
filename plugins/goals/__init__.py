"""The goals skill: chat-to-goal, workouts, progress evaluation and the goals API (seed 000)."""
