// annosearch web interface: one page over the JSON API of `annosearch serve`
// (docs/web-interface.md, docs/http-api.md). Vanilla JS, no network but this server.
// Every text from the API reaches the page through textContent (h() below), never as HTML;
// highlights are built from offsets into the text.
'use strict';

// ---------------------------------------------------------------------------------------------
// The state, all of it in the URL's query string: ?q=...&actor_any=...&tab=timeline&page=2
// ---------------------------------------------------------------------------------------------
const LIST_KEYS = ['actor', 'actor_any', 'theme', 'theme_any', 'cmp'];
const DEFAULTS = {
  q: '',
  level: 'passage',
  from: '',
  to: '',
  when: '',
  type: '',
  tab: 'results',
  page: '1',
  sort: 'relevance',
  tl_by: 'month',
  tl_dates: 'published',
  tl_norm: '',
  ksort: 'date',
  entity: '',
  doc: '',
};
const TABS = ['results', 'timeline', 'kwic', 'entity', 'compare', 'doc'];
const PAGE_SIZE = 10;
const FACET_SIZE = 100;
const KWIC_SHOWN = 1000;  // concordance lines drawn (a table of more helps nobody)
// Facet display names of entity types (the registry's types; others show as they are).
const TYPE_NAMES = {
  PERSON: 'People',
  ORG: 'Organisations',
  GPE: 'Countries, cities, states',
  LOC: 'Places',
  NORP: 'Groups (nationalities, religions, politics)',
  EVENT: 'Events',
  FAC: 'Facilities',
  PRODUCT: 'Products',
  WORK_OF_ART: 'Works',
  LAW: 'Laws',
  LANGUAGE: 'Languages',
};
const TYPE_ORDER = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP'];

function parseState(search) {
  const p = new URLSearchParams(search);
  const s = {};
  for (const [k, v] of Object.entries(DEFAULTS)) s[k] = p.get(k) ?? v;
  for (const k of LIST_KEYS) s[k] = p.getAll(k).filter((v) => v !== '');
  if (!TABS.includes(s.tab)) s.tab = 'results';
  if (s.tl_norm) s.tl_norm = '1';
  if (s.level !== 'article') s.level = 'passage';
  if (!/^[1-9][0-9]{0,6}$/.test(s.page)) s.page = '1';
  return s;
}

function stateQuery(s) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(DEFAULTS)) {
    if (s[k] !== undefined && s[k] !== v) p.set(k, s[k]);
  }
  for (const k of LIST_KEYS)
    for (const v of s[k] || []) p.append(k, v);
  const qs = p.toString();
  return qs ? '?' + qs : location.pathname;
}

function stateUrl(s) {
  const q = stateQuery(s);
  return q.startsWith('?') ? location.pathname + q : q;
}

let state = parseState(location.search);

// A copy of the state with changes; lists are copied, so the old state is never changed.
function withState(changes) {
  const s = {...state};
  for (const k of LIST_KEYS) s[k] = [...state[k]];
  return Object.assign(s, changes);
}

function navigate(s, opts = {}) {
  const url = stateUrl(s);
  if (opts.replace)
    history.replaceState(null, '', url);
  else
    history.pushState(null, '', url);
  state = parseState(location.search);
  render(opts);
}

// The filters of the current query, as API parameters (the option names of the commands).
function filterParams(s, {withQuery = true} = {}) {
  const p = [];
  if (withQuery && s.q.trim() !== '') p.push(['q', s.q]);
  p.push(['level', s.level]);
  for (const k of ['actor', 'actor_any', 'theme', 'theme_any'])
    for (const v of s[k]) p.push([k, v]);
  for (const k of ['from', 'to', 'when', 'type'])
    if (s[k]) p.push([k, s[k]]);
  return p;
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: text only, never HTML.
// ---------------------------------------------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class')
      el.className = v;
    else if (k === 'text')
      el.textContent = v;
    else if (k.startsWith('on'))
      el.addEventListener(k.slice(2), v);
    else if (k === 'dataset')
      Object.assign(el.dataset, v);
    else
      el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// An in-page link: a real href (open in a new tab, copy, share) that navigates in place (the
// click is handled once for the document, below, for every a[data-nav]).
function link(s, text, attrs = {}) {
  return h('a', {href: stateUrl(s), 'data-nav': '1', ...attrs}, text);
}

function fmt(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : String(n);
}

function plural(n, unit) {
  return `${fmt(n)} ${unit}${n === 1 ? '' : 's'}`;
}

// Text with spans marked: spans are [start, end, attrs] in code points (as the API counts).
function marked(text, spans, tag = 'mark') {
  const cps = Array.from(text);
  const frag = document.createDocumentFragment();
  let at = 0;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  for (const [start, end, attrs, spanTag] of sorted) {
    if (start < at || end <= start || end > cps.length) continue;  // overlapping or out of range
    if (start > at) frag.append(cps.slice(at, start).join(''));
    frag.append(h(spanTag || tag, attrs || {}, cps.slice(start, end).join('')));
    at = end;
  }
  if (at < cps.length) frag.append(cps.slice(at).join(''));
  return frag;
}

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body || {};
  }
}

function apiUrl(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of params || []) p.append(k, v);
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

async function api(path, params, attempt = 1) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), {headers: {Accept: 'application/json'}});
  } catch (e) {
    throw new ApiError(
        0, 'network', `The server did not answer (${e.message}). Is annosearch serve running?`);
  }
  // A server at its limit of concurrent requests says so (503 busy, Retry-After): ask again,
  // twice, after the time it gives, before showing the error.
  if (res.status === 503 && res.headers.get('Retry-After') && attempt < 3) {
    const wait = Math.min(5, Number(res.headers.get('Retry-After')) || 1);
    await new Promise((r) => setTimeout(r, 1000 * wait));
    return api(path, params, attempt + 1);
  }
  let body = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = null;
  }
  if (!res.ok || (body && body.error)) {
    const err = (body && body.error) || {};
    throw new ApiError(
        res.status, err.code || `http-${res.status}`,
        err.message || `${res.status} ${res.statusText}: ${text.slice(0, 200)}`, err);
  }
  if (body === null) throw new ApiError(res.status, 'bad-json', `${path} did not answer with JSON`);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------
const $ = (id) => document.getElementById(id);
let renderSeq = 0;
let lastSearch = null;  // the last /api/search answer for the sidebar and the chips

function unitName(s) {
  return s.level === 'article' ? 'article' : 'passage';
}

function setStatus(text) {
  $('status').textContent = text;
}

function clearError() {
  $('error').hidden = true;
  $('error').replaceChildren();
}

// Closest names of an unknown actor or theme: from the error's suggestions when the API gives
// them, else read from the message ("close: id (TYPE, Name), id (TYPE, Name); use ...").
function suggestionsOf(err) {
  const body = err.body || {};
  const list = body.closest || body.candidates || body.suggestions;
  if (Array.isArray(list)) {
    return list.map(
        (x) =>
            (typeof x === 'string' ? {id: x, label: x} :
                                     {id: x.id, label: x.name ? `${x.name} (${x.id})` : x.id}));
  }
  const m = /close: (.*?); use /.exec(err.message || '');
  if (!m) return [];
  const out = [];
  const re = /([^\s,()]+) \(([^,()]*), ([^()]*)\)/g;
  let x;
  while ((x = re.exec(m[1])) !== null) out.push({id: x[1], label: `${x[3]} (${x[1]})`});
  return out;
}

