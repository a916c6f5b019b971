// Leaflet maps fed by the site's GeoJSON endpoints (vendored Leaflet + markercluster).
// Each <div class="map" data-geojson-url=…> becomes a map. Popups are built with DOM
// text nodes, never innerHTML, so names typed by fixers cannot inject markup.
(function () {
  "use strict";
  var JAPAN = [[24.0, 122.9], [45.6, 146.0]];

  function popupFor(props) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name || props.name_ja || "";
    box.appendChild(link);
    if (props.name_ja && props.name_ja !== props.name) {
      var ja = document.createElement("div");
      ja.lang = "ja";
      ja.textContent = props.name_ja;
      box.appendChild(ja);
    }
    var extra = props.summary || props.category || props.prefecture;
    if (extra) {
      var small = document.createElement("div");
      small.className = "muted";
      small.textContent = extra;
      box.appendChild(small);
    }
    return box;
  }

  function initMap(el) {
    if (el.dataset.ready || typeof L === "undefined") { return; }
    el.dataset.ready = "1";
    // maxZoom on the map itself: markercluster needs it, and without tiles no layer sets it.
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.5, maxZoom: 19 });
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, {
        maxZoom: 19,
        attribution: el.dataset.attribution || ""
      }).addTo(map);
    }
    if (el.dataset.center) {
      var c = el.dataset.center.split(",").map(Number);
      map.setView(c, Number(el.dataset.zoom || 13));
    } else {
      map.fitBounds(JAPAN);
    }
    var url = el.dataset.geojsonUrl;
    if (!url) { el.dataset.loaded = "0"; return; }
    var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    fetch(url, { headers: { "Accept": "application/geo+json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) { return L.marker(latlng, { keyboard: true, title: feature.properties.name || "" }); },
          onEachFeature: function (feature, marker) { marker.bindPopup(popupFor(feature.properties)); }
        });
        cluster.addLayer(layer);
        map.addLayer(cluster);
        var count = (data.features || []).length;
        el.dataset.markers = String(count);
        if (count && !el.dataset.center) {
          map.fitBounds(cluster.getBounds(), { maxZoom: 14, padding: [20, 20] });
        }
        el.dataset.loaded = "1";
      })
      .catch(function () { el.dataset.loaded = "error"; });
  }

  function initAll(root) {
    (root || document).querySelectorAll(".map").forEach(initMap);
  }
  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  // Results swapped in by htmx bring their own map container.
  document.addEventListener("htmx:afterSettle", function (e) { initAll(e.target); });
  window.Rokehan = window.Rokehan || {};
  window.Rokehan.initMaps = initAll;
})();
