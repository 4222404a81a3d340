// One monitor: its detail page, and the form that creates or edits it.
import { api, get } from './api.js';
import { responseChart } from './charts.js';
import { ago, esc, ms, pct, showErrors, statusBadge, when } from './util.js';

export async function detail(main, id, live) {
  const [m, day, month, results, incidents] = await Promise.all([get(`/monitors/${id}`),
    get(`/monitors/${id}/uptime?window=24h`), get(`/monitors/${id}/uptime?window=30d`),
    get(`/monitors/${id}/results?limit=100`), get(`/monitors/${id}/incidents`)]);
  const tls = m.lastCheck?.tlsExpiresAt;
  const tlsDays = tls ? Math.floor((Date.parse(tls) - Date.now()) / 86400000) : null;
  main.innerHTML = `<h1><span id="status">${statusBadge(m.status)}</span> ${esc(m.name)}</h1>
    <p class="muted">${esc(m.method)} <a href="${esc(m.url)}" rel="noreferrer">${esc(m.url)}</a>,
      every ${m.intervalSeconds} s · last check ${ago(m.lastCheck?.at)}</p>
    <div class="toolbar">
      <a class="button" href="#/monitors/${id}/edit">Edit</a>
      <button type="button" id="pause">${m.paused ? 'Resume' : 'Pause'}</button>
      <button type="button" id="delete" class="danger">Delete</button>
    </div>
    <div class="cards">
      <div class="card"><div class="label">Uptime 24 h</div><div class="value">${pct(day.uptimePercent)}</div></div>
      <div class="card"><div class="label">Uptime 30 d</div><div class="value">${pct(month.uptimePercent)}</div></div>
      <div class="card"><div class="label">Response p50 / p95 (24 h)</div>
        <div class="value">${ms(day.responseTimeMs.p50)} / ${ms(day.responseTimeMs.p95)}</div></div>
      <div class="card"><div class="label">Certificate expires</div>
        <div class="value" id="tls">${tls ? `in ${tlsDays} days` : '—'}</div>
        <div class="label">${tls ? when(tls) : m.url.startsWith('https') ? 'not seen yet' : 'not https'}</div></div>
    </div>
    <h2>Response time</h2>${responseChart(results.items)}
    <h2>Incidents</h2>
    ${incidents.length ? `<ol class="timeline">${incidents.map((i) => `<li>${i.resolvedAt
    ? `Resolved ${when(i.resolvedAt)} after ${Math.round((i.durationSeconds || 0) / 60)} min`
    : '<strong>Open</strong>'} — ${esc(i.cause)}, since ${when(i.openedAt || i.firstFailureAt)}</li>`).join('')}</ol>`
    : '<p class="muted">No incidents.</p>'}
    <h2>Recent checks</h2>
    <table><thead><tr><th scope="col">Started</th><th scope="col">Outcome</th><th scope="col">HTTP / error</th>
      <th scope="col" class="num">Duration</th><th scope="col">Region</th></tr></thead>
    <tbody>${results.items.slice(0, 30).map((r) => `<tr><td>${when(r.startedAt)}</td>
      <td>${statusBadge(r.outcome)}</td><td>${r.httpStatus ?? ''} ${esc(r.errorKind ?? '')}
      <span class="muted">${esc(r.errorMessage ?? '')}</span></td><td class="num">${ms(r.durationMs)}</td>
      <td>${esc(r.region)}</td></tr>`).join('')}</tbody></table>`;
  main.querySelector('#pause').addEventListener('click', async () => {
    await api('POST', `/monitors/${id}/${m.paused ? 'resume' : 'pause'}`);
    detail(main, id, live);
  });
  main.querySelector('#delete').addEventListener('click', async () => {
    if (!window.confirm(`Delete the monitor "${m.name}"?`)) return;
    await api('DELETE', `/monitors/${id}`);
    window.location.hash = '#/';
  });
  live.onChanges((changes) => {
    const mine = changes.find((c) => c.id === id);
    if (mine) main.querySelector('#status').innerHTML = statusBadge(mine.status);
  });
}

