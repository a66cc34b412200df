// The searchable, sortable quotes table. Rows come from a JSON block and are written with
// textContent only, so no quoted text can become markup.
(function () {
  "use strict";
  var source = document.getElementById("quotes-data");
  var table = document.getElementById("quotes");
  if (!source || !table) { return; }
  var data = JSON.parse(source.textContent);
  var rows = data.rows;
  var LIMIT = 500; // rows drawn at once; the search narrows the rest
  var haystack = rows.map(function (row) { return row.join("\u0001").toLowerCase(); });
  var tbody = table.querySelector("tbody");
  var headers = table.querySelectorAll("th");
  var search = document.getElementById("quotes-search");
  var status = document.getElementById("quotes-status");
  var sortColumn = -1;
  var sortDirection = 1;

  function compare(a, b) {
    var x = rows[a][sortColumn], y = rows[b][sortColumn];
    var xEmpty = x === null || x === "", yEmpty = y === null || y === "";
    if (xEmpty || yEmpty) { return xEmpty === yEmpty ? a - b : (xEmpty ? 1 : -1); }
    if (typeof x === "number" && typeof y === "number") { return (x - y) * sortDirection || a - b; }
    return String(x).localeCompare(String(y)) * sortDirection || a - b;
  }

  function render() {
    var query = search.value.trim().toLowerCase();
    var matches = [];
    for (var i = 0; i < rows.length; i++) {
      if (!query || haystack[i].indexOf(query) !== -1) { matches.push(i); }
    }
    if (sortColumn >= 0) { matches.sort(compare); }
    var fragment = document.createDocumentFragment();
    matches.slice(0, LIMIT).forEach(function (index) {
      var tr = document.createElement("tr");
      rows[index].forEach(function (value, column) {
        var td = document.createElement("td");
        td.textContent = value === null ? "" : String(value);
        if (column === 1) { td.className = "quote"; }
        if (typeof value === "number") { td.className = "num"; }
        tr.appendChild(td);
      });
      fragment.appendChild(tr);
    });
    tbody.replaceChildren(fragment);
    status.textContent = matches.length.toLocaleString("en") + " of " + rows.length.toLocaleString("en") + " rows match" +
      (matches.length > LIMIT ? "; showing the first " + LIMIT + ", search to narrow" : "");
  }

  headers.forEach(function (th, column) {
    th.addEventListener("click", function () {
      sortDirection = sortColumn === column ? -sortDirection : 1;
      sortColumn = column;
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDirection === 1 ? "ascending" : "descending");
      render();
    });
  });
  search.addEventListener("input", render);
  render();
})();
