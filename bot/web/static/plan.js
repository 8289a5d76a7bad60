/**
 * The plan page: the active plan's weekly load chart (planned TSS with fitness, fatigue and
 * form, drawn by the server as SVG) and its calendar, each session with what became of it and
 * Done / Skip buttons. Everything comes from the plans API (`/api/v1/plans/...`).
 */
import { ApiError, api } from "./api.js";
import { h } from "./dom.js";
import { PlanBuilder } from "./plan_builder.js";

const STATUS_TEXT = {
  planned: "Planned",
  done: "Done",
  skipped: "Skipped",
  missed: "Missed",
  rest: "Rest",
};

export class PlanView {
  constructor(root, { token }) {
    this.root = root;
    this.token = token;
  }

  async show() {
    this.root.replaceChildren(h("p", { class: "plan-loading" }, "Loading your plan…"));
    let plan;
    try {
      plan = await api("/api/v1/plans/current", { token: this.token() });
    } catch (error) {
      if (error instanceof ApiError && error.code === "no_plan") {
        const intro = h(
          "div",
          { class: "plan-empty" },
          h("h2", {}, "No plan yet"),
          h(
            "p",
            {},
            "Ask your coach in the chat, e.g. “plan me a half marathon on 18 April”, or build one here.",
          ),
        );
        const form = h("div");
        this.root.replaceChildren(intro, form);
        this.builder(form, null).show();
        return;
      }
      this.root.replaceChildren(h("p", { class: "form-error", role: "alert" }, error.message));
      return;
    }
    const [chart, calendar] = await Promise.all([this.chart(), this.calendar()]);
    const p = plan.projection;
    this.root.replaceChildren(
      h(
        "header",
        { class: "plan-header" },
        h("h2", { id: "plan-title" }, plan.name),
        h(
          "button",
          {
            type: "button",
            class: "quiet-button",
            onclick: () => this.builder(this.root, () => this.show()).show(),
          },
          "New plan",
        ),
        h(
          "p",
          { class: "plan-summary" },
          `${bandText(p.feasibility_band)} · readiness ${Math.round(p.readiness_score)}/100 · ` +
            `risk ${p.risk_level}` +
            (plan.revision > 0 ? ` · rebuilt ${plan.revision}×` : ""),
        ),
        p.safety_statement && h("p", { class: "plan-warning", role: "note" }, p.safety_statement),
      ),
      h("figure", { class: "plan-chart" }, chart),
      calendar,
    );
  }

  builder(root, onCancel) {
    return new PlanBuilder(root, { token: this.token, onCreated: () => this.show(), onCancel });
  }

  async chart() {
    const response = await fetch("/api/v1/plans/current/chart.svg", {
      headers: { Authorization: `Bearer ${this.token()}` },
    });
    if (!response.ok) return h("p", {}, "The chart is not available right now.");
    const doc = new DOMParser().parseFromString(await response.text(), "image/svg+xml");
    const svg = document.importNode(doc.documentElement, true);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    return svg;
  }

  async calendar() {
    const data = await api("/api/v1/plans/calendar", { token: this.token() });
    const days = data.days.map((day) =>
      h(
        "li",
        { class: "plan-day", "data-day": day.day },
        h("h3", {}, dayText(day.day)),
        day.sessions.map((s) => this.session(data.plan_id, s)),
        day.extra.map((w) =>
          h("p", { class: "plan-extra" }, `Also logged: ${w.activity}` + measures(w)),
        ),
      ),
    );
    return h(
      "section",
      { class: "plan-calendar", "aria-labelledby": "plan-calendar-title" },
      h("h2", { id: "plan-calendar-title" }, "Calendar"),
      h("ol", { class: "plan-days" }, days),
    );
  }

  session(planId, s) {
    const w = s.workout;
    const open = s.status === "planned" || s.status === "missed";
    const details = [
      w.duration_minutes ? `${w.duration_minutes} min` : "",
      w.distance_km ? `${w.distance_km.toFixed(1)} km` : "",
      w.pace_per_km_seconds ? `${clock(w.pace_per_km_seconds)}/km` : w.rpe ? `RPE ${w.rpe}` : "",
    ].filter(Boolean);
    return h(
      "article",
      { class: `plan-session status-${s.status}`, "data-session": s.id },
      h(
        "div",
        { class: "plan-session-head" },
        h("span", { class: "plan-session-title" }, w.title),
        h("span", { class: "plan-status" }, STATUS_TEXT[s.status] ?? s.status),
      ),
      w.workout_type !== "rest" && details.length > 0 && h("p", {}, details.join(" · ")),
      w.structure && w.workout_type !== "rest" && h("p", { class: "plan-structure" }, w.structure),
      s.actual &&
        h("p", { class: "plan-actual" }, `Logged: ${s.actual.activity}` + measures(s.actual)),
      open &&
        w.workout_type !== "rest" &&
        h(
          "div",
          { class: "card-actions", role: "group", "aria-label": `${w.title}: actions` },
          h(
            "button",
            { type: "button", class: "chip", onclick: () => this.mark(planId, s.id, "complete") },
            "Done",
          ),
          h(
            "button",
            { type: "button", class: "chip", onclick: () => this.mark(planId, s.id, "skip") },
            "Skip",
          ),
        ),
    );
  }

  async mark(planId, sessionId, action) {
    try {
      await api(`/api/v1/plans/${planId}/workouts/${sessionId}/${action}`, {
        method: "POST",
        body: {},
        token: this.token(),
      });
    } catch (error) {
      alert(error.message);
      return;
    }
    await this.show();
  }
}

function bandText(band) {
  return band.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

function dayText(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });
}

function clock(seconds) {
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function measures(w) {
  const parts = [
    w.distance_km ? `${w.distance_km.toFixed(1)} km` : "",
    w.duration_minutes ? `${Math.round(w.duration_minutes)} min` : "",
  ].filter(Boolean);
  return parts.length ? `, ${parts.join(", ")}` : "";
}
