// The monitors overview: one call to /api/v1/dashboard/overview, one table, then live changes from /api/v1/events.
import { get } from './api.js';
import { bars, sparkline } from './charts.js';
import { esc, ms, pct, statusBadge } from './util.js';

const ORDER = { DOWN: 0, UNKNOWN: 1, UP: 2, PAUSED: 3 };
// Only the rows in view (and a few screens' worth around them) are in the page; spacer rows above and below stand in
// for the others at their height, so the whole list scrolls and filters at once even with thousands of monitors.
const OVERSCAN = 40;
const COLUMNS = 7;

function row(m, index) {
  const last = m.lastErrorKind ? `${ms(m.lastResponseMs)} (${esc(m.lastErrorKind)})` : ms(m.lastResponseMs);
  return `<tr data-id="${m.id}" aria-rowindex="${index + 2}"><td class="st">${statusBadge(m.status)}</td>`
    + `<td><a href="#/monitors/${m.id}">${esc(m.name)}</a><div class="url">${esc(m.url)}</div></td>`
    + `<td class="num">${pct(m.uptime24h)}</td><td class="num">${pct(m.uptime30d)}</td>`
    + `<td class="num last">${last}</td><td>${sparkline(m.spark)}</td><td>${bars(m.days)}</td></tr>`;
}

const spacer = (height) => (height > 0
  ? `<tr class="pad" aria-hidden="true"><td colspan="${COLUMNS}" style="height:${height}px"></td></tr>` : '');

/** Draws the rows of {@code list} that are in view into {@code tbody}, again whenever the view or the list changes. */
function virtualRows(tbody, table) {
  let list = [];
  let rowHeight = 46; // measured on the first rows drawn
  let from = 0;
  let to = 0;
  let queued = false;

  const needed = () => {
    const top = tbody.getBoundingClientRect().top;
    const first = Math.max(0, Math.floor(-top / rowHeight));
    const last = Math.min(list.length, Math.ceil((window.innerHeight - top) / rowHeight));
    return [first, Math.max(first, last)];
  };
  const draw = () => {
    const [first, last] = needed();
    from = Math.max(0, first - OVERSCAN);
    to = Math.min(list.length, last + OVERSCAN);
    const focused = document.activeElement?.closest?.('tr[data-id]')?.dataset.id;
    tbody.innerHTML = spacer(from * rowHeight)
      + list.slice(from, to).map((m, i) => row(m, from + i)).join('')
      + spacer((list.length - to) * rowHeight);
    table.setAttribute('aria-rowcount', String(list.length + 1));
    if (focused) tbody.querySelector(`tr[data-id="${focused}"] a`)?.focus({ preventScroll: true });
    const drawn = tbody.querySelector('tr[data-id]');
    const height = drawn?.getBoundingClientRect().height;
    if (height && Math.abs(height - rowHeight) > 0.5) { rowHeight = height; draw(); }
  };
  const onView = () => {
    if (!tbody.isConnected) { stop(); return; }
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      if (!tbody.isConnected) return;
      const [first, last] = needed();
      if (first < from || last > to) draw();
    });
  };
  function stop() {
    window.removeEventListener('scroll', onView);
    window.removeEventListener('resize', onView);
  }
  window.addEventListener('scroll', onView, { passive: true });
  window.addEventListener('resize', onView);
  return {
    show(monitors) { list = monitors; draw(); },
    /** The row of a monitor, if it is drawn now. */
    drawn: (id) => tbody.querySelector(`tr[data-id="${id}"]`),
    stop,
  };
}

export async function overview(main, live) {
  const page = await get('/dashboard/overview');
  const byName = new Intl.Collator().compare;
  const monitors = page.monitors.sort((a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9)
    || byName(a.name, b.name));
  main.innerHTML = `<h1>Monitors</h1>
    <div class="toolbar">
      <a class="button primary" href="#/monitors/new">New monitor</a>
      <label class="grow">Filter by name or URL <input id="filter" type="search" autocomplete="off"></label>
      <p id="summary" class="muted" aria-live="polite"></p>
    </div>
    ${monitors.length ? '' : '<p>No monitors yet: <a href="#/monitors/new">create the first one</a>.</p>'}
    <table class="overview" aria-describedby="summary">
      <colgroup><col style="width:90px"><col><col style="width:80px"><col style="width:80px">
        <col style="width:150px"><col style="width:136px"><col style="width:286px"></colgroup>
      <thead><tr aria-rowindex="1"><th scope="col">Status</th><th scope="col">Monitor</th>
        <th scope="col" class="num">24 h</th><th scope="col" class="num">30 d</th>
        <th scope="col" class="num">Last response</th><th scope="col">Response time, 24 h</th>
        <th scope="col">Uptime, 90 days</th></tr></thead>
      <tbody id="rows"></tbody>
    </table>`;
  const tbody = main.querySelector('#rows');
  const rows = virtualRows(tbody, main.querySelector('table'));
  const filter = main.querySelector('#filter');
  const summary = main.querySelector('#summary');
  const byId = new Map(monitors.map((m) => [m.id, m]));
  let shown = monitors;
  const tell = () => {
    const down = monitors.filter((m) => m.status === 'DOWN').length;
    summary.textContent = `${monitors.length} monitors, ${down} down`
      + (shown === monitors ? '' : `; ${shown.length} match the filter`);
  };
  const refilter = () => {
    const q = filter.value.trim().toLowerCase();
    shown = q === '' ? monitors
      : monitors.filter((m) => m.name.toLowerCase().includes(q) || m.url.toLowerCase().includes(q));
    tell();
    rows.show(shown);
  };
  refilter();
  void tbody.offsetHeight; // lay it out before saying it is drawn
  // Every monitor is reachable from here on, by scrolling or by the filter, not just the rows drawn.
  performance.mark('pharos:overview-rendered');
  requestAnimationFrame(() => performance.mark('pharos:overview-painted'));

  filter.addEventListener('input', refilter);
  live.onChanges((changes) => {
    if (!tbody.isConnected) { rows.stop(); return; }
    let unknown = false;
    let removed = false;
    for (const c of changes) {
      const m = byId.get(c.id);
      if (!m) { unknown ||= c.status !== 'DELETED'; continue; }
      Object.assign(m, { status: c.status, lastResponseMs: c.lastResponseMs, lastErrorKind: c.lastErrorKind });
      const tr = rows.drawn(c.id);
      if (c.status === 'DELETED') {
        byId.delete(c.id);
        monitors.splice(monitors.indexOf(m), 1);
        removed = true;
      } else if (tr) {
        tr.cells[0].innerHTML = statusBadge(c.status);
        tr.cells[4].textContent = c.lastErrorKind ? `${ms(c.lastResponseMs)} (${c.lastErrorKind})`
          : ms(c.lastResponseMs);
      }
    }
    if (removed) refilter();
    else tell();
    if (unknown) { rows.stop(); live.reload(); }
  });
  return page.generatedAt;
}
