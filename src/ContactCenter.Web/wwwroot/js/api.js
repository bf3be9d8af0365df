// The pages' only way to the service: fetch with the sign-in cookie, problem details turned into readable errors.

/** An API answer that was not 2xx: status, a sentence for a banner, and errors by field (validation problems). */
export class ApiError extends Error {
  constructor(status, message, fields) { super(message); this.status = status; this.fields = fields ?? {}; }
}

/** Calls the API; returns the JSON body (or null) or throws ApiError. raw: body is already a string (or a File of contentType). */
export async function api(method, path, body, { raw = false, contentType = 'application/json' } = {}) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = raw ? body : JSON.stringify(body);
  }
  const r = await fetch(path, init);
  if (r.status === 401) {
    location.href = '/?next=' + encodeURIComponent(location.pathname);
    throw new ApiError(401, 'Sign in first.');
  }
  const text = await r.text();
  const json = text ? safeJson(text) : null;
  if (!r.ok) {
    const fields = json?.errors ?? {};
    const listed = Object.values(fields).flat().join(' ');
    const message = r.status === 403 ? 'Your role may not do this.' : (json?.detail || listed || json?.title || `${r.status} ${r.statusText}`);
    throw new ApiError(r.status, message, fields);
  }
  return json;
}

function safeJson(text) {
  try { return JSON.parse(text); } catch { return { detail: text }; }
}

/** The signed-in user ({ userName, roles, staffId, extension }); sends the browser to the sign-in page when nobody is. */
export const me = () => api('GET', '/api/auth/me');

/** True when the user has any of the roles. */
export const hasRole = (user, ...roles) => roles.some(r => user.roles.includes(r));

/** Roles that work calls at a desk (and have an extension). */
export const DeskRoles = ['Operator', 'Manager', 'DepartmentHead', 'Finance', 'Dispatcher'];

/** Where a user starts after signing in. */
export const homeOf = user => hasRole(user, ...DeskRoles) ? '/desk.html' : hasRole(user, 'Admin') ? '/admin.html' : '/wallboard.html';

/** Sends a user who may not see this page to their own (and stops the page's script). */
export function requireRole(user, ...roles) {
  if (hasRole(user, ...roles)) return;
  location.replace(homeOf(user));
  throw new Error('This page is not for your role.');
}

/** Marks the page as set up (data-ready on body): listeners are in place and the first data is shown. */
export const ready = () => { document.body.dataset.ready = 'true'; };

/** Fills the page header: links to the pages the role may use, who is signed in, sign-out. */
export function header(user) {
  const links = [['/desk.html', 'Desktop', hasRole(user, ...DeskRoles)], ['/admin.html', 'Admin console', hasRole(user, 'Admin')],
    ['/data.html', 'Company data', hasRole(user, 'Admin')], ['/data.html#promotions', 'Promotions', !hasRole(user, 'Admin') && hasRole(user, 'DepartmentHead')],
    ['/wallboard.html', 'Wallboard', true], ['/reports.html', 'Reports', hasRole(user, 'DepartmentHead', 'Admin')],
    ['/supervise.html', 'Live calls', hasRole(user, 'DepartmentHead', 'Admin')], ['/recordings.html', 'Recordings', hasRole(user, 'DepartmentHead', 'Admin')], ['/calllists.html', 'Call lists', hasRole(user, 'DepartmentHead', 'Admin')],
    ['/dispatch.html', 'Dispatch', hasRole(user, 'Dispatcher', 'Admin')]];
  fill(document.querySelector('header.bar nav'), ...links.filter(l => l[2]).map(([href, text]) => el('a', { href }, text)));
  const out = el('button', { class: 'secondary', id: 'logout', type: 'button' }, 'Sign out');
  out.addEventListener('click', async () => { await fetch('/api/auth/logout', { method: 'POST' }); location.href = '/'; });
  fill(document.querySelector('header.bar .who'), el('span', { id: 'who' }, `${user.userName} (${user.roles.join(', ')})`), ' ', out);
}

/** Makes an element: el('td', { class: 'x', onclick: f }, 'text', child). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...nodes(children));
  return e;
}

/** Replaces node's children with the given ones (arrays flattened, null/false left out, the rest as text). */
export function fill(node, ...children) {
  node.replaceChildren(...nodes(children));
  return node;
}

const nodes = children => children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)
  .map(c => typeof c === 'object' ? c : String(c));

/** Shows a message in a banner element (kind: error, ok, info); empty text hides it. */
export function banner(node, text, kind = 'error') {
  node.className = 'banner ' + kind;
  node.textContent = text ?? '';
  node.classList.toggle('hidden', !text);
}

/** Shows an API error: next to each field it names (elements with data-error-for="field"), else in the banner. */
export function showError(scope, bannerNode, error) {
  scope.querySelectorAll('[data-error-for]').forEach(n => { n.textContent = ''; });
  const unplaced = [];
  for (const [field, messages] of Object.entries(error.fields ?? {})) {
    const slot = scope.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (slot) slot.textContent = messages.join(' '); else unplaced.push(...messages);
  }
  const placedAll = Object.keys(error.fields ?? {}).length > 0 && unplaced.length === 0;
  banner(bannerNode, placedAll ? 'Fix the fields marked in red.' : error.message, 'error');
}

/** Clears field errors and the banner. */
export function clearErrors(scope, bannerNode) {
  scope.querySelectorAll('[data-error-for]').forEach(n => { n.textContent = ''; });
  banner(bannerNode, '');
}

/** An API time (ISO 8601) in the browser's time zone, e.g. "30/11/2026, 07:48"; "-" when there is none. */
export const when = iso => iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '-';

/** 1234.5 -> "1,234.50". */
export const money = n => Number(n ?? 0).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A coloured badge for an agent state. */
export const stateBadge = state => el('span', { class: `badge state-${state}`, 'data-state': state }, state);
