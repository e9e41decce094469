// The desk's keyboard shortcuts and small helpers. Served from the desk itself (the CSP
// allows no inline script); it reads the page, never report text as markup.
(function () {
  "use strict";
  var help = document.getElementById("help");
  var toggle = document.getElementById("help-toggle");
  function showHelp(on) { if (help) { help.hidden = on === undefined ? !help.hidden : !on; } }
  if (toggle) { toggle.addEventListener("click", function () { showHelp(); }); }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("tr.claim, li.queue-item"));
  }
  var current = -1;
  function select(index) {
    var all = rows();
    if (!all.length) { return null; }
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (el) { el.classList.remove("current"); });
    current = index;
    all[index].classList.add("current");
    all[index].scrollIntoView({ block: "nearest" });
    return all[index];
  }
  function currentRow() {
    var all = rows();
    if (current < 0 || current >= all.length) { return select(0); }
    return all[current];
  }
  function typing(event) {
    var t = event.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }
  function submit(form) {
    if (!form) { return; }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }
  var pendingG = false;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape") { showHelp(false); if (typing(event)) { event.target.blur(); } return; }
    if (typing(event)) { return; }
    var key = event.key;
    if (pendingG) {
      pendingG = false;
      if (key === "i") { window.location.assign("/incidents"); }
      if (key === "q") { window.location.assign("/queue"); }
      return;
    }
    var row;
    switch (key) {
      case "?": showHelp(); break;
      case "g": pendingG = true; break;
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a":
        row = currentRow();
        if (row) { submit(row.querySelector("form.accept")); }
        break;
      case "r":
        row = currentRow();
        if (row) {
          var reason = row.querySelector("form.reject input[name=note]");
          if (reason) { event.preventDefault(); reason.focus(); }
        }
        break;
      case "c":
        row = currentRow();
        if (row) {
          var details = row.querySelector("details.correct");
          if (details) {
            event.preventDefault();
            details.open = true;
            var first = details.querySelector("input[name=value]");
            if (first) { first.focus(); }
          }
        }
        break;
      case "o":
      case "Enter":
        row = currentRow();
        if (row && row.dataset.href) { window.location.assign(row.dataset.href); }
        break;
      case "m":
        var other = document.getElementById("merge-other");
        if (other) { event.preventDefault(); other.focus(); }
        break;
      case "/":
        var filter = document.querySelector("#filters input, #filters select");
        if (filter) { event.preventDefault(); filter.focus(); }
        break;
      default: return;
    }
  });
  // The claim a report's highlight points to is the current one.
  if (window.location.hash.indexOf("#claim-") === 0) {
    var target = document.getElementById(window.location.hash.slice(1));
    var all = rows();
    if (target && all.indexOf(target) >= 0) { select(all.indexOf(target)); }
  }
})();
