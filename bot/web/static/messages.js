/** The message list: what each message looks like, and keeping the newest one in view. */
import { refreshCards, renderCard } from "./cards.js";
import { choiceButton, h } from "./dom.js";

const NOT_STORED = "(message not stored)";
const NEAR_BOTTOM_PX = 80;

const USER_NOTES = {
  queued: "Waiting for a connection — it will be sent automatically.",
  sent: null,
  waiting: "Reconnecting… your message will be checked when the connection is back.",
};

export class MessageView {
  /**
   * `onChoose(value)` sends a chip's or card action's value; focus then returns to `input`.
   * `token()` is the signed-in token, for cards that call the REST API themselves.
   */
  constructor({ list, scroller, typing, input, onChoose, token }) {
    this.list = list;
    this.scroller = scroller;
    this.typing = typing;
    this.input = input;
    this.token = token;
    this.onChoose = (value) => {
      onChoose(value);
      input.focus();
    };
  }

  clear() {
    this.list.replaceChildren();
    this.setTyping(false);
  }

  /**
   * Adds the history messages (oldest first) the list does not show yet, before `anchor` (or at
   * the end), and completes replies whose stream was cut off.
   */
  merge(messages, anchor = null) {
    const wasEmpty = this.list.children.length === 0;
    let added = false;
    this.list.setAttribute("aria-busy", "true");
    for (const m of messages) {
      if (this.has(m)) continue;
      const item = this.#fromHistory(m);
      const partial = m.role === "bot" && m.turn_id != null ? this.#bot(m.turn_id) : null;
      if (partial) partial.replaceWith(item);
      else this.list.insertBefore(item, anchor);
      added = true;
    }
    const newest = messages.at(-1);
    const tail = this.list.lastElementChild;
    if (added && newest?.role === "bot" && tail?.dataset.turn === newest.turn_id) {
      this.#fill(tail, newest);
    }
    this.list.removeAttribute("aria-busy");
    if (wasEmpty || added) this.scrollToEnd(true);
  }

  /** Puts older messages (oldest first) above the current ones without moving the view. */
  /** Cards from the history may be stale: their kinds redraw them as things are now. */
  refreshCards() {
    return refreshCards(this.list, { onChoose: this.onChoose, token: this.token });
  }

