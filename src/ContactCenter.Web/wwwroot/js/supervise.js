// Live calls for department heads and admins (issue #19): every answered call with Listen / Whisper / Barge; the
// supervisor's own phone is rung and joins; the mode switches without re-dialling; Leave hangs up the supervisor only.
import { api, banner, el, fill, header, me, ready, requireRole } from './api.js';
import { connectLive, liveIndicator } from './live.js';

const $ = id => document.getElementById(id);
const user = await me();
requireRole(user, 'DepartmentHead', 'Admin');
header(user);
$('my-ext').textContent = user.extension ?? 'no extension: supervision needs a phone';

const modes = ['listen', 'whisper', 'barge'];
const label = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' };
const since = iso => {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

async function act(method, callId, mode) {
  banner($('banner'), '');
  try {
    await api(method, `/api/live-calls/${callId}/supervision`, mode ? { mode } : undefined);
  } catch (error) {
    banner($('banner'), error.message);
  }
  await load();
}

function row(call, supervision) {
  const mine = supervision && supervision.supervisor === user.extension;
  const current = supervision?.mode?.toLowerCase();
  const buttons = supervision && !mine
    ? [el('span', { class: 'muted' }, `supervised by ${supervision.supervisor}`)]
    : [
        ...modes.map(m => el('button', {
          type: 'button', class: current === m ? '' : 'secondary', 'data-mode': m, 'aria-pressed': current === m ? 'true' : 'false',
          onclick: () => act(supervision ? 'PUT' : 'POST', call.callId, m),
        }, label[m])),
        supervision ? el('button', { type: 'button', class: 'secondary', 'data-leave': '', onclick: () => act('DELETE', call.callId) }, 'Leave') : null,
      ];
  return el('tr', { 'data-call': call.callId, 'data-supervised': supervision ? supervision.mode.toLowerCase() : 'no' },
    el('td', {}, call.callerNumberE164 ?? call.callerNumber), el('td', {}, call.direction), el('td', {}, call.agentExtension ?? '-'),
    el('td', {}, call.answeredAt ? since(call.answeredAt) : '-'), el('td', {}, call.onHold ? 'on hold' : ''),
    el('td', { class: 'row' }, buttons));
}

async function load() {
  try {
    const [calls, sessions] = await Promise.all([api('GET', '/api/live-calls'), api('GET', '/api/live-calls/supervision')]);
    const answered = calls.filter(c => c.phase === 'Answered');
    const byCall = new Map(sessions.map(s => [s.callId, s]));
    fill($('calls'), answered.length ? el('tr', {}, ['Caller', 'Direction', 'Agent', 'Talking', '', 'Supervise'].map(h => el('th', {}, h))) : null,
      answered.map(c => row(c, byCall.get(c.callId))));
    $('empty').classList.toggle('hidden', answered.length > 0);
    const mine = sessions.find(s => s.supervisor === user.extension);
    $('mine').classList.toggle('hidden', !mine);
    if (mine) {
      $('mine').textContent = mine.joined ? `You are on the call of ${mine.agent} (${mine.mode.toLowerCase()}).` : `Your phone (${user.extension}) is ringing: answer it to join.`;
      $('mine').dataset.joined = String(mine.joined);
    }
  } catch (error) {
    banner($('banner'), error.message);
  }
}

await load();
setInterval(load, 3000); // talking times, and calls the live channel does not announce
await connectLive({ call: load, supervision: load }, liveIndicator($('live')));
ready();
