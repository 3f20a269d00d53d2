// annosearch import (placeholder until its issue lands).
#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

void register_import(CLI::App& app, Context& /*ctx*/) {
  auto* sub = app.add_subcommand("import", "(not yet available)");
  sub->callback([] { throw Error(ErrorKind::kUsage, "'import' is not implemented yet"); });
}

}  // namespace annosearch::cli
