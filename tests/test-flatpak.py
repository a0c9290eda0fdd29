#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Flatpak manifest asks for no broad permission: projects are opened,
created and exported through the file chooser portal, so the sandbox needs
no filesystem, no session or system bus, and no network."""

import json
import shutil
import subprocess
import sys

ALLOWED = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}
BROAD_PREFIXES = (
    "--filesystem", "--socket=session-bus", "--socket=system-bus", "--socket=x11",
    "--socket=pulseaudio", "--share=network", "--device=all", "--talk-name",
    "--own-name", "--system-talk-name", "--persist", "--allow",
)


def main(path):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    failures = []
    app_id = manifest.get("id") or manifest.get("app-id")
    if app_id != "app.tessera.Tessera":
        failures.append(f"id is {app_id!r}, expected 'app.tessera.Tessera'")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        failures.append("runtime and sdk must be the GNOME platform and SDK")
    if manifest.get("command") != "tessera":
        failures.append("command must be tessera")

    args = manifest.get("finish-args", [])
    for arg in args:
        if arg.startswith(BROAD_PREFIXES):
            failures.append(f"broad permission {arg}")
        elif arg not in ALLOWED:
            failures.append(f"unexpected permission {arg}")

    modules = manifest.get("modules", [])
    if not modules or modules[-1].get("buildsystem") != "meson":
        failures.append("the last module must build Tessera with meson")
    # The GNOME SDK has no xvfb-run: the display tests are not built there.
    elif "-Dtests=none" not in modules[-1].get("config-opts", []):
        failures.append("Tessera must be built with -Dtests=none in the Flatpak")
    # json-glib, GtkSourceView and SQLite are in the GNOME runtime.
    for module in modules[:-1]:
        name = module.get("name") if isinstance(module, dict) else module
        if name in ("json-glib", "gtksourceview", "sqlite", "glib", "gtk"):
            failures.append(f"module {name} is already in the GNOME runtime")

    builder = shutil.which("flatpak-builder")
    if builder:
        result = subprocess.run([builder, "--show-manifest", path], capture_output=True, text=True)
        if result.returncode != 0:
            failures.append("flatpak-builder --show-manifest refused it: " + result.stderr.strip())
    else:
        print("flatpak-builder not installed: only the JSON checks ran")

    for failure in failures:
        print(f"FAIL: {path}: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
