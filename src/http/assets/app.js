// The zhsearch page: reads its state from the URL, asks the JSON API, builds the DOM.
//
// Report text is data: every title, body, snippet and facet value reaches the page
// through textContent or a text node, never through innerHTML. Snippets arrive as the
// library serialises them (text HTML-escaped, matches in <b>…</b>); markedText() turns
// that into text nodes and <mark> elements.
"use strict";

const PAGE_SIZE = 20;

// The facets shown beside the hits, in order. A new facet is one line: the key of the
// API's `facets` object, a heading, and the query filter that a click adds. `years` is
// summed from `months` on the page.
const FACETS = [
  { key: "departments", label: "部门", filter: (v) => `department:${quoteValue(v)}` },
  { key: "meetings", label: "会议", filter: (v) => `meeting:${quoteValue(v)}` },
  { key: "persons", label: "人物", filter: (v) => `person:${quoteValue(v)}` },
  { key: "years", label: "年份", filter: (v) => `date:${v}` },
  { key: "months", label: "月份", filter: (v) => `date:${v}` },
];

// ---- small DOM helpers --------------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** The library's snippet HTML as nodes: text nodes, and <mark> for matches. */
function markedText(html) {
  const fragment = document.createDocumentFragment();
  let marked = false;
  // Report text is escaped by the library, so the only `<b>` and `</b>` are its markers.
  for (const part of String(html).split(/(<b>|<\/b>)/)) {
    if (part === "<b>") { marked = true; continue; }
    if (part === "</b>") { marked = false; continue; }
    if (part === "") continue;
    const text = part.replace(/&(lt|gt|amp|quot);/g, (_, name) => ENTITIES[name]);
    fragment.append(marked ? el("mark", null, text) : document.createTextNode(text));
  }
  return fragment;
}

