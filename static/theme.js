// Runs before the page is drawn: the reader's choice of light or dark, if
// they made one with the switch in the header (kinora.js); otherwise the
// system's, through the stylesheet.
"use strict";
try {
  const theme = localStorage.getItem("kinora-theme");
  if (theme === "light" || theme === "dark") {
    document.documentElement.dataset.theme = theme;
  }
  // And whether every source mark shows (the "Show sources" switch).
  if (localStorage.getItem("kinora-sources") === "shown") {
    document.documentElement.dataset.sources = "shown";
  }
} catch (error) {
  // Storage refused (a private window): the system's choice stands.
}
