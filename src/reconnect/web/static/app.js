// Progress of the self-check form: counts answered statements as they are chosen.
(function () {
  "use strict";
  function update(form) {
    var names = {};
    form.querySelectorAll("input[type=radio]").forEach(function (input) {
      names[input.name] = names[input.name] || input.checked;
    });
    var total = Object.keys(names).length;
    var done = Object.keys(names).filter(function (n) { return names[n]; }).length;
    var bar = document.getElementById("selfcheck-progress");
    var text = document.getElementById("progress-text");
    if (bar) { bar.value = done; bar.max = total; }
    if (text) { text.textContent = done + " of " + total + " answered"; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("selfcheck-form");
    if (!form) { return; }
    form.addEventListener("change", function () { update(form); });
    update(form);
  });
})();

// ---------------------------------------------------------------------------------------
// Practice timer (practices/_timer.html): start, pause and reset; the time left on the page;
// the end said through the status line (no sound needed). For box breathing, an in / hold /
// out / hold cue. Time is read from the clock at every tick, so a throttled background tab
// still ends on time. With prefers-reduced-motion the breathing meter does not move.
(function () {
  "use strict";
  var TICK_MS = 100;
  var PHASES = ["Breathe in", "Hold", "Breathe out", "Hold"];

  function clock(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function spoken(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var minutes = Math.floor(whole / 60);
    var rest = whole % 60;
    var parts = [];
    if (minutes) { parts.push(minutes + (minutes === 1 ? " minute" : " minutes")); }
    if (rest || !minutes) { parts.push(rest + (rest === 1 ? " second" : " seconds")); }
    return parts.join(" ");
  }

  function setUp(box) {
    var total = Number(box.getAttribute("data-seconds")) * 1000;
    var side = Number(box.getAttribute("data-breath-seconds") || 0) * 1000;
    var display = box.querySelector(".timer-display");
    var bar = box.querySelector(".timer-progress");
    var toggle = box.querySelector("[data-timer=toggle]");
    var reset = box.querySelector("[data-timer=reset]");
    var status = box.querySelector(".timer-status");
    var phase = box.querySelector(".breath-phase");
    var count = box.querySelector(".breath-count");
    var meter = box.querySelector(".breath-meter");
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");
    var state = "ready";  // ready, running, paused, done
    var left = total;
    var endsAt = 0;
    var timer = null;
    var shownPhase = -1;

    function breathe(elapsed) {
      if (!side || !phase) { return; }
      meter.hidden = Boolean(still && still.matches);  // asked for calm: words and count only
      if (state === "ready" || state === "done") {
        shownPhase = -1;
        phase.textContent = state === "done" ? "Breathe normally" : "Breathe in when you start";
        count.textContent = "";
        meter.value = 0;
        return;
      }
      var index = Math.floor(elapsed / side) % 4;
      var into = elapsed % side;
      if (index !== shownPhase) {  // the live region speaks only when the phase changes
        shownPhase = index;
        phase.textContent = PHASES[index];
      }
      count.textContent = String(Math.floor(into / 1000) + 1);
      // In fills the meter, hold keeps it full, out empties it, hold keeps it empty.
      var fill = [into / side, 1, 1 - into / side, 0][index];
      meter.value = fill * meter.max;
    }

    function draw() {
      display.textContent = clock(left / 1000);
      bar.value = (total - left) / 1000;
      breathe(total - left);
      toggle.textContent = {
        ready: "Start", running: "Pause", paused: "Resume", done: "Start again"
      }[state];
    }

    function tick() {
      left = Math.max(0, endsAt - Date.now());
      if (left === 0) {
        stop();
        state = "done";
        box.classList.add("timer-done");
        status.textContent = "Time is up. Take a moment before you go on; you can note how it went below.";
      }
      draw();
    }

    function stop() {
      if (timer !== null) { window.clearInterval(timer); timer = null; }
    }

    toggle.addEventListener("click", function () {
      if (state === "running") {
        left = Math.max(0, endsAt - Date.now());
        stop();
        state = "paused";
        status.textContent = "Paused with " + spoken(left / 1000) + " left.";
      } else {
        if (state === "done") { left = total; }
        box.classList.remove("timer-done");
        status.textContent = (state === "paused" ? "Going on: " : "Started: ") +
          spoken(left / 1000) + " left.";
        state = "running";
        endsAt = Date.now() + left;
        timer = window.setInterval(tick, TICK_MS);
      }
      draw();
    });

    reset.addEventListener("click", function () {
      stop();
      state = "ready";
      left = total;
      box.classList.remove("timer-done");
      status.textContent = "Reset to " + spoken(total / 1000) + ".";
      draw();
    });

    draw();
    box.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".practice-timer[data-seconds]").forEach(setUp);
  });
})();
