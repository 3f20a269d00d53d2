// `annosearch serve`: the HTTP server (docs/http-api.md). Each /api/ endpoint runs the command of
// the same name (its own options, checks, name resolution and --format json) with a per-request
// Context that writes to the response and reads the worker thread's open index.
#pragma once

#include <cstddef>
#include <string>

namespace annosearch::cli {

struct ServeOptions {
  std::string index;
  std::string bind = "127.0.0.1";
  int port = 8080;                      // 0: any free port (printed on stderr)
  std::size_t threads = 8;              // workers, each with its own Xapian database handle
  bool quiet = false;                   // no access log
  std::size_t max_query_length = 2000;  // bytes of one parameter value
  std::size_t max_url_length = 8000;    // bytes of the request target (path and query)
  std::size_t max_limit = 1000;         // largest limit (hits, partners, entities) per page
  std::size_t max_pending = 64;         // connections queued or served at once, beyond which 503
  double timeout_seconds = 30;          // time per request, beyond which 503
};

// Opens the index (failing with Error(kIndex) when it cannot be read), binds and serves until
// SIGINT or SIGTERM. Returns the process exit code.
int serve(const ServeOptions& options);

}  // namespace annosearch::cli
