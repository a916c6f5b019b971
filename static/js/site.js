// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Submit a form as soon as its select changes (the language switcher). Its `next` is the
  // address as it is now: htmx may have pushed a new one (filters) since the page loaded.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      var next = select.form.querySelector("input[name=next]");
      if (next) { next.value = window.location.pathname + window.location.search; }
      select.form.submit();
    });
  });
  // htmx swaps only 2xx answers by default; a 429 carries a short "please wait" message
  // (templates/includes/too_many_requests.html) to show where the results would have gone.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 429) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
