// Requester page of the catalogue search: results while the person types. The page works without this script (a GET
// form); the script only fetches the server-rendered (already HTML-encoded) results fragment and swaps it in.
(function () {
  'use strict';
  var form = document.querySelector('form[data-results]');
  if (!form) return;
  var input = form.querySelector('#q');
  var region = document.getElementById('resultats');
  var status = document.getElementById('statut');
  var endpoint = form.getAttribute('data-results');
  var timer = null;
  var controller = null;
  var last = input.value;

  function show(html, focus) {
    region.innerHTML = html;
    region.removeAttribute('aria-busy');
    var content = region.querySelector('[data-summary]');
    status.textContent = content ? content.getAttribute('data-summary') : '';
    if (focus) {
      var target = region.querySelector('caption, .message');
      if (target) { target.setAttribute('tabindex', '-1'); target.focus(); }
    }
  }

  function load(url, focus) {
    if (controller) controller.abort();
    controller = new AbortController();
    region.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin', signal: controller.signal })
      .then(function (response) {
        // Only the page's own fragment goes into the region (200, or 400 for a refused query). Anything else — the
        // bridge's problem JSON when the ARENA session has expired, a proxy's error page — is not shown raw.
        var type = response.headers.get('Content-Type') || '';
        if ((!response.ok && response.status !== 400) || !/^text\/html\b/i.test(type)) throw new Error('unexpected response ' + response.status);
        return response.text();
      })
      .then(function (html) { show(html, focus); })
      .catch(function (error) {
        if (error.name === 'AbortError') return;
        region.removeAttribute('aria-busy');
        status.textContent = 'La recherche n\u2019a pas abouti : réessayez.';
      });
  }

  function pageUrl(query) {
    return form.getAttribute('action') + (query ? '?q=' + encodeURIComponent(query) : '');
  }

  function search(focus) {
    var query = input.value;
    last = query;
    history.replaceState(null, '', pageUrl(query));
    load(endpoint + '?q=' + encodeURIComponent(query), focus);
  }

  input.addEventListener('input', function () {
    if (input.value === last) return;
    clearTimeout(timer);
    timer = setTimeout(function () { search(false); }, 120);
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(true);
  });

  // Pagination and suggestions: the fragment of the link, without reloading the page.
  region.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a[data-fragment]') : null;
    if (!link) return;
    event.preventDefault();
    var query = new URL(link.href, document.baseURI).searchParams.get('q');
    if (query !== null) { input.value = query; last = query; }
    history.replaceState(null, '', link.getAttribute('href'));
    load(link.getAttribute('data-fragment'), true);
  });
})();
