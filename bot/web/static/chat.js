/**
 * The conversation over socket.io: history on every (re)connect, streamed replies, and an outbox
 * so nothing typed is lost while the connection is down.
 *
 * A message is "queued" until it can be emitted, then "sent" until a response or error names its
 * client_id. If the connection drops before that, it is checked against the history on reconnect;
 * one still unaccounted for is shown with a "Send again" button rather than resent blindly.
 */
import { history } from "./api.js";
import { uuid4 } from "./dom.js";

export const CONVERSATION_ID = "web";
const RETRY_MS = 3000;

export class Chat {
  #socket = null;
  #stopped = false;
  #syncing = false;
  #held = []; // live events that arrived while the history was loading
  #outbox = []; // {clientId, text}, in the order typed
  #awaiting = new Map(); // clientId -> text
  #failed = new Map(); // clientId -> text, refused by the server (rate limit, busy, …)
  #nextBefore = null;
  #paged = false; // the "load earlier" cursor is set by the first history page only
  #timer = null;

  constructor({ token, view, onStatus, onUnauthorized, onEarlier }) {
    this.token = token;
    this.view = view;
    this.onStatus = onStatus;
    this.onUnauthorized = onUnauthorized;
    this.onEarlier = onEarlier;
  }

  start() {
    this.onStatus(navigator.onLine ? "connecting" : "offline");
    const socket = io({
      auth: (cb) => cb({ token: this.token }),
      transports: ["websocket", "polling"],
    });
    this.#socket = socket;
    socket.on("connect", () => this.#onConnect());
    socket.on("disconnect", () => this.#onDisconnect());
    socket.on("connect_error", (err) => this.#onConnectError(err));
    socket.io.on("reconnect_attempt", () => this.#showDown());
    socket.on("typing", (ev) => this.#onTyping(ev));
    socket.on("response", (ev) => this.#live("response", ev));
    socket.on("error", (ev) => this.#live("error", ev));
    socket.on("push", (ev) => this.#live("push", ev));
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    this.#socket?.disconnect();
  }

  /** Messages typed here and not answered yet. */
  get unsent() {
    return this.#outbox.length + this.#awaiting.size + this.#failed.size;
  }

  send(text) {
    const clientId = uuid4();
    if (this.#ready()) {
      this.view.addUser(text, clientId, "sent");
      this.#emit(clientId, text);
    } else {
      this.view.addUser(text, clientId, "queued");
      this.#outbox.push({ clientId, text });
    }
  }

  async loadEarlier() {
    if (this.#nextBefore == null) return;
    const page = await this.#fetch({ before: this.#nextBefore });
    if (!page) return;
    this.view.prependHistory([...page.messages].reverse());
    this.view.refreshCards();
    this.#setNextBefore(page.next_before);
  }

  #ready() {
    return Boolean(this.#socket?.connected) && !this.#syncing && navigator.onLine;
  }

  #emit(clientId, text) {
    this.#awaiting.set(clientId, text);
    this.#socket.emit("message", { text, conversation_id: CONVERSATION_ID, client_id: clientId });
  }

  async #onConnect() {
    this.onStatus("connected");
    this.#syncing = true;
    try {
      await this.#sync();
    } finally {
      this.#syncing = false;
    }
    if (this.#stopped) return;
    for (const [kind, ev] of this.#held.splice(0)) this.#handle(kind, ev);
    this.#flush();
  }

  /** Brings the list up to date with the newest history (what was missed while away). */
  async #sync() {
    const page = await this.#fetch();
    if (!page) return;
    const messages = [...page.messages].reverse();
    for (const m of messages) {
      // A message sent before a drop that the server stored: its history copy replaces ours.
      if (m.role !== "user" || m.text == null || this.view.has(m)) continue;
      const match = [...this.#awaiting].find(([, text]) => text === m.text);
      if (match) {
        this.#awaiting.delete(match[0]);
        this.view.removeUser(match[0]);
      }
    }
    const unresolved = new Set([...this.#awaiting.keys(), ...this.#outbox.map((o) => o.clientId)]);
    this.view.merge(messages, this.view.firstUser(unresolved));
    this.view.refreshCards();
    for (const clientId of this.#awaiting.keys()) {
      this.view.setUserState(clientId, "unconfirmed", {
        note: "The connection dropped before the reply. If it doesn't arrive, send it again.",
        onRetry: () => this.#retry(clientId),
      });
    }
    if (!this.#paged) {
      this.#paged = true;
      this.#setNextBefore(page.next_before);
    }
  }

  async #fetch(options) {
    try {
      return await history(this.token, CONVERSATION_ID, options);
    } catch (error) {
      if (error.status === 401) this.#unauthorized(error.message);
      else this.view.addNotice(`Couldn't load your messages: ${error.message}`, "error");
      return null;
    }
  }

  #flush() {
    while (this.#outbox.length && this.#ready()) {
      const { clientId, text } = this.#outbox.shift();
      this.view.setUserState(clientId, "sent");
      this.#emit(clientId, text);
    }
  }

  #live(kind, ev) {
    if (this.#syncing) this.#held.push([kind, ev]);
    else this.#handle(kind, ev);
  }

  #handle(kind, ev) {
    if (!ev || (ev.conversation_id && ev.conversation_id !== CONVERSATION_ID)) return;
    if (kind === "push") {
      this.view.addBot(ev.message ?? {}, { push: true });
    } else if (kind === "error") {
      this.#onServerError(ev);
    } else if (kind === "response") {
      this.#settle(ev.client_id, ev.turn_id);
      if (this.view.hasReply(ev.turn_id)) return; // already shown in full, from the history
      if (ev.type === "chunk") this.view.appendChunk(ev.turn_id, ev.text ?? "");
      if (ev.type === "final") {
        this.view.setTyping(false);
        this.view.finishBot(ev.turn_id, ev.message ?? {});
      }
    }
  }

  #settle(clientId, turnId) {
    if (clientId == null) return;
    this.#awaiting.delete(clientId);
    this.#failed.delete(clientId);
    this.view.markAnswered(clientId, turnId);
  }

  #onServerError(ev) {
    if (ev.code === "unauthorized") {
      this.#unauthorized(ev.message);
      return;
    }
    const text = ev.message || "Something went wrong. Please try again.";
    if (ev.client_id != null && this.#awaiting.has(ev.client_id)) {
      this.#failed.set(ev.client_id, this.#awaiting.get(ev.client_id));
      this.#awaiting.delete(ev.client_id);
      this.view.setTyping(false);
      this.view.setUserState(ev.client_id, "failed", {
        note: text,
        onRetry: () => this.#retry(ev.client_id),
        retryAfter: ev.retry_after,
      });
    } else {
      this.view.addNotice(text, "error");
    }
  }

  #retry(clientId) {
    const text = this.#awaiting.get(clientId) ?? this.#failed.get(clientId);
    if (text == null) return;
    this.#awaiting.delete(clientId);
    this.#failed.delete(clientId);
    this.view.removeUser(clientId);
    this.send(text);
  }

  #onTyping(ev) {
    if (ev?.conversation_id && ev.conversation_id !== CONVERSATION_ID) return;
    this.view.setTyping(Boolean(ev?.typing));
  }

  #onDisconnect() {
    this.view.setTyping(false);
    if (this.#stopped) return;
    this.#showDown();
    for (const clientId of this.#awaiting.keys()) this.view.setUserState(clientId, "waiting");
    // After a disconnect by the server socket.io does not reconnect on its own.
    if (!this.#socket.active) this.#reconnectLater();
  }

  #onConnectError(err) {
    if (err?.data?.code === "unauthorized") {
      this.#unauthorized(err.data.message);
      return;
    }
    this.#showDown();
    if (!this.#socket.active) this.#reconnectLater();
  }

  #reconnectLater() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (!this.#stopped && !this.#socket.connected) this.#socket.connect();
    }, RETRY_MS);
  }

  #showDown() {
    this.onStatus(navigator.onLine ? "reconnecting" : "offline");
  }

  #onOffline = () => {
    this.onStatus("offline");
    // Drop the transport now rather than after the ping timeout, so new messages queue.
    this.#socket?.io.engine?.close();
  };

  #onOnline = () => {
    if (this.#socket?.connected) {
      this.onStatus("connected");
      this.#flush();
    } else {
      this.onStatus("reconnecting");
      if (!this.#socket?.active) this.#reconnectLater();
    }
  };

  #setNextBefore(value) {
    this.#nextBefore = value ?? null;
    this.onEarlier(this.#nextBefore != null);
  }

  #unauthorized(message) {
    if (this.#stopped) return;
    this.stop();
    this.onUnauthorized(message);
  }
}
