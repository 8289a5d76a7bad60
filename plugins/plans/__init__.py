"""The plans skill: race plans, training paces and feasibility (seeds 001, 002, 004)."""
