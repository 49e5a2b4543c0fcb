// site-builder Thai search, run in front of Material's search worker.
//
// Material's worker handles messages SETUP -> READY and QUERY -> RESULT. On SETUP
// this collects the index's own words; on QUERY it splits a Thai run typed without
// spaces into those words (fewest pieces, the last one may be unfinished) and asks
// for all of them as required prefix terms, and for a wide reading (each run's
// opening word); it keeps the pages that hold the run as typed, and when there are
// none it gives Material's own reading of the query, so that typing never shows a
// transient zero. Results are highlighted again: the whole typed run where the text
// has it, the digit form the reader did not type (2566 and ๒๕๖๖), and no marks on
// filler pieces such as การ that only came from splitting.
//
// site_builder/search/__init__.py puts this file, as it is, in front of the worker's
// code (and shifts Material's source map by its lines): any comment style is safe.
(function () {
  "use strict";

  // Material's SearchMessageType (integrations/search/worker/message): the numbers
  // are its enum's order. Material is pinned; tests/test_search.py runs its worker.
  const MessageType = Object.freeze({ SETUP: 0, READY: 1, QUERY: 2, RESULT: 3 });

  const scope = self;
  const realPost = scope.postMessage.bind(scope);
  const realListen = scope.addEventListener.bind(scope);
  const THAI = /[\u0e01-\u0e3a\u0e40-\u0e4e]/;
  const SYNTAX = /(^|\s)[+\-]|[:~^*"]/;
  const FILLERS = new Set(["การ", "ความ", "ของ", "และ", "ใน", "ที่", "ให้", "มี", "เป็น", "ได้", "จะ", "โดย", "กับ", "แก่", "ซึ่ง", "หรือ", "ต่อ", "จาก", "เพื่อ", "ไม่", "นี้", "ผู้", "แห่ง"]);
  let words = new Set();
  let sorted = [];
  let docs = new Map();
  let flat = new Map();
  // Until SETUP: then the index's own config.separator (and what it gives).
  let separator = /[\s\u200b\-]+/;
  let boundary = boundaryOf(separator.source);
  let capture = null;
  let queue = Promise.resolve();

  function normalize(text) {
    return text.replace(/\u0e4d\u0e32/g, "\u0e33").toLowerCase();
  }

  function otherDigits(text) {
    const thai = "๐๑๒๓๔๕๖๗๘๙";
    const toArabic = text.replace(/[๐-๙]/g, (d) => String(thai.indexOf(d)));
    if (toArabic !== text) { return toArabic; }
    return text.replace(/[0-9]/g, (d) => thai.charAt(Number(d)));
  }

  // Where a highlight may start (a lookbehind alternative): after a character the
  // index splits at, after "." (พ.ศ., 92.45) or after a Thai letter (a word inside a
  // Thai run). A separator that is one character class with "+" (what the index
  // has) gives one class; any other is used whole.
  function boundaryOf(source) {
    const single = /^\[((?:\\.|[^\\\]])*)\]\+$/.exec(source);
    if (single) { return "[" + single[1] + ".\\u0e01-\\u0e4e]"; }
    return "(?:" + source + ")|[.\\u0e01-\\u0e4e]";
  }

  function learn(text) {
    if (typeof text !== "string") { return; }
    for (const token of text.replace(/<[^>]*>/g, " ").split(separator)) {
      const word = normalize(token);
      if (word) { words.add(word); }
    }
  }

  // Is `piece` the start of an index word? (binary search in the sorted words)
  function isPrefix(piece) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < piece) { lo = mid + 1; } else { hi = mid; }
    }
    return lo < sorted.length && sorted[lo].slice(0, piece.length) === piece;
  }

  function plain(text) {
    return normalize(String(text || "").replace(/<[^>]*>/g, " ").replace(/\u200b/g, ""));
  }

  function setup(index) {
    words = new Set();
    docs = new Map();
    flat = new Map();
    separator = new RegExp(index.config.separator);
    boundary = boundaryOf(index.config.separator);
    for (const doc of index.docs) {
      learn(doc.title);
      learn(doc.text);
      learn(doc.alias);
      docs.set(doc.location, doc);
    }
    sorted = Array.from(words).sort();
  }

  // The text of one indexed document as a reader typed it: made when first needed.
  function textOf(location) {
    let text = flat.get(location);
    const doc = docs.get(location);
    if (!text && doc) {
      const visible = plain(doc.title) + "\n" + plain(doc.text);
      text = { spaced: visible + "\n" + plain(doc.alias), tight: visible.replace(/\s+/g, "") };
      flat.set(location, text);
    }
    return text;
  }

  // A run typed without spaces is found where the page has it as typed (or in the
  // other digit form, or with spaces the reader left out), not where its pieces are
  // scattered over the page.
  function contains(location, parts) {
    const text = textOf(location);
    if (!text) { return true; }
    return parts.every((pieces) => pieces.every((piece) =>
      [piece, otherDigits(piece)].some((form) =>
        text.spaced.indexOf(form) >= 0 || text.tight.indexOf(form) >= 0)));
  }

  function keepPhrases(result, parts) {
    const groups = [];
    for (const group of result.data.items) {
      const found = group.filter((item) => contains(item.location, parts));
      if (!found.length) { continue; }
      groups.push(group.filter((item) => found.indexOf(item) >= 0 || item.location.indexOf("#") < 0));
    }
    result.data.items = groups;
    return result;
  }

  // The typed part as the fewest index words, the last of which may be unfinished
  // (a prefix), longest first piece first; null when the index has no such words.
  function fewestWords(part) {
    const n = part.length;
    const best = new Array(n + 1);
    best[n] = 0;
    for (let i = n - 1; i >= 0; i--) {
      best[i] = Infinity;
      for (let j = i + 1; j <= n; j++) {
        if (j === n ? isPrefix(part.slice(i)) : words.has(part.slice(i, j))) {
          best[i] = Math.min(best[i], best[j] + 1);
        }
      }
    }
    if (best[0] === Infinity) { return null; }
    const pieces = [];
    for (let at = 0; at < n;) {
      let end = n;
      for (; end > at; end--) {
        const piece = part.slice(at, end);
        const fits = end === n ? isPrefix(piece) : words.has(piece);
        if (fits && best[end] + 1 === best[at]) { break; }
      }
      pieces.push(part.slice(at, end));
      at = end;
    }
    return pieces;
  }

  // The shortest index word the typed run starts with (two letters at least): its
  // prefix term finds every page with the run at a word start, however the page's
  // own text was cut into words; the phrase check then keeps the right ones.
  function opening(part) {
    for (let j = Math.min(2, part.length); j < part.length; j++) {
      if (words.has(part.slice(0, j))) { return part.slice(0, j); }
    }
    return part;
  }

  // Two readings of the query: the fewest index words for each run (ranked first),
  // and a wide one (the opening word of each run) for pages whose text was cut into
  // words differently.
  function plans(query) {
    const parts = normalize(query).trim().split(/\s+/)
      .map((part) => part.split(separator).filter((p) => p))
      .filter((pieces) => pieces.length);
    const fewest = [];
    const wide = [];
    for (const pieces of parts) {
      if (pieces.length !== 1 || !THAI.test(pieces[0])) {
        fewest.push(pieces);
        wide.push(pieces);
        continue;
      }
      fewest.push(fewestWords(pieces[0]) || pieces);
      wide.push([opening(pieces[0])]);
    }
    return { parts: parts, plans: [fewest, wide] };
  }

  function toQuery(plan) {
    return plan.flatMap((pieces) => pieces.map((p) => "+" + p + "*")).join(" ");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // A needle matched at a word start or inside a Thai word, across U+200B.
  function needleSource(needle) {
    return Array.from(needle).map(escapeRegExp).join("[\\s\u200b]?");
  }

  function mark(html, needles) {
    if (!needles.length) { return html; }
    const source = "(?<=^|" + boundary + ")(" + needles.map(needleSource).join("|") + ")";
    const pattern = new RegExp(source, "gi");
    return html.split(/(<[^>]*>)/).map((chunk) =>
      chunk.charAt(0) === "<" ? chunk : chunk.replace(pattern, "<mark>$1</mark>")).join("");
  }

  function needlesFor(parsed, plan) {
    return function (plainText) {
      const tight = plainText.replace(/[\s\u200b]+/g, "").toLowerCase();
      const needles = [];
      parsed.parts.forEach((pieces, k) => {
        const whole = [];
        for (const piece of pieces) {
          if (pieces.length > 1 && piece.length < 2) { continue; }
          for (const n of [piece, otherDigits(piece)]) {
            if (tight.indexOf(n) >= 0) { whole.push(n); }
          }
        }
        if (whole.length) { needles.push(...whole); return; }
        for (const piece of plan[k] || []) {
          if (piece.length < 2 || FILLERS.has(piece)) { continue; }
          needles.push(piece);
          if (otherDigits(piece) !== piece) { needles.push(otherDigits(piece)); }
        }
      });
      return needles.sort((a, b) => b.length - a.length);
    };
  }

  // From the first block with a mark on, for texts Material did not cut to a match.
  function focus(html) {
    const at = html.indexOf("<mark>");
    if (at < 0) { return html; }
    const start = Math.max(html.lastIndexOf("<p>", at), html.lastIndexOf("<li>", at), 0);
    return html.slice(start);
  }

  function highlight(result, parsed, plan) {
    const pick = needlesFor(parsed, plan);
    for (const group of result.data.items) {
      for (const item of group) {
        for (const field of ["title", "text"]) {
          if (typeof item[field] !== "string") { continue; }
          const hadMarks = item[field].indexOf("<mark>") >= 0;
          const unmarked = item[field].replace(/<\/?mark>/g, "");
          const marked = mark(unmarked, pick(unmarked.replace(/<[^>]*>/g, " ")));
          item[field] = field === "text" && !hadMarks ? focus(marked) : marked;
        }
      }
    }
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

  function askQuery(handler, text) {
    return ask(handler, { type: MessageType.QUERY, data: text });
  }

  async function query(handler, text) {
    if (SYNTAX.test(text) || !text.trim()) { return askQuery(handler, text); }
    const parsed = plans(text);
    let merged = null;
    const seen = new Set();
    const asked = new Set();
    for (const plan of parsed.plans) {
      const terms = toQuery(plan);
      if (asked.has(terms)) { continue; }
      asked.add(terms);
      const result = await askQuery(handler, terms);
      if (!result || !result.data) { continue; }
      keepPhrases(result, parsed.parts);
      if (!merged) { merged = result; merged.data.items = []; }
      for (const group of result.data.items) {
        const key = group[0].location.split("#")[0];
        if (!seen.has(key)) { seen.add(key); merged.data.items.push(group); }
      }
    }
    if (merged && merged.data.items.length) { return highlight(merged, parsed, parsed.plans[0]); }
    const fallback = await askQuery(handler, text);
    return fallback && fallback.data ? highlight(fallback, parsed, parsed.plans[0]) : fallback;
  }

  async function handle(message, handler) {
    const type = message ? message.type : undefined;
    let reply;
    try {
      if (type === MessageType.SETUP) { setup(message.data); }
      if (type === MessageType.QUERY && typeof message.data === "string") {
        reply = await query(handler, message.data);
      } else {
        reply = await ask(handler, message);
      }
    } catch (err) {
      console.warn("site-builder search:", err);
      reply = type === MessageType.QUERY ? await ask(handler, message) : null;
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
