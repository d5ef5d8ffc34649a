/* quizgen: typeset math with the MathJax copy shipped beside this file, only on pages that
   have math, and again after each instant-navigation page change. */
(function () {
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  window.MathJax = {
    tex: { inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]] },
    options: { ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex" },
    // ui/safe: no javascript: links, styles or ids from a note's TeX (\href, \style, \cssId).
    loader: { load: ["ui/safe"], paths: { mathjax: base + "mathjax" } },
    startup: { typeset: false }
  };
  var loading = null;
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = base + "mathjax/tex-svg.js";
        script.onload = function () { MathJax.startup.promise.then(resolve); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }
  function typeset() {
    if (!document.querySelector(".arithmatex")) return;
    load().then(function () {
      MathJax.typesetClear();
      MathJax.texReset();
      MathJax.typesetPromise();
    });
  }
  if (window.document$) {
    window.document$.subscribe(typeset);
  } else {
    document.addEventListener("DOMContentLoaded", typeset);
  }
})();
