/* quizgen: the globals Material for MkDocs defines in an inline script in each page's head,
   defined from this file so the site runs under a Content-Security-Policy with no
   'unsafe-inline' script. The scope (Material's `extra.scope`, else the site's base URL,
   relative to the page) comes in the script element's data-scope attribute. */
(function () {
  var scope = new URL(document.currentScript.getAttribute("data-scope"), location);

  function key(name, at) {
    return at.pathname + "." + name;
  }

  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (hash, letter) {
      return (hash << 5) - hash + letter.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (name, storage, at) {
    return JSON.parse((storage || localStorage).getItem(key(name, at || window.__md_scope)));
  };
  window.__md_set = function (name, value, storage, at) {
    try {
      (storage || localStorage).setItem(key(name, at || window.__md_scope), JSON.stringify(value));
    } catch (error) {
      /* storage full or disabled: the setting is simply not kept */
    }
  };
})();
