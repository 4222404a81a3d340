// Channels (with "send test"), incidents and API keys.
import { api, get } from './api.js';
import { esc, showErrors, when } from './util.js';

export async function channels(main) {
  const [list, kinds] = await Promise.all([get('/channels'), get('/channels/kinds')]);
  main.innerHTML = `<h1>Channels</h1>
    <p class="muted">Where alerts go. Secrets are written here and never shown again.</p>
    <table><thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Target</th>
      <th scope="col">Last attempt</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
    <tbody>${list.map((c) => `<tr data-id="${c.id}"><td>${esc(c.name)}</td><td>${esc(c.kind)}</td>
      <td>${esc(c.target)}</td><td class="attempt">${c.lastAttempt ? `${esc(c.lastAttempt.status)} ${
  when(c.lastAttempt.at)} ${esc(c.lastAttempt.error ?? '')}` : '—'}</td>
      <td><button type="button" data-test="${c.id}">Send test to ${esc(c.name)}</button>
        <button type="button" data-delete="${c.id}" class="danger">Delete ${esc(c.name)}</button></td></tr>`)
    .join('')}</tbody></table>
    <p id="test-result" role="status" aria-live="polite"></p>
    <h2>New channel</h2>
    <form class="stack" id="channel-form" novalidate>
      <div class="row">
        <label>Name <input name="name" required autocomplete="off"></label>
        <label>Kind <select name="kind">${kinds.map((k) => `<option value="${esc(k.kind)}">${esc(k.kind)}</option>`)
    .join('')}</select></label>
      </div>
      <label>Target <span class="hint" id="target-hint"></span><input name="target" autocomplete="off"></label>
      <label>Settings <span class="hint">one <code>name=value</code> a line, for example a webhook's secret</span>
        <textarea name="settings" rows="3"></textarea></label>
      <div><button class="primary" type="submit">Add channel</button></div>
    </form>`;
  const el = main.querySelector('#channel-form');
  const hint = () => {
    const k = kinds.find((x) => x.kind === el.elements.kind.value);
    main.querySelector('#target-hint').textContent = k ? `${k.target}; settings: ${k.settings.join(', ') || 'none'}`
      : '';
  };
  el.elements.kind.addEventListener('change', hint);
  hint();
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const settings = Object.fromEntries(el.elements.settings.value.split('\n').map((l) => l.trim())
      .filter(Boolean).map((l) => [l.slice(0, l.indexOf('=') < 0 ? l.length : l.indexOf('=')).trim(),
        l.indexOf('=') < 0 ? '' : l.slice(l.indexOf('=') + 1).trim()]));
    try {
      await api('POST', '/channels', { name: el.elements.name.value, kind: el.elements.kind.value,
        target: el.elements.target.value, settings });
      channels(main);
    } catch (e) {
      showErrors(el, e);
    }
  });
  main.querySelectorAll('[data-delete]').forEach((b) => b.addEventListener('click', async () => {
    if (!window.confirm('Delete this channel? Monitors stop alerting there.')) return;
    await api('DELETE', `/channels/${b.dataset.delete}`);
    channels(main);
  }));
  main.querySelectorAll('[data-test]').forEach((b) => b.addEventListener('click', async () => {
    const out = main.querySelector('#test-result');
    const id = b.dataset.test;
    const test = await api('POST', `/channels/${id}/test`);
    out.textContent = 'Test message requested…';
    for (let i = 0; i < 30; i++) {
      const t = await get(`/channels/${id}/tests/${test.id}`);
      if (t.status !== 'REQUESTED') {
        out.textContent = `Test message ${t.status}${t.error ? `: ${t.error}` : ''}`;
        return;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    out.textContent = 'Test message still waiting for the notifier.';
  }));
}

export async function incidents(main) {
  const [open, all] = await Promise.all([get('/incidents?status=open'), get('/incidents?limit=200')]);
  const names = new Map();
  const row = (i) => `<tr><td><a href="#/monitors/${i.monitorId}">${esc(names.get(i.monitorId) || i.monitorId)}</a></td>
    <td>${esc(i.cause)}</td><td>${when(i.openedAt || i.firstFailureAt)}</td>
    <td>${i.resolvedAt ? `${when(i.resolvedAt)} (${Math.round((i.durationSeconds || 0) / 60)} min)` : 'open'}</td></tr>`;
  const table = (items) => (items.length ? `<table><thead><tr><th scope="col">Monitor</th><th scope="col">Cause</th>
    <th scope="col">Opened</th><th scope="col">Resolved</th></tr></thead><tbody>${items.map(row).join('')}</tbody>
    </table>` : '<p class="muted">None.</p>');
  await Promise.all([...new Set(all.map((i) => i.monitorId))].slice(0, 50).map((id) => get(`/monitors/${id}`)
    .then((m) => names.set(id, m.name), () => {})));
  main.innerHTML = `<h1>Incidents</h1><h2>Open</h2>${table(open)}<h2>All, newest first</h2>${table(all)}`;
}

export async function keys(main) {
  const [me, list] = await Promise.all([get('/me'), get('/api-keys')]);
  main.innerHTML = `<h1>API keys</h1>
    <p>Signed in as <strong>${esc(me.name)}</strong> (${esc(me.role)}).</p>
    <table><thead><tr><th scope="col">Name</th><th scope="col">Prefix</th><th scope="col">Created</th>
      <th scope="col">Last used</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
    <tbody>${list.map((k) => `<tr><td>${esc(k.name)}</td><td><code>${esc(k.prefix)}</code></td>
      <td>${when(k.createdAt)}</td><td>${when(k.lastUsedAt)}</td><td>${k.revokedAt ? `revoked ${when(k.revokedAt)}`
  : `<button type="button" class="danger" data-revoke="${k.id}">Revoke ${esc(k.name)}</button>`}</td></tr>`)
    .join('')}</tbody></table>
    <h2>New key</h2>
    <form class="stack" id="key-form" novalidate>
      <label>Name <input name="name" required autocomplete="off"></label>
      ${me.role === 'ADMIN' ? `<label>New owner <span class="hint">optional: makes a new owner with this as its
        first key</span><input name="ownerName" autocomplete="off"></label>` : ''}
      <div><button class="primary" type="submit">Make key</button></div>
    </form>
    <div id="made"></div>`;
  const el = main.querySelector('#key-form');
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: el.elements.name.value };
    if (el.elements.ownerName?.value) body.ownerName = el.elements.ownerName.value;
    try {
      const made = await api('POST', '/api-keys', body);
      await keys(main);
      main.querySelector('#made').innerHTML = `<div class="notice" role="status">Key made. Copy it now, it is not
        shown again:<p class="secret" id="new-key">${esc(made.key)}</p></div>`;
    } catch (e) {
      showErrors(el, e);
    }
  });
  main.querySelectorAll('[data-revoke]').forEach((b) => b.addEventListener('click', async () => {
    if (!window.confirm('Revoke this key? It stops working at once.')) return;
    try {
      await api('DELETE', `/api-keys/${b.dataset.revoke}`);
      keys(main);
    } catch (e) {
      window.alert(e.message);
    }
  }));
}