function showError(err, where) {
  const box = $('error');
  const kids =
      [h('p', {class: 'error-title'}, h('strong', {}, 'Error'), where ? ` in ${where}` : '', ': ',
         err.message)];
  // The input the API could not resolve: unknown (closest names) or ambiguous (candidates).
  const unknown = /unknown (actor|theme) "([^"]*)"/.exec(err.message || '') ||
      /^()"([^"]*)" is ambiguous/.exec(err.message || '');
  const ambiguous = /ambiguous/.test(err.code || '') || /is ambiguous/.test(err.message || '');
  const sugg = suggestionsOf(err);
  if (sugg.length) {
    const items = sugg.map((sg) => {
      const s = replaceInput(unknown ? unknown[2] : '', sg.id);
      return h('li', {}, link(s, `Use ${sg.label}`));
    });
    kids.push(
        h('p', {}, ambiguous ? 'Which one do you mean:' : 'Did you mean:'),
        h('ul', {class: 'suggestions'}, items));
  } else if (unknown) {
    kids.push(
        h('p', {},
          link(
              withState({tab: 'entity', entity: unknown[2]}),
              `Look up entities like “${unknown[2]}”`)));
  }
  if (err.code && err.code !== 'network')
    kids.push(h('p', {class: 'error-code'}, `(${err.status} ${err.code})`));
  box.replaceChildren(...kids);
  box.hidden = false;
}

// The state with an unknown actor input replaced by an id (in the filter lists or the query).
function replaceInput(input, id) {
  const s = withState({page: '1'});
  let done = false;
  for (const k of ['actor', 'actor_any', 'theme', 'theme_any', 'cmp']) {
    s[k] = s[k].map((v) => {
      if (v === input) {
        done = true;
        return id;
      }
      return v;
    });
  }
  if (s.tab === 'entity' && s.entity === input) {
    s.entity = id;
    done = true;
  }
  if (!done && input) {
    // Only the field's value: actor:Rahmonov or actor:"Emomali Rahmonov" (with a + kept).
    const esc = input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    s.q = s.q.replace(
        new RegExp(`\\b(actor|theme):(?:"${esc}"|${esc}(?=[+\\s)]|$))`, 'g'),
        (m, field) => `${field}:${id}`);
  }
  return s;
}

function syncForm() {
  const q = $('q');
  if (document.activeElement !== q || q.value === '') q.value = state.q;
  for (const r of document.querySelectorAll('input[name=level]'))
    r.checked = r.value === state.level;
  for (const b of document.querySelectorAll('[role=tab]')) {
    const on = b.dataset.tab === state.tab;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
  }
  $('panel').setAttribute('aria-labelledby', `tab-${state.tab}`);
  // At phone width the tabs scroll sideways: bring the chosen one into the strip.
  const strip = $('tablist');
  const chosen = $(`tab-${state.tab}`);
  if (strip && chosen && strip.scrollWidth > strip.clientWidth) {
    const d = chosen.getBoundingClientRect().left - strip.getBoundingClientRect().left;
    if (d < 0 || d + chosen.offsetWidth > strip.clientWidth) strip.scrollLeft += d - 16;
  }
  const ex = filterParams(state);
  $('export-csv').href = apiUrl('/api/export', [...ex, ['format', 'csv']]);
  $('export-jsonl').href = apiUrl('/api/export', [...ex, ['format', 'jsonl']]);
  $('export-csv').setAttribute('download', 'annosearch-export.csv');
  $('export-jsonl').setAttribute('download', 'annosearch-export.jsonl');
  document.title = (state.q ? `${state.q} – ` : '') + 'annosearch';
}

// Names of ids seen in facets and hits, for chips.
const names = new Map();
function remember(list, labelKey = 'name') {
  for (const e of list || [])
    if (e && e.id) names.set(e.id, e[labelKey] || e.label || e.name || e.id);
}

// input (as in the URL) -> resolved id, from the last search's query.resolved
function resolvedIds(search) {
  const m = new Map();
  for (const r of (search && search.query && search.query.resolved) || []) m.set(r.input, r.id);
  return m;
}

function renderChips() {
  const chips = [];
  const res = resolvedIds(lastSearch);
  const label = {actor: 'actor', actor_any: 'any actor', theme: 'theme', theme_any: 'any theme'};
  for (const k of ['actor', 'actor_any', 'theme', 'theme_any']) {
    for (const v of state[k]) {
      const id = res.get(v) || v;
      const name = names.get(id) || v;
      const s = withState({page: '1'});
      s[k] = s[k].filter((x) => x !== v);
      chips.push({text: `${label[k]}: ${name}`, s});
    }
  }
  const scal =
      {from: 'published from', to: 'published to', when: 'mentions date', type: 'actor type'};
  // One period (a bar of the sidebar or the timeline) is one chip.
  const period = state.from && state.from === state.to;
  if (period)
    chips.push({text: `published: ${state.from}`, s: withState({from: '', to: '', page: '1'})});
  for (const k of period ? ['when', 'type'] : ['from', 'to', 'when', 'type']) {
    if (state[k]) chips.push({text: `${scal[k]}: ${state[k]}`, s: withState({[k]: '', page: '1'})});
  }
  const ul = $('chips');
  ul.replaceChildren(...chips.map((c) => {
    const b =
        h('button', {type: 'button', class: 'chip', 'aria-label': `Remove filter ${c.text}`},
          c.text, h('span', {class: 'x', 'aria-hidden': 'true'}, '×'));
    b.addEventListener('click', () => navigate(c.s));
    return h('li', {}, b);
  }));
  if (chips.length > 1) {
    const clear = h('button', {type: 'button', class: 'chip clear'}, 'Clear all filters');
    clear.addEventListener('click', () => navigate(withState({
                                      actor: [],
                                      actor_any: [],
                                      theme: [],
                                      theme_any: [],
                                      from: '',
                                      to: '',
                                      when: '',
                                      type: '',
                                      page: '1'
                                    })));
    ul.append(h('li', {}, clear));
  }
  $('chips-box').hidden = chips.length === 0;
}

// ---- The sidebar ------------------------------------------------------------------------------
function selectedIds(kind) {
  const res = resolvedIds(lastSearch);
  const ids = new Set();
  for (const k of [kind, `${kind}_any`])
    for (const v of state[k]) ids.add(res.get(v) || v);
  return ids;
}

function toggleValue(kind, id, on) {
  const res = resolvedIds(lastSearch);
  const s = withState({page: '1'});
  if (on) {
    if (!s[`${kind}_any`].includes(id)) s[`${kind}_any`].push(id);
  } else {
    for (const k of [kind, `${kind}_any`]) s[k] = s[k].filter((v) => v !== id && res.get(v) !== id);
  }
  navigate(s, {focus: `facet-${kind}-${id}`});
}

