// annosearch validate (placeholder until its issue lands).
#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

void register_validate(CLI::App& app, Context& /*ctx*/) {
  auto* sub = app.add_subcommand("validate", "(not yet available)");
  sub->callback([] { throw Error(ErrorKind::kUsage, "'validate' is not implemented yet"); });
}

}  // namespace annosearch::cli
