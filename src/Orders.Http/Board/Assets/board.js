// ActorOrders saga board: polls /board/data and draws it. Vanilla JS, no dependency, nothing from elsewhere.
// Everything shown is set with textContent (order ids, customers and reasons come from clients).
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (sel) => document.querySelector(sel);
  const fmt = new Intl.NumberFormat("en-US");
  const history = { inflight: [] };
  let refreshMs = 2000;
  let failures = 0;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }
  function num(n) { return fmt.format(n); }
  function rate(r) { return (r >= 10 ? r.toFixed(0) : r.toFixed(1)) + "/s"; }
  function ms(v) { return v >= 1000 ? (v / 1000).toFixed(v >= 10000 ? 0 : 1) + " s" : (v >= 10 ? v.toFixed(0) : v.toFixed(1)) + " ms"; }
  function age(s) {
    if (s < 60) return s.toFixed(0) + " s";
    if (s < 3600) return Math.floor(s / 60) + " min " + Math.floor(s % 60) + " s";
    if (s < 86400) return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
    return Math.floor(s / 86400) + " d";
  }
  function shortNode(address) { return address.replace(/^akka(\.tcp)?:\/\/[^@]+@/, ""); }
  function setText(sel, text) { const n = $(sel); if (n.textContent !== text) n.textContent = text; }
  function rows(table, list, make) {
    const body = table.tBodies[0];
    body.replaceChildren(...list.map(make));
  }
  function bar(fraction, cls) {
    const fill = el("div", { class: "fill" + (cls ? " " + cls : "") });
    fill.style.width = Math.max(0, Math.min(1, fraction)) * 100 + "%";
    return el("div", { class: "track" }, fill);
  }

  function spark(name, values) {
    const box = document.querySelector('[data-spark="' + name + '"]');
    if (!box) return;
    const w = 120, h = 28, n = values.length;
    const max = Math.max(1, ...values);
    const pts = values.map((v, i) => [n <= 1 ? w : (i * w) / (n - 1), h - 2 - (v / max) * (h - 4)]);
    const line = pts.map((p, i) => (i ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1)).join(" ");
    box.replaceChildren(
      svg("path", { class: "area", d: line + " L" + w + " " + h + " L0 " + h + " Z", fill: "currentColor" }),
      svg("path", { class: "stroke", d: line, stroke: "currentColor" }));
  }

  function throughput(t) {
    const chart = $("#throughput");
    const W = 600, H = 160, pad = 18;
    const secs = t.seconds;
    const stack = (s) => s.completed + s.rejected + s.cancelled + s.attention;
    const max = Math.max(4, ...secs.map(stack), ...secs.map((s) => s.placed));
    const scale = niceMax(max);
    const bw = W / secs.length;
    const y = (v) => H - (v / scale) * (H - pad);
    const parts = [];
    for (const frac of [0.5, 1]) {
      const gy = y(scale * frac);
      parts.push(svg("line", { class: "grid-line", x1: 0, x2: W, y1: gy, y2: gy }));
      const label = svg("text", { class: "label", x: 4, y: gy + 11 });
      label.textContent = num(Math.round(scale * frac));
      parts.push(label);
    }
    secs.forEach((s, i) => {
      let base = H;
      for (const k of ["completed", "rejected", "cancelled", "attention"]) {
        if (!s[k]) continue;
        const hgt = (s[k] / scale) * (H - pad);
        base -= hgt;
        parts.push(svg("rect", { class: k, x: i * bw + 1, y: base, width: Math.max(1, bw - 2), height: hgt }));
      }
    });
    const line = secs.map((s, i) => (i ? "L" : "M") + (i * bw + bw / 2).toFixed(1) + " " + y(s.placed).toFixed(1)).join(" ");
    parts.push(svg("path", { class: "placed", d: line }));
    chart.replaceChildren(...parts);
    setText("#t-start", "−" + secs.length + " s");
  }
  function niceMax(v) {
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  function states(list) {
    const box = $("#states");
    const max = Math.max(1, ...list.map((s) => s.count));
    box.replaceChildren(...list.map((s) =>
      el("div", { class: "bar-row", "data-state": s.state },
        el("span", { class: "name", text: s.state.replace(/([a-z])([A-Z])/g, "$1 $2") }),
        bar(s.count / max, s.state),
        el("span", { class: "val", "data-testid": "state-" + s.state, text: num(s.count) }))));
  }

  function stuck(s) {
    const table = $("#stuck");
    rows(table, s.items, (o) =>
      el("tr", { "data-order-id": o.orderId, "data-status": o.status },
        el("td", { class: "mono" }, el("a", { href: o.page, title: "History of " + o.orderId, text: o.orderId }),
          " ", el("a", { href: "/board" + o.events, class: "hint", title: "Stored events as JSON", text: "json" })),
        el("td", {}, el("span", { class: "pill " + o.status, text: o.status })),
        el("td", { text: o.step ? o.step + (o.attempts ? " #" + o.attempts : "") : "—" }),
        el("td", { class: "r", text: age(o.ageSeconds) }),
        el("td", { class: "reason", text: o.reason || "—" })));
    $("#stuck-empty").hidden = s.items.length > 0 || !!s.error;
    setText("#stuck-hint", s.error ? "read model unavailable: " + s.error
      : (s.items.length ? num(s.items.length) + (s.more ? "+" : "") + " · " : "") + "AttentionRequired, or unchanged > " + age(s.afterSeconds));
  }

  function steps(list) {
    const table = $("#steps");
    const max = Math.max(1, ...list.map((s) => s.p95Ms));
    rows(table, list, (s) =>
      el("tr", { "data-action": s.action },
        el("td", { text: s.action }),
        el("td", { class: "r", text: num(s.count) }),
        el("td", { class: "r", text: s.failed ? num(s.failed) : "—" }),
        el("td", { class: "r", text: ms(s.p50Ms) }),
        el("td", { class: "r", text: ms(s.p95Ms) }),
        el("td", { class: "r", text: ms(s.p99Ms) }),
        el("td", {}, bar(s.p95Ms / max, s.failed ? "bad" : ""))));
    $("#steps-empty").hidden = list.length > 0;
  }

  // One row per topic and consumer: its total lag, a cell per partition (shaded by its lag) and the partitions behind.
  function kafka(k) {
    const table = $("#kafka");
    const groups = new Map();
    for (const p of k.partitions) {
      const key = p.topic + "\u0000" + p.consumer;
      if (!groups.has(key)) groups.set(key, { topic: p.topic, consumer: p.consumer, group: p.group, parts: [] });
      groups.get(key).parts.push(p);
    }
    const list = [...groups.values()];
    const max = Math.max(1, ...k.partitions.map((p) => p.lag));
    rows(table, list, (g) => {
      const total = g.parts.reduce((a, p) => a + p.lag, 0);
      const cells = el("div", { class: "cells" }, ...g.parts.sort((a, b) => a.partition - b.partition).map((p) => {
        const c = el("i", { class: "cell" + (p.lag ? " behind" : ""), title: p.topic + "/" + p.partition + ": " + num(p.lag) + " on " + shortNode(p.node),
          "data-partition": String(p.partition), "data-lag": String(p.lag) });
        if (p.lag) c.style.opacity = String(0.35 + 0.65 * (p.lag / max));
        return c;
      }));
      const behind = g.parts.filter((p) => p.lag > 0).sort((a, b) => b.lag - a.lag).slice(0, 4).map((p) => "p" + p.partition + " " + num(p.lag)).join(" · ");
      return el("tr", { "data-topic": g.topic, "data-consumer": g.consumer },
        el("td", {}, el("div", { class: "mono", text: g.topic }), el("div", { class: "hint", title: g.group, text: g.consumer })),
        el("td", {}, cells, el("div", { class: "hint", text: behind || g.parts.length + " partitions caught up" })),
        el("td", { class: "r lagnum", text: num(total) }));
    });
    $("#kafka-empty").hidden = k.partitions.length > 0;
    setText("#kafka-total", k.partitions.length ? "total " + num(k.totalLag) + " records" : "");
  }

  // One block per projection, a tile per slice.
  function projections(p) {
    const box = $("#projections");
    const byName = new Map();
    for (const s of p.slices) {
      if (!byName.has(s.projection)) byName.set(s.projection, []);
      byName.get(s.projection).push(s);
    }
    box.replaceChildren(...[...byName.entries()].map(([name, slices]) =>
      el("div", { class: "projection", "data-projection": name },
        el("div", { class: "pname" }, el("span", { class: "mono", text: name }),
          el("span", { class: "hint", text: num(slices.reduce((a, s) => a + s.lagEvents, 0)) + " behind" })),
        el("div", { class: "slices" }, ...slices.map((s) => {
          const cls = "slice" + (s.runningOn ? "" : " idle") + (s.lastError || s.lagSeconds > 30 ? " far" : s.lagEvents > 0 ? " behind" : "");
          return el("div", { class: cls, "data-slice": String(s.slice),
              title: name + " slice " + s.slice + (s.runningOn ? " on " + shortNode(s.runningOn) : " (not running)") + (s.lastError ? "\n" + s.lastError : "") },
            el("div", { class: "p", text: "#" + s.slice }),
            el("div", { class: "v", text: num(s.lagEvents) }),
            el("div", { class: "s", text: s.lagSeconds ? s.lagSeconds.toFixed(1) + " s" : "ok" }));
        })))));
    $("#proj-empty").hidden = p.slices.length > 0;
    setText("#proj-total", p.slices.length ? num(p.totalLagEvents) + " events · worst " + p.maxLagSeconds.toFixed(1) + " s" : "");
  }

  function nodes(d) {
    const table = $("#nodelist");
    rows(table, d.nodes, (n) =>
      el("tr", { "data-node": n.node },
        el("td", { class: "mono", title: n.roles.join(", ") + " · process " + n.process, text: shortNode(n.node) }),
        el("td", { class: "r", text: num(n.placed) }),
        el("td", { class: "r", text: rate(n.placedPerSecond) }),
        el("td", { class: "r", text: num(n.finished) }),
        el("td", { class: "r", text: num(n.inFlight) }),
        el("td", { class: "r", text: num(n.consumerLag) }),
        el("td", { class: "r", text: n.answeredInMs.toFixed(0) })));
    $("#missing").replaceChildren(...d.cluster.missing.map((m) => el("li", { text: shortNode(m.node) + ": " + m.reason })));
    setText("#nodes-hint", num(d.cluster.answered) + " of " + num(d.cluster.nodes) + " answered");
  }

  function draw(d) {
    const t = d.totals, r = d.throughput.rate, secs = d.throughput.seconds;
    setText('[data-testid="placed"]', num(t.placed));
    setText('[data-testid="completed"]', num(t.completed));
    setText('[data-testid="rejected"]', num(t.rejected));
    setText('[data-testid="cancelled"]', num(t.cancelled));
    setText('[data-testid="attention"]', num(t.attentionRequired));
    setText('[data-testid="inflight"]', num(t.inFlight));
    setText('[data-testid="placed-rate"]', rate(r.placed));
    setText('[data-testid="completed-rate"]', rate(r.completed));
    setText('[data-testid="rejected-rate"]', rate(r.rejected));
    setText('[data-testid="cancelled-rate"]', rate(r.cancelled));
    setText('[data-testid="attention-rate"]', rate(r.attention));
    setText("#since", t.since ? "since " + new Date(t.since).toLocaleTimeString() : "");
    $('[data-kind="attention"]').classList.toggle("hot", t.attentionRequired > 0);
    // Drop the current, incomplete second from the sparklines.
    const done = secs.slice(0, -1);
    for (const k of ["placed", "completed", "rejected", "cancelled", "attention"]) spark(k, done.map((s) => s[k]));
    history.inflight.push(t.inFlight);
    if (history.inflight.length > 60) history.inflight.shift();
    spark("inflight", history.inflight);

    throughput(d.throughput);
    states(d.inFlight);
    stuck(d.stuck);
    steps(d.steps);
    kafka(d.kafka);
    projections(d.projections);
    nodes(d);

    setText("#served", "served by " + d.servedBy);
    setText("#nodes", num(d.cluster.answered) + "/" + num(d.cluster.nodes) + " nodes");
    setText("#updated", "updated " + new Date(d.at).toLocaleTimeString());
    document.body.dataset.at = d.at;
    refreshMs = Math.max(250, d.refreshSeconds * 1000);
  }

  function status(ok, message) {
    const dot = $("#live");
    dot.className = "dot " + (ok ? "up" : "down");
    if (ok) { void dot.offsetWidth; } // restart the pulse
    const alert = $("#alert");
    alert.hidden = ok;
    if (!ok) alert.textContent = message;
  }

  async function tick() {
    try {
      const response = await fetch("/board/data", { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
      if (response.status === 401) throw new Error("Not signed in: reload the page and give the API key (as the password).");
      if (response.status === 403) throw new Error("This client may not see the board (it is bound to one customer).");
      if (!response.ok) throw new Error("The board answered " + response.status + ".");
      draw(await response.json());
      failures = 0;
      status(true);
    } catch (e) {
      failures++;
      status(false, (e && e.message ? e.message : String(e)) + (failures > 1 ? " (" + failures + " tries)" : ""));
    } finally {
      setTimeout(tick, failures ? Math.min(10000, refreshMs * failures) : refreshMs);
    }
  }

  tick();
})();
