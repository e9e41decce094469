// The incidents page's timeline and map. Data come from the desk's JSON API as the page's
// filters give them; text from the ledger is only ever set as textContent (inert).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // -- timeline: bars of the figure per bucket; drag across it to choose dates ------------
  function drawTimeline(box, data) {
    var buckets = data.buckets || [];
    box.textContent = "";
    box.dataset.buckets = String(buckets.length);
    if (!buckets.length) { box.textContent = "No dated incidents."; return; }
    var hasKilled = buckets.some(function (b) { return (b.figures.killed || 0) > 0; });
    var value = function (b) { return hasKilled ? (b.figures.killed || 0) : b.incidents; };
    var max = Math.max.apply(null, buckets.map(value).concat([1]));
    var width = box.clientWidth || 800, height = box.clientHeight || 110, pad = 16;
    var step = width / buckets.length;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, preserveAspectRatio: "none", role: "img" });
    svg.appendChild(el("title", {}, (hasKilled ? "killed (best estimates)" : "incidents") + " per " + data.by));
    buckets.forEach(function (b, i) {
      var h = (height - pad) * value(b) / max;
      var bar = el("rect", {
        "class": "bar" + (hasKilled ? " killed" : ""), x: i * step + 0.5, y: height - pad - h,
        width: Math.max(1, step - 1), height: h, "data-start": b.start, "data-end": b.end
      });
      bar.appendChild(el("title", {}, b.start + (b.end !== b.start ? " – " + b.end : "") + ": " +
        value(b) + (hasKilled ? " killed" : " incidents") + " in " + b.incidents + " incidents"));
      svg.appendChild(bar);
    });
    svg.appendChild(el("text", { "class": "axis", x: 2, y: height - 3 }, buckets[0].start));
    svg.appendChild(el("text", { "class": "axis", x: width - 2, y: height - 3, "text-anchor": "end" },
      buckets[buckets.length - 1].end));
    var selection = el("rect", { "class": "selection", x: 0, y: 0, width: 0, height: height - pad });
    selection.setAttribute("visibility", "hidden");
    svg.appendChild(selection);
    box.appendChild(svg);

    var startIndex = null;
    function indexAt(event) {
      var rect = svg.getBoundingClientRect();
      var x = (event.clientX - rect.left) * width / rect.width;
      return Math.max(0, Math.min(buckets.length - 1, Math.floor(x / step)));
    }
    function show(a, b) {
      var lo = Math.min(a, b), hi = Math.max(a, b);
      selection.setAttribute("x", lo * step);
      selection.setAttribute("width", (hi - lo + 1) * step);
      selection.setAttribute("visibility", "visible");
    }
    svg.addEventListener("mousedown", function (event) { event.preventDefault(); startIndex = indexAt(event); show(startIndex, startIndex); });
    svg.addEventListener("mousemove", function (event) { if (startIndex !== null) { show(startIndex, indexAt(event)); } });
    window.addEventListener("mouseup", function (event) {
      if (startIndex === null) { return; }
      var endIndex = indexAt(event), lo = Math.min(startIndex, endIndex), hi = Math.max(startIndex, endIndex);
      startIndex = null;
      var params = new URLSearchParams(window.location.search);
      params.set("since", buckets[lo].start);
      params.set("until", buckets[hi].end);
      params.delete("page");
      window.location.assign(window.location.pathname + "?" + params.toString());
    });
  }

  // -- map: marks that claim no more precision than their place --------------------------
  function popup(props) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(props.id);
    link.className = "popup-title";
    link.textContent = (props.place || "unnamed place") + (props.date ? " · " + props.date : "");
    box.appendChild(link);
    var line = document.createElement("div");
    line.textContent = (props.best === null ? "no figure" : props.best + " killed (best)") +
      (props.shape === "area" ? " · place known to about " + Math.round(props.radius_m / 1000) + " km" : "") +
      (props.grade ? " · " + props.grade : "") + (props.reviewed ? " · reviewed" : "");
    box.appendChild(line);
    return box;
  }

  function drawMap(box, status) {
    var map = L.map(box, { worldCopyJump: true, minZoom: 2, maxZoom: 14 }).setView([34, 40], 5);
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "", maxZoom: 18 }).addTo(map);
    }
    getJSON(box.dataset.world).then(function (world) {
      var borders = topojson.feature(world, world.objects.countries);
      L.geoJSON(borders, {
        style: { color: "#7d8a96", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: box.dataset.tiles ? 0 : 1 },
        interactive: false
      }).addTo(map).bringToBack();
    }).catch(function () { /* the marks still show without borders */ });
    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false,
      maxClusterRadius: 40,
      iconCreateFunction: function (cluster) {
        var sum = 0;
        cluster.getAllChildMarkers().forEach(function (m) { sum += m.options.best || 0; });
        var size = sum >= 1000 ? 48 : sum >= 100 ? 40 : 32;
        var label = document.createElement("span");
        label.textContent = String(sum || cluster.getChildCount());
        return L.divIcon({ html: label.outerHTML, className: "marker-cluster-sum", iconSize: [size, size] });
      }
    });
    map.addLayer(clusters);
    getJSON(box.dataset.api).then(function (data) {
      var bounds = [];
      data.features.forEach(function (f) {
        var p = f.properties, ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var best = p.best || 0, mark;
        if (p.shape === "point") {
          mark = L.circleMarker(ll, { radius: Math.min(40, 4 + 2.2 * Math.sqrt(best)), color: "#8a1c1c",
            weight: 1, fillOpacity: 0.55, best: best });
        } else {
          mark = L.circle(ll, { radius: p.radius_m, color: "#8a1c1c", weight: Math.min(6, 1 + Math.log(1 + best)),
            dashArray: "4 4", fillOpacity: 0.08, best: best });
        }
        mark.bindPopup(popup(p));
        mark.feature = f;
        clusters.addLayer(mark);
        bounds.push(ll);
      });
      box.dataset.marks = String(data.features.length);
      box.dataset.ready = "1";
      if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 9 }); }
      status.textContent = data.features.length + " of " + data.total + " incidents on the map" +
        (data.unmapped ? "; " + data.unmapped + " placed no finer than a region or country, or not placed, are not" : "") +
        (data.truncated ? "; only the largest " + data.features.length + " are drawn" : "") +
        ". Points are exact places; dashed circles are places known only to a district or province.";
    }).catch(function (err) { status.textContent = "The map could not load: " + err.message; box.dataset.ready = "error"; });
  }

  var timelineBox = document.getElementById("timeline");
  if (timelineBox) {
    getJSON(timelineBox.dataset.api).then(function (data) { drawTimeline(timelineBox, data); })
      .catch(function (err) { timelineBox.textContent = "The timeline could not load: " + err.message; });
  }
  var mapBox = document.getElementById("map");
  if (mapBox && window.L) { drawMap(mapBox, document.getElementById("map-status")); }
})();
