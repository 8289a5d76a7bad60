/**
 * Goal cards. `goal_preview` shows a draft with its Create/Cancel chips; `goal` shows a goal's
 * progress bar, pace, ETA, streak, next reminder and status, with Pause/Resume and Delete
 * buttons that call the REST API and redraw the card in place from the answer. Goal cards loaded
 * from the history are redrawn from `GET /api/v1/goals`, so they show the goal as it is now.
 */
import { api } from "./api.js";
import { genericCard, refreshers, renderers } from "./cards.js";
import { h } from "./dom.js";

const STATUS_TEXT = {
  active: "Active",
  paused: "Paused",
  completed: "Completed",
  canceled: "Canceled",
  expired: "Expired",
  deleted: "Deleted",
};

const PACE_TEXT = {
  ahead: "Ahead",
  on_track: "On track",
  behind: "Behind",
  severely_behind: "Well behind",
};

/** Units whose words differ from their keys: [one, many]. */
const UNIT_WORDS = {
  mi: ["mile", "miles"],
  minutes: ["minute", "minutes"],
  hours: ["hour", "hours"],
  steps: ["step", "steps"],
  points: ["point", "points"],
  sessions: ["session", "sessions"],
  days: ["day", "days"],
};

const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const DAY = { weekday: "short", day: "numeric", month: "short" };
const MOMENT = { ...DAY, hour: "2-digit", minute: "2-digit" };

renderers.goal_preview = (card, ctx) =>
  isDraft(card.data) ? previewCard(card, ctx) : genericCard(card, ctx);

renderers.goal = (card, ctx) =>
  isGoal(card.data) ? goalCard(card.data, ctx) : genericCard(card, ctx);

refreshers.push(refreshGoalCards);

/** The goal each card on the page was drawn from. */
const drawn = new WeakMap();

/** Redraws every goal card under `root` from the goals as they are now; a goal no longer
 * listed was deleted. */
async function refreshGoalCards(root, ctx) {
  const cards = [...root.querySelectorAll("article.card-goal[data-goal-id]")];
  if (!cards.length) return;
  const { goals } = await api("/api/v1/goals", { token: ctx.token?.() });
  const now = new Map(goals.map((goal) => [goal.id, goal]));
  for (const el of cards) {
    const before = drawn.get(el);
    const goal = now.get(el.dataset.goalId) ?? (before && { ...before, status: "deleted" });
    if (goal && el.isConnected) el.replaceWith(goalCard(goal, ctx));
  }
}

// checks

function isDraft(data) {
  return typeof data?.title === "string" && Number.isFinite(data.display_target);
}

function isGoal(data) {
  const { id, title, status, progress } = data ?? {};
  return (
    typeof id === "string" &&
    typeof title === "string" &&
    Object.hasOwn(STATUS_TEXT, status) &&
    (progress == null || Number.isFinite(progress.progress_percent))
  );
}

// words

function quantity(value, unit) {
  const [one, many] = UNIT_WORDS[unit] ?? [unit, unit];
  return `${NUMBER.format(value)} ${value === 1 ? one : many}`;
}

function amount(goal) {
  const p = goal.progress;
  const [one, many] = UNIT_WORDS[goal.display_unit] ?? [goal.display_unit, goal.display_unit];
  const unit = p.display_target === 1 ? one : many;
  return `${NUMBER.format(p.display_current)} of ${NUMBER.format(p.display_target)} ${unit}`;
}

function localTime(iso, options) {
  const at = iso ? new Date(iso) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toLocaleString(undefined, options) : null;
}

// the preview of a draft

function previewCard(card, ctx) {
  const summary = h(
    "p",
    { class: "goal-summary" },
    h("span", { class: "badge badge-draft" }, "Draft"),
    h("span", {}, "Nothing is saved until you create it."),
  );
  return genericCard(card, ctx, { body: summary });
}

// the card of a goal

function goalCard(goal, ctx) {
  const active = goal.status === "active";
  const el = h(
    "article",
    {
      class: `card card-goal goal-${goal.status}`,
      "data-goal-id": goal.id,
      "aria-label": `Goal: ${goal.title}`,
      tabindex: "-1",
    },
    h(
      "header",
      { class: "card-header goal-header" },
      h("h2", { class: "card-title" }, goal.title),
      h("span", { class: `badge status-${goal.status}` }, STATUS_TEXT[goal.status]),
    ),
    goal.description && h("p", { class: "card-subtitle" }, goal.description),
    goal.progress
      ? progressBlock(goal, active)
      : h("p", { class: "goal-note" }, "No progress yet."),
    detailRows(goal, active),
    h("p", { class: "card-error", role: "alert", hidden: true }),
  );
  drawn.set(el, goal);
  const buttons = actionButtons(goal, el, ctx);
  if (buttons.length) {
    const group = { class: "card-actions", role: "group", "aria-label": `${goal.title}: actions` };
    el.append(h("div", group, buttons));
  }
  return el;
}

