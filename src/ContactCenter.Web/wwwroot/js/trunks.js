// Carrier trunks in the admin console (issue #17): every trunk with its peer, registration state, prefixes, priority
// and numbers (DIDs); the configured one (Sip:Trunk) read-only; a form to add or change database trunks. The password
// is write-only: the API says only whether there is one.
import { api, banner, clearErrors, el, fill, showError, when } from './api.js';

const lines = text => text.split(/[\n,]/).map(s => s.trim()).filter(Boolean);

/** The panel (#trunks-panel). */
export class TrunksPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.editing = null;
    this.$('trunk-form').addEventListener('submit', e => { e.preventDefault(); this.save(); });
    this.$('trunk-new').addEventListener('click', () => this.edit(null));
  }

  async load() {
    const list = await api('GET', '/api/sip/trunks');
    fill(this.$('trunks'), el('tr', {}, ['Trunk', 'Source', 'Peer', 'Media', 'Registration', 'Priority', 'Prefixes', 'Numbers', 'Enabled', ''].map(h => el('th', {}, h))),
      list.map(t => el('tr', { 'data-trunk': t.name },
        el('td', {}, t.name), el('td', {}, t.source), el('td', {}, `${t.transport}:${t.address}:${t.port}`),
        el('td', { class: 'trunk-media' }, `${t.codecs.length ? t.codecs.join(' ') : 'default codecs'}${t.requireTlsAndSrtp ? '; TLS and SRTP only' : ''}`),
        el('td', { class: 'trunk-registration', 'data-state': t.registration?.state ?? 'none' }, this.registration(t)),
        el('td', {}, t.priority), el('td', {}, t.readOnly ? t.allowedDestinations.join(' ') : t.prefixes.join(' ')),
        el('td', { class: 'trunk-numbers' }, t.numbers.map(n => `${n.number} → ${n.target}`).join(', ')),
        el('td', {}, t.enabled ? 'yes' : 'no'),
        el('td', {}, t.readOnly ? el('span', { class: 'muted' }, 'configuration') : [
          el('button', { type: 'button', class: 'secondary trunk-edit', onclick: () => this.edit(t) }, 'Edit'), ' ',
          el('button', { type: 'button', class: 'secondary trunk-delete', onclick: () => this.remove(t) }, 'Delete')]))));
  }

  registration(t) {
    if (!t.registration) return t.register ? 'starting' : '-';
    const r = t.registration;
    return r.state === 'registered' ? `registered until ${when(r.expiresAt)}` : r.lastError ? `${r.state}: ${r.lastError}` : r.state;
  }

  edit(t) {
    clearErrors(this.root, this.$('trunk-banner'));
    this.editing = t?.name ?? null;
    const f = this.$('trunk-form');
    f.reset();
    this.$('trunk-form-title').textContent = t ? `Change trunk ${t.name}` : 'New trunk';
    f.elements.name.disabled = !!t;
    if (!t) return;
    const set = (name, value) => { f.elements[name].value = value ?? ''; };
    set('name', t.name); set('address', t.address); set('port', t.port); set('transport', t.transport);
    set('sourceAddresses', t.sourceAddresses.join(', ')); set('authUser', t.authUser); set('realm', t.realm);
    set('registerUser', t.registerUser); set('registerDomain', t.registerDomain); set('registerExpires', t.registerExpires);
    set('callerId', t.callerId); set('prefixes', t.prefixes.join(', ')); set('priority', t.priority); set('codecs', t.codecs.join(', '));
    f.elements.requireTlsAndSrtp.checked = t.requireTlsAndSrtp;
    set('numbers', t.numbers.map(n => `${n.number} ${n.target}`).join('\n'));
    f.elements.register.checked = t.register;
    f.elements.enabled.checked = t.enabled;
    f.elements.password.placeholder = t.hasPassword ? 'unchanged (stored)' : '';
  }

  async save() {
    const f = this.$('trunk-form').elements;
    const number = v => v === '' ? null : Number(v);
    const body = {
      name: this.editing ?? f.name.value.trim(), address: f.address.value.trim(), port: number(f.port.value), transport: f.transport.value,
      sourceAddresses: lines(f.sourceAddresses.value), authUser: f.authUser.value.trim() || null,
      password: f.password.value === '' ? null : f.password.value, realm: f.realm.value.trim() || null,
      register: f.register.checked, registerUser: f.registerUser.value.trim() || null, registerDomain: f.registerDomain.value.trim() || null,
      registerExpires: number(f.registerExpires.value), callerId: f.callerId.value.trim() || null, prefixes: lines(f.prefixes.value),
      priority: number(f.priority.value), enabled: f.enabled.checked, codecs: lines(f.codecs.value), requireTlsAndSrtp: f.requireTlsAndSrtp.checked,
      numbers: f.numbers.value.split('\n').map(s => s.trim()).filter(Boolean).map(s => { const [n, t] = s.split(/\s+/); return { number: n, target: t ?? null }; }),
    };
    await this.act(async () => {
      if (this.editing) await api('PUT', `/api/sip/trunks/${encodeURIComponent(this.editing)}`, body);
      else await api('POST', '/api/sip/trunks', body);
      this.edit(null);
      banner(this.$('trunk-banner'), `Trunk ${body.name} saved.`, 'ok');
    });
  }

  async remove(t) {
    if (!confirm(`Delete trunk ${t.name} and its numbers?`)) return;
    await this.act(async () => {
      await api('DELETE', `/api/sip/trunks/${encodeURIComponent(t.name)}`);
      banner(this.$('trunk-banner'), `Trunk ${t.name} deleted.`, 'ok');
    });
  }

  async act(action) {
    clearErrors(this.root, this.$('trunk-banner'));
    try {
      await action();
      await this.load();
    } catch (error) {
      showError(this.root, this.$('trunk-banner'), error);
    }
  }
}
