// Quiz page keyboard: 1-4 picks an option, Enter submits the answer; one submit per question.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  if (!form) { return; }
  var sent = false;

  form.addEventListener("submit", function (event) {
    if (sent) { event.preventDefault(); return; }
    sent = true;
  });

  function pick(number) {
    var label = form.querySelector('.option[data-key="' + number + '"] input');
    if (!label) { return false; }
    label.checked = true;
    label.focus({ preventScroll: true });
    return true;
  }

  function submit() {
    var button = document.getElementById("submit-answer");
    if (typeof form.requestSubmit === "function") { form.requestSubmit(button); } else { button.click(); }
  }

  var first = form.querySelector(".option input");
  if (first) { first.focus({ preventScroll: true }); }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var tag = (event.target && event.target.tagName) || "";
    var typing = tag === "TEXTAREA" || (tag === "INPUT" && event.target.type === "text");
    if (event.key >= "1" && event.key <= "4" && !typing) {
      if (pick(event.key)) { event.preventDefault(); }
    } else if (event.key === "Enter" && !typing && tag !== "BUTTON" && tag !== "A") {
      if (form.querySelector(".option input:checked")) { event.preventDefault(); submit(); }
    }
  });
})();
