// Public status pages: which monitors anyone may see at /status/<slug>, without a key.
export async function statusPages(main) {
  main.innerHTML = '<h1>Status pages</h1><p class="muted">Coming next.</p>';
}
