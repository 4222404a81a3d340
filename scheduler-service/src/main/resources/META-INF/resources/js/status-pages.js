// Public status pages: which monitors anyone may see at /status/<slug>, without a key, and their badges.
import { api, get } from './api.js';
import { esc, showErrors } from './util.js';

export async function statusPages(main, editing) {
  const [pages, page] = await Promise.all([get('/status-pages'), get('/dashboard/overview')]);
  const current = pages.find((p) => p.id === editing);
  const chosen = new Set(current?.monitorIds || []);
  main.innerHTML = `<h1>Status pages</h1>
    <p class="muted">A status page shows the monitors you choose to anyone, without a key: their status, 90 days of
      uptime and open incidents (names only, never URLs). Their badges, <code>/badge/&lt;monitor id&gt;.svg</code>,
      are public only while the monitor is on an enabled page.</p>
    ${pages.length ? `<table><thead><tr><th scope="col">Title</th><th scope="col">Address</th>
      <th scope="col">Enabled</th><th scope="col">Monitors</th><th scope="col"><span class="muted">Actions</span></th>
      </tr></thead><tbody>${pages.map((p) => `<tr><td>${esc(p.title)}</td>
      <td><a href="${esc(p.path)}">${esc(p.path)}</a></td><td>${p.enabled ? 'yes' : 'no'}</td>
      <td>${p.monitorIds.length}</td><td><a href="#/status-pages/${p.id}">Edit ${esc(p.title)}</a>
      <button type="button" class="danger" data-delete="${p.id}">Delete ${esc(p.title)}</button></td></tr>`)
    .join('')}</tbody></table>` : '<p>No status pages yet.</p>'}
    <h2>${current ? `Edit ${esc(current.title)}` : 'New status page'}</h2>
    <form class="stack" id="page-form" novalidate>
      <div class="row">
        <label>Title <input name="title" value="${esc(current?.title)}" required autocomplete="off"></label>
        <label>Slug <span class="hint">the address: /status/&lt;slug&gt;</span>
          <input name="slug" value="${esc(current?.slug)}" required autocomplete="off"></label>
      </div>
      <label class="check"><input type="checkbox" name="enabled" ${current?.enabled ? 'checked' : ''}>
        Enabled: anyone may see it</label>
      <fieldset><legend>Monitors shown</legend>
        ${page.monitors.length ? page.monitors.map((m) => `<label class="check"><input type="checkbox"
          name="monitorIds" value="${m.id}" ${chosen.has(m.id) ? 'checked' : ''}> ${esc(m.name)}</label>`).join('')
    : '<p class="muted">No monitors yet.</p>'}
      </fieldset>
      <div class="toolbar"><button class="primary" type="submit">${current ? 'Save page' : 'Create page'}</button>
        ${current ? '<a href="#/status-pages">Cancel</a>' : ''}</div>
    </form>`;
  const el = main.querySelector('#page-form');
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { title: el.elements.title.value, slug: el.elements.slug.value.trim(),
      enabled: el.elements.enabled.checked,
      monitorIds: [...el.querySelectorAll('input[name=monitorIds]:checked')].map((c) => c.value) };
    try {
      await (current ? api('PUT', `/status-pages/${current.id}`, body) : api('POST', '/status-pages', body));
      if (current) window.location.hash = '#/status-pages'; else statusPages(main);
    } catch (e) {
      showErrors(el, e);
    }
  });
  main.querySelectorAll('[data-delete]').forEach((b) => b.addEventListener('click', async () => {
    if (!window.confirm('Delete this status page?')) return;
    await api('DELETE', `/status-pages/${b.dataset.delete}`);
    statusPages(main);
  }));
}
