// The check-in page's mood meter. Without this file it is a plain group of radio buttons
// (arrow keys step through the squares in reading order); with it, up and down change the
// energy and left and right the pleasantness, and the chosen square is said in words.
(function () {
  "use strict";
  var MOVES = { ArrowUp: [0, 1], ArrowDown: [0, -1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

  document.addEventListener("DOMContentLoaded", function () {
    var grid = document.getElementById("mood-grid");
    var choice = document.getElementById("mood-choice");
    if (!grid) { return; }

    function cell(pleasantness, energy) {
      return grid.querySelector(
        'input[data-pleasantness="' + pleasantness + '"][data-energy="' + energy + '"]'
      );
    }

    function show() {
      var checked = grid.querySelector("input:checked");
      if (!choice || !checked) { return; }
      var name = checked.getAttribute("aria-label");
      choice.textContent = "Chosen: " + name.charAt(0).toLowerCase() + name.slice(1) + ".";
      choice.hidden = false;
    }

    grid.addEventListener("keydown", function (event) {
      var move = MOVES[event.key];
      var here = event.target;
      if (!move || !here.dataset || !here.dataset.energy) { return; }
      event.preventDefault();
      var next = cell(
        Number(here.dataset.pleasantness) + move[0], Number(here.dataset.energy) + move[1]
      );
      if (!next) { return; }  // the edge of the meter: stay put
      next.checked = true;
      next.focus();
      next.dispatchEvent(new Event("change", { bubbles: true }));
    });
    grid.addEventListener("change", show);
    show();
  });
})();
