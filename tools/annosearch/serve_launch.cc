// serve() of the `annosearch` program: execs `annosearch-serve` from the same directory with the
// options already parsed and checked, so the HTTP library is loaded by the server alone and not
// by every search (tools/CMakeLists.txt says why). The process keeps its id, its standard streams
// and its signals' dispositions, so a caller that started `annosearch serve` still stops it.
#include <cerrno>
#include <cstring>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/error.h"
#include "tools/annosearch/serve_server.h"

namespace annosearch::cli {

namespace {

// The directory of the running program (from /proc/self/exe, which resolves symlinks).
std::string program_directory() {
  std::string path(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0 || static_cast<std::size_t>(n) >= path.size()) {
    throw Error(ErrorKind::kInternal, std::string("cannot find the annosearch program's own "
                                                  "directory (/proc/self/exe): ") +
                                          std::strerror(errno));
  }
  path.resize(static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/'));
}

template <typename T>
std::string text(const T& value) {
  std::ostringstream out;
  out.precision(std::numeric_limits<double>::max_digits10);
  out << value;
  return out.str();
}

// The command line of `annosearch-serve` that serves with these options.
std::vector<std::string> serve_arguments(const ServeOptions& o) {
  std::vector<std::string> args{"serve",
                                "--index",
                                o.index,
                                "--bind",
                                o.bind,
                                "--port",
                                text(o.port),
                                "--threads",
                                text(o.threads),
                                "--max-query-length",
                                text(o.max_query_length),
                                "--max-limit",
                                text(o.max_limit),
                                "--max-pending",
                                text(o.max_pending),
                                "--timeout",
                                text(o.timeout_seconds)};
  if (o.quiet) args.emplace_back("--quiet");
  return args;
}

}  // namespace

int serve(const ServeOptions& options) {
  const std::string program = program_directory() + "/annosearch-serve";
  std::vector<std::string> args = serve_arguments(options);
  args.insert(args.begin(), program);
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  ::execv(program.c_str(), argv.data());
  // Only on failure.
  throw Error(ErrorKind::kInternal, "cannot start the server program " + program + ": " +
                                        std::strerror(errno) +
                                        "; it is built with annosearch (cmake --build)");
}

}  // namespace annosearch::cli
