// Runs a built site's own search worker (Material's, with the site-builder part in
// front) in Node's vm module, as a browser would: SETUP with the site's index, then
// one QUERY per line of input. Prints one JSON line per query:
// {"query": ..., "locations": [...], "marks": [...]}, and with --items also
// "items": [{"location", "title", "text", "terms"}, ...] as the page would show them.
//   node tests/js/search.js SITE_DIR [--items] < queries.txt
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

// Material's SearchMessageType: SETUP 0 -> READY 1, QUERY 2 -> RESULT 3.
const SETUP = 0;
const QUERY = 2;

const site = process.argv[2];
const withItems = process.argv.includes("--items");
const workers = path.join(site, "assets/javascripts/workers");
const file = fs.readdirSync(workers).find((f) => /^search\..*\.js$/.test(f));
const code = fs.readFileSync(path.join(workers, file), "utf8");
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));

const listeners = [];
let reply = null;
const context = {
  console,
  setTimeout,
  importScripts: () => {},
  addEventListener: (type, fn) => { if (type === "message") listeners.push(fn); },
  postMessage: (message) => { if (reply) { const r = reply; reply = null; r(message); } },
};
context.self = context;
vm.createContext(context);
vm.runInContext(code, context);

function send(message) {
  return new Promise((resolve) => {
    reply = resolve;
    for (const fn of listeners) fn({ data: message });
  });
}

(async () => {
  const started = process.hrtime.bigint();
  await send({ type: SETUP, data: { ...index, options: { suggest: false } } });
  const setupMs = Number(process.hrtime.bigint() - started) / 1e6;
  process.stderr.write(`setup ${setupMs.toFixed(1)} ms\n`);
  const queries = fs.readFileSync(0, "utf8").split("\n").filter((q) => q.trim());
  for (const query of queries) {
    const result = await send({ type: QUERY, data: query });
    const locations = [];
    const marks = [];
    const items = [];
    for (const group of result.data.items) {
      for (const item of group) {
        locations.push(item.location);
        items.push({ location: item.location, title: item.title, text: item.text, terms: item.terms });
        for (const field of ["title", "text"]) {
          for (const m of String(item[field] || "").matchAll(/<mark>(.*?)<\/mark>/g)) {
            marks.push(m[1].replace(/\u200b/g, ""));
          }
        }
      }
    }
    const answer = { query, locations, marks: [...new Set(marks)] };
    if (withItems) { answer.items = items; }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
})();
