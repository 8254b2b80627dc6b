extension InteractiveMap {
  /// The map's script: plain ES2017 with no library, so the page works offline and in
  /// any current browser. Lines and areas are `Path2D`s in metres, built once and
  /// drawn under a transform; markers are drawn in pixels each frame so they keep their
  /// size. Pointer events give mouse, pen and touch one code path (pinch with two
  /// pointers); the keyboard zooms with + and − and pans with the arrows. A click searches the visible layers from the top for the nearest
  /// feature within a few pixels and lists its properties.
  package static let script = #"""
    (function () {
    "use strict";
    var root = document.getElementById("imap"), errors = document.getElementById("imap-errors");
    function fail(message) {
      errors.hidden = false;
      errors.textContent += "Map: " + message + "\n";
      root.setAttribute("data-error", "yes");
    }
    window.addEventListener("error", function (e) { fail(String(e.message)); });
    try { start(); } catch (e) { fail(String(e && e.stack || e)); }

    function start() {
      var data = JSON.parse(document.getElementById("imap-data").textContent);
      var canvas = document.getElementById("imap-canvas"), ctx = canvas.getContext("2d");
      var view = canvas.parentNode, info = document.getElementById("imap-info");
      var panel = document.getElementById("imap-layers");
      var MM = 2.6; // pixels per millimetre of the QGIS style's sizes
      var k = 1, tx = 0, ty = 0, dpr = 1, pending = false, selected = null;

      function decode(parts) {
        return parts.map(function (p) {
          var a = new Float64Array(p.length), x = 0, y = 0;
          for (var i = 0; i < p.length; i += 2) { x += p[i]; y += p[i + 1]; a[i] = x; a[i + 1] = y; }
          return a;
        });
      }
      function worldPath(parts, closed) {
        var path = new Path2D();
        parts.forEach(function (a) {
          path.moveTo(a[0], a[1]);
          for (var i = 2; i < a.length; i += 2) path.lineTo(a[i], a[i + 1]);
          if (closed) path.closePath();
        });
        return path;
      }

      var box = [Infinity, Infinity, -Infinity, -Infinity];
      var layers = data.layers.map(function (L) {
        var rules = L.rules.map(function (s) { return { symbol: s, on: L.name !== "cabinet_area", items: [] }; });
        var items = L.features.map(function (f, i) {
          var item = { layer: L, index: i, id: f[1] === null ? null : L.idPrefix + f[1], parts: decode(f[2]) };
          item.parts.forEach(function (a) {
            for (var j = 0; j < a.length; j += 2) {
              box[0] = Math.min(box[0], a[j]); box[1] = Math.min(box[1], a[j + 1]);
              box[2] = Math.max(box[2], a[j]); box[3] = Math.max(box[3], a[j + 1]);
            }
          });
          if (f[0] >= 0) rules[f[0]].items.push(item);
          return item;
        });
        if (L.ring) rules.push({ symbol: L.ring.symbol, on: true, items: L.ring.features.map(function (i) { return items[i]; }) });
        rules.forEach(function (r) {
          if (r.symbol.kind !== "marker") {
            r.path = new Path2D();
            r.items.forEach(function (it) { r.path.addPath(worldPath(it.parts, r.symbol.kind === "fill")); });
          }
        });
        return { data: L, rules: rules, items: items };
      });
      var background = data.background.map(function (b) {
        return { data: b, on: true, path: worldPath(decode(b.lines), b.name === "mb") };
      });
      var labels = { on: true };
      if (!(box[0] <= box[2])) box = [-500, -500, 500, 500];

      function size() {
        var w = view.clientWidth, h = view.clientHeight;
        dpr = window.devicePixelRatio || 1;
        var cw = Math.max(1, Math.round(w * dpr)), ch = Math.max(1, Math.round(h * dpr));
        if (canvas.width !== cw || canvas.height !== ch) { canvas.width = cw; canvas.height = ch; }
        return [w, h];
      }
      function fit() {
        var s = size(), dx = Math.max(box[2] - box[0], 100), dy = Math.max(box[3] - box[1], 100);
        k = Math.min(s[0] / dx, s[1] / dy) * 0.94;
        tx = s[0] / 2 - (box[0] + box[2]) / 2 * k;
        ty = s[1] / 2 + (box[1] + box[3]) / 2 * k;
      }
      function zoomAt(x, y, factor) {
        var nk = Math.min(Math.max(k * factor, 1e-4), 60);
        tx = x - (x - tx) * nk / k; ty = y - (y - ty) * nk / k; k = nk;
        schedule();
      }
      function schedule() {
        if (pending) return;
        pending = true;
        window.requestAnimationFrame(function () { pending = false; draw(); });
      }

      function stroke(path, colour, px, dashed) {
        ctx.setTransform(dpr * k, 0, 0, -dpr * k, dpr * tx, dpr * ty);
        ctx.lineWidth = px / k;
        ctx.setLineDash(dashed ? [5 / k, 4 / k] : []);
        ctx.strokeStyle = colour;
        ctx.stroke(path);
      }
      function fill(path, symbol) {
        ctx.setTransform(dpr * k, 0, 0, -dpr * k, dpr * tx, dpr * ty);
        ctx.globalAlpha = symbol.opacity;
        ctx.fillStyle = symbol.colour;
        ctx.fill(path, "evenodd");
        ctx.globalAlpha = 1;
        stroke(path, symbol.colour, symbol.size * MM, symbol.dashed);
      }
      // Buildings and closures shrink as the map zooms out (about 12 m across on the
      // ground), so a whole region stays a pattern of dots instead of a blot.
      function radius(layer, symbol) {
        var r = symbol.size * MM / 2;
        if (layer === "building" || layer === "splice_closure") r = Math.min(r, Math.max(r * 0.45, 6 * k));
        return r;
      }
      function markers(rule, layer, w, h) {
        var s = rule.symbol, r = radius(layer, s), path = new Path2D();
        rule.items.forEach(function (it) {
          var a = it.parts[0];
          if (!a) return;
          var x = tx + a[0] * k, y = ty - a[1] * k;
          if (x < -r || y < -r || x > w + r || y > h + r) return;
          if (s.shape === "square") path.rect(x - r, y - r, 2 * r, 2 * r);
          else if (s.shape === "diamond") { path.moveTo(x, y - r); path.lineTo(x + r, y); path.lineTo(x, y + r); path.lineTo(x - r, y); path.closePath(); }
          else if (s.shape === "triangle") { path.moveTo(x, y - r); path.lineTo(x + r, y + r); path.lineTo(x - r, y + r); path.closePath(); }
          else { path.moveTo(x + r, y); path.arc(x, y, r, 0, 2 * Math.PI); }
        });
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.setLineDash([]);
        if (s.shape === "ring") { ctx.lineWidth = 2; ctx.strokeStyle = s.colour; ctx.stroke(path); return; }
        ctx.fillStyle = s.colour; ctx.fill(path);
        if (r >= 3) { ctx.lineWidth = 0.8; ctx.strokeStyle = "#fff"; ctx.stroke(path); }
      }

      function draw() {
        var s = size(), w = s[0], h = s[1];
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.fillStyle = "#f5f3ee"; ctx.fillRect(0, 0, w, h);
        ctx.lineCap = "round"; ctx.lineJoin = "round";
        background.forEach(function (b) { if (b.on) stroke(b.path, b.data.colour, b.data.size * MM, b.data.dashed); });
        for (var l = layers.length - 1; l >= 0; l--) {
          layers[l].rules.forEach(function (r) {
            if (!r.on || r.items.length === 0) return;
            if (r.symbol.kind === "line") stroke(r.path, r.symbol.colour, r.symbol.size * MM, r.symbol.dashed);
            else if (r.symbol.kind === "fill") fill(r.path, r.symbol);
            else markers(r, layers[l].data.name, w, h);
          });
        }
        if (selected) highlight(selected, w, h);
        if (labels.on) drawLabels();
        scaleBar(w, h);
        root.setAttribute("data-scale", k.toPrecision(4));
      }
      function highlight(it, w, h) {
        var kind = it.layer.geometry;
        if (kind === "Point") {
          var a = it.parts[0];
          ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
          ctx.beginPath(); ctx.arc(tx + a[0] * k, ty - a[1] * k, 9, 0, 2 * Math.PI);
          ctx.setLineDash([]); ctx.lineWidth = 3; ctx.strokeStyle = "#fab005"; ctx.stroke();
        } else {
          stroke(worldPath(it.parts, kind === "Polygon"), "#fab005", 6, false);
        }
      }
      function drawLabels() {
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.font = "bold 14px DejaVu Sans, Helvetica, Arial, sans-serif";
        ctx.textAlign = "center"; ctx.lineWidth = 4; ctx.strokeStyle = "#fff"; ctx.fillStyle = "#5f3dc4";
        data.labels.forEach(function (m) {
          var x = tx + m[1] * k, y = ty - m[2] * k;
          ctx.strokeText(m[0], x, y); ctx.fillText(m[0], x, y);
        });
      }
      function scaleBar(w, h) {
        var target = 120 / k, p = Math.pow(10, Math.floor(Math.log(target) / Math.LN10)), m = p;
        [5, 2, 1].some(function (f) { if (f * p <= target) { m = f * p; return true; } return false; });
        var px = m * k, x = 14, y = h - 18;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.fillStyle = "rgba(255,255,255,.8)"; ctx.fillRect(x - 6, y - 20, px + 70, 30);
        ctx.fillStyle = "#222"; ctx.fillRect(x, y, px, 4);
        ctx.font = "12px DejaVu Sans, Helvetica, Arial, sans-serif"; ctx.textAlign = "left";
        ctx.fillText(m >= 1000 ? m / 1000 + " km" : m + " m", x, y - 6);
      }

      // Nearest visible feature to a pixel, searching layers from the top.
      function hit(x, y) {
        for (var l = 0; l < layers.length; l++) {
          var best = null, bestD = 7;
          layers[l].rules.forEach(function (r) {
            if (!r.on) return;
            var kind = layers[l].data.geometry;
            r.items.forEach(function (it) {
              var d = kind === "Point" ? pointDistance(it, x, y) : kind === "Line" ? lineDistance(it, x, y) : inside(it, x, y) ? 6.5 : Infinity;
              if (d < bestD) { bestD = d; best = it; }
            });
          });
          if (best) return best;
        }
        return null;
      }
      function pointDistance(it, x, y) {
        var a = it.parts[0];
        return a ? Math.hypot(tx + a[0] * k - x, ty - a[1] * k - y) - 3 : Infinity;
      }
      function lineDistance(it, x, y) {
        var best = Infinity;
        it.parts.forEach(function (a) {
          for (var i = 2; i < a.length; i += 2) {
            var x1 = tx + a[i - 2] * k, y1 = ty - a[i - 1] * k, x2 = tx + a[i] * k, y2 = ty - a[i + 1] * k;
            var dx = x2 - x1, dy = y2 - y1, len = dx * dx + dy * dy;
            var t = len > 0 ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / len)) : 0;
            best = Math.min(best, Math.hypot(x1 + t * dx - x, y1 + t * dy - y));
          }
        });
        return best;
      }
      function inside(it, x, y) {
        var wx = (x - tx) / k, wy = (ty - y) / k, c = false;
        it.parts.forEach(function (a) {
          for (var i = 0, j = a.length - 2; i < a.length; j = i, i += 2) {
            if ((a[i + 1] > wy) !== (a[j + 1] > wy) && wx < (a[j] - a[i]) * (wy - a[i + 1]) / (a[j + 1] - a[i + 1]) + a[i]) c = !c;
          }
        });
        return c;
      }
      function show(it) {
        selected = it;
        info.textContent = "";
        if (!it) { info.hidden = true; schedule(); return; }
        var close = document.createElement("button");
        close.className = "close"; close.type = "button"; close.textContent = "\u00d7"; close.title = "Close";
        close.addEventListener("click", function () { show(null); });
        var title = document.createElement("strong");
        title.textContent = it.layer.title + (it.id ? ": " + it.id : "");
        var table = document.createElement("table");
        it.layer.columns.forEach(function (c) {
          var v = c.codes ? (c.codes[it.index] >= 0 ? c.words[c.codes[it.index]] : null) : c.values[it.index];
          if (v === null || v === undefined) return;
          var tr = table.insertRow(), a = tr.insertCell(), b = tr.insertCell();
          a.textContent = c.key; b.textContent = typeof v === "object" ? JSON.stringify(v) : String(v);
        });
        info.appendChild(close); info.appendChild(title); info.appendChild(table);
        info.hidden = false;
        schedule();
      }

      function swatch(symbol) {
        var c = document.createElement("canvas"), g = c.getContext("2d");
        c.width = 44; c.height = 24; c.className = "swatch";
        g.scale(2, 2); g.lineCap = "round";
        g.strokeStyle = g.fillStyle = symbol.colour;
        if (symbol.kind === "marker") {
          var r = Math.min(5, symbol.size * MM / 2);
          g.beginPath();
          if (symbol.shape === "square") g.rect(11 - r, 6 - r, 2 * r, 2 * r); else g.arc(11, 6, r, 0, 2 * Math.PI);
          if (symbol.shape === "ring") { g.lineWidth = 2; g.stroke(); } else g.fill();
        } else {
          if (symbol.kind === "fill") { g.globalAlpha = Math.max(symbol.opacity, 0.15); g.fillRect(1, 1, 20, 10); g.globalAlpha = 1; }
          g.lineWidth = Math.min(6, Math.max(1, (symbol.size || 0.3) * MM));
          if (symbol.dashed) g.setLineDash([4, 3]);
          g.beginPath(); g.moveTo(2, 6); g.lineTo(20, 6); g.stroke();
        }
        return c;
      }
      function checkbox(text, count, checked, symbol, onChange, cls) {
        var label = document.createElement("label"), box = document.createElement("input");
        box.type = "checkbox"; box.checked = checked;
        box.addEventListener("change", function () { onChange(box.checked); schedule(); });
        label.appendChild(box);
        if (symbol) label.appendChild(swatch(symbol));
        label.appendChild(document.createTextNode(text));
        if (cls) label.className = cls;
        if (count !== null) {
          var n = document.createElement("span"); n.className = "count"; n.textContent = count.toLocaleString("en-GB");
          label.appendChild(n);
        }
        return { label: label, box: box };
      }
      function layerList() {
        layers.forEach(function (L) {
          var set = document.createElement("fieldset"), legend = document.createElement("legend");
          set.setAttribute("data-layer", L.data.name);
          var rows = L.rules.map(function () { return null; });
          var head = checkbox(L.data.title, L.items.length, L.rules.some(function (r) { return r.on; }), null, function (on) {
            L.rules.forEach(function (r, i) { r.on = on; if (rows[i]) rows[i].box.checked = on; });
          });
          legend.appendChild(head.label); set.appendChild(legend);
          L.rules.forEach(function (r, i) {
            if (r.items.length === 0) return;
            rows[i] = checkbox(r.symbol.label, r.items.length, r.on, r.symbol, function (on) {
              r.on = on; head.box.checked = L.rules.some(function (q) { return q.on; });
            }, "rule");
            rows[i].box.setAttribute("data-rule", String(i));
            set.appendChild(rows[i].label);
          });
          panel.appendChild(set);
        });
        var set = document.createElement("fieldset"), legend = document.createElement("legend");
        set.setAttribute("data-layer", "context");
        legend.textContent = "Context"; set.appendChild(legend);
        background.forEach(function (b) {
          set.appendChild(checkbox(b.data.title, null, true, { kind: "line", colour: b.data.colour, size: b.data.size, dashed: b.data.dashed },
            function (on) { b.on = on; }, "rule").label);
        });
        if (data.labels.length) set.appendChild(checkbox("Municipality names", null, true, null, function (on) { labels.on = on; }, "rule").label);
        if (set.childNodes.length > 1) panel.appendChild(set);
      }

      var pointers = {}, count = 0, moved = 0, last = null;
      function local(e) { var r = canvas.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; }
      function pair() {
        var ids = Object.keys(pointers), a = pointers[ids[0]], b = pointers[ids[1]];
        return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, d: Math.hypot(a.x - b.x, a.y - b.y) };
      }
      canvas.addEventListener("pointerdown", function (e) {
        try { canvas.setPointerCapture(e.pointerId); } catch (ignored) { /* a synthetic pointer has none */ }
        pointers[e.pointerId] = local(e); count++;
        moved = count > 1 ? 99 : 0;
        last = count === 2 ? pair() : null;
        canvas.classList.add("dragging");
      });
      canvas.addEventListener("pointermove", function (e) {
        var before = pointers[e.pointerId];
        if (!before) return;
        var p = local(e);
        pointers[e.pointerId] = p;
        if (count === 1) {
          tx += p.x - before.x; ty += p.y - before.y;
          moved += Math.abs(p.x - before.x) + Math.abs(p.y - before.y);
          schedule();
        } else if (count === 2 && last) {
          var now = pair();
          tx += now.x - last.x; ty += now.y - last.y;
          if (last.d > 0 && now.d > 0) zoomAt(now.x, now.y, now.d / last.d);
          last = now;
          schedule();
        }
      });
      function up(e) {
        if (!pointers[e.pointerId]) return;
        var p = pointers[e.pointerId];
        delete pointers[e.pointerId]; count--;
        if (count === 0) {
          canvas.classList.remove("dragging");
          if (moved < 5 && e.type === "pointerup") show(hit(p.x, p.y));
        }
        last = count === 2 ? pair() : null;
      }
      canvas.addEventListener("pointerup", up);
      canvas.addEventListener("pointercancel", up);
      canvas.addEventListener("wheel", function (e) {
        e.preventDefault();
        var p = local(e), step = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
        zoomAt(p.x, p.y, Math.exp(-step * 0.0015));
      }, { passive: false });
      canvas.addEventListener("dblclick", function (e) { var p = local(e); zoomAt(p.x, p.y, 2); });
      canvas.addEventListener("keydown", function (e) {
        var s = size();
        if (e.key === "+" || e.key === "=") zoomAt(s[0] / 2, s[1] / 2, 1.5);
        else if (e.key === "-") zoomAt(s[0] / 2, s[1] / 2, 1 / 1.5);
        else if (e.key === "Escape") show(null);
        else if (e.key.indexOf("Arrow") === 0) {
          var step = 80, d = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[e.key];
          if (!d) return;
          tx += d[0]; ty += d[1]; schedule();
        }
        else return;
        e.preventDefault();
      });
      root.querySelectorAll("[data-zoom]").forEach(function (b) {
        b.addEventListener("click", function () {
          var s = size(), z = b.getAttribute("data-zoom");
          if (z === "fit") { fit(); schedule(); } else zoomAt(s[0] / 2, s[1] / 2, z === "in" ? 1.6 : 1 / 1.6);
        });
      });
      var lastSize = "";
      window.addEventListener("resize", function () { schedule(); });
      if (window.ResizeObserver) new ResizeObserver(function () {
        var s = view.clientWidth + "x" + view.clientHeight;
        if (s !== lastSize) { lastSize = s; schedule(); }
      }).observe(view);

      layerList();
      fit();
      draw();
      // For scripts driving the page (the tests, a kiosk): where a feature is on
      // screen, and the zoom in pixels per metre.
      window.fibreplanMap = {
        scale: function () { return k; },
        screen: function (name, i) {
          var L = layers.filter(function (l) { return l.data.name === name; })[0], r = canvas.getBoundingClientRect();
          var a = L && L.items[i] && L.items[i].parts[0];
          return a ? [r.left + tx + a[0] * k, r.top + ty - a[1] * k] : null;
        }
      };
      root.setAttribute("data-ready", "yes");
      root.setAttribute("data-features", String(layers.reduce(function (n, L) { return n + L.items.length; }, 0)));
    }
    })();

    """#
}
