// Leaflet maps fed by the site's GeoJSON endpoints (vendored Leaflet + markercluster).
// Each <div class="map" data-geojson-url=…> becomes a map; data-geojson-url may list several
// URLs separated by spaces (locations, studios …), each drawn with its own marker colour.
// Popups are built with DOM text nodes, never innerHTML, so names typed by fixers cannot
// inject markup. Without tiles (offline, tests) the markers still draw on a plain background.
// When loaded, the element gets data-loaded="1" and data-markers="<count>".
(function () {
  "use strict";
  var JAPAN = [[24.0, 122.9], [45.6, 146.0]];

  // Japanese pages lead with the Japanese name, as the cards do.
  var JAPANESE_FIRST = (document.documentElement.lang || "").indexOf("ja") === 0;

  function popupFor(props, statusLabels) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var first = JAPANESE_FIRST ? (props.name_ja || props.name) : (props.name || props.name_ja);
    var second = JAPANESE_FIRST ? props.name : props.name_ja;
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = first || "";
    if (first === props.name_ja) { link.lang = "ja"; }
    box.appendChild(link);
    if (second && second !== first) {
      var other = document.createElement("div");
      if (second === props.name_ja) { other.lang = "ja"; }
      other.textContent = second;
      box.appendChild(other);
    }
    var extra = [props.summary || props.category, props.prefecture].filter(Boolean).join(" · ");
    if (typeof props.distance_km === "number") {
      extra += (extra ? " · " : "") + props.distance_km.toFixed(1) + " km";
    }
    if (extra) {
      var small = document.createElement("div");
      small.className = "muted";
      small.textContent = extra;
      box.appendChild(small);
    }
    if (props.status) {
      var badge = document.createElement("span");
      badge.className = "badge badge-" + props.status;
      badge.textContent = statusLabels[props.status] || props.status;
      box.appendChild(badge);
    }
    return box;
  }

  function iconFor(layerIndex, isCurrent) {
    var classes = "marker-layer-" + layerIndex + (isCurrent ? " marker-current" : "");
    return new L.Icon.Default({ className: classes });
  }

  function markersFrom(data, layerIndex, currentUrl, statusLabels) {
    var markers = [];
    var current = null;
    (data.features || []).forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry || geometry.type !== "Point") { return; }
      var props = feature.properties || {};
      var isCurrent = Boolean(currentUrl) && props.url === currentUrl;
      var marker = L.marker([geometry.coordinates[1], geometry.coordinates[0]], {
        keyboard: true,
        title: props.name || props.name_ja || "",
        alt: props.name || props.name_ja || "",
        icon: iconFor(layerIndex, isCurrent),
        zIndexOffset: isCurrent ? 1000 : 0
      });
      // Popups are built when opened: a map of 100,000 places builds none up front.
      marker.bindPopup(function () { return popupFor(props, statusLabels); });
      if (isCurrent) { current = marker; } else { markers.push(marker); }
    });
    return { markers: markers, current: current };
  }

  function fetchCollection(url) {
    return fetch(url, { headers: { "Accept": "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        // An invalid filter answers 400 with an empty collection: draw nothing, stay usable.
        return response.json().catch(function () { return { features: [] }; });
      });
  }

  function initMap(el) {
    if (el.dataset.ready || typeof L === "undefined") { return; }
    el.dataset.ready = "1";
    // maxZoom on the map itself: markercluster needs it, and without tiles no layer sets it.
    var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.5, maxZoom: 19 });
    el._rokehanMap = map;
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
    var urls = (el.dataset.geojsonUrl || "").split(/\s+/).filter(Boolean);
    if (!urls.length) { el.dataset.loaded = "0"; el.dataset.markers = "0"; return; }
    var currentUrl = el.dataset.currentUrl || "";
    // Staff see drafts on the map, badged in the page's language (translated in map.html).
    var statusLabels = { draft: el.dataset.labelDraft, review: el.dataset.labelReview };
    var cluster = L.markerClusterGroup({
      chunkedLoading: true,
      showCoverageOnHover: false,
      maxClusterRadius: 50
    });
    map.addLayer(cluster);
    Promise.all(urls.map(fetchCollection))
      .then(function (collections) {
        if (!el.isConnected || el._rokehanMap !== map) { return; }  // swapped out meanwhile
        var count = 0;
        var current = null;
        collections.forEach(function (data, index) {
          var built = markersFrom(data, index, currentUrl, statusLabels);
          cluster.addLayers(built.markers);
          count += built.markers.length;
          if (built.current) {
            // The page's own place stays outside the clusters, always visible.
            current = built.current.addTo(map);
            count += 1;
          }
        });
        var bounds = cluster.getLayers().length ? cluster.getBounds() : null;
        if (bounds && current) {
          // A place and its neighbours: show them all, never closer than the page asked.
          bounds.extend(current.getLatLng());
          map.fitBounds(bounds, {
            maxZoom: Number(el.dataset.zoom || 14), padding: [40, 40], animate: false
          });
        } else if (bounds && !el.dataset.center) {
          map.fitBounds(bounds, { maxZoom: 14, padding: [40, 40], animate: false });
        }
        // A zoom re-clusters the markers over ~200 ms, replacing their elements: say the map
        // is ready (data-loaded, data-markers) only once they have settled, so a click lands.
        var settled = function () {
          el.dataset.markers = String(count);
          el.dataset.loaded = "1";
        };
        if (cluster._inZoomAnimation) { cluster.once("animationend", settled); } else { settled(); }
      })
      .catch(function () { el.dataset.loaded = "error"; });
  }

  function initAll(root) {
    var scope = root || document;
    if (scope.matches && scope.matches(".map")) { initMap(scope); }
    scope.querySelectorAll(".map").forEach(initMap);
  }
  // htmx keeps a copy of the page for the back button: save maps as empty containers
  // (a copied Leaflet map is dead markup whose style attributes the CSP would refuse) and
  // draw them again when the page comes back. The map object is dropped, not remove()d:
  // the content is about to be swapped out, and remove() during a zoom animation throws.
  function resetAll() {
    document.querySelectorAll(".map").forEach(function (el) {
      el._rokehanMap = null;
      el.replaceChildren();
      el.removeAttribute("style");
      el.removeAttribute("tabindex");
      Array.prototype.slice.call(el.classList).forEach(function (name) {
        if (name.indexOf("leaflet-") === 0) { el.classList.remove(name); }
      });
      delete el.dataset.ready;
      delete el.dataset.loaded;
      delete el.dataset.markers;
    });
  }

  document.addEventListener("DOMContentLoaded", function () { initAll(document); });
  // Results swapped in by htmx bring their own map container.
  document.addEventListener("htmx:afterSettle", function (e) { initAll(e.target); });
  document.addEventListener("htmx:beforeHistorySave", resetAll);
  document.addEventListener("htmx:historyRestore", function () { initAll(document); });
  window.Rokehan = window.Rokehan || {};
  window.Rokehan.initMaps = initAll;
})();
