// Property checks for the fuzz targets: a violated property aborts, which libFuzzer reports as a
// crash and saves the input (then kept in tests/fuzz/corpus/TARGET/ as a regression test).
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                  \
  do {                                                                                         \
    if (!(condition)) {                                                                        \
      std::fprintf(stderr, "property violated: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      std::abort();                                                                            \
    }                                                                                          \
  } while (false)
