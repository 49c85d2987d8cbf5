// Kansli: recording a meeting. The page works without this script (plain forms); with it,
// forms save themselves as the secretary types, nothing typed is lost when the network drops
// (it waits in localStorage and is sent when the network returns), the other editors' changes
// are announced as they happen, and the keyboard reaches everything:
//   Alt+N  next paragraph      Alt+B  bifall till förslaget      Alt+V  votering
(function () {
  "use strict";
  var status = document.querySelector("[data-record]");
  if (!status) return;
  var base = status.getAttribute("data-record");
  var csrf = status.getAttribute("data-csrf");
  var recordVersion = Number(status.getAttribute("data-version"));
  var say = document.getElementById("sparstatus");
  var changed = document.getElementById("andrat");
  var queueKey = "kansli-utkast:" + base;
  var timers = {};
  var saving = {};
  var mine = {}; // record versions this page wrote, so its own saves are not "someone else"

  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });

  function note(text) {
    if (say) say.textContent = text;
  }

  function queue() {
    try {
      return JSON.parse(localStorage.getItem(queueKey) || "{}");
    } catch (e) {
      return {};
    }
  }

  function keep(q) {
    try {
      localStorage.setItem(queueKey, JSON.stringify(q));
    } catch (e) {
      /* storage full or off: the form itself still holds the text */
    }
  }

  function setRecordVersion(v) {
    recordVersion = v;
    mine[v] = true;
    Array.prototype.forEach.call(document.querySelectorAll("[data-record-version]"), function (el) {
      el.value = v;
    });
  }

  function formOf(key) {
    return document.querySelector('form[data-autosave="' + key + '"]');
  }

  function setFormVersion(key, v) {
    var form = formOf(key);
    if (form) form.querySelector("[data-version]").value = v;
    Array.prototype.forEach.call(
      document.querySelectorAll('[data-version-of="' + key + '"]'),
      function (el) {
        el.value = v;
      }
    );
  }

  function send(key) {
    var form = formOf(key);
    if (!form || saving[key]) return;
    var body = new URLSearchParams(new FormData(form)).toString();
    var q = queue();
    q[key] = body;
    keep(q);
    saving[key] = true;
    note("Sparar …");
    fetch(form.action, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
        "X-CSRF-Token": csrf,
      },
      body: body,
      credentials: "same-origin",
    })
      .then(function (r) {
        return r.json().then(function (data) {
          return { status: r.status, data: data };
        });
      })
      .then(function (res) {
        saving[key] = false;
        var q = queue();
        if (res.status === 200) {
          if (q[key] === body) delete q[key];
          keep(q);
          setRecordVersion(res.data.version);
          if (res.data.paragraph_version !== undefined) setFormVersion(key, res.data.paragraph_version);
          if (res.data.header_version !== undefined) setFormVersion(key, res.data.header_version);
          note("Sparat " + new Date().toLocaleTimeString("sv-SE"));
        } else if (res.status === 409) {
          delete q[key];
          keep(q);
          conflict(key, res.data);
        } else {
          delete q[key];
          keep(q);
          note("Inte sparat: " + (res.data.detail || "okänt fel"));
          if (changed) {
            changed.hidden = false;
            changed.textContent = "Ändringen i " + label(key) + " sparades inte: " + (res.data.detail || "");
          }
        }
      })
      .catch(function () {
        saving[key] = false;
        note("Inte sparat – nätet är borta. Det du skrivit finns kvar här och skickas när nätet är tillbaka.");
      });
  }

  function label(key) {
    return key === "narvaro" ? "närvaron" : "§ " + key.slice(1);
  }

  function conflict(key, data) {
    if (!changed) return;
    changed.hidden = false;
    var text = "Någon annan har ändrat " + label(key) + " samtidigt. ";
    if (data.item && data.item.decision) text += "Deras beslutstext: ”" + data.item.decision + "”. ";
    text += "Din text finns kvar i formuläret: jämför, slå ihop och spara igen.";
    changed.textContent = text;
    if (data.version !== undefined) setFormVersion(key, data.version);
  }

  function schedule(key) {
    clearTimeout(timers[key]);
    timers[key] = setTimeout(function () {
      send(key);
    }, 1500);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), function (form) {
    var key = form.getAttribute("data-autosave");
    form.addEventListener("input", function () {
      schedule(key);
    });
    form.addEventListener("change", function () {
      schedule(key);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timers[key]);
      send(key);
    });
  });

  // What waited while the network was down (or the page was closed) is put back and sent.
  function flush() {
    var q = queue();
    Object.keys(q).forEach(function (key) {
      var form = formOf(key);
      if (!form) return;
      var pending = new URLSearchParams(q[key]);
      pending.forEach(function (value, name) {
        if (name === "csrf" || name === "version") return;
        var field = form.elements.namedItem(name);
        if (field && field.type !== "radio" && field.type !== "checkbox" && field.value !== undefined) {
          field.value = value;
        }
      });
      send(key);
    });
  }
  window.addEventListener("online", flush);
  flush();
  setInterval(function () {
    if (navigator.onLine && Object.keys(queue()).length) flush();
  }, 10000);

  // The others' changes, announced by the server.
  if (window.EventSource) {
    var events = new EventSource(base + "/handelser");
    events.addEventListener("version", function (e) {
      var data = JSON.parse(e.data);
      if (data.version === recordVersion || mine[data.version]) return;
      if (data.version < recordVersion) return;
      if (!changed) return;
      changed.hidden = false;
      changed.textContent = "";
      var p = document.createElement("p");
      p.textContent = "Protokollet har ändrats av någon annan (version " + data.version + "). ";
      var a = document.createElement("a");
      a.href = base;
      a.textContent = "Läs in de senaste ändringarna";
      p.appendChild(a);
      changed.appendChild(p);
    });
  }

  // The keyboard.
  var paragraphs = Array.prototype.slice.call(document.querySelectorAll(".record-paragraph"));
  function current() {
    var active = document.activeElement;
    for (var i = 0; i < paragraphs.length; i++) {
      if (paragraphs[i].contains(active)) return i;
    }
    return -1;
  }
  document.addEventListener("keydown", function (e) {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key.toLowerCase();
    var i = current();
    if (k === "n") {
      var next = paragraphs[Math.min(i + 1, paragraphs.length - 1)];
      if (next) {
        e.preventDefault();
        next.querySelector("[data-decision]").focus();
        next.scrollIntoView({ block: "start" });
      }
    } else if (k === "b" && i >= 0) {
      e.preventDefault();
      var form = paragraphs[i].querySelector("form[data-autosave]");
      var decision = form.querySelector("[data-decision]");
      var proposal = form.getAttribute("data-proposal");
      if (!decision.value.trim() && proposal) decision.value = proposal;
      var kind = form.querySelector("[data-new-motion-kind]");
      if (kind && !kind.value) kind.value = "bifall";
      decision.focus();
      schedule(form.getAttribute("data-autosave"));
      note("Bifall till förslaget ifyllt i § " + form.getAttribute("data-autosave").slice(1));
    } else if (k === "v" && i >= 0) {
      e.preventDefault();
      var details = paragraphs[i].querySelector("[data-votering]");
      details.open = true;
      details.querySelector("[data-votering-flag]").value = "on";
      var first = details.querySelector('input[name="ja"]');
      if (first) first.focus();
    }
  });
})();
