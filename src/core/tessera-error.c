/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-error"

#include "config.h"

#include "tessera-error.h"

G_DEFINE_QUARK (tessera-error-quark, tessera_error)
