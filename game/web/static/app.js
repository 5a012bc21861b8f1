// Social Score in the browser: small improvements over pages that work without this script.
// - Tabs (narrow screens) switch without a reload.
// - Waiting and playing pages move on by themselves when the facilitator starts or stops play.
// - The facilitator's figures update live from server-sent events.
"use strict";

(function () {
  function tabs() {
    var nav = document.querySelector(".tabs");
    if (!nav) return;
    nav.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-tab]");
      if (!link) return;
      event.preventDefault();
      var tab = link.getAttribute("data-tab");
      document.body.classList.remove("tab-story", "tab-phone");
      document.body.classList.add("tab-" + tab);
      nav.querySelectorAll("a[data-tab]").forEach(function (a) {
        if (a === link) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      });
      var target = document.getElementById(tab);
      if (target) target.focus({ preventScroll: true });
      history.replaceState(null, "", "?tab=" + tab);
    });
  }

  function waiting() {
    var el = document.querySelector("[data-wait]");
    if (!el) return;
    var url = el.getAttribute("data-wait");
    var stage = el.getAttribute("data-stage");
    var every = Number(el.getAttribute("data-every") || "2000");
    setInterval(function () {
      fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (data) {
        if (data.stage && data.stage !== stage) location.reload();
      }).catch(function () {});
    }, every);
  }

  function text(el, value) { el.textContent = value === null || value === undefined ? "–" : String(value); }

  function live() {
    var box = document.querySelector("[data-live-src]");
    if (!box || !window.EventSource) return;
    var source = new EventSource(box.getAttribute("data-live-src"));
    source.onmessage = function (event) {
      var f = JSON.parse(event.data);
      document.querySelectorAll("[data-live]").forEach(function (el) {
        var path = el.getAttribute("data-live").split(".");
        var value = f;
        path.forEach(function (key) { value = value === null || value === undefined ? value : value[key]; });
        if (el.getAttribute("data-live") === "phase") value = f.phase_name;
        text(el, value);
      });
      document.querySelectorAll("[data-live-list]").forEach(function (ul) {
        ul.replaceChildren();
        (f[ul.getAttribute("data-live-list")] || []).forEach(function (pair) {
          var li = document.createElement("li");
          li.textContent = pair[0] + ": " + pair[1];
          ul.appendChild(li);
        });
      });
      var body = document.querySelector("[data-live-table=players]");
      if (body) {
        var withStory = body.hasAttribute("data-with-story");
        rows(body, f.players.map(function (r) {
          var cells = [r.pseudonym, r.stage, r.chapter, r.date, r.score, r.tier];
          if (withStory) cells.splice(1, 0, r.story);
          return cells;
        }));
      }
      var groups = document.querySelector("[data-live-table=groups]");
      if (groups) {
        rows(groups, f.groups.map(function (g) {
          return [g.story, g.joined, g.finished, g.mean_score === null ? "–" : g.mean_score, pairs(g.tiers),
            pairs(g.endings)];
        }));
      }
      phases(f);
    };
  }

  function pairs(list) {
    return list.map(function (pair) { return pair[0] + ": " + pair[1]; }).join(", ");
  }

  function rows(body, table) {
    body.replaceChildren();
    table.forEach(function (cells) {
      var tr = document.createElement("tr");
      cells.forEach(function (v) {
        var td = document.createElement("td");
        td.textContent = v === null || v === undefined ? "" : String(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  // The phase buttons follow the room (another window, or a second facilitator, may have moved it): the
  // current phase's button and, once shown, Reveal are disabled, as the server renders them. The rules are
  // part of the page only once revealed: a reveal made elsewhere reloads it.
  function phases(f) {
    document.querySelectorAll("form.phases button[name=phase]").forEach(function (button) {
      button.disabled = button.value === "reveal" ? f.revealed : button.value === f.phase;
    });
    var form = document.querySelector("form.phases[data-has-rules]");
    if (f.revealed && form && !document.querySelector("section.rules")) location.reload();
  }

  // After a choice the page is new: screen readers do not announce a live region that was already in
  // it, so its notices are put back a moment later (announced), and focus starts at the new scene.
  function announce() {
    var region = document.querySelector(".notices[aria-live]");
    if (region && region.children.length) {
      var content = Array.prototype.slice.call(region.childNodes);
      region.replaceChildren();
      setTimeout(function () { content.forEach(function (n) { region.appendChild(n); }); }, 300);
    }
    var title = document.getElementById("scene-title");
    var turn = document.querySelector("[name=turn]");
    if (title && turn && turn.value !== "0") title.focus({ preventScroll: false });
  }

  document.addEventListener("DOMContentLoaded", function () { tabs(); waiting(); live(); announce(); });
})();
