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
})();
