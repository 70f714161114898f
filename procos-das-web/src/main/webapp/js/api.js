// Every call to the ProcOS API goes through here: JSON errors show their message, 401 goes to the
// sign-in page, 403 says which act the user's role may not do.
import { replace, h } from './dom.js';

const BASE = new URL('api/', document.baseURI);

/** A failed call; the problem has already been shown to the person unless the call was quiet. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The console's sign-in page; after signing in, the person is back on the panel they were on. */
export function signIn() {
  const url = new URL('signin', document.baseURI);
  url.searchParams.set('next', window.location.pathname + window.location.hash);
  window.location.assign(url.href);
}

/** Shows a problem in the page's alert region (role=alert, so screen readers announce it). */
export function showError(message) {
  const region = document.getElementById('error');
  if (!region) return;
  replace(region,
    h('span', { class: 'error-text', text: message }),
    h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss the message', text: '×',
      onclick: () => replace(region) }));
}

/** Shows a passing message in the status region (role=status). */
export function showNotice(message) {
  const region = document.getElementById('notice');
  if (region) region.textContent = message;
}

export function clearError() {
  const region = document.getElementById('error');
  if (region) replace(region);
}

/** The absolute URL of an API path with query parameters (empty ones left out). */
export function apiUrl(path, params) {
  const url = new URL(String(path).replace(/^\//, ''), BASE);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

/**
 * One API call. Options: params (query), json (body), form (FormData body), what (the act, for
 * "your role may not …"), quiet (do not show the problem; the caller handles it).
 * Answers the parsed JSON, the text of non-JSON answers, or null for 204.
 */
export async function request(method, path, { params, json, form, what, quiet = false } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json, application/xml;q=0.9, */*;q=0.5' } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (form) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(apiUrl(path, params), init);
  } catch (e) {
    throw fail(0, `ProcOS is not answering (${e.message}).`, quiet);
  }
  // A session that ended may be answered by the sign-in page itself rather than a 401.
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname.endsWith('/signin'))) {
    signIn();
    throw new ApiError(401, 'Your session has ended; signing in again.');
  }
  if (!response.ok) {
    let message = await problemMessage(response);
    if (response.status === 403) {
      message = `Your role may not ${what || `do this (${method} ${path})`}: ${message}`;
    }
    throw fail(response.status, message, quiet);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') || '';
  return type.includes('json') ? response.json() : response.text();
}

function fail(status, message, quiet) {
  if (!quiet) showError(message);
  return new ApiError(status, message);
}

async function problemMessage(response) {
  const text = await response.text().catch(() => '');
  try {
    const problem = JSON.parse(text);
    if (problem && typeof problem.message === 'string' && problem.message) return problem.message;
  } catch { /* not JSON */ }
  return `${response.status} ${response.statusText || 'error'}`.trim();
}

export const get = (path, params, options = {}) => request('GET', path, { ...options, params });
export const post = (path, json, options = {}) => request('POST', path, { ...options, json: json ?? {} });
export const del = (path, options = {}) => request('DELETE', path, options);
export const upload = (path, form, options = {}) => request('POST', path, { ...options, form });

/**
 * Follows a server-sent event stream. onData gets each event's parsed JSON data; onFail is called
 * once when the stream cannot be opened or breaks (the caller falls back to polling). Returns close().
 */
export function events(path, params, eventName, onData, onFail) {
  let source;
  try {
    source = new EventSource(apiUrl(path, params).href, { withCredentials: true });
  } catch (e) {
    onFail?.(e);
    return () => {};
  }
  let failed = false;
  source.addEventListener(eventName, event => {
    let data;
    try { data = JSON.parse(event.data); } catch { return; }
    onData(data);
  });
  source.onerror = () => {
    // EventSource would retry on its own; the callers prefer to fall back to polling.
    if (failed) return;
    failed = true;
    source.close();
    onFail?.(new Error('the event stream broke'));
  };
  return () => { failed = true; source.close(); };
}
