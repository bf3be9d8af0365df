// The wallboard: live queue figures and agents by state, and today's figures per queue and agent from the call log. Refetched when the hub says queues or agents changed,
// every 2 s while the live channel is down, and every 5 s anyway; waits tick every second in between.
import { api, el, fill, header, me, ready, stateBadge } from './api.js';
import { connectLive, liveIndicator } from './live.js';

const $ = id => document.getElementById(id);
header(await me());

const States = ['available', 'ringing', 'on-call', 'wrap-up', 'break', 'absent', 'logged-out', 'unregistered'];
let live = false;
let fetchedAt = Date.now();
let queues = [];
let stored = null;

// "00:01:05.1234" -> seconds
const toSeconds = span => {
  if (!span) return null;
  const [h, m, s] = span.split(':');
  const days = h.includes('.') ? Number(h.split('.')[0]) : 0;
  return days * 86400 + Number(h.split('.').pop()) * 3600 + Number(m) * 60 + Number(s);
};
const clock = seconds => seconds === null ? '-' : `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function figure(label, value, id) {
  return el('div', {}, el('div', { class: 'figure', id }, value), el('div', { class: 'figure-label' }, label));
}

/** Today's figures from the call log (they survive a restart): the same service-level definition as the reports. */
function today(queue, t) {
  const f = t?.figures ?? { offered: 0, answered: 0, answeredInTime: 0, abandoned: 0, serviceLevelPercent: null };
  const threshold = t?.thresholdSeconds ?? stored?.thresholdSeconds[queue] ?? stored?.defaultThresholdSeconds;
  const sec = s => s === null || s === undefined ? '-' : clock(s);
  return el('div', { class: 'wall today' },
    figure(`service level today (within ${threshold} s)`, f.serviceLevelPercent === null ? '-' : `${f.serviceLevelPercent} %`, `sl-${queue}`),
    figure('offered today', f.offered, `offered-today-${queue}`),
    figure('answered today', f.answered, `answered-today-${queue}`),
    figure('answered in time today', f.answeredInTime, `in-time-today-${queue}`),
    figure('abandoned today', f.abandoned, `abandoned-today-${queue}`),
    figure('average speed of answer', sec(f.averageSpeedOfAnswerSeconds), `asa-today-${queue}`),
    figure('average handle time', sec(f.averageHandleTimeSeconds), `aht-today-${queue}`),
    figure('longest wait today', sec(f.longestWaitSeconds), `longest-today-${queue}`));
}

function renderQueues() {
  const elapsed = (Date.now() - fetchedAt) / 1000;
  const since = stored ? new Date(stored.since).toLocaleTimeString('en-GB', { timeZone: stored.timeZone, hour: '2-digit', minute: '2-digit' }) : '';
  fill($('queues'), ...queues.map(q => {
    const f = q.figures;
    const longest = toSeconds(f.longestWait);
    return el('section', { class: 'panel', 'data-queue': q.name },
      el('h2', {}, `Queue ${q.name}`, el('span', { class: 'muted' }, ` (${q.strategy})`)),
      el('div', { class: 'wall' },
        figure('waiting', f.waiting, `waiting-${q.name}`),
        figure('longest wait now', clock(longest === null ? null : longest + (f.waiting > 0 ? elapsed : 0)), `longest-${q.name}`),
        figure('callbacks waiting', f.callbacks, `callbacks-${q.name}`),
        figure('members free', `${q.members.filter(m => m.state === 'available').length} / ${q.members.length}`, `free-${q.name}`)),
      today(q.name, stored?.queues.find(t => t.figures.key === q.name)),
      el('p', { class: 'muted' }, `Today: since ${since} ${stored?.timeZone ?? ''}, from the call log.`));
  }));
}

function renderAgentsToday() {
  const sec = s => s === null || s === undefined ? '-' : clock(s);
  fill($('agents-today'), el('tr', {}, ['Agent', 'Answered', 'Average handle time', 'Orders'].map(h => el('th', {}, h))),
    (stored?.agents ?? []).filter(a => a.key).map(a => el('tr', { 'data-agent': a.key },
      el('td', {}, `${a.key} ${a.name}`), el('td', { class: 'answered' }, a.answered), el('td', {}, sec(a.averageHandleTimeSeconds)),
      el('td', {}, a.orders))));
}

async function refresh() {
  const [q, agents, t] = await Promise.all([api('GET', '/api/queues'), api('GET', '/api/agents'), api('GET', '/api/wallboard/today')]);
  queues = q;
  stored = t;
  renderAgentsToday();
  fetchedAt = Date.now();
  renderQueues();
  const counts = Object.fromEntries(States.map(s => [s, 0]));
  agents.forEach(a => { counts[a.state] = (counts[a.state] ?? 0) + 1; });
  fill($('agent-states'), ...Object.entries(counts).map(([s, n]) => figure(s, n, `agents-${s}`)));
  fill($('agents'), el('tr', {}, el('th', {}, 'Extension'), el('th', {}, 'State'), el('th', {}, 'Reason'), el('th', {}, 'Answered')),
    agents.map(a => el('tr', {}, el('td', {}, a.extension), el('td', {}, stateBadge(a.state)), el('td', {}, a.reason ?? ''), el('td', {}, a.answeredCalls))));
  $('updated').textContent = `Updated ${new Date().toLocaleTimeString()} (${live ? 'live' : 'polling every 2 s'})`;
}

let pending = false;
const soon = () => {
  if (pending) return;
  pending = true;
  // Once at once and once a second later: the call log commits the call's events a moment after the hub tells.
  setTimeout(async () => { await refresh(); setTimeout(async () => { pending = false; await refresh(); }, 800); }, 200);
};

await refresh();
const indicator = liveIndicator($('live'));
await connectLive({ queuesChanged: soon, agentState: soon }, up => { live = up; indicator(up); });
setInterval(() => { if (!live) refresh(); }, 2000);
setInterval(() => { if (live) refresh(); }, 5000);
setInterval(renderQueues, 1000);
ready();