const field = (label, name, value, attrs = '', hint = '') => `<label>${label}
  ${hint ? `<span class="hint">${hint}</span>` : ''}
  <input name="${name}" value="${esc(value ?? '')}" ${attrs}></label>`;

export async function form(main, id) {
  const [m, channels] = await Promise.all([id ? get(`/monitors/${id}`) : null, get('/channels')]);
  const contacts = new Set(m?.contacts || []);
  main.innerHTML = `<h1>${m ? `Edit ${esc(m.name)}` : 'New monitor'}</h1>
    <form class="stack" id="monitor-form" novalidate>
      ${field('Name', 'name', m?.name, 'required autocomplete="off"')}
      ${field('URL', 'url', m?.url, 'type="url" required', 'http or https, with a host')}
      <div class="row">
        <label>Method <select name="method">${['HEAD', 'GET'].map((x) => `<option ${m?.method === x ? 'selected'
    : ''}>${x}</option>`).join('')}</select></label>
        ${field('Interval (seconds)', 'intervalSeconds', m?.intervalSeconds ?? 60, 'type="number"', '10–86,400')}
        ${field('Timeout (seconds)', 'timeoutSeconds', m?.timeoutSeconds ?? 10, 'type="number"', '1–60')}
      </div>
      <div class="row">
        ${field('Expected statuses', 'expectedStatuses', m?.expectedStatuses ?? '200-399')}
        ${field('Failures to open', 'alertPolicy.failuresToOpen', m?.alertPolicy?.failuresToOpen ?? 2,
    'type="number"', '1–10')}
        ${field('Successes to close', 'alertPolicy.successesToClose', m?.alertPolicy?.successesToClose ?? 1,
    'type="number"', '1–10')}
      </div>
      ${field('Tags', 'tags', (m?.tags || []).join(', '), '', 'comma-separated')}
      ${field('Contact email', 'contactEmail', m?.contactEmail, 'type="email"', 'optional')}
      <fieldset><legend>Alert channels</legend>
        ${channels.length ? channels.map((c) => `<label class="check"><input type="checkbox" name="contacts"
          value="${c.id}" ${contacts.has(c.id) ? 'checked' : ''}> ${esc(c.name)} (${esc(c.kind)})</label>`).join('')
    : '<p class="muted">No channels yet.</p>'}
      </fieldset>
      <label class="check"><input type="checkbox" name="paused" ${m?.paused ? 'checked' : ''}> Paused</label>
      <div class="toolbar"><button class="primary" type="submit">${m ? 'Save' : 'Create monitor'}</button>
        <a href="${m ? `#/monitors/${id}` : '#/'}">Cancel</a></div>
    </form>`;
  const el = main.querySelector('#monitor-form');
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = el.elements;
    const number = (name) => (f[name].value.trim() === '' ? null : Number(f[name].value));
    const body = {
      name: f.name.value, url: f.url.value, method: f.method.value,
      intervalSeconds: number('intervalSeconds'), timeoutSeconds: number('timeoutSeconds'),
      expectedStatuses: f.expectedStatuses.value || null,
      alertPolicy: { failuresToOpen: number('alertPolicy.failuresToOpen'),
        successesToClose: number('alertPolicy.successesToClose') },
      tags: f.tags.value.split(',').map((t) => t.trim()).filter(Boolean),
      contactEmail: f.contactEmail.value.trim() || null,
      contacts: [...el.querySelectorAll('input[name=contacts]:checked')].map((c) => c.value),
      paused: f.paused.checked,
    };
    try {
      // An edit is a merge patch of the fields this form shows, so settings it does not show are kept.
      const saved = m ? await api('PATCH', `/monitors/${id}`, body, { contentType: 'application/merge-patch+json' })
        : await api('POST', '/monitors', body);
      window.location.hash = `#/monitors/${saved.id}`;
    } catch (e) {
      showErrors(el, e);
    }
  });
}
