// Small helpers shared by the views.
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML (element content and quoted attributes). */
export const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]);

export const pct = (v) => (v == null ? '—' : `${v.toFixed(v === 100 ? 0 : 2)}%`);
export const ms = (v) => (v == null ? '—' : `${v} ms`);
export const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

export function ago(iso) {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 90) return `${Math.max(s, 0)} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export const statusBadge = (status) => `<span class="status s-${esc(status)}">${esc(status)}</span>`;

/** Shows a refused form's errors next to its fields (by the API's field paths) and a summary on top. */
export function showErrors(form, error) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => {
    e.removeAttribute('aria-invalid');
    e.removeAttribute('aria-describedby');
  });
  const summary = form.querySelector('.alert') || form.insertAdjacentElement('afterbegin',
    Object.assign(document.createElement('div'), { className: 'alert', role: 'alert' }));
  if (!error) { summary.remove(); return; }
  summary.textContent = error.message;
  for (const { field, message } of error.errors || []) {
    const name = (field || '').replace(/\[\d+]$/, '');
    const input = form.elements.namedItem(name);
    const target = input instanceof RadioNodeList ? input[0] : input;
    const note = document.createElement('div');
    note.className = 'field-error';
    note.id = `err-${name.replace(/\W/g, '-')}`;
    note.textContent = `${field}: ${message}`;
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      target.setAttribute('aria-describedby', note.id);
      const label = target.closest('label');
      if (label) label.append(note); else target.insertAdjacentElement('afterend', note);
    } else {
      summary.append(document.createElement('br'), note.textContent);
    }
  }
  (form.querySelector('[aria-invalid="true"]') || summary).focus?.();
}
