// The search page: Pagefind's JS API over the bundle in <base>pagefind/,
// ranked as `clearhouse search` ranks (src/search/rank.rs), so that the
// browser and the command line find the same items in the same order.
//
// Pagefind finds pages that have every word of a query; readers type
// several words and expect the items that have most of them. So each
// query word is looked up on its own (Pagefind: every indexed word that
// begins with its stem), and the items are ranked here: by how many of the
// words they have, then whether they have the whole query as a phrase,
// then by a score from the words' rarity and where they occur (the text,
// the title, the theme words). A word no item has is respelt from the
// site's own words (`clearhouse-suggest.json`, fetched only then); a query
// that finds nothing says so and offers the nearest themes.
//
// Pagefind's prebuilt UI is not used because it injects inline styles,
// which the site's Content-Security-Policy (style-src 'self') forbids;
// everything here is built from DOM nodes and styled by site.css.
//
// The page's state lives in its URL (?q=…&theme=…&clear=…), kept up to
// date with history.replaceState, so a search can be bookmarked or shared.
// Within one filter the chosen values are alternatives (any of them);
// different filters must all match. Every count is of reports and
// summaries (one Pagefind page per item; strategies are its sub-results).
(function () {
  "use strict";

  var root = document.querySelector("[data-search]");
  if (!root) {
    return;
  }

  var PAGE_SIZE = 10;
  var TYPING_DELAY_MS = 250;
  var STRATEGIES_SHOWN = 3;
  // Up to this many items, the whole word index is loaded at once (see
  // the start below).
  var WHOLE_INDEX_ITEMS = 40;

  var form = root.querySelector("[data-search-form]");
  var input = form.querySelector("input[name=q]");
  var app = root.querySelector("[data-search-app]");
  var statusLine = root.querySelector("[data-search-status]");
  var helpBox = root.querySelector("[data-search-help]");
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
      values: Number(element.getAttribute("data-values")),
      boxes: {}
    };
  });
  var themeUrls = parseJson(root.getAttribute("data-theme-urls"), {});
  var config = parseJson(root.getAttribute("data-search-config"), {});
  var stopWords = {};
  (config.stopWords || []).forEach(function (w) {
    stopWords[w] = true;
  });
  var ranking = config.ranking || { k: 1.2, title: 1, themes: 1.5, extended: 0.3 };
  var SNIPPET_WORDS = config.snippetWords || 30;
  var pageTitle = document.title;
  var base = root.getAttribute("data-base") || "/";

  var pagefind = null;
  // Every page id, the filter values of each, and each page's place in
  // path order (ties in rank keep that order, as on the command line).
  var allPages = [];
  var pageValues = {};
  var pathOrder = {};
  // The items the current search matches before filters, for the counts
  // of a filter opened later.
  var matchingNow = [];
  var chosen = {};
  var ranked = [];
  var shown = 0;
  var generation = 0;
  var typingTimer = null;
  var suggestData = null;

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

  // --- reading a query, as src/search/analyze.rs reads it ------------------

  function queryWords(text) {
    var all = text
      .split(/\s+/)
      .map(function (chunk) {
        return chunk
          .toLowerCase()
          .normalize("NFD")
          .replace(/\p{M}/gu, "")
          .replace(/[^\p{L}\p{N}]/gu, "");
      })
      .filter(function (w) {
        return w !== "";
      });
    var terms = [];
    all.forEach(function (w) {
      if (!stopWords[w] && terms.indexOf(w) === -1) {
        terms.push(w);
      }
    });
    if (terms.length === 0) {
      all.forEach(function (w) {
        if (terms.indexOf(w) === -1) {
          terms.push(w);
        }
      });
    }
    return { all: all, terms: terms };
  }

  function idf(total, matched) {
    return Math.log(1 + (total - matched + 0.5) / (matched + 0.5));
  }

  // --- respelling and suggestions, as src/search/suggest.rs ----------------

  function distance(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    var previous = [];
    for (var j = 0; j <= b.length; j++) {
      previous.push(j);
    }
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      for (var k = 1; k <= b.length; k++) {
        current.push(
          Math.min(previous[k] + 1, current[k - 1] + 1, previous[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1))
        );
      }
      previous = current;
    }
    return previous[b.length];
  }

  function respell(word, words) {
    var allowed = Array.from(word).length <= 4 ? 1 : 2;
    var best = null;
    words.forEach(function (entry) {
      var d = distance(word, entry[0]);
      if (d === 0 || d > allowed) {
        return;
      }
      if (
        !best ||
        d < best.d ||
        (d === best.d && (entry[1] > best.n || (entry[1] === best.n && entry[0] < best.w)))
      ) {
        best = { d: d, n: entry[1], w: entry[0] };
      }
    });
    return best ? best.w : null;
  }

  function likeness(query, word) {
    var q = Array.from(query).length;
    var w = Array.from(word).length;
    if (Math.min(q, w) >= 4 && (word.indexOf(query) === 0 || query.indexOf(word) === 0)) {
      return query === word ? 1 : 0.9;
    }
    return 1 - distance(query, word) / Math.max(q, w, 1);
  }

  function loadSuggestData() {
    if (!suggestData) {
      suggestData = fetch(new URL(base + "pagefind/clearhouse-suggest.json", document.baseURI).href)
        .then(function (r) {
          return r.ok ? r.json() : { words: [], themes: [] };
        })
        .catch(function () {
          return { words: [], themes: [] };
        });
    }
    return suggestData;
  }

  function suggestions(words, unmatched, data) {
    var changed = false;
    var respelt = words.all.map(function (w) {
      if (unmatched.indexOf(w) === -1) {
        return w;
      }
      var better = respell(w, data.words);
      if (better) {
        changed = true;
        return better;
      }
      return w;
    });
    var query = words.terms.filter(function (t) {
      return Array.from(t).length >= 3;
    });
    var scored = data.themes.map(function (theme) {
      var best = 0;
      query.forEach(function (q) {
        theme.words.forEach(function (w) {
          best = Math.max(best, likeness(q, w));
        });
      });
      return { score: best, theme: theme };
    });
    scored.sort(function (a, b) {
      return b.score - a.score || (a.theme.label < b.theme.label ? -1 : a.theme.label > b.theme.label ? 1 : 0);
    });
    return {
      spelling: changed ? respelt.join(" ") : null,
      themes: scored.slice(0, 3).map(function (s) {
        return s.theme;
      })
    };
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

  function chosenCount() {
    return groups.reduce(function (sum, group) {
      return sum + chosen[group.name].length;
    }, 0);
  }

  // Whether a page passes every chosen filter except `except`'s.
  function passes(id, except) {
    var values = pageValues[id] || {};
    return groups.every(function (group) {
      var wanted = chosen[group.name];
      if (group.name === except || wanted.length === 0) {
        return true;
      }
      var has = values[group.name] || [];
      return wanted.some(function (v) {
        return has.indexOf(v) !== -1;
      });
    });
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

  // Each filter's values and the pages that have them come from that
  // filter's own file in the bundle, fetched only when it is needed: when
  // the reader opens the filter, or when a value of it is chosen (from the
  // URL), or, for the year, to list items without a query. The results of
  // a search do not wait for the other filters' files.
  var groupLoads = {};
  function loadGroup(group) {
    if (!groupLoads[group.name]) {
      var only = {};
      only[group.name] = [];
      group.options.setAttribute("aria-busy", "true");
      group.options.textContent = "";
      group.options.appendChild(element("li", "filter__loading", "Loading the counts\u2026"));
      // A search with no words and an empty choice for this filter loads
      // this filter's file alone and counts every value over all pages.
      groupLoads[group.name] = pagefind
        .search(null, { filters: only })
        .then(function (found) {
          var values = Object.keys((found.filters || {})[group.name] || {});
          return Promise.all(
            values.map(function (value) {
              var filters = {};
              filters[group.name] = value;
              return pagefind.search(null, { filters: filters }).then(function (byValue) {
                byValue.results.forEach(function (r) {
                  var held = (pageValues[r.id] = pageValues[r.id] || {});
                  (held[group.name] = held[group.name] || []).push(value);
                });
              });
            })
          ).then(function () {
            buildGroup(group, values);
          });
        });
    }
    return groupLoads[group.name];
  }

  // The filters whose files a search needs before it can be shown.
  function groupsNeeded(query) {
    return groups.filter(function (group) {
      return chosen[group.name].length > 0 || (group.name === "year" && queryWords(query).terms.length === 0);
    });
  }

  function buildGroup(group, values) {
    values = values.slice();
    chosen[group.name].forEach(function (value) {
      if (values.indexOf(value) === -1) {
        values.push(value);
      }
    });
    group.options.textContent = "";
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
      group.boxes[value] = { box: box, count: count, item: item };
    });
    group.options.removeAttribute("aria-busy");
  }

  // Every filter starts folded, its values not yet fetched, unless the URL
  // chose a value of it; opening it fetches its values and shows their
  // counts for the current results. A filter the whole site has one value
  // of narrows nothing (a local site's one area) and is left out.
  function setUpFilters() {
    groups.forEach(function (group) {
      var picked = chosen[group.name].length > 0;
      if (group.values < 2 && !picked) {
        return;
      }
      group.element.open = picked;
      group.element.addEventListener("toggle", function () {
        if (!group.element.open) {
          return;
        }
        loadGroup(group)
          .then(function () {
            showCounts(matchingNow);
          })
          .catch(failed);
      });
      group.element.hidden = false;
    });
  }

  // On a phone the filters sit above the results; folded, they leave the
  // results on the first screen.
  function isNarrow() {
    return window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;
  }

  // A value's count is what ticking it would give: the matching items that
  // pass the other filters. Values that would give nothing are hidden
  // (unless ticked).
  function showCounts(matching) {
    groups.forEach(function (group) {
      var counts = {};
      matching.forEach(function (id) {
        if (!passes(id, group.name)) {
          return;
        }
        ((pageValues[id] || {})[group.name] || []).forEach(function (v) {
          counts[v] = (counts[v] || 0) + 1;
        });
      });
      Object.keys(group.boxes).forEach(function (value) {
        var entry = group.boxes[value];
        var n = counts[value] || 0;
        entry.count.textContent = "(" + n + ")";
        entry.item.hidden = n === 0 && !entry.box.checked;
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

  // --- finding and ranking ----------------------------------------------------

  // What Pagefind has of one word: for each page it matches, the places
  // (every indexed word beginning with the stem), the places of the stem
  // itself, and whether the title or the theme words have it. A word no
  // page has is respelt from the site's words first.
  function lookUp(term) {
    var exact = pagefind.search('"' + term + '"');
    var loose = pagefind.search(term);
    return Promise.all([exact, loose]).then(function (found) {
      if (found[0].unfilteredResultCount > 0) {
        return { term: term, searched: term, exact: found[0], loose: found[1] };
      }
      return loadSuggestData().then(function (data) {
        var better = respell(term, data.words);
        if (!better) {
          return { term: term, searched: null };
        }
        return Promise.all([pagefind.search('"' + better + '"'), pagefind.search(better)]).then(function (again) {
          return { term: term, searched: better, exact: again[0], loose: again[1] };
        });
      });
    });
  }

  function matchesOf(lookup) {
    var pages = {};
    if (!lookup.searched) {
      return pages;
    }
    // Pagefind's quoted search for one word finds the pages whose text
    // has the stem itself (with one place) or, failing that, whose title,
    // theme words or review id have it.
    var stemInText = {};
    lookup.exact.results.forEach(function (r) {
      if (r.words.length > 0) {
        stemInText[r.id] = true;
      }
    });
    lookup.loose.results.forEach(function (r) {
      var meta = r.matchedMetaFields || [];
      var places = r.words.length;
      // As rank.rs: places of longer words only count `extended` each.
      pages[r.id] = {
        tf: stemInText[r.id] ? places : ranking.extended * places,
        title: meta.indexOf("title") !== -1,
        themes: meta.indexOf("themes") !== -1,
        places: r.words
      };
    });
    return pages;
  }

  function rankPages(words, lookups, phrase) {
    var total = allPages.length;
    var perTerm = lookups.map(matchesOf);
    var idfs = perTerm.map(function (pages) {
      return idf(total, Object.keys(pages).length);
    });
    var seen = {};
    perTerm.forEach(function (pages) {
      Object.keys(pages).forEach(function (id) {
        seen[id] = true;
      });
    });
    var out = Object.keys(seen).map(function (id) {
      var count = 0;
      var score = 0;
      var places = [];
      perTerm.forEach(function (pages, t) {
        var m = pages[id];
        if (!m) {
          return;
        }
        count += 1;
        score +=
          idfs[t] * (m.tf / (m.tf + ranking.k) + (m.title ? ranking.title : 0) + (m.themes ? ranking.themes : 0));
        places = places.concat(m.places);
      });
      return { id: id, words: count, phrase: !!phrase[id], score: score, places: places, perTerm: perTerm };
    });
    out.sort(function (a, b) {
      return (
        b.words - a.words ||
        (b.phrase ? 1 : 0) - (a.phrase ? 1 : 0) ||
        b.score - a.score ||
        (pathOrder[a.id] || 0) - (pathOrder[b.id] || 0)
      );
    });
    return out;
  }

  // Items in no particular query: newest year first, then by path.
  function listPages() {
    var out = allPages.map(function (id) {
      var years = ((pageValues[id] || {}).year || []).map(Number);
      return { id: id, words: 0, phrase: false, score: years.length ? years[0] : 0, places: [], perTerm: [] };
    });
    out.sort(function (a, b) {
      return b.score - a.score || (pathOrder[a.id] || 0) - (pathOrder[b.id] || 0);
    });
    return out;
  }

  // The whole ranking for a query, without filters: what `clearhouse
  // search` gives. Exposed for tests/browser (window.clearhouseSearch).
  function searchAll(query) {
    return Promise.all(groupsNeeded(query).map(loadGroup)).then(function () {
      return rankAll(query);
    });
  }

  function rankAll(query) {
    var words = queryWords(query);
    var phraseSearch =
      words.all.length >= 2 ? pagefind.search('"' + words.all.join(" ") + '"') : Promise.resolve({ results: [] });
    return Promise.all([Promise.all(words.terms.map(lookUp)), phraseSearch]).then(function (found) {
      var lookups = found[0];
      var phrase = {};
      found[1].results.forEach(function (r) {
        phrase[r.id] = true;
      });
      var unmatched = [];
      var corrected = [];
      lookups.forEach(function (l) {
        if (!l.searched || l.loose.unfilteredResultCount === 0) {
          unmatched.push(l.term);
        } else if (l.searched !== l.term) {
          corrected.push([l.term, l.searched]);
        }
      });
      return {
        words: words,
        ranked: words.terms.length ? rankPages(words, lookups, phrase) : listPages(),
        unmatched: unmatched,
        corrected: corrected
      };
    });
  }

  // --- results ---------------------------------------------------------------

  // About SNIPPET_WORDS words of positions from..to around the densest run
  // of matched places, as index.rs cuts snippets; marks on the matches.
  function excerptStart(matched, from, to, length) {
    if (!matched.length || to - from <= length) {
      return from;
    }
    var best = [0, from];
    matched.forEach(function (first) {
      var start = Math.min(Math.max(first - Math.floor(length / 4), from), to - length);
      var count = matched.filter(function (p) {
        return p >= start && p < start + length;
      }).length;
      if (count > best[0]) {
        best = [count, start];
      }
    });
    return best[1];
  }

  function snippet(target, words, places, from, to) {
    to = Math.min(to, words.length);
    from = Math.min(from, to);
    var here = places.filter(function (p) {
      return p >= from && p < to;
    });
    var start = excerptStart(here, from, to, SNIPPET_WORDS);
    var end = Math.min(start + SNIPPET_WORDS, to);
    if (start > from) {
      target.appendChild(document.createTextNode("\u2026 "));
    }
    for (var p = start; p < end; p++) {
      var word = words[p];
      if (p === end - 1 && end < to) {
        word = word.replace(/[.,;:]+$/, "");
      }
      if (p > start) {
        target.appendChild(document.createTextNode(" "));
      }
      if (here.indexOf(p) !== -1) {
        target.appendChild(element("mark", "", word));
      } else {
        target.appendChild(document.createTextNode(word));
      }
    }
    if (end < to) {
      target.appendChild(document.createTextNode(" \u2026"));
    }
  }

  function first(values) {
    return values && values.length ? values[0] : "";
  }

  function strategyInfo(anchor) {
    var info = parseJson(anchor.title, null);
    return info && typeof info === "object" ? info : { title: anchor.text || "", clear: "", responsible: [] };
  }

  var CLEAR_LETTERS = { "Case for change": "C", "Learning orientated": "L", "Evidence based": "E", "Assign responsibility": "A", Review: "R" };

  function resultItem(result, data) {
    var meta = data.meta || {};
    var filters = data.filters || {};
    var item = element("li", "result");
    var caption = [first(filters.kind), meta.review_id, first(filters.area), first(filters.year)]
      .filter(Boolean)
      .join(" \u00b7 ");
    item.appendChild(element("p", "result__caption", caption));

    var heading = element("h3", "result__title");
    var link = element("a", "", meta.title || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);

    var words = (data.content || "").split(" ");
    var anchors = (data.anchors || [])
      .filter(function (a) {
        return /^strategy-/.test(a.id || "");
      })
      .sort(function (a, b) {
        return a.location - b.location;
      });
    var ownEnd = anchors.length ? anchors[0].location : words.length;
    var titleWords = (meta.title || "").split(/\s+/).filter(Boolean).length;
    var excerpt = element("p", "result__excerpt");
    snippet(excerpt, words, result.places, Math.min(titleWords, ownEnd), ownEnd);
    if (excerpt.childNodes.length) {
      item.appendChild(excerpt);
    }

    var clearWanted = chosen.clear.map(function (label) {
      return CLEAR_LETTERS[label];
    });
    var orgWanted = chosen.responsible;
    var strategies = [];
    anchors.forEach(function (anchor, n) {
      var end = n + 1 < anchors.length ? anchors[n + 1].location : words.length;
      var info = strategyInfo(anchor);
      if (clearWanted.length && !clearWanted.some(function (c) { return (info.clear || "").indexOf(c) !== -1; })) {
        return;
      }
      if (orgWanted.length && !orgWanted.some(function (o) { return (info.responsible || []).indexOf(o) !== -1; })) {
        return;
      }
      var inside = function (p) {
        return p >= anchor.location && p < end;
      };
      var wordsHere = result.perTerm.filter(function (pages) {
        var m = pages[result.id];
        return m && m.places.some(inside);
      }).length;
      var placesHere = result.places.filter(inside).length;
      if (result.words > 0 ? wordsHere === 0 : clearWanted.length + orgWanted.length === 0) {
        return;
      }
      strategies.push({ anchor: anchor, end: end, info: info, wordsHere: wordsHere, placesHere: placesHere, n: n });
    });
    strategies.sort(function (a, b) {
      return b.wordsHere - a.wordsHere || b.placesHere - a.placesHere || a.n - b.n;
    });
    if (strategies.length) {
      var heading2 = element("p", "result__from", plural(strategies.length, "matching strategy", "matching strategies") + ":");
      item.appendChild(heading2);
      var sub = element("ul", "result__strategies");
      strategies.slice(0, STRATEGIES_SHOWN).forEach(function (s) {
        var li = element("li");
        var a = element("a", "", s.info.title || s.anchor.text);
        a.href = data.url.replace(/#.*$/, "") + "#" + s.anchor.id;
        li.appendChild(a);
        var text = element("span", "result__excerpt");
        text.appendChild(document.createTextNode(" \u2014 "));
        // The strategy's heading opens its section and is the link just
        // shown: the excerpt starts after it, as the item's starts after
        // the item's title.
        var titleHere = (s.info.title || s.anchor.text || "").split(/\s+/).filter(Boolean).length;
        snippet(text, words, result.places, Math.min(s.anchor.location + titleHere, s.end), s.end);
        li.appendChild(text);
        sub.appendChild(li);
      });
      item.appendChild(sub);
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

  // Result objects of every page (from the listing in path order); their
  // data() loads the page's fragment, once.
  var resultObjects = {};
  var dataCache = {};
  function pageData(id) {
    if (!dataCache[id]) {
      dataCache[id] = resultObjects[id]
        ? resultObjects[id].data()
        : Promise.resolve({ url: "", meta: {}, filters: {}, content: "", anchors: [] });
    }
    return dataCache[id];
  }

  function showMore(focusFirst) {
    var mine = generation;
    var batch = ranked.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    return Promise.all(
      batch.map(function (result) {
        return pageData(result.id);
      })
    ).then(function (datas) {
      if (mine !== generation) {
        return;
      }
      var firstNew = null;
      datas.forEach(function (data, i) {
        var item = resultItem(batch[i], data);
        firstNew = firstNew || item;
        list.appendChild(item);
      });
      moreButton.hidden = shown >= ranked.length;
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
        "." + (filtersNote ? " Try clearing the filters." : "")
      );
    }
    return (
      plural(count, "result", "results") + (query ? " for \u201c" + query + "\u201d" : "") + filtersNote +
      " (reports and learning summaries)."
    );
  }

  function showHelp(found, query, count) {
    helpBox.textContent = "";
    var lines = [];
    found.corrected.forEach(function (c) {
      lines.push(element("p", "", "Searched for \u201c" + c[1] + "\u201d instead of \u201c" + c[0] + "\u201d."));
    });
    if (count > 0 && found.unmatched.length) {
      lines.push(element("p", "", "No item has " + found.unmatched.map(function (w) { return "\u201c" + w + "\u201d"; }).join(", ") + "; the results have your other words."));
    }
    lines.forEach(function (line) {
      helpBox.appendChild(line);
    });
    if (count > 0 || !query) {
      helpBox.hidden = lines.length === 0;
      return Promise.resolve();
    }
    var mine = generation;
    return loadSuggestData().then(function (data) {
      if (mine !== generation) {
        return;
      }
      var offer = suggestions(found.words, found.unmatched, data);
      if (offer.spelling) {
        var p = element("p", "", "Did you mean ");
        var a = element("a", "", offer.spelling);
        a.href = "?q=" + encodeURIComponent(offer.spelling);
        p.appendChild(a);
        p.appendChild(document.createTextNode("?"));
        helpBox.appendChild(p);
      }
      if (offer.themes.length) {
        var intro = element("p", "", "Themes near your words:");
        var ul = element("ul");
        offer.themes.forEach(function (theme) {
          var li = element("li");
          var url = themeUrls[theme.label];
          var link = element(url ? "a" : "span", "", theme.label);
          if (url) {
            link.href = url;
          }
          li.appendChild(link);
          ul.appendChild(li);
        });
        helpBox.appendChild(intro);
        helpBox.appendChild(ul);
      }
      helpBox.hidden = helpBox.childNodes.length === 0;
    });
  }

  function run() {
    window.clearTimeout(typingTimer);
    generation += 1;
    var mine = generation;
    var query = input.value.trim();
    writeUrl(query);

    if (!query && chosenCount() === 0) {
      ranked = [];
      shown = 0;
      list.textContent = "";
      helpBox.hidden = true;
      moreButton.hidden = true;
      matchingNow = allPages;
      showCounts(allPages);
      statusLine.textContent = "Type a word or phrase, or choose a filter, to see results.";
      return Promise.resolve();
    }

    return searchAll(query)
      .then(function (found) {
        if (mine !== generation) {
          return null;
        }
        var matching = found.ranked.map(function (r) {
          return r.id;
        });
        ranked = found.ranked.filter(function (r) {
          return passes(r.id, null);
        });
        shown = 0;
        list.textContent = "";
        matchingNow = matching;
        showCounts(matching);
        return showMore(false).then(function () {
          if (mine !== generation) {
            return null;
          }
          statusLine.textContent = describe(ranked.length, query);
          return showHelp(found, query, ranked.length);
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

  // Every page in path order (ties in rank keep it, as on the command
  // line), and each page's result object, whose data() loads its fragment.
  function learnPages() {
    return pagefind.search(null, { sort: { path: "asc" } }).then(function (found) {
      found.results.forEach(function (r, i) {
        pathOrder[r.id] = i;
        resultObjects[r.id] = r;
        allPages.push(r.id);
      });
    });
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
  var searchOptions = { baseUrl: "/" };
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
      return learnPages();
    })
    .then(function () {
      // Pagefind matches a word's longer forms only among the words of the
      // index chunks it has loaded, which depend on the searches before;
      // a small site's whole index is a few small chunks, so it is loaded
      // at once and every search sees every word, as the command line does.
      if (allPages.length > WHOLE_INDEX_ITEMS) {
        return null;
      }
      return Promise.all(
        "abcdefghijklmnopqrstuvwxyz0123456789".split("").map(function (c) {
          return pagefind.preload(c);
        })
      );
    })
    .then(function () {
      setUpFilters();
      app.hidden = false;
      window.clearhouseSearch = function (query, limit) {
        return searchAll(query).then(function (found) {
          return Promise.all(
            found.ranked.slice(0, limit || 10).map(function (r) {
              return pageData(r.id).then(function (data) {
                return { url: data.url, review_id: (data.meta || {}).review_id, words: r.words, phrase: r.phrase, score: r.score };
              });
            })
          ).then(function (hits) {
            return { total: found.ranked.length, hits: hits, unmatched: found.unmatched, corrected: found.corrected };
          });
        });
      };
      return run();
    })
    .catch(failed);
})();
