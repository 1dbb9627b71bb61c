#!/usr/bin/env python3
"""Fails when a string of the interface has no complete translation.

lupdate extracts every tr()/translate() string from ui/ and app/gui_main.cpp *now* and merges it
into a temporary copy of each committed .ts file, exactly as `cmake --build build --target
update_translations` would. The copy must then have no unfinished, vanished or obsolete entry, no
empty translation and no entry the sources no longer have; every translation must keep its
source's placeholders (%1, %L1, %n) and HTML tags. lupdate's own warnings (a tr() it cannot place
in a context) fail the check too, since such a string would silently stay English.

usage: check_translations.py LUPDATE SOURCE_DIR TS_FILE...
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SCANNED = ["ui", "app/gui_main.cpp"]
PLACEHOLDER = re.compile(r"%L?\d+|%n")
TAG = re.compile(r"</?([a-zA-Z0-9]+)[^>]*>")


def messages(path):
    """(context, source, translation element, numerus) for every message of a .ts file."""
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield (name, message.findtext("source"), message.find("translation"),
                   message.get("numerus") == "yes")


def texts(translation, numerus):
    if numerus:
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def check(lupdate, source_dir, ts_file):
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        merged = os.path.join(tmp, os.path.basename(ts_file))
        shutil.copyfile(ts_file, merged)
        run = subprocess.run(
            [lupdate, "-locations", "none", "-no-obsolete", *SCANNED, "-ts", merged],
            cwd=source_dir, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            return [f"lupdate failed ({run.returncode}):\n{run.stdout}{run.stderr}"]
        for line in (run.stdout + run.stderr).splitlines():
            # Diagnostics name a file and line: "ui/x.cpp:12: Cannot invoke tr() like this".
            if re.match(r"^\S+:\d+:", line) or "warning" in line.lower():
                problems.append(f"lupdate: {line}")
        committed = {(c, s) for c, s, _, _ in messages(ts_file)}
        current = set()
        for context, source, translation, numerus in messages(merged):
            current.add((context, source))
            where = f"{context}: {source!r}"
            kind = translation.get("type")
            if kind in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{kind}: {where}")
                continue
            forms = texts(translation, numerus)
            if not forms or any(not form.strip() for form in forms):
                problems.append(f"empty translation: {where}")
                continue
            wanted = sorted(PLACEHOLDER.findall(source))
            for form in forms:
                got = PLACEHOLDER.findall(form)
                if sorted(set(got)) != sorted(set(wanted)):
                    problems.append(f"placeholders {sorted(set(got))} instead of "
                                    f"{sorted(set(wanted))}: {where} -> {form!r}")
                if sorted(TAG.findall(form)) != sorted(TAG.findall(source)):
                    problems.append(f"HTML tags differ: {where} -> {form!r}")
        for context, source in sorted(committed - current):
            problems.append(f"stale (no longer in the sources): {context}: {source!r}")
    return problems


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    lupdate, source_dir, ts_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    failed = False
    for ts_file in ts_files:
        problems = check(lupdate, source_dir, ts_file)
        count = sum(1 for _ in messages(ts_file))
        if problems:
            failed = True
            print(f"{ts_file}: {len(problems)} problem(s) among {count} strings:")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"{ts_file}: all {count} strings translated")
    if failed:
        print("Run `cmake --build build --target update_translations`, then translate the "
              "entries marked unfinished in the .ts (Qt Linguist or a text editor) and remove "
              "their type=\"unfinished\".")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
