/* Lan Tỏa share buttons (lantoa/partials/share.html).
   Facebook is a plain link. Zalo's SDK is fetched only when a reader clicks Zalo.
   Clicks are handled on `document`, so pages swapped in by Material's instant
   navigation work too; `show` reveals the buttons this browser can use: without a Zalo OA id,
   Zalo is reached through the share sheet where the browser has one, else by copying the link. */
(function () {
  "use strict";
  var ZALO_SDK = "https://sp.zalo.me/plugins/sdk.js";
  var MESSAGE_COPIED = "Đã sao chép liên kết";
  var MESSAGE_COPY_FAILED = "Không sao chép được. Hãy chọn và sao chép địa chỉ: ";
  var MESSAGE_ZALO_OPENING = "Đang mở Zalo…";
  var MESSAGE_ZALO_FAILED = "Không tải được Zalo. Hãy sao chép liên kết rồi dán vào Zalo.";
  var zaloLoading = null;

  function show(root) {
    var canShare = typeof navigator.share === "function";
    (root || document).querySelectorAll("[data-lt-share]").forEach(function (box) {
      box.querySelectorAll("[data-lt-needs-js]").forEach(function (item) {
        item.hidden = canShare && item.hasAttribute("data-lt-without-share");
      });
      box.querySelectorAll("[data-lt-needs-share]").forEach(function (item) { item.hidden = !canShare; });
    });
  }

  function say(box, message) {
    var status = box.querySelector("[data-lt-status]");
    if (!status) return;
    status.textContent = message;
    clearTimeout(status.ltTimer);
    status.ltTimer = setTimeout(function () { status.textContent = ""; }, 6000);
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    document.body.removeChild(area);
    return done;
  }

  function copy(box, button) {
    var url = box.dataset.url;
    var copied = button.dataset.ltCopied || MESSAGE_COPIED;
    var fallback = function () {
      say(box, copyWithSelection(url) ? copied : MESSAGE_COPY_FAILED + url);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say(box, copied); }, fallback);
    } else {
      fallback();
    }
  }

  function shareNative(box) {
    navigator.share({ title: box.dataset.title, text: box.dataset.text, url: box.dataset.url })
      .catch(function () { /* the reader closed the share sheet */ });
  }

  function loadZalo() {
    if (!zaloLoading) {
      zaloLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = ZALO_SDK;
        script.async = true;
        script.onload = resolve;
        script.onerror = function () { zaloLoading = null; script.remove(); reject(); };
        document.head.appendChild(script);
      });
    }
    return zaloLoading;
  }

  /* Zalo's share plugin turns an element with class "zalo-share-button" and data-oaid,
     data-href, data-customize="true" into its share button. The element gets those
     attributes on the first click; once the SDK has bound it, the click is replayed
     and later clicks go straight to the SDK. */
  function shareZalo(box, button, event) {
    if (button.dataset.ltZaloReady) return;
    event.preventDefault();
    button.classList.add("zalo-share-button");
    button.dataset.href = box.dataset.url;
    button.dataset.layout = "1";
    button.dataset.color = "blue";
    button.dataset.customize = "true";
    say(box, MESSAGE_ZALO_OPENING);
    loadZalo().then(function () {
      button.dataset.ltZaloReady = "1";
      if (window.ZaloSocialSDK && typeof window.ZaloSocialSDK.reload === "function") {
        window.ZaloSocialSDK.reload();
      }
      button.click();
    }, function () { say(box, MESSAGE_ZALO_FAILED); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-lt-share] button");
    if (!button) return;
    var box = button.closest("[data-lt-share]");
    if (button.hasAttribute("data-lt-copy")) copy(box, button);
    else if (button.hasAttribute("data-lt-native")) shareNative(box);
    else if (button.hasAttribute("data-lt-zalo")) shareZalo(box, button, event);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { show(); });
  } else {
    show();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { show(); });
  }
})();
