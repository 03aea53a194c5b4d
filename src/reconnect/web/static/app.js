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
