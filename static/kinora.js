// Suggestions under every search box as the user types, from
// /api/v1/suggest. Arrow keys move through them, Enter opens one, Escape
// closes the list. Without this script the boxes still search.
//
// The same under an editor's entity fields (`data-pick="person"`): there a
// suggestion of that kind is picked, and the field takes its id. Without
// the script the editor types the id.
"use strict";

function attachSuggestions(input, index) {
  const pick = input.dataset.pick || null;
  const list = document.createElement("ul");
  list.className = "suggestions";
  list.id = "suggestions-" + index;
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  (pick ? input.parentElement : input.form).classList.add("with-suggestions");
  input.insertAdjacentElement("afterend", list);

  let active = -1;
  let asked = "";
  let timer = null;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function mark(next) {
    const options = list.querySelectorAll("[role=option]");
    if (options.length === 0) return;
    active = (next + options.length) % options.length;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", options[active].id);
  }

  function choose(hit) {
    input.value = hit.id;
    input.title = hit.name;
    close();
  }

  function show(suggestions) {
    list.replaceChildren();
    active = -1;
    if (pick) suggestions = suggestions.filter((hit) => hit.kind === pick).slice(0, 8);
    suggestions.forEach((hit, i) => {
      const item = document.createElement("li");
      item.id = list.id + "-" + i;
      item.setAttribute("role", "option");
      const link = document.createElement("a");
      link.href = hit.url;
      link.append(hit.name);
      if (hit.year) link.append(" (" + hit.year + ")");
      const kind = document.createElement("small");
      // "film, as “Keurosing”": the words from the page, in its language.
      const kindName = (document.documentElement.dataset["kind" + hit.kind[0].toUpperCase() + hit.kind.slice(1)]) || hit.kind;
      const as = document.documentElement.dataset.matchedAs || "as";
      kind.textContent = hit.matched !== hit.name ? " " + kindName + ", " + as.replace("%s", "“" + hit.matched + "”") : " " + kindName;
      link.append(kind);
      if (pick) {
        link.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(hit);
        });
        link.dataset.id = hit.id;
        link.dataset.name = hit.name;
      }
      item.append(link);
      list.append(item);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }

  async function ask() {
    const text = input.value.trim();
    if (text === asked) return;
    asked = text;
    if (text.length === 0) {
      close();
      return;
    }
    try {
      const limit = pick ? 20 : 8;
      // Names as the page shows them: in its language, in the reader's style.
      const root = document.documentElement;
      const reading = "&lang=" + encodeURIComponent(root.lang || "en") + "&names=" + encodeURIComponent(root.dataset.names || "local");
      const response = await fetch("/api/v1/suggest?limit=" + limit + reading + "&q=" + encodeURIComponent(text));
      if (!response.ok || input.value.trim() !== text) return;
      show((await response.json()).suggestions);
    } catch (error) {
      close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 60);
  });
  input.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown") {
      mark(active + 1);
      event.preventDefault();
    } else if (event.key === "ArrowUp") {
      mark(active - 1);
      event.preventDefault();
    } else if (event.key === "Enter" && active >= 0) {
      const link = list.querySelectorAll("[role=option] a")[active];
      if (link && pick) {
        choose({ id: link.dataset.id, name: link.dataset.name });
        event.preventDefault();
      } else if (link) {
        window.location.href = link.href;
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

document
  .querySelectorAll("form[role=search] input[name=q], input[data-pick]")
  .forEach(attachSuggestions);

// Spoilers inside a text: a click (or Enter) shows and hides them. Without
// the script, focusing one shows it.
document.addEventListener('click', (event) => {
  const spoiler = event.target.closest && event.target.closest('.spoiler');
  if (spoiler) spoiler.classList.toggle('shown');
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target.classList && event.target.classList.contains('spoiler')) {
    event.target.classList.toggle('shown');
  }
});

// The light/dark switch: shown only with this script; the choice is kept
// in this browser (theme.js applies it before the next page is drawn).
function attachThemeSwitch(button) {
  const root = document.documentElement;
  const systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  const current = () => root.dataset.theme || (systemDark.matches ? "dark" : "light");
  const show = () => {
    const dark = current() === "dark";
    // The words come from the page, in its language.
    const words = button.dataset;
    button.textContent = dark ? words.light : words.dark;
    button.setAttribute("aria-label", dark ? words.useLight : words.useDark);
  };
  button.hidden = false;
  show();
  button.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    root.dataset.theme = next;
    try {
      localStorage.setItem("kinora-theme", next);
    } catch (error) {
      // Not kept, but applied to this page.
    }
    show();
  });
  systemDark.addEventListener("change", show);
}

document.querySelectorAll("button.theme").forEach(attachThemeSwitch);

// "Show sources": every citation mark and badge, or one quiet mark a fact.
// The choice is kept for the next pages (theme.js applies it early).
function attachSourcesSwitch(button) {
  const root = document.documentElement;
  const show = () => {
    const shown = root.dataset.sources === "shown";
    button.textContent = shown ? button.dataset.hide : button.dataset.show;
    button.setAttribute("aria-pressed", shown ? "true" : "false");
  };
  button.hidden = false;
  show();
  button.addEventListener("click", () => {
    const shown = root.dataset.sources !== "shown";
    if (shown) {
      root.dataset.sources = "shown";
    } else {
      delete root.dataset.sources;
    }
    try {
      localStorage.setItem("kinora-sources", shown ? "shown" : "quiet");
    } catch (error) {
      // Not kept, but applied to this page.
    }
    show();
  });
}

document.querySelectorAll("button.sources-switch").forEach(attachSourcesSwitch);
