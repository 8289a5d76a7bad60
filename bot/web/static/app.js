/** Wires the page: the log-in form, the chat, the status pill and log-out. */
import { AuthForm } from "./auth.js";
import { Chat } from "./chat.js";
import "./goals.js"; // registers the goal card renderers
import { MessageView } from "./messages.js";
import { PlanView } from "./plan.js";
import { clearSession, loadSession, saveSession } from "./session.js";

const STATUS_TEXT = {
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

const $ = (selector) => document.querySelector(selector);

const els = {
  auth: $("#auth"),
  chat: $("#chat"),
  sessionBar: $("#session-bar"),
  status: $("#status"),
  userName: $("#user-name"),
  logout: $("#logout"),
  composer: $("#composer"),
  input: $("#composer-input"),
  earlier: $("#load-earlier"),
  plan: $("#plan"),
  showChat: $("#show-chat"),
  showPlan: $("#show-plan"),
};

let chat = null;

const view = new MessageView({
  list: $("#messages"),
  scroller: $("#scroller"),
  typing: $("#typing"),
  input: els.input,
  onChoose: (value) => chat?.send(value),
  token: () => chat?.token,
});

const authForm = new AuthForm(els.auth, {
  onSession: (session) => {
    saveSession(session);
    showChat(session);
  },
});

const planView = new PlanView(els.plan, { token: () => chat?.token });

function showView(name) {
  const plan = name === "plan";
  els.chat.hidden = plan;
  els.plan.hidden = !plan;
  els.showChat.setAttribute("aria-pressed", String(!plan));
  els.showPlan.setAttribute("aria-pressed", String(plan));
  if (plan) planView.show();
  else els.input.focus();
}

els.showChat.addEventListener("click", () => showView("chat"));
els.showPlan.addEventListener("click", () => showView("plan"));

function showAuth(message) {
  chat?.stop();
  chat = null;
  view.clear();
  els.plan.hidden = true;
  els.chat.hidden = true;
  els.sessionBar.hidden = true;
  els.auth.hidden = false;
  authForm.show(message);
}

function showChat(session) {
  els.auth.hidden = true;
  els.chat.hidden = false;
  els.sessionBar.hidden = false;
  els.userName.textContent = session.user?.name || session.user?.email || "";
  chat = new Chat({
    token: session.token,
    view,
    onStatus: setStatus,
    onUnauthorized: (message) => {
      clearSession();
      showAuth(message || "Your session has ended. Please log in again.");
    },
    onEarlier: (more) => {
      els.earlier.hidden = !more;
    },
  });
  chat.start();
  els.input.focus();
}

function setStatus(state) {
  els.status.dataset.state = state;
  els.status.textContent = STATUS_TEXT[state];
}

els.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = els.input.value.trim();
  if (!text || !chat) return;
  chat.send(text);
  els.input.value = "";
});

els.earlier.addEventListener("click", async () => {
  els.earlier.disabled = true;
  try {
    await chat?.loadEarlier();
  } finally {
    els.earlier.disabled = false;
  }
});

els.logout.addEventListener("click", () => {
  const unsent = chat?.unsent ?? 0;
  if (unsent && !confirm(`${unsent} message(s) haven't been answered yet. Log out anyway?`)) return;
  clearSession();
  showAuth();
});

const saved = loadSession();
if (saved) showChat(saved);
else showAuth();
