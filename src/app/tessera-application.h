/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TESSERA_TYPE_APPLICATION (tessera_application_get_type ())

G_DECLARE_FINAL_TYPE (TesseraApplication, tessera_application, TESSERA, APPLICATION, AdwApplication)

TesseraApplication *tessera_application_new (void);

/* The project a first start opens: the bundled demo, copied into the
 * user's data folder (so the original stays pristine). NULL with error
 * when no demo is installed. */
char *tessera_application_dup_demo_project (GError **error);

/* Registers the window's resources (templates, CSS); display tests call it. */
void  tessera_application_ensure_resources (void);

G_END_DECLS
