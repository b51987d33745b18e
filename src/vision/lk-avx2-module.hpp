/* lk-avx2-module.hpp — finds the face engine's AVX2 + FMA module
 * (likeness-avx2.so: the HOG detector and the descriptor network's
 * forward pass compiled for AVX2) and looks up its entry points.
 *
 * Why a module rather than a second object file: the two compilations
 * instantiate the same dlib and std templates, and a linker keeps one copy of
 * each, so a baseline caller could end up in AVX code.  The module's symbols
 * are hidden and bound inside it (-Bsymbolic): each build runs only its own
 * code.  It is loaded only on a processor that has AVX2 and FMA.
 */
#pragma once

namespace lk {

/* The entry point `name` of the module, or nullptr (not built, not found, or
 * this processor lacks AVX2/FMA: the callers then use their baseline code). */
void *avx2_module_symbol (const char *name);

} /* namespace lk */
