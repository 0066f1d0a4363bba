// Placard dev server: reloads the page when the site is rebuilt, keeping the scroll position,
// and shows the build's problems over the page while the last build has errors.
// Served only by `placard serve`; never part of a built site.
(() => {
  "use strict";
  const script = document.currentScript;
  const served = script ? script.dataset.generation : "";
  const key = "placard-scroll:" + location.pathname;

  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    try {
      const [x, y] = JSON.parse(saved);
      const restore = () => window.scrollTo(x, y);
      restore();
      // Images and fonts may change the layout until the page has loaded.
      window.addEventListener("load", restore, { once: true });
    } catch (_) {
      // A damaged entry only costs the scroll position.
    }
  }

  let reloading = false;
  const reload = () => {
    if (reloading) return;
    reloading = true;
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  };

  let overlay = null;
  const hide = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const show = (problems) => {
    hide();
    if (!problems.length) return;
    if (!document.getElementById("placard-overlay-css")) {
      const link = el("link");
      link.id = "placard-overlay-css";
      link.rel = "stylesheet";
      link.href = "/__placard/overlay.css";
      document.head.appendChild(link);
    }
    overlay = el("div", "placard-overlay");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build errors");
    const box = el("div", "placard-overlay-box");
    const close = el("button", "placard-overlay-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    box.appendChild(close);
    const errors = problems.filter((p) => p.severity === "error").length;
    box.appendChild(el("h2", null,
      "The site has " + errors + " error" + (errors === 1 ? "" : "s") +
      "; showing the last good build"));
    for (const p of problems) {
      const item = el("div", "placard-problem placard-" + p.severity);
      item.appendChild(el("p", "placard-where", p.location));
      item.appendChild(el("p", "placard-message", p.severity + "[" + p.code + "]: " + p.message));
      if (p.snippet) item.appendChild(el("pre", "placard-snippet", p.snippet));
      if (p.help) item.appendChild(el("p", "placard-help", "help: " + p.help));
      box.appendChild(item);
    }
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  };

  // Only visible pages hold a stream: a browser allows few connections per server, and a tab
  // in the background would take one for nothing. A page coming back into view reconnects, and
  // its `hello` says whether the site changed meanwhile.
  let events = null;
  const connect = () => {
    if (events || document.hidden) return;
    events = new EventSource("/__placard/events");
    events.addEventListener("hello", (e) => {
      const state = JSON.parse(e.data);
      // A build finished since this page was served, or the server was restarted: the page
      // is out of date.
      if (state.generation !== served && state.good) {
        reload();
        return;
      }
      show(state.problems);
    });
    events.addEventListener("reload", reload);
    events.addEventListener("errors", (e) => show(JSON.parse(e.data).problems));
  };
  const disconnect = () => {
    if (events) events.close();
    events = null;
  };
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", connect);
  connect();
})();
