// SPDX-License-Identifier: MIT
#pragma once

namespace csm {

/// e^x from +, *, / and exact scaling only, so the native build and the wasm build (whose
/// libm differs from glibc's in the last bit) print the same report byte for byte.
/// Error below 1 ulp (the fdlibm method: reduction by ln 2, a rational approximation).
double PortableExp(double x);

/// x^n for a whole n >= 0 by repeated squaring: the same bits on every platform.
double PowInt(double x, unsigned n);

}  // namespace csm
