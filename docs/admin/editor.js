/* The editor page's own script (admin/index.html loads it before Decap CMS; no inline script, so
   the page keeps its Content-Security-Policy). When Decap's file cannot load, or loads but does
   not start, the page says so in Vietnamese instead of staying blank. */
(function () {
  "use strict";
  function failed() {
    var box = document.getElementById("lt-editor-failed");
    if (box) box.hidden = false;
  }
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target.tagName === "SCRIPT" && /decap-cms\.js$/.test(target.src)) failed();
  }, true);
  window.addEventListener("load", function () {
    if (!window.CMS) failed();
  });
})();