function facetCheckbox(kind, id, label, count, checked, extra) {
  const input =
      h('input',
        {type: 'checkbox', id: `facet-${kind}-${id}`, value: id, checked, dataset: {facet: kind}});
  input.addEventListener('change', () => toggleValue(kind, id, input.checked));
  return h('label', { class: 'facet-value', for: `facet-${kind}-${id}` }, input,
           h('span', { class: 'name' }, label), extra || '',
           h('span', { class: 'count', 'aria-label': `${fmt(count)} ${unitName(state)}s` }, fmt(count)));
}

function renderActorFacet(entries, missing) {
    const sel = selectedIds('actor');
    const groups = new Map();
    for (const e of entries) {
      const t = e.type || '';
      if (!groups.has(t)) groups.set(t, []);
      groups.get(t).push(e);
    }
    const order = [...groups.keys()].sort((a, b) => {
      const ia = TYPE_ORDER.indexOf(a), ib = TYPE_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    const sec =
        h('section', {class: 'facet', 'aria-labelledby': 'facet-actor-h'},
          h('h2', {id: 'facet-actor-h'}, 'Actors'));
    if (!entries.length) sec.append(h('p', {class: 'empty'}, 'No actor in these units.'));
    for (const t of order) {
      const list = groups.get(t);
      const shown = 8;
      const ul = h('ul', {class: 'facet-list'});
      list.forEach((e, i) => {
        const li =
            h('li', {class: i >= shown && !sel.has(e.id) ? 'more' : ''},
              facetCheckbox('actor', e.id, e.name || e.id, e.count, sel.has(e.id)),
              link(withState({tab: 'entity', entity: e.id}), 'i', {
                class: 'info',
                'aria-label': `Entity page of ${e.name || e.id}`,
                title: 'Entity page'
              }));
        ul.append(li);
      });
      const fs = h(
          'div', {
            class: 'facet-group',
            role: 'group',
            'aria-label': `${TYPE_NAMES[t] || t || 'Other'} (${t || 'no type'})`
          },
          h('h3', {}, TYPE_NAMES[t] || t || 'Other', t ? h('span', {class: 'type'}, ` ${t}`) : ''),
          ul);
      if (list.length > shown) {
        const more =
            h('button', {type: 'button', class: 'more-button', 'aria-expanded': 'false'},
              `Show all ${list.length}`);
        more.addEventListener('click', () => {
          const open = ul.classList.toggle('open');
          more.setAttribute('aria-expanded', open ? 'true' : 'false');
          more.textContent = open ? 'Show fewer' : `Show all ${list.length}`;
        });
        fs.append(more);
      }
      sec.append(fs);
    }
    if (missing)
      sec.append(
          h('p', {class: 'missing'}, `${plural(missing, unitName(state))} without an actor`));
    return sec;
}

// Themes as a tree: an entry's parent is its "parent" when the API gives one (and it is listed).
function renderThemeFacet(entries, missing) {
    const sel = selectedIds('theme');
    const byId = new Map(entries.map((e) => [e.id, e]));
    const parentOf = (e) => e.parent || '';
    const kids = new Map();
    const roots = [];
    for (const e of entries) {
      const p = parentOf(e);
      if (p && byId.has(p)) {
        if (!kids.has(p)) kids.set(p, []);
        kids.get(p).push(e);
      } else
        roots.push(e);
    }
    function list(items, depth) {
      const ul = h('ul', {class: 'facet-list tree'});
      for (const e of items) {
        const li =
            h('li', {}, facetCheckbox('theme', e.id, e.label || e.id, e.count, sel.has(e.id)));
        if (kids.has(e.id)) li.append(list(kids.get(e.id), depth + 1));
        ul.append(li);
      }
      return ul;
    }
    const sec =
        h('section', {class: 'facet', 'aria-labelledby': 'facet-theme-h'},
          h('h2', {id: 'facet-theme-h'}, 'Themes'));
    if (!entries.length)
      sec.append(h('p', {class: 'empty'}, 'No theme in these units.'));
    else
      sec.append(list(roots, 0));
    if (missing)
      sec.append(h('p', {class: 'missing'}, `${plural(missing, unitName(state))} without a theme`));
    return sec;
}

function renderDateFacet(kind, entries, missing) {
    const title = kind === 'date' ? 'Published' : 'Dates mentioned';
    const sec =
        h('section', {class: 'facet', 'aria-labelledby': `facet-${kind}-h`},
          h('h2', {id: `facet-${kind}-h`}, title));
    if (!entries.length) {
      sec.append(
          h('p', {class: 'empty'}, kind === 'date' ? 'No dated unit.' : 'No date mentioned.'));
      return sec;
    }
    const max = Math.max(1, ...entries.map((e) => e.count));
    const ul = h('ul', {class: 'facet-list dates'});
    for (const e of entries) {
      const s = kind === 'date' ? withState({from: e.value, to: e.value, page: '1'}) :
                                  withState({when: e.value, page: '1'});
      const active =
          kind === 'date' ? state.from === e.value && state.to === e.value : state.when === e.value;
      // The name read out is the visible text with its unit: "2021-12: 21 passages".
      const a = link(s, '', {
        class: 'date-value' + (active ? ' active' : ''),
        'aria-current': active ? 'true' : false,
        dataset: {value: e.value}
      });
      a.append(
          h('span', {class: 'name'}, e.value, h('span', {class: 'visually-hidden'}, ': ')),
          h('span', {class: 'spark', 'aria-hidden': 'true'},
            h('span', {style: `width:${(100 * e.count) / max}%`})),
          h('span', {class: 'count'}, fmt(e.count),
            h('span', {class: 'visually-hidden'},
              ` ${unitName(state)}${e.count === 1 ? '' : 's'}`)));
      ul.append(h('li', {}, a));
    }
    sec.append(ul);
    if (missing)
      sec.append(
          h('p', {class: 'missing'},
            `${plural(missing, unitName(state))} without ${
                kind === 'date' ? 'a date' : 'a date in the text'}`));
    return sec;
}

function renderTypeSelect(entries) {
    const sel =
        h('select', {id: 'actor-type'}, h('option', {value: ''}, 'all types'),
          entries.map(
              (e) =>
                  h('option', {value: e.value, selected: state.type === e.value},
                    `${e.value} (${fmt(e.count)})`)));
    if (state.type && !entries.some((e) => e.value === state.type))
      sel.append(h('option', {value: state.type, selected: true}, state.type));
    sel.addEventListener(
        'change', () => navigate(withState({type: sel.value, page: '1'}), {focus: 'actor-type'}));
    return h('p', {class: 'type-select'}, h('label', { for: 'actor-type'
             }, 'Actors of type '), sel);
}


// The index statistics, asked once: the footer, and the date facet's bucket.
const indexStats = api('/api/stats').catch(() => null);

// Publication months in the sidebar while the index spans less than four years; years beyond,
// so that an archive of decades lists decades of years, not hundreds of months.
function dateBuckets(st) {
    const min = st && st.dates && st.dates.min;
    const max = st && st.dates && st.dates.max;
    if (!min || !max) return 'month';
    return Number(max.slice(0, 4)) - Number(min.slice(0, 4)) >= 4 ? 'year' : 'month';
}

function renderFacets(search) {
    const f = search.facets || {};
    const miss = search.facet_missing || {};
    remember(f.actor);
    remember(f.theme, 'label');
    $('facets-box').querySelector('summary').textContent =
        `Filters (${plural(search.total, unitName(state))})`;
    $('facet-body')
        .replaceChildren(
            renderTypeSelect(f.type || []), renderActorFacet(f.actor || [], miss.actor),
            renderThemeFacet(f.theme || [], miss.theme),
            renderDateFacet('date', f.date || [], miss.date),
            renderDateFacet('when', f.when || [], miss.when));
}

// ---- Results ----------------------------------------------------------------------------------
function whyText(why) {
    const parts = [];
    if (!why) return parts;
    for (const [id, v] of Object.entries(why.actor || {})) {
      parts.push(`actor ${names.get(id) || id}${
          v.via && v.via !== 'id' ? ` (as “${v.input}”, by ${v.via})` : ''}`);
    }
    for (const [id, v] of Object.entries(why.theme || {})) {
      parts.push(`theme ${names.get(id) || id}${
          Array.isArray(v) && v.length ? ` (${v.join(', ')})` : ''}`);
    }
    if (why.date) parts.push(`published ${why.date}`);
    if (why.when && why.when.length) parts.push(`mentions ${[].concat(why.when).join(', ')}`);
    if (why.terms && why.terms.length) parts.push(`words ${why.terms.join(', ')}`);
    return parts;
}

function passageRef(id, n) {
    return n ? `${id}#${n}` : id;
}

function renderHit(hit, rank) {
    const ref = passageRef(hit.id, hit.passage && hit.passage.n);
    const title = link(withState({tab: 'doc', doc: ref}), hit.title || hit.id);
    const meta = [hit.date || 'undated', hit.source, ref];
    if (hit.score) meta.push(`score ${hit.score}`);
    const art =
        h('article',
          {class: 'hit' + (hit.partial ? ' partial' : ''), 'aria-labelledby': `hit-${rank}`},
          h('h3', {id: `hit-${rank}`}, h('span', {class: 'rank'}, `${rank}.`), ' ', title),
          h('p', {class: 'meta'}, meta.filter(Boolean).join(' · ')));
    if (hit.passage) {
      const p = hit.passage;
      // passage.highlights: [start, end) in code points of passage.text (docs/output-format.md).
      const spans = (p.highlights || []).map((x) => [x[0], x[1]]);
      art.append(h('p', {class: 'passage'}, marked(p.text, spans)));
    } else
      art.append(h('p', {class: 'passage empty'}, 'This article has no passage.'));
    if (hit.partial)
      art.append(
          h('p', {class: 'partial-note'},
            `Partial match: missing ${(hit.missing || []).join(', ')}`));
    if (hit.actors && hit.actors.length) {
      remember(hit.actors);
      art.append(
          h('p', {class: 'tags'}, h('span', {class: 'tag-label'}, 'Actors: '),
            hit.actors.map(
                (a, i) =>
                    [i ? ', ' : '',
                     link(
                         withState({tab: 'entity', entity: a.id}), a.name || a.id,
                         {class: 'tag', title: a.type})])));
    }
    if (hit.themes && hit.themes.length) {
      remember(hit.themes, 'label');
      art.append(
          h('p', {class: 'tags'}, h('span', {class: 'tag-label'}, 'Themes: '),
            hit.themes.map((t, i) => [i ? ', ' : '', t.label || t.id])));
    }
    const why = whyText(hit.why);
    if (why.length)
      art.append(h('p', {class: 'why'}, h('span', {class: 'tag-label'}, 'Why: '), why.join('; ')));
    return art;
}

function queryDescription(search) {
    const parts = [];
    const q = search.query || {};
    for (const r of q.resolved || []) {
      if (r.via && r.via !== 'id')
        parts.push(`${r.input} = ${names.get(r.id) || r.id} (by ${r.via})`);
    }
    return parts.join(' · ');
}

function renderResults(search, panel) {
    const total = search.total;
    const page = Number(state.page);
    const first = (page - 1) * PAGE_SIZE;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const sortSel = h('select', {id: 'sort'}, [
      ['relevance', 'relevance'], ['date', 'oldest first'], ['-date', 'newest first']
    ].map(([v, l]) => h('option', {value: v, selected: state.sort === v}, l)));
    sortSel.addEventListener(
        'change', () => navigate(withState({sort: sortSel.value, page: '1'}), {focus: 'sort'}));
    const head =
        h('div', {class: 'results-head'},
          h('h2', {id: 'results-h', tabindex: '-1'},
            total === 0 ? `No ${unitName(state)} matches` :
                          `${plural(total, unitName(state))}` +
                    (search.hits.length && !(first === 0 && search.hits.length >= total) ?
                         `, ${fmt(first + 1)}–${fmt(first + search.hits.length)} shown` :
                         '')),
          h('p', {class: 'sort'}, h('label', { for: 'sort'
            }, 'Sort by '), sortSel));
    panel.append(head);
    const desc = queryDescription(search);
    if (desc) panel.append(h('p', {class: 'query-desc'}, desc));
    const q = search.query || {};
    if (q.ignored && q.ignored.length)
      panel.append(h('p', {class: 'note'}, `Ignored (function words): ${q.ignored.join(', ')}`));
    for (const r of q.resolved || [])
      if (r.note) panel.append(h('p', {class: 'note'}, r.note));
    for (const n of q.notes || []) panel.append(h('p', {class: 'note'}, n));
    if (q.clauses && q.clauses.length) {
      panel.append(
          h('p', {class: 'note'},
            `No ${unitName(state)} contains all of: ` +
                q.clauses.map((c) => `${c.clause} (${fmt(c.alone)})`).join(', ') +
                '. Partial matches follow.'));
    }
    if (total === 0 && !search.hits.length) {
      panel.append(
          h('p', {class: 'empty'},
            'Nothing matches. Remove a filter, check the spelling, or join words with OR.'));
    }
    const list = h('ol', {class: 'hits', start: String(first + 1)});
    search.hits.forEach((hit, i) => list.append(h('li', {}, renderHit(hit, first + i + 1))));
    panel.append(list);
    if (pages > 1 || page > 1) {
      const nav = h('nav', {class: 'pager', 'aria-label': 'Result pages'});
      if (page > 1)
        nav.append(link(withState({page: String(page - 1)}), '← Previous', {rel: 'prev'}));
      nav.append(h('span', {}, `Page ${fmt(page)} of ${fmt(pages)}`));
      if (page < pages || (search.left_out || 0) > 0)
        nav.append(link(withState({page: String(page + 1)}), 'Next →', {rel: 'next'}));
      panel.append(nav);
    }
}

// ---- Timeline ---------------------------------------------------------------------------------
function bars(buckets, onBar, opts = {}) {
    // opts.share: heights and labels are each bucket's share of all units of its period.
    const value = (b) => (opts.share ? b.share || 0 : b.count);
    const max = Math.max(opts.share ? 1e-9 : 1, ...buckets.map(value));
    // Many buckets (days of a year): thin bars, a label on every step-th only (each bar keeps its
    // name for screen readers and as a tooltip).
    const dense = buckets.length > 24;
    const step = dense ? Math.ceil(buckets.length / 12) : 1;
    const wrap = h('div', {
      class: 'bars' + (opts.small ? ' small' : '') + (dense ? ' dense' : ''),
      role: 'list',
      'aria-label': opts.label || 'Timeline'
    });
    for (const [i, b] of buckets.entries()) {
      const pct = (100 * value(b)) / max;
      // The name read out is the visible text with its unit: "21 passages in 2021-12", or
      // "25% of the passages of 2021-12".
      const unit = opts.unit || unitName(state);
      const shown = opts.share ?
          `${(100 * (b.share || 0)).toFixed(b.share > 0 && b.share < 0.1 ? 1 : 0)}%` :
          fmt(b.count);
      const spoken =
          opts.share ? ` of the ${unit}s of ` : ` ${unit}${b.count === 1 ? '' : 's'} in `;
      const inner = [
        h('span', {class: 'bar-track'},
          h('span', {class: 'bar-count'}, shown, h('span', {class: 'visually-hidden'}, spoken)),
          h('span', {class: 'bar', style: `height:${Math.max(pct, b.count ? 2 : 0)}%`})),
        h('span', {class: 'bar-label' + (i % step === 0 ? ' tick' : '')}, b.bucket)
      ];
      const title = `${b.bucket}: ${plural(b.count, unit)}` +
          (opts.share ? ` of ${fmt(b.bucket_total || 0)} (${shown})` : '') +
          (onBar ? ' (choose to filter)' : '');
      const el = onBar ?
          link(onBar(b), '', {class: 'bar-cell', title, dataset: {bucket: b.bucket}}) :
          h('span', {class: 'bar-cell', title, dataset: {bucket: b.bucket}});
      el.append(...inner);
      wrap.append(h('div', {role: 'listitem', class: 'bar-item'}, el));
    }
    return wrap;
}

async function renderTimeline(panel, seq) {
    const params = [...filterParams(state), ['by', state.tl_by]];
    if (state.tl_dates === 'mentioned') params.push(['mentioned_dates', 'true']);
    if (state.tl_norm) params.push(['normalize', 'true']);
    const tl = await api('/api/timeline', params);
    if (seq !== renderSeq) return;
    const by = h('select', {id: 'tl-by'}, [
      'year', 'month', 'day'
    ].map((v) => h('option', {value: v, selected: state.tl_by === v}, v)));
    by.addEventListener('change', () => navigate(withState({tl_by: by.value}), {focus: 'tl-by'}));
    const dates = h('select', {id: 'tl-dates'}, [
      ['published', 'publication date'], ['mentioned', 'dates mentioned in the text']
    ].map(([v, l]) => h('option', {value: v, selected: state.tl_dates === v}, l)));
    dates.addEventListener(
        'change', () => navigate(withState({tl_dates: dates.value}), {focus: 'tl-dates'}));
    const norm = h('input', {type: 'checkbox', id: 'tl-norm', checked: Boolean(state.tl_norm)});
    norm.addEventListener(
        'change',
        () => navigate(withState({tl_norm: norm.checked ? '1' : ''}), {focus: 'tl-norm'}));
    panel.append(
        h('div', {class: 'results-head'},
          h('h2', {id: 'timeline-h', tabindex: '-1'},
            `Timeline: ${plural(tl.total, unitName(state))}`),
          h('p', {class: 'controls'}, h('label', { for: 'tl-dates'
            }, 'Count by '), dates, ' ', h('label', { for: 'tl-by'
            }, 'per '), by, ' ', norm, h('label', { for: 'tl-norm'
            }, 'as a share of all ' + unitName(state) + 's of the period'))));
    for (const n of tl.notes || []) panel.append(h('p', {class: 'note'}, n));
    if (tl.missing)
      panel.append(
          h('p', {class: 'note'},
            `${plural(tl.missing, unitName(state))} ${
                tl.dates === 'mentioned' ? 'mention no date' : 'are undated'} (not shown).`));
    if (!tl.buckets.length) {
      panel.append(h('p', {class: 'empty'}, 'No dates to show.'));
      return;
    }
    panel.append(h('p', {class: 'help'}, 'Choose a bar to filter the results to that period.'));
    panel.append(bars(
        tl.buckets,
        (b) =>
            (state.tl_dates === 'mentioned' ?
                 withState({when: b.bucket, tab: 'results', page: '1'}) :
                 withState({from: b.bucket, to: b.bucket, tab: 'results', page: '1'})),
        {label: `${unitName(state)}s per ${tl.by}`, share: tl.normalized}));
}

// ---- Concordance ------------------------------------------------------------------------------
function kwicTarget(s) {
    if (s.q.trim()) return {target: s.q, params: filterParams(s)};
    const a = s.actor[0] || s.actor_any[0];
    if (a) return {target: a, params: [['q', a], ...filterParams(s, {withQuery: false})]};
    return null;
}

async function renderKwic(panel, seq) {
    const t = kwicTarget(state);
    if (!t) {
      panel.append(
          h('h2', {id: 'kwic-h', tabindex: '-1'}, 'Concordance'),
          h('p', {class: 'empty'},
            'Type a query or choose an actor to see every match in context.'));
      return;
    }
    const kw = await api('/api/kwic', [...t.params, ['sort', state.ksort], ['width', '50']]);
    if (seq !== renderSeq) return;
    const what = kw.kind === 'actor' ? `mentions of ${names.get(kw.actor) || kw.actor}` :
                                       `matches of “${kw.target}”`;
    panel.append(
        h('div', {class: 'results-head'},
          h('h2', {id: 'kwic-h', tabindex: '-1'},
            `Concordance: ${plural(kw.count, 'line')}, ${what}`)));
    for (const n of kw.notes || []) panel.append(h('p', {class: 'note'}, n));
    if (!kw.lines.length) {
      panel.append(h('p', {class: 'empty'}, 'No line to show.'));
      return;
    }
    if (kw.lines.length > KWIC_SHOWN) {
      panel.append(
          h('p', {class: 'note'},
            `The first ${fmt(KWIC_SHOWN)} of ${
                fmt(kw.lines.length)} lines are shown, in this order; ` +
                'narrow the query or the filters, or export the matches (CSV, JSON Lines).'));
    }
    const sortBtn = (key, label) => {
      const on = state.ksort === key;
      return h(
          'th', {
            scope: 'col',
            'aria-sort': on ? 'ascending' : 'none',
            class: key === 'left' ? 'left' : ''
          },
          link(
              withState({ksort: key}), label + (on ? ' ▲' : ''),
              {class: 'sort-link', 'aria-label': `Sort by ${label}${on ? ' (sorted)' : ''}`}));
    };
    const
        table =
            h(
                'table', {class: 'kwic'},
                h('caption', {class: 'visually-hidden'}, 'Concordance lines; column headers sort'),
                h('thead', {},
                  h('tr', {}, sortBtn('date', 'Source'), sortBtn('left', 'Left context'),
                    h('th', {scope: 'col'}, 'Match'), sortBtn('right', 'Right context'))),
                h(
                    'tbody', {},
                    kw.lines.slice(0, KWIC_SHOWN)
                        .map(
                            (l) =>
                                h(
                                    'tr', {},
                                    h('td', {class: 'src'},
                                      link(
                                          withState({tab: 'doc', doc: passageRef(l.id, l.passage)}),
                                          [
                                            h(
                                                'span', {class: 'src-date'},
                                                (l.date || 'undated').slice(0, 10)),
                                            h(
                                                'span', {class: 'src-id'},
                                                passageRef(l.id, l.passage))
                                          ],
                                          {
                                            title: `${l.date || 'undated'} · ${
                                                passageRef(l.id, l.passage)}`
                                          })),
                                    h('td', {class: 'left'}, h('div', {}, h('span', {}, l.left))),
                                    h('td', {class: 'kw'}, h('mark', {}, l.keyword)),
                                    h('td', {class: 'right'},
                                      h('div', {}, h('span', {}, l.right)))))));
    panel.append(h('div', {class: 'table-wrap'}, table));
}

// ---- Entity page ------------------------------------------------------------------------------
const SCRIPTS = [['Latin', /\p{Script=Latin}/u], ['Cyrillic', /\p{Script=Cyrillic}/u], ['Arabic', /\p{Script=Arabic}/u],
                 ['Han', /\p{Script=Han}/u], ['Greek', /\p{Script=Greek}/u], ['Hebrew', /\p{Script=Hebrew}/u],
                 ['Devanagari', /\p{Script=Devanagari}/u], ['Georgian', /\p{Script=Georgian}/u], ['Armenian', /\p{Script=Armenian}/u]];
function scriptOf(text) {
    for (const [name, re] of SCRIPTS)
      if (re.test(text)) return name;
    return 'Other';
}

// Entity names offered while typing (a datalist filled from /api/entities: id, name, alias or
// prefix in any script), for the entity lookup and the comparison.
function entitySuggestions(input) {
    const list = h('datalist', {id: `${input.id}-list`});
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    let timer = null;
    let asked = '';
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const v = input.value.trim();
        if (v.length < 2 || v === asked) return;
        asked = v;
        try {
          const r = await api('/api/entities', [['q', v], ['limit', '10']]);
          if (input.value.trim() !== v) return;
          list.replaceChildren(
              ...(r.entities || []).map((e) => h('option', {
                                          value: e.id,
                                          label: `${e.name || e.id} (${e.type || 'entity'})`
                                        })));
        } catch (e) {
          list.replaceChildren();
        }
      }, 200);
    });
    return list;
}

