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
})();
