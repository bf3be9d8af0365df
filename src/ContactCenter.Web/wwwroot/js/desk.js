// The operator's and manager's desktop: agent state, the screen-pop of the caller's card, transfers,
// click-to-call, order entry, the call-list queue, complaints and wishes, notifications, and for managers and heads
// their calls and the new clients to assign. Live events come from /hubs/desk; everything else from the API.
import { api, banner, DeskRoles, el, fill, hasRole, header, me, ready, requireRole, stateBadge } from './api.js';
import { CallListPanel } from './calllist.js';
import { renderCard } from './card.js';
import { ManagerPanel } from './clients.js';
import { FeedbackPanel } from './feedback.js';
import { connectLive, liveIndicator } from './live.js';
import { NotificationsPanel } from './notifications.js';
import { OrderForm } from './order.js';
import { BrowserPhone } from './phone.js';
import { ReferencePanel } from './reference.js';
import { WrapUpPanel } from './wrapup.js';

const $ = id => document.getElementById(id);
const user = await me();
header(user);
requireRole(user, ...DeskRoles, 'Admin');

const isAdmin = hasRole(user, 'Admin');
const isHead = hasRole(user, 'DepartmentHead', 'Admin');
const extension = user.extension ?? null;   // the phone of the staff record behind the user, never guessed from the name
const orderForm = new OrderForm($('order'), $('order-status'));
let call = null;
let staff = [];
const feedback = new FeedbackPanel($('complaints-panel'), isHead);
const reference = new ReferencePanel($('reference-panel'), () => orderForm.acceptedOrderId());
const notifications = new NotificationsPanel($('notifications-panel'), $('notif-badge'));
const worksLists = hasRole(user, 'Operator', 'Manager', 'DepartmentHead', 'Admin');
let managerPanel = null;
const wrapUp = new WrapUpPanel($('wrapup-panel'));
const callList = new CallListPanel($('call-list-panel'), card => showCard(card, null));

$('manager-panel').classList.toggle('hidden', !hasRole(user, 'Manager', 'DepartmentHead'));
$('call-list-panel').classList.toggle('hidden', !worksLists);
$('hang-up').classList.toggle('hidden', !isAdmin);

// --- agent state -------------------------------------------------------------------------------------------------
function showState(state, reason) {
  fill($('my-state'), stateBadge(state));
  $('my-reason').textContent = reason ? `(${reason})` : '';
}

async function loadState() {
  if (!extension) {
    $('state-panel').classList.add('hidden');
    return;
  }
  $('my-ext').textContent = extension;
  try {
    const agent = await api('GET', `/api/agents/${extension}`);
    showState(agent.state, agent.reason);
  } catch (error) {
    banner($('state-banner'), error.message);
  }
}

async function setState(state, reason) {
  if (!extension) return;
  banner($('state-banner'), '');
  try {
    const agent = await api('PUT', `/api/agents/${extension}/state`, { state, reason });
    showState(agent.state, agent.reason);
  } catch (error) {
    banner($('state-banner'), error.message);
  }
}

$('go-available').addEventListener('click', () => setState('available'));
$('go-break').addEventListener('click', () => setState('break', $('break-reason').value.trim() || 'break'));
$('go-wrapup').addEventListener('click', () => setState('wrap-up'));
$('go-logout').addEventListener('click', () => setState('logged-out'));

// --- the call and the screen-pop ---------------------------------------------------------------------------------
function showCall() {
  const panel = $('call-panel');
  panel.classList.toggle('hidden', !call);
  if (!call) return;
  panel.classList.toggle('ringing', call.phase === 'ringing');
  panel.dataset.callId = call.callId;
  $('call-phase').textContent = call.phase;
  $('call-number').textContent = call.number ?? 'unknown number';
  $('call-direction').textContent = call.direction === 'Outbound' ? 'outbound call' : 'inbound call';
  const transfer = $('call-transfer');
  transfer.textContent = call.transferredBy ? `Transferred by ${call.transferredBy}${call.reason ? ': ' + call.reason : ''}` : '';
  transfer.classList.toggle('hidden', !call.transferredBy);
  const live = call.phase === 'answered';
  ['to-manager', 'to-finance', 'to-head', 'to-ext', 'hang-up'].forEach(id => { $(id).disabled = !live; });
}

