// annosearch serve: the HTTP JSON API and the web page over one index (docs/http-api.md).
#include <thread>

#include "tools/annosearch/common.h"
#include "tools/annosearch/serve_server.h"

namespace annosearch::cli {

void register_serve(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ServeOptions>();
  auto* sub = app.add_subcommand(
      "serve",
      "Serve the index over HTTP: a JSON API mirroring the commands (/api/search, ...) and the "
      "web page (docs/http-api.md). Read-only; loopback unless --bind says otherwise");
  add_index_option(sub, &o->index);
  sub->add_option("--bind", o->bind,
                  "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 for all)");
  sub->add_option("--port", o->port, "Port (default 8080; 0: any free port, printed on stderr)")
      ->check(CLI::Range(0, 65535));
  o->threads = std::max<std::size_t>(8, std::thread::hardware_concurrency());
  sub->add_option("--threads", o->threads,
                  "Workers serving requests in parallel, each with its own index handle (default "
                  "8, or the number of cores when more)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{256}));
  sub->add_flag("-q,--quiet", o->quiet, "No access log line per request on stderr");
  sub->add_option("--max-query-length", o->max_query_length,
                  "Bytes a parameter value may have (default 2000); longer: HTTP 413")
      ->check(CLI::Range(std::size_t{16}, std::size_t{1000000}));
  sub->add_option("--max-limit", o->max_limit,
                  "Largest page (limit) a request may ask for (default 1000); larger: HTTP 400")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}));
  sub->add_option("--max-pending", o->max_pending,
                  "Requests that may wait beyond those being served (default 64); more: HTTP 503")
      ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
  sub->add_option("--timeout", o->timeout_seconds,
                  "Seconds a request may take (default 30); a slower answer is replaced by HTTP "
                  "503 (export, streamed, is not limited)")
      ->check(CLI::Range(0.000001, 86400.0));
  sub->callback([o, &ctx] { ctx.exit_code = serve(*o); });
}

}  // namespace annosearch::cli
