/* Lan Tỏa search client. Plain JavaScript, no dependencies.
 * Reads the index written by lantoa.search.index: a query fetches meta.json, the shards
 * of its own folded syllables, pairs and name, the filter lists it uses, and the records
 * of the results it shows. Tokenising and hashing must match lantoa/search/tokens.py. */
(function () {
  "use strict";

  var PAGE_SIZE = 10;
  var INSTANT_SIZE = 5;
  var DEBOUNCE_MS = 60;  // coalesces a burst (a paste, an input method rewriting a word, a held backspace)
  var EXCERPT_WORDS = 24;  // three lines on a 412 px phone: three results on its first screen
  var FACETS = ["campaign", "unit", "year", "kind"];

  var ASCII = /^[\x00-\x7f]*$/;
  var folds = new Map();  // word → folded word: an excerpt folds every word of ten records

  function fold(text) {
    if (ASCII.test(text)) return text.toLowerCase();
    var known = folds.get(text);
    if (known !== undefined) return known;
    var out = text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/\p{M}/gu, "").normalize("NFC").toLowerCase();
    if (text.length <= 16) {
      if (folds.size > 20000) folds.clear();
      folds.set(text, out);
    }
    return out;
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

  /* key → Map(doc id → weight) for each of `keys` (an empty Map for a key the index lacks). */
  Index.prototype.postingMap = function (keys) {
    return this.postings(keys).then(function (maps) {
      var out = new Map();
      keys.forEach(function (key, i) { out.set(key, maps[i]); });
      return out;
    });
  };

  /* The index's words of four letters or more, most frequent first (fuzzy.js). */
  Index.prototype.vocabulary = function () {
    if (!this.words) {
      this.words = this.get("v.json").then(function (text) {
        return new fuzzy.Vocabulary(text ? text.split(" ") : []);
      });
    }
    return this.words;
  };

  /* Fetched when a search box gets focus: meta.json, and the vocabulary, so that a word typed
   * with a typo waits for its near words' shards only, not for v.json first. */
  Index.prototype.warm = function () {
    var self = this;
    this.load().then(function () { self.vocabulary(); }, function () {});
  };

  /* While a query is typed: the shards of its finished words (all but one still being typed) and
   * of their pairs, so that the last keystroke waits only for the last word's. */
  Index.prototype.prefetch = function (query) {
    var self = this;
    if (!this.meta) return;
    var words = parse(query);
    if (!/[^\p{L}\p{M}\p{N}]$/u.test(query)) words = words.slice(0, -1);
    if (!words.length) return;
    var guess = words.map(function (w) { return { alternatives: [{ key: w.decoded || w.folded }] }; });
    var keys = [];
    words.forEach(function (w) { keys.push(w.folded); if (w.decoded) keys.push(w.decoded); });
    self.postings(unique(keys.concat(flatten(pairKeys(guess))))).catch(function () {});
  };

  /* The record of document `id`, with its id. */
  Index.prototype.record = function (id) {
    return this.doc(id).then(function (doc) {
      var copy = Object.assign({}, doc);
      copy.id = id;
      return copy;
    });
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

  /* ---------- what the query means ---------- */

  var keyboard = window.lantoaKeyboard;
  var fuzzy = window.lantoaFuzzy;
  var RAW_TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
  var FAMILY = ("nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dao dinh trinh " +
    "lam luong mai chu cao ha la luu ta trieu vi nong be hua lang loc ban vang dam tong quach " +
    "lo hau an kieu thai mac nghiem khong doan van tang giap hoa la").split(" ");
  var MIDDLE = ("thi van duc ngoc thanh kim thu my bich hong minh quang huu xuan thuy hoai dieu " +
    "tuyet phuong le").split(" ");

  /* The words of a query: for each, what was typed, its folded form and, when it was typed in
   * Telex or VNI, the folded form of the syllable meant. */
  function parse(query) {
    var words = [];
    var seen = new Set();
    (query.normalize("NFC").match(RAW_TOKEN) || []).forEach(function (raw) {
      var meant = keyboard ? keyboard.decode(raw) : null;
      syllables(raw).forEach(function (folded, i, all) {
        var decoded = all.length === 1 && meant ? fold(meant) : null;
        var id = decoded || folded;
        if (seen.has(id) && seen.has(folded)) return;
        seen.add(id); seen.add(folded);
        words.push({ typed: raw, folded: folded, decoded: decoded !== folded ? decoded : null, meant: meant });
      });
    });
    return words;
  }

  /* A person's name no story may have: two to four words, a family name, then a middle name. */
  function looksLikeName(keys) {
    return keys.length >= 3 && keys.length <= 4 && FAMILY.indexOf(keys[0]) >= 0 && MIDDLE.indexOf(keys[1]) >= 0;
  }

  /* ---------- ranking ---------- */

  var PAIR_FACTOR = 3;  // two query words next to each other, as typed
  var NEAR_FACTOR = { exact: 1, prefix: 0.6, typo: 0.5 };

  function idf(total, map) {
    return Math.log(1 + total / Math.max(1, map.size));
  }

  /* Items containing every word first (for a name: the whole name), then by how many words they
   * contain, then by score: field weights (subject, title, place…), adjacent pairs, exact name. */
  function rank(total, terms, pairMaps, nameMap, nameQuery) {
    var coverage = new Map();
    var scores = new Map();
    terms.forEach(function (term) {
      var best = new Map();
      term.alternatives.forEach(function (alt) {
        var weight = idf(total, alt.map) * NEAR_FACTOR[alt.how];
        alt.map.forEach(function (w, id) {
          best.set(id, Math.max(best.get(id) || 0, w * weight));
        });
      });
      best.forEach(function (score, id) {
        coverage.set(id, (coverage.get(id) || 0) + 1);
        scores.set(id, (scores.get(id) || 0) + score);
      });
    });
    var pairCount = new Map();
    pairMaps.forEach(function (maps) {
      var hit = new Set();
      maps.forEach(function (map) {
        var weight = idf(total, map) * PAIR_FACTOR;
        map.forEach(function (w, id) {
          if (!scores.has(id)) return;
          scores.set(id, scores.get(id) + w * weight);
          hit.add(id);
        });
      });
      hit.forEach(function (id) { pairCount.set(id, (pairCount.get(id) || 0) + 1); });
    });
    nameMap.forEach(function (_, id) {
      if (scores.has(id)) scores.set(id, scores.get(id) + 1e6);
    });
    var n = terms.length;
    function full(id) {
      if (coverage.get(id) !== n) return false;
      return !nameQuery || nameMap.has(id) || (pairCount.get(id) || 0) === pairMaps.length;
    }
    var items = [];  // plain records: sorting 10,000 ids through Map lookups took ≈ 10 ms
    var fullCount = 0;
    scores.forEach(function (score, id) {
      var f = full(id);
      if (f) fullCount++;
      items.push({ id: id, full: f ? 1 : 0, coverage: coverage.get(id), score: score });
    });
    items.sort(function (a, b) {
      return (b.full - a.full) || (b.coverage - a.coverage) || (b.score - a.score) || a.id - b.id;
    });
    return { ids: items.map(function (item) { return item.id; }), full: fullCount };
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

  function pairKeys(terms) {
    var out = [];
    for (var i = 1; i < terms.length; i++) {
      var keys = [];
      terms[i - 1].alternatives.forEach(function (a) {
        terms[i].alternatives.forEach(function (b) {
          if (keys.length < 6) keys.push(a.key + " " + b.key);
        });
      });
      out.push(keys);
    }
    return out;
  }

  /* Each word's alternatives: the word itself when the index has it (a real word that looks like
   * Telex keeps its own matches), else the syllable its Telex or VNI keys meant, else the words
   * it begins, else (five letters or more) the words one edit away. */
  function resolve(index, words) {
    var keys = [];
    words.forEach(function (w) { keys.push(w.folded); if (w.decoded) keys.push(w.decoded); });
    return index.postingMap(unique(keys)).then(function (maps) {
      var terms = words.map(function (w) {
        var own = maps.get(w.folded);
        var meant = w.decoded && maps.get(w.decoded);
        var alternatives = own.size ? [{ key: w.folded, map: own, how: "exact" }]
          : meant && meant.size ? [{ key: w.decoded, map: meant, how: "exact" }] : [];
        return { word: w, key: alternatives.length ? alternatives[0].key : (w.decoded || w.folded),
          alternatives: alternatives };
      });
      var missing = terms.filter(function (t) { return !t.alternatives.length && /^[a-z]+$/.test(t.key); });
      if (!missing.length) return terms;
      return index.vocabulary().then(function (vocabulary) {
        var wanted = [];
        missing.forEach(function (t) {
          var near = vocabulary.completions(t.key);
          t.how = "prefix";
          if (!near.length) { near = vocabulary.corrections(t.key); t.how = "typo"; }
          t.near = near;
          wanted = wanted.concat(near);
        });
        return index.postingMap(unique(wanted)).then(function (found) {
          missing.forEach(function (t) {
            t.alternatives = t.near.map(function (key) {
              return { key: key, map: found.get(key), how: t.how };
            }).filter(function (a) { return a.map.size; });
          });
          return terms;
        });
      });
    });
  }

  /* Resolves to {terms, ids, full, nameQuery}: ids ranked best first, the first `full` of them
   * containing every word of the query; to null when `current()` says a newer query has begun
   * (the ranking is the costly part on a phone). */
  function search(index, query, filters, current) {
    var words = parse(query);
    var active = FACETS.filter(function (f) { return filters && filters[f]; });
    return index.load().then(function (meta) {
      var sets = Promise.all(active.map(function (f) { return index.filterSet(f, filters[f]); }));
      var guess = words.map(function (w) { return { alternatives: [{ key: w.decoded || w.folded }] }; });
      index.postingMap(flatten(pairKeys(guess)).concat(nameKeys(guess)));  // fetched meanwhile
      return Promise.all([resolve(index, words), sets]).then(function (found) {
        var terms = found[0];
        var filterSets = found[1];
        if (!terms.length) {
          var everything = filterSets.length ? allIds(filterSets) : [];
          return { terms: terms, ids: everything, full: everything.length, nameQuery: false };
        }
        var pairs = pairKeys(terms.filter(function (t) { return t.alternatives.length; }));
        var nameQuery = looksLikeName(terms.map(function (t) { return t.key; }));
        return index.postingMap(flatten(pairs).concat(nameKeys(terms))).then(function (maps) {
          if (current && !current()) return null;
          var pairMaps = pairs.map(function (keys) { return keys.map(function (k) { return maps.get(k); }); });
          var names = nameKeys(terms);
          var ranked = rank(meta.documents, terms, pairMaps, names.length ? maps.get(names[0]) : new Map(),
            nameQuery);
          var ids = intersect(ranked.ids, filterSets);
          var full = intersect(ranked.ids.slice(0, ranked.full), filterSets).length;
          return { terms: terms, ids: ids, full: full, nameQuery: nameQuery };
        });
      });
    });
  }

  function nameKeys(terms) {
    if (!terms.length || !terms.every(function (t) { return t.alternatives.length; })) return [];
    return ["=" + terms.map(function (t) { return t.alternatives[0].key; }).join(" ")];
  }

  function flatten(lists) {
    return [].concat.apply([], lists);
  }

  /* ---------- excerpts ---------- */

  var TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var tokenised = new Map();  // text → its tokens, for the texts of the records on show

  /* The words of `text` with their offsets, folded key and lower-case form; read-only. A record's
   * body is tokenised once for its marks, its excerpt and the note ("Đang hiện kết quả cho"). */
  function tokensOf(text) {
    var known = tokenised.get(text);
    if (known) return known;
    var list = [];
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text))) {
      list.push({ start: match.index, end: match.index + match[0].length, word: match[0],
        key: fold(match[0]), form: match[0].toLowerCase() });
    }
    if (tokenised.size >= 100) tokenised.clear();
    tokenised.set(text, list);
    return list;
  }

  /* What to mark in one item: the query's words (keys of their alternatives, in order) in the
   * accented forms the item uses where they stand together ("phụ nữ" for "phu nu"), so that a
   * lone "phù" elsewhere is not taken for "phụ". */
  function Marker(terms, texts) {
    var self = this;
    this.keys = new Set();
    this.pairs = new Set();
    var lists = terms.map(function (t) { return t.alternatives.map(function (a) { return a.key; }); });
    lists.forEach(function (keys) { keys.forEach(function (k) { self.keys.add(k); }); });
    for (var i = 1; i < lists.length; i++) {
      lists[i - 1].forEach(function (a) { lists[i].forEach(function (b) { self.pairs.add(a + " " + b); }); });
    }
    this.typed = new Map();
    terms.forEach(function (t) {
      var form = t.word.meant || t.word.typed;
      if (fold(form) !== form.toLowerCase()) {  // typed with marks: those marks
        t.alternatives.forEach(function (a) { self.typed.set(a.key, form.toLowerCase()); });
      }
    });
    this.together = new Map();  // key → accented forms seen next to another query word
    texts.forEach(function (text) {
      var tokens = tokensOf(text);
      self.flag(tokens).forEach(function (paired, i) {
        if (!paired) return;
        var t = tokens[i];
        if (!self.together.has(t.key)) self.together.set(t.key, new Set());
        self.together.get(t.key).add(t.form);
      });
    });
  }

  /* For each token: true when it and a neighbour are two adjacent words of the query. */
  Marker.prototype.flag = function (tokens) {
    var out = tokens.map(function () { return false; });
    for (var i = 1; i < tokens.length; i++) {
      if (this.pairs.has(tokens[i - 1].key + " " + tokens[i].key)) { out[i - 1] = out[i] = true; }
    }
    return out;
  };

  Marker.prototype.marks = function (tokens) {
    var self = this;
    var paired = this.flag(tokens);
    return tokens.map(function (t, i) {
      if (!self.keys.has(t.key)) return false;
      if (self.typed.has(t.key)) return self.typed.get(t.key) === t.form;
      if (paired[i]) return true;
      var forms = self.together.get(t.key);
      return !forms || forms.has(t.form);
    });
  };

  Marker.prototype.highlight = function (text) {
    var tokens = tokensOf(text);
    return this.render(text, tokens, this.marks(tokens));
  };

  Marker.prototype.render = function (text, tokens, marks) {
    var html = "";
    var at = 0;
    tokens.forEach(function (token, i) {
      if (!marks[i]) return;
      html += escapeHtml(text.slice(at, token.start)) + "<mark>" +
        escapeHtml(text.slice(token.start, token.end)) + "</mark>";
      at = token.end;
    });
    return html + escapeHtml(text.slice(at));
  };

  /* The passage of about `size` words with the most distinct marked words, phrases counting more. */
  Marker.prototype.excerpt = function (doc, size) {
    var self = this;
    var sources = [doc.summary || "", doc.body || ""].filter(Boolean);
    if (!sources.length) return "";
    var best = null;
    sources.forEach(function (text) {
      var tokens = tokensOf(text);
      var marks = self.marks(tokens);
      var paired = self.flag(tokens);
      for (var i = 0; i < tokens.length; i++) {
        if (!marks[i]) continue;
        var score = 0, seen = new Set();
        for (var j = i; j < Math.min(tokens.length, i + size); j++) {
          if (!marks[j]) continue;
          score += seen.has(tokens[j].key) ? 0.1 : 1;
          if (paired[j]) score += 0.5;
          seen.add(tokens[j].key);
        }
        if (!best || score > best.score) best = { score: score, text: text, tokens: tokens, marks: marks, start: i };
      }
    });
    if (!best) {
      var tokens = tokensOf(sources[0]);
      best = { text: sources[0], tokens: tokens, marks: tokens.map(function () { return false; }), start: 0 };
    }
    if (!best.tokens.length) return "";
    var first = Math.max(0, best.start - 6);
    var last = Math.min(best.tokens.length - 1, first + size);
    var from = first ? best.tokens[first].start : 0;
    var to = last < best.tokens.length - 1 ? best.tokens[last].end : best.text.length;
    var slice = best.text.slice(from, to);
    var sliceTokens = best.tokens.slice(first, last + 1).map(function (t) {
      return { start: t.start - from, end: t.end - from };
    });
    return (first ? "… " : "") + this.render(slice, sliceTokens, best.marks.slice(first, last + 1)) +
      (to < best.text.length ? " …" : "");
  };

  /* How the item writes a word the search guessed ("nghiep" → "nghiệp"), else the folded word. */
  function writtenAs(docs, key) {
    for (var d = 0; d < docs.length; d++) {
      var texts = [docs[d].title, docs[d].summary, docs[d].body];
      for (var i = 0; i < texts.length; i++) {
        var found = tokensOf(texts[i] || "").filter(function (t) { return t.key === key; })[0];
        if (found) return found.form;
      }
    }
    return key;
  }

  /* The query as searched, when it is not what was typed ("livestrem" → "livestream"): a word
   * replaced by its nearest, or typed in Telex or VNI. Null when every word was found as typed. */
  function searchedFor(terms, docs) {
    var changed = false;
    var words = terms.map(function (t) {
      var alt = t.alternatives[0];
      if (!alt) return t.word.typed;
      if (alt.how !== "exact") {
        changed = true;
        var top = docs.length ? docs[0].id : -1;  // the near word that weighs most in the first item
        var chosen = t.alternatives.reduce(function (best, a) {
          return (a.map.get(top) || 0) > (best.map.get(top) || 0) ? a : best;
        }, alt);
        return writtenAs(docs, chosen.key);
      }
      if (alt.key === t.word.decoded) {  // typed in Telex or VNI: as the items write it
        changed = true;
        var written = writtenAs(docs, alt.key);
        return written === alt.key ? t.word.meant : written;
      }
      return t.word.typed;
    });
    return changed ? words.join(" ") : null;
  }

  /* ---------- rendering ---------- */

  function meta_line(doc) {
    return [doc.kind_label, doc.unit, doc.date].filter(Boolean).map(escapeHtml)
      .join(" · ");
  }

  /* On the search page the title is the link; in the header box the whole item is (Material's look). */
  function renderResult(root, doc, terms, classes) {
    var marker = new Marker(terms, [doc.title, doc.summary || "", doc.body || ""]);
    var href = escapeHtml(new URL(doc.url, root).href);
    var title = marker.highlight(doc.title);
    var li = document.createElement("li");
    li.className = classes.item;
    var inner =
      '<h3 class="lantoa-search__title">' + (classes.page ? '<a class="' + classes.link + '" href="' + href + '">' +
        title + "</a>" : title) + "</h3>" +
      '<p class="lantoa-search__meta">' + meta_line(doc) + "</p>" +
      '<p class="' + classes.teaser + '">' + marker.excerpt(doc, EXCERPT_WORDS) + "</p>";
    li.innerHTML = classes.page ? '<article class="' + classes.article + '">' + inner + "</article>"
      : '<a class="' + classes.link + '" href="' + href + '"><article class="' + classes.article + '">' + inner +
        "</article></a>";
    li.dataset.url = doc.url;
    return li;
  }

  /* 12345 → "12.345" as in Vietnamese, without toLocaleString("vi-VN"), whose locale data cost
   * 15 ms on the first query in Chromium. */
  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function countText(n) {
    return n ? number(n) + " kết quả" : "Không tìm thấy kết quả";
  }

  function quoted(text) {
    return "«" + text + "»";
  }

  /* What the page says about a result: its count, and that no item has every word when so. */
  function summary(result, query) {
    var partial = result.ids.length - result.full;
    if (!result.ids.length) return { status: countText(0), note: "" };
    if (result.full) {
      return { status: countText(result.full) + (partial ? " · " + number(partial) +
        " kết quả gần đúng" : ""), note: "" };
    }
    var note = result.nameQuery ? "Không có bài nào nhắc đến " + quoted(query.trim()) + "."
      : "Không có kết quả nào chứa đủ các từ " + quoted(query.trim()) + ".";
    return { status: note + " Các kết quả gần nhất: " + number(partial) + ".", note: note };
  }

  /* ---------- the search page ---------- */

  function SearchPage(element, index, root) {
    this.el = element;
    this.index = index;
    this.root = root;
    this.form = element.querySelector("form");
    this.input = this.form.elements.q;
    this.status = element.querySelector("[data-lantoa-status]");
    this.note = element.querySelector("[data-lantoa-note]");
    this.list = element.querySelector("[data-lantoa-results]");
    this.partialHeading = element.querySelector("[data-lantoa-partial-heading]");
    this.partialList = element.querySelector("[data-lantoa-partial]");
    this.filterCount = element.querySelector("[data-lantoa-filter-count]");
    this.more = element.querySelector("[data-lantoa-more]");
    this.run = 0;
    this.shown = 0;
    this.ids = [];
    this.full = 0;
    this.terms = [];
  }

  SearchPage.prototype.start = function () {
    var self = this;
    var params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    var timer = null;
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      self.query();
      self.input.blur();  // the phone's keyboard goes away: the results take the screen
    });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      self.index.prefetch(self.input.value);
      timer = setTimeout(function () { self.query(); }, DEBOUNCE_MS);
    });
    this.input.addEventListener("focus", function () { self.index.warm(); });
    this.more.addEventListener("click", function () { self.showMore(); });
    return this.index.load().then(function (meta) {
      FACETS.forEach(function (facet) { self.fillSelect(facet, meta, params.get(facet)); });
      self.form.addEventListener("change", function (e) { if (e.target !== self.input) self.query(); });
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
    var set = Object.keys(filters).length;
    if (this.filterCount) this.filterCount.textContent = set ? " (" + set + " đang chọn)" : "";
    this.updateUrl(filters);
    this.el.setAttribute("aria-busy", "true");
    var query = this.input.value;
    return search(this.index, query, filters, function () { return run === self.run; }).then(function (result) {
      if (!result || run !== self.run) return;
      self.terms = result.terms;
      self.ids = result.ids;
      self.full = result.full;
      self.shown = 0;
      var empty = !result.terms.length && !set;
      var said = summary(result, query);
      return self.showMore(run, function () {
        self.list.textContent = "";
        if (self.partialList) self.partialList.textContent = "";
        if (self.partialHeading) self.partialHeading.hidden = !(result.ids.length > result.full);
        self.status.textContent = empty ? "Nhập từ cần tìm, có dấu hoặc không dấu." : said.status;
      }).then(function (docs) {
        if (run !== self.run || !self.note) return;
        var instead = docs && searchedFor(result.terms, docs);
        self.note.textContent = instead ? "Đang hiện kết quả cho " + quoted(instead) : "";
        self.note.hidden = !instead;
      });
    }).then(function () {
      if (run === self.run) self.el.removeAttribute("aria-busy");
    });
  };

  /* Shows the next page of results; `before` runs just before the first of them is added. */
  SearchPage.prototype.showMore = function (run, before) {
    var self = this;
    run = run || this.run;
    if (run !== this.run) return Promise.resolve();
    var from = this.shown;
    var slice = this.ids.slice(from, from + PAGE_SIZE);
    this.shown += slice.length;
    return Promise.all(slice.map(function (id) { return self.index.record(id); })).then(function (docs) {
      if (run !== self.run) return;
      if (before) before();
      self.more.hidden = self.shown >= self.ids.length;
      docs.forEach(function (doc, i) {
        var list = from + i < self.full || !self.partialList ? self.list : self.partialList;
        list.appendChild(renderResult(self.root, doc, self.terms, PAGE_CLASSES));
      });
      return docs;
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
    page: true, item: "lantoa-search__item", link: "lantoa-search__link",
    article: "lantoa-search__article", teaser: "lantoa-search__excerpt",
  };
  var HEADER_CLASSES = {
    page: false, item: "md-search-result__item", link: "md-search-result__link",
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
    this.input.addEventListener("focus", function () {
      if (toggle) toggle.checked = true;
      self.index.warm();
    });
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
      self.index.prefetch(self.input.value);
      timer = setTimeout(function () { self.query(); }, DEBOUNCE_MS);
    });
    this.form.addEventListener("reset", function () {
      self.run++;
      if (self.list) self.list.textContent = "";
      if (self.meta) self.meta.textContent = "Nhập từ cần tìm";
    });
    /* Loaded at the first touch of the box (search-scripts.html): what the reader did meanwhile. */
    if (document.activeElement === this.input) {
      if (toggle) toggle.checked = true;
      this.index.warm();
    }
    if (this.input.value.trim()) this.query();
  };

  HeaderBox.prototype.query = function () {
    var self = this;
    var run = ++this.run;
    if (!this.list) return Promise.resolve();
    var query = this.input.value;
    return search(this.index, query, {}, function () { return run === self.run; }).then(function (result) {
      if (!result || run !== self.run) return;
      return Promise.all(result.ids.slice(0, INSTANT_SIZE).map(function (id) {
        return self.index.record(id);
      })).then(function (docs) {
        if (run !== self.run) return;
        self.list.textContent = "";
        var instead = searchedFor(result.terms, docs);
        self.meta.textContent = !result.terms.length ? "Nhập từ cần tìm"
          : summary(result, query).status + (instead ? " · Đang hiện kết quả cho " + quoted(instead) : "");
        docs.forEach(function (doc) {
          self.list.appendChild(renderResult(self.root, doc, result.terms, HEADER_CLASSES));
        });
        if (result.ids.length > INSTANT_SIZE) {
          var li = document.createElement("li");
          li.className = "md-search-result__item lantoa-search__all";
          var a = document.createElement("a");
          a.className = "md-search-result__link";
          a.href = self.form.action + "?q=" + encodeURIComponent(query.trim());
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
  /* The site's root as the template gives it: "../" on a page, "/" or "/sub/" on the 404 page
   * (which MkDocs renders with an absolute base). "//" would be a host, not a path. */
  var rootPath = ((config && config.getAttribute("data-lantoa-root")) || "./").replace(/^\/{2,}/, "/");
  var root = new URL(rootPath, document.baseURI);
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

  window.lantoaSearch = { fold: fold, syllables: syllables, shardOf: shardOf, search: search, index: index,
    parse: parse };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);  /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
