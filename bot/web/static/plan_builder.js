/**
 * The plan builder: a form for one or more goals and the athlete, the planning mode (safe by
 * default; risk accepted only behind an explicit acknowledgement, seed 002), a preview that shows
 * per-goal feasibility, per-target satisfaction with the unmet gap, conflicts and, in risk mode,
 * what safe training would say — then create. The numbers all come from `POST /plans/preview`
 * and `POST /plans`; the page only arranges them and turns codes into the server's sentences.
 * Current load comes from the workouts the user logged (the API fills it in when none is sent).
 */
import { ApiError, api } from "./api.js";
import { h } from "./dom.js";

const RUN_DISTANCES = [
  ["5000", "5K"],
  ["10000", "10K"],
  ["21097.5", "Half marathon"],
  ["42195", "Marathon"],
  ["other", "Other distance"],
];
const BAND_WORDS = {
  feasible: "Feasible",
  stretch: "A stretch",
  aggressive: "Aggressive",
  nearly_impossible: "Nearly impossible",
  infeasible: "Infeasible",
};
const TARGET_WORDS = {
  finish_time: "Finish time",
  pace: "Pace",
  power: "Power",
  split: "Split",
  completion_probability: "Finish strong",
};
const RISK_TEXT =
  "I understand that this plan may go beyond safe training limits — faster load increases, " +
  "fewer easy weeks — with a real risk of injury or burnout, and that it may still not reach " +
  "my goal.";
const MAX_GOALS = 8;

export class PlanBuilder {
  /** `onCreated(plan)` runs after a plan is saved; `onCancel` when there is a plan to go back to. */
  constructor(root, { token, onCreated, onCancel }) {
    this.root = root;
    this.token = token;
    this.onCreated = onCreated;
    this.onCancel = onCancel;
    this.goalCount = 0;
  }

  show() {
    this.goals = h("div", { class: "builder-goals" });
    this.addGoal();
    this.error = h("div", { class: "form-error", role: "alert", hidden: true });
    this.result = h("section", {
      class: "builder-result",
      "aria-live": "polite",
      "aria-label": "Preview",
    });
    this.ack = h("input", { type: "checkbox", id: "risk-ack", onchange: () => this.sync() });
    this.ackBox = h(
      "div",
      { class: "builder-ack", hidden: true },
      this.ack,
      h("label", { for: "risk-ack" }, RISK_TEXT),
    );
    this.previewButton = h("button", { type: "submit", class: "primary-button" }, "Preview");
    this.createButton = h(
      "button",
      { type: "button", class: "quiet-button", onclick: () => this.create() },
      "Create plan",
    );
    this.form = h(
      "form",
      { class: "builder", novalidate: true, onsubmit: (event) => this.preview(event) },
      h("h2", { id: "builder-title" }, "New plan"),
      h("fieldset", {}, h("legend", {}, "Goals"), this.goals, this.addGoalButton()),
      this.athleteFields(),
      this.modeFields(),
      this.error,
      h(
        "div",
        { class: "builder-actions" },
        this.previewButton,
        this.createButton,
        this.onCancel &&
          h(
            "button",
            { type: "button", class: "quiet-button", onclick: () => this.onCancel() },
            "Back to my plan",
          ),
      ),
    );
    this.root.replaceChildren(this.form, this.result);
    this.sync();
  }

  addGoalButton() {
    this.addButton = h(
      "button",
      {
        type: "button",
        class: "quiet-button",
        onclick: () => {
          this.addGoal();
          this.sync();
        },
      },
      "Add another goal",
    );
    return this.addButton;
  }

