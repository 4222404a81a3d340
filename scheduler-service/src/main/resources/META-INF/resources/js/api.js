// The admin API from the browser: the same /api/v1 and the same Bearer key as any other client. The key lives in
// sessionStorage, so it goes when the tab closes.
const KEY = 'pharos.key';

export const auth = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** A refused call: the problem document's detail and its per-field errors ({field, message}). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.errors = problem?.errors || [];
  }
}

/** The response to a GET that index.html started before the modules loaded, once. */
function takeEarly(path) {
  const early = window.pharosEarly?.[path];
  if (early) delete window.pharosEarly[path];
  return early;
}

/** Calls the API; resolves to the parsed JSON (or null for 204), rejects with ApiError. */
export async function api(method, path, body, { key = auth.key(), contentType = 'application/json' } = {}) {
  const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  const early = method === 'GET' && key === auth.key() ? takeEarly(path) : undefined;
  const response = await (early || fetch(`/api/v1${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  }));
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && key === auth.key()) window.dispatchEvent(new Event('pharos:signed-out'));
    throw new ApiError(response.status, json);
  }
  return json;
}

export const get = (path) => api('GET', path);

/**
 * Follows the server-sent events at /api/v1/events. EventSource cannot send an Authorization header, so the
 * stream is read with fetch and parsed here. Calls onBatch(changes) per event; reconnects after a drop, from the
 * last time it heard anything. Returns a function that stops it.
 */
export function follow(since, onBatch, onState) {
  let stopped = false;
  let controller;
  let cursor = since;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const query = cursor ? `?since=${encodeURIComponent(cursor)}` : '';
        const response = await fetch(`/api/v1/events${query}`, {
          headers: { Authorization: `Bearer ${auth.key()}`, Accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        onState('live');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = event.split('\n').filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart()).join('\n');
            if (data) {
              cursor = new Date(Date.now() - 5000).toISOString();
              onBatch(JSON.parse(data));
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      onState('reconnecting');
      cursor = null;
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  run();
  return () => { stopped = true; controller?.abort(); };
}
