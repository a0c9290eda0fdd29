/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-cluster"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-cluster.h"
#include "tessera-error.h"
#include "tessera-text-header.h"

G_DEFINE_BOXED_TYPE (TesseraCluster, tessera_cluster, tessera_cluster_copy, tessera_cluster_free)

TesseraCluster *
tessera_cluster_new (void)
{
  TesseraCluster *cluster = g_new0 (TesseraCluster, 1);

  cluster->kind = TESSERA_LABEL_ENTITY;

  return cluster;
}

TesseraCluster *
tessera_cluster_copy (const TesseraCluster *cluster)
{
  TesseraCluster *copy;

  g_return_val_if_fail (cluster != NULL, NULL);

  copy = g_memdup2 (cluster, sizeof *cluster);
  copy->name = g_strdup (cluster->name);

  return copy;
}

void
tessera_cluster_free (TesseraCluster *cluster)
{
  if (cluster == NULL)
    return;

  g_free (cluster->name);
  g_free (cluster);
}

void
_tessera_cluster_set_member_error (GError     **error,
                                   gint64       span_id,
                                   gint64       event_id,
                                   const char  *cluster_name)
{
  if (cluster_name == NULL && span_id > 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                 _("Span %" PRId64 " is in no cluster"), span_id);
  else if (cluster_name == NULL)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_NOT_FOUND,
                 _("Event %" PRId64 " is in no cluster"), event_id);
  else if (span_id > 0)
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: a span's id, then the cluster's name. */
                 _("Span %" PRId64 " is not a member of “%s”"), span_id, cluster_name);
  else
    g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                 /* Translators: an event's id, then the cluster's name. */
                 _("Event %" PRId64 " is not a member of “%s”"), event_id, cluster_name);
}

/* --- coded records set by hand ------------------------------------------- */

TesseraCodedOverride *
tessera_coded_override_copy (const TesseraCodedOverride *override)
{
  TesseraCodedOverride *copy;

  g_return_val_if_fail (override != NULL, NULL);

  copy = g_memdup2 (override, sizeof *override);
  copy->field = g_strdup (override->field);
  copy->value = g_strdup (override->value);

  return copy;
}

void
tessera_coded_override_free (TesseraCodedOverride *override)
{
  if (override == NULL)
    return;

  g_free (override->field);
  g_free (override->value);
  g_free (override);
}

const char * const *
tessera_coded_fields (void)
{
  static const char * const fields[] = {
    "event_type", "event_date", "time_precision", "actor1", "actor2", "location",
    "fatalities", "notes", NULL
  };

  return fields;
}

/* Longest value a field set by hand may hold (bytes): a note is a few
 * sentences, not a report. */
#define MAX_CODED_VALUE 4096

gboolean
tessera_coded_field_check (const char  *field,
                           const char  *value,
                           GError     **error)
{
  g_return_val_if_fail (field != NULL, FALSE);

  if (!g_strv_contains (tessera_coded_fields (), field))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("“%s” is not a field of a coded record"), field);
      return FALSE;
    }
  if (value == NULL || *value == '\0' || !g_utf8_validate (value, -1, NULL) ||
      strlen (value) > MAX_CODED_VALUE)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: a value set by hand must be text of 1 to %d bytes"), field, MAX_CODED_VALUE);
      return FALSE;
    }

  if (g_str_equal (field, "event_date") && !tessera_date_is_iso (value))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* TRANSLATORS: %s is what the analyst typed */
                   _("event_date: “%s” is not a day written as YYYY-MM-DD"), value);
      return FALSE;
    }
  if (g_str_equal (field, "time_precision") && !g_strv_contains ((const char * const[]) { "1", "2", "3", NULL }, value))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("time_precision: “%s” is not 1 (a day), 2 (a week or a range of days) or 3 (a month)"),
                   value);
      return FALSE;
    }
  if (g_str_equal (field, "fatalities"))
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &n, NULL))
        {
          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                       _("fatalities: “%s” is not a whole number from 0"), value);
          return FALSE;
        }
    }
  if (!g_str_equal (field, "notes") && strchr (value, '\n') != NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: a value set by hand must be one line"), field);
      return FALSE;
    }

  return TRUE;
}
