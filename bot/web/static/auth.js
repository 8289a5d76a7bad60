/** The log-in / create-account form. Calls `onSession(session)` once the server says yes. */
import { login, register } from "./api.js";
import { h } from "./dom.js";
import { sessionFrom } from "./session.js";

const FIELDS = ["name", "email", "password", "tz"];

export class AuthForm {
  #mode = "login";

  constructor(root, { onSession }) {
    this.root = root;
    this.onSession = onSession;
    this.form = root.querySelector("#auth-form");
    this.error = root.querySelector("#auth-error");
    this.submit = root.querySelector("#auth-submit");
    this.modeButtons = {
      login: root.querySelector("#mode-login"),
      register: root.querySelector("#mode-register"),
    };
    this.input = Object.fromEntries(FIELDS.map((f) => [f, root.querySelector(`#auth-${f}`)]));
    this.input.tz.value = detectTimeZone();

    for (const [mode, button] of Object.entries(this.modeButtons)) {
      button.addEventListener("click", () => this.setMode(mode));
    }
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.#submit();
    });
  }

  /** Shows the form, with `message` (e.g. "session expired") when given. */
  show(message) {
    this.input.password.value = "";
    this.setMode("login");
    if (message) this.#showError(message);
    this.input.email.focus();
  }

  setMode(mode) {
    this.#mode = mode;
    const registering = mode === "register";
    for (const [name, button] of Object.entries(this.modeButtons)) {
      button.setAttribute("aria-pressed", String(name === mode));
    }
    for (const el of this.root.querySelectorAll("[data-register-only]")) el.hidden = !registering;
    this.input.password.autocomplete = registering ? "new-password" : "current-password";
    this.submit.textContent = registering ? "Create account" : "Log in";
    this.#clearErrors();
  }

  async #submit() {
    this.#clearErrors();
    if (!this.#validate()) return;
    const registering = this.#mode === "register";
    const body = {
      email: this.input.email.value.trim(),
      password: this.input.password.value,
    };
    if (registering) {
      const name = this.input.name.value.trim();
      const tz = this.input.tz.value.trim();
      if (name) body.name = name;
      if (tz) body.tz = tz;
    }
    const label = this.submit.textContent;
    this.submit.disabled = true;
    this.submit.textContent = registering ? "Creating account…" : "Logging in…";
    try {
      const auth = await (registering ? register(body) : login(body));
      this.input.password.value = "";
      this.onSession(sessionFrom(auth));
    } catch (error) {
      this.#showError(error.message, error.details);
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = label;
    }
  }

  #validate() {
    const { email, password } = this.input;
    if (!email.value.trim() || !email.checkValidity()) {
      this.#fieldError("email", "Enter your email address, like name@example.com.");
    }
    if (password.value.length < 8) {
      this.#fieldError("password", "Your password needs at least 8 characters.");
    }
    const invalid = this.form.querySelector("[aria-invalid='true']");
    invalid?.focus();
    return !invalid;
  }

  #showError(message, details = []) {
    const unplaced = [];
    for (const detail of details) {
      const { field, text } = describeDetail(detail);
      if (!(field && this.#fieldError(field, text))) unplaced.push(text);
    }
    this.error.replaceChildren(h("p", {}, message));
    if (unplaced.length) {
      const items = unplaced.map((text) => h("li", {}, text));
      this.error.append(h("ul", {}, items));
    }
    this.error.hidden = false;
  }

  /** Marks a field invalid with a message; false when that field is not on the form. */
  #fieldError(field, text) {
    const input = this.input[field];
    const slot = this.root.querySelector(`#auth-${field}-error`);
    if (!input || !slot || input.closest("[hidden]")) return false;
    input.setAttribute("aria-invalid", "true");
    slot.textContent = text;
    slot.hidden = false;
    return true;
  }

  #clearErrors() {
    this.error.hidden = true;
    this.error.replaceChildren();
    for (const input of Object.values(this.input)) input.removeAttribute("aria-invalid");
    for (const slot of this.root.querySelectorAll(".field-error")) {
      slot.hidden = true;
      slot.textContent = "";
    }
  }
}

function detectTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return "";
  }
}

/** Error details: `{field: "body.email", message}`; strings and `{loc, msg}` are read too. */
function describeDetail(detail) {
  if (typeof detail === "string") return { field: null, text: detail };
  const path = detail?.field ?? detail?.loc ?? [];
  const field = (Array.isArray(path) ? path : String(path).split(".")).at(-1);
  const text = detail?.message ?? detail?.msg ?? JSON.stringify(detail);
  return { field: typeof field === "string" ? field : null, text };
}
