// What the signed-in user may do, from the ProcOS roles GET /api/me reports. The console hides
// actions a user cannot do; the API still decides (403) — this only spares people dead buttons.

const ACTS = {
  // start/cancel/retry, upload/reindex, generate, suspend/resume, redeploy, PDE self-tests
  operate: ['operator', 'admin'],
  // generation decisions and rollbacks
  decide: ['approver', 'admin'],
  // claim and complete human tasks (the engine's candidate rules decide further)
  work: ['operator', 'approver', 'admin'],
};

let me = { user: '', roles: [], groups: [] };

export function setMe(value) {
  me = { user: value?.user || '', roles: Array.isArray(value?.roles) ? value.roles : [], groups: value?.groups || [] };
}

export function currentUser() {
  return me.user;
}

export function roles() {
  return me.roles.slice();
}

/** Whether the user's roles allow the act: 'operate', 'decide' or 'work'; reading and asking are for all. */
export function can(act) {
  const allowed = ACTS[act];
  return Boolean(allowed) && me.roles.some(role => allowed.includes(role));
}
