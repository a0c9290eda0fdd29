/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-cli-private.h"

G_BEGIN_DECLS

/* Commands over repeated text (tessera-cli-analysis.c). */
int tessera_cli_duplicates (const TesseraCliCommand *command,
                            int                      argc,
                            char                   **argv);
int tessera_cli_propagate  (const TesseraCliCommand *command,
                            int                      argc,
                            char                   **argv);

G_END_DECLS