function entityLookupForm(value) {
    const input = h(
        'input',
        {id: 'entity-q', type: 'search', value: value || '', placeholder: 'Rakh, Рахмон, Taliban'});
    const form = h(
        'form', {class: 'inline-form', role: 'search', 'aria-label': 'Look up an entity'},
        h('label', { for: 'entity-q'
        }, 'Entity: '), input, entitySuggestions(input), h('button', {type: 'submit'}, 'Look up'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      navigate(withState({tab: 'entity', entity: input.value.trim()}), {focus: 'entity-q'});
    });
    return form;
}

async function renderEntity(panel, seq) {
    panel.append(entityLookupForm(state.entity));
    const look = await api(
        '/api/entities', state.entity ? [['q', state.entity], ['limit', '20']] : [['limit', '50']]);
    if (seq !== renderSeq) return;
    const list = look.entities || [];
    // The entity page when the input names one entity (its id, name, alias or transliteration);
    // the list of candidates when it is only a prefix or names several.
    const named = list.filter(
        (e) => e.id === state.entity || ['id', 'name', 'alias', 'transliteration'].includes(e.via));
    const exact = state.entity &&
        (list.find((e) => e.id === state.entity) || (named.length === 1 ? named[0] : null));
    if (!state.entity || !exact) {
      panel.append(
          h('h2', {id: 'entity-h', tabindex: '-1'},
            state.entity ? `Entities matching “${state.entity}”` : 'Entities'));
      if (!list.length) {
        panel.append(
            h('p', {class: 'empty'}, `No entity id, name or alias starts with “${state.entity}”.`));
        return;
      }
      const ul = h('ul', {class: 'entity-list'});
      for (const e of list) {
        remember([e]);
        ul.append(h(
            'li', {}, link(withState({tab: 'entity', entity: e.id}), e.name || e.id),
            ` ${e.type || ''} · ${plural(e.passages || 0, 'passage')}`,
            e.match && e.via !== 'id' ? h('span', {class: 'via'}, ` (${e.via}: ${e.match})`) : ''));
      }
      panel.append(ul);
      if (look.truncated)
        panel.append(h('p', {class: 'note'}, 'More entities match; type more letters.'));
      return;
    }
    const e = exact;
    remember([e]);
    const [tl, co] = await Promise.all([
      api('/api/timeline', [['actor', e.id], ['level', 'passage'], ['by', state.tl_by]]),
      api('/api/cooccur', [['q', e.id], ['level', 'passage'], ['limit', '20']]),
    ]);
    if (seq !== renderSeq) return;
    panel.append(
        h('h2', {id: 'entity-h', tabindex: '-1'}, e.name || e.id), h('p', {class: 'meta'}, [
          e.type, e.id,
          `${plural(e.articles || 0, 'article')}, ${plural(e.passages || 0, 'passage')}`
        ].filter(Boolean).join(' · ')));
    if (e.description) panel.append(h('p', {class: 'description'}, e.description));
    panel.append(
        h('p', {class: 'actions'},
          link(
              withState({tab: 'results', actor: [e.id], actor_any: [], q: '', page: '1'}),
              `Search the passages of ${e.name}`, {class: 'button'}),
          ' ', link(withState({tab: 'kwic', q: '', actor: [e.id], actor_any: []}), 'Concordance', {
            class: 'button'
          }),
          ' ',
          link(
              withState({tab: 'compare', cmp: [e.id, (co.partners[0] || {}).target || '']}),
              'Compare…', {class: 'button'})));
    // aliases by script
    const byScript = new Map();
    for (const a of [e.name, ...(e.aliases || [])]) {
      const sc = scriptOf(a);
      if (!byScript.has(sc)) byScript.set(sc, []);
      if (!byScript.get(sc).includes(a)) byScript.get(sc).push(a);
    }
    const dl = h('dl', {class: 'aliases'});
    // A gazetteer-fed country has over a thousand names: the first 30, the rest behind a toggle.
    const nameList = (list, sc) => list.map(
        (n, i) => [i ? ', ' : '', h('span', {lang: sc === 'Cyrillic' ? 'ru' : undefined}, n)]);
    for (const [sc, names_] of byScript) {
      const dd = h('dd', {}, nameList(names_.slice(0, 30), sc));
      if (names_.length > 30)
        dd.append(
            h('details', {}, h('summary', {}, `${names_.length - 30} more`),
              nameList(names_.slice(30), sc)));
      dl.append(h('dt', {}, sc), dd);
    }
    panel.append(
        h('section', {'aria-labelledby': 'aliases-h'},
          h('h3', {id: 'aliases-h'}, 'Names and aliases'), dl));
    const rel = [
      ...(e.related || []).map((r) => ({...r, dir: 'out'})),
      ...(e.named_by || []).map((r) => ({...r, dir: 'in'}))
    ];
    const relSec = h('section', {'aria-labelledby': 'rel-h'}, h('h3', {id: 'rel-h'}, 'Relations'));
    if (!rel.length)
      relSec.append(h('p', {class: 'empty'}, 'No relation in the registry.'));
    else {
      relSec.append(
          h('ul', {class: 'relations'},
            rel.map(
                (r) =>
                    h('li', {},
                      r.dir === 'out' ?
                          [
                            `${r.relation} of `,
                            link(withState({tab: 'entity', entity: r.id}), names.get(r.id) || r.id)
                          ] :
                          [
                            link(withState({tab: 'entity', entity: r.id}), names.get(r.id) || r.id),
                            ` is ${r.relation} of this entity`
                          ]))));
    }
    panel.append(relSec);
    const tlSec =
        h('section', {'aria-labelledby': 'etl-h'}, h('h3', {id: 'etl-h'}, `Passages per ${tl.by}`));
    if (tl.buckets.length)
      tlSec.append(bars(
          tl.buckets, (b) => withState({
                        tab: 'results',
                        q: '',
                        actor: [e.id],
                        actor_any: [],
                        from: b.bucket,
                        to: b.bucket,
                        page: '1'
                      }),
          {small: true, unit: 'passage', label: `Passages of ${e.name} per ${tl.by}`}));
    else
      tlSec.append(h('p', {class: 'empty'}, 'No dated passage.'));
    panel.append(tlSec);
    const coSec =
        h('section', {'aria-labelledby': 'co-h'}, h('h3', {id: 'co-h'}, 'Co-occurring actors'));
    if (!co.partners.length)
      coSec.append(h('p', {class: 'empty'}, 'No actor shares a passage with this one.'));
    else {
      coSec.append(
          h('p', {class: 'help'},
            `Actors sharing a passage with ${e.name} (${plural(co.actor_units, 'passage')} of ${
                fmt(co.units)}), by log-likelihood ratio.`));
      coSec.append(
          h('div', {class: 'table-wrap'},
            h('table', {class: 'cooccur'},
              h('caption', {class: 'visually-hidden'}, `Actors co-occurring with ${e.name}`),
              h('thead', {},
                h('tr', {},
                  ['Actor', 'Type', 'Together', 'Its passages', 'LLR', 'PMI', 'Read'].map(
                      (c, i) => h('th', {scope: 'col', class: i >= 2 && i <= 5 ? 'num' : ''}, c)))),
              h('tbody', {}, co.partners.map((p) => {
                remember([{id: p.target, name: p.name}]);
                return h(
                    'tr', {},
                    h('td', {},
                      link(withState({tab: 'entity', entity: p.target}), p.name || p.target)),
                    h('td', {}, p.type || ''), h('td', {class: 'num'}, fmt(p.joint)),
                    h('td', {class: 'num'}, fmt(p.partner_units)),
                    h('td', {class: 'num'}, p.llr.toFixed(2)),
                    h('td', {class: 'num'}, p.pmi.toFixed(2)),
                    h('td', {},
                      link(
                          withState({
                            tab: 'results',
                            q: '',
                            actor: [e.id, p.target],
                            actor_any: [],
                            page: '1'
                          }),
                          'passages', {'aria-label': `Passages with ${e.name} and ${p.name}`})));
              })))));
      if (co.left_out)
        coSec.append(h('p', {class: 'note'}, `${fmt(co.left_out)} more partners not shown.`));
    }
    panel.append(coSec);
}

