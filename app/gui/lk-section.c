/* lk-section.c — the base of every section of a case view
 *
 * Before this class each section carried its own copy of the session
 * property, its signal handler, its cancellable and its dispose; a fix made in
 * one copy missed the others (Photos and People never cancelled a listing
 * when the case changed, so the previous case's rows could land in the new
 * one).  Here it is once: the cancellable is cancelled and replaced whenever
 * the session changes, before the subclass is asked to reload.
 */
#define G_LOG_DOMAIN "lk-section"

#include "lk-config.h"

#include "lk-section.h"

typedef struct
{
  LkSession    *session;
  GCancellable *cancellable;
} LkSectionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LkSection, lk_section, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
case_changed_cb (LkSession *session,
                 LkChange   what,
                 LkSection *self)
{
  LK_SECTION_GET_CLASS (self)->reload (self, what);
}

static void
replace_cancellable (LkSection *self)
{
  LkSectionPrivate *priv = lk_section_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  priv->cancellable = g_cancellable_new ();
}

/**
 * lk_section_set_session:
 * @session: (nullable): the case to show, or none
 *
 * Loads still running for the previous session are cancelled first, so
 * their results never reach the new case's view.
 */
void
lk_section_set_session (LkSection *self,
                        LkSession *session)
{
  LkSectionPrivate *priv = lk_section_get_instance_private (self);

  g_return_if_fail (LK_IS_SECTION (self));
  g_return_if_fail (session == NULL || LK_IS_SESSION (session));

  if (priv->session == session)
    return;
  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_func (priv->session, case_changed_cb, self);
  g_set_object (&priv->session, session);
  replace_cancellable (self);
  if (session != NULL)
    g_signal_connect_object (session, "case-changed", G_CALLBACK (case_changed_cb), self, 0);
  LK_SECTION_GET_CLASS (self)->reload (self, LK_CHANGE_ALL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

LkSession *
lk_section_get_session (LkSection *self)
{
  LkSectionPrivate *priv = lk_section_get_instance_private (self);

  g_return_val_if_fail (LK_IS_SECTION (self), NULL);
  return priv->session;
}

GCancellable *
lk_section_get_cancellable (LkSection *self)
{
  LkSectionPrivate *priv = lk_section_get_instance_private (self);

  g_return_val_if_fail (LK_IS_SECTION (self), NULL);
  return priv->cancellable;
}

GCancellable *
lk_section_restart_loads (LkSection *self)
{
  g_return_val_if_fail (LK_IS_SECTION (self), NULL);
  replace_cancellable (self);
  return lk_section_get_cancellable (self);
}

void
lk_section_set_child (LkSection *self,
                      GtkWidget *child)
{
  GtkWidget *old;

  g_return_if_fail (LK_IS_SECTION (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  while ((old = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (old);
  if (child != NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));
}

/* Laid out like AdwBin (children fill the section) by vfuncs rather than a
 * layout manager, so that a subclass can still override size_allocate. */
static void
lk_section_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
lk_section_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
lk_section_compute_expand (GtkWidget *widget,
                           gboolean  *hexpand,
                           gboolean  *vexpand)
{
  *hexpand = *vexpand = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      *hexpand = *hexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand = *vexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

static void
lk_section_real_reload (LkSection *self,
                        LkChange   what)
{
}

/* Runs after the subclass's dispose: nothing the subclass still frees may
 * receive a result or a signal from here on. */
static void
lk_section_dispose (GObject *object)
{
  LkSection *self = LK_SECTION (object);
  LkSectionPrivate *priv = lk_section_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  if (priv->session != NULL)
    g_signal_handlers_disconnect_by_func (priv->session, case_changed_cb, self);
  g_clear_object (&priv->session);
  lk_section_set_child (self, NULL);

  G_OBJECT_CLASS (lk_section_parent_class)->dispose (object);
}

static void
lk_section_finalize (GObject *object)
{
  LkSectionPrivate *priv = lk_section_get_instance_private (LK_SECTION (object));

  g_clear_object (&priv->cancellable);
  G_OBJECT_CLASS (lk_section_parent_class)->finalize (object);
}

static void
lk_section_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  if (prop_id == PROP_SESSION)
    g_value_set_object (value, lk_section_get_session (LK_SECTION (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_section_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  if (prop_id == PROP_SESSION)
    lk_section_set_session (LK_SECTION (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_section_class_init (LkSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_section_dispose;
  object_class->finalize = lk_section_finalize;
  object_class->get_property = lk_section_get_property;
  object_class->set_property = lk_section_set_property;
  klass->reload = lk_section_real_reload;

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->measure = lk_section_measure;
  widget_class->size_allocate = lk_section_size_allocate;
  widget_class->compute_expand = lk_section_compute_expand;
}

static void
lk_section_init (LkSection *self)
{
  LkSectionPrivate *priv = lk_section_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}
