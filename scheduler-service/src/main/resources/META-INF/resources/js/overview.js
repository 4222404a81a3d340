// The monitors overview: one call to /api/v1/dashboard/overview, one table, then live changes from /api/v1/events.
import { get } from './api.js';
import { bars, sparkline } from './charts.js';
import { esc, ms, pct, statusBadge } from './util.js';

const ORDER = { DOWN: 0, UNKNOWN: 1, UP: 2, PAUSED: 3 };

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
      <tbody id="rows">${monitors.map(row).join('')}</tbody>
    </table>`;
  const tbody = main.querySelector('#rows');
  void tbody.offsetHeight; // lay it out before saying it is drawn
  performance.mark('pharos:overview-rendered');
  requestAnimationFrame(() => performance.mark('pharos:overview-painted'));

  const rows = new Map([...tbody.rows].map((tr) => [tr.dataset.id, tr]));
  const filter = main.querySelector('#filter');
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const tr of rows.values()) tr.hidden = q !== '' && !tr.cells[1].textContent.toLowerCase().includes(q);
  });
  live.onChanges((changes) => {
    let unknown = false;
    for (const c of changes) {
      const tr = rows.get(c.id);
      if (!tr) { unknown ||= c.status !== 'DELETED'; continue; }
      if (c.status === 'DELETED') { tr.remove(); rows.delete(c.id); continue; }
      tr.cells[0].innerHTML = statusBadge(c.status);
      tr.cells[4].textContent = c.lastErrorKind ? `${ms(c.lastResponseMs)} (${c.lastErrorKind})`
        : ms(c.lastResponseMs);
    }
    const downNow = [...rows.values()].filter((tr) => tr.querySelector('.s-DOWN')).length;
    main.querySelector('#summary').textContent = `${rows.size} monitors, ${downNow} down`;
    if (unknown) live.reload();
  });
  return page.generatedAt;
}
