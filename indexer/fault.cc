// Fault points for crash tests (see fault.h).
#include "indexer/fault.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>

namespace annosearch {

void fault_point(const char* point) {
  static const char* spec = std::getenv("ANNOSEARCH_FAULT");
  static std::atomic<long> hits{0};  // jobs reach the same point concurrently
  if (spec == nullptr) return;
  const char* colon = std::strrchr(spec, ':');
  const std::size_t name_len =
      colon == nullptr ? std::strlen(spec) : static_cast<std::size_t>(colon - spec);
  if (std::strlen(point) != name_len || std::strncmp(spec, point, name_len) != 0) return;
  const long target = colon == nullptr ? 1 : std::atol(colon + 1);
  if (++hits < target) return;
  // ANNOSEARCH_FAULT_SIGNAL=STOP stops the process there instead (it keeps its locks), so a test
  // can act while a writer is in the middle of its work, then kill it.
  static const char* how = std::getenv("ANNOSEARCH_FAULT_SIGNAL");
  std::raise(how != nullptr && std::strcmp(how, "STOP") == 0 ? SIGSTOP : SIGKILL);
}

}  // namespace annosearch