/** Shows a client's card with the order form; complaints and wishes are recorded for it (and the call, when there is one). */
function showCard(card, callId) {
  renderCard($('card'), card, dial);
  $('order-panel').classList.remove('hidden');
  orderForm.open(card, callId);
  feedback.setClient(card, callId ?? (call?.phase === 'answered' ? call.callId : null));
  reference.setClient(card, callId ?? (call?.phase === 'answered' ? call.callId : null));
}

async function popCard(clientId, number, callId) {
  const path = clientId ? `/api/clients/${clientId}/card` : `/api/clients/by-phone/${encodeURIComponent(number)}/card`;
  try {
    showCard(await api('GET', path), callId);
    return true;
  } catch (error) {
    fill($('card'), el('p', { class: 'banner info', id: 'card-unknown' }, error.status === 404
      ? `No client has the number ${number}: a new caller. Transfer to the department head to assign a manager.`
      : error.message));
    $('order-panel').classList.add('hidden');
    feedback.setClient(null, null);
    reference.setClient(null, null);
    return false;
  }
}

async function onCall(e) {
  if (e.extension !== extension) return;
  const receivedMs = Date.now() - Date.parse(e.at);
  if (e.kind === 'ended') {
    if (call?.callId === e.callId) {
      if (call.phase === 'answered') wrapUp.ended(call.callId, call.number);
      call.phase = 'ended';
      showCall();
      // The call log stores the end a moment later (its writer batches events).
      setTimeout(() => managerPanel?.loadCalls(), 1500);
    }
    return;
  }
  const fresh = call?.callId !== e.callId || call.phase === 'ended';
  if (fresh) call = { callId: e.callId, phase: 'ringing' };
  call.number = e.callerNumber ?? call.number;
  call.direction = e.direction ?? call.direction;
  call.transferredBy = e.transferredBy ?? call.transferredBy;
  call.reason = e.reason ?? call.reason;
  call.phase = e.kind === 'ringing' ? 'ringing' : 'answered';
  showCall();
  if (fresh && (e.clientId || call.number) && await popCard(e.clientId, call.number, e.callId)) {
    // From the engine's event to the rendered card (the issue asks for less than a second); read by the browser tests.
    $('card').dataset.popMs = String(Date.now() - Date.parse(e.at));
    $('card').dataset.eventMs = String(receivedMs);
  }
}

async function resumeLiveCall() {
  if (!extension) return;
  const calls = await api('GET', '/api/live-calls');
  const mine = calls.find(c => c.agentExtension === extension);
  if (mine && !call) {
    await onCall({ kind: mine.phase === 'Answered' ? 'answered' : 'ringing', callId: mine.callId, extension,
      callerNumber: mine.callerNumberE164 ?? mine.callerNumber, direction: mine.direction });
  }
}

// --- transfers, hang-up, click-to-call ---------------------------------------------------------------------------
async function transfer(target) {
  if (!call || call.phase !== 'answered' || !target) return;
  banner($('call-banner'), '');
  try {
    const started = await api('POST', `/api/live-calls/${call.callId}/transfer`, { target, reason: $('transfer-reason').value.trim() || null });
    banner($('call-banner'), `Transferring to ${started.target}: the caller hears ringback while it rings.`, 'info');
  } catch (error) {
    banner($('call-banner'), error.message);
  }
}

const finance = () => staff.find(s => s.role === 'Finance' && s.isActive)?.extension;

async function hangUp() {
  if (!isAdmin || !call) return;
  try {
    await api('DELETE', `/api/live-calls/${call.callId}`);
  } catch (error) {
    banner($('call-banner'), error.message);
  }
}

async function dial(number) {
  const target = (number ?? $('number').value).trim();
  if (!target) return;
  try {
    const started = await api('POST', '/api/live-calls', { number: target });
    banner($('find-banner'), `Calling ${target}: your phone (${started.agent}) rings first.`, 'info');
  } catch (error) {
    banner($('find-banner'), error.message);
  }
}

