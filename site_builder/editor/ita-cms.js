// The form editor's YAML, for site-builder content: every scalar stays text.
//
// Decap CMS (and Sveltia CMS) read YAML as YAML 1.2 and write it back, so an unquoted
// phone number 0712345 would come back as 712345 and a version 3.10 as 3.1.  This file
// registers two formats that read with js-yaml's failsafe schema (every scalar a
// string, as site-builder's own loader reads them) and write every value as a string
// in one canonical shape, leaving out what was emptied in the form: a single value
// where the format takes a list becomes a list of one, and a part that may be written
// as one text (responsible: สำนักปลัด) becomes its fields ({unit: สำนักปลัด}), as
// ita-shapes.js (generated from the models) says for each document kind.  It is loaded
// before the editor, which it then starts itself.
/* global CMS, jsyaml, ItaShapes */
"use strict";

window.CMS_MANUAL_INIT = true;

(function () {
  var PAGE_NAME = "page_name"; // a new page's file name: asked in the form, never written

  function isMap(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // A value as the form shows it: the canonical shape of `shape` (see config.py).
  function canonical(value, shape) {
    if (!shape || value === null || value === undefined) return value;
    if (shape.list) {
      var items = Array.isArray(value) ? value : [value];
      return items.map(function (item) { return canonical(item, shape.item); });
    }
    if (shape.text && typeof value === "string") {
      var key = shape.text === "url|file" ? (value.indexOf("://") >= 0 ? "url" : "file") : shape.text;
      var one = {};
      one[key] = value;
      return one;
    }
    if (shape.fields && isMap(value)) {
      var result = {};
      Object.keys(value).forEach(function (k) { result[k] = canonical(value[k], shape.fields[k]); });
      return result;
    }
    return value;
  }

  function load(text, shape) {
    var data = jsyaml.load(text || "", { schema: jsyaml.FAILSAFE_SCHEMA });
    return isMap(data) ? canonical(data, shape) : {};
  }

  // What is written: strings (numbers and true/false from any widget as text), lists and
  // mappings, nothing empty.
  function clean(value) {
    if (value === null || value === undefined) return undefined;
    if (Array.isArray(value)) {
      var items = value.map(clean).filter(function (v) { return v !== undefined; });
      return items.length ? items : undefined;
    }
    if (typeof value === "object") {
      if (typeof value.toJS === "function") return clean(value.toJS());
      var result = {};
      Object.keys(value).forEach(function (key) {
        var v = clean(value[key]);
        if (v !== undefined) result[key] = v;
      });
      return Object.keys(result).length ? result : undefined;
    }
    var text = String(value);
    return text.trim() === "" ? undefined : text;
  }

  // The fields of every object in the models' order (the form adds them as they are filled).
  function ordered(value, shape) {
    if (!shape) return value;
    if (Array.isArray(value)) {
      return value.map(function (item) { return ordered(item, shape.item); });
    }
    if (!isMap(value)) return value;
    var keys = (shape.order || []).filter(function (k) { return Object.prototype.hasOwnProperty.call(value, k); });
    Object.keys(value).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
    var result = {};
    keys.forEach(function (k) { result[k] = ordered(value[k], (shape.fields || {})[k]); });
    return result;
  }

  function dump(data, shape) {
    var cleaned = clean(data) || {};
    return jsyaml.dump(ordered(cleaned, shape), {
      // The default schema quotes every text YAML 1.2 would read as something else.
      lineWidth: -1,
      noRefs: true,
      quotingType: '"',
    });
  }

  function yamlFormat(shape) {
    return {
      fromFile: function (text) { return load(text, shape); },
      toFile: function (data) { return dump(data, shape); },
    };
  }

  var FRONT = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
  function pageFormat(shape) {
    return {
      fromFile: function (text) {
        var match = FRONT.exec(text || "");
        var data = match ? load(match[1], shape) : {};
        data.body = match ? text.slice(match[0].length) : text || "";
        return data;
      },
      toFile: function (data) {
        var meta = Object.assign({}, data && data.toJS ? data.toJS() : data);
        var body = meta.body === undefined || meta.body === null ? "" : String(meta.body);
        delete meta.body;
        delete meta[PAGE_NAME];
        return "---\n" + dump(meta, shape) + "---\n" + body;
      },
    };
  }

  // One format per document kind: ita-measures, ita-report, ita-page …
  var formats = {};
  Object.keys(window.ItaShapes || {}).forEach(function (kind) {
    var shape = window.ItaShapes[kind];
    formats["ita-" + kind] = kind === "page"
      ? { extension: "md", format: pageFormat(shape) }
      : { extension: "yml", format: yamlFormat(shape) };
  });
  window.ItaCms = { formats: formats, canonical: canonical };

  window.addEventListener("DOMContentLoaded", function () {
    Object.keys(formats).forEach(function (name) {
      CMS.registerCustomFormat(name, formats[name].extension, formats[name].format);
    });
    CMS.init();
  });
})();
