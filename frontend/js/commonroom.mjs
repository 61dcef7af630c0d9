// Commonroom's only script entry point, loaded as an ES module from a file (no
// inline scripts: the Content-Security-Policy forbids them).
import { initAll } from "./govuk-frontend.min.js";

// GOV.UK Frontend's components only start on a body that says the browser
// supports them; the GOV.UK template does this with an inline script.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// After htmx swaps in new content, start the GOV.UK components inside it.
document.addEventListener("htmx:afterSettle", (event) => {
  initAll({ scope: event.target });
});

// Arriving at a post's address (a reply just posted, or a link to one): the
// browser scrolls to it, and focus goes to it too, so that keyboard and
// screen reader users carry on from there. GOV.UK's success banner takes
// focus for itself when it starts (above), so this comes after it.
function focusArrival() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target && target.hasAttribute("data-focus-on-arrival")) {
    target.focus();
  }
}
focusArrival();
window.addEventListener("hashchange", focusArrival);

// A link that skips to a field ("Skip to reply") puts focus in the field,
// whatever the browser does with focus when it follows a fragment.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-focus-target]");
  const target = link && document.getElementById(link.hash.slice(1));
  if (target) {
    event.preventDefault();
    target.focus();
    window.history.replaceState(null, "", link.hash);
  }
});
