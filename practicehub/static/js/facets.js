/* The practice list, enhanced: results and counts update in place when a filter changes.
   Without this script every control still works by submitting the form or following a link.

   - A changed checkbox or select asks the server for the updated list (the same URL, with the
     header X-Requested-With: fetch), replaces it, keeps focus on the control, and a polite live
     region announces the number of practices. The address bar follows (history.pushState), so
     the back button and shared links work.
   - Links inside the list (pages, remove a filter, clear all) load in place and move focus to
     the heading.
   - Long facets (countries, organizations) get a box that narrows their values as you type,
     asking the server for values beyond those shown. */
(function () {
  "use strict";

  var listing = document.querySelector("[data-listing]");
  if (!listing || !window.fetch || !window.URLSearchParams || !window.history.pushState) {
    return;
  }
  var status = document.getElementById("listing-status");
  var pending = null;
  document.documentElement.classList.add("js-facets");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function form() {
    return document.getElementById("facet-form");
  }

  function announce(text) {
    if (!status) {
      return;
    }
    // Emptied first so that the same text is announced again.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function formUrl(theForm) {
    var params = new URLSearchParams();
    new FormData(theForm).forEach(function (value, name) {
      var marker = theForm.dataset.marker;
      if (String(value).trim() !== "" && name !== marker) {
        params.append(name, value);
      }
    });
    var query = params.toString();
    return theForm.action.split("?")[0] + (query ? "?" + query : "");
  }

  function rememberState() {
    var state = { open: {}, filters: {} };
    listing.querySelectorAll("details[id]").forEach(function (details) {
      state.open[details.id] = details.open;
    });
    listing.querySelectorAll("[data-facet-filter]").forEach(function (input) {
      if (input.value) {
        state.filters[input.id] = input.value;
      }
    });
    return state;
  }

  function restoreState(state) {
    Object.keys(state.open).forEach(function (id) {
      var details = document.getElementById(id);
      if (details && state.open[id]) {
        details.open = true;
      }
    });
    Object.keys(state.filters).forEach(function (id) {
      var input = document.getElementById(id);
      if (input) {
        input.value = state.filters[id];
        narrow(input, false);
      }
    });
  }

  function focusHeading() {
    var heading = listing.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  // The address of the list the page shows, without its #fragment.
  function withoutHash(url) {
    return url.split("#")[0];
  }
  var shown = withoutHash(window.location.href);

  function load(url, options) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    listing.setAttribute("aria-busy", "true");
    return fetch(url, {
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
      signal: pending.signal
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var state = rememberState();
        listing.innerHTML = html;
        enhance();
        restoreState(state);
        var box = listing.querySelector(".listing");
        if (box && box.dataset.title) {
          document.title = box.dataset.title;
        }
        if (options.push) {
          window.history.pushState({ listing: true }, "", url);
        }
        shown = withoutHash(new URL(url, window.location.href).href);
        announce(box ? box.dataset.status : "");
        var control = options.focusId && document.getElementById(options.focusId);
        if (control) {
          control.focus();
        } else if (options.focusHeading) {
          focusHeading();
        }
        listing.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        if (error.name === "AbortError") {
          return;
        }
        // Anything unexpected: an ordinary page load.
        window.location.assign(url);
      });
  }

  /* Long facets: narrow the values shown as the visitor types. */
  function narrow(input, ask) {
    var details = input.closest(".facet");
    var list = details && details.querySelector(".facet__options");
    if (!list) {
      return;
    }
    if (!list.dataset.original) {
      list.dataset.original = list.innerHTML;
    }
    var term = fold(input.value.trim());
    var cut = details.querySelector(".facet__more");
    if (cut && term.length >= 2 && ask) {
      var url = new URL(input.dataset.valuesUrl, window.location.href);
      url.search = window.location.search;
      url.searchParams.set("term", input.value.trim());
      fetch(url.toString(), { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(new Error("HTTP " + response.status));
        })
        .then(function (html) {
          if (fold(input.value.trim()) !== term) {
            return; // the visitor typed on
          }
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fetched = holder.querySelector(".facet__options");
          if (fetched) {
            list.innerHTML = fetched.innerHTML;
            // Selected values stay in the form even when the term hides them.
            keepSelected(list);
            announceMatches(list);
          }
        })
        .catch(function () {
          filterShown(list, term);
        });
      return;
    }
    if (!term) {
      list.innerHTML = list.dataset.original;
    }
    filterShown(list, term);
    if (ask) {
      announceMatches(list);
    }
  }

  function keepSelected(list) {
    var theForm = form();
    if (!theForm) {
      return;
    }
    var shown = {};
    var first = list.querySelector("input[type=checkbox]");
    var param = first ? first.name : null;
    list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      shown[box.name + "=" + box.value] = true;
    });
    new URLSearchParams(window.location.search).forEach(function (value, name) {
      if (name === param && !shown[name + "=" + value]) {
        var item = document.createElement("li");
        var hidden = document.createElement("input");
        item.hidden = true;
        hidden.type = "hidden";
        hidden.name = name;
        hidden.value = value;
        item.appendChild(hidden);
        list.appendChild(item);
      }
    });
  }

  function filterShown(list, term) {
    var shown = 0;
    list.querySelectorAll("li").forEach(function (item) {
      var label = item.querySelector("label");
      if (!label) {
        return;
      }
      item.hidden = Boolean(term) && fold(label.textContent).indexOf(term) === -1;
      shown += item.hidden ? 0 : 1;
    });
    var none = list.querySelector(".facet__none");
    if (!shown && !none) {
      none = document.createElement("li");
      none.className = "facet__none";
      none.textContent = listing.dataset.noneText || "";
      list.appendChild(none);
    } else if (shown && none) {
      none.remove();
    }
  }

  function announceMatches(list) {
    var count = 0;
    list.querySelectorAll("li").forEach(function (item) {
      if (!item.hidden && item.querySelector("input")) {
        count += 1;
      }
    });
    var template = listing.dataset.matchesText || "%s";
    announce(template.replace("%s", String(count)));
  }

  function enhance() {
    listing.querySelectorAll("[data-facet-filter-row]").forEach(function (row) {
      row.hidden = false;
    });
  }

  var timer = null;
  listing.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches("[data-facet-filter]")) {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      narrow(input, true);
    }, 250);
  });

  listing.addEventListener("keydown", function (event) {
    // Enter in a filter box narrows the values; it does not submit the form.
    if (event.key === "Enter" && event.target.matches("[data-facet-filter]")) {
      event.preventDefault();
      narrow(event.target, true);
    }
  });

  listing.addEventListener("change", function (event) {
    var control = event.target;
    var theForm = form();
    if (!theForm || control.form !== theForm || control.matches("[data-facet-filter]")) {
      return;
    }
    if (control.type === "search" || control.type === "text") {
      return; // words apply when the form is submitted
    }
    load(formUrl(theForm), { push: true, focusId: control.id });
  });

  listing.addEventListener("submit", function (event) {
    var theForm = event.target;
    if (theForm !== form()) {
      return;
    }
    event.preventDefault();
    load(formUrl(theForm), { push: true, focusHeading: true });
  });

  listing.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0) {
      return;
    }
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    if (link.getAttribute("href").charAt(0) === "#") {
      return; // a jump within the page
    }
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) {
      return; // a practice, or the "all values" page: an ordinary link
    }
    event.preventDefault();
    load(url.toString(), { push: true, focusHeading: true });
  });

  window.addEventListener("popstate", function () {
    if (withoutHash(window.location.href) === shown) {
      return; // a jump within the page (the skip links) or back from one: nothing to load
    }
    load(window.location.href, { push: false, focusHeading: true });
  });

  window.history.replaceState({ listing: true }, "", window.location.href);
  enhance();
})();