function progressBlock(goal, active) {
  const percent = Math.max(0, Math.min(100, Math.round(goal.progress.progress_percent)));
  const label = amount(goal);
  const fill = h("div", { class: "progress-fill" });
  fill.style.width = `${percent}%`; // through the CSSOM, which the style-src policy allows
  const pace = active && PACE_TEXT[goal.progress.pace];
  return h(
    "div",
    { class: "goal-progress" },
    h(
      "div",
      {
        class: "progress-track",
        role: "progressbar",
        "aria-valuenow": percent,
        "aria-valuemin": 0,
        "aria-valuemax": 100,
        "aria-label": label,
      },
      fill,
    ),
    h(
      "p",
      { class: "progress-text" },
      h("span", {}, `${label} · ${percent}%`),
      pace && h("span", { class: `badge pace-${goal.progress.pace}` }, pace),
    ),
  );
}

/** When the goal is reached at the current pace; says so when that is after its window. */
function eta(progress) {
  const when = localTime(progress.eta, DAY);
  if (!when || progress.on_pace_to_finish !== false || !progress.window_end) return when;
  const end = new Date(Date.parse(progress.window_end) - 1);
  return `${when} — after ${end.toLocaleDateString(undefined, DAY)}, at this pace`;
}

function detailRows(goal, active) {
  const p = goal.progress;
  const rows = [
    active && p && ["ETA", eta(p)],
    p?.streak_current > 0 && ["Streak", `🔥 ${quantity(p.streak_current, "days")}`],
    active && ["Next reminder", localTime(goal.next_reminder_at, MOMENT)],
  ].filter((row) => row && row[1]);
  if (!rows.length) return null;
  return h(
    "table",
    { class: "card-fields" },
    h(
      "tbody",
      {},
      rows.map(([label, value]) =>
        h("tr", {}, h("th", { scope: "row" }, label), h("td", {}, value)),
      ),
    ),
  );
}

// pause, resume, delete

function actionButtons(goal, el, ctx) {
  const path = `/api/v1/goals/${encodeURIComponent(goal.id)}`;
  const patch = (status) => () =>
    act(el, ctx, () => api(path, { method: "PATCH", body: { status }, token: ctx.token?.() }));
  const remove = () => {
    if (!confirm(`Delete the goal "${goal.title}"? Its progress and reminders go with it.`)) return;
    act(el, ctx, async () => {
      await api(path, { method: "DELETE", token: ctx.token?.() });
      return { ...goal, status: "deleted" };
    });
  };
  const buttons = [];
  if (goal.status === "active") buttons.push(button("Pause", patch("paused")));
  if (goal.status === "paused") buttons.push(button("Resume", patch("active")));
  if (goal.status !== "deleted") buttons.push(button("Delete", remove, "chip chip-danger"));
  return buttons;
}

function button(label, onclick, className = "chip") {
  return h("button", { type: "button", class: className, onclick }, label);
}

/** Runs `request` (which answers the goal as it is now) and redraws every card of that goal. */
async function act(el, ctx, request) {
  const buttons = el.querySelectorAll(".card-actions button");
  buttons.forEach((b) => (b.disabled = true));
  el.setAttribute("aria-busy", "true");
  el.querySelector(".card-error").hidden = true;
  try {
    const goal = await request();
    const fresh = redraw(goal, el, ctx);
    (fresh.querySelector(".card-actions button") ?? fresh).focus();
  } catch (error) {
    el.removeAttribute("aria-busy");
    buttons.forEach((b) => (b.disabled = false));
    showError(el, error?.message || "Something went wrong. Please try again.");
  }
}

/** Redraws `el` and the other cards of this goal on the page; returns the new `el`. */
function redraw(goal, el, ctx) {
  const selector = `article.card-goal[data-goal-id="${CSS.escape(goal.id)}"]`;
  for (const other of document.querySelectorAll(selector)) {
    if (other !== el) other.replaceWith(goalCard(goal, ctx));
  }
  const fresh = goalCard(goal, ctx);
  el.replaceWith(fresh);
  return fresh;
}

function showError(el, message) {
  const slot = el.querySelector(".card-error");
  slot.textContent = message;
  slot.hidden = false;
}
