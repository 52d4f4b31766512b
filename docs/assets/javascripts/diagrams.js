// Fallback for diagrams that have no pre-rendered SVG yet (docs/hooks/diagrams.py): only while
// drafting with `serve`, because a strict build refuses such a page. Draws them with the copy of
// mermaid this site serves itself (no CDN).
// mermaid is large (about 3.5 MB), so it is fetched only once the page has loaded and a diagram
// is on screen; pages without diagrams never load it. Diagrams are ```mermaid fences, which the
// site's Markdown turns into <pre class="mermaid-diagram"> blocks.
(function () {
  var script = document.currentScript;
  var mermaidUrl = new URL("../vendor/mermaid/mermaid.min.js", script.src).href;
  var loading = null;
  var counter = 0;

  function loadMermaid() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = mermaidUrl;
        tag.onload = function () {
          var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
          window.mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default" });
          resolve(window.mermaid);
        };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function draw(block) {
    var source = block.textContent;
    loadMermaid().then(function (mermaid) {
      counter += 1;
      return mermaid.render("mermaid-diagram-" + counter, source).then(function (result) {
        var figure = document.createElement("div");
        figure.className = "mermaid-figure";
        figure.setAttribute("role", "img");
        figure.setAttribute("aria-label", "Diagram: " + source.trim().split("\n").slice(1, 4).join("; "));
        figure.innerHTML = result.svg;
        block.replaceWith(figure);
      });
    });
  }

  function whenIdle(callback) {
    var later = function () {
      (window.requestIdleCallback || setTimeout)(callback);
    };
    if (document.readyState === "complete") later();
    else window.addEventListener("load", later, { once: true });
  }

  function observe() {
    var blocks = document.querySelectorAll("pre.mermaid-diagram");
    if (!blocks.length) return;
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            draw(entry.target);
          }
        });
      },
      { rootMargin: "0px" }
    );
    blocks.forEach(function (block) {
      observer.observe(block);
    });
  }

  document$.subscribe(function () {
    whenIdle(observe);
  });
})();
