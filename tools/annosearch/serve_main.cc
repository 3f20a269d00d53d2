// `annosearch-serve`: the program `annosearch serve` execs (serve_launch.cc). It holds the HTTP
// server, so only it loads the HTTP library; its command line is `annosearch serve`'s own
// (`annosearch-serve serve --index DIR ...`), parsed by the same register_serve().
#include "tools/annosearch/common.h"

int main(int argc, char** argv) {
  CLI::App app{"annosearch-serve: the server behind `annosearch serve` (run that instead).",
               "annosearch"};
  app.require_subcommand(1);
  annosearch::cli::Context ctx;
  annosearch::cli::register_serve(app, ctx);
  return annosearch::cli::parse_and_run(app, ctx, argc, argv);
}
