/* Lan Tỏa search client. Plain JavaScript, no dependencies.
 * Reads the index written by lantoa.search.index: a query fetches meta.json, the shards
 * of its own folded syllables, pairs and name, the filter lists it uses, and the records
 * of the results it shows. Tokenising and hashing must match lantoa/search/tokens.py. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var INSTANT_SIZE = 5;
  var DEBOUNCE_MS = 120;
  var FACETS = ["campaign", "unit", "year", "kind"];

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
  }

  function syllables(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  function unique(list) {
    return list.filter(function (item, i) { return list.indexOf(item) === i; });
  }

  function shardOf(key, shards) {
    var bytes = new TextEncoder().encode(key);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    }
    return hash % shards;
  }

  /* ---------- index access ---------- */

  function Index(baseUrl) {
    this.base = baseUrl;
    this.cache = new Map();
    this.meta = null;
  }

  Index.prototype.load = function () {
    var self = this;
    if (!this.metaPromise) {
      this.metaPromise = fetch(new URL("meta.json", this.base), { cache: "no-cache" })
        .then(function (r) {
          if (!r.ok) throw new Error("meta " + r.status);
          return r.json();
        })
        .then(function (meta) { self.meta = meta; return meta; });
    }
    return this.metaPromise;
  };

  Index.prototype.get = function (path) {
    if (!this.cache.has(path)) {
      var url = new URL(path, this.base);
      url.searchParams.set("v", this.meta.version);
      var promise = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(path + " " + r.status);
        return r.json();
      });
      promise.catch(function () {});
      this.cache.set(path, promise);
    }
    return this.cache.get(path);
  };

  Index.prototype.postings = function (keys) {
    var self = this;
    var shards = this.meta.shards;
    return Promise.all(keys.map(function (key) {
      return self.get("s/" + shardOf(key, shards) + ".json").then(function (shard) {
        return decodePostings(shard[key] || []);
      });
    }));
  };

  Index.prototype.filterSet = function (facet, value) {
    var options = this.meta.facets[facet] || [];
    for (var i = 0; i < options.length; i++) {
      if (options[i][0] === value) {
        return this.get("f/" + facet + "-" + i + ".json").then(decodeIds);
      }
    }
    return Promise.resolve(new Set());
  };

  Index.prototype.doc = function (id) {
    return this.get("d/" + id + ".json");
  };

  function decodePostings(flat) {
    var map = new Map();
    var id = 0;
    for (var i = 0; i < flat.length; i += 2) {
      id += flat[i];
      map.set(id, flat[i + 1]);
    }
    return map;
  }

  function decodeIds(deltas) {
    var set = new Set();
    var id = 0;
    for (var i = 0; i < deltas.length; i++) {
      id += deltas[i];
      set.add(id);
    }
    return set;
  }

  /* ---------- ranking ---------- */

  function idf(total, map) {
    return Math.log(1 + total / Math.max(1, map.size));
  }

  function rank(meta, words, wordMaps, pairMaps, nameMap) {
    var coverage = new Map();
    wordMaps.forEach(function (map) {
      map.forEach(function (_, id) { coverage.set(id, (coverage.get(id) || 0) + 1); });
    });
    var best = 0;
    coverage.forEach(function (n) { if (n > best) best = n; });
    var scores = new Map();
    coverage.forEach(function (n, id) { if (n === best) scores.set(id, 0); });
    var total = meta.documents;
    function add(map, factor) {
      var weight = idf(total, map) * factor;
      map.forEach(function (w, id) {
        if (scores.has(id)) scores.set(id, scores.get(id) + w * weight);
      });
    }
    wordMaps.forEach(function (map) { add(map, 1); });
    pairMaps.forEach(function (map) { add(map, 2); });
    nameMap.forEach(function (_, id) {
      if (scores.has(id)) scores.set(id, scores.get(id) + 1e6);
    });
    return Array.from(scores.keys()).sort(function (a, b) {
      return scores.get(b) - scores.get(a) || a - b;
    });
  }

  function intersect(ids, sets) {
    return ids.filter(function (id) {
      return sets.every(function (set) { return set.has(id); });
    });
  }

  function allIds(sets) {
    var first = sets[0];
    var ids = Array.from(first).sort(function (a, b) { return a - b; });
    return intersect(ids, sets.slice(1));
  }

  /* Resolves to {words, ids}: ids ranked best first. */
  function search(index, query, filters) {
    var words = unique(syllables(query));
    var active = FACETS.filter(function (f) { return filters && filters[f]; });
    return index.load().then(function (meta) {
      var pairs = [];
      for (var i = 1; i < words.length; i++) pairs.push(words[i - 1] + " " + words[i]);
      var name = words.length ? ["=" + words.join(" ")] : [];
      return Promise.all([
        index.postings(words.concat(pairs, name)),
        Promise.all(active.map(function (f) { return index.filterSet(f, filters[f]); })),
      ]).then(function (found) {
        var maps = found[0];
        var sets = found[1];
        var ids;
        if (words.length) {
          ids = rank(meta, words, maps.slice(0, words.length),
            maps.slice(words.length, words.length + pairs.length), maps[maps.length - 1]);
          ids = intersect(ids, sets);
        } else {
          ids = sets.length ? allIds(sets) : [];
        }
        return { words: words, ids: ids };
      });
    });
  }

  /* ---------- excerpts ---------- */

  var TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function hits(text, wanted) {
    var list = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text))) {
      list.push({ start: match.index, end: match.index + match[0].length,
        hit: wanted.has(fold(match[0])) });
    }
    return list;
  }

  function highlight(text, wanted) {
    var html = "";
    var at = 0;
    hits(text, wanted).forEach(function (token) {
      if (!token.hit) return;
      html += escapeHtml(text.slice(at, token.start)) + "<mark>" +
        escapeHtml(text.slice(token.start, token.end)) + "</mark>";
      at = token.end;
    });
    return html + escapeHtml(text.slice(at));
  }

  function excerpt(doc, words, size) {
    var wanted = new Set(words);
    var sources = [doc.summary || "", doc.body || ""];
    var bestText = sources[0] || sources[1];
    var bestStart = 0, bestCount = 0, bestTokens = null;
    sources.forEach(function (text) {
      var tokens = hits(text, wanted);
      for (var i = 0; i < tokens.length; i++) {
        if (!tokens[i].hit) continue;
        var count = 0, seen = new Set();
        for (var j = i; j < Math.min(tokens.length, i + size); j++) {
          if (tokens[j].hit) {
            var key = fold(text.slice(tokens[j].start, tokens[j].end));
            count += seen.has(key) ? 0.1 : 1;
            seen.add(key);
          }
        }
        if (count > bestCount) {
          bestCount = count; bestText = text; bestStart = i; bestTokens = tokens;
        }
      }
    });
    if (!bestTokens) bestTokens = hits(bestText, wanted);
    if (!bestTokens.length) return "";
    var first = Math.max(0, bestStart - 8);
    var last = Math.min(bestTokens.length - 1, first + size);
    var from = first ? bestTokens[first].start : 0;
    var to = last < bestTokens.length - 1 ? bestTokens[last].end : bestText.length;
    return (first ? "… " : "") + highlight(bestText.slice(from, to), wanted) +
      (to < bestText.length ? " …" : "");
  }

  /* ---------- rendering ---------- */

  function meta_line(doc) {
    return [doc.kind_label, doc.unit, doc.date].filter(Boolean).map(escapeHtml)
      .join(" · ");
  }

  function renderResult(root, doc, words, classes) {
    var wanted = new Set(words);
    var li = document.createElement("li");
    li.className = classes.item;
    li.innerHTML =
      '<a class="' + classes.link + '" href="' + escapeHtml(new URL(doc.url, root).href) + '">' +
      '<article class="' + classes.article + '">' +
      '<h3 class="lantoa-search__title">' + highlight(doc.title, wanted) + "</h3>" +
      '<p class="lantoa-search__meta">' + meta_line(doc) + "</p>" +
      '<p class="' + classes.teaser + '">' + excerpt(doc, words, 30) + "</p>" +
      "</article></a>";
    li.dataset.url = doc.url;
    return li;
  }

  function countText(n) {
    return n ? n.toLocaleString("vi-VN") + " kết quả" : "Không tìm thấy kết quả";
  }

  /* ---------- the search page ---------- */

  function SearchPage(element, index, root) {
    this.el = element;
    this.index = index;
    this.root = root;
    this.form = element.querySelector("form");
    this.input = this.form.elements.q;
    this.status = element.querySelector("[data-lantoa-status]");
    this.list = element.querySelector("[data-lantoa-results]");
    this.more = element.querySelector("[data-lantoa-more]");
    this.run = 0;
    this.shown = 0;
    this.ids = [];
  }

  SearchPage.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    var timer = null;
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.query(); });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.query(); }, DEBOUNCE_MS);
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    return this.index.load().then(function (meta) {
      FACETS.forEach(function (facet) { self.fillSelect(facet, meta, params.get(facet)); });
      self.form.addEventListener("change", function () { self.query(); });
      return self.query();
    }, function () {
      self.status.textContent = "Không tải được chỉ mục tìm kiếm.";
    });
  };

  SearchPage.prototype.fillSelect = function (facet, meta, selected) {
    var select = this.form.elements[facet];
    if (!select) return;
    (meta.facets[facet] || []).forEach(function (option) {
      var el = document.createElement("option");
      el.value = option[0];
      el.textContent = option[1];
      if (option[0] === selected) el.selected = true;
      select.appendChild(el);
    });
  };

  SearchPage.prototype.filters = function () {
    var form = this.form;
    var out = {};
    FACETS.forEach(function (f) { if (form.elements[f] && form.elements[f].value) out[f] = form.elements[f].value; });
    return out;
  };

  SearchPage.prototype.query = function () {
    var self = this;
    var run = ++this.run;
    var filters = this.filters();
    this.updateUrl(filters);
    this.el.setAttribute("aria-busy", "true");
    return search(this.index, this.input.value, filters).then(function (result) {
      if (run !== self.run) return;
      self.words = result.words;
      self.ids = result.ids;
      self.shown = 0;
      self.list.textContent = "";
      var empty = !result.words.length && !Object.keys(filters).length;
      self.status.textContent = empty ? "Nhập từ cần tìm, có dấu hoặc không dấu." : countText(result.ids.length);
      return self.showMore(run);
    }).then(function () {
      if (run === self.run) self.el.removeAttribute("aria-busy");
    });
  };

  SearchPage.prototype.showMore = function (run) {
    var self = this;
    run = run || this.run;
    var slice = this.ids.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += slice.length;
    this.more.hidden = this.shown >= this.ids.length;
    return Promise.all(slice.map(function (id) { return self.index.doc(id); })).then(function (docs) {
      if (run !== self.run) return;
      docs.forEach(function (doc) {
        self.list.appendChild(renderResult(self.root, doc, self.words, PAGE_CLASSES));
      });
    });
  };

  SearchPage.prototype.updateUrl = function (filters) {
    var params = new URLSearchParams();
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    Object.keys(filters).forEach(function (f) { params.set(f, filters[f]); });
    var text = params.toString();
    history.replaceState(history.state, "", location.pathname + (text ? "?" + text : "") + location.hash);
  };

  var PAGE_CLASSES = {
    item: "lantoa-search__item", link: "lantoa-search__link",
    article: "lantoa-search__article", teaser: "lantoa-search__excerpt",
  };
  var HEADER_CLASSES = {
    item: "md-search-result__item", link: "md-search-result__link",
    article: "md-search-result__article md-typeset", teaser: "md-search-result__teaser",
  };

  /* ---------- the header box ---------- */

  function HeaderBox(form, index, root) {
    this.form = form;
    this.index = index;
    this.root = root;
    this.input = form.elements.q;
    var box = form.closest(".md-search") || form.parentNode;
    this.meta = box.querySelector("[data-lantoa-instant-meta]");
    this.list = box.querySelector("[data-lantoa-instant]");
    this.run = 0;
  }

  HeaderBox.prototype.start = function () {
    var self = this;
    var toggle = document.getElementById("__search");
    var timer = null;
    this.input.addEventListener("focus", function () { if (toggle) toggle.checked = true; });
    this.input.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && toggle) { toggle.checked = false; self.input.blur(); }
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) self.input.focus();
      });
    }
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.query(); }, DEBOUNCE_MS);
    });
    this.form.addEventListener("reset", function () {
      self.run++;
      if (self.list) self.list.textContent = "";
      if (self.meta) self.meta.textContent = "Nhập từ cần tìm";
    });
  };

  HeaderBox.prototype.query = function () {
    var self = this;
    var run = ++this.run;
    if (!this.list) return Promise.resolve();
    return search(this.index, this.input.value, {}).then(function (result) {
      if (run !== self.run) return;
      return Promise.all(result.ids.slice(0, INSTANT_SIZE).map(function (id) {
        return self.index.doc(id);
      })).then(function (docs) {
        if (run !== self.run) return;
        self.list.textContent = "";
        self.meta.textContent = result.words.length ? countText(result.ids.length) : "Nhập từ cần tìm";
        docs.forEach(function (doc) {
          self.list.appendChild(renderResult(self.root, doc, result.words, HEADER_CLASSES));
        });
        if (result.ids.length > INSTANT_SIZE) {
          var li = document.createElement("li");
          li.className = "md-search-result__item lantoa-search__all";
          var a = document.createElement("a");
          a.className = "md-search-result__link";
          a.href = self.form.action + "?q=" + encodeURIComponent(self.input.value.trim());
          a.textContent = "Xem tất cả " + countText(result.ids.length);
          li.appendChild(a);
          self.list.appendChild(li);
        }
      });
    }).catch(function () {
      if (run === self.run && self.meta) self.meta.textContent = "Không tải được chỉ mục tìm kiếm.";
    });
  };

  /* ---------- start-up ---------- */

  var config = document.querySelector("[data-lantoa-root]");
  var root = new URL(config ? config.getAttribute("data-lantoa-root") : "./", document.baseURI);
  var indexPath = (config && config.getAttribute("data-lantoa-index")) || "assets/lantoa/search-index/";
  var index = new Index(new URL(indexPath, root));

  function mount() {
    document.querySelectorAll("form[data-lantoa-search-box]").forEach(function (form) {
      if (form.dataset.lantoaMounted) return;
      form.dataset.lantoaMounted = "1";
      new HeaderBox(form, index, root).start();
    });
    document.querySelectorAll("[data-lantoa-search-page]").forEach(function (el) {
      if (el.dataset.lantoaMounted) return;
      el.dataset.lantoaMounted = "1";
      new SearchPage(el, index, root).start();
    });
  }

  window.lantoaSearch = { fold: fold, syllables: syllables, shardOf: shardOf, search: search, index: index };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
