// Amigo reporting dashboard: reads the catalogue of the academy (built-in reports, then those other plugins contribute),
// fetches each report as JSON from this plugin and draws plain SVG charts (no library, no CDN).
(function () {
  'use strict';

  var COLORS = ['#000091', '#e1000f', '#18753c', '#b34000', '#6a6af4'];
  var MAX_ROWS = 15;
  var fr = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

  function orEmpty(value, fallback) { return value === null || value === undefined || value === '' ? fallback : value; }

  // How the built-in reports are drawn; a contributed report brings its drawing in the catalogue (chart).
  var BUILT_IN = [
    { name: 'status-groups', label: function (r) { return r.tab_label; }, series: [['tickets', 'Tickets']] },
    { name: 'open-by-team-agent',
      label: function (r) { return orEmpty(r.team_name, 'Sans équipe') + ' — ' + orEmpty(r.agent_name, 'Non assigné'); },
      series: [['open_count', 'Ouverts'], ['waiting_count', 'En attente']] },
    { name: 'open-by-type', label: function (r) { return orEmpty(r.request_type, 'Non renseigné'); },
      series: [['open_count', 'Ouverts'], ['waiting_count', 'En attente']] },
    { name: 'backlog-age', label: function (r) { return r.age_bucket; }, series: [['tickets', 'Tickets en cours']] },
    { name: 'weekly-flow', label: function (r) { return 'Sem. du ' + r.week_start; }, last: 12,
      series: [['created', 'Créés'], ['resolved', 'Résolus'], ['closed', 'Fermés']] },
    { name: 'resolution-times', label: function (r) { return orEmpty(r.team_name, 'Sans équipe'); },
      series: [['resolve_median_hours', 'Résolution, médiane (h)'], ['resolve_p90_hours', 'Résolution, 90e centile (h)'],
               ['assign_median_hours', 'Prise en charge, médiane (h)'], ['assign_p90_hours', 'Prise en charge, 90e centile (h)']] },
    { name: 'closure-origin', label: function (r) { return r.origin_label; }, series: [['tickets', 'Tickets fermés']] },
    { name: 'open-by-establishment',
      label: function (r) { return orEmpty(r.establishment_uai, 'UAI inconnu') + (r.org_name ? ' ' + r.org_name : ''); },
      series: [['total', 'En cours'], ['shared_count', 'Partagés']] },
    { name: 'open-by-service',
      label: function (r) { return orEmpty(r.service_name, 'Sans service') + ' / ' + orEmpty(r.servicesubcategory_name, '—'); },
      series: [['total', 'En cours']] },
    { name: 'moves',
      label: function (r) {
        return (r.move_kind === 'academy' ? 'Vers ' + orEmpty(r.target_academy, '?') + ' : ' : '') +
          orEmpty(r.from_team, '?') + ' → ' + orEmpty(r.to_team, '?');
      },
      series: [['moves', 'Réaffectations']] },
    { name: 'academies', label: function (r) { return r.academy_id; },
      series: [['open_count', 'Ouverts'], ['waiting_count', 'En attente'], ['resolved_count', 'Résolus']] }
  ];

  var COLUMN_LABELS = {
    academy_id: 'Académie', team_id: 'Id équipe', team_name: 'Équipe', agent_id: 'Id agent', agent_name: 'Agent',
    open_count: 'Ouverts', waiting_count: 'En attente', total: 'Total', request_type: 'Type de demande',
    tab_order: 'Ordre', status_group: 'Groupe', tab_label: 'Onglet', tickets: 'Tickets', establishment_uai: 'UAI',
    org_name: 'Organisation', shared_count: 'Partagés', service_id: 'Id service', service_name: 'Service',
    servicesubcategory_id: 'Id sous-catégorie', servicesubcategory_name: 'Sous-catégorie', bucket_order: 'Ordre',
    age_bucket: 'Ancienneté', week_start: 'Semaine du', created: 'Créés', resolved: 'Résolus', closed: 'Fermés',
    resolved_count: 'Résolus', assign_median_hours: 'Prise en charge médiane (h)', assign_p90_hours: 'Prise en charge 90e centile (h)',
    resolve_median_hours: 'Résolution médiane (h)', resolve_p90_hours: 'Résolution 90e centile (h)', origin: 'Origine',
    origin_label: 'Fermeture', move_kind: 'Type', from_team: 'Équipe d’origine', to_team: 'Équipe cible',
    target_academy: 'Académie cible', moves: 'Réaffectations', last_move_at: 'Dernière', closed_count: 'Fermés',
    created_in_period: 'Créés (période)', resolved_in_period: 'Résolus (période)', closed_in_period: 'Fermés (période)',
    closed_auto_in_period: 'Fermés automatiquement (période)'
  };

  var FRENCH_MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

  // The drawing of a contributed report: its label column (a column named month shown as « novembre 2026 ») and bars.
  function contributedConfig(item) {
    var label = item.chart.label.column;
    COLUMN_LABELS[label] = COLUMN_LABELS[label] || item.chart.label.title;
    item.chart.series.forEach(function (s) { COLUMN_LABELS[s.column] = COLUMN_LABELS[s.column] || s.title; });
    return {
      name: item.name,
      label: function (r) {
        var value = r[label];
        if (label === 'month' && /^\d{4}-\d{2}-01$/.test(value)) return FRENCH_MONTH.format(new Date(value + 'T00:00:00Z'));
        return String(orEmpty(value, '—'));
      },
      series: item.chart.series.map(function (s) { return [s.column, s.title]; })
    };
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function apiKey() {
    var match = /(?:^|[#&])key=([^&]+)/.exec(window.location.hash);
    if (match) sessionStorage.setItem('amigoApiKey', decodeURIComponent(match[1]));
    return sessionStorage.getItem('amigoApiKey');
  }

  function academyFromPath() {
    var match = /\/academies\/([^/]+)\//.exec(window.location.pathname);
    return match ? decodeURIComponent(match[1]) : '';
  }

  function query() {
    var form = document.getElementById('filters');
    var params = new URLSearchParams();
    ['team', 'from', 'to'].forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    });
    var scope = new URLSearchParams(window.location.search).get('scope');
    if (scope) params.set('scope', scope);
    return params;
  }

  // Horizontal grouped bars: one group per row, one bar per series.
  function drawChart(config, rows, multiAcademy) {
    var items = rows.map(function (r) {
      return { label: (multiAcademy ? r.academy_id + ' · ' : '') + config.label(r),
               values: config.series.map(function (s) { return Number(orEmpty(r[s[0]], 0)); }) };
    });
    var labelWidth = 230, barArea = 250, barHeight = 12, gap = 8, width = labelWidth + barArea + 70;
    var groupHeight = config.series.length * barHeight + gap;
    var max = Math.max.apply(null, [1].concat(items.map(function (i) { return Math.max.apply(null, i.values); })));
    var svg = svgEl('svg', { 'class': 'chart', width: width, height: items.length * groupHeight + 4,
      viewBox: '0 0 ' + width + ' ' + (items.length * groupHeight + 4), role: 'img', 'data-report': config.name });
    items.forEach(function (item, i) {
      var top = i * groupHeight + 2;
      var label = item.label.length > 38 ? item.label.slice(0, 37) + '…' : item.label;
      svg.appendChild(svgEl('text', { x: 0, y: top + groupHeight / 2, 'class': 'label', 'dominant-baseline': 'middle' }, label));
      item.values.forEach(function (value, s) {
        var y = top + s * barHeight;
        var w = Math.max(value > 0 ? 1 : 0, value / max * barArea);
        var rect = svgEl('rect', { x: labelWidth, y: y, width: w, height: barHeight - 2, fill: COLORS[s % COLORS.length],
          'class': 'bar', 'data-label': item.label, 'data-series': config.series[s][0], 'data-value': String(value) });
        rect.appendChild(svgEl('title', {}, item.label + ' — ' + config.series[s][1] + ' : ' + fr.format(value)));
        svg.appendChild(rect);
        svg.appendChild(svgEl('text', { x: Math.round(labelWidth + w + 4), y: y + barHeight / 2, 'class': 'value', 'dominant-baseline': 'middle' },
          fr.format(value)));
      });
    });
    return svg;
  }

  function drawTable(report) {
    var table = el('table');
    var head = el('tr');
    report.columns.forEach(function (c) { head.appendChild(el('th', { scope: 'col' }, COLUMN_LABELS[c] || c)); });
    table.appendChild(el('thead')).appendChild(head);
    var body = table.appendChild(el('tbody'));
    report.rows.forEach(function (r) {
      var tr = body.appendChild(el('tr'));
      report.columns.forEach(function (c) {
        var v = r[c];
        var numeric = typeof v === 'number';
        tr.appendChild(el('td', numeric ? { 'class': 'num', 'data-column': c } : { 'data-column': c },
          v === null || v === undefined ? '' : numeric ? fr.format(v) : String(v)));
      });
    });
    return table;
  }

  function render(config, report, params) {
    var section = document.querySelector('section[data-report="' + config.name + '"]');
    section.replaceChildren();
    section.appendChild(el('h2', {}, report.title));
    var actions = section.appendChild(el('div', { 'class': 'actions' }));
    var csv = new URLSearchParams(params); csv.set('format', 'csv');
    actions.appendChild(el('a', { href: 'reports/' + config.name + '?' + csv, download: '' }, 'Exporter en CSV'));
    if (report.dataAsOf) actions.appendChild(document.createTextNode(' · données au ' + new Date(report.dataAsOf).toLocaleString('fr-FR')));
    if (report.rows.length === 0) {
      section.appendChild(el('p', { 'class': 'empty' }, 'Aucun ticket pour ces critères.'));
      return;
    }
    var legend = section.appendChild(el('div', { 'class': 'legend' }));
    config.series.forEach(function (s, i) { legend.appendChild(el('span', { style: '--c:' + COLORS[i % COLORS.length] }, s[1])); });
    var rows = config.last ? report.rows.slice(-config.last) : report.rows.slice(0, MAX_ROWS);
    var academies = new Set(report.rows.map(function (r) { return r.academy_id; }));
    section.appendChild(drawChart(config, rows, academies.size > 1));
    section.appendChild(drawTable(report));
  }

  function headers() {
    var result = { Accept: 'application/json' };
    var key = apiKey();
    if (key) result['X-Api-Key'] = key;
    return result;
  }

  // A problem document's detail when the server sent one (e.g. a report whose SQL function is missing), else the text.
  function failure(response) {
    return response.text().then(function (text) {
      var detail = text;
      try { detail = JSON.parse(text).detail || text; } catch (e) { /* not JSON */ }
      throw new Error(response.status + ' ' + detail);
    });
  }

  var reports = [];

  function load() {
    var params = query();
    var status = document.getElementById('status');
    status.textContent = 'Chargement…';
    var failures = 0;
    var pending = reports.map(function (config) {
      return fetch('reports/' + config.name + '?' + params, { headers: headers() })
        .then(function (response) { return response.ok ? response.json() : failure(response); })
        .then(function (report) { render(config, report, params); })
        .catch(function (error) {
          failures++;
          var section = document.querySelector('section[data-report="' + config.name + '"]');
          section.replaceChildren(el('h2', {}, config.name), el('p', { 'class': 'empty' }, 'Erreur : ' + error.message));
        });
    });
    Promise.all(pending).then(function () {
      status.textContent = failures ? failures + ' rapport(s) en erreur.' : 'Rapports chargés.';
      document.body.setAttribute('data-loaded', failures ? 'with-errors' : 'true');
    });
  }

  document.getElementById('academy').textContent = new URLSearchParams(window.location.search).get('scope') === 'all'
    ? 'toutes les académies' : 'académie ' + academyFromPath();
  var main = document.getElementById('reports');
  document.getElementById('filters').addEventListener('submit', function (event) { event.preventDefault(); load(); });
  fetch('reports', { headers: headers() })
    .then(function (response) { return response.ok ? response.json() : failure(response); })
    .then(function (catalogue) {
      catalogue.forEach(function (item) {
        var config = BUILT_IN.filter(function (c) { return c.name === item.name; })[0] || (item.chart ? contributedConfig(item) : null);
        if (!config) return;
        reports.push(config);
        main.appendChild(el('section', { 'class': 'report', 'data-report': config.name, 'data-plugin': item.plugin || 'reporting' }));
      });
      load();
    })
    .catch(function (error) {
      document.getElementById('status').textContent = 'Catalogue des rapports indisponible : ' + error.message;
      document.body.setAttribute('data-loaded', 'with-errors');
    });
})();
