// The admin console: routing dry-run, routing policy editor (validate, save with expectedVersion, history),
// agents, queues, SIP registrations, SIP extensions (credentials), users and announcements.
import { api, banner, clearErrors, el, fill, header, me, ready, requireRole, showError, stateBadge } from './api.js';
import { AnnouncementsPanel } from './announcements.js';
import { connectLive, liveIndicator } from './live.js';
import { PolicyForm } from './policyform.js';
import { SipAccountsPanel } from './sipaccounts.js';
import { TrunksPanel } from './trunks.js';

const $ = id => document.getElementById(id);
const user = await me();
header(user);
requireRole(user, 'Admin');

const Roles = ['Operator', 'Manager', 'DepartmentHead', 'Finance', 'Dispatcher', 'Admin'];
let policyVersion = null;
const policyForm = new PolicyForm($('policy-form-panel'), () => loadPolicy());

const row = (cells, tag = 'td') => el('tr', {}, cells.map(c => el(tag, {}, c)));
const head = (...names) => row(names, 'th');

// --- routing dry-run ---------------------------------------------------------------------------------------------
async function explain(e) {
  e?.preventDefault();
  banner($('explain-banner'), '');
  const query = new URLSearchParams({ from: $('explain-from').value.trim(), to: $('explain-to').value.trim() });
  if ($('explain-menu').value) query.set('menu', $('explain-menu').value);
  try {
    const d = await api('GET', `/api/routing/explain?${query}`);
    const client = d.client
      ? `${d.client.name} (${d.client.type}${d.client.manager ? ', manager ' + d.client.manager : ''})${d.client.debt ? ' - ' + d.client.debt : ''}`
      : 'unknown number (new caller)';
    fill($('explain-result'),
      el('p', {}, 'Rule ', el('strong', { id: 'explain-rule' }, d.rule), ` (policy version ${d.policyVersion}); client: `, el('span', { id: 'explain-client' }, client)),
      el('p', {}, 'Would ring now: ', el('strong', { id: 'explain-offer' }, d.wouldOffer ?? 'nobody'),
        d.targets.length > 1 ? ` then ${d.targets.slice(1).join(', ')}` : '',
        d.queue ? ` - waits in queue ${d.queue.queueName} at position ${d.queue.position}` : '',
        d.finalAnnouncement ? ` - hears "${d.finalAnnouncement}"` : ''),
      d.note ? el('p', { class: 'muted' }, d.note) : null,
      el('table', { id: 'explain-candidates' }, head('Chain entry', 'Extension', 'State', 'Verdict'),
        d.candidates.map(c => el('tr', { class: c.offered ? 'offered' : '' }, el('td', {}, c.source), el('td', {}, c.extension ?? '-'),
          el('td', {}, c.state ? stateBadge(c.state) : '-'), el('td', {}, c.offered ? el('strong', {}, c.verdict) : c.verdict)))));
  } catch (error) {
    banner($('explain-banner'), error.message);
  }
}

// --- routing policy ----------------------------------------------------------------------------------------------
async function loadPolicy() {
  const p = await api('GET', '/api/routing/policy');
  policyVersion = p.version;
  $('policy-version').textContent = `version ${p.version} (${p.source})`;
  $('policy-json').value = JSON.stringify(p.policy, null, 2);
  policyForm.render(p.policy, p.version);
  const history = await api('GET', '/api/routing/policy/history?take=10');
  fill($('policy-history'), head('Version', 'When', 'By', 'Comment'),
    history.map(h => row([h.version, new Date(h.createdAt).toLocaleString(), h.createdBy, h.comment ?? ''])));
}

function policyErrors(list) {
  fill($('policy-errors'), ...list.map(m => el('li', {}, m)));
}

async function sendPolicy(save) {
  banner($('policy-banner'), '');
  policyErrors([]);
  const body = $('policy-json').value;
  try {
    JSON.parse(body);
  } catch (error) {
    banner($('policy-banner'), `Not valid JSON: ${error.message}`);
    return;
  }
  try {
    if (save) {
      const query = new URLSearchParams({ expectedVersion: policyVersion, comment: $('policy-comment').value.trim() });
      const saved = await api('PUT', `/api/routing/policy?${query}`, body, { raw: true });
      await loadPolicy();
      banner($('policy-banner'), `Saved as version ${saved.version}: in force for the next call.`, 'ok');
    } else {
      await api('POST', '/api/routing/policy/validate', body, { raw: true });
      banner($('policy-banner'), 'The policy is valid.', 'ok');
    }
  } catch (error) {
    const listed = error.fields?.policy ?? Object.values(error.fields ?? {}).flat();
    policyErrors(listed);
    banner($('policy-banner'), error.status === 409 ? `${error.message} Reload to see the newer version.`
      : listed.length ? `${listed.length} problem(s); nothing was saved.` : error.message);
  }
}

// --- agents, queues, registrations -------------------------------------------------------------------------------
const ago = t => t ? `${Math.max(0, Math.round((Date.now() - new Date(t)) / 1000))} s` : '-';
const seconds = span => span ? span.split('.')[0] : '-';

