// A shared shortlist: answers are sent with htmx and the place's answer box comes back.
// htmx swaps only 2xx answers by default; these also carry a box to show in its place:
// 400 (the form with its errors), 404 (the link was revoked or expired while the page was
// open) and 429 (too many answers from here).
(function () {
  "use strict";
  var SWAPPED = [400, 404, 429];
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var form = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!form || !form.closest || !form.closest(".reply-box")) return;
    if (SWAPPED.indexOf(event.detail.xhr.status) !== -1) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // The name typed for one place fills the other places' empty name fields.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var box = event.detail.target;
    if (!box || !box.classList || !box.classList.contains("reply-box")) return;
    var typed = box.querySelector("input[name=name]");
    if (!typed || !typed.value) return;
    document.querySelectorAll(".reply-form input[name=name]").forEach(function (input) {
      if (!input.value) input.value = typed.value;
    });
  });
})();
