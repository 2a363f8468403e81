#include "reports/html_assets.h"

namespace wirecheck::reports {

// The page's script: plain ES5-level JavaScript, no libraries. It reads the JSON blocks that
// html.cpp writes (fields listed in html_data.cpp), builds the matrix, applies the filters
// and renders a cell's detail when it is opened. Text from the data enters the document
// through textContent and setAttribute only; the one HTML string built here (a row's cells)
// holds nothing but fixed class names and letters.
//
// State (filters and the open cell) is mirrored in the URL fragment:
//   #verdict=fail,error&level=MUST,SHOULD&suite=NAME&tag=NAME&q=TEXT&target=TEXT&case=ID&t=N
// read on load and on hashchange, written (replaceState) on every change.
const char* const kHtmlScript = R"JS(
(function () {
'use strict';
var errors = document.getElementById('wc-errors');
window.addEventListener('error', function (e) {
  errors.hidden = false;
  errors.textContent += 'script error: ' + e.message + '\n';
});

var VERDICTS = ['pass', 'warn', 'fail', 'error', 'skip'];
var LETTER = {pass: 'p', warn: 'w', fail: 'f', error: 'e', skip: 's'};
var NAME = {p: 'pass', w: 'warn', f: 'fail', e: 'error', s: 'skip', n: 'not run'};
var LEVELS = ['MUST', 'SHOULD', 'MAY'];

function byId(id) { return document.getElementById(id); }
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function add(parent, child) { parent.appendChild(child); return child; }
function txt(parent, text) { parent.appendChild(document.createTextNode(String(text))); }
function chip(verdict) { return el('span', 'chip v-' + (LETTER[verdict] ? verdict : 'none'), verdict); }
function letterOf(ch) { return NAME[ch] && ch !== 'n' ? ch : 'n'; }

var data = JSON.parse(byId('wc-data').textContent);
var cases = data.cases, targets = data.targets, groups = data.groups;
var nT = targets.length, nC = cases.length;
var cells = data.cells.map(function (s) {
  var out = '';
  for (var i = 0; i < s.length; i++) out += letterOf(s.charAt(i));
  return out;
});
var idToRow = {};
cases.forEach(function (c, i) { idToRow[c.id] = i; });

var detailCache = [];
function detailOf(t, c) {
  if (!detailCache[t]) {
    var block = byId('wc-d-' + t);
    detailCache[t] = block ? JSON.parse(block.textContent) : [];
  }
  return detailCache[t][c] || null;
}

// ---- state and the URL fragment ----------------------------------------------------------
function freshState() {
  var s = {q: '', verdicts: {}, levels: {}, suite: '', tag: '', target: '', open: null};
  VERDICTS.forEach(function (v) { s.verdicts[v] = true; });
  LEVELS.forEach(function (l) { s.levels[l] = true; });
  return s;
}
var state = freshState();

function setFromList(all, value) {
  var set = {}, any = false;
  value.split(',').forEach(function (w) {
    w = w.trim();
    all.forEach(function (a) {
      if (a.toLowerCase() === w.toLowerCase()) { set[a] = true; any = true; }
    });
  });
  if (!any) return null;
  all.forEach(function (a) { set[a] = !!set[a]; });
  return set;
}

function readHash() {
  var s = freshState();
  var h = location.hash.replace(/^#/, '');
  var openId = null, openT = 0;
  h.split('&').forEach(function (part) {
    if (!part) return;
    var eq = part.indexOf('=');
    var key = eq < 0 ? part : part.slice(0, eq);
    var value = '';
    try { value = decodeURIComponent((eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' ')); }
    catch (e) { return; }
    if (key === 'verdict') s.verdicts = setFromList(VERDICTS, value) || s.verdicts;
    else if (key === 'level') s.levels = setFromList(LEVELS, value) || s.levels;
    else if (key === 'suite') s.suite = value;
    else if (key === 'tag') s.tag = value;
    else if (key === 'q') s.q = value;
    else if (key === 'target') s.target = value;
    else if (key === 'case') openId = value;
    else if (key === 't') openT = parseInt(value, 10) || 0;
  });
  if (openId !== null && idToRow.hasOwnProperty(openId) && openT >= 0 && openT < nT) {
    s.open = {c: idToRow[openId], t: openT};
  }
  state = s;
}

function listOf(set, all) {
  var on = all.filter(function (a) { return set[a]; });
  return on.length === all.length ? null : on.join(',');
}

function writeHash() {
  var parts = [];
  function put(k, v) { if (v !== null && v !== '') parts.push(k + '=' + encodeURIComponent(v)); }
  put('verdict', listOf(state.verdicts, VERDICTS));
  put('level', listOf(state.levels, LEVELS));
  put('suite', state.suite);
  put('tag', state.tag);
  put('q', state.q);
  put('target', state.target);
  if (state.open) { put('case', cases[state.open.c].id); put('t', String(state.open.t)); }
  var url = parts.length ? '#' + parts.join('&') : location.pathname + location.search;
  try { history.replaceState(null, '', url); } catch (e) { /* some file: URLs refuse */ }
}

// ---- filters -------------------------------------------------------------------------------
var controls = {verdicts: {}, levels: {}};
function buildFilters() {
  var bar = byId('wc-filters');
  bar.textContent = '';
  var q = add(bar, el('input'));
  q.type = 'search';
  q.id = 'wc-q';
  q.placeholder = 'search case id or title';
  q.addEventListener('input', function () { state.q = q.value; changed(); });
  controls.q = q;

  function boxes(legend, names, set, label) {
    var fs = add(bar, el('fieldset'));
    add(fs, el('legend', null, legend));
    names.forEach(function (n) {
      var lab = add(fs, el('label'));
      var box = add(lab, el('input'));
      box.type = 'checkbox';
      box.id = 'wc-' + legend + '-' + n;
      box.addEventListener('change', function () { state[set][n] = box.checked; changed(); });
      add(lab, label(n));
      controls[set][n] = box;
    });
  }
  boxes('verdict', VERDICTS, 'verdicts', chip);
  boxes('level', LEVELS, 'levels', function (n) { return el('span', null, n); });

  function select(id, all, values, key) {
    if (!values.length) return;
    var s = add(bar, el('select'));
    s.id = id;
    add(s, el('option', null, all)).value = '';
    values.forEach(function (v) { add(s, el('option', null, v)).value = v; });
    s.addEventListener('change', function () { state[key] = s.value; changed(); });
    controls[key] = s;
  }
  select('wc-suite', 'all suites', data.suites, 'suite');
  select('wc-tag', 'all tags', data.tags, 'tag');

  if (nT > 1) {
    var t = add(bar, el('input'));
    t.type = 'search';
    t.id = 'wc-target';
    t.placeholder = 'target name';
    t.addEventListener('input', function () { state.target = t.value; changed(); });
    controls.target = t;
  }
  var reset = add(bar, el('button', null, 'reset'));
  reset.type = 'button';
  reset.id = 'wc-reset';
  reset.addEventListener('click', function () {
    var open = state.open;
    state = freshState();
    state.open = open;
    syncControls();
    changed();
  });
}

function syncControls() {
  controls.q.value = state.q;
  VERDICTS.forEach(function (v) { controls.verdicts[v].checked = state.verdicts[v]; });
  LEVELS.forEach(function (l) { controls.levels[l].checked = state.levels[l]; });
  if (controls.suite) controls.suite.value = state.suite;
  if (controls.tag) controls.tag.value = state.tag;
  if (controls.target) controls.target.value = state.target;
}

// ---- the matrix ------------------------------------------------------------------------------
var table = byId('wc-matrix');
var rowEl = [], groupEl = [], groupCount = [];
var columnStyle = add(document.head, el('style'));

function buildMatrix() {
  table.className = 'matrix ' + (nT > 1 ? 'many' : 'one');
  var head = add(add(table, el('thead')), el('tr'));
  add(head, el('th', 'corner', 'case'));
  add(head, el('th', null, 'level'));
  targets.forEach(function (t, i) {
    var th = add(head, el('th', 'tg', t.name || ('target ' + (i + 1))));
    th.title = t.name;
  });
  var body = add(table, el('tbody'));
  groups.forEach(function (g, gi) {
    var gr = add(body, el('tr', 'grp'));
    var gh = add(gr, el('th', null, g.title));
    gh.colSpan = 2 + nT;
    groupCount[gi] = add(gh, el('span'));
    groupEl[gi] = gr;
    g.cases.forEach(function (c) {
      var k = cases[c];
      var tr = add(body, el('tr', 'case'));
      tr.setAttribute('data-c', String(c));
      tr.setAttribute('data-id', k.id);
      var th = add(tr, el('th', 'case'));
      add(th, el('code', null, k.id));
      var title = add(th, el('span', 't', k.title));
      title.title = k.title;
      add(tr, el('td', 'lv', k.level));
      var html = '';
      for (var t = 0; t < nT; t++) {
        var ch = cells[t].charAt(c) || 'n';
        html += '<td class="c ' + ch + '">' +
            (nT > 1 ? (ch === 'n' ? '&middot;' : ch.toUpperCase()) : '<span>' + NAME[ch] + '</span>') +
            '</td>';
      }
      tr.insertAdjacentHTML('beforeend', html);
      rowEl[c] = tr;
    });
  });
  // Tooltips are set when a cell is first pointed at: 40,000 title attributes up front
  // would cost more than the matrix itself.
  table.addEventListener('mouseover', function (e) {
    var node = e.target;
    if (node.tagName === 'SPAN') node = node.parentNode;
    if (node.tagName !== 'TD' || !node.classList.contains('c') || node.title) return;
    var tr = node.parentNode;
    var c = parseInt(tr.getAttribute('data-c'), 10);
    var t = Array.prototype.indexOf.call(tr.children, node) - 2;
    node.title = targets[t].name + ': ' + NAME[cells[t].charAt(c) || 'n'] + ' \u2014 ' + cases[c].id;
  });
  table.addEventListener('click', function (e) {
    var node = e.target;
    while (node && node !== table && node.tagName !== 'TD' && node.tagName !== 'TH') node = node.parentNode;
    if (!node || node === table) return;
    var tr = node.parentNode;
    if (!tr.hasAttribute('data-c')) return;
    var c = parseInt(tr.getAttribute('data-c'), 10);
    var t;
    if (node.classList.contains('c')) {
      t = Array.prototype.indexOf.call(tr.children, node) - 2;
    } else {
      t = firstInteresting(c);
    }
    openDetail(c, t);
  });
}

// The column to open when a row's name is clicked: the first shown target that did not pass.
function firstInteresting(c) {
  var shown = shownTargets(), first = -1;
  for (var t = 0; t < nT; t++) {
    if (!shown[t]) continue;
    if (first < 0) first = t;
    var ch = cells[t].charAt(c);
    if (ch !== 'p' && ch !== 'n') return t;
  }
  return first < 0 ? 0 : first;
}

function shownTargets() {
  var q = state.target.toLowerCase();
  return targets.map(function (t) { return !q || String(t.name).toLowerCase().indexOf(q) >= 0; });
}

function rowMatches(c, shown, allVerdicts) {
  var k = cases[c];
  if (!state.levels[k.level]) return false;
  if (state.suite && k.suite !== state.suite) return false;
  if (state.tag && k.tags.indexOf(state.tag) < 0) return false;
  var q = state.q.trim().toLowerCase();
  if (q && (k.id + ' ' + k.title).toLowerCase().indexOf(q) < 0) return false;
  if (allVerdicts) return true;
  for (var t = 0; t < nT; t++) {
    if (shown[t] && state.verdicts[NAME[cells[t].charAt(c)]]) return true;
  }
  return false;
}

function apply() {
  var shown = shownTargets();
  var rules = '';
  var shownCount = 0;
  shown.forEach(function (s, t) {
    if (s) shownCount++;
    else rules += '#wc-matrix tr>:nth-child(' + (t + 3) + '){display:none}\n';
  });
  columnStyle.textContent = rules;
  var allVerdicts = VERDICTS.every(function (v) { return state.verdicts[v]; });
  var cls = 'matrix ' + (nT > 1 ? 'many' : 'one');
  if (!allVerdicts) {
    VERDICTS.forEach(function (v) { if (!state.verdicts[v]) cls += ' dim-' + LETTER[v]; });
    cls += ' dim-n';
  }
  table.className = cls;

  var tally = {p: 0, w: 0, f: 0, e: 0, s: 0, n: 0};
  var rows = 0;
  groups.forEach(function (g, gi) {
    var inGroup = 0;
    g.cases.forEach(function (c) {
      var ok = rowMatches(c, shown, allVerdicts);
      rowEl[c].hidden = !ok;
      if (!ok) return;
      inGroup++;
      for (var t = 0; t < nT; t++) {
        if (!shown[t]) continue;
        var ch = cells[t].charAt(c) || 'n';
        if (allVerdicts || state.verdicts[NAME[ch]]) tally[ch]++;
      }
    });
    groupEl[gi].hidden = inGroup === 0;
    groupCount[gi].textContent = inGroup === g.cases.length
        ? g.cases.length + (g.cases.length === 1 ? ' case' : ' cases')
        : inGroup + ' of ' + g.cases.length + ' cases';
    rows += inGroup;
  });

  var status = byId('wc-status');
  status.textContent = '';
  status.setAttribute('data-rows', String(rows));
  status.setAttribute('data-targets', String(shownCount));
  txt(status, 'showing ');
  add(status, el('b', null, rows + ' of ' + nC));
  txt(status, nC === 1 ? ' case' : ' cases');
  if (nT > 1) {
    txt(status, ' \u00d7 ');
    add(status, el('b', null, shownCount + ' of ' + nT));
    txt(status, ' targets');
  }
  var parts = [];
  VERDICTS.forEach(function (v) {
    status.setAttribute('data-' + v, String(tally[LETTER[v]]));
    if (tally[LETTER[v]]) parts.push(tally[LETTER[v]] + ' ' + v);
  });
  if (tally.n) parts.push(tally.n + ' not run');
  txt(status, parts.length ? ' \u2014 in view: ' + parts.join(' \u00b7 ') : '');
  byId('wc-empty').hidden = rows > 0;
}

function changed() {
  apply();
  writeHash();
}

// ---- bytes: escaped text with offsets, and hex ---------------------------------------------------
function decode(b64) {
  var s = atob(b64 || '');
  var a = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) a[i] = s.charCodeAt(i);
  return a;
}
var HEX = '0123456789abcdef';
function hex2(b) { return HEX.charAt(b >> 4) + HEX.charAt(b & 15); }
// The same escapes as the other reports (harness::escape_bytes).
function escByte(b) {
  if (b === 13) return '\\r';
  if (b === 10) return '\\n';
  if (b === 9) return '\\t';
  if (b === 92) return '\\\\';
  if (b < 32 || b >= 127) return '\\x' + hex2(b);
  return String.fromCharCode(b);
}
function pad(s, w) { s = String(s); while (s.length < w) s = ' ' + s; return s; }

// Lines end after each LF and before the escaped text would pass 96 columns, like the text
// reports; `mark` is a stream offset.
function textLines(bytes, offset, mark) {
  var width = 96, lines = [], cur = {offset: offset, text: ''}, open = false;
  for (var i = 0; i < bytes.length; i++) {
    var e = escByte(bytes[i]);
    if (open && cur.text.length + e.length > width) {
      lines.push(cur);
      cur = {offset: offset + i, text: ''};
    }
    open = true;
    if (mark !== null && mark === offset + i) { cur.markAt = cur.text.length; cur.markWidth = e.length; }
    cur.text += e;
    if (bytes[i] === 10) {
      lines.push(cur);
      cur = {offset: offset + i + 1, text: ''};
      open = false;
    }
  }
  if (open) lines.push(cur);
  if (mark !== null && mark === offset + bytes.length) {
    if (!lines.length || !open || lines[lines.length - 1].text.length >= width) {
      lines.push({offset: offset + bytes.length, text: ''});
    }
    var last = lines[lines.length - 1];
    last.markAt = last.text.length;
    last.markWidth = 1;
  }
  return lines;
}

function renderText(pre, bytes, offset, mark, w) {
  textLines(bytes, offset, mark).forEach(function (line) {
    add(pre, el('span', 'o', pad(line.offset, w) + ' | '));
    txt(pre, line.text + '\n');
    if (line.markAt !== undefined) {
      add(pre, el('span', 'o', pad('', w) + ' | '));
      txt(pre, new Array(line.markAt + 1).join(' '));
      add(pre, el('span', 'm', new Array(line.markWidth + 1).join('^')));
      txt(pre, '\n');
    }
  });
}

function renderHex(pre, bytes, offset, mark, w) {
  for (var i = 0; i < bytes.length; i += 16) {
    add(pre, el('span', 'o', pad(offset + i, w) + ' | '));
    var ascii = '';
    for (var k = 0; k < 16; k++) {
      if (k === 8) txt(pre, ' ');
      if (i + k >= bytes.length) { txt(pre, '   '); continue; }
      var b = bytes[i + k];
      var h = hex2(b);
      if (mark !== null && mark === offset + i + k) add(pre, el('span', 'hb', h));
      else txt(pre, h);
      txt(pre, ' ');
      ascii += b >= 32 && b < 127 ? String.fromCharCode(b) : '.';
    }
    txt(pre, ' ' + ascii + '\n');
  }
}

var view = 'text';  // how bytes are shown in the detail panel: 'text' or 'hex'
var byteBlocks = [];
function bytesBlock(parent, b64, offset, mark, w) {
  var block = {pre: add(parent, el('pre', 'bytes')), bytes: decode(b64), offset: offset,
               mark: mark === undefined ? null : mark, w: w};
  block.pre.setAttribute('data-offset', String(offset));
  byteBlocks.push(block);
  drawBlock(block);
  return block;
}
function drawBlock(b) {
  b.pre.textContent = '';
  b.pre.className = 'bytes ' + view;
  (view === 'hex' ? renderHex : renderText)(b.pre, b.bytes, b.offset, b.mark, b.w);
}
function viewTabs(parent) {
  var tabs = add(parent, el('span', 'viewtabs'));
  ['text', 'hex'].forEach(function (v) {
    var b = add(tabs, el('button', v === view ? 'on' : '', v));
    b.type = 'button';
    b.setAttribute('data-view', v);
    b.addEventListener('click', function () { setView(v); });
  });
}
function setView(v) {
  view = v;
  byteBlocks.forEach(drawBlock);
  var tabs = byId('wc-detail').querySelectorAll('.viewtabs button');
  for (var i = 0; i < tabs.length; i++) {
    tabs[i].className = tabs[i].getAttribute('data-view') === v ? 'on' : '';
  }
}
function digits(n) { return String(n).length; }

// ---- the detail panel ----------------------------------------------------------------------------
var selected = null;
function openDetail(c, t) {
  state.open = {c: c, t: t};
  writeHash();
  renderDetail();
}
function closeDetail() {
  state.open = null;
  writeHash();
  renderDetail();
}

function row(dl, name, value) {
  if (Array.isArray(value)) value = value.join(', ');
  if (value === undefined || value === null || value === '') return;
  add(dl, el('dt', null, name));
  add(dl, el('dd', null, value));
}

function excerptHeading(x) {
  var begin = x.offset, end = x.offset + x.length;
  var s = x.direction + ' on ' + x.connection;
  if (!x.length) return s + ': nothing, at byte ' + begin + ':';
  s += ', bytes ' + begin + '-' + (end - 1);
  if (x.mark !== null && x.mark !== undefined) {
    if (x.mark === end) s += ', the problem right after the last one';
    else {
      s += ', the problem at byte ' + x.mark;
      if (x.mark < begin || x.mark > end) s += ' (outside these bytes)';
    }
  }
  return s + ':';
}

function renderDetail() {
  var panel = byId('wc-detail');
  if (selected) { selected.classList.remove('sel'); selected = null; }
  byteBlocks = [];
  panel.textContent = '';
  if (!state.open) { panel.hidden = true; return; }
  var c = state.open.c, t = state.open.t, k = cases[c], d = detailOf(t, c);
  var cellEl = rowEl[c] && rowEl[c].children[2 + t];
  if (cellEl) { cellEl.classList.add('sel'); selected = cellEl; }
  panel.hidden = false;
  panel.setAttribute('data-case', k.id);
  panel.setAttribute('data-target', String(t));

  var close = add(panel, el('button', 'close', '\u00d7'));
  close.type = 'button';
  close.title = 'close (Esc)';
  close.addEventListener('click', closeDetail);
  var h = add(panel, el('h2'));
  add(h, chip(d ? d.verdict : 'not run'));
  txt(h, ' ');
  add(h, el('code', null, k.id));
  add(panel, el('div', null, k.title));
  if (nT > 1) {
    var who = add(panel, el('p', 'muted'));
    txt(who, 'target ');
    add(who, el('b', null, targets[t].name));
    var strip = add(panel, el('div', 'others'));
    for (var o = 0; o < nT; o++) {
      (function (o) {
        var ch = cells[o].charAt(c) || 'n';
        var b = add(strip, el('button', ch + (o === t ? ' cur' : ''), ch === 'n' ? '\u00b7' : ch.toUpperCase()));
        b.type = 'button';
        b.title = targets[o].name + ': ' + NAME[ch];
        b.addEventListener('click', function () { openDetail(c, o); });
      })(o);
    }
  }
  var dl = add(panel, el('dl'));
  row(dl, 'section', k.section);
  row(dl, 'level', k.level);
  row(dl, 'suite', k.suite);
  row(dl, 'points', k.points);
  row(dl, 'tags', k.tags);
  row(dl, 'requires', k.requires);
  row(dl, 'defined at', k.where);
  if (d) row(dl, 'time', d.time);
  if (k.why) {
    add(panel, el('h3', null, 'why it matters'));
    add(panel, el('p', null, k.why));
  }
  if (k.requirement) {
    add(panel, el('h3', null, 'requirement'));
    var q = add(panel, el('blockquote', 'req'));
    add(q, el('div', null, '\u201c' + k.requirement + '\u201d'));
    add(q, el('div', 'muted', k.section + ', ' + k.level));
  }
  if (!d) {
    add(panel, el('p', 'note', 'This target did not run this case.'));
    return;
  }
  add(panel, el('h3', null, 'result'));
  var res = add(panel, el('p'));
  add(res, chip(d.verdict));
  txt(res, ' ' + (d.headline || 'passed'));
  (d.reasons || []).forEach(function (r, i) {
    var box = add(panel, el('div', 'reason'));
    var m = add(box, el('div', 'msg'));
    txt(m, (i + 1) + '. ');
    if (r.verdict !== d.verdict) { add(m, chip(r.verdict)); txt(m, ' '); }
    txt(m, r.message || '(no message)');
    if (r.expected || r.actual) {
      var ea = add(box, el('table', 'ea'));
      if (r.expected) {
        var er = add(ea, el('tr', 'exp'));
        add(er, el('th', null, 'expected'));
        add(er, el('td', null, r.expected));
      }
      if (r.actual) {
        var ar = add(ea, el('tr', 'act'));
        add(ar, el('th', null, 'actual'));
        add(ar, el('td', null, r.actual));
      }
    }
    var see = [];
    if (r.section && r.section !== k.section) see.push('see ' + r.section);
    if (r.where) see.push('checked at ' + r.where);
    if (see.length) add(box, el('div', 'muted', see.join('; ')));
    if (r.excerpt) {
      var x = r.excerpt;
      var xh = add(box, el('div', 'muted', excerptHeading(x)));
      viewTabs(xh);
      if (x.length) {
        var inside = x.mark !== null && x.mark >= x.offset && x.mark <= x.offset + x.length;
        bytesBlock(box, x.bytes, x.offset, inside ? x.mark : null, digits(x.offset + x.length));
      }
    }
  });
  if (d.reproduce) {
    add(panel, el('h3', null, 'reproduce'));
    add(panel, el('pre', 'bytes', [d.reproduce.run].concat(d.reproduce.lines).join('\n')));
  }
  if (d.left_out) {
    add(panel, el('h3', null, 'transcript'));
    add(panel, el('p', 'note', 'The transcript (' + d.left_out + ' bytes) is left out: this report ' +
        'keeps the transcripts of passing cases only up to a total size. The JSON report has them all.'));
  }
  if (d.transcript) {
    var th = add(panel, el('h3', null, 'transcript'));
    viewTabs(th);
    var w = 1;
    d.transcript.forEach(function (e) {
      if (e.length) w = Math.max(w, digits(e.offset + e.length));
    });
    var tr = add(panel, el('div', 'transcript'));
    d.transcript.forEach(function (e) {
      var line = add(tr, el('div', 'ev ' + e.kind));
      add(line, el('span', 'at', '+' + (e.at / 1000).toFixed(3) + ' ms'));
      txt(line, ' ' + e.connection + '  ');
      add(line, el('span', 'k', e.kind));
      if (e.length !== undefined) txt(line, ', ' + e.length + (e.length === 1 ? ' byte' : ' bytes') + ' at ' + e.offset);
      if (e.detail) txt(line, ': ' + e.detail);
      var kept = e.bytes ? bytesBlock(tr, e.bytes, e.offset, null, w).bytes.length : 0;
      if (e.length !== undefined && kept < e.length) {
        add(tr, el('div', 'note', (e.length - kept) + ' more bytes are not in this report'));
      }
    });
    if (d.hidden) add(panel, el('p', 'note', d.hidden + ' transcript bytes were left out of this report (the JSON report has them all).'));
    if (d.truncated) add(panel, el('p', 'note', 'The run kept only the first bytes of this transcript; the rest was counted, not recorded.'));
  }
}

// ---- start ---------------------------------------------------------------------------------------
function fromHash() {
  readHash();
  syncControls();
  apply();
  renderDetail();
}

buildFilters();
buildMatrix();
var cards = document.querySelectorAll('[data-verdict]');
for (var i = 0; i < cards.length; i++) {
  (function (card) {
    card.addEventListener('click', function () {
      var v = card.getAttribute('data-verdict');
      var only = VERDICTS.every(function (x) { return state.verdicts[x] === (x === v); });
      VERDICTS.forEach(function (x) { state.verdicts[x] = only || x === v; });
      syncControls();
      changed();
    });
  })(cards[i]);
}
document.addEventListener('keydown', function (e) {
  if (e.key === 'Escape' && state.open) closeDetail();
});
window.addEventListener('hashchange', fromHash);
fromHash();
document.body.setAttribute('data-ready', '1');
})();
)JS";

}  // namespace wirecheck::reports
