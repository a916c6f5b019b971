// The location filters: small enhancements over a form that works without JavaScript.
(function () {
  "use strict";
  var form = document.getElementById("filter-form");
  if (!form) { return; }

  // On a phone the filters start folded so the results are in view (open without JS).
  var toggle = form.closest("details[data-collapse-on-phone]");
  if (toggle && window.matchMedia("(max-width: 899px)").matches && !form.querySelector(".errorlist")) {
    toggle.open = false;
  }

  // Shareable links: empty fields stay out of the URLs htmx requests and pushes.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || event.detail.verb !== "get") { return; }
    var empty = [];
    data.forEach(function (value, key) {
      var all = data.getAll(key);
      if (empty.indexOf(key) < 0 && all.every(function (v) { return v === ""; })) { empty.push(key); }
    });
    empty.forEach(function (key) { data.delete(key); });
  });

  var near = form.elements.namedItem("near");
  var radius = form.elements.namedItem("radius_km");

  function sortSelect() { return document.getElementById("id_sort"); }

  // Searching near a point means "nearest first" unless the visitor chose another order.
  function syncSort() {
    var sort = sortSelect();
    if (!sort || !near) { return; }
    if (near.value.trim() && sort.value === "name") { sort.value = "distance"; }
    if (!near.value.trim() && sort.value === "distance") { sort.value = "name"; }
  }
  if (near) { near.addEventListener("change", syncSort); }

  // "Use my location": fill in the point from the phone's position.
  var locate = form.querySelector("[data-use-my-location]");
  var status = form.querySelector("[data-location-status]");
  if (locate && near && "geolocation" in navigator) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      if (status) { status.textContent = locate.dataset.findingText || "…"; }
      navigator.geolocation.getCurrentPosition(function (position) {
        near.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
        if (radius && !radius.value) { radius.value = "10"; }
        if (status) { status.textContent = ""; }
        syncSort();
        form.requestSubmit();
      }, function () {
        if (status) { status.textContent = locate.dataset.failedText || ""; }
      }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
    });
  }
})();
