/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A first start's explanation, over @parent: the demo is a copy you may
 * change, what the three layers are, what the shared-passage bars mean,
 * that every change is saved at once. Modal; one button closes it. */
GtkWindow *tessera_welcome_window_new          (GtkWindow *parent);

/* Presents the welcome over @parent unless the "welcome-shown" setting
 * says it was; then sets it. Returns whether it was presented. */
gboolean   tessera_welcome_present_once        (GtkWindow *parent);

G_END_DECLS