async function openCard() {
  const number = $('number').value.trim();
  if (!number) return;
  banner($('find-banner'), '');
  await popCard(null, number, call?.phase === 'answered' ? call.callId : null);
}

$('to-manager').addEventListener('click', () => transfer('manager'));
$('to-finance').addEventListener('click', () => transfer(finance()));
$('to-head').addEventListener('click', () => transfer($('head-select').value));
$('to-ext').addEventListener('click', () => transfer($('transfer-ext').value.trim()));
$('hang-up').addEventListener('click', hangUp);
$('open-card').addEventListener('click', openCard);
$('dial').addEventListener('click', () => dial());
$('number').addEventListener('keydown', e => { if (e.key === 'Enter') openCard(); });

// --- keyboard shortcuts (listed on the page) ---------------------------------------------------------------------
const shortcuts = {
  a: () => setState('available'), b: () => $('go-break').click(), l: () => setState('logged-out'), w: () => setState('wrap-up'),
  u: () => wrapUp.save(),
  m: () => transfer('manager'), f: () => transfer(finance()), h: () => transfer($('head-select').value), x: hangUp,
  o: openCard, d: () => dial(), n: () => orderForm.card && orderForm.addLine(),
  t: () => worksLists && callList.next(), g: () => callList.dial(), s: () => callList.save(false), p: () => callList.save(true),
  c: () => $('fb-text').focus(), i: () => $('notifications-panel').scrollIntoView(),
};
document.addEventListener('keydown', e => {
  if (e.ctrlKey && e.key === 'Enter' && orderForm.card) {
    e.preventDefault();
    orderForm.accept();
  } else if (e.altKey && !e.ctrlKey && shortcuts[e.key.toLowerCase()]) {
    e.preventDefault();
    shortcuts[e.key.toLowerCase()]();
  }
});

// --- start -------------------------------------------------------------------------------------------------------
staff = await api('GET', '/api/staff');
fill($('head-select'), ...staff.filter(s => s.role === 'DepartmentHead' && s.isActive)
  .map(s => el('option', { value: s.extension }, `${s.fullName} (${s.extension}, ${s.department ?? '-'})`)));
$('to-finance').textContent = `To Finance (${finance() ?? 'none'})`;
showCall();
managerPanel = hasRole(user, 'Manager', 'DepartmentHead') ? new ManagerPanel($('manager-panel'), isHead, staff) : null;
await Promise.all([loadState(), wrapUp.load(), notifications.load(), feedback.load(), worksLists ? callList.loadLists() : null, managerPanel?.load()]);
// The browser phone exists only for a user with an extension (the state panel is hidden otherwise).
if (extension) new BrowserPhone($('phone-enable'), $('phone-status'), $('phone-message'));
await connectLive({
  call: onCall,
  // A wrap-up's event carries no "until" (it is not re-sent as the time runs): ask for it rather than blank it.
  agentState: s => { if (s.extension === extension) { if (s.state === 'wrap-up' && !s.reason) loadState(); else showState(s.state, s.reason); } },
  // A head listening, whispering or barging in on this agent's call (issue #19): the agent always knows.
  supervision: s => {
    if (s.agent !== extension) return;
    const on = s.change !== 'ended';
    const badge = $('call-supervised');
    badge.classList.toggle('hidden', !on);
    badge.dataset.supervised = on ? s.mode.toLowerCase() : 'off';
    badge.textContent = !on ? '' : s.change === 'ringing' ? `${s.supervisor} is joining` : `${s.mode === 'Listen' ? 'Listened to' : s.mode === 'Whisper' ? 'Coached' : 'Joined'} by ${s.supervisor}`;
  },
  notification: n => {
    notifications.pushed(n);
    if (n.subjectType === 'feedback') feedback.load();
    if (n.kind === 'client-to-assign') managerPanel?.loadUnassigned();
  },
}, liveIndicator($('live')));
await resumeLiveCall();
ready();
