#!/usr/bin/env python3
"""Builds equal stores for tether's peers: N entries each, in their own formats.

    peers.py N DIR

DIR/timew (TIMEWARRIORDB), DIR/watson (WATSON_DIR), DIR/jrnl (XDG_CONFIG_HOME and the
journal). Entries are a few minutes apart on working days, with realistic short texts, so
each tool holds the same history as the tether store it is compared with.
"""

import datetime as dt
import json
import os
import random
import sys

WORDS = [
    "Reviewed the store design", "Fixed the flaky CI job", "Profiled the import",
    "Wrote the gap tests", "Read the PR from Ana", "Refactored the config loader",
    "Debugged the login flow", "Documented the API client", "Measured the cache layer",
]
TAGS = ["store", "tui", "cli", "docs", "ci", "api"]


def entries(n):
    rng = random.Random(7)
    t = dt.datetime(2019, 1, 7, 9, 0, tzinfo=dt.timezone.utc)
    for i in range(n):
        start = t
        t += dt.timedelta(minutes=rng.randint(2, 15))
        if t.hour >= 18:  # the next working day
            t = (t + dt.timedelta(days=1)).replace(hour=9, minute=0)
            while t.weekday() >= 5:
                t += dt.timedelta(days=1)
        yield i, start, t, rng.choice(WORDS), rng.choice(TAGS)


def timew(n, root):
    os.makedirs(os.path.join(root, "data"), exist_ok=True)
    open(os.path.join(root, "timewarrior.cfg"), "w").close()
    files = {}
    for _, start, stop, text, tag in entries(n):
        name = os.path.join(root, "data", start.strftime("%Y-%m.data"))
        f = files.get(name) or files.setdefault(name, open(name, "w"))
        f.write('inc %s - %s # %s "%s"\n' % (
            start.strftime("%Y%m%dT%H%M%SZ"), stop.strftime("%Y%m%dT%H%M%SZ"), tag, text))
    for f in files.values():
        f.close()
    with open(os.path.join(root, "data", "tags.data"), "w") as f:
        json.dump({t: {"count": n // len(TAGS)} for t in TAGS}, f)


def watson(n, root):
    os.makedirs(root, exist_ok=True)
    frames = [
        [int(start.timestamp()), int(stop.timestamp()), tag, "%032x" % i, [text.split()[0].lower()],
         int(stop.timestamp())]
        for i, start, stop, text, tag in entries(n)
    ]
    with open(os.path.join(root, "frames"), "w") as f:
        json.dump(frames, f, indent=1)
    with open(os.path.join(root, "state"), "w") as f:
        json.dump({}, f)


def jrnl(n, root):
    os.makedirs(os.path.join(root, "jrnl"), exist_ok=True)
    journal = os.path.join(root, "journal.txt")
    with open(journal, "w") as f:
        for _, start, _, text, tag in entries(n):
            f.write("[%s] %s @%s\n\n" % (start.strftime("%Y-%m-%d %H:%M"), text, tag))
    with open(os.path.join(root, "jrnl", "jrnl.yaml"), "w") as f:
        f.write(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
            "highlight: false\nindent_character: '|'\n"
            "journals:\n  default:\n    journal: %s\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
            "timeformat: '%%Y-%%m-%%d %%H:%%M'\nversion: v4.6\n" % journal
        )


if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    timew(n, os.path.join(out, "timew"))
    watson(n, os.path.join(out, "watson"))
    jrnl(n, os.path.join(out, "jrnl"))
