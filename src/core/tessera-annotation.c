/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-annotation"

#include "config.h"

#include "tessera-annotation.h"

G_DEFINE_BOXED_TYPE (TesseraSpan, tessera_span, tessera_span_copy, tessera_span_free)
G_DEFINE_BOXED_TYPE (TesseraEvent, tessera_event, tessera_event_copy, tessera_event_free)
G_DEFINE_BOXED_TYPE (TesseraStance, tessera_stance, tessera_stance_copy, tessera_stance_free)

TesseraSpan *
tessera_span_copy (const TesseraSpan *span)
{
  TesseraSpan *copy;

  g_return_val_if_fail (span != NULL, NULL);

  copy = g_memdup2 (span, sizeof *span);
  copy->note = g_strdup (span->note);

  return copy;
}

void
tessera_span_clear (TesseraSpan *span)
{
  g_clear_pointer (&span->note, g_free);
}

void
tessera_span_free (TesseraSpan *span)
{
  if (span == NULL)
    return;

  tessera_span_clear (span);
  g_free (span);
}

GArray *
tessera_span_array_new (void)
{
  GArray *spans = g_array_new (FALSE, TRUE, sizeof (TesseraSpan));

  g_array_set_clear_func (spans, (GDestroyNotify) tessera_span_clear);

  return spans;
}

TesseraEvent *
tessera_event_new (void)
{
  TesseraEvent *event = g_new0 (TesseraEvent, 1);

  event->arguments = g_array_new (FALSE, TRUE, sizeof (TesseraArgument));

  return event;
}

TesseraEvent *
tessera_event_copy (const TesseraEvent *event)
{
  TesseraEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_memdup2 (event, sizeof *event);
  copy->realis = g_strdup (event->realis);
  copy->confirmation = g_strdup (event->confirmation);
  copy->arguments = g_array_new (FALSE, TRUE, sizeof (TesseraArgument));
  if (event->arguments != NULL)
    g_array_append_vals (copy->arguments, event->arguments->data, event->arguments->len);

  return copy;
}

void
tessera_event_free (TesseraEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->realis);
  g_free (event->confirmation);
  g_clear_pointer (&event->arguments, g_array_unref);
  g_free (event);
}

void
tessera_event_add_argument (TesseraEvent *event,
                            gint64        role_label_id,
                            gint64        span_id)
{
  TesseraArgument arg = { role_label_id, span_id };

  g_return_if_fail (event != NULL);

  if (event->arguments == NULL)
    event->arguments = g_array_new (FALSE, TRUE, sizeof (TesseraArgument));
  g_array_append_val (event->arguments, arg);
}

TesseraStance *
tessera_stance_copy (const TesseraStance *stance)
{
  g_return_val_if_fail (stance != NULL, NULL);

  return g_memdup2 (stance, sizeof *stance);
}

void
tessera_stance_free (TesseraStance *stance)
{
  g_free (stance);
}
