// annosearch search (placeholder until its issue lands).
#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

void register_search(CLI::App& app, Context& /*ctx*/) {
  auto* sub = app.add_subcommand("search", "(not yet available)");
  sub->callback([] { throw Error(ErrorKind::kUsage, "'search' is not implemented yet"); });
}

}  // namespace annosearch::cli
