#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Accessible names: what a screen reader hears of every control.

The real tessera binary is started on a copy of the demo project (eight
reports, two annotators, events linked into clusters) in an X server and
a D-Bus session of its own, as test-e2e does. The window's accessible
tree is read through AT-SPI, as Orca reads it, at four moments: a
document open; an event selected (the inspector shows its dropdowns and
role slots); the corroboration view (Ctrl+K) with a cluster's table; the
agreement view (Ctrl+Shift+G). Every control on screen (buttons,
toggles, dropdowns, check boxes, entries, list and table rows and cells)
must have a name a person can understand: not an empty one, and not a
GTK type name such as "GtkToggleButton" (what GTK 4.8 says of a widget
nobody named). The test lists each control that fails, with its role,
where it is and what it shows.

GTK 4.8 sets no SHOWING state: "on screen" is read as non-empty extents,
which a view shown earlier in the run keeps once hidden (GTK leaves its
last allocation). Its controls are checked again then; they are no less
the window's.

Exits 77 (skipped) when xdotool, xvfb-run, dbus-run-session or pyatspi
are missing, or when the session has no accessibility bus. Environment:
TESSERA_APP (the tessera binary) and TESSERA_DEMO (the demo project),
both set by meson; TESSERA_A11Y_VERBOSE=1 lists every control's name.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# Importing test-e2e.py must not leave a __pycache__ in the source tree.
sys.dont_write_bytecode = True


def load_e2e():
    """test-e2e.py, beside this file: its helpers drive the window."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-e2e.py")
    spec = importlib.util.spec_from_file_location("test_e2e", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


e2e = load_e2e()
Failure, log, run, key, pyatspi_python = e2e.Failure, e2e.log, e2e.run, e2e.key, e2e.pyatspi_python
SKIP, NO_DISPLAY = e2e.SKIP, e2e.NO_DISPLAY
NO_BUS = 4

STEP_TIMEOUT = 20.0

# What GTK 4.8 answers for a widget without a name: its type's name.
TYPE_NAME = re.compile(r"^(Gtk|Adw|GtkSource|Tessera)[A-Z][A-Za-z]*$")


def wait_for(what, find, timeout=STEP_TIMEOUT):
    """Polls @find until it returns something other than None."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = find()
        except Exception:  # objects come and go while the window changes
            found = None
        if found is not None:
            return found
        time.sleep(0.3)
    raise Failure(what + ": timed out")


def wait_for_quietly(find, timeout):
    """What @find found within @timeout seconds, or None."""
    try:
        return wait_for("", find, timeout)
    except Failure:
        return None


# --- reading the tree ---------------------------------------------------------

class Tree:
    """The window's accessible objects, through pyatspi."""

    def __init__(self, pyatspi):
        self.at = pyatspi
        at = pyatspi
        self.controls = {
            at.ROLE_PUSH_BUTTON, at.ROLE_TOGGLE_BUTTON, at.ROLE_COMBO_BOX,
            at.ROLE_PUSH_BUTTON_MENU, at.ROLE_CHECK_BOX, at.ROLE_RADIO_BUTTON,
            # GtkEntry is "text" in GTK 4.8, GtkSearchEntry "entry".
            at.ROLE_ENTRY, at.ROLE_TEXT, at.ROLE_PASSWORD_TEXT, at.ROLE_SPIN_BUTTON,
            at.ROLE_SLIDER, at.ROLE_LINK, at.ROLE_LIST_ITEM, at.ROLE_TABLE_CELL,
            at.ROLE_TABLE_ROW, at.ROLE_TREE_ITEM,
        }

    def showing(self, acc):
        """Whether @acc is on screen. GTK 4.8 sets no SHOWING state; a
        widget never mapped (a stack page not yet shown, a closed popover,
        a row kept beyond the list's end) has empty extents. Stack pages
        have none at all: they stand for their child, judged in turn."""
        try:
            if acc.getState().contains(self.at.STATE_SHOWING):
                return True
            component = acc.queryComponent()
        except NotImplementedError:
            return True
        except Exception:
            return False
        try:
            box = component.getExtents(self.at.WINDOW_COORDS)
        except Exception:
            return False
        return box.width > 0 and box.height > 0

    def children(self, acc):
        try:
            count = acc.childCount
        except Exception:
            return []
        result = []
        for i in range(count):
            try:
                child = acc.getChildAtIndex(i)
            except Exception:
                child = None
            if child is not None:
                result.append(child)
        return result

    def walk(self, acc, ancestors=()):
        """(accessible, its ancestors) of everything showing under @acc."""
        for child in self.children(acc):
            if not self.showing(child):
                continue
            yield child, ancestors
            yield from self.walk(child, ancestors + (child,))

    def find(self, root, predicate):
        for acc, _ in self.walk(root):
            try:
                if predicate(acc):
                    return acc
            except Exception:
                continue
        return None

    def window(self, app_process):
        """The application's main window (a frame)."""
        if app_process.poll() is not None:
            raise Failure("tessera exited with %d" % app_process.returncode)
        desktop = self.at.Registry.getDesktop(0)
        for app in self.children(desktop):
            if app.name != "tessera":
                continue
            for frame in self.children(app):
                if frame.getRole() == self.at.ROLE_FRAME and self.showing(frame) and \
                        frame.name.endswith("Tessera"):
                    return frame
        return None

    def texts(self, acc, limit=3):
        """The first few label texts under @acc: what it shows."""
        found = []
        for child, _ in self.walk(acc):
            try:
                if child.getRole() == self.at.ROLE_LABEL and child.name.strip():
                    found.append(child.name.strip())
            except Exception:
                continue
            if len(found) >= limit:
                break
        return found


