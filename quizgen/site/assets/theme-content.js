/* quizgen: what Material for MkDocs does in an inline script after each page's content (open the
   content tab a link points to, and with `content.tabs.link` the tabs chosen before), from this
   file so the site runs under a Content-Security-Policy with no 'unsafe-inline' script. */
(function () {
  var script = document.currentScript;

  function labelFor(set, name) {
    var labels = set.querySelector(".tabbed-labels");
    var found = labels ? labels.getElementsByTagName("label") : [];
    for (var i = 0; i < found.length; i++) {
      if (found[i].innerText.trim() === name) return found[i];
    }
    return null;
  }

  function restoreTabs() {
    var names = window.__md_get("__tabs");
    if (!Array.isArray(names)) return;
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      for (var i = 0; i < names.length; i++) {
        var label = labelFor(set, names[i]);
        if (label) {
          document.getElementById(label.htmlFor).checked = true;
          return;
        }
      }
    });
  }

  if (script && script.hasAttribute("data-tabs-link")) restoreTabs();
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