  addGoal() {
    const n = ++this.goalCount;
    const id = (name) => `goal-${n}-${name}`;
    const first = this.goals.children.length === 0;
    const sport = select(id("sport"), [
      ["run", "Run"],
      ["bike", "Bike"],
      ["swim", "Swim"],
      ["triathlon", "Triathlon"],
    ]);
    const distance = select(id("distance"), RUN_DISTANCES, "21097.5");
    const km = h("input", {
      id: id("km"),
      type: "number",
      min: "0.1",
      step: "0.1",
      inputmode: "decimal",
    });
    const kmField = field(id("km"), "Distance (km)", km);
    const showKm = () => {
      const run = sport.value === "run";
      distance.closest(".field").hidden = !run;
      kmField.hidden = run && distance.value !== "other";
    };
    sport.addEventListener("change", showKm);
    distance.addEventListener("change", showKm);
    const row = h(
      "div",
      { class: "builder-goal", "data-goal": String(n) },
      field(id("sport"), "Sport", sport),
      field(id("distance"), "Race", distance),
      kmField,
      field(id("date"), "Race day", h("input", { id: id("date"), type: "date", required: true })),
      field(
        id("priority"),
        "Priority",
        select(
          id("priority"),
          [
            ["A", "A — the one that matters"],
            ["B", "B"],
            ["C", "C"],
          ],
          first ? "A" : "B",
        ),
      ),
      field(
        id("time"),
        "Goal time (h:mm:ss, optional)",
        h("input", {
          id: id("time"),
          placeholder: "1:45:00",
          inputmode: "numeric",
          autocomplete: "off",
        }),
      ),
      !first &&
        h(
          "button",
          {
            type: "button",
            class: "quiet-button",
            onclick: () => {
              row.remove();
              this.sync();
            },
          },
          "Remove goal",
        ),
    );
    this.goals.append(row);
    showKm();
  }

  athleteFields() {
    return h(
      "fieldset",
      {},
      h("legend", {}, "You"),
      field(
        "athlete-level",
        "Level",
        select(
          "athlete-level",
          [
            ["beginner", "Beginner"],
            ["novice", "Novice"],
            ["experienced", "Experienced"],
            ["elite", "Elite"],
          ],
          "novice",
        ),
      ),
      field(
        "athlete-days",
        "Days a week you can train",
        h("input", { id: "athlete-days", type: "number", min: "1", max: "7", value: "4" }),
      ),
      field(
        "athlete-minutes",
        "Longest session (minutes)",
        h("input", {
          id: "athlete-minutes",
          type: "number",
          min: "20",
          max: "600",
          placeholder: "as the race needs",
        }),
      ),
      field(
        "athlete-race",
        "A recent race (optional)",
        select("athlete-race", [["", "None"], ...RUN_DISTANCES.filter(([v]) => v !== "other")], ""),
      ),
      field(
        "athlete-race-time",
        "Its time (h:mm:ss)",
        h("input", { id: "athlete-race-time", placeholder: "50:00", autocomplete: "off" }),
      ),
      field(
        "plan-start",
        "Start on",
        h("input", { id: "plan-start", type: "date", value: nextMonday() }),
      ),
    );
  }

  modeFields() {
    const radio = (value, label, checked) =>
      h(
        "label",
        { class: "builder-mode" },
        h("input", {
          type: "radio",
          name: "plan-mode",
          value,
          checked,
          onchange: () => this.sync(),
        }),
        label,
      );
    return h(
      "fieldset",
      {},
      h("legend", {}, "Planning mode"),
      radio("safe_default", "Safe default (recommended)", true),
      radio("risk_accepted", "Risk accepted (advanced)", false),
      this.ackBox,
    );
  }

  get mode() {
    return this.form.querySelector('input[name="plan-mode"]:checked').value;
  }

  /** Risk mode needs the box ticked before anything is sent. */
  sync() {
    const risky = this.mode === "risk_accepted";
    this.ackBox.hidden = !risky;
    if (!risky) this.ack.checked = false;
    const blocked = risky && !this.ack.checked;
    this.previewButton.disabled = blocked;
    this.createButton.disabled = blocked;
    this.addButton.disabled = this.goals.children.length >= MAX_GOALS;
  }

