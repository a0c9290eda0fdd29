#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End to end: the real tessera binary, driven by real key presses.

A project is made with tessera-cli (init + import of a small report the
test writes), the window is started on it in an X server and a D-Bus
session of its own, the text view is found through AT-SPI (as a screen
reader would) and clicked, and the analyst's keys are typed with xdotool:
select words, press a label's key, switch layers, delete, undo, redo,
quit. After each step the project file is read with tessera-cli export,
and at the end every span must be there with its exact text and its
code-point offsets.

Exits 77 (skipped) only when xdotool, xvfb-run, dbus-run-session or
pyatspi are missing. Environment: TESSERA_APP (the tessera binary) and
TESSERA_CLI (tessera-cli), both set by meson.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
NO_DISPLAY = 3

# Written by the test: accented names, a curly apostrophe, two lines.
REPORT = ("Aïcha Maïga said the rebels attacked Kidal’s airport on Tuesday.\n"
          "The army denied it.\n")
PROJECT_NAME = "Kidal desk"
WINDOW_TITLE = PROJECT_NAME + " — Tessera"

STEP_TIMEOUT = 15.0


class Failure(Exception):
    pass


def log(message):
    print("# " + message, flush=True)


# --- the project, read as a pipeline would read it ----------------------------

def export(cli, project):
    """The project's only document as tessera-cli exports it."""
    result = subprocess.run([cli, "export", "--format", "jsonl", project],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise Failure("tessera-cli export failed: " + result.stderr)
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if len(lines) != 1:
        raise Failure("expected one document, got %d lines" % len(lines))
    return json.loads(lines[0])


def annotations(doc):
    """(start, end, label, text) of every span; events and stances as
    (type, trigger text, …) so ids do not matter."""
    text = doc["text"]
    spans = {}
    for span in doc["spans"]:
        # The offsets are code points: Python slices the same way.
        if text[span["start"]:span["end"]] != span["text"]:
            raise Failure("span %r: text[%d:%d] is %r" % (
                span["text"], span["start"], span["end"],
                text[span["start"]:span["end"]]))
        spans[span["id"]] = (span["start"], span["end"], span["label"], span["text"])
    events = sorted((e["type"], spans[e["trigger"]][3]) for e in doc.get("events", []))
    stances = sorted((s["label"], spans[s["span"]][3]) for s in doc.get("stances", []))
    return sorted(spans.values()), events, stances


def expect_span(word, label):
    """What the export should say of a span on the first @word."""
    start = REPORT.index(word)
    return (start, start + len(word), label, word)


# --- the driver, inside Xvfb and the D-Bus session ----------------------------

def run(*args, timeout=30):
    return subprocess.run(list(args), capture_output=True, text=True,
                          timeout=timeout, check=True).stdout


def key(*keys):
    run("xdotool", "key", "--delay", "60", *keys)


def find_text_view(pyatspi, app_process, deadline):
    """The accessible of the document text and its extents in the window."""
    while time.monotonic() < deadline:
        if app_process.poll() is not None:
            raise Failure("tessera exited with %d before showing its window" % app_process.returncode)
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is None or app.name != "tessera":
                continue
            found = pyatspi.findDescendant(
                app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_TEXT
                and a.name == "Document text")
            if found is None:
                continue
            text = found.queryText()
            if text.getText(0, -1) != REPORT:
                continue
            extents = found.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if extents.width > 0 and extents.height > 0:
                return found, extents
        time.sleep(0.3)
    raise Failure("the window did not show the document text (AT-SPI)")


def wait_until(what, check, deadline_seconds=STEP_TIMEOUT):
    deadline = time.monotonic() + deadline_seconds
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last is True:
            return
        time.sleep(0.2)
    raise Failure("%s: timed out; last seen: %r" % (what, last))


def drive(app_path, cli, project, workdir):
    # Another X server may have taken the display number between
    # xvfb-run's check and its start: then try again elsewhere.
    if subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True).returncode != 0:
        print("# no X display", flush=True)
        return NO_DISPLAY

    import pyatspi

    app_env = dict(os.environ)
    app_env.pop("TESSERA_E2E_APP_G_DEBUG", None)
    if os.environ.get("TESSERA_E2E_APP_G_DEBUG"):
        app_env["G_DEBUG"] = os.environ["TESSERA_E2E_APP_G_DEBUG"]
    # Under AddressSanitizer, the whole window leaks one block at exit:
    # GLib's first quark table, which GLib drops on purpose once a
    # program has more than 2,048 quarks. Without GLib's debug symbols
    # the fast unwinder cannot tell it from a leak of Tessera's (slow
    # unwinding makes the window too slow to drive), so the window's own
    # process is not leak-checked; the display tests, which run the same
    # widgets in-process, are.
    if "ASAN_OPTIONS" in app_env:
        app_env["ASAN_OPTIONS"] += ":detect_leaks=0"
    app_log = open(os.path.join(workdir, "tessera.log"), "w")
    app = subprocess.Popen([app_path, project], env=app_env,
                           stdout=app_log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        text_view, extents = find_text_view(pyatspi, app, deadline)

        window = run("xdotool", "search", "--onlyvisible", "--name", "^" + WINDOW_TITLE + "$").split()
        if len(window) != 1:
            raise Failure("expected one window titled %r, found %r" % (WINDOW_TITLE, window))
        geometry = dict(line.split("=", 1) for line in
                        run("xdotool", "getwindowgeometry", "--shell", window[0]).split())
        origin_x, origin_y = int(geometry["X"]), int(geometry["Y"])

        def click(x, y):
            run("xdotool", "mousemove", "--sync", str(x), str(y))
            run("xdotool", "click", "1")

        def click_character(offset):
            """Clicks the middle of the character at code point @offset,
            once the text has stopped moving: a selection can resize the
            side panel, and the text wraps again (on a slow machine, after
            the test asked where the character was)."""
            box, deadline = None, time.monotonic() + STEP_TIMEOUT
            while time.monotonic() < deadline:
                now = tuple(text_view.queryText().getCharacterExtents(offset, pyatspi.WINDOW_COORDS))
                if now == box:
                    break
                box = now
                time.sleep(0.3)
            if box[2] <= 0 or box[3] <= 0:
                raise Failure("no extents for character %d: %r" % (offset, box))
            click(origin_x + box[0] + box[2] // 2, origin_y + box[1] + box[3] // 2)

        x = origin_x + extents.x + extents.width // 2
        y = origin_y + extents.y + min(40, extents.height // 2)
        log("text view at %d,%d %dx%d in the window; clicking %d,%d" % (
            extents.x, extents.y, extents.width, extents.height, x, y))
        click(x, y)
        wait_until("the text view takes the keyboard focus",
                   lambda: text_view.getState().contains(pyatspi.STATE_FOCUSED) or "not focused")

        def state():
            return annotations(export(cli, project))

        def expect(what, spans, events=(), stances=()):
            wanted = (sorted(spans), sorted(events), sorted(stances))

            def check():
                current = state()
                return True if current == wanted else current

            wait_until(what, check)
            log("ok: " + what)

        person = expect_span("Aïcha Maïga", "Person")
        place = expect_span("Kidal’s", "Place")
        battle = expect_span("attacked", "Battle")
        date = expect_span("Tuesday", "Date")
        denied = expect_span("denied", "denies")

        # Entities: the first two words, as a person (key 1).
        key("ctrl+Home", "shift+ctrl+Right", "shift+ctrl+Right", "1")
        expect("Person on “Aïcha Maïga”", [person])

        # Two words on from "attacked" GTK stops after "Kidal’" (it steps
        # over the apostrophe on its own): the selection " Kidal’" snaps to
        # "Kidal’s", without the space (Place, key 4).
        key("ctrl+Home", *["ctrl+Right"] * 6, "shift+ctrl+Right", "shift+ctrl+Right", "4")
        expect("Place on “Kidal’s”", [person, place])

        # Events layer (Ctrl+2): key 1 is Battle there.
        key("ctrl+2", "ctrl+Home", *["ctrl+Right"] * 5, "shift+ctrl+Right", "1")
        expect("Battle on “attacked”", [person, place, battle], [("Battle", "attacked")])

        # Undo twice, redo once: the event goes, the place comes back.
        key("ctrl+z")
        expect("undo the Battle", [person, place])
        key("ctrl+z")
        expect("undo the Place", [person])
        key("ctrl+shift+z")
        expect("redo the Place", [person, place])

        key("ctrl+Home", *["ctrl+Right"] * 5, "shift+ctrl+Right", "1")
        expect("Battle again", [person, place, battle], [("Battle", "attacked")])

        # Stance layer (Ctrl+3): “denied” denies (key 2), found from the
        # end (GTK stops before the final "." too: three words back).
        key("ctrl+3", "ctrl+End", *["ctrl+Left"] * 3, "shift+ctrl+Right", "2")
        expect("stance on “denied”", [person, place, battle, denied],
               [("Battle", "attacked")], [("denies", "denied")])

        # Back to entities: tag a date. Clicks: on the stance (selects
        # it), on plain text (selects nothing, so Delete deletes nothing),
        # on the date (selects it: Delete removes it); Ctrl+Z brings it back.
        key("ctrl+1", "ctrl+Home", *["ctrl+Right"] * 11, "shift+ctrl+Right", "6")
        everything = [person, place, battle, denied, date]
        expect("Date on “Tuesday”", everything, [("Battle", "attacked")], [("denies", "denied")])
        click_character(REPORT.index("denied") + 2)
        click_character(REPORT.index("airport") + 3)
        key("Delete")
        click_character(REPORT.index("Tuesday") + 3)
        key("Delete")
        expect("Delete the Date", [person, place, battle, denied],
               [("Battle", "attacked")], [("denies", "denied")])
        key("ctrl+z")
        expect("undo the Delete", everything, [("Battle", "attacked")], [("denies", "denied")])

        # Escape drops the selection; from the start Tab selects the first
        # span, which Delete removes; Ctrl+Z again.
        key("Escape", "ctrl+Home", "Tab", "Delete")
        expect("Tab and Delete the Person", [place, battle, denied, date],
               [("Battle", "attacked")], [("denies", "denied")])
        key("ctrl+z")
        expect("undo that", everything, [("Battle", "attacked")], [("denies", "denied")])

        key("ctrl+q")
        try:
            code = app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            raise Failure("Ctrl+Q did not quit the window")
        if code != 0:
            raise Failure("tessera exited with %d" % code)
        log("ok: Ctrl+Q quit")
        return 0
    except Failure as failure:
        print("FAIL: %s" % failure, flush=True)
        if shutil.which("import"):
            shot = os.path.join(workdir, "failure.png")
            subprocess.run(["import", "-window", "root", shot], timeout=30)
            print("# screenshot: " + shot, flush=True)
        return 1
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        app_log.close()


# --- the test ----------------------------------------------------------------

def pyatspi_python():
    """A Python that has pyatspi (Debian installs it for /usr/bin/python3)."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        if candidate and os.path.exists(candidate) and subprocess.run(
                [candidate, "-c", "import pyatspi"], capture_output=True).returncode == 0:
            return candidate
    return None


def session_python():
    """The Python that can drive a session, or None having printed why the
    test skips (a tool or pyatspi missing)."""
    missing = [tool for tool in ("xdotool", "xvfb-run", "dbus-run-session") if not shutil.which(tool)]
    python = pyatspi_python()
    if python is None:
        missing.append("pyatspi")
    if missing:
        print("1..0 # SKIP missing: " + ", ".join(missing))
        return None
    return python


def run_session(python, script, arguments, workdir):
    """Runs @script with @arguments under its own Xvfb and D-Bus session
    (accessibility on, settings in memory, nothing read from or written to
    the user's folders); returns the driver's process."""
    env = dict(os.environ)
    for name in ("GTK_A11Y", "NO_AT_BRIDGE", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY",
                 "WAYLAND_DISPLAY", "TESSERA_DEMO_PROJECT"):
        env.pop(name, None)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = os.path.join(workdir, name.lower())
        os.makedirs(env[name])
    env["GSETTINGS_BACKEND"] = "memory"
    # Warnings stay fatal for the window, not for the AT-SPI client
    # (libatspi warns about objects that come and go).
    if "G_DEBUG" in env:
        env["TESSERA_E2E_APP_G_DEBUG"] = env.pop("G_DEBUG")
    env["GDK_BACKEND"] = "x11"

    for _ in range(3):
        # Display tests run side by side: start looking for a free
        # display number somewhere else than the others do.
        driver = subprocess.run(
            ["xvfb-run", "-a", "-n", str(random.randint(200, 30000)),
             # Without -noreset the server resets whenever its last
             # client leaves (the driver's display check does), and
             # refuses connections meanwhile: the window could not start.
             "-s", "-screen 0 1600x1000x24 -noreset",
             "dbus-run-session", "--", python, script] + arguments,
            env=env, timeout=300)
        if driver.returncode != NO_DISPLAY:
            break
    return driver


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "--drive":
        return drive(*sys.argv[2:])

    python = session_python()
    if python is None:
        return SKIP

    app_path = os.environ.get("TESSERA_APP")
    cli = os.environ.get("TESSERA_CLI")
    if not app_path or not cli:
        print("FAIL: TESSERA_APP and TESSERA_CLI must name the built programs")
        return 1

    workdir = tempfile.mkdtemp(prefix="tessera-e2e-")
    ok = False
    try:
        report = os.path.join(workdir, "kidal-airport.txt")
        project = os.path.join(workdir, "desk.tessera")
        with open(report, "w", encoding="utf-8") as f:
            f.write(REPORT)
        run(cli, "init", "--name", PROJECT_NAME, project)
        run(cli, "import", "--quiet", project, report)

        driver = run_session(python, os.path.abspath(__file__),
                             ["--drive", app_path, cli, project, workdir], workdir)
        if driver.returncode != 0:
            app_log = os.path.join(workdir, "tessera.log")
            if os.path.exists(app_log):
                with open(app_log, encoding="utf-8", errors="replace") as f:
                    print("# tessera's output:\n" + f.read())
            print("FAIL: the session failed (exit %d); files kept in %s" % (driver.returncode, workdir))
            return 1

        # What a pipeline reads after the window is closed.
        doc = export(cli, project)
        if doc["offset_unit"] != "codepoint":
            raise Failure("offset_unit is %r" % doc["offset_unit"])
        spans, events, stances = annotations(doc)
        wanted = sorted([(0, 11, "Person", "Aïcha Maïga"),
                         (28, 36, "Battle", "attacked"),
                         (37, 44, "Place", "Kidal’s"),
                         (56, 63, "Date", "Tuesday"),
                         (74, 80, "denies", "denied")])
        if spans != wanted:
            raise Failure("spans after quitting:\n  %r\nwanted\n  %r" % (spans, wanted))
        if events != [("Battle", "attacked")] or stances != [("denies", "denied")]:
            raise Failure("events %r, stances %r" % (events, stances))
        with open(os.path.join(workdir, "tessera.log"), encoding="utf-8", errors="replace") as f:
            output = f.read()
        if "CRITICAL" in output:
            raise Failure("tessera reported criticals:\n" + output)
        print("ok - the spans typed in the window are in the project with their code-point offsets")
        ok = True
        return 0
    except (Failure, subprocess.CalledProcessError) as failure:
        detail = getattr(failure, "stderr", None) or ""
        print("FAIL: %s %s\n# files kept in %s" % (failure, detail, workdir))
        return 1
    finally:
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
