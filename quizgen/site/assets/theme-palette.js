/* quizgen: Material for MkDocs' inline script that applies the colour palette the reader chose,
   from this file so the site runs under a Content-Security-Policy with no 'unsafe-inline'
   script. */
(function () {
  var palette = window.__md_get("__palette");
  if (!palette || !palette.color) return;
  var color = palette.color;
  if (color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var scheme = light ? "light" : "dark";
    var input = document.querySelector(
      "[data-md-color-media='(prefers-color-scheme: " + scheme + ")']"
    );
    ["media", "scheme", "primary", "accent"].forEach(function (name) {
      color[name] = input.getAttribute("data-md-color-" + name);
    });
  }
  Object.keys(color).forEach(function (name) {
    document.body.setAttribute("data-md-color-" + name, color[name]);
  });
})();