// ---- Compare ----------------------------------------------------------------------------------
async function renderCompare(panel, seq) {
    const a = h('input', {
      id: 'cmp-a',
      type: 'text',
      value: state.cmp[0] || '',
      required: true,
      placeholder: 'Rahmon'
    });
    const b = h('input', {
      id: 'cmp-b',
      type: 'text',
      value: state.cmp[1] || '',
      required: true,
      placeholder: 'Putin'
    });
    const form =
        h('form', {class: 'inline-form', 'aria-label': 'Compare two actors'}, h('label', { for: 'cmp-a'
          }, 'Compare '), a, entitySuggestions(a), h('label', { for: 'cmp-b'
          }, ' with '), b, entitySuggestions(b), ' ', h('button', {type: 'submit'}, 'Compare'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      navigate(
          withState({tab: 'compare', cmp: [a.value.trim(), b.value.trim()]}), {focus: 'cmp-a'});
    });
    panel.append(
        h('h2', {id: 'compare-h', tabindex: '-1'}, 'Compare two actors (or queries)'), form);
    const targets = state.cmp.filter(Boolean);
    if (targets.length < 2) {
      panel.append(h(
          'p', {class: 'help'},
          'Each side is an actor (id, name or alias) or, when it names none, a query. The filters of the current search apply to both.'));
      return;
    }
    const params = [
      ...targets.map((t) => ['q', t]), ...filterParams(state, {withQuery: false}), ['top', '8'],
      ['by', state.tl_by]
    ];
    const cmp = await api('/api/compare', params);
    if (seq !== renderSeq) return;
    const cols = h('div', {class: 'compare'});
    for (const c of cmp.columns) {
      const title = c.kind === 'actor' ?
          link(withState({tab: 'entity', entity: c.actor}), names.get(c.actor) || c.target) :
          `“${c.target}”`;
      const col =
          h('section', {class: 'compare-col', 'aria-label': `Column ${c.target}`},
            h('h3', {}, title), h('p', {class: 'big'}, plural(c.count, cmp.level)));
      col.append(
          h('h4', {}, 'Themes'),
          c.themes.length ? h('ul', {class: 'counts'},
                              c.themes.map(
                                  (t) =>
                                      h('li', {}, h('span', {}, t.label || t.id),
                                        h('span', {class: 'count'}, fmt(t.count))))) :
                            h('p', {class: 'empty'}, 'none'));
      col.append(
          h('h4', {}, 'Actors'),
          c.actors.length ?
              h('ul', {class: 'counts'},
                c.actors.map(
                    (x) =>
                        h('li', {}, link(withState({tab: 'entity', entity: x.id}), x.name || x.id),
                          h('span', {class: 'count'}, fmt(x.count))))) :
              h('p', {class: 'empty'}, 'none'));
      col.append(
          h('h4', {}, `Per ${cmp.by}`),
          c.timeline.length ?
              bars(
                  c.timeline, null,
                  {small: true, unit: cmp.level, label: `${c.target} per ${cmp.by}`}) :
              h('p', {class: 'empty'}, 'no dated unit'));
      cols.append(col);
    }
    panel.append(cols);
}

