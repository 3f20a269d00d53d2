// annosearch build (placeholder until its issue lands).
#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

void register_build(CLI::App& app, Context& /*ctx*/) {
  auto* sub = app.add_subcommand("build", "(not yet available)");
  sub->callback([] { throw Error(ErrorKind::kUsage, "'build' is not implemented yet"); });
}

}  // namespace annosearch::cli
