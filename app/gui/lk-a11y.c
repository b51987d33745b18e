/* lk-a11y.c — names for what a screen reader reaches inside GTK's composite widgets.
 *
 * GTK 4.8 gives the name set on a GtkDropDown or an AdwSplitButton to the
 * outer widget only, but keyboard focus (and so the screen reader) lands on
 * the button inside it, which is then announced as a bare "push button".
 * Rather than reach into each of them where it is built (in C and in .ui
 * files, by several hands), one emission hook on "map" labels the inner
 * buttons by their outer widget the first time it is shown (and keeps
 * empty selectable labels out of the focus chain, below).  Later GTK
 * versions do this themselves; the relation is harmless there.
 */
#define G_LOG_DOMAIN "likeness"

#include "lk-config.h"

#include <adwaita.h>

#include "lk-a11y.h"

#define LABELLED_KEY "lk-a11y-labelled"

#define LABEL_KEY "lk-a11y-label"

/* Every button under root gets label as its name.  (GTK 4.8 has no getter
 * for a widget's accessible name and does not follow labelled-by for the
 * name it gives AT-SPI: the text itself is copied.) */
static void
label_buttons (GtkWidget  *root,
               const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      label_buttons (child, label);
    }
}

/* The drop-down's name: as given to lk_a11y_set_label(), else its tooltip. */
static void
label_drop_down (GtkDropDown *drop)
{
  const char *label = g_object_get_data (G_OBJECT (drop), LABEL_KEY);

  if (label == NULL)
    label = gtk_widget_get_tooltip_text (GTK_WIDGET (drop));
  if (label != NULL && label[0] != '\0')
    label_buttons (GTK_WIDGET (drop), label);
}

/* A split button: its main part is named by the split button, its arrow by
 * the arrow's tooltip ("More ways to import"). */
static void
label_split_button (AdwSplitButton *split)
{
  GtkWidget *main_part = gtk_widget_get_first_child (GTK_WIDGET (split));
  const char *arrow_tip = adw_split_button_get_dropdown_tooltip (split);

  for (GtkWidget *child = main_part; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) && arrow_tip != NULL && arrow_tip[0] != '\0')
        {
          GtkWidget *toggle = gtk_widget_get_first_child (child);

          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, arrow_tip, -1);
          if (toggle != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                            arrow_tip, -1);
        }
      else if (GTK_IS_BUTTON (child))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        split, NULL, -1);
    }
}

/* A selectable label takes the keyboard focus even when it is empty (a
 * verdict not yet given, a detail not loaded): a keyboard user would stop
 * on nothing and a screen reader say nothing.  It takes the focus only
 * while it has something to read. */
static void
label_text_changed_cb (GtkLabel   *label,
                       GParamSpec *pspec,
                       gpointer    data)
{
  const char *text = gtk_label_get_text (label);
  gboolean has_text = text != NULL && text[0] != '\0';

  /* Hidden, not only unfocusable: GTK 4.8 keeps announcing an empty
   * selectable label as focusable to AT-SPI, and it shows nothing anyway. */
  if (gtk_label_get_selectable (label))
    {
      gtk_widget_set_focusable (GTK_WIDGET (label), has_text);
      gtk_widget_set_visible (GTK_WIDGET (label), has_text);
    }
}

void
lk_a11y_watch_label (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_object_get_data (G_OBJECT (label), LABELLED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (label), LABELLED_KEY, GINT_TO_POINTER (TRUE));
  g_signal_connect (label, "notify::label", G_CALLBACK (label_text_changed_cb), NULL);
  g_signal_connect (label, "notify::selectable", G_CALLBACK (label_text_changed_cb), NULL);
  label_text_changed_cb (label, NULL, NULL);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               data)
{
  GObject *widget = g_value_get_object (&values[0]);

  if (!GTK_IS_DROP_DOWN (widget) && !ADW_IS_SPLIT_BUTTON (widget) &&
      !(GTK_IS_LABEL (widget) && gtk_label_get_selectable (GTK_LABEL (widget))))
    return TRUE;
  if (g_object_get_data (widget, LABELLED_KEY) != NULL)
    return TRUE;
  g_object_set_data (widget, LABELLED_KEY, GINT_TO_POINTER (TRUE));
  if (GTK_IS_LABEL (widget))
    {
      g_object_set_data (widget, LABELLED_KEY, NULL);
      lk_a11y_watch_label (GTK_LABEL (widget));
    }
  else if (ADW_IS_SPLIT_BUTTON (widget))
    label_split_button (ADW_SPLIT_BUTTON (widget));
  else
    label_drop_down (GTK_DROP_DOWN (widget));
  return TRUE;
}

void
lk_a11y_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does (before any widget is made). */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

void
lk_a11y_set_label (GtkWidget  *widget,
                   const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_strdup (label), g_free);
  /* A drop-down builds its button when it is made: named at once, it is
   * named even on a page not shown yet. */
  if (GTK_IS_DROP_DOWN (widget))
    label_buttons (widget, label);
}

void
lk_a11y_describe_cell (GtkWidget  *child,
                       const char *label,
                       const char *description)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (child));

  /* The list item widget (or GtkFlowBoxChild) is what takes the focus;
   * GTK 4.8 has no list item API for its name (4.12 has). */
  cell = gtk_widget_get_parent (child);
  if (cell == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}
