// cardlint graph page: draws the embedded graph on the SVG and shows a card on click.
// Card text is only ever set with textContent, never parsed as HTML.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const svg = document.getElementById("graph");
  // The parsed <svg> element carries its namespace, so no namespace URL is written here.
  const NS = svg.namespaceURI;
  const W = 1000, H = 700, R = 9;
  const nodes = data.nodes.map((n) => Object.assign({ x: 0, y: 0, dx: 0, dy: 0 }, n));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = data.edges.map((e) => Object.assign({ s: byId.get(e.source), t: byId.get(e.target) }, e));
  const categories = [...new Set(nodes.map((n) => n.category).filter((c) => c !== null))].sort();

  function colour(category) {
    if (category === null) return "#d0d7de";
    return "hsl(" + Math.round((categories.indexOf(category) * 360) / categories.length) + ",60%,62%)";
  }

  function el(name, attributes, parent) {
    const node = document.createElementNS(NS, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    parent.appendChild(node);
    return node;
  }

  // Fruchterman-Reingold from a circle: deterministic, so the same corpus draws the same way.
  function layout() {
    const n = nodes.length, k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / Math.max(n, 1);
      d.x = W / 2 + (W / 3) * Math.cos(a);
      d.y = H / 2 + (H / 3) * Math.sin(a);
    });
    // Fewer rounds for big corpora: each round is quadratic in the number of cards.
    const rounds = Math.max(40, Math.min(300, Math.floor(3e7 / (n * n + 1))));
    for (let round = 0; round < rounds; round++) {
      const step = (W / 10) * (1 - round / rounds) + 1;
      for (const d of nodes) { d.dx = (W / 2 - d.x) * 0.2; d.dy = (H / 2 - d.y) * 0.2; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          const x = a.x - b.x || 0.01 * (i - j), y = a.y - b.y, d2 = Math.max(x * x + y * y, 1);
          const f = (k * k) / d2;
          a.dx += x * f; a.dy += y * f; b.dx -= x * f; b.dy -= y * f;
        }
      }
      for (const e of edges) {
        if (e.s === e.t) continue;
        const x = e.s.x - e.t.x, y = e.s.y - e.t.y, d = Math.max(Math.hypot(x, y), 1);
        const f = d / k;
        e.s.dx -= x * f; e.s.dy -= y * f; e.t.dx += x * f; e.t.dy += y * f;
      }
      for (const d of nodes) {
        const length = Math.max(Math.hypot(d.dx, d.dy), 1e-9), move = Math.min(length, step);
        // Kept inside the frame: a card with no references would otherwise drift away.
        d.x = Math.min(W, Math.max(0, d.x + (d.dx / length) * move));
        d.y = Math.min(H, Math.max(0, d.y + (d.dy / length) * move));
      }
    }
  }

  // The view is the cards' bounding box, wider on the right where the labels run.
  function fit() {
    if (nodes.length === 0) { svg.setAttribute("viewBox", `0 0 ${W} ${H}`); return; }
    const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y), pad = 40;
    const x0 = Math.min(...xs) - pad, y0 = Math.min(...ys) - pad;
    const width = Math.max(Math.max(...xs) - x0 + pad + 140, 300);
    const height = Math.max(Math.max(...ys) - y0 + pad, 200);
    svg.setAttribute("viewBox", [x0, y0, width, height].join(" "));
  }

  function draw() {
    const edgeLayer = el("g", {}, svg), nodeLayer = el("g", {}, svg);
    for (const e of edges) {
      const cls = "edge" + (e.dangling ? " dangling" : "");
      if (e.s === e.t) {
        e.shape = el("path", { class: cls, d: `M${e.s.x} ${e.s.y - R}a10 10 0 1 1 ${R} ${R}` }, edgeLayer);
        continue;
      }
      const x = e.t.x - e.s.x, y = e.t.y - e.s.y, d = Math.max(Math.hypot(x, y), 1);
      const gap = (R + 4) / d;
      e.shape = el("line", {
        class: cls, "marker-end": e.dangling ? "url(#arrow-dangling)" : "url(#arrow)",
        x1: e.s.x, y1: e.s.y, x2: e.t.x - x * gap, y2: e.t.y - y * gap,
      }, edgeLayer);
    }
    for (const d of nodes) {
      const g = el("g", {
        class: "node" + (d.missing ? " missing" : "") + (d.orphan ? " orphan" : "") +
          (d.conflicts.length ? " conflict" : ""),
        transform: `translate(${d.x},${d.y})`, tabindex: 0, role: "button",
      }, nodeLayer);
      el("circle", { class: "dot", r: R, fill: colour(d.category) }, g);
      if (d.violations.length) el("circle", { class: "badge", r: 4, cx: R, cy: -R }, g);
      el("text", { x: R + 4, y: 4 }, g).textContent = d.id;
      el("title", {}, g).textContent = Object.values(d.names).join(" / ") || d.id;
      g.addEventListener("click", (event) => { event.stopPropagation(); select(d); });
      g.addEventListener("keydown", (event) => { if (event.key === "Enter") select(d); });
      d.shape = g;
    }
    svg.addEventListener("click", () => select(null));
  }

  function add(parent, tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  function select(d) {
    const panel = document.getElementById("details");
    panel.replaceChildren();
    svg.classList.toggle("focused", d !== null);
    for (const n of nodes) n.shape.classList.toggle("selected", n === d);
    const near = new Set(d === null ? [] : [d]);
    for (const e of edges) {
      const touches = e.s === d || e.t === d;
      e.shape.classList.toggle("near", touches);
      if (touches) { near.add(e.s); near.add(e.t); }
    }
    for (const n of nodes) n.shape.classList.toggle("near", near.has(n));
    if (d === null) { add(panel, "p", PROMPT); return; }
    add(panel, "h2", d.id);
    const facts = add(panel, "dl", "");
    const fact = (term, value) => { add(facts, "dt", term); add(facts, "dd", value); };
    for (const [field, value] of Object.entries(d.names)) fact(field, value);
    GROUP_FACT
    fact("path", d.path === null ? "no card has this id" : d.path);
    if (d.orphan) fact("orphan", "no other card references this card");
    if (d.conflicts.length) fact("conflicts", d.conflicts.join(", ") + " (another card disagrees)");
    const out = edges.filter((e) => e.s === d).map((e) => e.target + (e.dangling ? " (dangling)" : ""));
    const back = edges.filter((e) => e.t === d).map((e) => e.source);
    fact("references", out.join(", ") || "none");
    fact("referenced by", back.join(", ") || "none");
    add(panel, "h3", d.violations.length + " violation(s)");
    const list = add(panel, "ul", "");
    for (const v of d.violations) {
      const item = add(list, "li", `${v.line}:${v.column} ${v.code} (${v.severity}) ${v.message}`);
      if (v.hint !== null) { add(item, "br", ""); add(item, "small", "hint: " + v.hint); }
    }
  }

  function summarise() {
    const cards = nodes.filter((n) => !n.missing);
    const problems = cards.reduce((sum, n) => sum + n.violations.length, 0);
    document.getElementById("summary").textContent =
      `${cards.length} cards, ${edges.length} references, ` +
      `${nodes.length - cards.length} missing, ${cards.filter((n) => n.orphan).length} orphans, ` +
      `${problems} violations`;
    const legend = document.getElementById("legend");
    for (const category of categories) {
      add(legend, "span", category).style.setProperty("--swatch", colour(category));
    }
    const missing = add(legend, "span", "missing (no card)");
    missing.style.setProperty("--swatch", "#fff");
    missing.style.setProperty("--ring", "1px dashed #cf222e");
    add(legend, "span", "orphan").style.setProperty("--ring", "3px solid #d9822b");
    add(legend, "span", "conflict").style.setProperty("--ring", "3px solid #cf222e");
    const badge = add(legend, "span", "has violations");
    badge.style.setProperty("--swatch", "#cf222e");
  }

  layout();
  fit();
  draw();
  summarise();
  select(null);
})();
