// Admin page: remember the token for this tab (sessionStorage) and follow a rebuild's progress by
// polling GET /api/index with it. Without JavaScript the forms work alone ("Check progress").
"use strict";

(function () {
  var KEY = "groundqa-admin-token";
  var POLL_MS = 1000;

  function byId(id) {
    return document.getElementById(id);
  }

  function setText(id, value) {
    var el = byId(id);
    if (el) {
      el.textContent = value === null || value === undefined ? "" : String(value);
    }
  }

  function storedToken() {
    try {
      return window.sessionStorage.getItem(KEY) || "";
    } catch (e) {
      return "";
    }
  }

  function storeToken(value) {
    try {
      if (value) {
        window.sessionStorage.setItem(KEY, value);
      }
    } catch (e) {
      // storage disabled: the field still works for each post
    }
  }

  function forgetToken() {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch (e) {
      // nothing stored
    }
  }

  function summary(result) {
    if (!result) {
      return "";
    }
    function n(key) {
      var v = result[key];
      return Array.isArray(v) ? v.length : (v || 0);
    }
    return (result.published ? "Published" : "Nothing changed, nothing published") + ": " +
      n("added") + " added, " + n("changed") + " changed, " + n("removed") + " removed, " +
      n("failed") + " failed; " + n("embedded") + " passages embedded, " + n("reused") +
      " reused; " + n("seconds") + " s.";
  }

  function showJob(job) {
    var box = byId("job");
    if (!box || !job) {
      return;
    }
    box.hidden = false;
    box.setAttribute("data-state", job.state);
    setText("job-id", job.id);
    setText("job-kind", job.kind);
    setText("job-state", job.state);
    setText("job-stage", job.stage);
    setText("job-count", job.total ? job.done + "/" + job.total : "");
    var bar = byId("job-progress");
    if (bar) {
      bar.max = job.total || 1;
      bar.value = job.total ? job.done : (job.state === "running" ? 0 : 1);
    }
    setText("job-result", summary(job.result));
    var failures = byId("job-failures");
    if (failures) {
      failures.textContent = "";
      var failed = (job.result && job.result.failed) || [];
      for (var i = 0; i < failed.length; i++) {
        var li = document.createElement("li");
        li.textContent = failed[i].file + ": " + failed[i].reason;
        failures.appendChild(li);
      }
    }
    var err = byId("job-error");
    if (err) {
      err.hidden = !job.error;
      err.textContent = job.error || "";
    }
  }

  function showStatus(st) {
    var dl = byId("index-status");
    if (dl) {
      dl.hidden = false;
    }
    setText("st-version", st.version || "none");
    setText("st-built", st.built_at || "—");
    setText("st-model", st.model || "—");
    setText("st-sources", st.sources);
    setText("st-passages", st.passages);
  }

  function poll(token) {
    fetch("/api/index", { headers: { Authorization: "Bearer " + token, Accept: "application/json" } })
      .then(function (res) {
        if (res.status === 401) {
          forgetToken();
        }
        return res.ok ? res.json() : null;
      })
      .then(function (st) {
        if (!st) {
          return;
        }
        showStatus(st);
        showJob(st.job || st.last_job);
        if (st.job && st.job.state === "running") {
          window.setTimeout(function () { poll(token); }, POLL_MS);
        }
      })
      .catch(function () {
        // the server went away: leave the last status on screen
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = byId("admin-form");
    var field = byId("token");
    if (!form || !field) {
      return;
    }
    if (!field.value) {
      field.value = storedToken();
    }
    form.addEventListener("submit", function () {
      storeToken(field.value);
    });
    if (field.value) {
      storeToken(field.value);
      poll(field.value);
    }
  });
})();
