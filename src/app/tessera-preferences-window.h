/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_PREFERENCES_WINDOW (tessera_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TesseraPreferencesWindow, tessera_preferences_window, TESSERA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Your name on new annotations, the layer a project opens on, and the
 * style; each written to GSettings at once. */
TesseraPreferencesWindow *tessera_preferences_window_new (void);

/* Sets the application's light or dark style from the "color-scheme"
 * setting, now and whenever it changes. Needs AdwApplication's startup. */
void                      tessera_preferences_apply_style (void);

G_END_DECLS
