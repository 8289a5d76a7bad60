/** `h("p", {class: "x"}, "text", child)`: builds an element. Text is always inserted as text. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (name === "class") el.className = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false && c !== ""));
  return el;
}

/** A quick-reply style button (chips and card actions): choosing it sends `choice.value`. */
export function choiceButton(choice, onChoose) {
  return h(
    "button",
    { type: "button", class: "chip", title: choice.value, onclick: () => onChoose(choice.value) },
    choice.label,
  );
}

/** A random RFC 4122 version 4 id; `crypto.randomUUID` exists only in secure contexts. */
export function uuid4() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
