// site-builder Thai search, run in front of Material's search worker.
//
// Material's worker answers SETUP with READY and QUERY with RESULT, after building
// a lunr index of every document in the browser (seconds on a phone for a few
// hundred pages of segmented Thai). This part answers both messages itself, from
// the index as it is: SETUP only flattens each document's title and text, and a
// QUERY reads them. A page is found when its text holds every part of the query as
// typed (lower case, either digit form, spaces a reader left out between Thai
// words) starting where a word starts: after a space, a U+200B the build put at a
// word boundary (also where a word begins inside a longer one: มี|ประสิทธิภาพ), or
// any character that is not a Thai letter; a Latin word or a number at the start
// of a word. So a word inside a compound and a phrase copied from a page are found,
// and a lone syllable inside a word (เมิน of ประเมิน) is not. Results are scored
// like Material's (title far above text, the page above its sections), grouped by
// page as Material's are, and each text shows the passages that hold the query,
// highlighted. When no page holds every part, the pages holding some are given,
// with the missing parts marked as missing (Material's own display). If anything
// here fails, Material's own search is set up and asked instead.
//
// site_builder/search/__init__.py puts this file, as it is, in front of the worker's
// code (and shifts Material's source map by its lines): any comment style is safe.
(function () {
  "use strict";

  // Material's SearchMessageType (integrations/search/worker/message): the numbers
  // are its enum's order. Material is pinned; tests/test_search.py runs its worker.
  const MessageType = Object.freeze({ SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 });
  // Material's field boosts (title 1000, text 1, tags 10⁶) and lunr's BM25 k1.
  const BOOST = Object.freeze({ title: 1000, text: 1, tags: 1e6 });
  const K1 = 1.2;
  const MAX_QUERY = 500; // characters of a query read
  const MAX_COUNT = 20; // occurrences counted per field and part
  const BEFORE = 40; // characters of context before a match
  const AFTER = 110; // and after it
  const PASSAGES = 2; // passages shown per section
  const LEAD = 160; // characters shown of a section that matched by its title only

  const THAI_LETTER = "\\u0e01-\\u0e3a\\u0e40-\\u0e4e";
  const STARTS_THAI = new RegExp("^[" + THAI_LETTER + "]");
  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

  const scope = self;
  const realPost = scope.postMessage.bind(scope);
  const realListen = scope.addEventListener.bind(scope);
  let pages = null;
  let options = {};
  let separator = /[\s\u200b\-]+/;
  let setupMessage = null;
  let materialReady = false;
  let capture = null;
  let queue = Promise.resolve();

  function decode(text) {
    return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (all, name) => {
      if (name.charAt(0) !== "#") { return ENTITIES[name.toLowerCase()] || all; }
      const code = name.charAt(1).toLowerCase() === "x"
        ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
        ? String.fromCodePoint(code) : all;
    });
  }

  // What a reader sees of an indexed title or text: tags as spaces, entities
  // decoded, ํา written ำ. The U+200B word boundaries are kept.
  function visible(html) {
    return decode(String(html == null ? "" : html).replace(/<[^<>]*>/g, " "))
      .replace(/\u0e4d\u0e32/g, "\u0e33");
  }

  // The same text folded for matching, character for character (so that a match in
  // it is a match at the same place in the visible text): lower case, Thai digits
  // as Arabic ones.
  function fold(text) {
    let lower = text.toLowerCase();
    if (lower.length !== text.length) {
      lower = text.replace(/[^]/g, (c) => (c.toLowerCase().length === 1 ? c.toLowerCase() : c));
    }
    return lower.replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function escapeHtml(text) {
    return text.replace(/\u200b/g, "").replace(/\s+/g, " ")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function setup(index) {
    separator = new RegExp(index.config.separator || "[\\s\\-]+");
    options = index.options || {};
    const articles = new Map();
    pages = index.docs.map((doc) => {
      const location = String(doc.location);
      const path = location.split("#")[0];
      if (!articles.has(path)) { articles.set(path, location); }
      return {
        doc: doc,
        location: location,
        article: articles.get(path),
        title: fold(visible(doc.title)),
        text: fold(visible(doc.text)),
        tags: Array.isArray(doc.tags) ? fold(visible(doc.tags.join(" \u200b"))) : "",
      };
    });
  }

  // The parts of a query: split at white space and the index's separator, lunr's
  // query syntax taken as spaces, folded as the texts are; no repeats.
  function partsOf(query) {
    const text = fold(String(query).slice(0, MAX_QUERY).replace(/\u0e4d\u0e32/g, "\u0e33"));
    const parts = [];
    for (const piece of text.split(/[\s+*~^]+/)) {
      for (const part of piece.split(separator)) {
        if (part && parts.indexOf(part) < 0) { parts.push(part); }
      }
    }
    return parts;
  }

  // Where a part may match: a Thai part where no Thai letter is just before it,
  // across the word boundaries and any spaces between its letters; any other at the
  // start of a word or number, across word boundaries only.
  function patternOf(part) {
    const letters = Array.from(part).map(escapeRegExp);
    if (STARTS_THAI.test(part)) {
      return new RegExp("(?<![" + THAI_LETTER + "])" + letters.join("[\\s\\u200b]*"), "gu");
    }
    return new RegExp("(?<![0-9a-z.,])" + letters.join("\\u200b?"), "gu");
  }

  function count(pattern, text) {
    if (!text) { return 0; }
    pattern.lastIndex = 0;
    let n = 0;
    while (n < MAX_COUNT && pattern.exec(text)) { n++; }
    return n;
  }

  // The matches of `patterns` in text[from, to), merged where they overlap.
  function ranges(patterns, text, from, to) {
    const found = [];
    for (const pattern of patterns) {
      pattern.lastIndex = from;
      let match;
      while ((match = pattern.exec(text)) && match.index < to) {
        found.push([match.index, match.index + match[0].length]);
      }
    }
    found.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged = [];
    for (const range of found) {
      const last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) { last[1] = Math.max(last[1], range[1]); } else { merged.push(range); }
    }
    return merged;
  }

  // The visible text from..to, escaped, with the ranges in it marked.
  function marked(text, from, to, marks) {
    let html = "";
    let at = from;
    for (const [start, end] of marks) {
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (b <= a) { continue; }
      html += escapeHtml(text.slice(at, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
      at = b;
    }
    return html + escapeHtml(text.slice(at, to));
  }

  function isBreak(c) {
    return c === "\u200b" || /\s/.test(c);
  }

  // A passage start: the first word start in the BEFORE characters before `at`.
  function passageStart(text, at) {
    for (let i = Math.max(0, at - BEFORE); i < at; i++) {
      if (i === 0 || isBreak(text.charAt(i - 1))) { return i; }
    }
    return at;
  }

  // A passage end: the last word end in the `span` characters after `at`.
  function passageEnd(text, at, span) {
    const limit = Math.min(text.length, at + span);
    if (limit === text.length) { return limit; }
    for (let i = limit; i > at; i--) {
      if (isBreak(text.charAt(i))) { return i; }
    }
    return limit;
  }

  // The passages of a section's text that hold the query (at most PASSAGES, the
  // first occurrence of each part first), or its first words when none does.
  function snippet(page, patterns) {
    const text = shownText(page);
    const firsts = [];
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      const match = pattern.exec(page.text);
      if (match) { firsts.push([match.index, match.index + match[0].length]); }
    }
    if (!firsts.length) {
      const end = passageEnd(text, 0, LEAD);
      const lead = escapeHtml(text.slice(0, end)).trim();
      return lead ? "<p>" + lead + (end < text.length ? " …" : "") + "</p>" : "";
    }
    firsts.sort((a, b) => a[0] - b[0]);
    const passages = [];
    for (const [start, end] of firsts) {
      if (passages.length === PASSAGES) { break; }
      if (passages.some(([from, to]) => start >= from && start < to)) { continue; }
      passages.push([passageStart(text, start), passageEnd(text, end, AFTER)]);
    }
    const html = passages.map(([from, to]) => {
      const marks = ranges(patterns, page.text, from, to);
      return (from > 0 ? "… " : "") + marked(text, from, to, marks).trim() + (to < text.length ? " …" : "");
    });
    return "<p>" + html.join(" ") + "</p>";
  }

  // A section's text as a reader sees it, made when first shown.
  function shownText(page) {
    if (page.shown === undefined) { page.shown = visible(page.doc.text); }
    return page.shown;
  }

  function saturate(n) {
    return n ? (n * (K1 + 1)) / (n + K1) : 0;
  }

  // Every page section holding all parts (or, when none does, some), scored.
  function matches(parts, patterns) {
    const hits = [];
    for (const page of pages) {
      const counts = patterns.map((pattern) =>
        [count(pattern, page.title), count(pattern, page.text), count(pattern, page.tags)]);
      const present = counts.filter((c) => c[0] + c[1] + c[2] > 0).length;
      if (present) { hits.push({ page: page, counts: counts, present: present }); }
    }
    const every = hits.filter((hit) => hit.present === parts.length);
    const chosen = every.length ? every : hits;
    const df = parts.map((_, k) => chosen.filter((hit) => hit.counts[k].some((n) => n)).length);
    const total = pages.length;
    for (const hit of chosen) {
      let score = 0;
      hit.counts.forEach(([title, text, tags], k) => {
        const idf = Math.log(1 + Math.abs((total - df[k] + 0.5) / (df[k] + 0.5)));
        score += idf * (BOOST.title * saturate(title) + BOOST.text * saturate(text) + BOOST.tags * saturate(tags));
      });
      // Material's post-query boost: the page itself, and the share of parts found.
      const boost = (hit.page.article === hit.page.location ? 1 : 0) + hit.present / parts.length;
      const own = Number(hit.page.doc.boost);
      hit.score = score * (1 + boost * boost) * (own > 0 ? own : 1);
    }
    return chosen.sort((a, b) => b.score - a.score);
  }

  function termsOf(parts, hit) {
    const terms = {};
    parts.forEach((part, k) => {
      const found = !hit || hit.counts[k].some((n) => n);
      terms[part] = found;
      const thai = part.replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
      if (found && thai !== part) { terms[thai] = true; }
    });
    return terms;
  }

  function item(page, patterns, score, terms) {
    const doc = page.doc;
    const title = visible(doc.title);
    const result = {
      location: page.location,
      title: marked(title, 0, title.length, ranges(patterns, page.title, 0, title.length)).trim(),
      text: snippet(page, patterns),
      score: score,
      terms: terms,
    };
    if (Array.isArray(doc.tags)) { result.tags = doc.tags.slice(); }
    if (doc.boost !== undefined) { result.boost = doc.boost; }
    return result;
  }

  // Material's result: the sections grouped by their page, best first, each group
  // holding its page (added with score 0 when only sections matched).
  function search(query) {
    const parts = partsOf(query);
    if (!parts.length) { return { items: [] }; }
    const patterns = parts.map(patternOf);
    const groups = new Map();
    for (const hit of matches(parts, patterns)) {
      const key = hit.page.article;
      if (!groups.has(key)) { groups.set(key, []); }
      groups.get(key).push(item(hit.page, patterns, hit.score, termsOf(parts, hit)));
    }
    const byLocation = new Map(pages.map((page) => [page.location, page]));
    for (const [key, items] of groups) {
      if (!items.some((entry) => entry.location === key)) {
        items.push(item(byLocation.get(key), patterns, 0, {}));
      }
    }
    const result = { items: Array.from(groups.values()) };
    if (options.suggest) { result.suggest = []; }
    return result;
  }

  // Hand one message to Material's own listener; its reply (or null when it fails)
  // is caught by the postMessage below instead of going to the page.
  function ask(handler, message) {
    return new Promise((resolve) => {
      capture = resolve;
      const running = handler({ data: message });
      if (running && typeof running.catch === "function") {
        running.catch(() => {
          if (capture === resolve) { capture = null; resolve(null); }
        });
      }
    });
  }

  async function material(handler, message) {
    if (message && message.type === MessageType.SETUP) {
      materialReady = true;
      return ask(handler, message);
    }
    if (!materialReady && setupMessage) {
      materialReady = true;
      await ask(handler, setupMessage);
    }
    return ask(handler, message);
  }

  async function handle(message, handler) {
    const type = message ? message.type : undefined;
    let reply = null;
    try {
      if (type === MessageType.SETUP) {
        setupMessage = message;
        materialReady = false;
        pages = null;
        setup(message.data);
        reply = { type: MessageType.READY };
      } else if (type === MessageType.QUERY && pages && typeof message.data === "string") {
        reply = { type: MessageType.RESULT, data: search(message.data) };
      } else {
        reply = await material(handler, message);
      }
    } catch (err) {
      console.warn("site-builder search:", err);
      pages = null;
      reply = await material(handler, message);
    }
    if (reply) { realPost(reply); }
  }

  scope.postMessage = function (message) {
    if (capture) {
      const done = capture;
      capture = null;
      done(message);
    } else {
      realPost(message);
    }
  };

  scope.addEventListener = function (type, handler, options) {
    if (type !== "message") { return realListen(type, handler, options); }
    return realListen("message", (event) => {
      queue = queue.then(() => handle(event.data, handler));
    }, options);
  };
})();