// ---- Document ---------------------------------------------------------------------------------
async function renderDoc(panel, seq) {
    if (!state.doc) {
      panel.append(
          h('h2', {id: 'doc-h', tabindex: '-1'}, 'Document'),
          h('p', {class: 'empty'}, 'Choose a result’s title to read it here.'));
      return;
    }
    const ref = state.doc;
    const whole = !ref.includes('#');
    const d = await api(`/api/show/${encodeURIComponent(ref)}`, whole ? [] : [['context', '2']]);
    if (seq !== renderSeq) return;
    panel.append(h('h2', {id: 'doc-h', tabindex: '-1'}, d.title || d.id), h('p', {class: 'meta'}, [
                   d.date || 'undated', d.source, d.language, (d.authors || []).join(', '), d.id,
                   plural(d.passage_count || 0, 'passage')
                 ].filter(Boolean).join(' · ')));
    const acts = [];
    if (d.url && /^https?:\/\//i.test(d.url))
      acts.push(
          h('a', {href: d.url, rel: 'noopener noreferrer', target: '_blank'},
            'Original (opens a new tab)'));
    if (!whole) acts.push(link(withState({doc: d.id}), 'Whole document'));
    panel.append(h('p', {class: 'actions'}, acts.map((x, i) => [i ? ' · ' : '', x])));
    remember(d.actors);
    for (const p of d.passages || []) {
      remember(p.actors);
      const spans = (p.mentions || [])
                        .map(
                            (m) =>
                                [m.start, m.end, {
                                  class: 'mention',
                                  href: stateUrl(withState({tab: 'entity', entity: m.actor})),
                                  'data-nav': '1',
                                  title: `${names.get(m.actor) || m.actor}: entity page`,
                                  dataset: {actor: m.actor}
                                },
                                 'a']);
      for (const dt of p.dates || [])
        spans.push([dt.start, dt.end, {class: 'date-mention', title: dt.value}]);
      const sec =
          h('section', {
            class: 'doc-passage' + (p.focus ? ' focus' : ''),
            'aria-label': `Passage ${p.passage}${p.focus ? ' (the one asked for)' : ''}`
          },
            h('p', {class: 'pno'},
              link(withState({doc: passageRef(p.id || d.id, p.passage)}), `#${p.passage}`)),
            h('p', {class: 'ptext'}, marked(p.text, spans)));
      if ((p.themes || []).length)
        sec.append(
            h('p', {class: 'tags'}, 'Themes: ', p.themes.map((t) => t.label || t.id).join(', ')));
      panel.append(sec);
    }
}

// ---- The render loop --------------------------------------------------------------------------
async function render(opts = {}) {
    const seq = ++renderSeq;
    syncForm();
    clearError();
    const panel = $('panel');
    panel.setAttribute('aria-busy', 'true');
    const fresh = h('div');
    // The sidebar and the total always follow the current query.
    const searchParams = [
      ...filterParams(state), ['facets', 'actor,theme,date,when,type'],
      ['facet_size', String(FACET_SIZE)],
      ['limit', state.tab === 'results' ? String(PAGE_SIZE) : '0'],
      ['offset', state.tab === 'results' ? String((Number(state.page) - 1) * PAGE_SIZE) : '0']
    ];
    if (state.sort !== 'relevance') searchParams.push(['sort', state.sort]);
    searchParams.push(['date_buckets', dateBuckets(await indexStats)]);
    if (seq !== renderSeq) return;
    let search = null;
    try {
      search = await api('/api/search', searchParams);
      if (seq !== renderSeq) return;
      lastSearch = search;
      for (const r of search.query.resolved || [])
        if (!names.has(r.id)) names.set(r.id, r.id);
      renderFacets(search);
      setStatus(`${plural(search.total, unitName(state))}` + (state.q ? ` for “${state.q}”` : ''));
    } catch (err) {
      if (seq !== renderSeq) return;
      lastSearch = null;
      showError(err, 'the search');
      $('facet-body')
          .replaceChildren(h('p', {class: 'empty'}, 'No facets: the query has an error.'));
      $('facets-box').querySelector('summary').textContent = 'Filters';
      setStatus(`Error: ${err.message}`);
    }
    renderChips();
    try {
      if (state.tab === 'results') {
        if (search) renderResults(search, fresh);
      } else if (state.tab === 'timeline') {
        if (search) await renderTimeline(fresh, seq);
      } else if (state.tab === 'kwic') {
        if (search) await renderKwic(fresh, seq);
      } else if (state.tab === 'entity')
        await renderEntity(fresh, seq);
      else if (state.tab === 'compare')
        await renderCompare(fresh, seq);
      else if (state.tab === 'doc')
        await renderDoc(fresh, seq);
    } catch (err) {
      if (seq !== renderSeq) return;
      showError(err, `the ${state.tab} view`);
    }
    if (seq !== renderSeq) return;
    panel.replaceChildren(fresh);
    panel.setAttribute('aria-busy', 'false');
    document.body.dataset.ready = String(seq);  // for tests: the view of this state is drawn
    if (opts.focus) {
      const el = document.getElementById(opts.focus);
      if (el) el.focus();
    } else if (opts.focusPanel) {
      const hd = panel.querySelector('h2');
      if (hd) hd.focus();
    }
}

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------
function init() {
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const tab = ['entity', 'compare', 'doc'].includes(state.tab) ? 'results' : state.tab;
      navigate(withState({q: $('q').value, page: '1', tab}));
    });
    for (const r of document.querySelectorAll('input[name=level]')) {
      r.addEventListener(
          'change',
          () => navigate(withState({level: r.value, page: '1'}), {focus: r.id || undefined}));
    }
    const tabs = [...document.querySelectorAll('[role=tab]')];
    tabs.forEach((b, i) => {
      b.addEventListener('click', () => navigate(withState({tab: b.dataset.tab}), {focus: b.id}));
      b.addEventListener('keydown', (e) => {
        let j = null;
        if (e.key === 'ArrowRight')
          j = (i + 1) % tabs.length;
        else if (e.key === 'ArrowLeft')
          j = (i - 1 + tabs.length) % tabs.length;
        else if (e.key === 'Home')
          j = 0;
        else if (e.key === 'End')
          j = tabs.length - 1;
        if (j === null) return;
        e.preventDefault();
        navigate(withState({tab: tabs[j].dataset.tab}), {focus: tabs[j].id});
      });
    });
    document.addEventListener('keydown', (e) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target;
      if (t &&
          (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' ||
           t.isContentEditable))
        return;
      e.preventDefault();
      $('q').focus();
      $('q').select();
    });
    $('home').dataset.nav = '1';
    document.addEventListener('click', (e) => {
      const a = e.target.closest && e.target.closest('a[data-nav]');
      if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const u = new URL(a.href, location.href);
      if (u.origin !== location.origin) return;
      e.preventDefault();
      history.pushState(null, '', u.pathname + u.search);
      state = parseState(u.search);
      render({focusPanel: a.closest('#panel') !== null && !a.closest('table.kwic thead')});
    });
    window.addEventListener('popstate', () => {
      state = parseState(location.search);
      render();
    });
    if (window.matchMedia && window.matchMedia('(max-width: 760px)').matches)
      $('facets-box').open = false;
    indexStats.then((st) => {
      if (!st) {
        $('index-info').textContent = 'index statistics unavailable';
        return;
      }
      const bits = [
        st.generation ? `index ${st.generation}` : 'index', plural(st.documents || 0, 'document'),
        plural(st.passages || 0, 'passage'),
        `${fmt((st.entities && st.entities.registry) || 0)} entities`,
        st.dates && st.dates.min ?
            (st.dates.min === st.dates.max ? `published ${st.dates.min}` :
                                             `published ${st.dates.min} to ${st.dates.max}`) :
            '',
        st.built_at ? `built ${st.built_at}` : ''
      ];
      $('index-info').textContent = bits.filter(Boolean).join(' · ');
    });
    render();
}

init();
