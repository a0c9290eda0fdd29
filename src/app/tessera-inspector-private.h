/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-cluster-link.h"
#include "tessera-inspector.h"
#include "tessera-note-entry.h"
#include "tessera-role-slots.h"
#include "tessera-stance-slots.h"

G_BEGIN_DECLS

/* What the parts of the inspector share: the inspector itself
 * (tessera-inspector.c) and the several events one trigger can have
 * (tessera-inspector-events.c). */

struct _TesseraInspector
{
  GtkWidget              parent_instance;

  TesseraWorkbench      *workbench;
  GSignalGroup          *workbench_signals;
  GSignalGroup          *document_signals;  /* the workbench's open document */
  gboolean               updating;          /* filling controls from the model */

  /* What is shown (the selection, as last read from the model) and the
   * spans it quotes, so that other changes to the document pass by. */
  TesseraSelectionKind   kind;
  gint64                 id;
  GArray                *shown_spans;       /* gint64 */
  guint                  n_on_trigger;      /* events on the shown trigger */

  /* Model of label_dropdown: the labels of one kind. */
  TesseraLabelKind       label_kind;
  GArray                *label_ids;         /* gint64, per position */
  gboolean               labels_stale;      /* the schema changed */
  GStrv                  realis_values;
  GStrv                  confirmation_values;
  gboolean               event_menu_stale;  /* add_event_button's types */

  /* Template widgets */
  GtkStack              *stack;
  GtkLabel              *hint_label;
  GtkLabel              *kind_label;
  GtkLabel              *text_label;
  GtkLabel              *annotator_label;
  GtkLabel              *meaning_label;
  GtkWidget             *previous_event_button;
  GtkWidget             *next_event_button;
  GtkMenuButton         *add_event_button;
  GtkDropDown           *label_dropdown;
  TesseraClusterLink    *cluster_link;
  GtkWidget             *attributes_grid;
  GtkDropDown           *realis_dropdown;
  GtkDropDown           *confirmation_dropdown;
  TesseraRoleSlots      *role_slots;
  TesseraStanceSlots    *stance_slots;
  TesseraNoteEntry      *note_entry;
};

/* The selection as the document's model has it now. The pointers are
 * the model's, valid until it next changes: handlers read them afresh
 * and write copies. */
typedef struct
{
  TesseraSelectionKind  kind;
  const TesseraSpan    *span;    /* the span, trigger or statement */
  const TesseraEvent   *event;
  const TesseraStance  *stance;
} Selected;

static inline TesseraProject *
get_project (TesseraInspector *self)
{
  return self->workbench ? tessera_workbench_get_project (self->workbench) : NULL;
}

static inline TesseraOpenDocument *
get_document (TesseraInspector *self)
{
  return self->workbench ? tessera_workbench_get_open_document (self->workbench) : NULL;
}

/* tessera-inspector.c */
gboolean _tessera_inspector_get_selected (TesseraInspector  *self,
                                          Selected          *selected);
void     _tessera_inspector_fill_header  (TesseraInspector  *self,
                                          const TesseraSpan *span,
                                          const char        *kind);
/* Reports @error and puts the controls back as the model has them. */
void     _tessera_inspector_report       (TesseraInspector  *self,
                                          GError            *error);

/* tessera-inspector-events.c: several events on one trigger, the
 * buttons that go from one to the next and the menu that adds another
 * (actions inspector.previous-event, inspector.next-event and
 * inspector.add-event). */
void     _tessera_inspector_class_add_events  (GtkWidgetClass   *widget_class);
void     _tessera_inspector_fill_event_menu   (TesseraInspector *self);
void     _tessera_inspector_fill_event_header (TesseraInspector *self,
                                               const Selected   *selected);
gboolean _tessera_inspector_takes_events      (TesseraInspector *self,
                                               const Selected   *selected);

G_END_DECLS
