// The console: header (kernel phase and health, the user, sign out), the hash router and the panels.
import * as api from './api.js';
import { h, replace, every } from './dom.js';
import { setMe, roles } from './roles.js';
import * as ask from './panels/ask.js';
import * as knowledge from './panels/knowledge.js';
import * as generate from './panels/generate.js';
import * as processes from './panels/processes.js';
import * as instances from './panels/instances.js';
import * as tasks from './panels/tasks.js';
import * as pdes from './panels/pdes.js';
import * as logs from './panels/logs.js';

// '#/name', '#/name/{id}' or '#/name?filter=…' → the panel's render(view, id, query); render may answer a stop function
// (polling, event streams) that runs when the person leaves the panel.
const PANELS = {
  ask: { title: 'Ask', list: ask.render },
  knowledge: { title: 'Knowledge', list: knowledge.render },
  generate: { title: 'Generate', list: generate.render, detail: generate.renderDetail },
  processes: { title: 'Processes', list: processes.render, detail: processes.renderDetail },
  instances: { title: 'Instances', list: instances.render, detail: instances.renderDetail },
  tasks: { title: 'Tasks', list: tasks.render },
  pdes: { title: 'PDEs', list: pdes.render },
  logs: { title: 'Logs', list: logs.render },
};
const DEFAULT_ROUTE = 'ask';

let stopPanel = null;
let firstRoute = true;

function route() {
  const hash = window.location.hash;
  if (!hash.startsWith('#/')) {
    if (!hash || hash === '#') window.location.replace('#/' + DEFAULT_ROUTE);
    return; // an in-page anchor, not a route
  }
  const [routePath, queryText] = hash.slice(2).split('?');
  const query = new URLSearchParams(queryText || '');
  const [name, ...rest] = routePath.split('/');
  const id = rest.length ? decodeURIComponent(rest.join('/')) : null;
  const panel = PANELS[name];
  if (stopPanel) { try { stopPanel(); } catch { /* already stopped */ } stopPanel = null; }
  api.clearError();
  api.showNotice('');
  const view = document.getElementById('view');
  view.replaceChildren();
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!panel || (id && !panel.detail)) {
    document.title = 'Not found · ProcOS';
    replace(view, h('h1', { text: 'Not found' }), h('p', {}, 'There is no panel here. ', h('a', { href: '#/' + DEFAULT_ROUTE, text: 'Go to Ask' })));
    return;
  }
  document.title = `${panel.title} · ProcOS`;
  const render = id ? panel.detail : panel.list;
  const result = render(view, id, query);
  Promise.resolve(result).then(stop => { if (typeof stop === 'function') stopPanel = stop; }).catch(() => { /* shown by the api module */ });
  // Keyboard and screen-reader users land on the new panel's heading, not back at the top.
  if (!firstRoute) {
    const heading = view.querySelector('h1');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: false }); }
  }
  firstRoute = false;
}

async function loadMe() {
  try {
    const me = await api.get('me', null, { quiet: true });
    setMe(me);
    document.getElementById('me-user').textContent = me.user || '?';
    document.getElementById('me-roles').textContent = roles().length ? `(${roles().join(', ')})` : '(no ProcOS role)';
  } catch (e) {
    setMe(null);
    document.getElementById('me-user').textContent = '?';
    if (e.status !== 401) api.showError(`Who you are could not be read (${e.message}); actions stay hidden.`);
  }
}

async function refreshKernel() {
  const phase = document.getElementById('kernel-phase');
  const health = document.getElementById('kernel-health');
  const [status, checks] = await Promise.allSettled([
    api.get('kernel', null, { quiet: true }),
    api.get('kernel/health', null, { quiet: true }),
  ]);
  setBadge(phase, status.status === 'fulfilled' ? status.value.phase : 'UNKNOWN');
  if (status.status === 'fulfilled' && status.value.problems?.length) phase.title = status.value.problems.join('\n');
  setBadge(health, checks.status === 'fulfilled' ? checks.value.status : 'UNKNOWN');
  if (checks.status === 'fulfilled') {
    health.title = (checks.value.checks || []).map(c => `${c.name}: ${c.status}`).join('\n');
  }
}

function setBadge(el, word) {
  el.textContent = word || 'UNKNOWN';
  el.className = `badge badge-${String(word || 'unknown').toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`;
}

async function signOut() {
  try {
    await fetch(new URL('signout', document.baseURI), { method: 'POST', credentials: 'same-origin' });
  } finally {
    api.signIn();
  }
}

function start() {
  document.getElementById('signout').addEventListener('click', signOut);
  document.getElementById('skip-link').addEventListener('click', event => {
    event.preventDefault();
    document.getElementById('view').focus();
  });
  window.addEventListener('hashchange', route);
  every(10_000, refreshKernel);
  // Panels hide actions by role, so they render once the roles are known.
  loadMe().then(route);
}

start();
