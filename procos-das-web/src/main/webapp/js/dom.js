// Building the page from data without ever parsing data as HTML: every text from the API (model
// output, log lines, file names) goes in through textContent or attribute values, never innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An element with attributes, listeners (onclick, oninput…) and children (nodes or plain text). */
export function h(tag, props, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** The same for SVG elements (charts). */
export function svg(tag, props, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), props, children);
}

function fill(el, props, children) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el) el.value = String(value);
    else if (key === 'checked' || key === 'selected' || key === 'disabled') el[key] = Boolean(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/** Appends nodes and text (null, undefined and false are skipped; arrays are flattened). */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** An id or class-safe token from arbitrary text (form field ids come from models). */
export function token(text) {
  return String(text).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** A local date-time for an ISO-8601 string; '' for none. */
export function time(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

/** A <time> element showing a local date-time with the ISO value for machines. */
export function timeEl(iso) {
  return iso ? h('time', { datetime: iso, text: time(iso) }) : '';
}

/** "1.2 s", "3 min 20 s" from milliseconds. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(Number(ms))) return '';
  const value = Number(ms);
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  const minutes = Math.floor(value / 60_000);
  return `${minutes} min ${Math.round((value % 60_000) / 1000)} s`;
}

/** "12.3 KB" from bytes. */
export function bytes(n) {
  if (n === null || n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A value as readable text: strings as they are, everything else as JSON. */
export function show(value) {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A status word as a badge whose class (and so colour) follows the word. */
export function badge(word) {
  const text = word === null || word === undefined ? '' : String(word);
  return h('span', { class: `badge badge-${token(text.toLowerCase())}`, text });
}

/**
 * A table: columns are {label, cell(row) → node or text, class?}; rows become <tr data-id>.
 * The empty text is shown in one row when there are no rows.
 */
export function table({ id, caption, columns, rows, rowId, rowClass, empty = 'Nothing yet.' }) {
  const body = h('tbody');
  if (!rows.length) {
    body.append(h('tr', {}, h('td', { colspan: columns.length, class: 'empty', text: empty })));
  }
  for (const row of rows) {
    body.append(h('tr', { class: rowClass, 'data-id': rowId ? rowId(row) : undefined },
      columns.map(c => h('td', { class: c.class }, c.cell(row)))));
  }
  return h('table', { id, 'data-testid': id },
    caption ? h('caption', { text: caption }) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', text: c.label })))),
    body);
}

/** A labelled form control: the label's for= points at the control's id. */
export function field(label, control, hint) {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' },
    h('label', { for: control.id, text: label }),
    control,
    hint ? h('small', { id: hintId, class: 'hint', text: hint }) : null);
}

/** Previous/next buttons for a paged list ({items,total,offset,limit}); go(offset) loads a page. */
export function pager(page, go, id) {
  const from = page.total === 0 ? 0 : page.offset + 1;
  const to = page.offset + page.items.length;
  return h('div', { class: 'pager', id, 'data-testid': id },
    h('button', { type: 'button', class: 'secondary', disabled: page.offset === 0,
      onclick: () => go(Math.max(0, page.offset - page.limit)), text: 'Previous' }),
    h('span', { text: `${from}–${to} of ${page.total}` }),
    h('button', { type: 'button', class: 'secondary', disabled: to >= page.total,
      onclick: () => go(page.offset + page.limit), text: 'Next' }));
}

/**
 * Asks for a text in a modal dialog (a reason to cancel, a comment to roll back); resolves to the
 * text, or null when the person cancels. Required texts cannot be confirmed empty.
 */
export function askText({ title, label, confirm, required = false, maxLength = 2000 }) {
  return new Promise(resolve => {
    const input = h('textarea', { id: 'reason-input', rows: 3, maxlength: maxLength, required, 'aria-required': required ? 'true' : undefined });
    const problem = h('p', { class: 'field-error', id: 'reason-problem', role: 'alert' });
    const dialog = h('dialog', { id: 'reason-dialog', 'data-testid': 'reason-dialog', 'aria-labelledby': 'reason-title' });
    const close = value => { dialog.close(); dialog.remove(); resolve(value); };
    const form = h('form', { method: 'dialog', onsubmit: event => {
      event.preventDefault();
      const text = input.value.trim();
      if (required && !text) { problem.textContent = `${label} is required.`; input.focus(); return; }
      close(text);
    } },
      h('h2', { id: 'reason-title', text: title }),
      field(label, input),
      problem,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', id: 'reason-confirm', text: confirm }),
        h('button', { type: 'button', id: 'reason-cancel', class: 'secondary', text: 'Back', onclick: () => close(null) })));
    dialog.append(form);
    dialog.addEventListener('cancel', event => { event.preventDefault(); close(null); });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/** Runs fn every ms while the page is visible (and once at once); returns the stop function. */
export function every(ms, fn) {
  let stopped = false;
  let timer;
  const tick = async () => {
    if (stopped) return;
    if (document.visibilityState === 'visible') {
      try { await fn(); } catch { /* the api module has shown the problem */ }
    }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}

/**
 * For a list loaded again while an earlier load may still be answering (a filter applied during the
 * first load, a poll during a page change): each call of the returned function starts a load and
 * answers isNewest(), true until a later load starts, so a slower, older answer is never shown over
 * a newer one.
 */
export function newestLoad() {
  let started = 0;
  return () => {
    const mine = ++started;
    return () => mine === started;
  };
}