async function loadLive() {
  const [agents, queues, registrations] = await Promise.all([api('GET', '/api/agents'), api('GET', '/api/queues'),
    api('GET', '/api/sip/registrations')]);
  fill($('agents'), head('Ext.', 'State', 'Chosen', 'Reason', 'Phone', 'Idle', 'Answered'),
    agents.map(a => el('tr', { 'data-ext': a.extension }, el('td', {}, a.extension), el('td', {}, stateBadge(a.state)), el('td', {}, a.chosen),
      el('td', {}, a.reason ?? ''), el('td', {}, a.registered ? 'registered' : '-'), el('td', {}, ago(a.idleSince)), el('td', {}, a.answeredCalls))));
  fill($('queues'), head('Queue', 'Strategy', 'Waiting', 'Longest wait', 'Answered', 'Abandoned', 'Callbacks', 'Members'),
    queues.map(q => row([q.name, q.strategy, q.figures.waiting, seconds(q.figures.longestWait), q.figures.answered, q.figures.abandoned,
      q.figures.callbacks, q.members.map(m => `${m.extension} ${m.state}`).join(', ')])));
  fill($('registrations'), head('Ext.', 'Name', 'Contacts'),
    registrations.map(r => row([r.extension, r.displayName ?? '',
      r.contacts.length ? r.contacts.map(c => `${c.transport} ${c.source} (${c.expiresInSeconds} s)`).join('; ') : 'not registered'])));
}

// --- users -------------------------------------------------------------------------------------------------------
async function loadUsers() {
  const users = await api('GET', '/api/users');
  fill($('users'), head('User', 'Roles', 'Active', 'New password', ''), users.map(u => {
    const password = el('input', { type: 'password', size: 10, class: 'reset-password', 'aria-label': `New password for ${u.userName}`, autocomplete: 'new-password' });
    const slot = el('div', { class: 'field-error', 'data-error-for': 'password' });
    const tr = el('tr', { 'data-user': u.userName }, el('td', {}, u.userName), el('td', {}, u.roles.join(', ')),
      el('td', { class: 'user-active' }, u.isActive ? 'yes' : 'no'),
      el('td', {}, password, el('button', { type: 'button', class: 'secondary reset-save', onclick: () => resetPassword(u, password, tr) }, 'Reset'), slot),
      el('td', {}, el('button', { type: 'button', class: 'secondary toggle-active', onclick: () => setActive(u, !u.isActive, tr) }, u.isActive ? 'Disable' : 'Enable')));
    return tr;
  }));
}

async function resetPassword(u, input, tr) {
  clearErrors(tr, $('user-banner'));
  try {
    await api('PUT', `/api/users/${u.id}/password`, { password: input.value });
    input.value = '';
    banner($('user-banner'), `Password of ${u.userName} reset.`, 'ok');
  } catch (error) {
    showError(tr, $('user-banner'), error);
  }
}

async function setActive(u, active, tr) {
  clearErrors(tr, $('user-banner'));
  try {
    await api('PUT', `/api/users/${u.id}/active`, { active });
    banner($('user-banner'), `${u.userName} ${active ? 'enabled' : 'disabled'}.`, 'ok');
    await loadUsers();
  } catch (error) {
    showError(tr, $('user-banner'), error);
  }
}

async function createUser(e) {
  e.preventDefault();
  const form = $('user-form');
  clearErrors(form, $('user-banner'));
  const roles = [...form.querySelectorAll('input[name=role]:checked')].map(c => c.value);
  try {
    const created = await api('POST', '/api/users', { userName: $('new-user-name').value.trim(), password: $('new-user-password').value, roles,
      staffId: $('new-user-staff').value || null });
    banner($('user-banner'), `User ${created.userName} created.`, 'ok');
    form.reset();
    await loadUsers();
  } catch (error) {
    showError(form, $('user-banner'), error);
  }
}

// --- start -------------------------------------------------------------------------------------------------------
// A user linked to a member of staff works at the desk as that extension (its calls, its state, its department).
fill($('new-user-staff'), el('option', { value: '' }, 'none (e.g. an admin)'),
  (await api('GET', '/api/staff')).map(s => el('option', { value: s.id }, `${s.extension} ${s.fullName}`)));
fill($('new-user-roles'), ...Roles.map(r => el('label', {}, el('input', { type: 'checkbox', name: 'role', value: r }), ' ', r)));
$('explain-form').addEventListener('submit', explain);
$('policy-validate').addEventListener('click', () => sendPolicy(false));
$('policy-save').addEventListener('click', () => sendPolicy(true));
$('policy-reload').addEventListener('click', async () => { await loadPolicy(); banner($('policy-banner'), ''); policyErrors([]); });
$('user-form').addEventListener('submit', createUser);
const announcements = new AnnouncementsPanel($('announcements-panel'));
const sipAccounts = new SipAccountsPanel($('sip-accounts-panel'));
const trunks = new TrunksPanel($('trunks-panel'));
await Promise.all([loadPolicy(), loadLive(), loadUsers(), announcements.load(), sipAccounts.load(), trunks.load()]);
let pending = false;
const refresh = () => {
  if (pending) return;
  pending = true;
  setTimeout(async () => { pending = false; await loadLive(); }, 300);
};
await connectLive({ agentState: refresh, queuesChanged: refresh }, liveIndicator($('live')));
setInterval(loadLive, 5000);
setInterval(() => trunks.load().catch(() => {}), 10000); // registration states
ready();
