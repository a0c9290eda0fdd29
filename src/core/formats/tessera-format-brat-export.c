/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-brat"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tessera-error.h"
#include "tessera-formats-private.h"
#include "tessera-record.h"
#include "tessera-text.h"

/* brat standoff out (see tessera_export_brat). The folder is written
 * beside its final place and renamed into it at the end, so a failed
 * export leaves nothing half-written. */

typedef struct
{
  TesseraProject             *project;
  const TesseraExportOptions *options;
  char                       *dir;          /* the folder being filled */
  GHashTable                 *names;        /* file names taken */
  GHashTable                 *clusters;     /* gint64* → name; NULL: none */
  gint64                      annotator_id;
  guint64                     done;
  guint64                     total;
} BratExport;

/* brat's names have no white space. */
static char *
brat_name (const char *name)
{
  char *out = g_strdup (name);

  for (char *p = out; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      *p = '_';
  return out;
}

/* A span's text on one line: brat reads it back as one field. */
static void
append_flat (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\t' || *p == '\r') ? ' ' : *p);
}

/* A file name from the document's id, unique in the folder. */
static char *
file_stem (BratExport *bx,
           const char *uid)
{
  GString *stem = g_string_new (NULL);

  for (const char *p = uid; *p != '\0'; p++)
    g_string_append_c (stem, (g_ascii_isalnum (*p) || strchr ("._-", *p) != NULL) ? *p
                             : ((guchar) *p >= 0x80 ? *p : '_'));
  if (stem->len == 0 || stem->str[0] == '.')
    g_string_prepend_c (stem, 'd');
  if (!g_utf8_validate (stem->str, -1, NULL))
    g_string_assign (stem, "document");

  for (guint n = 2; g_hash_table_contains (bx->names, stem->str); n++)
    {
      if (n > 2)
        g_string_truncate (stem, strrchr (stem->str, '-') - stem->str);
      g_string_append_printf (stem, "-%u", n);
    }
  g_hash_table_add (bx->names, g_strdup (stem->str));
  return g_string_free (stem, FALSE);
}

static const char *
label_name (BratExport *bx,
            gint64      id)
{
  const TesseraLabel *label = tessera_project_get_label (bx->project, id);

  return label != NULL ? label->name : "Unknown";
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            gsize        len,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, contents, len, G_FILE_SET_CONTENTS_NONE, 0644, &local_error))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
append_cluster_note (BratExport *bx,
                     GString    *ann,
                     guint      *n_notes,
                     char        prefix,
                     guint       n,
                     gint64      cluster_id)
{
  const char *name = g_hash_table_lookup (bx->clusters, &cluster_id);
  g_autoptr(GString) flat = g_string_new (NULL);

  append_flat (flat, name != NULL ? name : "");
  g_string_append_printf (ann, "#%u\tAnnotatorNotes %c%u\tcluster: %s\n", ++*n_notes, prefix, n, flat->str);
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
export_document (TesseraDocument  *doc,
                 gpointer          user_data,
                 GError          **error)
{
  BratExport *bx = user_data;
  TesseraProject *project = bx->project;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  g_autoptr(GArray) members = NULL;
  g_autoptr(GHashTable) t_of = g_hash_table_new (g_int64_hash, g_int64_equal);   /* span id → T number */
  g_autoptr(GHashTable) e_of = g_hash_table_new (g_int64_hash, g_int64_equal);   /* event id → E number */
  g_autoptr(GHashTable) equivs = NULL;   /* cluster id → GString of T ids */
  g_autoptr(GString) ann = g_string_new (NULL);
  g_autofree char *stem = NULL;
  g_autofree char *txt_path = NULL;
  g_autofree char *ann_path = NULL;
  TesseraTextCursor cursor;
  guint n_attributes = 0, n_notes = 0;
  guint next_e;

  if (bx->options != NULL && bx->options->cancellable != NULL &&
      g_cancellable_set_error_if_cancelled (bx->options->cancellable, error))
    return FALSE;
  if (tessera_export_skips_document (bx->options, doc->id))
    return TRUE;

  if (!(spans = tessera_project_list_spans (project, doc->id, error)) ||
      !(events = tessera_project_list_events (project, doc->id, error)) ||
      !(stances = tessera_project_list_stances (project, doc->id, error)))
    return FALSE;
  if (bx->clusters != NULL &&
      !(members = tessera_project_list_document_cluster_members (project, doc->id, error)))
    return FALSE;
  _tessera_record_keep (spans, events, stances, TRUE, bx->annotator_id);

  tessera_text_cursor_init (&cursor, doc->text, -1);
  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);
      const char *from = tessera_text_cursor_seek (&cursor, span->start);
      const char *to = tessera_text_cursor_seek (&cursor, span->end);
      g_autofree char *label = brat_name (label_name (bx, span->label_id));
      g_autofree char *text = NULL;

      if (from == NULL || to == NULL)
        return g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_CORRUPT,
                            _("Document “%s”: a span lies outside its text"), doc->uid), FALSE;
      text = g_strndup (from, to - from);
      g_hash_table_insert (t_of, &span->id, GUINT_TO_POINTER (i + 1));
      g_string_append_printf (ann, "T%u\t%s %" PRId64 " %" PRId64 "\t",
                              i + 1, label, span->start, span->end);
      append_flat (ann, text);
      g_string_append_c (ann, '\n');
    }

  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = events->pdata[i];

      g_hash_table_insert (e_of, &event->id, GUINT_TO_POINTER (i + 1));
    }

  for (guint i = 0; i < events->len; i++)
    {
      TesseraEvent *event = events->pdata[i];
      g_autofree char *type = brat_name (label_name (bx, event->type_label_id));
      g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

      g_string_append_printf (ann, "E%u\t%s:T%u", i + 1, type,
                              GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &event->trigger_span_id)));
      for (guint a = 0; a < event->arguments->len; a++)
        {
          TesseraArgument *arg = &g_array_index (event->arguments, TesseraArgument, a);
          g_autofree char *role = brat_name (label_name (bx, arg->role_label_id));
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, &arg->role_label_id)) + 1;

          g_hash_table_insert (seen, &arg->role_label_id, GUINT_TO_POINTER (n));
          if (n > 1)
            g_string_append_printf (ann, " %s%u:T%u", role, n,
                                    GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &arg->span_id)));
          else
            g_string_append_printf (ann, " %s:T%u", role,
                                    GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &arg->span_id)));
        }
      g_string_append_c (ann, '\n');
      if (event->realis != NULL)
        g_string_append_printf (ann, "A%u\tRealis E%u %s\n", ++n_attributes, i + 1, event->realis);
      if (event->confirmation != NULL)
        g_string_append_printf (ann, "A%u\tConfirmation E%u %s\n", ++n_attributes, i + 1, event->confirmation);
    }

  /* Stances: events of their label, after the events they target. */
  next_e = events->len;
  for (guint i = 0; i < stances->len; i++)
    {
      TesseraStance *stance = &g_array_index (stances, TesseraStance, i);
      g_autofree char *label = brat_name (label_name (bx, stance->label_id));

      g_string_append_printf (ann, "E%u\t%s:T%u", ++next_e, label,
                              GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &stance->span_id)));
      if (stance->holder_span_id > 0)
        g_string_append_printf (ann, " Holder:T%u",
                                GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &stance->holder_span_id)));
      if (stance->target_event_id > 0)
        g_string_append_printf (ann, " Target:E%u",
                                GPOINTER_TO_UINT (g_hash_table_lookup (e_of, &stance->target_event_id)));
      else if (stance->target_span_id > 0)
        g_string_append_printf (ann, " Target:T%u",
                                GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &stance->target_span_id)));
      g_string_append_c (ann, '\n');
    }

  for (guint i = 0; i < spans->len; i++)
    {
      TesseraSpan *span = &g_array_index (spans, TesseraSpan, i);

      if (span->note != NULL && *span->note != '\0')
        {
          g_string_append_printf (ann, "#%u\tAnnotatorNotes T%u\t", ++n_notes, i + 1);
          append_flat (ann, span->note);
          g_string_append_c (ann, '\n');
        }
    }

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      TesseraClusterMember *m = &g_array_index (members, TesseraClusterMember, i);
      guint t = m->span_id > 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (t_of, &m->span_id)) : 0;
      guint e = m->event_id > 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (e_of, &m->event_id)) : 0;

      if (t > 0)
        {
          GString *list;

          append_cluster_note (bx, ann, &n_notes, 'T', t, m->cluster_id);
          if (equivs == NULL)
            equivs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, free_gstring);
          if ((list = g_hash_table_lookup (equivs, &m->cluster_id)) == NULL)
            g_hash_table_insert (equivs, &m->cluster_id, list = g_string_new (NULL));
          g_string_append_printf (list, " T%u", t);
        }
      else if (e > 0)
        append_cluster_note (bx, ann, &n_notes, 'E', e, m->cluster_id);
    }

  /* brat draws equivalences; a single member has nothing to link. */
  if (equivs != NULL)
    {
      GHashTableIter iter;
      GString *list;

      g_hash_table_iter_init (&iter, equivs);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
        if (strchr (list->str + 1, ' ') != NULL)
          g_string_append_printf (ann, "*\tEquiv%s\n", list->str);
    }

  stem = file_stem (bx, doc->uid);
  txt_path = g_strdup_printf ("%s/%s.txt", bx->dir, stem);
  ann_path = g_strdup_printf ("%s/%s.ann", bx->dir, stem);
  if (!write_file (txt_path, doc->text, strlen (doc->text), error) ||
      !write_file (ann_path, ann->str, ann->len, error))
    return FALSE;

  bx->done++;
  if (bx->options != NULL && bx->options->report != NULL)
    bx->options->report->n_documents++;
  if (bx->options != NULL && bx->options->progress != NULL)
    bx->options->progress (bx->done, bx->total, bx->options->progress_data);

  return TRUE;
}

