/**
 * Cards, rendered by kind. A renderer is `(card, ctx) => Element`, where `ctx.onChoose(value)`
 * sends a message and `ctx.token()` is the signed-in token (for cards that call `api()`).
 * Kinds without a renderer of their own use `generic`. To add one:
 *
 *   renderers.goal = (card, ctx) =>
 *     genericCard(card, ctx, { body: progressBar(card.data.progress) });
 *
 * Cards drawn from the history show things as they were when the reply was sent. A kind whose
 * cards can go stale adds a refresher, `(root, ctx) => Promise`, that redraws its cards under
 * `root` as they are now; the chat runs them after every history load.
 */
import { choiceButton, h } from "./dom.js";

export function genericCard(card, ctx, { body = null } = {}) {
  const kind = String(card.kind ?? "").replace(/[^a-z0-9_-]/gi, "");
  const fields = card.fields ?? [];
  const actions = card.actions ?? [];
  return h(
    "article",
    { class: `card card-${kind || "generic"}` },
    h(
      "header",
      { class: "card-header" },
      h("h2", { class: "card-title" }, card.title),
      card.subtitle && h("p", { class: "card-subtitle" }, card.subtitle),
    ),
    body,
    fields.length > 0 &&
      h(
        "table",
        { class: "card-fields" },
        h(
          "tbody",
          {},
          fields.map((f) => h("tr", {}, h("th", { scope: "row" }, f.label), h("td", {}, f.value))),
        ),
      ),
    actions.length > 0 &&
      h(
        "div",
        { class: "card-actions", role: "group", "aria-label": `${card.title}: actions` },
        actions.map((a) => choiceButton(a, ctx.onChoose)),
      ),
  );
}

export const renderers = {
  generic: genericCard,
};

export const refreshers = [];

export async function refreshCards(root, ctx) {
  await Promise.all(
    refreshers.map((refresh) =>
      refresh(root, ctx).catch((error) => console.error("refreshing cards failed", error)),
    ),
  );
}

export function renderCard(card, ctx) {
  const render = Object.hasOwn(renderers, card.kind) ? renderers[card.kind] : renderers.generic;
  try {
    return render(card, ctx);
  } catch (error) {
    console.error(`card renderer "${card.kind}" failed; showing the generic card`, error);
    return genericCard(card, ctx);
  }
}