def unnamed(name):
    return not name.strip() or TYPE_NAME.match(name.strip()) is not None


def describe(tree, acc, ancestors):
    """A line saying which control @acc is, for a person to find it."""
    def role_of(a):
        try:
            return a.getRoleName()
        except Exception:
            return "?"

    path = []
    # The first ancestor is the window, named by the project.
    for ancestor in ancestors[1:]:
        try:
            name = ancestor.name
        except Exception:
            name = ""
        # Unnamed panels and fillers say little: keep the named ancestors.
        if name and not unnamed(name):
            path.append("%s “%s”" % (role_of(ancestor), name[:40]))
    parent = role_of(ancestors[-1]) if ancestors else "window"
    try:
        name = acc.name
        detail = acc.description
    except Exception:
        name, detail = "", ""
    what = tree.texts(acc)
    bits = []
    if detail:
        bits.append("tooltip “%s”" % detail[:60])
    if what:
        bits.append("shows “%s”" % " / ".join(t[:40] for t in what))
    if not bits:
        bits.append("shows nothing readable")
    where = "%s named %r, in %s (parent %s)" % (
        role_of(acc), name, " > ".join(path) or "the window", parent)
    return where, "%s: %s" % (where, "; ".join(bits))


def audit(tree, window, moment):
    """Lines for every showing control under @window without a name."""
    failures = []
    checked = 0
    for acc, ancestors in tree.walk(window, (window,)):
        try:
            role = acc.getRole()
            name = acc.name or ""
        except Exception:
            continue
        if role not in tree.controls:
            continue
        checked += 1
        if os.environ.get("TESSERA_A11Y_VERBOSE"):
            log("%s: %s %r" % (moment, acc.getRoleName(), name))
        if unnamed(name):
            failures.append(describe(tree, acc, ancestors))
    log("%s: %d controls showing, %d without a name" % (moment, checked, len(failures)))
    return checked, failures


def report(results, shown_alike=3):
    """The failures of every moment, once each; rows of one list after the
    first few are counted, not listed."""
    lines, seen, alike, total = [], set(), {}, 0
    for _, failures in results:
        for where, line in failures:
            if line in seen:
                continue
            seen.add(line)
            total += 1
            alike[where] = alike.get(where, 0) + 1
            if alike[where] <= shown_alike:
                lines.append(line)
    for where, count in alike.items():
        if count > shown_alike:
            lines.append("… and %d more: %s" % (count - shown_alike, where))
    if not lines:
        return None
    return "%d controls have no accessible name:\n  %s" % (total, "\n  ".join(lines))


# --- the driver, inside Xvfb and the D-Bus session ----------------------------