  prependHistory(messages) {
    const offset = this.scroller.scrollHeight - this.scroller.scrollTop;
    this.list.setAttribute("aria-busy", "true");
    this.list.prepend(...messages.map((m) => this.#fromHistory(m)));
    this.list.removeAttribute("aria-busy");
    this.scroller.scrollTop = this.scroller.scrollHeight - offset;
  }

  /** Whether the list already shows this history message (a reply: in full). */
  has(m) {
    if (m.role === "user") return m.turn_id != null && this.#user(null, m.turn_id) !== null;
    if (this.hasReply(m.turn_id)) return true;
    // A push arrives live without the ids its stored copy has: compare the text.
    return [...this.list.querySelectorAll("li.push:not([data-turn]) .bubble")].some(
      (el) => el.textContent === (m.text ?? ""),
    );
  }

  hasReply(turnId) {
    return Boolean(this.#bot(turnId)?.matches(":not(.streaming)"));
  }

  /** The first of these user messages in the list, or null. */
  firstUser(clientIds) {
    return (
      [...this.list.querySelectorAll("li.user[data-client]")].find((el) =>
        clientIds.has(el.dataset.client),
      ) ?? null
    );
  }

  /** A message typed here; `state` is a key of USER_NOTES. Returns its element. */
  addUser(text, clientId, state) {
    const item = h(
      "li",
      { class: "msg user", "data-client": clientId },
      h("span", { class: "visually-hidden" }, "You: "),
      h("div", { class: "bubble" }, text),
    );
    item.dataset.state = state;
    const note = USER_NOTES[state];
    if (note) item.append(h("p", { class: "meta" }, note));
    this.#append(item, true);
    return item;
  }

  /** `onRetry` adds a "Send again" button, enabled after `retryAfter` seconds if given. */
  setUserState(clientId, state, { note, onRetry, retryAfter } = {}) {
    const item = this.#user(clientId);
    if (!item) return;
    item.dataset.state = state;
    item.querySelector(".meta")?.remove();
    const text = note ?? USER_NOTES[state];
    if (!text && !onRetry) return;
    const again = () => {
      onRetry();
      this.input.focus();
    };
    const retry =
      onRetry &&
      h("button", { type: "button", class: "link-button", onclick: again }, "Send again");
    if (retry && retryAfter > 0) {
      retry.disabled = true;
      setTimeout(() => (retry.disabled = false), retryAfter * 1000);
    }
    item.append(h("p", { class: "meta" }, text, retry));
  }

  markAnswered(clientId, turnId) {
    const item = this.#user(clientId);
    if (!item) return;
    if (turnId) item.dataset.turn = turnId;
    this.setUserState(clientId, "answered");
  }

  removeUser(clientId) {
    this.#user(clientId)?.remove();
  }

  appendChunk(turnId, text) {
    const item = this.#bot(turnId) ?? this.#newBot(turnId, { streaming: true });
    item.querySelector(".bubble").append(text);
    this.#follow();
  }

  /** The end of a turn: its text replaces whatever was streamed. */
  finishBot(turnId, message) {
    const item = this.#bot(turnId) ?? this.#newBot(turnId, { streaming: false });
    this.#fill(item, message);
    this.#follow();
  }

  addBot(message, { push = false } = {}) {
    const item = this.#newBot(null, { streaming: false, push });
    this.#fill(item, message);
    this.#follow();
  }

  addNotice(text, kind = "info") {
    this.#append(h("li", { class: `notice notice-${kind}` }, h("p", {}, text)), false);
    this.#follow();
  }

  setTyping(on) {
    const wasNear = this.#nearBottom();
    this.typing.hidden = !on;
    if (on && wasNear) this.scrollToEnd();
  }

  scrollToEnd(instant = false) {
    this.scroller.scrollTo({
      top: this.scroller.scrollHeight,
      behavior: instant ? "instant" : "smooth",
    });
  }

  #fromHistory(m) {
    if (m.role === "user") {
      const stored = m.text != null && !m.redacted;
      return h(
        "li",
        { class: stored ? "msg user" : "msg user redacted", "data-turn": m.turn_id },
        h("span", { class: "visually-hidden" }, "You: "),
        h("div", { class: "bubble" }, stored ? m.text : NOT_STORED),
      );
    }
    const item = this.#botItem(m.turn_id);
    this.#fill(item, m);
    return item;
  }

  #botItem(turnId, { push = false } = {}) {
    return h(
      "li",
      { class: push ? "msg bot push" : "msg bot", "data-turn": turnId },
      h("span", { class: "visually-hidden" }, "Coach: "),
      h("div", { class: "bubble" }),
    );
  }

  #newBot(turnId, { streaming, push = false }) {
    const item = this.#botItem(turnId, { push });
    if (streaming) {
      item.classList.add("streaming");
      item.setAttribute("aria-busy", "true");
    }
    this.#append(item, true);
    return item;
  }

  /** Suggested replies are shown only on the newest message of the list. */
  #fill(item, message) {
    item.classList.remove("streaming");
    item.removeAttribute("aria-busy");
    item.classList.toggle("refused", Boolean(message.refused));
    const bubble = item.querySelector(".bubble");
    bubble.textContent = message.text ?? "";
    bubble.hidden = !message.text;
    item.querySelectorAll(".cards, .chips").forEach((el) => el.remove());
    const ctx = { onChoose: this.onChoose, token: this.token };
    const cards = (message.cards ?? []).map((card) => renderCard(card, ctx));
    if (cards.length) item.append(h("div", { class: "cards" }, cards));
    const chips = message.chips ?? [];
    if (chips.length && item === this.list.lastElementChild) {
      this.list.querySelectorAll(".chips").forEach((el) => el.remove());
      item.append(
        h(
          "div",
          { class: "chips", role: "group", "aria-label": "Suggested replies" },
          chips.map((c) => choiceButton(c, this.onChoose)),
        ),
      );
    }
  }

  /** Adds a message at the end; suggested replies belong to the newest message only. */
  #append(item, isMessage) {
    if (isMessage) this.list.querySelectorAll(".chips").forEach((el) => el.remove());
    const wasNear = this.#nearBottom();
    this.list.append(item);
    if (wasNear || item.classList.contains("user")) this.scrollToEnd();
  }

  #follow() {
    if (this.#nearBottom(NEAR_BOTTOM_PX * 4)) this.scrollToEnd();
  }

  #nearBottom(margin = NEAR_BOTTOM_PX) {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < margin;
  }

  #user(clientId, turnId) {
    const [key, value] = clientId != null ? ["client", clientId] : ["turn", turnId];
    return this.list.querySelector(`li.user[data-${key}="${CSS.escape(value)}"]`);
  }

  #bot(turnId) {
    if (turnId == null) return null;
    return this.list.querySelector(`li.bot[data-turn="${CSS.escape(turnId)}"]`);
  }
}
