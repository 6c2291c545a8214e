// lockstep report: renders the run data embedded in this page. Every string from the data is
// put into the page with textContent or as an SVG text node, never parsed as HTML, and only
// http(s) URLs become links.
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var NETWORKS_PER_PAGE = 50;
  var EVIDENCE_PER_PAGE = 100;
  var TIMELINE_MAX_POINTS = 4000;
  var ACCOUNT_PANEL_ROWS = 200;
  var SIGNAL_COLOURS = ['#0b57d0', '#b3261e', '#1e6b3a', '#8a3ffc', '#6b4e00', '#006d77', '#a0307a', '#4d4d4d', '#9c4100'];

  var accounts = DATA.accounts;
  var accountIndex = new Map();
  accounts.forEach(function (a, i) { accountIndex.set(a.id, i); });
  var edgesByNetwork = new Map();
  DATA.edges.forEach(function (e, i) {
    if (e.network === null) { return; }
    if (!edgesByNetwork.has(e.network)) { edgesByNetwork.set(e.network, []); }
    edgesByNetwork.get(e.network).push(i);
  });

  // evidence: [edge, row] pairs of the open network; shownEvidence: those the filter keeps.
  var state = { page: 0, matches: DATA.networks, network: null, evidence: [], shownEvidence: [], evidencePage: 0, cy: null, map: null };

  // ---- small DOM helpers -------------------------------------------------------------------

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function svg(tag, attributes) {
    var node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, String(attributes[k])); });
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
    return node;
  }

  function number(x, digits) {
    if (x === null || x === undefined || x === '') { return ''; }
    if (typeof x !== 'number') { return String(x); }
    if (Number.isInteger(x)) { return x.toLocaleString('en'); }
    if (x !== 0 && Math.abs(x) < 0.001) { return x.toExponential(2); }
    return x.toFixed(digits === undefined ? 3 : digits);
  }

  function verdictBadge(verdict) {
    var known = ['likely_cib', 'authentic_looking', 'coordinated'].indexOf(verdict) >= 0;
    return el('span', verdict || 'none', 'verdict verdict-' + (known ? verdict : 'other'));
  }

  // The URL to open for a shared object, or null: objects that are http(s) URLs, and link
  // objects (canonical URLs, stored without their scheme). Nothing else is ever linked.
  function safeUrl(signal, object) {
    var candidate = /^https?:\/\//i.test(object) ? object : (signal === 'link' ? 'https://' + object : null);
    if (candidate === null) { return null; }
    try {
      var url = new URL(candidate);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  // How an object is shown: a narrative of the text signal by its representative text.
  function objectText(object) {
    var narrative = object.indexOf('narrative:') === 0 ? DATA.narratives[object.slice(10)] : undefined;
    return narrative === undefined ? object : narrative + ' [' + object + ']';
  }

  function objectCell(signal, object) {
    var td = el('td', null, 'wrap');
    var href = safeUrl(signal, object);
    if (href) {
      var a = el('a', object);
      a.href = href;
      a.rel = 'noopener noreferrer nofollow';
      a.target = '_blank';
      td.appendChild(a);
    } else {
      td.textContent = objectText(object);
    }
    return td;
  }

  function cell(text, className) { return el('td', text, className); }

  function headerRow(table, names) {
    var thead = el('thead');
    var tr = el('tr');
    names.forEach(function (n) {
      var numeric = n.charAt(0) === '#';
      tr.appendChild(el('th', numeric ? n.slice(1) : n, numeric ? 'num' : null));
    });
    thead.appendChild(tr);
    table.appendChild(thead);
  }

  // Rows of a .keyboard table: focusable, arrow keys move, Enter or a click activates.
  function keyboardRow(tr, activate) {
    tr.tabIndex = 0;
    tr.addEventListener('click', activate);
    tr.addEventListener('keydown', function (event) {
      var next = null;
      if (event.key === 'ArrowDown') { next = tr.nextElementSibling; }
      if (event.key === 'ArrowUp') { next = tr.previousElementSibling; }
      if (event.key === 'Home') { next = tr.parentNode.firstElementChild; }
      if (event.key === 'End') { next = tr.parentNode.lastElementChild; }
      if (next) { next.focus(); event.preventDefault(); }
      if (event.key === 'Enter' || event.key === ' ') { activate(); event.preventDefault(); }
    });
    return tr;
  }

  function accountName(i) {
    var a = accounts[i];
    return a.handle ? a.handle + ' (' + a.id + ')' : a.id;
  }

  // Flattens nested objects into [key path, value] rows for the overview tables.
  function flatten(value, prefix, rows) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      Object.keys(value).forEach(function (k) { flatten(value[k], prefix ? prefix + '.' + k : k, rows); });
    } else {
      rows.push([prefix, Array.isArray(value) ? value.join(', ') : value]);
    }
    return rows;
  }

  function keyValueCard(title, value) {
    var card = el('div', null, 'card');
    card.appendChild(el('h3', title));
    var table = el('table');
    var body = el('tbody');
    flatten(value || {}, '', []).forEach(function (row) {
      var tr = el('tr');
      tr.appendChild(el('th', row[0]));
      tr.appendChild(cell(typeof row[1] === 'number' ? number(row[1]) : row[1], typeof row[1] === 'number' ? 'num' : 'wrap'));
      body.appendChild(tr);
    });
    table.appendChild(body);
    card.appendChild(table);
    return card;
  }

  // A table row that opens network `n`, starting with its id, size, score and verdict.
  function networkRow(n) {
    var tr = keyboardRow(el('tr'), function () { openNetwork(n.id); });
    tr.dataset.network = String(n.id);
    tr.appendChild(cell(n.id, 'num'));
    tr.appendChild(cell(n.size, 'num'));
    tr.appendChild(cell(number(n.score, 1), 'num'));
    var verdict = el('td');
    verdict.appendChild(verdictBadge(n.verdict));
    tr.appendChild(verdict);
    return tr;
  }

  // ---- findings: headline, top networks in words, map of all networks --------------------

  var VERDICT_COLOURS = { likely_cib: '#b3261e', coordinated: '#6b4e00', authentic_looking: '#1e6b3a' };
  var MAP_MAX_ACCOUNTS = 1500;
  var TOP_FINDINGS = 5;

  // Accounts in networks, over all networks.
  var NETWORK_ACCOUNTS = DATA.networks.reduce(function (sum, n) { return sum + n.size; }, 0);

  function plural(k, word) { return number(k) + ' ' + word + (k === 1 ? '' : 's'); }

  function renderFindings() {
    var run = DATA.run || {};
    var input = run.input || {};
    document.getElementById('run-summary').textContent = (run.tool || 'lockstep') + ' ' + (run.version || '') +
      ' · ' + number(input.rows_used) + ' of ' + number(input.rows_read) + ' rows used · ' +
      DATA.networks.length + ' networks · ' + DATA.edges.length + ' edges';
    var cib = DATA.networks.filter(function (n) { return n.verdict === 'likely_cib'; });
    var cibAccounts = cib.reduce(function (sum, n) { return sum + n.size; }, 0);
    document.getElementById('headline').textContent = !DATA.networks.length
      ? 'No coordinated networks were found in ' + number(input.rows_used) + ' posts.'
      : plural(cib.length, 'network') + ' of ' + number(DATA.networks.length) + ' look' + (cib.length === 1 ? 's' : '') +
        ' like coordinated inauthentic behaviour, with ' + plural(cibAccounts, 'account') + '; ' +
        plural(NETWORK_ACCOUNTS, 'account') + ' are in a coordinated network of some kind, from ' +
        number(input.accounts) + ' accounts and ' + number(input.rows_used) + ' posts.';
    var list = clear(document.getElementById('top-findings'));
    var top = cib.concat(DATA.networks.filter(function (n) { return n.verdict !== 'likely_cib'; })).slice(0, TOP_FINDINGS);
    top.forEach(function (n) {
      var item = el('li');
      item.dataset.network = String(n.id);
      var open = el('button', 'Network ' + n.id, 'link-button');
      open.type = 'button';
      open.addEventListener('click', function () { openNetwork(n.id); });
      item.appendChild(open);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(verdictBadge(n.verdict));
      item.appendChild(document.createTextNode(' ' + plural(n.size, 'account') + '. '));
      item.appendChild(el('span', n.summary || '', 'reason'));
      list.appendChild(item);
    });
  }

  // Every network on one canvas: its accounts grouped in a box, coloured by verdict; one node
  // per network when the accounts are too many to draw.
  function renderMap() {
    var box = document.getElementById('overview-map');
    var legend = document.getElementById('map-legend');
    Object.keys(VERDICT_COLOURS).forEach(function (v) {
      var item = el('span');
      var swatch = el('span', null, 'swatch');
      swatch.style.background = VERDICT_COLOURS[v];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(v));
      legend.appendChild(item);
    });
    if (!DATA.networks.length || typeof cytoscape !== 'function') { box.hidden = true; return; }
    var byAccount = NETWORK_ACCOUNTS <= MAP_MAX_ACCOUNTS;
    document.getElementById('map-note').textContent = (byAccount
      ? 'Each box is a network and each dot an account in it. '
      : 'Each dot is a network, sized by its accounts (' + number(NETWORK_ACCOUNTS) + ' accounts are too many to draw one by one). ') +
      'Click a network to open it.';
    var elements = [];
    DATA.networks.forEach(function (n) {
      var colour = VERDICT_COLOURS[n.verdict] || '#4d4d4d';
      elements.push({ data: { id: 'n' + n.id, network: n.id, label: String(n.id), colour: colour, size: 12 + 4 * Math.sqrt(n.size) } });
      if (!byAccount) { return; }
      n.members.forEach(function (m) {
        elements.push({ data: { id: 'n' + n.id + '-' + m, parent: 'n' + n.id, network: n.id, colour: colour, size: 8 } });
      });
    });
    if (byAccount) {
      DATA.edges.forEach(function (e) {
        if (e.network === null) { return; }
        elements.push({ data: { id: 'e' + elements.length, source: 'n' + e.network + '-' + accounts[e.source].id, target: 'n' + e.network + '-' + accounts[e.target].id } });
      });
    }
    var cy = cytoscape({
      container: box, elements: elements, boxSelectionEnabled: false, autoungrabify: true,
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)' } },
        { selector: ':parent', style: { 'background-opacity': 0.08, 'border-color': 'data(colour)', 'border-width': 2, label: 'data(label)', 'text-valign': 'top', 'font-size': 12 } },
        { selector: 'edge', style: { width: 1, 'line-color': '#9ca3af', opacity: 0.6 } }
      ]
    });
    if (byAccount && NETWORK_ACCOUNTS > 400) {
      placeInGrids(cy);
    } else {
      cy.layout(byAccount
        ? { name: 'cose', animate: false, randomize: false, padding: 20, nodeDimensionsIncludeLabels: true }
        : { name: 'grid', animate: false, padding: 20, avoidOverlap: true }).run();
    }
    cy.on('tap', 'node', function (event) { openNetwork(event.target.data('network')); });
    state.map = cy;
  }

  // Lays each network's accounts out in a small square and the networks in rows, in rank order.
  function placeInGrids(cy) {
    var x = 0, y = 0, rowHeight = 0, maxWidth = 1200, gap = 40, step = 14;
    DATA.networks.forEach(function (n) {
      var side = Math.ceil(Math.sqrt(n.size));
      var width = side * step;
      if (x > 0 && x + width > maxWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
      cy.getElementById('n' + n.id).children().forEach(function (node, k) {
        node.position({ x: x + (k % side) * step, y: y + Math.floor(k / side) * step });
      });
      x += width + gap;
      rowHeight = Math.max(rowHeight, Math.ceil(n.size / side) * step);
    });
    cy.fit(undefined, 20);
  }

  // ---- method: input accounting, parameters, edge selection and calibration ----------------

  function renderMethod() {
    var run = DATA.run || {};
    var input = run.input || {};
    var cards = el('div', null, 'cards');
    var verdicts = {};
    DATA.networks.forEach(function (n) { verdicts[n.verdict || 'none'] = (verdicts[n.verdict || 'none'] || 0) + 1; });
    cards.appendChild(keyValueCard('Networks by verdict', verdicts));
    cards.appendChild(keyValueCard('Input', {
      rows_read: input.rows_read, rows_used: input.rows_used, rows_rejected: input.rows_rejected,
      rejected_by_reason: input.rejected_by_reason, accounts: input.accounts, posts: input.posts,
      files: (input.files || []).map(function (f) { return f.source; })
    }));
    cards.appendChild(keyValueCard('Edge selection and calibration', DATA.edge_selection || (run.parameters || {}).selection));
    cards.appendChild(keyValueCard('Parameters', run.parameters));
    document.getElementById('method-body').appendChild(cards);
  }

  // ---- network list: search, filter, pages --------------------------------------------------

  // Lower-case text a search matches in each network: member ids and handles, shared objects.
  var haystacks = new Map();
  function haystack(n) {
    if (!haystacks.has(n.id)) {
      var parts = [];
      n.members.forEach(function (m) {
        parts.push(m);
        var i = accountIndex.get(m);
        if (i !== undefined && accounts[i].handle) { parts.push(accounts[i].handle); }
      });
      n.top_objects.forEach(function (o) { parts.push(objectText(o.object)); });
      (edgesByNetwork.get(n.id) || []).forEach(function (e) {
        DATA.edges[e].evidence.forEach(function (row) { parts.push(objectText(DATA.objects[row[1]])); });
      });
      haystacks.set(n.id, parts.join('\n').toLowerCase());
    }
    return haystacks.get(n.id);
  }

  function applyFilters() {
    var query = document.getElementById('search').value.trim().toLowerCase();
    var verdict = document.getElementById('verdict-filter').value;
    state.matches = DATA.networks.filter(function (n) {
      return (!verdict || n.verdict === verdict) && (!query || haystack(n).indexOf(query) >= 0);
    });
    state.page = 0;
    renderNetworkPage();
  }

  function renderNetworkPage() {
    var pages = Math.max(1, Math.ceil(state.matches.length / NETWORKS_PER_PAGE));
    state.page = Math.min(state.page, pages - 1);
    var tbody = clear(document.querySelector('#network-table tbody'));
    state.matches.slice(state.page * NETWORKS_PER_PAGE, (state.page + 1) * NETWORKS_PER_PAGE).forEach(function (n) {
      var tr = networkRow(n);
      if (state.network && state.network.id === n.id) { tr.className = 'current'; }
      tr.appendChild(cell(Object.keys(n.signals).join(', ')));
      tr.appendChild(cell(n.first_seen));
      tr.appendChild(cell(n.last_seen));
      tbody.appendChild(tr);
    });
    document.getElementById('match-count').textContent = state.matches.length + ' of ' + DATA.networks.length + ' networks';
    document.getElementById('network-page').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    document.getElementById('network-prev').disabled = state.page === 0;
    document.getElementById('network-next').disabled = state.page >= pages - 1;
  }

  function setUpNetworkList() {
    var select = document.getElementById('verdict-filter');
    Array.from(new Set(DATA.networks.map(function (n) { return n.verdict; }))).sort().forEach(function (v) {
      var option = el('option', v);
      option.value = v;
      select.appendChild(option);
    });
    document.getElementById('search').addEventListener('input', applyFilters);
    select.addEventListener('change', applyFilters);
    document.getElementById('network-prev').addEventListener('click', function () { state.page -= 1; renderNetworkPage(); });
    document.getElementById('network-next').addEventListener('click', function () { state.page += 1; renderNetworkPage(); });
    renderNetworkPage();
  }

  // ---- one network ---------------------------------------------------------------------------

  function openNetwork(id) {
    var n = DATA.networks.find(function (x) { return x.id === id; });
    if (!n) { return; }
    state.network = n;
    state.evidence = [];
    (edgesByNetwork.get(n.id) || []).forEach(function (e) {
      DATA.edges[e].evidence.forEach(function (row) { state.evidence.push([e, row]); });
    });
    state.shownEvidence = state.evidence;
    state.evidencePage = 0;
    document.getElementById('evidence-filter').value = '';
    var section = document.getElementById('network-detail');
    section.hidden = false;
    document.getElementById('detail-title').textContent = 'Network ' + n.id + ' · ' + n.size + ' accounts';
    renderSummary(n);
    renderGraph(n);
    renderTimeline();
    renderAccounts(n);
    renderEvidencePage();
    renderRhythm(n);
    renderObjects(n);
    clear(document.getElementById('account-panel')).appendChild(el('p', 'Click an account in the graph or the account table.', 'muted'));
    renderNetworkPage();
    document.getElementById('graph-tooltip').hidden = true;
    section.scrollIntoView();
    // Keyboard users continue from the network they opened.
    document.getElementById('detail-title').focus({ preventScroll: true });
  }

  function renderSummary(n) {
    document.getElementById('detail-reason').textContent = n.summary || '';
    var signs = clear(document.getElementById('detail-signs'));
    (n.signs || []).forEach(function (sign) {
      var item = el('li', sign.name.replace(/_/g, ' ') + ': ' + number(sign.value, 3), sign.fired ? 'sign fired' : 'sign');
      item.appendChild(el('span', sign.fired ? ' (fired)' : ' (not fired)', 'muted'));
      signs.appendChild(item);
    });
    var box = clear(document.getElementById('detail-summary'));
    var card = keyValueCard('Score ' + number(n.score, 1), n.score_components);
    card.insertBefore(verdictBadge(n.verdict), card.children[1]);
    box.appendChild(card);
    box.appendChild(keyValueCard('Activity', {
      first_seen: n.first_seen, last_seen: n.last_seen, signals: n.signals,
      edges: (edgesByNetwork.get(n.id) || []).length
    }));
  }

  // ---- CSV downloads of the open network ---------------------------------------------------

  // A CSV field, always quoted. A text that a spreadsheet would run as a formula gets a
  // leading apostrophe.
  function csvField(value, isText) {
    var text = value === null || value === undefined ? '' : String(value);
    if (isText && /^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function csvTable(header, rows, textColumns) {
    var lines = [header.map(function (h) { return csvField(h, false); }).join(',')];
    rows.forEach(function (row) {
      lines.push(row.map(function (v, k) { return csvField(v, textColumns.indexOf(k) >= 0); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  function membersCsv(n) {
    if (!n) { return ''; }
    var roles = memberRoles(n);
    var rows = n.members.map(function (m) {
      var i = accountIndex.get(m);
      var a = i === undefined ? {} : accounts[i];
      var r = roles.get(m) || {};
      return [m, a.handle, n.id, n.verdict, r.role || a.role, a.inauthenticity, a.score, a.n_posts, r.reason, a.platform];
    });
    return csvTable(['account_id', 'handle', 'network_id', 'verdict', 'role', 'inauthenticity', 'review_score', 'n_posts', 'reason', 'platform'], rows, [1, 8, 9]);
  }

  function evidenceCsv(n) {
    if (!n) { return ''; }
    var rows = state.evidence.map(function (x) {
      var e = DATA.edges[x[0]];
      var row = x[1];
      var object = DATA.objects[row[1]];
      var text = object.indexOf('narrative:') === 0 ? DATA.narratives[object.slice(10)] : '';
      return [accounts[e.source].id, accounts[e.target].id, DATA.signals[row[0]], object, text, row[2], row[3], row[4], row[5], row[6]];
    });
    return csvTable(['source', 'target', 'signal', 'object', 'text', 'source_post_id', 'target_post_id', 'source_time', 'target_time', 'lag_s'], rows, [3, 4]);
  }

  // Saves text as a file through a link to an in-memory blob: nothing leaves the page.
  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
    var link = el('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 0);
  }

  function setUpDownloads() {
    document.getElementById('download-members').addEventListener('click', function () {
      download('network-' + state.network.id + '-members.csv', membersCsv(state.network));
    });
    document.getElementById('download-evidence').addEventListener('click', function () {
      download('network-' + state.network.id + '-evidence.csv', evidenceCsv(state.network));
    });
  }

  function memberRoles(n) {
    var roles = new Map();
    n.roles.forEach(function (r) { roles.set(r.account, r); });
    return roles;
  }

  function renderGraph(n) {
    if (state.cy) { state.cy.destroy(); state.cy = null; }
    var roles = memberRoles(n);
    var elements = [];
    n.members.forEach(function (m) {
      var i = accountIndex.get(m);
      if (i === undefined) { return; }
      var role = roles.has(m) ? roles.get(m).role : accounts[i].role;
      elements.push({ group: 'nodes', data: { id: 'a' + i, account: i, label: accounts[i].handle || accounts[i].id, role: role || 'peer' } });
    });
    (edgesByNetwork.get(n.id) || []).forEach(function (e) {
      var edge = DATA.edges[e];
      elements.push({ group: 'edges', data: { id: 'e' + e, source: 'a' + edge.source, target: 'a' + edge.target, width: 1 + Math.log2(1 + edge.weight) / 2 } });
    });
    var big = n.members.length > 300;
    var cy = cytoscape({
      container: document.getElementById('graph'),
      elements: elements,
      style: [
        { selector: 'node', style: { 'background-color': '#4d4d4d', label: 'data(label)', 'font-size': 10, color: '#1a1a1a', 'text-valign': 'bottom', 'text-margin-y': 3, 'min-zoomed-font-size': 8, width: 18, height: 18 } },
        { selector: 'node[role = "leader"]', style: { 'background-color': '#b3261e' } },
        { selector: 'node[role = "follower"]', style: { 'background-color': '#0b57d0' } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#8a3ffc' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#9ca3af', opacity: 0.8, 'curve-style': 'haystack' } },
        { selector: 'edge:selected', style: { 'line-color': '#8a3ffc', opacity: 1 } }
      ]
    });
    var layout = cy.layout(big ? { name: 'concentric', animate: false, padding: 30 } : { name: 'cose', animate: false, randomize: false, padding: 30, idealEdgeLength: function () { return 110; }, nodeRepulsion: function () { return 400000; } });
    // Small networks would be fitted at a zoom that blows labels up; cap it.
    layout.one('layoutstop', function () {
      if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
    });
    layout.run();
    var tooltip = document.getElementById('graph-tooltip');
    cy.on('mouseover', 'node', function (event) {
      tooltip.textContent = accountName(event.target.data('account')) + ' · ' + event.target.data('role');
      tooltip.hidden = false;
    });
    cy.on('mousemove', function (event) {
      var e = event.originalEvent;
      if (e) { tooltip.style.left = (e.clientX + 14) + 'px'; tooltip.style.top = (e.clientY + 14) + 'px'; }
    });
    cy.on('mouseout', 'node', function () { tooltip.hidden = true; });
    cy.on('tap', 'node', function (event) { selectAccount(event.target.data('account')); });
    state.cy = cy;
  }

  function selectAccount(i) {
    var n = state.network;
    if (state.cy) {
      state.cy.elements().unselect();
      state.cy.getElementById('a' + i).select();
    }
    var a = accounts[i];
    var panel = clear(document.getElementById('account-panel'));
    panel.appendChild(el('h3', accountName(i)));
    var role = memberRoles(n).get(a.id);
    var facts = { role: role ? role.role : a.role, inauthenticity: a.inauthenticity, review_score: a.score, posts: a.n_posts };
    if (a.platform) { facts.platform = a.platform; }
    if (role) { facts.leads = role.leads; facts.follows = role.follows; facts.signs = role.inauthenticity; }
    if (role && role.reason) { panel.appendChild(el('p', role.reason, 'reason')); }
    panel.appendChild(keyValueCard('Account', facts));
    var rows = state.evidence.filter(function (x) { var e = DATA.edges[x[0]]; return e.source === i || e.target === i; });
    panel.appendChild(el('h3', 'Evidence (' + rows.length + ' rows' + (rows.length > ACCOUNT_PANEL_ROWS ? ', first ' + ACCOUNT_PANEL_ROWS + ' shown' : '') + ')'));
    var table = el('table', null, 'account-evidence');
    headerRow(table, ['with', 'signal', 'object', '#lag s', 'time']);
    var tbody = el('tbody');
    rows.slice(0, ACCOUNT_PANEL_ROWS).forEach(function (x) {
      var e = DATA.edges[x[0]];
      var row = x[1];
      var other = e.source === i ? e.target : e.source;
      var tr = el('tr');
      tr.appendChild(cell(accountName(other), 'wrap'));
      tr.appendChild(cell(DATA.signals[row[0]]));
      tr.appendChild(objectCell(DATA.signals[row[0]], DATA.objects[row[1]]));
      tr.appendChild(cell(number(row[6]), 'num'));
      tr.appendChild(cell(e.source === i ? row[4] : row[5]));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    panel.appendChild(table);
  }

  // Who acted when on what: one row per account, one dot per action behind the evidence.
  function renderTimeline() {
    var box = clear(document.getElementById('timeline'));
    var actions = new Map();
    state.evidence.forEach(function (x) {
      var e = DATA.edges[x[0]];
      var row = x[1];
      [[e.source, row[2], row[4]], [e.target, row[3], row[5]]].forEach(function (side) {
        var key = side[0] + '\u0000' + side[1] + '\u0000' + row[1];
        var t = Date.parse(side[2]);
        if (!actions.has(key) && !Number.isNaN(t)) { actions.set(key, { account: side[0], time: t, signal: row[0], object: row[1] }); }
      });
    });
    var points = Array.from(actions.values()).sort(function (p, q) { return p.time - q.time; }).slice(0, TIMELINE_MAX_POINTS);
    if (!points.length) { box.appendChild(el('p', 'No evidence rows in this report for this network.', 'muted')); return; }
    var rowsOf = new Map();
    points.forEach(function (p) { if (!rowsOf.has(p.account)) { rowsOf.set(p.account, rowsOf.size); } });
    var left = 250, width = 1000, rowHeight = 16, top = 10;
    var height = top + rowsOf.size * rowHeight + 30;
    var t0 = points[0].time, t1 = points[points.length - 1].time, span = Math.max(1, t1 - t0);
    var chart = svg('svg', { width: left + width + 20, height: height, role: 'img', 'aria-label': 'Timeline of ' + points.length + ' actions' });
    rowsOf.forEach(function (row, account) {
      var label = svg('text', { x: 4, y: top + row * rowHeight + 12 });
      label.textContent = accountName(account).slice(0, 36);
      chart.appendChild(label);
      chart.appendChild(svg('line', { x1: left, x2: left + width, y1: top + row * rowHeight + 8, y2: top + row * rowHeight + 8, stroke: '#e5e7eb' }));
    });
    points.forEach(function (p) {
      var dot = svg('circle', { cx: left + (p.time - t0) / span * width, cy: top + rowsOf.get(p.account) * rowHeight + 8, r: 3.5, fill: SIGNAL_COLOURS[p.signal % SIGNAL_COLOURS.length] });
      var title = svg('title');
      title.textContent = accountName(p.account) + ' · ' + new Date(p.time).toISOString() + ' · ' + DATA.signals[p.signal] + ': ' + objectText(DATA.objects[p.object]);
      dot.appendChild(title);
      chart.appendChild(dot);
    });
    [[t0, left, 'start'], [t1, left + width, 'end']].forEach(function (tick) {
      var text = svg('text', { x: tick[1], y: height - 8, 'text-anchor': tick[2] });
      text.textContent = new Date(tick[0]).toISOString().replace('.000Z', 'Z');
      chart.appendChild(text);
    });
    box.appendChild(chart);
    var legend = el('div', null, 'legend');
    DATA.signals.forEach(function (name, s) {
      var item = el('span');
      var swatch = el('span', null, 'swatch');
      swatch.style.background = SIGNAL_COLOURS[s % SIGNAL_COLOURS.length];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(name));
      legend.appendChild(item);
    });
    box.appendChild(legend);
  }

  function renderAccounts(n) {
    var table = clear(document.getElementById('account-table'));
    var roles = memberRoles(n);
    var signNames = [];
    n.roles.forEach(function (r) { Object.keys(r.inauthenticity).forEach(function (k) { if (k !== 'score' && signNames.indexOf(k) < 0) { signNames.push(k); } }); });
    headerRow(table, ['account', 'handle', 'role', '#inauthenticity', '#review score', '#posts'].concat(signNames.map(function (s) { return '#' + s; })));
    var tbody = el('tbody');
    n.members.forEach(function (m) {
      var i = accountIndex.get(m);
      if (i === undefined) { return; }
      var a = accounts[i];
      var r = roles.get(m);
      var tr = keyboardRow(el('tr'), function () { selectAccount(i); });
      tr.dataset.account = String(i);
      [[a.id, 'wrap'], [a.handle, 'wrap'], [r ? r.role : a.role], [number(a.inauthenticity), 'num'], [number(a.score, 1), 'num'], [number(a.n_posts), 'num']].forEach(function (c) {
        tr.appendChild(cell(c[0], c[1]));
      });
      signNames.forEach(function (s) { tr.appendChild(cell(r ? number(r.inauthenticity[s], 2) : '', 'num')); });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }

  function filterEvidence() {
    var query = document.getElementById('evidence-filter').value.trim().toLowerCase();
    state.shownEvidence = !query ? state.evidence : state.evidence.filter(function (x) {
      var e = DATA.edges[x[0]];
      var row = x[1];
      return [accountName(e.source), accountName(e.target), objectText(DATA.objects[row[1]]), row[2], row[3]].some(function (t) {
        return t.toLowerCase().indexOf(query) >= 0;
      });
    });
    state.evidencePage = 0;
    renderEvidencePage();
  }

  function renderEvidencePage() {
    var rows = state.shownEvidence;
    var pages = Math.max(1, Math.ceil(rows.length / EVIDENCE_PER_PAGE));
    var table = clear(document.getElementById('evidence-table'));
    headerRow(table, ['signal', 'object', 'source', 'source post', 'source time', 'target', 'target post', 'target time', '#lag s', '#similarity']);
    var tbody = el('tbody');
    rows.slice(state.evidencePage * EVIDENCE_PER_PAGE, (state.evidencePage + 1) * EVIDENCE_PER_PAGE).forEach(function (x) {
      var e = DATA.edges[x[0]];
      var row = x[1];
      var tr = keyboardRow(el('tr'), function () { selectAccount(e.source); });
      tr.appendChild(cell(DATA.signals[row[0]]));
      tr.appendChild(objectCell(DATA.signals[row[0]], DATA.objects[row[1]]));
      tr.appendChild(cell(accountName(e.source), 'wrap'));
      tr.appendChild(cell(row[2], 'wrap'));
      tr.appendChild(cell(row[4]));
      tr.appendChild(cell(accountName(e.target), 'wrap'));
      tr.appendChild(cell(row[3], 'wrap'));
      tr.appendChild(cell(row[5]));
      tr.appendChild(cell(number(row[6]), 'num'));
      tr.appendChild(cell(number(row[7]), 'num'));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var shown = 0, total = 0;
    (edgesByNetwork.get(state.network.id) || []).forEach(function (e) { shown += DATA.edges[e].evidence.length; total += DATA.edges[e].evidence_total; });
    document.getElementById('evidence-note').textContent = shown + ' co-actions' + (total > shown ? ' (of ' + total + ' in evidence.csv; the report keeps rows spread over each edge)' : '') + '. Post ids are shown as given; only http(s) URLs are links.';
    document.getElementById('evidence-count').textContent = rows.length + ' of ' + state.evidence.length + ' rows';
    document.getElementById('evidence-page').textContent = 'page ' + (state.evidencePage + 1) + ' of ' + pages;
    document.getElementById('evidence-prev').disabled = state.evidencePage === 0;
    document.getElementById('evidence-next').disabled = state.evidencePage >= pages - 1;
  }

  function renderRhythm(n) {
    var box = clear(document.getElementById('rhythm'));
    var hours = n.working_hours ? n.working_hours.utc_hour_counts : [];
    var note = document.getElementById('rhythm-note');
    if (!hours || hours.length !== 24) { note.textContent = 'No working-hours data for this network.'; return; }
    var w = n.working_hours;
    note.textContent = w.utc_offset_hours === null || w.utc_offset_hours === undefined ? 'No UTC offset hint.' :
      'Likely UTC offset of the operators: ' + (w.utc_offset_hours >= 0 ? '+' : '') + w.utc_offset_hours + ' h (confidence ' + number(w.confidence, 2) +
      '; at that offset ' + number(100 * (w.office_share || 0), 0) + ' % of weekday posts fall in office hours and ' + number(100 * (w.weekend_share || 0), 0) + ' % of posts on weekends).';
    var max = Math.max.apply(null, hours.concat([1]));
    var barWidth = 28, height = 160, base = 130;
    var chart = svg('svg', { width: 24 * barWidth + 40, height: height, role: 'img', 'aria-label': 'Posts per UTC hour' });
    hours.forEach(function (count, h) {
      var barHeight = count / max * 110;
      var bar = svg('rect', { x: 30 + h * barWidth, y: base - barHeight, width: barWidth - 4, height: barHeight, fill: '#0b57d0' });
      var title = svg('title');
      title.textContent = h + ':00 UTC: ' + count + ' posts';
      bar.appendChild(title);
      chart.appendChild(bar);
      var label = svg('text', { x: 30 + h * barWidth + (barWidth - 4) / 2, y: base + 16, 'text-anchor': 'middle' });
      label.textContent = String(h);
      chart.appendChild(label);
    });
    box.appendChild(chart);
  }

  function renderObjects(n) {
    var table = clear(document.getElementById('objects-table'));
    headerRow(table, ['signal', 'object', '#accounts', '#co-actions']);
    var tbody = el('tbody');
    n.top_objects.forEach(function (o) {
      var tr = el('tr');
      tr.appendChild(cell(o.signal));
      tr.appendChild(objectCell(o.signal, o.object));
      tr.appendChild(cell(o.accounts, 'num'));
      tr.appendChild(cell(o.coactions, 'num'));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
  }

  function setUpEvidencePager() {
    document.getElementById('evidence-filter').addEventListener('input', filterEvidence);
    document.getElementById('evidence-prev').addEventListener('click', function () { state.evidencePage -= 1; renderEvidencePage(); });
    document.getElementById('evidence-next').addEventListener('click', function () { state.evidencePage += 1; renderEvidencePage(); });
  }

  renderFindings();
  renderMethod();
  setUpDownloads();
  setUpNetworkList();
  setUpEvidencePager();
  // The tooltip is placed in the window; scrolling would leave it beside the wrong account.
  window.addEventListener('scroll', function () { document.getElementById('graph-tooltip').hidden = true; }, { passive: true });
  renderMap();

  // A handle for scripts and tests driving the page.
  window.lockstepReport = {
    openNetwork: openNetwork,
    selectAccount: selectAccount,
    graph: function () { return state.cy; },
    map: function () { return state.map; },
    membersCsv: function () { return membersCsv(state.network); },
    evidenceCsv: function () { return evidenceCsv(state.network); }
  };
}());
