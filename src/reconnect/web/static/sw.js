// The service worker, served as /sw.js (web/pages/offline.py writes SHELL above this line:
// the shell's version, its files and its pages).
//
// What it keeps, in one cache named after the version: the CSS, the scripts, the icons, the
// help page and the offline page. Nothing else. Journal pages, entries, check-ins, insights,
// self-checks and every /api answer pass through untouched and are never stored here: they
// are private, and the journal is encrypted at rest and locks itself.
//
// Pages always come from the local server. When it does not answer (no connection, or the
// server is not running), "Get help now" is answered from the kept help page and any other
// page with the offline page, which says why and links to help.
//
// A new version (an upgraded server, changed files, another country for help) is installed
// at once and deletes every older cache.
"use strict";

var CACHE = "reconnect-shell-" + SHELL.version;
var HELP = "/help";
var OFFLINE = "/offline";

self.addEventListener("install", function (event) {
  // No cookies: the kept pages belong to no session; "reload" skips the browser's HTTP cache.
  var requests = SHELL.files.concat(SHELL.pages).map(function (url) {
    return new Request(url, { credentials: "omit", cache: "reload" });
  });
  event.waitUntil(
    caches.open(CACHE)
      .then(function (cache) { return cache.addAll(requests); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys()
      .then(function (names) {
        return Promise.all(names.filter(function (name) { return name !== CACHE; })
          .map(function (name) { return caches.delete(name); }));
      })
      .then(function () { return self.clients.claim(); })
  );
});

function kept(path) {
  return caches.open(CACHE)
    .then(function (cache) { return cache.match(path); })
    .then(function (response) { return response || Response.error(); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(function () {
      return kept(url.pathname === HELP ? HELP : OFFLINE);
    }));
  } else if (SHELL.files.indexOf(url.pathname) !== -1) {
    event.respondWith(fetch(request).catch(function () { return kept(url.pathname); }));
  }
  // Anything else (htmx requests, /api) is left to the browser: this worker never sees it.
});
