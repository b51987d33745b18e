/* A validator for the subset of JSON Schema (2020-12) that
 * docs/report-schema.json uses: type (one or several), enum, properties,
 * required, additionalProperties: false, items, minimum, maximum, pattern and
 * local $ref ("#/$defs/NAME").  An unknown keyword fails validation, so the
 * schema cannot silently use more than is checked. */
#pragma once

#include <json-glib/json-glib.h>

/* TRUE when instance validates; else FALSE with *problem naming the path. */
gboolean lk_json_schema_validate (JsonNode *schema, JsonNode *instance, char **problem);
