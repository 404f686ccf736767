/* Lan Tỏa's service worker (written by plugins/lantoa/webapp.py at every build; do not edit the
   copy in the site). Keeps the pages a reader opened, with the images at the size the page used,
   for reading without signal; shows a Vietnamese offline page for the others.
   - Pages and files whose name does not change with their content: network first (a new deploy
     shows at once), the kept copy when the network fails or is too slow.
   - Content-addressed files (photo renditions, cover crops, share cards, icons, Material's
     hashed bundles, search shards): cache first, they never change.
   - Never /admin/ (the editor), never another site, never anything but GET, never a preview
     server's livereload long poll (`mkdocs serve` does not register this worker either).
   VERSION changes with every deploy whose pages changed: the browser installs the new worker,
   which takes over at once and drops the previous version's shell; what a reader kept stays. */
"use strict";
const CONFIG = /*CONFIG*/{};
const SCOPE = new URL(self.registration.scope);
const SHELL = "lantoa-shell-" + CONFIG.version;
const PAGES = "lantoa-pages";
const FILES = "lantoa-files";
const OFFLINE = new URL(CONFIG.offline, SCOPE).href;
const NETWORK_WAIT = 4000; // ms before a slow network gives way to the kept copy

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll([OFFLINE])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith("lantoa-shell-") && n !== SHELL)
      .map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

function ours(url) {
  return url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname)
    && !url.pathname.startsWith(SCOPE.pathname + "admin/");
}

function addressed(url) {
  const path = url.pathname.slice(SCOPE.pathname.length);
  return CONFIG.addressed.some((prefix) => path.startsWith(prefix)) || /\.[0-9a-f]{8,}\.min\.(css|js)$/.test(path);
}

async function trim(name, keep) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - keep)).map((k) => cache.delete(k)));
}

async function keep(name, request, response) {
  if (!response || !response.ok || response.type === "opaque") return;
  const cache = await caches.open(name);
  await cache.delete(request); // re-added last: the oldest are dropped first
  await cache.put(request, response);
  await trim(name, name === PAGES ? CONFIG.pages : CONFIG.files);
}

function timeout(ms) {
  return new Promise((resolve, reject) => setTimeout(() => reject(new Error("timeout")), ms));
}

async function networkFirst(event, name) {
  const request = event.request;
  const fetching = fetch(request);
  event.waitUntil(fetching.then((response) => keep(name, request, response.clone())).catch(() => {}));
  try {
    return await Promise.race([fetching, timeout(NETWORK_WAIT)]);
  } catch (error) {
    const kept = await caches.match(request, {ignoreSearch: request.mode === "navigate"});
    if (kept) return kept;
    if (request.mode === "navigate") {
      try { return await fetching; } catch (e) { return (await caches.match(OFFLINE)) || Response.error(); }
    }
    return fetching;
  }
}

async function cacheFirst(event) {
  const kept = await caches.match(event.request);
  if (kept) return kept;
  const response = await fetch(event.request);
  event.waitUntil(keep(FILES, event.request, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!ours(url) || /\/livereload\/\d+\/\d+$/.test(url.pathname)) return; // a preview server's long poll
  if (request.mode === "navigate") return event.respondWith(networkFirst(event, PAGES));
  if (addressed(url)) return event.respondWith(cacheFirst(event));
  event.respondWith(networkFirst(event, FILES));
});

/* The page a reader opened before this worker controlled it (the first visit): the page sends
   its address and the files it used (the images at the size it chose); they are kept. */
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.keep) || [];
  event.waitUntil(Promise.all(urls.map(async (address, index) => {
    const url = new URL(address, SCOPE);
    url.hash = "";
    if (!ours(url)) return;
    const name = index === 0 ? PAGES : FILES;
    if (await caches.match(url.href)) return;
    try {
      const response = await fetch(url.href, {credentials: "same-origin"});
      await keep(name, new Request(url.href), response);
    } catch (error) { /* offline already: nothing to keep */ }
  })));
});
