// Review page keyboard: Space/Enter reveal (then Space/Enter = Good), 1-4 rate, u undo.
(function () {
  "use strict";
  var section = document.getElementById("review");
  if (!section) { return; }
  var shownAt = Date.now();
  var sent = false;

  function revealed() { return section.dataset.state === "answer"; }

  function reveal() {
    section.dataset.state = "answer";
    var first = document.querySelector(".rate-3");
    if (first) { first.focus({ preventScroll: true }); }
  }

  function rate(number) {
    var button = document.querySelector('.rate[data-key="' + number + '"]');
    if (!button || sent) { return; }
    button.click();
  }

  var form = document.getElementById("rate-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      if (sent) { event.preventDefault(); return; }
      sent = true;
      document.getElementById("duration").value = String(Date.now() - shownAt);
    });
  }

  var show = document.getElementById("show-answer");
  if (show) {
    show.addEventListener("click", function (event) { event.preventDefault(); reveal(); });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var key = event.key;
    if (key === " " || key === "Enter") {
      event.preventDefault();
      if (!document.querySelector(".card[data-card-id]")) { return; }
      if (revealed()) { rate(3); } else { reveal(); }
    } else if (key >= "1" && key <= "4") {
      if (revealed()) { event.preventDefault(); rate(key); }
    } else if (key === "u" || key === "U") {
      var undo = document.getElementById("undo-form");
      if (undo && !sent) { event.preventDefault(); sent = true; undo.submit(); }
    }
  });
})();
