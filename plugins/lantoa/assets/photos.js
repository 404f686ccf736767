/* Lan Tỏa's photos on a page: the later photos of a story come when the reader nears them, and the
 * lightbox loads on the first tap on a photo rather than with the page.
 *
 * Later photos: a story's photos after its cover are in <noscript> inside [data-lt-later] (with a
 * slot of each photo's shape), so the browser does not fetch them with the page: Chromium fetches
 * lazy images up to 1,250 px below the screen, which on a short story is every photo. When the
 * block comes within half a screen of the viewport, its figures are put in place (and are themselves
 * lazy). Without JavaScript, <noscript> shows them as they are.
 *
 * Lightbox:
 * Photos are links (a.glightbox) to their largest rendition, so without this script, or before it
 * has run, a tap simply opens the image. On the first press on such a link, GLightbox's stylesheet
 * and script (the files mkdocs-glightbox copies into assets/) are fetched; the tap then opens the
 * lightbox at that photo, with the options mkdocs-glightbox would have set. Nothing of GLightbox is
 * fetched for a reader who never taps a photo. A picture put in a page's Markdown (not a link) opens
 * alone in the lightbox on a tap. data-root on this script: the site's assets/ folder, relative to
 * the page.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = (script && script.getAttribute("data-root")) || "assets/";
  var options = {
    selector: ".glightbox", touchNavigation: true, loop: false, zoomable: true, draggable: true,
    openEffect: "zoom", closeEffect: "zoom", slideEffect: "slide"
  };
  var loading = null;
  var lightbox = null;

  function fetchFile(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      element.onload = resolve;
      element.onerror = reject;
      document.head.appendChild(element);
    });
  }

  function load() {
    if (!loading) {
      loading = Promise.all([
        fetchFile("link", { rel: "stylesheet", href: root + "stylesheets/glightbox.min.css" }),
        fetchFile("script", { src: root + "javascripts/glightbox.min.js" })
      ]);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function photoLink(event) {
    var target = event.target;
    return target && target.closest ? target.closest("a.glightbox") : null;
  }

  function open(link) {
    load().then(function () {
      if (!lightbox) {
        lightbox = window.GLightbox(options);
      } else {
        lightbox.reload(); /* later photos may have come since */
      }
      var links = Array.prototype.slice.call(document.querySelectorAll(options.selector));
      lightbox.openAt(Math.max(0, links.indexOf(link)));
    }, function () {
      window.location.href = link.href; /* the lightbox could not load: show the photo itself */
    });
  }

  function bareImage(event) {
    var target = event.target;
    if (!target || target.tagName !== "IMG" || !target.closest || target.closest("a") ||
        !target.closest(".md-content") || /\b(off-glb|twemoji|emojione|gemoji)\b/.test(target.className)) {
      return null;
    }
    return target;
  }

  function openAlone(img) {
    /* no description: GLightbox writes it as HTML */
    load().then(function () {
      window.GLightbox({ elements: [{ href: img.currentSrc || img.src, type: "image" }] }).open();
    });
  }

  function showLater(block) {
    var source = block.querySelector("noscript");
    if (!source || block.hasAttribute("data-lt-shown")) {
      return;
    }
    block.setAttribute("data-lt-shown", "");
    Array.prototype.forEach.call(block.querySelectorAll(".lt-later__slot"), function (slot) { slot.remove(); });
    block.insertAdjacentHTML("beforeend", source.textContent); /* the page's own escaped markup */
  }

  var later = Array.prototype.slice.call(document.querySelectorAll("[data-lt-later]"));
  if (later.length && "IntersectionObserver" in window) {
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          watcher.unobserve(entry.target);
          showLater(entry.target);
        }
      });
    }, { rootMargin: "0px 0px 50% 0px" });
    later.forEach(function (block) { watcher.observe(block); });
  } else {
    later.forEach(showLater);
  }

  /* A finger on a photo: start fetching while the tap completes. */
  document.addEventListener("pointerdown", function (event) {
    if (photoLink(event) || bareImage(event)) {
      load();
    }
  }, { passive: true });

  document.addEventListener("click", function (event) {
    var img = bareImage(event);
    if (img && event.button === 0) {
      openAlone(img);
      return;
    }
    var link = photoLink(event);
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    open(link);
  });
})();
