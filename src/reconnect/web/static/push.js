// Server mode's reminders on this device (templates/_push_reminders.html): ask permission,
// subscribe through the service worker (sw.js shows the pushes), then send the subscription
// and the schedule to /api/push. The server is told when to remind, never why.
(function () {
  "use strict";
  var box = document.querySelector("[data-push-reminders]");
  if (!box) { return; }
  var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!supported) { return; }  // the partial's notice stays: push is not available here

  var form = box.querySelector("[data-push-form]");
  var statusLine = box.querySelector("[data-push-status]");
  var token = box.getAttribute("data-csrf-token");
  box.querySelector("[data-push-unavailable]").hidden = true;
  form.hidden = false;

  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) { form.elements.timezone.value = zone; }
  } catch (error) {
    // No Intl time zone: the field keeps UTC and the person can type theirs.
  }

  function say(text) { statusLine.textContent = text; }

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.ok) { return response.status === 204 ? null : response.json(); }
      return response.json().catch(function () { return {}; }).then(function (problem) {
        throw new Error(problem.detail || problem.error || "The server refused (" + response.status + ").");
      });
    });
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function schedule() {
    var days = [];
    form.querySelectorAll("input[name=day]:checked").forEach(function (box) {
      days.push(Number(box.value));
    });
    return { days: days, at: form.elements.at.value, timezone: form.elements.timezone.value.trim() };
  }

  function subscription(registration) {
    return registration.pushManager.getSubscription().then(function (existing) {
      if (existing) { return existing; }
      return api("GET", "/api/push/key").then(function (answer) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(answer.public_key)
        });
      });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var wanted = schedule();
    if (!wanted.days.length) { say("Choose at least one day."); return; }
    say("Asking this browser for permission…");
    Notification.requestPermission()
      .then(function (permission) {
        if (permission !== "granted") {
          throw new Error("Notifications are not allowed for this site in this browser.");
        }
        return navigator.serviceWorker.ready;
      })
      .then(subscription)
      .then(function (subscribed) { return api("PUT", "/api/push/subscription", subscribed.toJSON()); })
      .then(function () { return api("PUT", "/api/push/schedule", wanted); })
      .then(function (saved) {
        say("Saved. Reminders at " + saved.at + " (" + saved.timezone + ") on this device.");
      })
      .catch(function (error) { say(error.message); });
  });

  box.querySelector("[data-push-off]").addEventListener("click", function () {
    navigator.serviceWorker.ready
      .then(function (registration) { return registration.pushManager.getSubscription(); })
      .then(function (existing) {
        if (!existing) { return null; }
        return api("DELETE", "/api/push/subscription", { endpoint: existing.endpoint })
          .then(function () { return existing.unsubscribe(); });
      })
      .then(function () { say("This device will not be reminded."); })
      .catch(function (error) { say(error.message); });
  });

  api("GET", "/api/push").then(function (current) {
    if (!current.schedule) { return; }
    form.querySelectorAll("input[name=day]").forEach(function (box) {
      box.checked = current.schedule.days.indexOf(Number(box.value)) !== -1;
    });
    form.elements.at.value = current.schedule.at;
    form.elements.timezone.value = current.schedule.timezone;
    var devices = current.devices === 1 ? "1 device" : current.devices + " devices";
    say("Reminders are on, for " + devices + ".");
  }).catch(function () {
    // Not shown: the form still works with its defaults.
  });
})();
