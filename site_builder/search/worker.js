/* site-builder Thai search, run in front of Material's search worker.
   Material's worker handles messages SETUP (0) -> READY (1) and QUERY (2) -> RESULT (3).
   On SETUP this collects the index's own words; on QUERY it splits a Thai run typed
   without spaces into those words (fewest pieces, the last one may be unfinished) and
   asks for all of them as required prefix terms, and for a wide reading (each run's
   opening word); it keeps the pages that hold the run as typed, and when there are
   none it gives Material's own reading of the query, so that typing never shows a
   transient zero. Results are highlighted again: the whole typed run where the
   text has it, the digit form the reader did not type (2566 and ๒๕๖๖), and no marks
   on filler pieces such as การ that only came from splitting.
   This file is joined into one line: block comments only, every statement ends in ;. */
(function () {
  "use strict";
  var scope = self;
  var realPost = scope.postMessage.bind(scope);
  var realListen = scope.addEventListener.bind(scope);
  var THAI = /[\u0e01-\u0e3a\u0e40-\u0e4e]/;
  var SYNTAX = /(^|\s)[+\-]|[:~^*"]/;
  var FILLERS = new Set(["การ", "ความ", "ของ", "และ", "ใน", "ที่", "ให้", "มี", "เป็น", "ได้", "จะ", "โดย", "กับ", "แก่", "ซึ่ง", "หรือ", "ต่อ", "จาก", "เพื่อ", "ไม่", "นี้", "ผู้", "แห่ง"]);
  var words = new Set();
  var sorted = [];
  var docs = new Map();
  var flat = new Map();
  var separator = /[\s\u200b\-]+/;
  var capture = null;
  var queue = Promise.resolve();

  function normalize(text) {
    return text.replace(/\u0e4d\u0e32/g, "\u0e33").toLowerCase();
  }

  function otherDigits(text) {
    var thai = "๐๑๒๓๔๕๖๗๘๙";
    var toArabic = text.replace(/[๐-๙]/g, function (d) { return String(thai.indexOf(d)); });
    if (toArabic !== text) { return toArabic; }
    return text.replace(/[0-9]/g, function (d) { return thai.charAt(Number(d)); });
  }

  function learn(text) {
    if (typeof text !== "string") { return; }
    var tokens = text.replace(/<[^>]*>/g, " ").split(separator);
    for (var i = 0; i < tokens.length; i++) {
      var token = normalize(tokens[i]);
      if (token) { words.add(token); }
    }
  }

  /* Is `piece` the start of an index word? (binary search in the sorted words) */
  function isPrefix(piece) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
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
    for (var i = 0; i < index.docs.length; i++) {
      var doc = index.docs[i];
      learn(doc.title);
      learn(doc.text);
      learn(doc.alias);
      docs.set(doc.location, doc);
    }
    sorted = Array.from(words).sort();
  }

  /* The text of one indexed document as a reader typed it: made when first needed. */
  function textOf(location) {
    var text = flat.get(location);
    var doc = docs.get(location);
    if (!text && doc) {
      var visible = plain(doc.title) + "\n" + plain(doc.text);
      text = { spaced: visible + "\n" + plain(doc.alias), tight: visible.replace(/\s+/g, "") };
      flat.set(location, text);
    }
    return text;
  }

  /* A run typed without spaces is found where the page has it as typed (or in the
     other digit form, or with spaces the reader left out), not where its pieces are
     scattered over the page. */
  function contains(location, parts) {
    var text = textOf(location);
    if (!text) { return true; }
    return parts.every(function (pieces) {
      return pieces.every(function (piece) {
        return [piece, otherDigits(piece)].some(function (form) {
          return text.spaced.indexOf(form) >= 0 || text.tight.indexOf(form) >= 0;
        });
      });
    });
  }

  function keepPhrases(result, parts) {
    var groups = [];
    result.data.items.forEach(function (group) {
      var found = group.filter(function (item) { return contains(item.location, parts); });
      if (!found.length) { return; }
      groups.push(group.filter(function (item) {
        return found.indexOf(item) >= 0 || item.location.indexOf("#") < 0;
      }));
    });
    result.data.items = groups;
    return result;
  }

  /* The typed part as the fewest index words, the last of which may be unfinished
     (a prefix), longest first piece first; null when the index has no such words. */
  function fewestWords(part) {
    var n = part.length;
    var best = new Array(n + 1);
    best[n] = 0;
    for (var i = n - 1; i >= 0; i--) {
      best[i] = Infinity;
      for (var j = i + 1; j <= n; j++) {
        if (j === n ? isPrefix(part.slice(i)) : words.has(part.slice(i, j))) {
          best[i] = Math.min(best[i], best[j] + 1);
        }
      }
    }
    if (best[0] === Infinity) { return null; }
    var pieces = [];
    for (var at = 0; at < n;) {
      for (var end = n; end > at; end--) {
        var piece = part.slice(at, end);
        var fits = end === n ? isPrefix(piece) : words.has(piece);
        if (fits && best[end] + 1 === best[at]) { break; }
      }
      pieces.push(part.slice(at, end));
      at = end;
    }
    return pieces;
  }

  /* The shortest index word the typed run starts with (two letters at least): its
     prefix term finds every page with the run at a word start, however the page's
     own text was cut into words; the phrase check then keeps the right ones. */
  function opening(part) {
    for (var j = Math.min(2, part.length); j < part.length; j++) {
      if (words.has(part.slice(0, j))) { return part.slice(0, j); }
    }
    return part;
  }

  /* Two readings of the query: the fewest index words for each run (ranked first),
     and a wide one (the opening word of each run) for pages whose text was cut into
     words differently. */
  function plans(query) {
    var parts = normalize(query).trim().split(/\s+/).map(function (part) {
      return part.split(separator).filter(function (p) { return p; });
    }).filter(function (pieces) { return pieces.length; });
    var fewest = [];
    var wide = [];
    parts.forEach(function (pieces) {
      if (pieces.length !== 1 || !THAI.test(pieces[0])) {
        fewest.push(pieces);
        wide.push(pieces);
        return;
      }
      fewest.push(fewestWords(pieces[0]) || pieces);
      wide.push([opening(pieces[0])]);
    });
    return { parts: parts, plans: [fewest, wide] };
  }

  function toQuery(plan) {
    var terms = [];
    plan.forEach(function (pieces) {
      pieces.forEach(function (p) { terms.push("+" + p + "*"); });
    });
    return terms.join(" ");
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* A needle matched at a word start or inside a Thai word, across U+200B. */
  function needleSource(needle) {
    return Array.from(needle).map(escapeRegExp).join("[\\s\u200b]?");
  }

  function mark(html, needles) {
    if (!needles.length) { return html; }
    var source = "(?<=^|[\\s\\u200b\\-_,:!?=()\\[\\]\"“”‘’/|·–—.\\u0e01-\\u0e4e])(" +
      needles.map(needleSource).join("|") + ")";
    var pattern = new RegExp(source, "gi");
    return html.split(/(<[^>]*>)/).map(function (chunk) {
      return chunk.charAt(0) === "<" ? chunk : chunk.replace(pattern, "<mark>$1</mark>");
    }).join("");
  }

  function needlesFor(parsed, plan) {
    return function (plain) {
      var tight = plain.replace(/[\s\u200b]+/g, "").toLowerCase();
      var needles = [];
      parsed.parts.forEach(function (pieces, k) {
        var whole = [];
        pieces.forEach(function (piece) {
          if (pieces.length > 1 && piece.length < 2) { return; }
          [piece, otherDigits(piece)].forEach(function (n) { if (tight.indexOf(n) >= 0) { whole.push(n); } });
        });
        if (whole.length) { needles.push.apply(needles, whole); return; }
        (plan[k] || []).forEach(function (piece) {
          if (piece.length < 2 || FILLERS.has(piece)) { return; }
          needles.push(piece);
          if (otherDigits(piece) !== piece) { needles.push(otherDigits(piece)); }
        });
      });
      return needles.sort(function (a, b) { return b.length - a.length; });
    };
  }

  /* From the first block with a mark on, for texts Material did not cut to a match. */
  function focus(html) {
    var at = html.indexOf("<mark>");
    if (at < 0) { return html; }
    var start = Math.max(html.lastIndexOf("<p>", at), html.lastIndexOf("<li>", at), 0);
    return html.slice(start);
  }

  function highlight(result, parsed, plan) {
    var pick = needlesFor(parsed, plan);
    result.data.items.forEach(function (group) {
      group.forEach(function (item) {
        ["title", "text"].forEach(function (field) {
          if (typeof item[field] !== "string") { return; }
          var hadMarks = item[field].indexOf("<mark>") >= 0;
          var plain = item[field].replace(/<\/?mark>/g, "");
          var marked = mark(plain, pick(plain.replace(/<[^>]*>/g, " ")));
          item[field] = field === "text" && !hadMarks ? focus(marked) : marked;
        });
      });
    });
    return result;
  }

  function ask(handler, message) {
    return new Promise(function (resolve) {
      capture = resolve;
      var running = handler({ data: message });
      if (running && typeof running.catch === "function") {
        running.catch(function () {
          if (capture === resolve) { capture = null; resolve(null); }
        });
      }
    });
  }

  async function query(handler, text) {
    if (SYNTAX.test(text) || !text.trim()) { return ask(handler, { type: 2, data: text }); }
    var parsed = plans(text);
    var merged = null;
    var seen = new Set();
    var asked = new Set();
    for (var i = 0; i < parsed.plans.length; i++) {
      var terms = toQuery(parsed.plans[i]);
      if (asked.has(terms)) { continue; }
      asked.add(terms);
      var result = await ask(handler, { type: 2, data: terms });
      if (!result || !result.data) { continue; }
      keepPhrases(result, parsed.parts);
      if (!merged) { merged = result; merged.data.items = []; }
      result.data.items.forEach(function (group) {
        var key = group[0].location.split("#")[0];
        if (!seen.has(key)) { seen.add(key); merged.data.items.push(group); }
      });
    }
    if (merged && merged.data.items.length) { return highlight(merged, parsed, parsed.plans[0]); }
    var fallback = await ask(handler, { type: 2, data: text });
    return fallback && fallback.data ? highlight(fallback, parsed, parsed.plans[0]) : fallback;
  }

  async function handle(message, handler) {
    var reply;
    try {
      if (message && message.type === 0) { setup(message.data); }
      if (message && message.type === 2 && typeof message.data === "string") {
        reply = await query(handler, message.data);
      } else {
        reply = await ask(handler, message);
      }
    } catch (err) {
      console.warn("site-builder search:", err);
      reply = message && message.type === 2 ? await ask(handler, message) : null;
    }
    if (reply) { realPost(reply); }
  }

  scope.postMessage = function (message) {
    if (capture) {
      var done = capture;
      capture = null;
      done(message);
    } else {
      realPost(message);
    }
  };

  scope.addEventListener = function (type, handler, options) {
    if (type !== "message") { return realListen(type, handler, options); }
    return realListen("message", function (event) {
      queue = queue.then(function () { return handle(event.data, handler); });
    }, options);
  };
})();
