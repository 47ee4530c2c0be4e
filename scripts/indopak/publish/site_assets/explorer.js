// The explorer's one script: filters the timeline on index.html. It only shows and hides
// the events already in the page, so it reads no data and works from file:// too. The
// filters are kept in the address (#type=ASSAULT&crisis=…), so a link can open them.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("timeline");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var texts = items.map(function (li) { return li.textContent.toLowerCase(); });
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var names = ["from", "to", "type", "crisis", "actor", "country", "q"];

  function field(name) { return form.elements[name]; }

  function readAddress() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    names.forEach(function (name) {
      if (params.has(name)) field(name).value = params.get(name);
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      var input = field(name);
      if (input.value && input.value !== input.defaultValue) params.set(name, input.value);
    });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : window.location.pathname);
  }

  function apply() {
    var from = parseInt(field("from").value, 10);
    var to = parseInt(field("to").value, 10);
    var type = field("type").value;
    var crisis = field("crisis").value;
    var actor = field("actor").value;
    var country = field("country").value;
    var words = field("q").value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li, i) {
      var d = li.dataset;
      var ok = (isNaN(from) || parseInt(d.yearLast, 10) >= from) &&
        (isNaN(to) || parseInt(d.year, 10) <= to) &&
        (!type || d.type === type) &&
        (!crisis || d.crisis === crisis) &&
        (!actor || d.actors.indexOf(" " + actor + " ") >= 0) &&
        (!country || d.countries.indexOf(" " + country + " ") >= 0) &&
        words.every(function (w) { return texts[i].indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " of " + items.length + " events";
    none.hidden = shown > 0;
  }

  form.addEventListener("input", function () { apply(); writeAddress(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    names.forEach(function (name) {
      var input = field(name);
      input.value = input.tagName === "SELECT" ? "" : input.defaultValue;
    });
    apply();
    writeAddress();
  });
  window.addEventListener("hashchange", function () { readAddress(); apply(); });
  readAddress();
  apply();
})();
