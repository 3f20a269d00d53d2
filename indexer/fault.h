// Fault injection for crash tests: the process kills itself (SIGKILL, as `kill -9` would) at a
// named point when ANNOSEARCH_FAULT names it, e.g. ANNOSEARCH_FAULT=build.document:5 dies at the
// 5th time build reaches "build.document". With ANNOSEARCH_FAULT_SIGNAL=STOP it stops (SIGSTOP)
// there instead, holding its locks. Costs one getenv at start-up when unset.
#pragma once

namespace annosearch {

// Dies here if ANNOSEARCH_FAULT is "<point>:<n>" and this is the n-th call for that point.
void fault_point(const char* point);

}  // namespace annosearch
