// Queues and business hours as a form in the admin console: members, strategy, maximum wait, service level threshold,
// hours and voicemail after them of each queue; time zone, weekly ranges and holidays of each business hours. Saved through the same routing
// policy API as the JSON editor (PUT with expectedVersion, validated, versioned, audited); the validator's problems are
// shown next to the field they name (the API keys them queues.NAME.FIELD and hours.NAME.FIELD).
import { api, banner, el, fill } from './api.js';

const Strategies = ['longest-idle', 'fewest-calls', 'round-robin', 'skills', 'ring-all'];
const Days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// "00:03:00" <-> 180 (seconds); empty for none.
const toSeconds = span => {
  if (!span) return '';
  const [h, m, s] = span.split(':');
  return String(Number(h) * 3600 + Number(m) * 60 + Math.round(Number(s)));
};
const toSpan = text => {
  const t = String(text).trim();
  if (!t) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return t; // the validator says what is wrong with it
  const pad = v => String(Math.floor(v)).padStart(2, '0');
  return `${pad(n / 3600)}:${pad((n % 3600) / 60)}:${pad(n % 60)}`;
};

// Members as typed: "1001, 1002, 1003:2" (extension, or extension:penalty for the skills strategy).
const membersText = members => members.map(m => typeof m === 'string' ? m : m.penalty ? `${m.extension}:${m.penalty}` : m.extension).join(', ');
const parseMembers = text => text.split(/[\s,;]+/).filter(Boolean).map(part => {
  const [extension, penalty] = part.split(':');
  return penalty ? { extension, penalty: Number(penalty) } : extension;
});

const error = field => el('span', { class: 'field-error', 'data-error-for': field });

/** The form (#policy-form-panel); onSaved() reloads the console's policy views. */
export class PolicyForm {
  constructor(root, onSaved) {
    this.root = root;
    this.onSaved = onSaved;
    this.policy = null;
    this.version = null;
    this.$ = id => root.querySelector('#' + id);
    this.$('form-save').addEventListener('click', () => this.save());
  }

  /** Shows the policy in force (its queues and hours). */
  render(policy, version) {
    this.policy = policy;
    this.version = version;
    const hoursNames = (policy.hours ?? []).map(h => h.name);
    fill(this.$('form-queues'), (policy.queues ?? []).map(q => el('fieldset', { 'data-queue': q.name },
      el('legend', {}, `Queue ${q.name}`),
      el('label', {}, 'Members (extension, or extension:penalty) ', error(`queues.${q.name}.members`),
        el('input', { name: 'members', size: 30, value: membersText(q.members ?? []) })),
      el('div', { class: 'row' },
        el('label', {}, 'Strategy ', el('select', { name: 'strategy' },
          Strategies.map(s => el('option', { value: s, selected: s === (q.strategy ?? 'longest-idle') }, s))), error(`queues.${q.name}.strategy`)),
        el('label', {}, 'Max wait (s) ', el('input', { name: 'maxWait', size: 5, value: toSeconds(q.maxWait) }), error(`queues.${q.name}.maxWait`)),
        el('label', {}, 'Service level within (s) ', el('input', { name: 'serviceLevelThreshold', size: 4, value: toSeconds(q.serviceLevelThreshold), placeholder: '20' }),
          error(`queues.${q.name}.serviceLevelThreshold`)),
        el('label', {}, 'Hours ', el('select', { name: 'hours' }, el('option', { value: '' }, 'always open'),
          hoursNames.map(n => el('option', { value: n, selected: n === q.hours }, n))), error(`queues.${q.name}.hours`)),
        el('label', { title: 'Outside the hours the caller may leave a message that becomes a call-back task' },
          el('input', { type: 'checkbox', name: 'voicemail', checked: q.voicemail !== false }), ' voicemail after hours')),
      error(`queues.${q.name}.overflow`), error(`queues.${q.name}.callbackKey`))));
    fill(this.$('form-hours'), (policy.hours ?? []).map(h => el('fieldset', { 'data-hours': h.name },
      el('legend', {}, `Business hours ${h.name}`),
      el('label', {}, 'Time zone ', el('input', { name: 'timeZone', size: 18, value: h.timeZone }), error(`hours.${h.name}.timeZone`)),
      el('div', { class: 'row' }, Days.map(d => el('label', {}, `${d} `,
        el('input', { name: d, size: 11, value: h.week?.[d] ?? 'closed' }), error(`hours.${h.name}.${d}`)))),
      error(`hours.${h.name}.week`),
      el('label', {}, 'Holidays (yyyy-mm-dd, comma separated) ', el('input', { name: 'holidays', size: 40, value: (h.holidays ?? []).join(', ') })))));
  }

  /** The loaded policy with the form's values. */
  edited() {
    const policy = structuredClone(this.policy);
    for (const q of policy.queues ?? []) {
      const f = this.root.querySelector(`fieldset[data-queue="${CSS.escape(q.name)}"]`);
      const value = name => f.querySelector(`[name=${name}]`).value;
      q.members = parseMembers(value('members'));
      q.strategy = value('strategy');
      q.maxWait = toSpan(value('maxWait'));
      q.serviceLevelThreshold = toSpan(value('serviceLevelThreshold'));
      q.hours = value('hours') || null;
      q.voicemail = f.querySelector('[name=voicemail]').checked ? null : false;
      for (const key of ['maxWait', 'serviceLevelThreshold', 'hours', 'voicemail']) if (q[key] === null) delete q[key];
    }
    for (const h of policy.hours ?? []) {
      const f = this.root.querySelector(`fieldset[data-hours="${CSS.escape(h.name)}"]`);
      h.timeZone = f.querySelector('[name=timeZone]').value.trim();
      h.week = Object.fromEntries(Days.map(d => [d, f.querySelector(`[name=${d}]`).value.trim()])
        .filter(([, range]) => range && range.toLowerCase() !== 'closed'));
      h.holidays = f.querySelector('[name=holidays]').value.split(/[\s,;]+/).filter(Boolean);
    }
    return policy;
  }

  async save() {
    this.root.querySelectorAll('[data-error-for]').forEach(n => { n.textContent = ''; });
    banner(this.$('form-banner'), '');
    fill(this.$('form-errors'));
    try {
      const query = new URLSearchParams({ expectedVersion: this.version, comment: this.$('form-comment').value.trim() || 'queues and hours form' });
      const saved = await api('PUT', `/api/routing/policy?${query}`, this.edited());
      await this.onSaved();
      banner(this.$('form-banner'), `Saved as version ${saved.version}: in force for the next call.`, 'ok');
    } catch (e) {
      const placed = new Set();
      for (const [field, messages] of Object.entries(e.fields ?? {})) {
        const slot = field === 'policy' ? null : this.root.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
        if (slot) {
          slot.textContent = messages.join(' ');
          messages.forEach(m => placed.add(m));
        }
      }
      const rest = (e.fields?.policy ?? []).filter(m => !placed.has(m));
      fill(this.$('form-errors'), rest.map(m => el('li', {}, m)));
      banner(this.$('form-banner'), e.status === 409 ? `${e.message} The form now shows the newer version.`
        : e.fields?.policy ? 'Fix the fields marked in red; nothing was saved.' : e.message);
      if (e.status === 409) await this.onSaved();
    }
  }
}
