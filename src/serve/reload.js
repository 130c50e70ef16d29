// sotay serve: reloads the page after each rebuild, follows a renamed article to its new
// address, and shows build errors as plain text over the page. On the page served while
// no build has succeeded (which lists the errors itself) it reloads after every build
// instead. Only relative URLs, so it works on any host (IPv6 included); no inline code, so
// a site's CSP may forbid it.
(function () {
  "use strict";

  // The page path as the server names it: "quan-10/bai/index.html".
  function here() {
    var path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.charAt(path.length - 1) === "/") {
      path += "index.html";
    }
    return path;
  }

  function address(page) {
    return "/" + page.replace(/(^|\/)index\.html$/, "$1");
  }

  // The server's own page of errors, served while no build has succeeded yet.
  var unbuilt = document.getElementById("sotay-unbuilt") !== null;

  var overlay = null;

  // The overlay's words come with the errors, in the site's language.
  function show(state) {
    var errors = state && state.errors;
    var words = (state && state.text) || {};
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (!errors || errors.length === 0) {
      return;
    }
    overlay = document.createElement("div");
    overlay.id = "sotay-errors";
    overlay.setAttribute("role", "alert");
    var style = {
      position: "fixed", left: "0", right: "0", bottom: "0", "max-height": "60vh",
      overflow: "auto", margin: "0", padding: "1em", background: "#2b0b0b",
      color: "#ffe9e9", "font-family": "monospace", "font-size": "14px",
      "z-index": "2147483647", "border-top": "4px solid #d33"
    };
    Object.keys(style).forEach(function (key) {
      overlay.style.setProperty(key, style[key]);
    });
    var title = document.createElement("strong");
    title.textContent = words.title || "sotay: lỗi khi dựng lại, đang hiển thị bản tốt gần nhất";
    var text = document.createElement("pre");
    text.style.setProperty("white-space", "pre-wrap");
    text.textContent = errors.join("\n\n");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", words.close || "Đóng thông báo lỗi");
    close.addEventListener("click", function () { show(null); });
    overlay.appendChild(close);
    overlay.appendChild(title);
    overlay.appendChild(text);
    document.body.appendChild(overlay);
  }

  function status() {
    fetch("/__sotay/status", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) { show(state); })
      .catch(function () {});
  }

  var events = new EventSource("/__sotay/events");
  events.addEventListener("reload", function (event) {
    var moves = JSON.parse(event.data);
    var page = here();
    if (moves.renamed && Object.prototype.hasOwnProperty.call(moves.renamed, page)) {
      location.replace(address(moves.renamed[page]));
    } else if (moves.removed && moves.removed.indexOf(page) >= 0) {
      location.replace("/");
    } else {
      location.reload();
    }
  });
  events.addEventListener("build-error", function (event) {
    if (unbuilt) {
      location.reload();
    } else {
      show(JSON.parse(event.data));
    }
  });
  if (unbuilt) {
    // A build that ended between this page and its event stream sent no event to it:
    // ask, each time the stream (re)connects, whether a site is there now.
    events.addEventListener("open", function () {
      fetch("/__sotay/status", { cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (state) {
          if (state.built) {
            location.reload();
          }
        })
        .catch(function () {});
    });
  } else {
    status();
  }
})();
