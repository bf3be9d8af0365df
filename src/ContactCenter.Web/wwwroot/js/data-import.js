// The accounting import in the company-data page: check a file in the background with a progress bar, show the bad
// rows by line, field and reason, then apply the good rows (the same file again, with apply=good).
import { api, banner, el, fill } from './api.js';

const Columns = {
  clients: 'externalId;name;type;phones;manager;priceColumn;creditLimit;status;doNotCall;receivers;email;notes (phones and receivers separated by |)',
  receivables: 'externalId;client;documentNumber;outstanding;dueDate;paid (client: the client\'s externalId; import clients first)',
  products: 'sku;name;unit;isNew;isActive;traditionalFor;certificates (type codes separated by |; certificates as number@yyyy-MM-dd[@link] separated by |)',
  prices: 'priceList;sku;column;price (the list by name; products by SKU)',
};

/** The import tab (#tab-import). */
export class ImportPanel {
  constructor(root) {
    this.root = root;
    this.$ = id => root.querySelector('#' + id);
    this.checked = null;
    this.$('import-form').addEventListener('submit', e => { e.preventDefault(); this.run(false); });
    this.$('import-apply').addEventListener('click', () => this.run(true));
    this.$('import-kind').addEventListener('change', () => this.reset());
    this.$('import-file').addEventListener('change', () => this.reset());
  }

  load() {
    this.reset();
    return Promise.resolve();
  }

  reset() {
    this.checked = null;
    this.$('import-apply').disabled = true;
    this.$('import-columns').textContent = 'Columns: ' + Columns[this.$('import-kind').value];
  }

  async run(apply) {
    const file = this.$('import-file').files[0];
    banner(this.$('import-banner'), '');
    if (!file) {
      banner(this.$('import-banner'), 'Choose a file first.');
      return;
    }
    const kind = this.$('import-kind').value;
    const json = file.name.toLowerCase().endsWith('.json');
    this.$('import-check').disabled = this.$('import-apply').disabled = true;
    try {
      const text = await file.text();
      let job = await api('POST', `/api/admin/import/${kind}/jobs?apply=${apply ? 'good' : 'none'}`, text,
        { raw: true, contentType: json ? 'application/json' : 'text/csv' });
      this.progress(job);
      while (job.state !== 'done' && job.state !== 'failed') {
        await new Promise(resolve => setTimeout(resolve, 300));
        job = await api('GET', `/api/admin/import/jobs/${job.id}`);
        this.progress(job);
      }
      if (job.state === 'failed') throw new Error(job.error);
      this.report(job.report, apply);
    } catch (error) {
      banner(this.$('import-banner'), error.message);
    } finally {
      this.$('import-check').disabled = false;
    }
  }

  progress(job) {
    this.$('import-progress-box').classList.remove('hidden');
    const bar = this.$('import-progress');
    const finished = job.state === 'done' || job.state === 'failed';
    bar.max = Math.max(job.total, 1);
    bar.value = finished ? bar.max : job.done;
    this.$('import-phase').textContent = finished ? job.state : `${job.state}: ${job.done.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')} rows`;
  }

  report(r, applied) {
    const bad = new Set(r.problems.map(p => p.line)).size;
    this.$('import-summary').textContent = r.applied
      ? `Applied: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged; ${bad} row(s) left out.`
      : `${r.rows} row(s) read: ${r.valid} good, ${bad} with problems.${r.valid > 0 && !applied ? ' Nothing is written until you apply the good rows.' : ''}`;
    fill(this.$('import-problems'), r.problems.length ? el('tr', {}, ['Line', 'Field', 'Problem'].map(h => el('th', {}, h))) : null,
      r.problems.map(p => el('tr', { class: 'problem', 'data-line': p.line }, el('td', { class: 'num' }, p.line), el('td', {}, p.field), el('td', {}, p.reason))));
    this.$('import-apply').disabled = r.applied || r.valid === 0;
    banner(this.$('import-banner'), r.applied ? 'Import applied.' : '', 'ok');
  }
}
