// The brief's live preview: posts the Markdown body to the staff-only preview endpoint, which answers
// with the sanitised HTML readers would get. Debounced, and only the latest answer is shown.
(function () {
  "use strict";
  const DELAY_MS = 400;

  function start() {
    const body = document.getElementById("id_body");
    const preview = document.getElementById("desk-live-preview");
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (!body || !preview || !token || !preview.dataset.url) {
      return;
    }
    let timer = null;
    let latest = 0;

    function refresh() {
      const request = ++latest;
      const data = new FormData();
      data.append("body", body.value);
      fetch(preview.dataset.url, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token.value },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok && response.status !== 400) {
            throw new Error("preview answered " + response.status);
          }
          return response.json();
        })
        .then(function (answer) {
          if (request === latest && answer.error) {
            preview.textContent = answer.error; // a body past the Markdown limits: the reason, as text
          } else if (request === latest) {
            preview.innerHTML = answer.html; // sanitised by the server (briefs/desk/markdown.py)
          }
        })
        .catch(function () {
          if (request === latest) {
            preview.textContent = "The preview is not available right now; your text is unaffected.";
          }
        });
    }

    body.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, DELAY_MS);
    });
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
