#!/usr/bin/env python3
"""Derives the de-identifier's allow-list of ordinary and clinical words.

Usage: derive_allow_words.py WORDLIST ABBREVIATIONS OUT_FILE
  WORDLIST       /usr/share/dict/american-english from Debian's `wamerican` package: SCOWL by Kevin
                 Atkinson, under the SCOWL licence (permission to use, copy, modify, distribute and sell,
                 with its copyright notice kept; see NOTICE below)
  ABBREVIATIONS  jobs/src/main/resources/io/clinicalpipeline/jobs/deid/lexicon/clinical-shorthand.txt
                 (written by the project)
  OUT_FILE       jobs/src/main/resources/io/clinicalpipeline/jobs/deid/lexicon/allow-words.txt

Keeps the lower-case entries of the word list (proper nouns are capitalised there, so names and places
are left out), without possessive forms, plus every abbreviation. One entry a line, sorted, UTF-8.
"""
import sys

NOTICE = """# Allow-list of ordinary English and clinical words (derive_allow_words.py).
# English words: SCOWL, Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute
# and sell these word lists, the associated scripts, the output created from the scripts, and its
# documentation for any purpose is hereby granted without fee, provided that the above copyright notice
# appears in all copies and that both that copyright notice and this permission notice appear in supporting
# documentation. Kevin Atkinson makes no representations about the suitability of this array for any
# purpose. It is provided "as is" without express or implied warranty.
# Clinical abbreviations: written by the project (lexicon/clinical-shorthand.txt).
"""


def main(wordlist, abbreviations, out):
    words = set()
    with open(wordlist, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and w.isalpha() and w.isascii():
                words.add(w)
    with open(abbreviations, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                words.update(t for t in line.lower().split() if t)
    with open(out, "w", encoding="utf-8") as f:
        f.write(NOTICE)
        for w in sorted(words):
            f.write(w + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
