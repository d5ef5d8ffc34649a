// While `quizgen serve --watch` runs: a site page reloads when a new site rewrote it; the
// review page keeps its card and what is typed, and only says that the notes changed and
// refreshes its queue counts. Asks nothing but this server.
(function () {
  "use strict";
  if (window.quizgenLive) { return; }
  window.quizgenLive = true;
  var tag = document.currentScript;
  var seen = { site: Number(tag.dataset.site), cards: Number(tag.dataset.cards) };
  window.quizgenLiveSite = seen.site;  // the site this page has followed up to
  var review = document.getElementById("review");

  function banner(id, text) {
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("p");
      box.id = id;
      box.className = "live-notice";
      box.setAttribute("role", "status");
      box.style.cssText = "position:fixed;bottom:1em;right:1em;z-index:9;max-width:32em;" +
        "margin:0;padding:.6em 1em;background:#fff8e1;border:1px solid #c9a227;border-radius:4px";
      document.body.appendChild(box);
    }
    box.textContent = text;
    return box;
  }

  function showProblems(build) {
    var old = document.getElementById("live-problems");
    if (!build.problems.length && !build.error) { if (old) { old.remove(); } return; }
    var lines = (build.error ? ["The site was not rebuilt: " + build.error] : [])
      .concat(build.problems);
    banner("live-problems", lines.join("\n")).style.whiteSpace = "pre-wrap";
  }

  function refreshCounts() {
    fetch("/api/next" + window.location.search, { credentials: "same-origin" })
      .then(function (answer) { return answer.json(); })
      .then(function (next) {
        ["new", "learning", "review"].forEach(function (name) {
          var count = review.querySelector(".count." + (name === "review" ? "due" : name) + " b");
          if (count && next.counts && name in next.counts) { count.textContent = next.counts[name]; }
        });
      })
      .catch(function () { /* the counts stay as they were */ });
  }

  function follow(build) {
    showProblems(build);
    if (review) {
      if (build.cards !== seen.cards) {
        seen.cards = build.cards;
        banner("live-cards", "Your notes changed: the cards are updated. " +
          "This card stays; the next one comes from the new cards.");
        refreshCounts();
      }
    } else if (build.site !== seen.site) {
      if (build.page_changed) { window.location.reload(); return; }
      seen.site = build.site;  // a rebuild of other pages: this one stays as it is
      window.quizgenLiveSite = seen.site;
    }
  }

  function poll() {
    var query = "?since=" + seen.site + "&page=" + encodeURIComponent(window.location.pathname);
    fetch("/api/build" + query, { credentials: "same-origin", cache: "no-store" })
      .then(function (answer) { return answer.json(); })
      .then(function (build) { if (build.watching) { follow(build); } })
      .catch(function () { /* server restarting: try again */ })
      .then(function () { window.setTimeout(poll, 1000); });
  }
  window.setTimeout(poll, 1000);
})();
