// The monitors overview: one call to /api/v1/dashboard/overview, one table, then live changes from /api/v1/events.
import { get } from './api.js';
import { bars, sparkline } from './charts.js';
import { esc, ms, pct, statusBadge } from './util.js';

const ORDER = { DOWN: 0, UNKNOWN: 1, UP: 2, PAUSED: 3 };
// The first screenful is drawn at once, the rest in chunks between frames, so thousands of monitors show at once
// and the page stays responsive while the table fills.
const FIRST = 60;
const CHUNK = 400;

function row(m) {
  const last = m.lastErrorKind ? `${ms(m.lastResponseMs)} (${esc(m.lastErrorKind)})` : ms(m.lastResponseMs);
  return `<tr data-id="${m.id}"><td class="st">${statusBadge(m.status)}</td>`
    + `<td><a href="#/monitors/${m.id}">${esc(m.name)}</a><div class="url">${esc(m.url)}</div></td>`
    + `<td class="num">${pct(m.uptime24h)}</td><td class="num">${pct(m.uptime30d)}</td>`
    + `<td class="num last">${last}</td><td>${sparkline(m.spark)}</td><td>${bars(m.days)}</td></tr>`;
}

export async function overview(main, live) {
  const page = await get('/dashboard/overview');
  const monitors = page.monitors.sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9)
    || a.name.localeCompare(b.name));
  const down = monitors.filter((m) => m.status === 'DOWN').length;
  main.innerHTML = `<h1>Monitors</h1>
    <div class="toolbar">
      <a class="button primary" href="#/monitors/new">New monitor</a>
      <label class="grow">Filter by name or URL <input id="filter" type="search" autocomplete="off"></label>
      <p id="summary" class="muted">${monitors.length} monitors, ${down} down</p>
    </div>
    ${monitors.length ? '' : '<p>No monitors yet: <a href="#/monitors/new">create the first one</a>.</p>'}
    <table class="overview" aria-describedby="summary">
      <colgroup><col style="width:90px"><col><col style="width:80px"><col style="width:80px">
        <col style="width:150px"><col style="width:136px"><col style="width:286px"></colgroup>
      <thead><tr><th scope="col">Status</th><th scope="col">Monitor</th><th scope="col" class="num">24 h</th>
        <th scope="col" class="num">30 d</th><th scope="col" class="num">Last response</th>
        <th scope="col">Response time, 24 h</th><th scope="col">Uptime, 90 days</th></tr></thead>
      <tbody id="rows">${monitors.slice(0, FIRST).map(row).join('')}</tbody>
    </table>`;
  const tbody = main.querySelector('#rows');
  void tbody.offsetHeight; // lay it out before saying it is drawn
  performance.mark('pharos:overview-rendered');
  requestAnimationFrame(() => performance.mark('pharos:overview-painted'));

  const byId = new Map(monitors.map((m) => [m.id, m]));
  const filter = main.querySelector('#filter');
  const matches = (tr) => {
    const q = filter.value.trim().toLowerCase();
    return q === '' || tr.cells[1].textContent.toLowerCase().includes(q);
  };
  let drawn = FIRST;
  const more = () => {
    if (!tbody.isConnected) return;
    if (drawn < monitors.length) {
      tbody.insertAdjacentHTML('beforeend', monitors.slice(drawn, drawn + CHUNK).map(row).join(''));
      drawn += CHUNK;
      setTimeout(more, 0);
    } else {
      for (const tr of tbody.rows) tr.hidden = !matches(tr);
      performance.mark('pharos:overview-complete');
      tbody.dataset.complete = 'true';
    }
  };
  setTimeout(more, 0);
  filter.addEventListener('input', () => {
    for (const tr of tbody.rows) tr.hidden = !matches(tr);
  });
  live.onChanges((changes) => {
    let unknown = false;
    for (const c of changes) {
      const m = byId.get(c.id);
      if (!m) { unknown ||= c.status !== 'DELETED'; continue; }
      Object.assign(m, { status: c.status, lastResponseMs: c.lastResponseMs, lastErrorKind: c.lastErrorKind });
      const tr = tbody.querySelector(`tr[data-id="${c.id}"]`);
      if (c.status === 'DELETED') {
        byId.delete(c.id);
        monitors.splice(monitors.indexOf(m), 1);
        if (tr) { tr.remove(); drawn--; }
      } else if (tr) {
        tr.cells[0].innerHTML = statusBadge(c.status);
        tr.cells[4].textContent = c.lastErrorKind ? `${ms(c.lastResponseMs)} (${c.lastErrorKind})`
          : ms(c.lastResponseMs);
      }
    }
    const downNow = monitors.filter((m) => m.status === 'DOWN').length;
    main.querySelector('#summary').textContent = `${monitors.length} monitors, ${downNow} down`;
    if (unknown) live.reload();
  });
  return page.generatedAt;
}
