// The recordings page (department heads and admins): search by date, client, agent, queue, disposition and order
// number; play in the browser (the server answers range requests); download where the role allows; who listened.
import { api, banner, clearErrors, el, fill, header, me, ready, requireRole, showError, when } from './api.js';

const $ = id => document.getElementById(id);
const user = await me();
requireRole(user, 'DepartmentHead', 'Admin');
header(user);

const seconds = s => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;

async function search() {
  clearErrors($('search'), $('banner'));
  const query = new URLSearchParams();
  for (const f of ['from', 'to', 'client', 'agent', 'queue', 'disposition', 'order']) {
    if ($(f).value.trim()) query.set(f, $(f).value.trim());
  }
  try {
    const page = await api('GET', '/api/recordings?' + query);
    $('count').textContent = `${page.total} recording(s)${page.total > page.items.length ? `, the newest ${page.items.length} shown` : ''}.`;
    fill($('results'),
      el('tr', {}, ['When', 'Length', 'Caller', 'Client', 'Agent', 'Queue', 'Disposition', 'Orders', 'Plays', ''].map(h => el('th', {}, h))),
      page.items.map(r => el('tr', { 'data-call': r.callId },
        el('td', {}, when(r.recordedAt)), el('td', {}, seconds(r.durationSeconds)), el('td', {}, r.callerNumber),
        el('td', {}, r.clientName ?? ''), el('td', {}, r.agent ? `${r.agent} ${r.agentName ?? ''}` : ''), el('td', {}, r.queue ?? ''),
        el('td', {}, r.disposition ?? ''), el('td', {}, r.orderNumbers.join(', ')), el('td', { class: 'plays' }, r.plays),
        el('td', {}, r.deleted ? el('span', { class: 'muted' }, 'deleted (retention)')
          : el('button', { type: 'button', class: 'secondary play', onclick: () => open(r.callId) }, 'Play')))));
  } catch (e) {
    showError($('search'), $('banner'), e);
  }
}

async function open(callId) {
  try {
    const detail = await api('GET', `/api/recordings/${callId}`);
    const r = detail.recording;
    $('player-panel').classList.remove('hidden');
    $('player-title').textContent = `Recording of ${r.callerNumber}${r.clientName ? ` (${r.clientName})` : ''}, ${when(r.recordedAt)}`;
    $('player').src = `/api/recordings/${callId}/audio`;
    $('download').classList.toggle('hidden', !detail.canDownload);
    $('download').href = `/api/recordings/${callId}/audio?download=true`;
    await $('player').play().catch(() => { /* autoplay may be refused; the controls are there */ });
  } catch (e) {
    banner($('banner'), e.message);
  }
}

async function showAccess(callId) {
  const detail = await api('GET', `/api/recordings/${callId}`);
  const plays = document.querySelector(`#results tr[data-call="${CSS.escape(callId)}"] .plays`);
  if (plays) plays.textContent = detail.recording.plays;
  fill($('access'), el('tr', {}, el('th', {}, 'Who'), el('th', {}, 'What'), el('th', {}, 'When')),
    detail.access.map(a => el('tr', {}, el('td', {}, a.userName), el('td', {}, a.action), el('td', {}, when(a.at)))));
}

$('search').addEventListener('submit', e => { e.preventDefault(); search(); });
// The play is audited when the player fetches the file's first bytes: by the time the metadata is in, the list has it.
$('player').addEventListener('loadedmetadata', () => {
  const id = $('player').src.match(/recordings\/([^/]+)\/audio/)?.[1];
  if (id) showAccess(id);
});
await search();
ready();
