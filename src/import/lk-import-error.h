/* lk-import-error.h — the import module's error domain. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LK_IMPORT_ERROR (lk_import_error_quark ())
GQuark lk_import_error_quark (void);

typedef enum {
  LK_IMPORT_ERROR_NOT_FOUND,   /* the named path does not exist */
  LK_IMPORT_ERROR_UNREADABLE,  /* permission denied or an I/O error while reading */
  LK_IMPORT_ERROR_NOT_A_FILE,  /* a FIFO, socket or device: never opened */
  LK_IMPORT_ERROR_TOO_LARGE,   /* more bytes than a photo may take */
  LK_IMPORT_ERROR_INVALID,     /* bad arguments, e.g. a person for probe photos */
  LK_IMPORT_ERROR_FAILED,      /* anything else, with the reason in the message */
  LK_IMPORT_ERROR_NOT_FOLLOWED, /* a link out of the folder being imported, or a loop */
} LkImportErrorCode;

G_END_DECLS
