// Chat page enhancements. The page works without this file: the form is a plain GET to "/".
// With it (and htmx): Enter asks, Shift+Enter adds a line, focus moves to each new answer, and the
// copy buttons copy a quote with its citation.
"use strict";

(function () {
  function onReady(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  // Enter submits the question; Shift+Enter inserts a new line. Never while an IME is composing
  // (Korean input confirms a syllable with Enter).
  function wireTextarea(form) {
    var box = form.querySelector("textarea[name=q]");
    if (!box) {
      return;
    }
    box.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" || ev.shiftKey || ev.isComposing || ev.keyCode === 229) {
        return;
      }
      ev.preventDefault();
      if (box.value.trim() === "") {
        return;
      }
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-buffer";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallbackCopy(text); }
      );
    }
    return Promise.resolve(fallbackCopy(text));
  }

  // Copy buttons are hidden in the markup (they need JavaScript); show them and handle clicks.
  function wireCopyButtons(root) {
    var buttons = root.querySelectorAll("button.copy-cite[hidden]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
    }
  }

  function onCopyClick(ev) {
    var button = ev.target.closest ? ev.target.closest("button.copy-cite") : null;
    if (!button) {
      return;
    }
    var quote = document.getElementById(button.getAttribute("data-quote"));
    if (!quote) {
      return;
    }
    var text = quote.textContent + "\n— " + button.getAttribute("data-citation");
    var label = button.textContent;
    copyText(text).then(function (ok) {
      button.textContent = ok ? "Copied" : "Copy failed: select the text instead";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  }

  function focusLatest(thread) {
    var turns = thread.querySelectorAll(".turn");
    if (!turns.length) {
      return;
    }
    var heading = turns[turns.length - 1].querySelector(".turn-q");
    if (heading) {
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  }

  onReady(function () {
    var form = document.getElementById("ask-form");
    var thread = document.getElementById("thread");
    document.addEventListener("click", onCopyClick);
    wireCopyButtons(document);
    if (!form || !thread) {
      return;
    }
    wireTextarea(form);
    // The text the box held when each question went out (by its request): what may be cleared once
    // that question is answered. Answers may settle after a later question was sent, even after its
    // answer came: each is read against its own question.
    var asked = new WeakMap();
    form.addEventListener("htmx:beforeRequest", function (ev) {
      var box = form.querySelector("textarea[name=q]");
      if (ev.detail && ev.detail.xhr && box) {
        asked.set(ev.detail.xhr, box.value);
      }
    });
    // After htmx appends a turn: show its copy buttons, move focus to the answer, and clear the box,
    // unless the question could not be asked: then it stays in the box, its reason shown beside it.
    // Whatever is in the box but the question answered (typed while the answer was on its way, or a
    // later question) stays in the box, and so does the focus.
    document.body.addEventListener("htmx:afterSettle", function (ev) {
      // once per answer: the thread settles, and so does the history swapped in beside it
      if (ev.target !== thread || !ev.detail || ev.detail.target !== thread) {
        return;
      }
      wireCopyButtons(thread);
      var failed = ev.detail.xhr && ev.detail.xhr.status >= 400;
      var box = form.querySelector("textarea[name=q]");
      var question = ev.detail.xhr ? asked.get(ev.detail.xhr) : undefined;
      var other = box !== null && box.value !== question && box.value.trim() !== "";
      if (!failed) {
        if (box && !other) {
          box.value = "";
        }
        // The failed attempts before this answer are superseded by it (not one that came after it).
        var answered = thread.querySelectorAll(".turn:not(.turn-failed)");
        var last = answered.length ? answered[answered.length - 1] : null;
        var stale = thread.querySelectorAll(".turn-failed");
        for (var i = 0; i < stale.length; i++) {
          if (last && last.compareDocumentPosition(stale[i]) & Node.DOCUMENT_POSITION_PRECEDING) {
            stale[i].parentNode.removeChild(stale[i]);
          }
        }
      }
      if (!other) {
        focusLatest(thread);
      }
    });
  });
})();
