'use strict';
// Switchyard dashboard: polls the admin API every 2 seconds and renders it. No dependencies.
(function () {
  const REFRESH_MS = 2000;
  let previousStats = null;
  let rates = { entryPoints: {}, routers: {}, services: {} };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null) continue;
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function badge(text, cls) { return el('span', { class: 'badge ' + (cls || text) }, text); }

  async function getJson(path) {
    const res = await fetch(path, { cache: 'no-store' });
    if (!res.ok) throw new Error(path + ': ' + res.status);
    return res.json();
  }

  function fill(tbodyParent, rows) {
    const tbody = document.querySelector(tbodyParent + ' tbody');
    tbody.replaceChildren(...rows);
    if (rows.length === 0) {
      const cols = document.querySelectorAll(tbodyParent + ' thead th').length;
      tbody.appendChild(el('tr', {}, el('td', { colspan: cols, class: 'muted' }, 'none')));
    }
  }

  function rate(kind, name) {
    const r = rates[kind][name];
    return r === undefined ? '–' : r.toFixed(r < 10 ? 2 : 1);
  }

  function utf8Length(s) { return new TextEncoder().encode(s).length; }

  function computeRates(stats) {
    const out = { entryPoints: {}, routers: {}, services: {} };
    if (previousStats) {
      const dt = stats.time - previousStats.time;
      if (dt > 0) {
        for (const kind of Object.keys(out)) {
          for (const [name, now] of Object.entries(stats[kind] || {})) {
            const before = (previousStats[kind] || {})[name];
            out[kind][name] = Math.max(0, (now.requests - (before ? before.requests : 0)) / dt);
          }
        }
      }
    }
    previousStats = stats;
    rates = out;
  }

  function renderOverview(overview, stats, diagnostics) {
    const r = overview.http.routers, s = overview.http.services;
    document.getElementById('ov-routers').textContent = r.total;
    document.getElementById('ov-routers-sub').textContent = r.warnings + ' warnings, ' + r.errors + ' errors';
    document.getElementById('ov-services').textContent = s.total;
    document.getElementById('ov-services-sub').textContent = s.warnings + ' warnings, ' + s.errors + ' errors';
    let total = 0, totalRate = 0;
    for (const [name, ep] of Object.entries(stats.entryPoints || {})) {
      total += ep.requests;
      totalRate += rates.entryPoints[name] || 0;
    }
    document.getElementById('ov-rate').textContent = previousStats && Object.keys(rates.entryPoints).length ? totalRate.toFixed(2) : '0.00';
    document.getElementById('ov-total').textContent = total + ' requests since start';
    document.getElementById('ov-reloads').textContent = stats.reloads;
    document.getElementById('ov-last-reload').textContent = stats.lastReload ? 'last ' + new Date(stats.lastReload).toLocaleTimeString() : 'none yet';
    document.getElementById('ov-diagnostics').textContent = diagnostics.translation.length + diagnostics.runtime.length;
    const ready = document.getElementById('ready');
    ready.textContent = stats.ready ? 'ready' : 'not ready';
    ready.className = 'badge ' + (stats.ready ? 'ready' : 'not-ready');
  }

  function renderEntryPoints(entryPoints, stats) {
    const select = document.getElementById('explain-ep');
    if (select.options.length !== entryPoints.length) {
      select.replaceChildren(...entryPoints.map(ep => el('option', { value: ep.name }, ep.name)));
    }
    fill('#entrypoints', entryPoints.map(ep => el('tr', { 'data-name': ep.name },
      el('td', {}, ep.name),
      el('td', { class: 'mono' }, ep.address),
      el('td', { class: 'num' }, rate('entryPoints', ep.name)),
      el('td', { class: 'num' }, ((stats.entryPoints || {})[ep.name] || { requests: 0 }).requests))));
  }

  function renderRouters(routers) {
    fill('#routers', routers.map(r => el('tr', { 'data-name': r.name, 'data-status': r.status },
      el('td', {}, badge(r.status)),
      el('td', { class: 'mono' }, r.name, (r.error || []).map(e => el('div', { class: 'error' }, e))),
      el('td', { class: 'mono' }, r.rule || ''),
      el('td', { class: 'num', title: r.priority ? 'explicit priority' : 'rule length' }, r.priority || utf8Length(r.rule || '')),
      el('td', {}, (r.using || r.entryPoints || []).join(', ')),
      el('td', { class: 'mono' }, r.service || ''),
      el('td', { class: 'num' }, rate('routers', r.name)))));
  }

  function serviceDetails(s) {
    if (s.loadBalancer) {
      const servers = s.loadBalancer.servers || [];
      if (servers.length === 0) return el('span', { class: 'muted' }, 'no servers');
      return servers.map(server => {
        // No status: the runtime did not build this service (no enabled router uses it).
        const status = (s.serverStatus || {})[server.url] || 'unused';
        return el('div', { class: 'server', 'data-url': server.url, 'data-status': status },
          badge(status, status), el('code', {}, server.url), server.fenced ? el('span', { class: 'muted' }, '(fenced)') : null);
      });
    }
    const children = (s.weighted || s.highestRandomWeight || {}).services;
    if (children) {
      return children.map(c => el('div', { class: 'server' }, el('code', {}, c.name), el('span', { class: 'muted' }, 'weight ' + c.weight)));
    }
    if (s.mirroring) return el('code', {}, s.mirroring.service + ' + ' + (s.mirroring.mirrors || []).length + ' mirrors');
    if (s.failover) return el('code', {}, s.failover.service + ' → ' + s.failover.fallback);
    return '';
  }

  function sticky(s) {
    const st = (s.loadBalancer || s.weighted || {}).sticky;
    if (!st || !st.cookie) return el('span', { class: 'muted' }, 'no');
    return el('code', {}, st.cookie.name || 'cookie');
  }

  function renderServices(services) {
    fill('#services', services.map(s => el('tr', { 'data-name': s.name, 'data-status': s.status },
      el('td', {}, badge(s.status)),
      el('td', { class: 'mono' }, s.name, (s.error || []).map(e => el('div', { class: 'error' }, e))),
      el('td', {}, s.type + (s.loadBalancer && s.loadBalancer.strategy ? ' (' + s.loadBalancer.strategy + ')' : '')),
      el('td', {}, serviceDetails(s)),
      el('td', {}, sticky(s)),
      el('td', { class: 'mono' }, (s.usedBy || []).join(', ')),
      el('td', { class: 'num' }, rate('services', s.name)))));
  }

  function renderDiagnostics(d) {
    const items = [];
    for (const t of d.translation) {
      items.push(el('li', { 'data-source': 'translation' }, el('span', { class: 'src' }, 'translation'),
        badge(t.severity, t.severity === 'error' ? 'disabled' : 'warning'), ' ', el('span', { class: 'mono' }, t.text)));
    }
    for (const r of d.runtime) {
      items.push(el('li', { 'data-source': 'runtime' }, el('span', { class: 'src' }, 'runtime'),
        badge('disabled'), ' ', el('span', { class: 'mono' }, r.text)));
    }
    if (items.length === 0) items.push(el('li', { class: 'muted' }, 'Nothing was dropped or disabled.'));
    document.getElementById('diagnostics').replaceChildren(...items);
  }

  async function refresh() {
    try {
      const [overview, entryPoints, routers, services, diagnostics, stats, version] = await Promise.all([
        getJson('/api/overview'), getJson('/api/entrypoints'), getJson('/api/http/routers?per_page=1000'),
        getJson('/api/http/services?per_page=1000'), getJson('/api/diagnostics'), getJson('/api/stats'),
        getJson('/api/version')]);
      computeRates(stats);
      renderOverview(overview, stats, diagnostics);
      renderEntryPoints(entryPoints, stats);
      renderRouters(routers);
      renderServices(services);
      renderDiagnostics(diagnostics);
      document.getElementById('version').textContent = 'version ' + version.Version;
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      document.body.setAttribute('data-loaded', 'true');
    } catch (e) {
      document.getElementById('updated').textContent = 'refresh failed: ' + e.message;
    }
  }

  document.getElementById('explain-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(event.target).entries()) {
      if (v !== '') params.append(k, v);
    }
    const out = document.getElementById('explain-result');
    try {
      const res = await fetch('/api/explain?' + params.toString());
      const body = await res.json();
      if (!res.ok) { out.replaceChildren(el('div', { class: 'error' }, body.message)); return; }
      out.replaceChildren(
        el('div', {}, el('strong', {}, 'Outcome: '), body.outcome, body.router ? el('span', {}, ' via ', el('code', {}, body.router)) : null),
        el('ol', {}, (body.explanation || []).map(line => el('li', {}, line))));
    } catch (e) {
      out.replaceChildren(el('div', { class: 'error' }, e.message));
    }
  });

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