  request() {
    const value = (id) => this.form.querySelector(`#${id}`).value.trim();
    const goals = [...this.goals.children].map((row) => {
      const n = row.dataset.goal;
      const sport = value(`goal-${n}-sport`);
      const preset = value(`goal-${n}-distance`);
      const km = Number(value(`goal-${n}-km`));
      const distance =
        sport === "run" && preset !== "other" ? Number(preset) : km > 0 ? km * 1000 : null;
      const time = value(`goal-${n}-time`);
      const targets = time
        ? [{ kind: "finish_time", value_seconds: seconds(time) }]
        : [{ kind: "completion_probability", value_pct: 80 }];
      return {
        id: `goal-${n}`,
        sport,
        event_date_iso: value(`goal-${n}-date`),
        priority: value(`goal-${n}-priority`),
        distance_m: distance,
        targets,
      };
    });
    const run = {};
    const race = value("athlete-race");
    const raceTime = value("athlete-race-time");
    if (race && raceTime)
      run.recent_race = { distance_m: Number(race), seconds: seconds(raceTime) };
    const configuration = { mode: this.mode };
    if (this.mode === "risk_accepted") {
      configuration.risk_acceptance = {
        accepted: this.ack.checked,
        reason: RISK_TEXT,
        accepted_at_iso: new Date().toISOString(),
      };
      configuration.constraint_policy = {
        enforce_safety_caps: false,
        readiness_cap_enabled: false,
      };
    }
    return {
      goals,
      configuration,
      athlete: {
        level: value("athlete-level"),
        available_days_per_week: Number(value("athlete-days")),
        max_session_minutes: value("athlete-minutes") ? Number(value("athlete-minutes")) : null,
        run,
      },
      start_date: value("plan-start"),
    };
  }

  async preview(event) {
    event.preventDefault();
    const answer = await this.send("/api/v1/plans/preview");
    if (answer) this.result.replaceChildren(...previewView(answer));
  }

  async create() {
    const plan = await this.send("/api/v1/plans");
    if (plan) this.onCreated(plan);
  }

  async send(path) {
    this.error.hidden = true;
    let body;
    try {
      body = this.request();
    } catch (problem) {
      return this.fail(problem.message, []);
    }
    try {
      return await api(path, { method: "POST", body, token: this.token() });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return this.fail(error.message, error.details);
    }
  }

  fail(message, details) {
    const more = details
      .map((d) => (d.field ? `${d.field}: ${d.message}` : d.message))
      .filter((line) => line !== message);
    this.error.replaceChildren(
      h("p", {}, message),
      more.length > 0 &&
        h(
          "ul",
          {},
          more.map((line) => h("li", {}, line)),
        ),
    );
    this.error.hidden = false;
    return null;
  }
}

