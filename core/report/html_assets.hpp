// The stylesheet and the script of the HTML report, inlined into every page and pinned by their SHA-256 in
// the page's Content-Security-Policy. The script only reads the page and toggles `hidden`, classes and
// counts; it never builds markup from text.
#pragma once

namespace surveycheck::report::html {

// Screen and print styles; no background colour behind text when printed.
inline constexpr const char style[] = R"css(
:root { color-scheme: light; --error: #a4001d; --warning: #7a4b00; --info: #00528a; --muted: #555; --line: #ccc; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0; display: inline; }
h4 { font-size: 1rem; margin: 1rem 0 .3rem; color: #333; }
h5 { font-size: .95rem; margin: .7rem 0 .3rem; font-weight: 600; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: .88em; overflow-wrap: anywhere; }
a { color: #0645ad; }
.path { font-family: "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.muted, .where, .xpath { color: var(--muted); }
.verdict { font-weight: 700; font-size: 1.05rem; margin: .3rem 0; padding: .3rem .6rem; border-left: 6px solid; }
.verdict-passed { border-color: #1b7a2e; color: #1b5e20; }
.verdict-review { border-color: var(--warning); color: var(--warning); }
.verdict-failed { border-color: var(--error); color: var(--error); }
.verdict-incomplete { border-color: var(--warning); color: var(--warning); }
.totals { margin: .3rem 0; }
.totals b { font-size: 1.1rem; }
.sev-error .badge-sev, .count-error { color: var(--error); }
.sev-warning .badge-sev, .count-warning { color: var(--warning); }
.sev-info .badge-sev, .count-info { color: var(--info); }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: 3px; padding: 0 .35rem; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; }
.badge-waived { color: var(--muted); }
#filters { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .8rem; margin: 1rem 0; background: #f7f7f7; }
#filters fieldset { border: 0; margin: 0; padding: .2rem 0; }
#filters legend { font-weight: 700; padding: 0; float: left; margin-right: .8rem; }
#filters label { display: inline-block; margin: 0 1rem .2rem 0; white-space: nowrap; }
#filters .rule-title { color: var(--muted); white-space: normal; }
#filters button { font: inherit; margin-left: .3rem; }
.filter-note { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { white-space: nowrap; }
td.text { overflow-wrap: anywhere; min-width: 8rem; }
thead th { border-bottom: 2px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; width: 5.5rem; }
td.num.zero { color: #999; }
tr.contribution-row td:first-child { padding-left: 1.5rem; }
tr.file-row { background: #f2f2f2; }
details.file, details.contribution { margin: .6rem 0; }
details.file > summary { font-size: 1.15rem; font-weight: 700; margin-top: 1.4rem; border-bottom: 2px solid var(--line); cursor: pointer; }
details.contribution { border: 1px solid var(--line); border-radius: 4px; padding: .4rem .8rem; }
details.contribution > summary { cursor: pointer; }
.counts { display: block; margin-left: 1.1rem; font-size: .9rem; }
.counts span { margin-right: .6rem; }
.unreadable { color: var(--error); font-weight: 600; }
ol.findings { list-style: none; margin: 0; padding: 0; }
li.finding { border-left: 4px solid var(--line); margin: .4rem 0; padding: .3rem .7rem; }
li.finding.sev-error { border-left-color: var(--error); }
li.finding.sev-warning { border-left-color: var(--warning); }
li.finding.sev-info { border-left-color: var(--info); }
li.finding.waived { border-left-style: dashed; opacity: .85; }
li.finding p { margin: .15rem 0; }
.finding-head { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
.label { font-weight: 600; margin-right: .3rem; }
.excerpt q { font-style: italic; overflow-wrap: anywhere; white-space: pre-wrap; }
.message { font-weight: 600; }
.xpath { font-size: .8rem; }
table.items { border-collapse: collapse; margin: .3rem 0; font-size: .9rem; }
table.items th, table.items td { border-bottom: 1px solid var(--line); padding: .15rem .5rem; text-align: left; vertical-align: top; }
table.items tr.waived { opacity: .7; }
.no-match { color: var(--muted); font-style: italic; }
ul.problems li { color: var(--error); }
footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; color: #000; }
  #filters, .screen-only { display: none !important; }
  tr.file-row, #filters { background: none; }
  details.contribution { border: 0; padding: 0; }
  details > summary { list-style: none; }
  details > summary::-webkit-details-marker { display: none; }
  li.finding, tr, h4, h5 { break-inside: avoid; }
  h2, h4, h5, details > summary { break-after: avoid; }
  a { color: #000; }
  li.finding.waived { opacity: 1; }
}
)css";

// Filters by severity and rule from the form and the URL fragment (#severity=error,warning&rule=ID),
// recounts what is shown, opens everything for printing, and marks the page once it ran.
inline constexpr const char script[] = R"js(
(function () {
  'use strict';
  var doc = document;
  function all(selector) { return Array.prototype.slice.call(doc.querySelectorAll(selector)); }
  var findings = all('li.finding');
  var severityBoxes = all('#filters input[name="severity"]');
  var ruleBoxes = all('#filters input[name="rule"]');

  function checkedValues(boxes) {
    var values = {};
    boxes.forEach(function (box) { if (box.checked) values[box.value] = true; });
    return values;
  }
  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, ' ')); } catch (e) { return text; }
  }
  // {severity: [...], rule: [...]} from "#severity=a,b&rule=c"; a key that is absent selects everything.
  function parseFragment(hash) {
    var filter = {};
    hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) return;
      var key = decode(part.slice(0, eq));
      if (key !== 'severity' && key !== 'rule') return;
      var raw = part.slice(eq + 1);
      filter[key] = raw === '' ? [] : raw.split(',').map(decode);
    });
    return filter;
  }
  function isFilterFragment(hash) { return /(^#|&)(severity|rule)=/.test(hash); }
  function setBoxes(boxes, values) {
    boxes.forEach(function (box) { box.checked = !values || values.indexOf(box.value) >= 0; });
  }
  function fragmentOf(boxes, key) {
    if (boxes.every(function (box) { return box.checked; })) return null;
    return key + '=' + boxes.filter(function (box) { return box.checked; })
      .map(function (box) { return encodeURIComponent(box.value); }).join(',');
  }

  function apply() {
    var severities = checkedValues(severityBoxes);
    var rules = checkedValues(ruleBoxes);
    var counts = {};
    var shown = 0;
    var bySeverity = {};
    var byRule = {};
    findings.forEach(function (finding) {
      var severity = finding.getAttribute('data-severity');
      var rule = finding.getAttribute('data-rule');
      var severityOk = severities[severity] === true;
      var ruleOk = rules[rule] === true;
      if (ruleOk) bySeverity[severity] = (bySeverity[severity] || 0) + 1;
      if (severityOk) byRule[rule] = (byRule[rule] || 0) + 1;
      var visible = severityOk && ruleOk;
      finding.hidden = !visible;
      if (!visible) return;
      ++shown;
      var key = finding.getAttribute('data-waived') === '1' ? 'waived' : severity;
      finding.getAttribute('data-scopes').split(' ').forEach(function (scope) {
        counts[scope + ' ' + key] = (counts[scope + ' ' + key] || 0) + 1;
      });
    });
    all('[data-count]').forEach(function (cell) {
      var n = counts[cell.getAttribute('data-scope') + ' ' + cell.getAttribute('data-count')] || 0;
      cell.textContent = String(n);
      cell.classList.toggle('zero', n === 0);
    });
    all('[data-severity-count]').forEach(function (cell) {
      cell.textContent = String(bySeverity[cell.getAttribute('data-severity-count')] || 0);
    });
    all('[data-rule-count]').forEach(function (cell) {
      cell.textContent = String(byRule[cell.getAttribute('data-rule-count')] || 0);
    });
    all('.group').forEach(function (group) {
      group.hidden = group.querySelector('li.finding:not([hidden])') === null;
    });
    all('.no-match').forEach(function (note) {
      note.hidden = note.parentNode.querySelector('li.finding:not([hidden])') !== null;
    });
    var note = doc.getElementById('filter-note');
    if (note) {
      var filtered = shown !== findings.length;
      note.hidden = !filtered;
      doc.getElementById('shown-count').textContent = String(shown);
      var parts = [];
      var description = doc.getElementById('filter-description');
      if (fragmentOf(severityBoxes, 'severity'))
        parts.push(description.getAttribute('data-severity-label') + Object.keys(severities).join(', '));
      if (fragmentOf(ruleBoxes, 'rule'))
        parts.push(description.getAttribute('data-rule-label') + Object.keys(rules).join(', '));
      description.textContent = parts.join('; ');
    }
    doc.documentElement.setAttribute('data-shown', String(shown));
  }

  function applyFragment() {
    var filter = parseFragment(location.hash);
    setBoxes(severityBoxes, filter.severity);
    setBoxes(ruleBoxes, filter.rule);
    apply();
  }
  function saveFragment() {
    var parts = [fragmentOf(severityBoxes, 'severity'), fragmentOf(ruleBoxes, 'rule')]
      .filter(function (part) { return part !== null; });
    var url = location.href.replace(/#.*$/, '') + (parts.length ? '#' + parts.join('&') : '');
    try { history.replaceState(null, '', url); } catch (e) { /* a page without history keeps its URL */ }
  }

  severityBoxes.concat(ruleBoxes).forEach(function (box) {
    box.addEventListener('change', function () { apply(); saveFragment(); });
  });
  function setAll(boxes, checked) {
    boxes.forEach(function (box) { box.checked = checked; });
    apply();
    saveFragment();
  }
  var reset = doc.getElementById('show-all');
  if (reset) reset.addEventListener('click', function () { setAll(severityBoxes.concat(ruleBoxes), true); });
  var none = doc.getElementById('no-rule');
  if (none) none.addEventListener('click', function () { setAll(ruleBoxes, false); });
  window.addEventListener('hashchange', function () {
    if (isFilterFragment(location.hash)) applyFragment();
  });
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = all('details:not([open])');
    closed.forEach(function (details) { details.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (details) { details.open = false; });
  });

  if (isFilterFragment(location.hash)) applyFragment(); else apply();
  doc.documentElement.setAttribute('data-script', 'ready');
})();
)js";

}  // namespace surveycheck::report::html
