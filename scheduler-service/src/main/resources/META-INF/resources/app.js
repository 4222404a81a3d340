// The Pharos dashboard: sign in with an API key, then hash routes over the admin API.
import { auth, follow } from './js/api.js';
import { esc, showErrors } from './js/util.js';
import { overview } from './js/overview.js';
import { detail, form } from './js/monitor.js';
import { channels, incidents, keys } from './js/settings.js';
import { statusPages } from './js/status-pages.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const signOut = document.getElementById('sign-out');
const liveState = document.getElementById('live');

// Live changes: one stream for the whole session; the current view subscribes to it.
const live = {
  listener: null,
  stop: null,
  onChanges(fn) { this.listener = fn; },
  reload() { route(); },
  start(since) {
    if (this.stop) return;
    this.stop = follow(since, (changes) => this.listener?.(changes),
      (state) => { liveState.textContent = state === 'live' ? 'Live' : 'Reconnecting…'; });
  },
  end() { this.stop?.(); this.stop = null; liveState.textContent = ''; },
};

function signInView(message) {
  nav.hidden = true;
  signOut.hidden = true;
  main.innerHTML = `<div class="signin"><h1>Sign in to Pharos</h1>
    <form class="stack" id="signin" novalidate>
      <label>API key <span class="hint">as made by <code>./pharos up</code> (.pharos/admin-key) or
        POST /api/v1/api-keys</span><input name="key" type="password" autocomplete="off" required></label>
      <div><button class="primary" type="submit">Sign in</button></div>
    </form></div>`;
  const el = main.querySelector('#signin');
  if (message) showErrors(el, { message, errors: [] });
  el.elements.key.focus();
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = el.elements.key.value.trim();
    try {
      await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${key}` } }).then((r) => {
        if (!r.ok) throw new Error('That API key is not valid or was revoked.');
      });
      auth.signIn(key);
      route();
    } catch (e) {
      showErrors(el, { message: e.message, errors: [{ field: 'key', message: 'not accepted' }] });
    }
  });
}

// Routes run one after another, so a slow view never overwrites the one asked for after it.
let routing = Promise.resolve();
function route() {
  routing = routing.then(show, show);
  return routing;
}

async function show() {
  if (!auth.key()) { live.end(); signInView(); return; }
  nav.hidden = false;
  signOut.hidden = false;
  const hash = window.location.hash.replace(/^#/, '') || '/';
  for (const a of nav.querySelectorAll('a')) {
    const path = a.getAttribute('href').slice(1);
    if ((path === '/' ? hash === '/' || hash.startsWith('/monitors') : hash.startsWith(path))) {
      a.setAttribute('aria-current', 'page');
    } else a.removeAttribute('aria-current');
  }
  live.listener = null;
  const [, section, id, action] = hash.split('/');
  try {
    if (!section) {
      const since = await overview(main, live);
      live.start(since);
    } else {
      live.start(null);
      if (section === 'monitors' && id === 'new') await form(main, null);
      else if (section === 'monitors' && action === 'edit') await form(main, id);
      else if (section === 'monitors') await detail(main, id, live);
      else if (section === 'channels') await channels(main);
      else if (section === 'incidents') await incidents(main);
      else if (section === 'keys') await keys(main);
      else if (section === 'status-pages') await statusPages(main, id);
      else main.innerHTML = '<h1>Not found</h1><p><a href="#/">Back to the monitors</a></p>';
    }
    document.title = `${main.querySelector('h1')?.textContent.trim() || 'Pharos'} · Pharos`;
  } catch (e) {
    if (e.status === 401) return;
    main.innerHTML = `<h1>Something went wrong</h1><p class="alert" role="alert">${esc(e.message)}</p>`;
  }
}

signOut.addEventListener('click', () => { auth.signOut(); window.location.hash = '#/'; route(); });
window.addEventListener('pharos:signed-out', () => {
  auth.signOut();
  live.end();
  signInView('Your API key is no longer accepted; sign in again.');
});
window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: true }); });
route();
