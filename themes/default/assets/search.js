// The search page: Pagefind's JS API over the bundle in <base>pagefind/.
//
// Pagefind's prebuilt UI is not used because it injects inline styles,
// which the site's Content-Security-Policy (style-src 'self') forbids;
// everything here is built from DOM nodes and styled by site.css.
//
// The page's state lives in its URL (?q=…&theme=…&clear=…), kept up to
// date with history.replaceState, so a search can be bookmarked or shared.
// Within one filter the chosen values are alternatives (any of them);
// different filters must all match.
(function () {
  "use strict";

  var root = document.querySelector("[data-search]");
  if (!root) {
    return;
  }

  var PAGE_SIZE = 20;
  var TYPING_DELAY_MS = 250;

  var form = root.querySelector("[data-search-form]");
  var input = form.querySelector("input[name=q]");
  var app = root.querySelector("[data-search-app]");
  var statusLine = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var moreButton = root.querySelector("[data-search-more]");
  var clearButton = root.querySelector("[data-search-clear]");
  var errorNotice = root.querySelector("[data-search-error]");
  var groups = Array.prototype.map.call(root.querySelectorAll("[data-filter]"), function (element) {
    return {
      name: element.getAttribute("data-filter"),
      element: element,
      sort: element.getAttribute("data-sort"),
      order: parseJson(element.getAttribute("data-order"), []),
      options: element.querySelector("[data-filter-options]"),
      chosenLabel: element.querySelector("[data-filter-chosen]"),
      legend: element.querySelector("legend").textContent,
      boxes: {}
    };
  });
  var themeUrls = parseJson(root.getAttribute("data-theme-urls"), {});
  var pageTitle = document.title;

  var pagefind = null;
  var totals = {};
  var chosen = {};
  var results = [];
  var shown = 0;
  // Searches overlap while the reader types; only the latest may draw.
  var generation = 0;
  var typingTimer = null;

  function parseJson(text, fallback) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return fallback;
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // --- state <-> URL --------------------------------------------------------

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    groups.forEach(function (group) {
      chosen[group.name] = params.getAll(group.name).filter(function (v) {
        return v !== "";
      });
    });
  }

  function writeUrl(query) {
    var params = new URLSearchParams();
    if (query) {
      params.append("q", query);
    }
    groups.forEach(function (group) {
      chosen[group.name].forEach(function (value) {
        params.append(group.name, value);
      });
    });
    var search = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    document.title = query ? "\u201c" + query + "\u201d \u2013 " + pageTitle : pageTitle;
  }

  function pagefindFilters(except) {
    var filters = {};
    groups.forEach(function (group) {
      if (group.name !== except && chosen[group.name].length > 0) {
        filters[group.name] = { any: chosen[group.name].slice() };
      }
    });
    return filters;
  }

  function chosenCount() {
    return groups.reduce(function (sum, group) {
      return sum + chosen[group.name].length;
    }, 0);
  }

  // --- filter controls -------------------------------------------------------

  function sortValues(group, values) {
    if (group.sort === "newest") {
      return values.sort(function (a, b) {
        return Number(b) - Number(a);
      });
    }
    var rank = function (value) {
      var i = group.sort === "given" ? group.order.indexOf(value) : -1;
      return i === -1 ? group.order.length : i;
    };
    return values.sort(function (a, b) {
      return rank(a) - rank(b) || a.localeCompare(b, "en-GB");
    });
  }

  function buildFilters() {
    groups.forEach(function (group) {
      var values = Object.keys(totals[group.name] || {});
      chosen[group.name].forEach(function (value) {
        if (values.indexOf(value) === -1) {
          values.push(value);
        }
      });
      // A filter with one value narrows nothing (a local site's one area).
      if (values.length < 2 && chosen[group.name].length === 0) {
        return;
      }
      sortValues(group, values).forEach(function (value, i) {
        var id = "filter-" + group.name + "-" + i;
        var item = element("li", "filter__option");
        var box = element("input", "filter__checkbox");
        box.type = "checkbox";
        box.id = id;
        box.name = group.name;
        box.value = value;
        box.checked = chosen[group.name].indexOf(value) !== -1;
        box.addEventListener("change", onFilterChange);
        var label = element("label", "filter__label", value + " ");
        label.htmlFor = id;
        var count = element("span", "count");
        label.appendChild(count);
        item.appendChild(box);
        item.appendChild(label);
        group.options.appendChild(item);
        group.boxes[value] = { box: box, count: count };
      });
      if (chosen[group.name].length > 0) {
        group.element.open = true;
      } else if (isNarrow()) {
        group.element.open = false;
      }
      group.element.hidden = false;
    });
  }

  // On a phone the filters sit above the results; folded, they leave the
  // results on the first screen.
  function isNarrow() {
    return window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;
  }

  function showCounts(countsByGroup) {
    groups.forEach(function (group) {
      var counts = countsByGroup[group.name] || {};
      Object.keys(group.boxes).forEach(function (value) {
        group.boxes[value].count.textContent = "(" + (counts[value] || 0) + ")";
      });
      var n = chosen[group.name].length;
      group.chosenLabel.textContent = n > 0 ? " \u00b7 " + n + " chosen" : "";
    });
    clearButton.hidden = chosenCount() === 0;
  }

  function onFilterChange(event) {
    var box = event.target;
    var values = chosen[box.name];
    var at = values.indexOf(box.value);
    if (box.checked && at === -1) {
      values.push(box.value);
    } else if (!box.checked && at !== -1) {
      values.splice(at, 1);
    }
    run();
  }

  function clearFilters() {
    groups.forEach(function (group) {
      chosen[group.name] = [];
      Object.keys(group.boxes).forEach(function (value) {
        group.boxes[value].box.checked = false;
      });
    });
    // The button disappears with the filters; focus must not vanish with it.
    input.focus();
    run();
  }

  // --- results ---------------------------------------------------------------

  // Pagefind's excerpt is HTML from our own index, with matches in <mark>.
  // It is still not inserted as HTML: only its text and its <mark>s are
  // copied, so nothing else in it can ever reach the page.
  function appendExcerpt(target, html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    Array.prototype.forEach.call(parsed.body.childNodes, function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        target.appendChild(element("mark", "", node.textContent));
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function first(values) {
    return values && values.length ? values[0] : "";
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var filters = data.filters || {};
    var isStrategy = meta.type === "strategy";
    var item = element("li", "result" + (isStrategy ? " result--strategy" : ""));

    var caption = [
      isStrategy ? "Strategy" : "",
      first(filters.kind),
      meta.area || first(filters.area),
      meta.year || first(filters.year)
    ].filter(Boolean).join(" \u00b7 ");
    item.appendChild(element("p", "result__caption", caption));

    var heading = element("h3", "result__title");
    var link = element("a", "", meta.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);

    if (isStrategy && meta.item_title) {
      item.appendChild(
        element("p", "result__from", "From " + (meta.review_id ? meta.review_id + ": " : "") + meta.item_title)
      );
    }

    if (data.excerpt) {
      var excerpt = element("p", "result__excerpt");
      appendExcerpt(excerpt, data.excerpt);
      item.appendChild(excerpt);
    }

    var themes = filters.theme || [];
    if (themes.length) {
      var tags = element("ul", "tags");
      tags.setAttribute("aria-label", "Themes");
      themes.forEach(function (label) {
        var li = element("li");
        var url = themeUrls[label];
        var tag = element(url ? "a" : "span", url ? "tag" : "tag tag--plain", label);
        if (url) {
          tag.href = url;
        }
        li.appendChild(tag);
        tags.appendChild(li);
      });
      item.appendChild(tags);
    }
    return item;
  }

  function showMore(focusFirst) {
    var mine = generation;
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    return Promise.all(
      batch.map(function (result) {
        return result.data();
      })
    ).then(function (datas) {
      if (mine !== generation) {
        return;
      }
      var firstNew = null;
      datas.forEach(function (data) {
        var item = resultItem(data);
        firstNew = firstNew || item;
        list.appendChild(item);
      });
      moreButton.hidden = shown >= results.length;
      if (focusFirst && firstNew) {
        firstNew.querySelector("a").focus();
      }
    });
  }

  function describe(count, query) {
    var filtersNote = chosenCount() > 0 ? " with " + plural(chosenCount(), "filter", "filters") + " applied" : "";
    if (count === 0) {
      return (
        "No results" + (query ? " for \u201c" + query + "\u201d" : "") + filtersNote +
        ". Try other or fewer words" + (filtersNote ? ", or clear the filters" : "") + "."
      );
    }
    return plural(count, "result", "results") + (query ? " for \u201c" + query + "\u201d" : "") + filtersNote + ".";
  }

  // Counts beside each value say how many results choosing it would give.
  // For a filter that already has a value chosen, that means searching
  // without that filter, since its values are alternatives.
  function countsFor(query, search) {
    var jobs = groups.map(function (group) {
      if (chosen[group.name].length === 0) {
        return Promise.resolve((search.filters || {})[group.name]);
      }
      var others = pagefindFilters(group.name);
      if (!query && Object.keys(others).length === 0) {
        return Promise.resolve(totals[group.name]);
      }
      return pagefind.search(query || null, { filters: others }).then(function (s) {
        return (s.filters || {})[group.name];
      });
    });
    return Promise.all(jobs).then(function (found) {
      var counts = {};
      groups.forEach(function (group, i) {
        counts[group.name] = found[i] || {};
      });
      return counts;
    });
  }

  function run() {
    window.clearTimeout(typingTimer);
    generation += 1;
    var mine = generation;
    var query = input.value.trim();
    writeUrl(query);

    if (!query && chosenCount() === 0) {
      results = [];
      shown = 0;
      list.textContent = "";
      moreButton.hidden = true;
      showCounts(totals);
      statusLine.textContent = "Type a word or phrase, or choose a filter, to see results.";
      return Promise.resolve();
    }

    return pagefind
      .search(query || null, { filters: pagefindFilters(null) })
      .then(function (search) {
        if (mine !== generation) {
          return null;
        }
        return countsFor(query, search).then(function (counts) {
          if (mine !== generation) {
            return null;
          }
          results = search.results;
          shown = 0;
          list.textContent = "";
          showCounts(counts);
          return showMore(false).then(function () {
            if (mine === generation) {
              statusLine.textContent = describe(results.length, query);
            }
          });
        });
      })
      .catch(failed);
  }

  function failed(error) {
    app.hidden = true;
    errorNotice.hidden = false;
    statusLine.textContent = "Search is not working. Links to browse the learning follow.";
    if (window.console) {
      window.console.error("clearhouse search:", error);
    }
  }

  // --- start -----------------------------------------------------------------

  readUrl();
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run();
  });
  input.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(run, TYPING_DELAY_MS);
  });
  moreButton.addEventListener("click", function () {
    showMore(true);
  });
  clearButton.addEventListener("click", clearFilters);

  var base = root.getAttribute("data-base") || "/";
  var bundle = new URL(base + "pagefind/pagefind.js", document.baseURI).href;
  // A large site's index is split into several bundles (one Pagefind index
  // cannot hold it in memory while it is built); the first is loaded as
  // usual and the others are merged into it, so one query searches all of
  // them and filter counts add up across them.
  var shards = parseJson(root.getAttribute("data-search-shards"), []);
  // The indexed URLs already start with the base path; Pagefind's
  // default would prefix them again with the folder pagefind.js
  // came from (…/sub/pagefind/ → /sub/sub/learning/…). Merged bundles
  // take no options from the first, so each is given the same.
  var searchOptions = { baseUrl: "/", excerptLength: 30, excerptEllipsis: "\u2026" };
  statusLine.textContent = "Loading search\u2026";
  import(bundle)
    .then(function (module) {
      pagefind = module;
      return pagefind.options(searchOptions);
    })
    .then(function () {
      return Promise.all(
        shards.map(function (folder) {
          return pagefind.mergeIndex(new URL(base + folder, document.baseURI).pathname, searchOptions);
        })
      );
    })
    .then(function () {
      return pagefind.filters();
    })
    .then(function (all) {
      totals = all || {};
      buildFilters();
      app.hidden = false;
      return run();
    })
    .catch(failed);
})();
