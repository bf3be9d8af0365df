// Announcements in the admin console: the WAV files the engine plays, each playable in the browser, and an upload that
// replaces one (the API checks the name, the size and that NAudio reads it, converts it to 8 kHz mono and writes it
// atomically; the next call plays it).
import { api, banner, clearErrors, el, fill, showError, when } from './api.js';

const seconds = span => span ? `${Number(span.split(':').reduce((t, part) => t * 60 + Number(part), 0)).toFixed(1)} s` : '-';

/** The panel (#announcements-panel). */
export class AnnouncementsPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.$('ann-form').addEventListener('submit', e => { e.preventDefault(); this.upload(); });
  }

  async load() {
    const list = await api('GET', '/api/announcements');
    fill(this.$('announcements'), el('tr', {}, ['Name', 'File', 'Length', 'Format', 'Changed', 'Play'].map(h => el('th', {}, h))),
      list.map(a => el('tr', { 'data-name': a.name },
        el('td', {}, a.configured ? el('strong', {}, a.name) : a.name), el('td', {}, a.file), el('td', { class: 'ann-length' }, seconds(a.duration)),
        el('td', {}, a.exists ? `${a.sampleRate ?? '?'} Hz, ${a.channels ?? '?'} ch` : 'missing'), el('td', {}, when(a.modifiedAt)),
        el('td', {}, a.exists ? el('audio', { controls: true, preload: 'none', src: `/api/announcements/${a.name}/audio?v=${Date.parse(a.modifiedAt)}` }) : '-'))));
    fill(this.$('ann-names'), list.map(a => el('option', { value: a.name })));
  }

  async upload() {
    clearErrors(this.root, this.$('ann-banner'));
    const name = this.$('ann-name').value.trim();
    const file = this.$('ann-file').files[0];
    if (!name || !file) {
      banner(this.$('ann-banner'), 'Choose the announcement and a WAV file.');
      return;
    }
    try {
      const stored = await api('PUT', `/api/announcements/${encodeURIComponent(name)}`, file, { raw: true, contentType: 'audio/wav' });
      banner(this.$('ann-banner'), `${stored.name} replaced: ${seconds(stored.duration)} at 8 kHz mono; the next call plays it.`, 'ok');
      this.$('ann-form').reset();
      await this.load();
    } catch (error) {
      showError(this.root, this.$('ann-banner'), error);
    }
  }
}
