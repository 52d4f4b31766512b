// Accessibility fixes that need the DOM (axe-core checks every page in the tests).
// `document$` is Material's observable of the current document; it emits once Material has
// finished its own changes (for example wrapping wide tables in a scrollable region).
document$.subscribe(function () {
  // Material's search overlay is a dialog without a name.
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", "Search");
  }
  // Scrollable regions (wide tables, notebook code and output) must be reachable by keyboard.
  document
    .querySelectorAll(
      ".md-typeset__scrollwrap, .jp-Notebook .highlight-ipynb, .jp-Notebook .jp-OutputArea-output"
    )
    .forEach(function (el) {
      if (!el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
      }
    });
});

// Material's code-annotation markers are links whose only content is a CSS counter, so they have
// no accessible name. Material adds them after the page is set up, so watch for them.
function labelAnnotationMarkers() {
  document.querySelectorAll("a.md-annotation__index:not([aria-label])").forEach(function (link) {
    var marker = link.querySelector("[data-md-annotation-id]");
    var number = marker ? marker.getAttribute("data-md-annotation-id") : "";
    link.setAttribute("aria-label", "Annotation " + number);
  });
}
new MutationObserver(labelAnnotationMarkers).observe(document.body, {
  childList: true,
  subtree: true,
});
