// Small helpers the company-data tabs share: a form's values, and API field errors shown next to their fields.
import { showError } from './api.js';

/** Lines of a textarea (or comma-separated text), trimmed, empty ones left out. */
export const lines = text => (text ?? '').split(/\r?\n|,/).map(s => s.trim()).filter(s => s);

/** A number input's value, or null when empty. */
export const number = input => input.value.trim() === '' ? null : Number(input.value);

/** Shows an API error next to its fields; errors of list items (phones[1], certificates[0].validUntil) go to the list's field. */
export function showFieldErrors(scope, bannerNode, error) {
  const fields = {};
  for (const [field, messages] of Object.entries(error.fields ?? {})) {
    const key = field.replace(/\[\d+\].*$/, '');
    fields[key] = [...(fields[key] ?? []), ...messages];
  }
  showError(scope, bannerNode, Object.assign(error, { fields }));
}
