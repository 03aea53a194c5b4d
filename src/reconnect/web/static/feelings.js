// The check-in page's feelings. Without this file every feeling is listed in its quadrant;
// with it, choosing a square of the mood meter puts that quadrant's feelings first (the others
// wait behind "Other feelings"), and a search box narrows the chips as you type, saying how
// many match. "I can't name it" sits outside the quadrants, so it never moves or hides.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var grid = document.getElementById("mood-grid");
    var first = document.getElementById("feelings-first");
    var other = document.getElementById("other-feelings");
    var search = document.getElementById("feeling-search");
    var find = document.getElementById("feeling-find");
    var count = document.getElementById("feeling-count");
    if (!grid || !first || !other || !search || !find || !count) { return; }
    var rest = other.querySelector(".quadrants");
    var quadrants = Array.prototype.slice.call(first.querySelectorAll(".quadrant"));

    function putFirst(chosen) {
      quadrants.forEach(function (quadrant) {
        (quadrant.dataset.quadrant === chosen ? first : rest).appendChild(quadrant);
      });
      other.hidden = false;
    }

    function filter() {
      var words = find.value.trim().toLowerCase();
      var shown = 0;
      quadrants.forEach(function (quadrant) {
        var any = false;
        quadrant.querySelectorAll(".chip").forEach(function (chip) {
          var box = chip.querySelector("input");
          // A feeling already ticked stays in sight, whatever is typed.
          var match = !words || box.checked || box.value.toLowerCase().indexOf(words) !== -1;
          chip.hidden = !match;
          if (match) { any = true; shown += 1; }
        });
        quadrant.hidden = !any;
      });
      if (words) {
        other.open = true;  // a match among the other feelings must not stay folded away
        count.textContent = shown === 0 ? "No feeling matches \u201c" + find.value.trim() + "\u201d."
          : shown === 1 ? "1 feeling matches." : shown + " feelings match.";
      } else {
        count.textContent = "";
      }
    }

    grid.addEventListener("change", function (event) {
      var chosen = event.target.dataset && event.target.dataset.quadrant;
      if (chosen) { putFirst(chosen); }
    });
    find.addEventListener("input", filter);
    find.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // searching is not checking in
      if (event.key === "Escape" && find.value) {
        event.preventDefault();
        find.value = "";
        filter();
      }
    });
    search.hidden = false;
  });
})();
