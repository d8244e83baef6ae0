/* Welcome Atlas home map (geo/maps/home_map.py): the browser half.
 *
 * The tract outlines arrive once by URL (folium GeoJson, embed=False; the file is TopoJSON,
 * turned into GeoJSON features by topojson-client) and the sites once per database version
 * (a small file of positions and colours, and their words in a second file fetched when a
 * person first touches the map or a pin, or searches); AtlasMap.apply(state) then recolours
 * tracts, outlines the ones meeting the thresholds, shows the matching sites, resizes the
 * catchment rings and replaces the legend: a filter click sends a few kilobytes and never
 * redraws the map.
 * Everything a person typed is escaped before it becomes HTML (names, services).
 */
(function () {
  "use strict";
  var A = (window.AtlasMap = {});
  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
              "`": "&#96;", "$": "&#36;", "\\": "&#92;" };
  var HIGHLIGHT = "#d6007e";
  var map = null, tractLayer = null, basemap = null, tracts = [], loaded = false, state = null;
  var cluster = null, outline = null, rings = [], ringLayer = null, branchLayer = null;
  var control = null, legendDiv = null, progress = null;
  var sites = { url: null, data: null, markers: [], loading: null }, waiting = [];
  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /* A city-scale map (drawn on a canvas: folium's preferCanvas) places everything with
     left/top instead of 3D transforms: each of its hundreds of cluster and branch icons was
     a compositing layer of its own, and every repaint after a filter change layerized them
     all again (a quarter of Chromium's work per change at NYC scale). Zoom then jumps
     instead of gliding. Must run before the map is made: Leaflet reads it once. */
  var makeMap = window.L && L.Map.prototype.initialize;
  if (makeMap) L.Map.prototype.initialize = function (id, options) {
    if (options && options.preferCanvas) L.Browser.any3d = false;
    return makeMap.call(this, id, options);
  };

  /* folium loads GeoJson(embed=False) with a synchronous request: make ours asynchronous,
     so the page (and the progress note) stays alive while a big study area loads, and read
     the TopoJSON file into the GeoJSON features folium adds. */
  if (window.jQuery) {
    window.jQuery.ajaxPrefilter("json", function (options, original, xhr) {
      if (!/\/generated\/tracts-/.test(options.url)) return;
      options.async = true;
      options.converters = window.jQuery.extend({}, options.converters, {
        "text json": function (text) { return topologyFeatures(JSON.parse(text)); } });
      xhr.done(function () { mark("tracts-fetched"); setTimeout(A.tractsLoaded, 0); });  // after folium's addData
      xhr.fail(function () { A.tractsFailed(xhr.status); });
    });
  }

  /* The interface language's words for the map's own text (state.words: English -> shown;
     only those that differ are sent). Data (names, places) never goes through it. */
  var initWords = {};  // the words of the map's script (notes shown before any state)
  function w(text) { return (state && state.words && state.words[text]) || initWords[text] || text; }
  function fill(text, field, value) { return text.replace(field, function () { return value; }); }
  /* A site's services or languages (sent joined by ", ") in the interface language's words,
     listed as it lists them: state.lists holds its CLDR patterns (、 in Chinese, و in Arabic). */
  function wList(text) {
    var items = String(text || "").split(", ").filter(Boolean).map(w);
    var p = (state && state.lists) || {}, last = items.length - 1;
    function put(pattern, a, b) {  // "{0}、{1}": split on the pattern, never on a name
      var halves = (pattern || "{0}, {1}").split("{1}");
      return halves[0].split("{0}").join(a) + b + (halves[1] || "");
    }
    if (last < 1) return items.join("");
    if (last === 1) return put(p["2"], items[0], items[1]);
    var out = put(p.end, items[last - 1], items[last]);
    for (var i = last - 2; i >= 1; i--) out = put(p.middle, items[i], out);
    return put(p.start, items[0], out);
  }

  /* Performance marks (bench/browser.py reads them): where a first load spends its time. */
  function mark(name) { if (window.performance && performance.mark) performance.mark("atlas:" + name); }

  A.escape = function (text) {
    return String(text == null ? "" : text).replace(/[&<>"'`$\\]/g, function (c) { return ESC[c]; });
  };

  /* A marker Leaflet makes focusable (role=button) needs an accessible name (axe
     aria-command-name): wrap the icon so its element carries aria-label. setAttribute
     takes text, never HTML, so a typed name cannot become markup. */
  function named(icon, label) {
    var create = icon.createIcon;
    icon.createIcon = function (old) {
      var el = create.call(icon, old);
      el.setAttribute("aria-label", label);
      return el;
    };
    return icon;
  }

  /* The text of the first <b> of a tooltip built and escaped on the server: the name.
     DOMParser neither runs scripts nor loads anything. */
  function plainName(html) {
    var b = new DOMParser().parseFromString(html, "text/html").querySelector("b");
    return b ? b.textContent : "";
  }

  function note(text) {
    if (!progress) {
      progress = L.control({ position: "topright" });
      progress.onAdd = function () {
        var div = L.DomUtil.create("div", "atlas-progress");
        div.style.cssText = "background:#fff;padding:6px 10px;border-radius:4px;" +
          "font:600 13px var(--atlas-font,sans-serif);box-shadow:0 0 6px rgba(0,0,0,.3)";
        return div;
      };
      progress.addTo(map);
    }
    progress.getContainer().textContent = text;
  }

  function clearNote() {
    if (progress) { map.removeControl(progress); progress = null; }
  }

  function drawBasemap(data) {
    var group = L.featureGroup();
    L.geoJSON(data.features, { interactive: false, style: function (f) { return f.properties.style; } }).addTo(group);
    data.labels.forEach(function (p) {  // p[2]: escaped on the server
      var html = '<div style="font:italic 600 12px var(--atlas-font,sans-serif);color:#444;white-space:nowrap;' +
        'text-shadow:0 0 3px #fff,0 0 3px #fff">' + p[2] + "</div>";
      L.marker([p[0], p[1]], { interactive: false, keyboard: false, icon: L.divIcon({ html: html, iconSize: [0, 0], className: "" }) }).addTo(group);
    });
    return group.addTo(map);
  }

  function branchCluster(c) {  // dark blue with a book: not to be confused with organizations
    return named(L.divIcon({ className: "", iconSize: L.point(34, 34), html:
      '<div style="background:#0b3d91;color:#fff;border:2px solid #fff;border-radius:50%;width:34px;' +
      'height:34px;line-height:30px;text-align:center;font:600 11px var(--atlas-font,sans-serif)">' +
      '<i class="fa fa-book" aria-hidden="true"></i> ' + c.getChildCount() + "</div>" }),
      w("{count} library branches").replace("{count}", c.getChildCount()));
  }

  function siteCluster(c) {
    return named(L.MarkerClusterGroup.prototype._defaultIconCreateFunction(c),
      w("{count} organization sites").replace("{count}", c.getChildCount()));
  }

  function drawPlaces(cfg) {
    basemap = cfg.basemap ? drawBasemap(cfg.basemap) : null;  // above the tracts: the river shows
    cfg.branches.forEach(function (b) {
      var icon = named(L.AwesomeMarkers.icon({ icon: "book", prefix: "fa", markerColor: "darkblue", iconColor: "white" }),
        w("Library branch: {name}").replace("{name}", function () { return plainName(b[2]); }));
      L.marker([b[0], b[1]], { icon: icon }).bindTooltip(b[2]).addTo(branchLayer);  // b[2]: escaped HTML
      rings.push(L.circle([b[0], b[1]], { radius: state ? state.radius_m : 1000, color: "#08306b",
        weight: 1.5, fill: true, fillOpacity: 0.04, dashArray: "6 4", interactive: false }).addTo(ringLayer));
    });
    if (state) nameLayers();
  }

  var wantDetails = false;
  function wanted() {
    wantDetails = true;
    if (sites.data && !sites.details) loadDetails().catch(function () {});
  }

  A.init = function (m, layer, cfg) {
    mark("init");
    map = m; tractLayer = layer; tracts = []; loaded = false; rings = [];
    initWords = cfg.words || {};
    note(cfg.loading);
    outline = L.layerGroup().addTo(map);
    ringLayer = L.layerGroup().addTo(map);
    branchLayer = cfg.clusterBranches ? L.markerClusterGroup({ maxClusterRadius: 30, iconCreateFunction: branchCluster })
      : L.featureGroup();
    if (cfg.places) {
      fetch(cfg.places).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(drawPlaces)
        .catch(function (err) { note(fill(w("The branches could not be loaded ({error})."), "{error}", err.message)); });
    } else {
      drawPlaces(cfg);
    }
    branchLayer.addTo(map);
    cluster = L.markerClusterGroup({ disableClusteringAtZoom: 16, maxClusterRadius: 40, chunkedLoading: true,
      iconCreateFunction: siteCluster });
    cluster.addTo(map);
    var legend = L.control({ position: "bottomright" });
    legend.onAdd = function () { legendDiv = L.DomUtil.create("div", "welcome-atlas-legend"); return legendDiv; };
    legend.addTo(map);
    control = L.control.layers(null, null, { collapsed: true, position: "topleft" }).addTo(map);
    // The sites' words once a person touches the map: by the time a pin is hovered or
    // tapped (a cluster's click zooms first), they are in.
    ["pointerdown", "keydown", "touchstart"].forEach(function (type) {
      map.getContainer().addEventListener(type, wanted, { once: true, passive: true });
    });
    A.map = map; A.cluster = cluster;
    keyboard();
  };

  /* ---- tracts ---- */
  /* The outlines file (geo/maps/tract_file.py): standard TopoJSON, read by topojson-client
     (loaded before this file; each geometry's id is its GEOID), plus the tracts' names
     packed in geometry order. A tract's position i is its place in every state (codes,
     estimates). */
  function topologyFeatures(topo) {
    var names = topo.names, collection = topojson.feature(topo, topo.objects.tracts);
    collection.features.forEach(function (f, i) {
      f.properties = { i: i, n: names.p + names.h[i] + names.t[names.k[i]] };
    });
    return collection;
  }

  function family(ch) {
    var c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) return ["0", c - 48];
    if (c >= 65 && c <= 74) return ["A", c - 65];
    if (c >= 97 && c <= 106) return ["a", c - 97];
    if (c >= 107 && c <= 116) return ["k", c - 107];
    return ["-", -1];
  }

  function tractStyle(i) {
    var f = family(state ? state.codes.charAt(i) || "-" : "-");
    var colours = state ? state.colours : ["#d9d9d9"];
    var faded = f[0] === "a";
    return { fillColor: f[1] < 0 ? colours[colours.length - 1] : colours[f[1]], color: "#555555",
             weight: 0.6, fillOpacity: faded ? 0.3 : 0.75, dashArray: faded ? "3 3" : null };
  }

  /* A number as the interface language writes it (state.numbers, from Babel on the server,
     as the page's own figures): group and decimal symbols, a percent sign's place. */
  function number(v, decimals) {
    var f = state.numbers || {}, parts = Math.abs(v).toFixed(decimals).split(".");
    var whole = parts[0].length > 3 + (f.min || 1) - 1 ?
      parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, f.group == null ? "," : f.group) : parts[0];
    return (v < 0 ? "-" : "") + whole + (parts[1] ? (f.decimal || ".") + parts[1] : "");
  }

  /* A figure isolated left to right (U+2066...U+2069), so an Arabic tooltip shows "34.8%"
     whole instead of "%34.8"; the isolates are invisible in every other language. */
  function value(v) {
    if (v == null) return w("not available");
    if (state.kind !== "share") return "\u2066" + number(v, 0) + "\u2069";
    var pct = A.escape((state.numbers && state.numbers.percent) || "{}%");
    return "\u2066" + pct.replace("{}", number(v / 10, 1)) + "\u2069";
  }

  function tractTip(layer) {
    var i = layer.feature.properties.i;
    // <bdi>: the tract's name and code keep their own order in a right-to-left tooltip
    var lines = ["<bdi><b>" + A.escape(layer.feature.properties.n) + "</b> [" + A.escape(layer.feature.id) + "]</bdi>"];
    if (!state) return lines[0];
    lines.push(state.label + ": <b>" + value(state.estimates[i]) + "</b>");  // label: escaped
    if (state.estimates[i] != null) {
      if (state.moes[i] != null) lines.push("± " + value(state.moes[i]) + " " + w("(90% margin of error)"));
      lines.push(state.reliability[family(state.codes.charAt(i))[0]] || "");
    }
    if (state.numbers && state.numbers.rtl)  // Arabic: the lines read from the right
      return '<div dir="rtl" style="text-align:right">' + lines.join("<br>") + "</div>";
    return lines.join("<br>");
  }

  function showTip(layer, tip, e) {
    if (layer.getTooltip()) { layer.setTooltipContent(tip); return; }
    layer.bindTooltip(tip, { sticky: true });  // a string: streamlit-folium reads it on click
    if (e && e.latlng) layer.openTooltip(e.latlng);
  }

  A.tractFeature = function (feature, layer) {
    var i = feature.properties.i;
    tracts[i] = layer;
    layer.setStyle(tractStyle(i));
    layer.on({
      mouseover: function (e) { showTip(layer, tractTip(layer), e); layer.setStyle({ weight: 2.5, color: "#000000" }); },
      mouseout: function () { layer.setStyle(tractStyle(i)); },
      click: function () { showTip(layer, tractTip(layer)); }
    });
  };

  /* A promise of ``value`` once the tracts are drawn (or could not be loaded). */
  function afterTracts(value) {
    if (loaded) return Promise.resolve(value);
    return new Promise(function (resolve) { waiting.push(function () { resolve(value); }); });
  }

  function releaseWaiting() {
    var queue = waiting;
    waiting = [];
    queue.forEach(function (fn) { fn(); });
  }

  A.tractsLoaded = function () {
    mark("tracts-drawn");
    // after the next paint: when a person sees them (bench/browser.py times the first map by it)
    requestAnimationFrame(function () { setTimeout(function () { mark("tracts-painted"); }, 0); });
    loaded = true;
    releaseWaiting();
    clearNote();
    drawOutline();
  };

  /* How many tracts the map holds (tests and bench/: SVG paths or one canvas alike). */
  A.tractCount = function () {
    var k = 0;
    tracts.forEach(function (t) { if (t) k += 1; });
    return loaded ? k : 0;
  };

  A.tractsFailed = function (status) {
    loaded = true;  // nothing to wait for any more: the sites still show
    releaseWaiting();
    note(fill(w("The tract outlines could not be loaded ({status}). Reload the page."), "{status}", status));
  };

  function drawOutline() {
    outline.clearLayers();
    if (!state || !loaded || !state.highlight.length) return;
    var features = state.highlight.map(function (i) { return tracts[i] && tracts[i].feature; }).filter(Boolean);
    outline.addLayer(L.geoJSON(features, { style: { fill: false, color: HIGHLIGHT, weight: 3 }, interactive: false }));
  }

  /* ---- sites (organization locations) ---- */
  /* The sites file (geo/maps/sites.py): per site, latitude and longitude as w base-64
     digits each (steps of g degrees from y0, x0), and a category character. */
  function unpackSites(data) {
    var n = data.c.length, w = data.w, p = data.p, code = new Int8Array(128), k;
    var lat = new Float64Array(n), lon = new Float64Array(n);
    for (k = 0; k < 64; k++) code[B64.charCodeAt(k)] = k;
    function number(at) {
      var v = 0;
      for (var j = 0; j < w; j++) v = v * 64 + code[p.charCodeAt(at + j)];
      return v;
    }
    for (var i = 0; i < n; i++) {
      lat[i] = (data.y0 + number(2 * w * i)) * data.g;
      lon[i] = (data.x0 + number(2 * w * i + w)) * data.g;
    }
    return { n: n, lat: lat, lon: lon, c: data.c, k: data.k, details: data.d };
  }

  /* The sites' words (keys, names, places, services, languages): a second file, fetched
     once on demand. Resolves to them; never to another database version's words. */
  function loadDetails() {
    var current = sites;
    if (!current.data) return Promise.reject(new Error("no sites"));
    if (!current.details) {
      current.details = fetch(current.data.details).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (info) {
        current.info = info;
        mark("details-fetched");
        return info;
      }).catch(function (err) {
        current.details = null;  // the next hover tries again
        note(fill(w("The organizations could not be loaded ({error})."), "{error}", err.message));
        throw err;
      });
    }
    return current.details;
  }

  /* Run fn once the words are in (at once when they are), unless the sites changed. */
  function withDetails(fn) {
    var current = sites;
    if (current.info) { fn(); return; }
    loadDetails().then(function () { if (sites === current) fn(); }, function () {});
  }

  function siteTip(i) {
    var d = sites.info;
    return "<b>" + A.escape(d.n[i]) + "</b> [" + A.escape(d.id[i]) + "]<br>" +
      (d.a && d.a[i] ? A.escape(d.a[i]) + "<br>" : "") + A.escape(wList(d.s[i])) +
      "<br>" + A.escape(w("Languages:")) + " " + (A.escape(wList(d.l[i])) || "—");
  }

  function siteMarker(i) {
    var m = sites.markers[i];
    if (m) return m;
    var d = sites.data, colour = d.k[d.c.charCodeAt(i) - 48] || "#333333";
    m = L.circleMarker([d.lat[i], d.lon[i]], { radius: 7, color: "#222222", weight: 1, fillColor: colour, fillOpacity: 0.9 });
    m.siteIndex = i;
    m.on("mouseover", function (e) {
      m.hovered = true;
      withDetails(function () { if (m.hovered) showTip(m, siteTip(i), e); });
    });
    m.on("mouseout", function () { m.hovered = false; });
    m.on("click", function () {
      withDetails(function () {
        showTip(m, siteTip(i));
        m.closeTooltip();
        if (!m.getPopup()) { m.bindPopup(siteTip(i)); m.openPopup(); }
      });
    });
    sites.markers[i] = m;
    return m;
  }

  /* Show the sites of the state's mask. The cluster is changed by the difference when
     that is smaller than what it will hold (a filter narrowing 10,000 sites to 9,000),
     and rebuilt otherwise: re-clustering every site costs most of a filter click. */
  function showSites() {
    if (!state || !sites.data || state.sites_url !== sites.url) return;
    var n = sites.data.n, bits = state.sites_mask ? atob(state.sites_mask) : null;
    var want = new Uint8Array(n), had = sites.shown, count = 0, changes = 0, i;
    for (i = 0; i < n; i++) {
      want[i] = !bits || (bits.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1 ? 1 : 0;
      count += want[i];
      if (had && want[i] !== had[i]) changes += 1;
    }
    if (had && changes <= count) {
      var add = [], remove = [];
      for (i = 0; i < n; i++) {
        if (want[i] && !had[i]) add.push(siteMarker(i));
        else if (!want[i] && had[i]) remove.push(sites.markers[i]);
      }
      if (remove.length) cluster.removeLayers(remove);
      if (add.length) cluster.addLayers(add);
    } else {
      var shown = [];
      for (i = 0; i < n; i++) if (want[i]) shown.push(siteMarker(i));
      cluster.clearLayers();
      cluster.addLayers(shown);
    }
    sites.shown = want;
    mark("sites-shown");
  }

  function loadSites(url) {
    if (sites.url === url) { showSites(); return; }
    if (sites.loading === url) return;
    sites.loading = url;
    fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return afterTracts(r);  // the tracts first: reading 10,000 sites would delay them
    }).then(function (r) {
      return r.json();
    }).then(function (data) {
      if (sites.loading !== url) return;
      mark("sites-fetched");
      data = unpackSites(data);
      sites = { url: url, data: data, markers: new Array(data.n), loading: null, shown: null,
                details: null, info: null };
      if (wantDetails) loadDetails().catch(function () {});
      showSites();
    }).catch(function (err) { note(fill(w("The organizations could not be loaded ({error})."), "{error}", err.message)); });
  }

  /* A promise of the sites the map shows now, [{id, name}], as the layer table lists
     them (tests): the names come with the words file. */
  A.shownSites = function () {
    if (!sites.data) return Promise.resolve([]);
    return loadDetails().then(function (d) {
      return cluster.getLayers().map(function (m) { return { id: d.id[m.siteIndex], name: d.n[m.siteIndex] }; });
    });
  };

  /* The pin of the first site whose organization's name holds text; null until the words
     are in (a first call fetches them: tests and bench/ poll it). */
  A.findSite = function (text) {
    if (!sites.data) return null;
    if (!sites.info) { loadDetails().catch(function () {}); return null; }
    for (var i = 0; i < sites.data.n; i++) {
      if (String(sites.info.n[i]).indexOf(text) >= 0) return siteMarker(i);
    }
    return null;
  };

  /* ---- the per-filter state ---- */
  function nameLayers() {
    var names = state.layer_names, layers = [
      [tractLayer, names.tracts], [basemap, names.basemap], [outline, names.highlight],
      [ringLayer, names.rings], [branchLayer, names.branches], [cluster, names.sites]];
    layers.forEach(function (pair) { if (pair[0]) control.removeLayer(pair[0]); });
    layers.forEach(function (pair) { if (pair[0] && pair[1]) control.addOverlay(pair[0], pair[1]); });
  }

  A.applied = 0;  // how many states were applied: tests and bench/ wait on it

  /* Whether field of the states a and b differs (arrays and objects compared as JSON). */
  function changed(a, b, field) {
    if (!a) return true;
    var x = a[field], y = b[field];
    return x !== y && (typeof x !== "object" || JSON.stringify(x) !== JSON.stringify(y));
  }

  /* Apply a new state, doing only the work its changes need: a language or service click
     changes the sites alone, so the 2,324 tracts are not restyled and the canvas not
     redrawn; a radius change moves the rings alone; the legend and the layer control are
     rebuilt only when their text changed (each costs a DOM rebuild and a layout). */
  A.apply = function (s) {
    var old = state;
    var sameSites = old && sites.data && old.sites_url === s.sites_url &&
      old.sites_mask === s.sites_mask;
    state = s;
    if (changed(old, s, "codes") || changed(old, s, "colours")) {
      for (var i = 0; i < tracts.length; i++) if (tracts[i]) tracts[i].setStyle(tractStyle(i));
    }
    if (changed(old, s, "highlight")) drawOutline();
    if (changed(old, s, "radius_m")) rings.forEach(function (r) { r.setRadius(s.radius_m); });
    if (legendDiv && changed(old, s, "legend")) legendDiv.innerHTML = s.legend;  // escaped on the server
    if (changed(old, s, "layer_names")) nameLayers();
    // The same sites as before (a new indicator, class breaks, radius): the cluster stays.
    if (!sameSites) {
      if (s.sites_url) { loadSites(s.sites_url); } else { cluster.clearLayers(); sites.shown = null; }
    }
    A.applied += 1;  // after the work: a test or bench/ waiting on it sees the new map
  };

  /* ---- the keyboard (issue 15) ----
     Sites are circles Leaflet does not make focusable (one DOM element per pin would not
     scale to a city), so the map walks them itself: N / Shift+N (or the button) select the
     next / previous site in the current view, in name order, open its popup and say it in
     a live region; Escape closes the popup. A frame shows when the map has the keyboard. */
  var walk = { at: -1, ring: null, said: null };
  var KEYS_CSS =
    ".atlas-focus-frame{display:none;position:absolute;inset:0;z-index:1000;pointer-events:none;" +
    "border:4px solid #0b3d91;box-shadow:inset 0 0 0 2px #fff}" +
    ".leaflet-container:focus-visible>.atlas-focus-frame,.leaflet-container.atlas-keys:focus>.atlas-focus-frame{display:block}" +
    ".leaflet-container:focus{outline:none}" +
    ".atlas-next{font:600 13px var(--atlas-font,sans-serif);padding:5px 9px;background:#fff;color:#0b3d91;" +
    "border:2px solid #0b3d91;border-radius:4px;cursor:pointer}" +
    ".atlas-next:focus-visible{outline:3px solid #d6007e;outline-offset:2px}" +
    ".atlas-said{max-width:340px;background:#fff;color:#111;font:13px/1.35 var(--atlas-font,sans-serif);padding:6px 9px;" +
    "border-radius:4px;box-shadow:0 0 6px rgba(0,0,0,.35)}" +
    ".atlas-said:empty{padding:0;box-shadow:none}" +
    ".atlas-said:not(:empty){margin-bottom:6px}" +
    ".atlas-walk-popup .leaflet-popup-content{font:13px/1.4 var(--atlas-font,sans-serif);margin:10px 14px}" +
    ".atlas-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    ".atlas-selected{border:3px solid #d6007e;border-radius:50%;box-shadow:0 0 0 2px #fff,inset 0 0 0 2px #fff}";

  function keyboard() {
    var container = map.getContainer(), hint = w("N: next site in view, Shift+N: previous, Escape: close");
    var style = document.createElement("style");
    style.textContent = KEYS_CSS;
    document.head.appendChild(style);
    L.DomUtil.create("div", "atlas-focus-frame", container);
    var help = L.DomUtil.create("span", "atlas-hidden", container);  // read after the name
    help.id = "atlas-keys-help";
    help.textContent = hint;
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", w("Asset map"));
    container.setAttribute("aria-describedby", help.id);
    container.setAttribute("aria-keyshortcuts", "N Shift+N Escape");
    var box = L.control({ position: "bottomleft" });  // the top left holds zoom and layers
    box.onAdd = function () {
      var div = L.DomUtil.create("div", "atlas-walk");
      walk.said = L.DomUtil.create("div", "atlas-said", div);
      walk.said.setAttribute("role", "status");
      walk.said.setAttribute("aria-live", "polite");
      div.dir = "auto";  // Arabic reads right to left, names keep their own direction
      var el = L.DomUtil.create("button", "atlas-next", div);
      el.type = "button";
      el.textContent = w("Next site in view");
      el.title = hint;
      el.setAttribute("aria-keyshortcuts", "N Shift+N");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      L.DomEvent.on(el, "click", function (e) { L.DomEvent.stop(e); A.nextSite(e.shiftKey ? -1 : 1); });
      return div;
    };
    box.addTo(map);
    container.addEventListener("keydown", onKey);
    container.addEventListener("pointerdown", function () { L.DomUtil.removeClass(container, "atlas-keys"); });
  }

  function onKey(e) {
    var container = map.getContainer();
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    L.DomUtil.addClass(container, "atlas-keys");
    var tag = (e.target && e.target.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;  // the layers box's checkboxes
    if (e.key === "n" || e.key === "N") {
      e.preventDefault();
      A.nextSite(e.shiftKey ? -1 : 1);
    } else if (e.key === "Escape" && map._popup && map._popup.isOpen()) {
      var inside = map._popup.getElement() && map._popup.getElement().contains(document.activeElement);
      map.closePopup();
      if (inside) container.focus();  // the focus never falls out of the map
      e.preventDefault();
      e.stopPropagation();
    }
  }

  function say(text) {
    if (!walk.said) return;
    walk.said.textContent = "";  // the same words again are announced again
    setTimeout(function () { walk.said.textContent = text; }, 60);
  }

  /* The shown sites inside the current view, in name order (ties by position in the file). */
  function sitesInView() {
    var view = map.getBounds(), names = sites.info.n, list = [];
    cluster.getLayers().forEach(function (m) { if (view.contains(m.getLatLng())) list.push(m.siteIndex); });
    return list.sort(function (a, b) { return String(names[a]).localeCompare(String(names[b])) || a - b; });
  }

  function isolate(text) { return "\u2068" + text + "\u2069"; }  // keeps a name's own direction

  function siteWords(i, number, count) {
    var d = sites.info, words = [fill(fill(fill(w("Site {number} of {count} in view: {name}"),
      "{number}", number), "{count}", count), "{name}", isolate(d.n[i]))];
    if (d.a && d.a[i]) words.push(isolate(d.a[i]));
    words.push(fill(w("Services: {services}"), "{services}", wList(d.s[i]) || "—"));
    words.push(w("Languages:") + " " + (wList(d.l[i]) || "—"));
    return words.join(". ");
  }

  /* Select the site ``step`` places after (1) or before (-1) the selected one in the view. */
  A.nextSite = function (step) {
    if (!sites.data) { say(w("The organizations are still loading.")); return; }
    if (!sites.info) say(w("The organizations are still loading."));
    withDetails(function () {
      var list = sitesInView(), at = list.indexOf(walk.at);
      if (!list.length) { say(w("No organization site in this view. Zoom out or move the map.")); return; }
      var k = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
      selectSite(list[k], k + 1, list.length);
    });
  };

  function selectSite(i, number, count) {
    var latlng = L.latLng(sites.data.lat[i], sites.data.lon[i]);
    walk.at = i;
    if (walk.ring) map.removeLayer(walk.ring);
    walk.ring = L.marker(latlng, { interactive: false, keyboard: false, zIndexOffset: 10000,
      icon: L.divIcon({ className: "atlas-selected", iconSize: [26, 26] }) }).addTo(map);
    // Narrow, and panned clear of the zoom buttons (top left), the legend (bottom right) and
    // the announcement with its button (bottom left).
    var right = legendDiv ? legendDiv.offsetWidth + 16 : 16;
    L.popup({ maxWidth: 220, offset: L.point(0, -6), className: "atlas-walk-popup",
              autoPanPaddingTopLeft: L.point(56, 12), autoPanPaddingBottomRight: L.point(right, 130) })
      .setLatLng(latlng).setContent(siteTip(i)).openOn(map);  // siteTip escapes every word
    say(siteWords(i, number, count));
  }

  /* The selected site's index in the sites file, -1 before any (tests). */
  A.selectedSite = function () { return walk.at; };
})();
