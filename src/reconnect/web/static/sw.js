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
//
// Server mode's reminders arrive here as pushes (docs/decisions/0011-web-push.md). Their
// words are fixed ("A moment to check in with yourself."), never journal content; a
// push whose data cannot be read shows the same words. Tapping one opens
// the check-in page, in a window of the app that is already open when there is one.
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

var REMINDER = { title: "reconnect", body: "A moment to check in with yourself." };
var REMINDER_PAGE = "/checkin";

self.addEventListener("push", function (event) {
  var shown = { title: REMINDER.title, body: REMINDER.body };
  try {
    var data = event.data ? event.data.json() : {};
    if (typeof data.title === "string") { shown.title = data.title; }
    if (typeof data.body === "string") { shown.body = data.body; }
  } catch (error) {
    // Not JSON: show the fixed words rather than nothing (browsers penalise silent pushes).
  }
  event.waitUntil(self.registration.showNotification(shown.title, {
    body: shown.body,
    icon: "/static/icons/icon-192.png",
    tag: "reconnect-reminder"
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true })
      .then(function (windows) {
        for (var i = 0; i < windows.length; i += 1) {
          var open = windows[i];
          if (new URL(open.url).origin === self.location.origin && "focus" in open) {
            return open.focus().then(function (focused) {
              return focused && "navigate" in focused ? focused.navigate(REMINDER_PAGE) : focused;
            });
          }
        }
        return self.clients.openWindow(REMINDER_PAGE);
      })
  );
});
