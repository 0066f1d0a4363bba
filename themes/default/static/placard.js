// Placard's only script. Every page works without it; it adds three conveniences.
(function () {
  "use strict";
  var root = document.documentElement;

  // The language chooser: go to the first of the visitor's languages that the site has.
  if (root.hasAttribute("data-chooser")) {
    var links = document.querySelectorAll("a[data-lang]");
    var wanted = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i]).toLowerCase().split("-")[0];
      for (var j = 0; j < links.length; j++) {
        if (links[j].getAttribute("data-lang") === code) {
          location.replace(links[j].href);
          return;
        }
      }
    }
    return;
  }

  // Keep the day count current when a page was built some days ago.
  var days = document.querySelectorAll("[data-since]");
  for (var k = 0; k < days.length; k++) {
    var el = days[k];
    var since = Date.parse(el.getAttribute("data-since") + "T00:00:00Z");
    var shown = parseInt(el.textContent.replace(/\D+/g, ""), 10);
    if (!isNaN(since) && !isNaN(shown)) {
      var now = Math.floor((Date.now() - since) / 86400000);
      if (now > shown) {
        el.textContent = el.textContent.replace(/[\d\s\u00a0\u202f,]*\d/, function (m) {
          return m.replace(/\d[\d\s\u00a0\u202f,]*/, String(now));
        });
      }
    }
  }

  // The copy-link button appears only where the clipboard can be used.
  var buttons = document.querySelectorAll("button[data-copy]");
  for (var b = 0; b < buttons.length; b++) {
    if (!navigator.clipboard) break;
    buttons[b].hidden = false;
    buttons[b].addEventListener("click", function (event) {
      var button = event.currentTarget;
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        button.textContent = button.getAttribute("data-done");
      });
    });
  }
})();
