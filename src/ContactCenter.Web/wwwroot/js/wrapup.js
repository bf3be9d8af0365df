// Wrap-up after a call: the disposition of the call just ended (the list from GET /api/calls/dispositions) with an
// optional note, saved on the call record. The call log stores a call a moment after it ends, so a 404 right after
// the end is retried a few times before it is shown.
import { api, banner, clearErrors, el, fill, showError } from './api.js';

/** How often, and how far apart, a save is retried while the call log has not stored the call yet. */
const Retries = 6;
const RetryMs = 700;

/** The panel (#wrapup-panel): shown for the last answered call once it ends. */
export class WrapUpPanel {
  constructor(root) {
    this.root = root;
    this.callId = null;
    this.$ = id => root.querySelector('#' + id);
    this.$('disp-save').addEventListener('click', () => this.save());
  }

  /** Loads the dispositions admins configured. */
  async load() {
    const choices = await api('GET', '/api/calls/dispositions');
    fill(this.$('disp-code'), el('option', { value: '' }, '- choose -'), choices.map(c => el('option', { value: c.code }, c.label)));
  }

  /** The answered call <callId> with <number> ended: ask for its disposition. */
  ended(callId, number) {
    this.callId = callId;
    this.root.dataset.callId = callId;
    this.$('disp-call').textContent = `Call with ${number ?? 'an unknown number'} ended.`;
    this.$('disp-code').value = '';
    this.$('disp-note').value = '';
    clearErrors(this.root, this.$('disp-banner'));
    this.root.classList.remove('hidden');
    this.$('disp-code').focus();
  }

  async save() {
    if (!this.callId) return;
    clearErrors(this.root, this.$('disp-banner'));
    const body = { disposition: this.$('disp-code').value || null, note: this.$('disp-note').value.trim() || null };
    for (let attempt = 0; ; attempt++) {
      try {
        const call = await api('PUT', `/api/calls/${this.callId}/disposition`, body);
        const label = this.$('disp-code').selectedOptions[0]?.textContent ?? call.disposition;
        banner(this.$('disp-banner'), `Saved: ${label}.`, 'ok');
        return;
      } catch (error) {
        if (error.status === 404 && attempt < Retries) {
          banner(this.$('disp-banner'), 'Saving...', 'info');
          await new Promise(resolve => setTimeout(resolve, RetryMs));
          continue;
        }
        showError(this.root, this.$('disp-banner'), error);
        return;
      }
    }
  }
}
