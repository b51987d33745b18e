/* lk-test-cli.h — helpers for tests that build their case with likeness-cli (glib only) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs $LIKENESS_CLI with the NULL-terminated arguments; its exit status. */
int   lk_test_cli    (const char *first, ...) G_GNUC_NULL_TERMINATED;
/* The path of demo photo sampleN.jpg in the model package. */
char *lk_test_sample (int n);

G_END_DECLS
