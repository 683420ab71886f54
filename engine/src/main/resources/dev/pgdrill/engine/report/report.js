// Small progressive enhancement: expand/collapse all steps, open a step linked from the URL, and a
// self-check that marks the page when its key parts are present (used by the headless browser test).
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');

  function steps() { return document.querySelectorAll('details.step'); }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (!t || !t.getAttribute) { return; }
    var action = t.getAttribute('data-action');
    if (action === 'expand' || action === 'collapse') {
      steps().forEach(function (d) { d.open = action === 'expand'; });
    }
  });

  function openFromHash() {
    var id = decodeURIComponent((location.hash || '').slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    if (el && el.tagName === 'DETAILS') { el.open = true; }
  }
  window.addEventListener('hashchange', openFromHash);
  openFromHash();

  var problems = [];
  var kind = document.body.getAttribute('data-page');
  if (!document.getElementById('verdict')) { problems.push('verdict missing'); }
  if (kind === 'index' && !document.getElementById('summary')) { problems.push('summary table missing'); }
  if (kind === 'drill') {
    if (!document.querySelector('.timeline')) { problems.push('timeline missing'); }
    if (!document.querySelector('.step-list')) { problems.push('steps missing'); }
  }
  document.body.setAttribute('data-selfcheck', problems.length === 0 ? 'ok' : problems.join('; '));
})();
