// SIP extensions in the admin console: where each one's credentials come from (sip.json, the demo's seed, or the
// database), a new random password (shown once, here, and nowhere else), disable/enable, and new extensions.
// The database keeps only HA1 digests.
import { api, banner, clearErrors, el, fill, showError } from './api.js';

/** The panel (#sip-accounts-panel). */
export class SipAccountsPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.$('sip-form').addEventListener('submit', e => { e.preventDefault(); this.create(); });
  }

  async load() {
    const list = await api('GET', '/api/sip/accounts');
    fill(this.$('sip-accounts'), el('tr', {}, ['Ext.', 'Name', 'Credentials', 'Active', '', ''].map(h => el('th', {}, h))),
      list.map(a => el('tr', { 'data-extension': a.extension },
        el('td', {}, a.extension), el('td', {}, a.displayName ?? ''), el('td', {}, a.source), el('td', { class: 'sip-active' }, a.isActive ? 'yes' : 'no'),
        el('td', {}, el('button', { type: 'button', class: 'secondary sip-reset', onclick: () => this.reset(a) }, 'New password')),
        el('td', {}, el('button', { type: 'button', class: 'secondary sip-toggle', onclick: () => this.setActive(a, !a.isActive) },
          a.isActive ? 'Disable' : 'Enable')))));
  }

  async reset(a) {
    await this.act(async () => {
      const made = await api('POST', `/api/sip/accounts/${a.extension}/password`);
      this.showPassword(made);
    });
  }

  async setActive(a, active) {
    await this.act(async () => {
      await api('PUT', `/api/sip/accounts/${a.extension}/active`, { active });
      banner(this.$('sip-banner'), `Extension ${a.extension} ${active ? 'enabled' : 'disabled'}.`, 'ok');
    });
  }

  async create() {
    await this.act(async () => {
      const made = await api('POST', '/api/sip/accounts', { extension: this.$('sip-new-ext').value.trim(), displayName: this.$('sip-new-name').value.trim() || null });
      this.$('sip-form').reset();
      this.showPassword(made);
    });
  }

  showPassword(made) {
    banner(this.$('sip-banner'), `SIP password of ${made.extension}: ${made.password} (shown only now: give it to the phone's user).`, 'ok');
  }

  async act(action) {
    clearErrors(this.root, this.$('sip-banner'));
    try {
      await action();
      await this.load();
    } catch (error) {
      showError(this.root, this.$('sip-banner'), error);
    }
  }
}
