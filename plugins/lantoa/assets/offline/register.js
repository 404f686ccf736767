/* Registers the site's service worker (sw.js at the site's root, written by Lan Tỏa at build
   time) and asks it to keep this page and the files it used (the images at the size this screen
   chose), so the page can be read again without signal. Nothing leaves the site. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  var here = document.currentScript && document.currentScript.src;
  if (!here) return;
  if (document.currentScript.hasAttribute("data-preview")) {
    /* `mkdocs serve`: the preview shows each save as it is; a worker kept from an earlier visit goes. */
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) { registration.unregister(); });
    }).catch(function () {});
    return;
  }
  var worker = new URL("../../../sw.js", here);
  function keep(registration) {
    var active = registration.active;
    if (!active) return;
    var urls = [location.href.split("#")[0]];
    performance.getEntriesByType("resource").forEach(function (entry) { urls.push(entry.name); });
    Array.prototype.forEach.call(document.images, function (image) {
      if (image.complete && image.currentSrc) urls.push(image.currentSrc);
    });
    active.postMessage({keep: urls});
  }
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker.href, {scope: new URL("./", worker).href})
      .then(function () { return navigator.serviceWorker.ready; })
      .then(keep)
      .catch(function () { /* no worker: the site works as before */ });
  });
})();