def drive(app_path, project, workdir):
    if subprocess.run(["xdotool", "getdisplaygeometry"], capture_output=True).returncode != 0:
        print("# no X display", flush=True)
        return NO_DISPLAY

    import pyatspi

    try:
        pyatspi.Registry.getDesktop(0).childCount
    except Exception as error:
        print("# no accessibility bus: %s" % error, flush=True)
        return NO_BUS

    app_env = dict(os.environ)
    app_env.pop("TESSERA_E2E_APP_G_DEBUG", None)
    if os.environ.get("TESSERA_E2E_APP_G_DEBUG"):
        app_env["G_DEBUG"] = os.environ["TESSERA_E2E_APP_G_DEBUG"]
    if "ASAN_OPTIONS" in app_env:
        app_env["ASAN_OPTIONS"] += ":detect_leaks=0"
    app_log = open(os.path.join(workdir, "tessera.log"), "w")
    app = subprocess.Popen([app_path, project], env=app_env,
                           stdout=app_log, stderr=subprocess.STDOUT)
    tree = Tree(pyatspi)
    try:
        window = wait_for("the window shows (AT-SPI)", lambda: tree.window(app), 60)

        xwindow = run("xdotool", "search", "--onlyvisible", "--name", "Tessera$").split()
        if len(xwindow) != 1:
            raise Failure("expected one Tessera window, found %r" % xwindow)
        geometry = dict(line.split("=", 1) for line in
                        run("xdotool", "getwindowgeometry", "--shell", xwindow[0]).split())
        origin_x, origin_y = int(geometry["X"]), int(geometry["Y"])

        def click(acc, what):
            box = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if box.width <= 0 or box.height <= 0:
                raise Failure("%s has no extents: %r" % (what, box))
            x = origin_x + box.x + min(box.width // 2, 40)
            y = origin_y + box.y + box.height // 2
            run("xdotool", "mousemove", "--sync", str(x), str(y))
            run("xdotool", "click", "1")
            log("clicked %s at %d,%d" % (what, x, y))

        def named(role, name):
            return lambda: tree.find(window, lambda a: a.getRole() == role and a.name == name)

        def label_starting(prefix, under):
            return lambda: tree.find(under, lambda a: a.getRole() == pyatspi.ROLE_LABEL
                                     and a.name.startswith(prefix))

        def document_text():
            found = tree.find(window, lambda a: a.getRole() == pyatspi.ROLE_TEXT
                              and a.name == "Document text")
            if found is not None and found.queryText().characterCount > 0:
                return found
            return None

        results = []

        # A document: the first of the list, unless the window opened one.
        if wait_for_quietly(document_text, 5) is None:
            documents = wait_for("the document list", named(pyatspi.ROLE_LIST, "Documents"))
            first = wait_for("a row of the document list",
                             lambda: next(iter(tree.children(documents)), None))
            click(first, "the first document")
        wait_for("the document's text", document_text)
        results.append(audit(tree, window, "a document open"))

        # An event: the annotation list's first row, then Down until the
        # inspector shows role slots (an event's).
        annotations = wait_for("the annotation list", named(pyatspi.ROLE_LIST, "Annotations"))
        first = wait_for("a row of the annotation list",
                         lambda: tree.find(annotations, lambda a: a.getRole() == pyatspi.ROLE_LIST_ITEM))
        click(first, "the first annotation")
        roles = wait_for_quietly(label_starting("Roles", window), 2)
        for _ in range(60):
            if roles is not None:
                break
            key("Down")
            roles = wait_for_quietly(label_starting("Roles", window), 1)
        if roles is None:
            raise Failure("no event's role slots after 60 rows of the annotation list")
        time.sleep(1.0)
        results.append(audit(tree, window, "an event selected"))

        # The corroboration view, a cluster chosen.
        key("ctrl+k")
        clusters = wait_for("the corroboration view's clusters",
                            named(pyatspi.ROLE_LIST, "Event clusters"))
        first = wait_for("a cluster", lambda: next(iter(tree.children(clusters)), None))
        click(first, "the first cluster")
        wait_for("the cluster's table",
                 lambda: tree.find(window, lambda a: a.name == "Reports of this event"))
        time.sleep(1.0)
        results.append(audit(tree, window, "the corroboration view"))

        # The agreement between the demo's two annotators (Ctrl+Shift+G).
        key("ctrl+shift+g")
        wait_for("the agreement table", label_starting("Pair", window), 60)
        time.sleep(1.0)
        results.append(audit(tree, window, "the agreement view"))

        if app.poll() is not None:
            raise Failure("tessera exited with %d" % app.returncode)
        checked = sum(n for n, _ in results)
        if checked == 0:
            raise Failure("no control was found: the walk read nothing")
        failures = report(results)
        if failures:
            raise Failure(failures)
        log("ok: every one of the %d controls seen has a name" % checked)
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

def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--drive":
        return drive(*sys.argv[2:])

    python = e2e.session_python()
    if python is None:
        return SKIP

    app_path = os.environ.get("TESSERA_APP")
    demo = os.environ.get("TESSERA_DEMO")
    if not app_path or not demo:
        print("FAIL: TESSERA_APP and TESSERA_DEMO must name the window and the demo project")
        return 1

    workdir = tempfile.mkdtemp(prefix="tessera-a11y-")
    ok = False
    try:
        # A copy: the window may write to the project it opens.
        project = os.path.join(workdir, "demo.tessera")
        shutil.copyfile(demo, project)

        driver = e2e.run_session(python, os.path.abspath(__file__),
                                 ["--drive", app_path, project, workdir], workdir)
        if driver.returncode == NO_BUS:
            print("1..0 # SKIP no accessibility bus in the D-Bus session")
            return SKIP
        if driver.returncode != 0:
            app_log = os.path.join(workdir, "tessera.log")
            if os.path.exists(app_log):
                with open(app_log, encoding="utf-8", errors="replace") as f:
                    output = f.read()
                if output.strip():
                    print("# tessera's output:\n" + output)
            print("FAIL: the session failed (exit %d); files kept in %s" % (driver.returncode, workdir))
            return 1
        print("ok - every control of the window has an accessible name")
        ok = True
        return 0
    finally:
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
