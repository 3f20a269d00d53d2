// annosearch stats (placeholder until its issue lands).
#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

void register_stats(CLI::App& app, Context& /*ctx*/) {
  auto* sub = app.add_subcommand("stats", "(not yet available)");
  sub->callback([] { throw Error(ErrorKind::kUsage, "'stats' is not implemented yet"); });
}

}  // namespace annosearch::cli
