/*
 * Keycloak SSPR: the proof-of-work check of the "Reset your password" page.
 * Finds a nonce such that SHA-256(challenge + ":" + nonce) starts with `bits` zero bits, hashing with the browser's
 * Web Crypto (crypto.subtle.digest) in batches, so the page stays responsive; then fills the hidden field and enables
 * the button. No outside service; no data leaves the page.
 *
 * Web Crypto exists only in a secure context (https, or http://localhost). There is no hand-written fallback: Keycloak
 * is served over https in production (directly or behind a TLS proxy), and a page reached over plain http on another
 * host says so instead of solving slowly (docs/reset-identify.md).
 */
(function () {
  "use strict";

  /** Digests started at once: Web Crypto is asynchronous, so many in flight amortize the per-call cost. */
  var BATCH = 256;

  function zeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      return count + Math.clz32(bytes[i]) - 24;
    }
    return count;
  }

  function start() {
    var form = document.getElementById("sspr-identify-form");
    if (!form) { return; }
    var challenge = form.getAttribute("data-pow-challenge");
    var bits = parseInt(form.getAttribute("data-pow-bits") || "0", 10);
    var field = document.getElementById("sspr-pow-nonce");
    var button = document.getElementById("sspr-identify-submit");
    var status = document.getElementById("sspr-pow-status");
    if (!challenge || !field || !button || bits <= 0) { return; }
    button.disabled = true;
    var subtle = window.crypto && window.crypto.subtle;
    if (!subtle || !window.TextEncoder) {
      if (status) { status.textContent = status.getAttribute("data-insecure") || ""; }
      form.setAttribute("data-pow-error", "no-web-crypto");
      return;
    }
    var encoder = new TextEncoder();
    var next = 0;

    function solved(nonce) {
      field.value = String(nonce);
      button.disabled = false;
      if (status) { status.textContent = status.getAttribute("data-done") || ""; }
      form.setAttribute("data-pow-solved", "true");
    }

    function batch() {
      var first = next;
      next += BATCH;
      var digests = [];
      for (var i = 0; i < BATCH; i++) {
        digests.push(subtle.digest("SHA-256", encoder.encode(challenge + ":" + (first + i))));
      }
      Promise.all(digests).then(function (results) {
        for (var j = 0; j < results.length; j++) {
          if (zeroBits(new Uint8Array(results[j])) >= bits) { solved(first + j); return; }
        }
        batch();
      }, function () {
        if (status) { status.textContent = status.getAttribute("data-insecure") || ""; }
        form.setAttribute("data-pow-error", "digest-failed");
      });
    }
    batch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