/** The preview: the plan's verdict, then a card per goal, conflicts, and the weeks. */
function previewView(preview) {
  const p = preview.projection;
  const words = (code) => preview.explanations[code] ?? code.replace(/_/g, " ");
  const risky = p.mode_applied === "risk_accepted";
  const summary = h(
    "div",
    { class: "builder-summary" },
    h("h3", {}, "Preview"),
    h(
      "p",
      { class: "builder-verdict" },
      `${BAND_WORDS[p.feasibility_band]} · readiness ${Math.round(p.readiness_score)}/100 · ` +
        `confidence ${Math.round(p.confidence_score)}/100 · risk ${p.risk_level}`,
    ),
    risky && h("p", { class: "builder-label" }, "Readiness optimized via risk-accepted settings"),
    risky &&
      h(
        "p",
        { class: "builder-label" },
        `Feasibility under safe defaults: ${BAND_WORDS[p.feasibility_band].toLowerCase()}`,
      ),
    p.safety_statement && h("p", { class: "plan-warning", role: "note" }, p.safety_statement),
    risky &&
      p.risk_acceptance &&
      h(
        "p",
        { class: "builder-acceptance" },
        `Risk accepted ${when(p.risk_acceptance.accepted_at_iso)}.`,
      ),
    p.overrides_applied.length > 0 &&
      h(
        "div",
        {},
        h("h4", {}, "Safe limits lifted"),
        h(
          "ul",
          { class: "builder-overrides" },
          p.overrides_applied.map((c) => h("li", { "data-code": c }, words(c))),
        ),
      ),
    p.risk_flags.length > 0 &&
      h(
        "div",
        {},
        h("h4", {}, "Watch out"),
        h(
          "ul",
          { class: "builder-flags" },
          p.risk_flags.map((c) => h("li", { "data-code": c }, words(c))),
        ),
      ),
  );
  const goals = h(
    "div",
    { class: "builder-goal-cards" },
    p.goal_assessments.map((goal) =>
      h(
        "article",
        { class: "builder-goal-card", "data-goal": goal.goal_id },
        h("h4", {}, `${goal.goal_id} · priority ${goal.priority}`),
        h(
          "p",
          { class: "builder-goal-band" },
          `${BAND_WORDS[goal.feasibility_band]} · readiness ${Math.round(goal.readiness_score)}/100`,
        ),
        h(
          "ul",
          { class: "builder-targets" },
          goal.target_scores.map((t) =>
            h(
              "li",
              { "data-target": t.kind },
              `${TARGET_WORDS[t.kind] ?? t.kind}: ${Math.round(t.score_0_100)}/100` +
                (t.projected_value != null
                  ? `, projected ${measure(t.kind, t.projected_value)}`
                  : "") +
                (t.unmet_gap != null ? `, short by ${measure(t.kind, t.unmet_gap)}` : ""),
              h("span", { class: "builder-reasons" }, t.rationale_codes.map(words).join(" ")),
            ),
          ),
        ),
      ),
    ),
  );
  const conflicts =
    p.conflicts.length > 0 &&
    h(
      "div",
      { class: "builder-conflicts" },
      h("h4", {}, "Trade-offs between goals"),
      h(
        "ul",
        {},
        p.conflicts.map((c) =>
          h(
            "li",
            {},
            `${c.impacted_goal_id} gives ${Math.abs(c.score_delta).toFixed(0)} points to ${c.favoured_goal_id}: ${words(c.reason)}`,
          ),
        ),
      ),
    );
  const weeks = p.weeks;
  const peak = Math.max(...weeks.map((w) => w.tss));
  const outline = h(
    "p",
    { class: "builder-weeks" },
    `${weeks.length} weeks from ${Math.round(weeks[0]?.tss ?? 0)} to a peak of ${Math.round(peak)} TSS a week.`,
  );
  const warnings =
    preview.warnings.length > 0 &&
    h(
      "ul",
      { class: "builder-warnings" },
      preview.warnings.map((w) => h("li", {}, w)),
    );
  return [summary, goals, conflicts, outline, warnings].filter(Boolean);
}

function field(id, label, control) {
  return h("div", { class: "field" }, h("label", { for: id }, label), control);
}

function select(id, options, selected) {
  return h(
    "select",
    { id },
    options.map(([value, label]) => h("option", { value, selected: value === selected }, label)),
  );
}

/** "1:45:00", "45:00" or "50" (minutes) as seconds; a clear error otherwise. */
function seconds(text) {
  const parts = text.split(":").map(Number);
  if (parts.some((n) => !Number.isFinite(n) || n < 0) || parts.length > 3) {
    throw new Error(`"${text}" is not a time: write it as h:mm:ss or mm:ss.`);
  }
  if (parts.length === 1) return parts[0] * 60;
  return parts.reduce((total, n) => total * 60 + n, 0);
}

function measure(kind, value) {
  if (kind === "completion_probability") return `${Math.round(value)} %`;
  if (kind === "power") return `${Math.round(value)} W`;
  if (kind === "pace") return `${clock(value)}/km`;
  return clock(value);
}

function clock(total) {
  const s = Math.round(total);
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(hours ? 2 : 1, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

function when(iso) {
  return iso ? `on ${new Date(iso).toLocaleString()}` : "";
}

function nextMonday() {
  const day = new Date();
  day.setDate(day.getDate() + ((8 - day.getDay()) % 7 || 7));
  return day.toISOString().slice(0, 10);
}
