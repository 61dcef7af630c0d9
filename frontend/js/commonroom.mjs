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
