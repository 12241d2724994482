#!/usr/bin/env python3
"""Derives the de-identifier's word lists from Synthea's jar (Apache-2.0).

Usage: derive_lexicons.py SYNTHEA_JAR OUT_DIR
  SYNTHEA_JAR  org.mitre.synthea:synthea:3.3.0 from the local Maven repository
  OUT_DIR      jobs/src/main/resources/io/clinicalpipeline/jobs/deid/lexicon

Writes (one entry a line, sorted, UTF-8):
  first-names.txt   given names of names.yml (english and spanish, M and F)
  last-names.txt    family names of names.yml
  places.txt        US place names of geography/zipcodes.csv (column NAME)
  clinical-words.txt lower-case words of the "display" texts of Synthea's modules (clinical vocabulary,
                    used to tell eponyms and clinical words from names)
  zip3-populated.txt three-digit prefixes that have at least one ZCTA in geography/zipcodes.csv
"""
import csv, io, json, re, sys, zipfile

def main(jar, out):
    z = zipfile.ZipFile(jar)
    names = z.read("names.yml").decode("utf-8")
    first, last = set(), set()
    section = None
    for line in names.splitlines():
        m = re.match(r"^\s+(M|F|family|type|secondary):\s*\[(.*)\]\s*$", line)
        if not m:
            continue
        kind, body = m.group(1), m.group(2)
        items = [s.strip() for s in body.split(",") if s.strip()]
        if kind in ("M", "F"):
            first.update(items)
        elif kind == "family":
            last.update(items)
    places, zip3 = set(), set()
    rows = csv.DictReader(io.StringIO(z.read("geography/zipcodes.csv").decode("utf-8")))
    for r in rows:
        if r["NAME"]:
            places.add(r["NAME"].strip())
        if r["ZCTA5"]:
            zip3.add(r["ZCTA5"].strip().zfill(5)[:3])
    words = set()
    for n in z.namelist():
        if n.startswith("modules/") and n.endswith(".json"):
            try:
                doc = json.loads(z.read(n).decode("utf-8"))
            except ValueError:
                continue
            stack = [doc]
            while stack:
                x = stack.pop()
                if isinstance(x, dict):
                    for k, v in x.items():
                        if k == "display" and isinstance(v, str):
                            words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", v))
                        else:
                            stack.append(v)
                elif isinstance(x, list):
                    stack.extend(x)
    write(out, "first-names.txt", first)
    write(out, "last-names.txt", last)
    write(out, "places.txt", places)
    write(out, "clinical-words.txt", words)
    write(out, "zip3-populated.txt", zip3)

def write(out, name, items):
    with open(f"{out}/{name}", "w", encoding="utf-8") as f:
        for i in sorted(items):
            f.write(i + "\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
