// A few DOM helpers: elements from a tag, attributes and children; text that is never HTML.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}`);
  return element as T;
}

/** Sets text only when it changed, so screen readers and selection are not disturbed. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

export function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The SDK's messages read "Failed to X. Error: cause"; the cause is what a person needs.
  return message.replace(/^Failed to [^.]+\. Error: /, '');
}

/** A labelled control: `<label for>` names it, so its accessible name is exactly the label. */
export function field(label: string, control: HTMLElement, attrs: Attrs = {}): HTMLDivElement {
  if (!control.id) control.id = uniqueId('field');
  const isCheck = control instanceof HTMLInputElement && (control.type === 'checkbox' || control.type === 'radio');
  const text = h('label', { for: control.id }, label);
  return isCheck ? h('div', { class: 'field check', ...attrs }, control, text) : h('div', { class: 'field', ...attrs }, text, control);
}

let idCounter = 0;
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