static void
append_labels (GString          *out,
               TesseraProject   *project,
               TesseraLabelKind  kind,
               const char       *separator)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, kind);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      g_autofree char *name = brat_name (((TesseraLabel *) labels->pdata[i])->name);

      g_string_append_printf (out, "%s%s", i > 0 ? separator : "", name);
    }
}

static void
append_attribute (GString                *out,
                  const TesseraAttribute *attr,
                  const char             *name)
{
  g_string_append_printf (out, "%s Arg:<EVENT>, Value:", name);
  for (guint i = 0; attr->values[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", attr->values[i]);
  g_string_append_c (out, '\n');
}

/* annotation.conf: what brat needs to show and edit the export. */
static char *
make_conf (TesseraProject *project)
{
  GString *conf = g_string_new ("# Written by Tessera from the project's schema.\n[entities]\n");
  g_autoptr(GString) args = g_string_new (NULL);
  g_autoptr(GPtrArray) events = tessera_project_list_labels (project, TESSERA_LABEL_EVENT);
  g_autoptr(GPtrArray) roles = tessera_project_list_labels (project, TESSERA_LABEL_ROLE);
  g_autoptr(GPtrArray) stances = tessera_project_list_labels (project, TESSERA_LABEL_STANCE);
  const TesseraAttribute *attr;

  append_labels (args, project, TESSERA_LABEL_ENTITY, "|");
  append_labels (conf, project, TESSERA_LABEL_ENTITY, "\n");
  g_string_append (conf, "\n[relations]\nEquiv Arg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n");
  /* Any span may fill any role: a macro keeps the lines short. */
  g_string_append_printf (conf, "[events]\n<ARG>=%s\n", args->len > 0 ? args->str : "<ENTITY>");
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const TesseraLabel *event = events->pdata[i];
      g_autofree char *type = brat_name (event->name);
      gboolean all = event->roles == NULL || event->roles->len == 0;
      guint n = all ? (roles != NULL ? roles->len : 0) : event->roles->len;

      g_string_append (conf, type);
      for (guint r = 0; r < n; r++)
        {
          const TesseraLabel *role = all ? roles->pdata[r]
                                         : tessera_project_get_label (project, g_array_index (event->roles, gint64, r));
          g_autofree char *name = role != NULL ? brat_name (role->name) : NULL;

          if (name != NULL)
            g_string_append_printf (conf, "%s %s*:<ARG>", r > 0 ? "," : "", name);
        }
      g_string_append_c (conf, '\n');
    }
  for (guint i = 0; stances != NULL && i < stances->len; i++)
    {
      g_autofree char *label = brat_name (((TesseraLabel *) stances->pdata[i])->name);

      g_string_append_printf (conf, "%s Holder?:<ARG>, Target?:<EVENT>|<ARG>\n", label);
    }
  g_string_append (conf, "[attributes]\n");
  if ((attr = tessera_project_get_attribute (project, "realis")) != NULL)
    append_attribute (conf, attr, "Realis");
  if ((attr = tessera_project_get_attribute (project, "confirmation")) != NULL)
    append_attribute (conf, attr, "Confirmation");

  return g_string_free (conf, FALSE);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

gboolean
tessera_export_brat (TesseraProject              *project,
                     const char                  *path,
                     const TesseraExportOptions  *options,
                     GError                     **error)
{
  TesseraRecordExport rx;
  BratExport bx = { 0 };
  g_autofree char *display = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_path = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (TESSERA_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS) &&
      (!g_file_test (path, G_FILE_TEST_IS_DIR) || !folder_is_empty (path)))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   /* Translators: the folder a brat export was asked to write. */
                   _("%s exists and is not an empty folder; a brat export makes a folder of "
                     "its own"), display);
      return FALSE;
    }

  /* Clusters and the annotator come as for the other exports. */
  if (!_tessera_record_export_init (&rx, project, NULL, options, FALSE, FALSE, error))
    return FALSE;

  parent = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  if (g_mkdir_with_parents (parent, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("%s: %s"), display, g_strerror (saved));
      _tessera_record_export_clear (&rx);
      return FALSE;
    }
  tmpl = g_strdup_printf ("%s/.%s-XXXXXX", parent, base);
  if (g_mkdtemp (tmpl) == NULL)
    {
      int saved = errno;

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("%s: %s"), display, g_strerror (saved));
      _tessera_record_export_clear (&rx);
      return FALSE;
    }

  bx.project = project;
  bx.options = options;
  bx.dir = tmpl;
  bx.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bx.clusters = rx.clusters;
  bx.annotator_id = rx.annotator_id;
  bx.total = tessera_project_count_documents (project);

  conf = make_conf (project);
  conf_path = g_build_filename (tmpl, "annotation.conf", NULL);
  if (write_file (conf_path, conf, strlen (conf), error) &&
      tessera_project_foreach_document (project, TRUE, export_document, &bx, error))
    {
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      if (g_rename (tmpl, path) == 0)
        ok = TRUE;
      else
        {
          int saved = errno;

          g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED, _("%s: %s"), display, g_strerror (saved));
        }
    }
  if (!ok)
    remove_tree (tmpl);

  g_hash_table_unref (bx.names);
  _tessera_record_export_clear (&rx);
  return ok;
}
