// Route maps for tours and scout packages (vendored Leaflet, no inline script).
// Each <div class="route-map" data-route='[{"n":1,"lat":…,"lng":…,"name":…,"time":…,"url":…}]'>
// becomes a map with numbered markers joined by a line in visiting order. Popups are built
// from DOM text nodes, never innerHTML, so names typed by fixers cannot inject markup.
(function () {
  "use strict";

  function icon(n) {
    var badge = document.createElement("span");
    badge.className = "route-marker";
    badge.textContent = String(n);
    return L.divIcon({ html: badge, className: "route-marker-icon", iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -14] });
  }

  function popupFor(point) {
    var box = document.createElement("div");
    var title = document.createElement(point.url ? "a" : "strong");
    if (point.url) { title.href = point.url; }
    title.textContent = point.name || "";
    box.appendChild(title);
    if (point.time) {
      var time = document.createElement("div");
      time.className = "muted";
      time.textContent = point.time;
      box.appendChild(time);
    }
    return box;
  }

  function initRoute(el) {
    if (el.dataset.ready || typeof L === "undefined") { return; }
    var points;
    try { points = JSON.parse(el.dataset.route || "[]"); } catch (e) { points = []; }
    el.dataset.ready = "1";
    if (!points.length) { el.hidden = true; return; }
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.5 });
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    }
    var latlngs = points.map(function (p) { return [p.lat, p.lng]; });
    if (latlngs.length > 1) {
      L.polyline(latlngs, { color: "#b3261e", weight: 4, opacity: 0.75, className: "route-line" }).addTo(map);
    }
    points.forEach(function (p) {
      L.marker([p.lat, p.lng], { icon: icon(p.n), title: p.name || "", keyboard: true })
        .bindPopup(popupFor(p))
        .addTo(map);
    });
    function fit() {
      map.invalidateSize();
      if (latlngs.length === 1) {
        map.setView(latlngs[0], 14);
      } else {
        map.fitBounds(latlngs, { padding: [28, 28], maxZoom: 15 });
      }
    }
    fit();
    refitters.push(fit);
    el.dataset.markers = String(points.length);
    el.dataset.loaded = "1";
  }

  // Maps are smaller on paper: fit every route again when printing starts and ends.
  var refitters = [];
  function refitAll() { refitters.forEach(function (fit) { fit(); }); }
  window.addEventListener("beforeprint", refitAll);
  window.addEventListener("afterprint", refitAll);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    if (printing.addEventListener) { printing.addEventListener("change", refitAll); }
  }

  function initAll(root) {
    (root || document).querySelectorAll(".route-map[data-route]").forEach(initRoute);
  }
  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  window.Rokehan = window.Rokehan || {};
  window.Rokehan.initRoutes = initAll;
})();
