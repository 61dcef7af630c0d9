// Builds Commonroom's front end into commonroom/static/dist (git-ignored):
// our Sass on GOV.UK Frontend, GOV.UK Frontend's JavaScript, htmx and our module.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "commonroom", "static", "dist");
const modules = join(here, "node_modules");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(here, "scss", "commonroom.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "commonroom.css"), css.css);

const copies = [
  [join(modules, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), "govuk-frontend.min.js"],
  [join(modules, "htmx.org", "dist", "htmx.min.js"), "htmx.min.js"],
  [join(here, "js", "commonroom.mjs"), "commonroom.mjs"],
];
for (const [from, to] of copies) {
  copyFileSync(from, join(out, to));
}
console.log(`front end built into ${out}`);