/** A filter value, quoted when it holds space, quotes or parentheses. */
function quoteValue(value) {
  if (!/[\s"“”()（）\\]/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}

/** `?q=…&sort=…&offset=…` of a view, leaving out defaults. */
function searchUrl(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.offset) params.set("offset", String(state.offset));
  const query = params.toString();
  return "/" + (query ? "?" + query : "");
}

function docUrl(id, q) {
  return "/doc/" + encodeURIComponent(id) + (q ? "?q=" + encodeURIComponent(q) : "");
}

/** The query with `filter` added (a `date:` filter replaces the one already there). */
function withFilter(q, filter) {
  let base = q.trim();
  if (filter.startsWith("date:")) base = base.replace(/(^|\s)date:\S+/g, "").trim();
  if (base.split(/\s+/).includes(filter)) return base;
  return base ? `${base} ${filter}` : filter;
}

async function api(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  let body;
  try {
    body = await response.json();
  } catch (_) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  if (!response.ok) throw new Error(body && body.error ? body.error : String(response.status));
  return body;
}

function showError(main, message) {
  main.replaceChildren(el("p", { class: "error", role: "alert" }, message));
}

function readState() {
  const params = new URLSearchParams(location.search);
  const offset = Number.parseInt(params.get("offset") || "0", 10);
  return {
    q: params.get("q") || "",
    sort: params.get("sort") === "date" ? "date" : "relevance",
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
  };
}

// ---- the search view ------------------------------------------------------------------

async function showSearch(main, state) {
  if (!state.q.trim()) return showLanding(main);
  document.title = `${state.q} — zhsearch`;
  const params = new URLSearchParams({
    q: state.q, limit: String(PAGE_SIZE), offset: String(state.offset), sort: state.sort, facets: "true",
  });
  let results;
  try {
    results = await api("/api/search?" + params);
  } catch (error) {
    return showError(main, error.message);
  }
  const facets = results.facets || {};
  facets.years = yearsOf(facets.months || []);

  const summary = el("div", { class: "summary" },
    el("span", { class: "total", id: "total", "data-total": String(results.total) },
      `${results.total} 篇匹配`),
    results.hits.length
      ? el("span", null, `第 ${state.offset + 1}–${state.offset + results.hits.length} 篇`)
      : null,
    el("a", { class: "button", id: "export", href: "/api/export.csv?" + new URLSearchParams({ q: state.q, sort: state.sort }), download: "zhsearch.csv" }, "导出 CSV"));

  const hits = el("ol", { class: "hits", id: "hits" });
  results.hits.forEach((hit) => hits.append(hitItem(hit, state.q)));
  if (!results.hits.length) hits.append(el("li", { class: "hit" }, "没有匹配的报告。"));

  const aside = el("aside", { id: "facets" });
  for (const facet of FACETS) {
    const counts = facets[facet.key];
    if (!counts || !counts.length) continue;
    aside.append(facetSection(facet, counts, state));
  }

  const content = el("div", null, timeline(facets.months || [], state), hits, pager(state, results));
  main.replaceChildren(summary, activeFilters(state), el("div", { class: "layout" }, content, aside));
}

function meetingLabel(meeting) {
  return meeting.instance ? `${meeting.series} ${meeting.instance}` : meeting.series;
}

function hitItem(hit, q) {
  const meta = el("div", { class: "meta" },
    el("span", null, hit.date ? hit.date.slice(0, 10) : "无日期"),
    hit.department.length ? el("span", { class: "department" }, hit.department.join("、")) : null,
    hit.meeting ? el("span", { class: "meeting" }, meetingLabel(hit.meeting)) : null,
    hit.persons.length ? el("span", { class: "persons" }, hit.persons.join("、")) : null,
    el("span", null, `score ${hit.score.toFixed(2)}`));
  return el("li", { class: "hit", "data-id": hit.id },
    el("a", { class: "title", href: docUrl(hit.id, q) }, hit.title),
    meta,
    el("p", { class: "snippet" }, markedText(hit.snippet)));
}

function facetSection(facet, counts, state) {
  const list = el("ul", { class: "facet", "data-facet": facet.key });
  for (const { value, count } of counts) {
    const href = searchUrl({ q: withFilter(state.q, facet.filter(value)), sort: state.sort });
    list.append(el("li", null,
      el("a", { href, "data-value": value }, value),
      el("span", { class: "count" }, String(count))));
  }
  return el("section", null, el("h2", null, facet.label), list);
}

/** The filters of the query, each with a link that removes it. */
function activeFilters(state) {
  const box = el("div", { class: "filters", id: "filters" });
  const tokens = state.q.match(/\S+:(?:"(?:[^"\\]|\\.)*"|\S+)/g) || [];
  for (const token of tokens) {
    const rest = state.q.replace(token, "").replace(/\s+/g, " ").trim();
    box.append(el("span", { class: "filter" }, token + " ",
      el("a", { href: searchUrl({ q: rest, sort: state.sort }), title: "remove" }, "×")));
  }
  return box;
}

function pager(state, results) {
  const previous = Math.max(0, state.offset - PAGE_SIZE);
  const next = state.offset + PAGE_SIZE;
  const link = (label, offset, enabled) =>
    el("a", { class: "button" + (enabled ? "" : " disabled"), href: searchUrl({ ...state, offset }) }, label);
  return el("nav", { class: "pager" },
    link("← 上一页", previous, state.offset > 0),
    link("下一页 →", next, next < results.total));
}

/** Year counts summed from month counts (`YYYY-MM`). */
function yearsOf(months) {
  const years = new Map();
  for (const { value, count } of months) {
    const year = value.slice(0, 4);
    years.set(year, (years.get(year) || 0) + count);
  }
  return [...years].map(([value, count]) => ({ value, count }));
}

/** Every month from the first to the last, with its count (0 where none matched). */
function monthRange(months) {
  if (!months.length) return [];
  const counts = new Map(months.map((m) => [m.value, m.count]));
  const [first, last] = [months[0].value, months[months.length - 1].value];
  let [year, month] = first.split("-").map(Number);
  const out = [];
  for (let guard = 0; guard < 1200; guard++) {
    const value = `${year}-${String(month).padStart(2, "0")}`;
    out.push({ value, count: counts.get(value) || 0 });
    if (value >= last) break;
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return out;
}

/** Matches per month as SVG bars; a click picks a month, a drag a range of months. */
function timeline(months, state) {
  const all = monthRange(months);
  const box = el("div", { class: "timeline-box" });
  if (!all.length) return box;
  const width = 1000, height = 110, top = 6, axis = 16;
  const max = Math.max(...all.map((m) => m.count));
  const step = width / all.length;
  const svg = svgEl("svg", { class: "timeline", id: "timeline", viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img" });
  svg.append(Object.assign(svgEl("title"), { textContent: "matches per month" }));
  all.forEach((m, i) => {
    const h = max ? ((height - top - axis) * m.count) / max : 0;
    const bar = svgEl("rect", {
      class: "bar", x: i * step + step * 0.1, width: Math.max(step * 0.8, 0.5),
      y: height - axis - h, height: h, "data-month": m.value, "data-count": m.count,
    });
    const tip = svgEl("title");
    tip.textContent = `${m.value}: ${m.count}`;
    bar.append(tip);
    svg.append(bar);
    if (m.value.endsWith("-01") || all.length <= 24) {
      const label = svgEl("text", { class: "axis", x: i * step, y: height - 3 });
      label.textContent = all.length <= 24 ? m.value : m.value.slice(0, 4);
      svg.append(label);
    }
  });
  const selection = svgEl("rect", { class: "selection", x: 0, y: 0, width: 0, height: height - axis, visibility: "hidden" });
  svg.append(selection);

  const indexAt = (event) => {
    const box = svg.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width;
    return Math.min(all.length - 1, Math.max(0, Math.floor(x / step)));
  };
  let start = null;
  const span = (a, b) => [Math.min(a, b), Math.max(a, b)];
  svg.addEventListener("pointerdown", (event) => {
    start = indexAt(event);
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (start === null) return;
    const [from, to] = span(start, indexAt(event));
    selection.setAttribute("x", from * step);
    selection.setAttribute("width", (to - from + 1) * step);
    selection.setAttribute("visibility", "visible");
  });
  svg.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const [from, to] = span(start, indexAt(event));
    start = null;
    const range = from === to ? all[from].value : `${all[from].value}..${all[to].value}`;
    location.assign(searchUrl({ q: withFilter(state.q, `date:${range}`), sort: state.sort }));
  });
  box.append(svg, el("div", { class: "hint" }, "每月匹配数 — 点击选一个月，拖动选一段时间"));
  return box;
}

async function showLanding(main) {
  document.title = "zhsearch";
  const landing = el("div", { class: "landing" },
    el("p", null, "在上方输入查询。例如 ",
      el("a", { href: searchUrl({ q: "新质生产力" }) }, "新质生产力"), "、",
      el("a", { href: searchUrl({ q: '"三个务必" date:2023' }) }, '"三个务必" date:2023'), "。"));
  main.replaceChildren(landing);
  try {
    const stats = await api("/api/stats");
    const range = stats.date_range ? `，${stats.date_range[0]} 至 ${stats.date_range[1]}` : "";
    landing.append(el("p", { id: "stats" }, `索引中共 ${stats.documents} 篇报告${range}。`));
    const list = el("ul", { class: "facet" });
    for (const [name, count] of stats.top_departments) {
      list.append(el("li", null, el("a", { href: searchUrl({ q: `department:${quoteValue(name)}` }) }, name),
        el("span", { class: "count" }, String(count))));
    }
    if (stats.top_departments.length) landing.append(el("h2", null, "部门"), list);
  } catch (error) {
    landing.append(el("p", { class: "error" }, error.message));
  }
}

// ---- the document view ----------------------------------------------------------------

async function showDocument(main, id, state) {
  const query = state.q ? "?q=" + encodeURIComponent(state.q) : "";
  let doc;
  try {
    doc = await api("/api/documents/" + encodeURIComponent(id) + query);
  } catch (error) {
    return showError(main, error.message);
  }
  document.title = `${doc.title} — zhsearch`;
  const title = el("h1", { id: "title" }, doc.highlight ? markedText(doc.highlight.title) : doc.title);
  const fields = el("dl", { class: "fields", id: "fields" });
  const field = (name, value, key) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    fields.append(el("dt", null, name), el("dd", { "data-field": key }, value));
  };
  field("日期", doc.date ? doc.date.replace("T00:00:00", "").replace("T", " ") : null, "date");
  field("会议日期", doc.meeting_date, "meeting_date");
  field("会议", doc.meeting ? meetingLabel(doc.meeting) : null, "meeting");
  field("部门", doc.department.join("、"), "department");
  field("人物", doc.persons.join("、"), "persons");
  field("职务", (doc.roles || []).map((r) => `${r.role} ${r.name}`).join("；"), "roles");
  field("编辑", doc.editor, "editor");
  field("作者", doc.author, "author");
  // Only web addresses become links: a report's `javascript:` URL stays text.
  if (doc.url) {
    field("网址", /^https?:\/\//i.test(doc.url)
      ? el("a", { href: doc.url, rel: "noopener noreferrer nofollow" }, doc.url)
      : doc.url, "url");
  }
  field("来源", doc.source, "source");
  field("ID", doc.id, "id");

  const body = el("div", { class: "body", id: "body" }, doc.highlight ? markedText(doc.highlight.body) : doc.body);
  const back = el("a", { class: "button", href: searchUrl(state) }, "← 返回结果");
  const nav = el("div", { class: "match-nav", id: "match-nav" }, back);
  main.replaceChildren(nav, el("article", { class: "doc" }, title, fields, body));

  const marks = [...main.querySelectorAll("article mark")];
  if (!marks.length) return;
  const counter = el("span", { id: "match-count" });
  const previousButton = el("button", { type: "button", id: "previous-match", title: "上一个匹配 (p)" }, "↑ 上一个");
  const nextButton = el("button", { type: "button", id: "next-match", title: "下一个匹配 (n)" }, "↓ 下一个");
  nav.append(previousButton, nextButton, counter);
  const initial = /^#match-(\d+)$/.exec(location.hash);
  let current = initial ? Math.min(marks.length, Math.max(1, Number(initial[1]))) - 1 : 0;
  const go = (index, smooth) => {
    marks[current].classList.remove("current");
    current = (index + marks.length) % marks.length;
    const mark = marks[current];
    mark.classList.add("current");
    counter.textContent = `${current + 1} / ${marks.length}`;
    mark.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    history.replaceState(null, "", `${location.pathname}${location.search}#match-${current + 1}`);
  };
  previousButton.addEventListener("click", () => go(current - 1, true));
  nextButton.addEventListener("click", () => go(current + 1, true));
  document.addEventListener("keydown", (event) => {
    if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "n") go(current + 1, true);
    if (event.key === "p") go(current - 1, true);
  });
  go(current, false);
}

// ---- start ------------------------------------------------------------------------------

function start() {
  const state = readState();
  const input = document.getElementById("q");
  const sort = document.getElementById("sort");
  input.value = state.q;
  sort.value = state.sort;
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && document.activeElement !== input) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  // A new query starts at its first page: the form sends only q and sort.
  sort.addEventListener("change", () => {
    if (input.value.trim()) location.assign(searchUrl({ q: input.value, sort: sort.value }));
  });
  const main = document.getElementById("main");
  const doc = /^\/doc\/(.+)$/.exec(location.pathname);
  if (doc) {
    let id;
    try {
      id = decodeURIComponent(doc[1]);
    } catch (_) {
      return showError(main, "malformed document address");
    }
    showDocument(main, id, state);
  } else {
    showSearch(main, state);
  }
}

start();
