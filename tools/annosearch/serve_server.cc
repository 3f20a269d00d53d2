// `annosearch serve`: routes, limits, the per-worker index, the access log (docs/http-api.md).
#include "tools/annosearch/serve_server.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <httplib.h>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <signal.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <thread>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/error.h"
#include "core/escape.h"
#include "core/index.h"
#include "query/search.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/serve_assets.h"
#include "tools/annosearch/serve_request.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// The index each worker reads.

// What identifies the published generation: the stub file's inode, mtime, size and contents. A
// publish renames a new stub over the old one, so any of them changes.
struct StubIdentity {
  bool exists = false;
  ino_t inode = 0;
  std::int64_t mtime_ns = 0;
  off_t size = 0;
  std::string contents;
  bool operator==(const StubIdentity&) const = default;
};

StubIdentity read_stub(const std::string& dir) {
  StubIdentity id;
  const std::string path = dir + "/" + kStubFileName;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return id;
  id.exists = true;
  id.inode = st.st_ino;
  id.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  id.size = st.st_size;
  std::ifstream in(path, std::ios::binary);
  id.contents.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return id;
}

// One worker's open index: a Xapian database handle and the Searcher over it. Opened anew when
// the stub names another generation (Database::reopen() would not follow it) and rebuilt when
// reopen() finds a newer revision of the same generation (`update`, `delete`).
struct WorkerIndex {
  StubIdentity stub;
  Xapian::Database db;
  std::unique_ptr<Searcher> searcher;
  std::string generation;
};

// ---------------------------------------------------------------------------------------------
// Errors.

std::string error_body(const HttpError& e) {
  ojson err{{"code", e.code}, {"message", valid_utf8(e.message)}};
  for (const auto& [k, v] : e.extra.items()) err[k] = v;
  std::ostringstream out;
  write_json(out, ojson{{"error", err}});
  return out.str();
}

void set_error(httplib::Response& res, const HttpError& e) {
  res.status = e.status;
  res.set_content(error_body(e), "application/json; charset=utf-8");
}

ojson candidates_json(const std::vector<ErrorCandidate>& candidates) {
  ojson out = ojson::array();
  for (const auto& c : candidates) {
    ojson j{{"id", c.id}, {"name", c.name}};
    if (!c.type.empty()) j["type"] = c.type;
    out.push_back(j);
  }
  return out;
}

// The status of an annosearch::Error (the exit code's counterpart; docs/http-api.md).
HttpError from_error(const Error& e) {
  HttpError h;
  h.message = e.what();
  switch (e.kind()) {
    case ErrorKind::kUsage:
    case ErrorKind::kInput:
      h.status = 400;
      h.code = "usage";
      break;
    case ErrorKind::kIndex:
      h.status = 503;
      h.code = "index_unavailable";
      break;
    case ErrorKind::kInternal:
      h.status = 500;
      h.code = "internal";
      break;
  }
  if (!e.code().empty()) {
    h.code = e.code();
    if (e.code() == "unknown_actor" || e.code() == "unknown_theme") h.status = 422;
    if (e.code() == "unknown_document" || e.code() == "unknown_passage") h.status = 404;
    if (e.code() == "ambiguous_actor" || e.code() == "ambiguous_theme") h.status = 422;
    if (e.code() == "unknown_actor" || e.code() == "unknown_theme") {
      h.extra["closest"] = candidates_json(e.candidates());
    } else if (e.code().find("ambiguous_") == 0) {
      h.extra["candidates"] = candidates_json(e.candidates());
    }
  }
  return h;
}

// Thrown by the response stream of a streamed export when the client has gone.
struct ClientGone : std::runtime_error {
  ClientGone() : std::runtime_error("the client closed the connection") {}
};

// An output buffer for a streamed response: flushes to the chunked sink every 64 KiB.
class SinkBuffer : public std::streambuf {
 public:
  explicit SinkBuffer(httplib::DataSink& sink) : sink_(sink) { setp(buf_, buf_ + sizeof buf_); }
  int sync() override { return flush_out() ? 0 : -1; }

 protected:
  int_type overflow(int_type c) override {
    if (!flush_out()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

 private:
  bool flush_out() {
    const auto n = static_cast<std::size_t>(pptr() - pbase());
    if (n > 0 && (!sink_.is_writable() || !sink_.write(pbase(), n))) throw ClientGone();
    setp(buf_, buf_ + sizeof buf_);
    return true;
  }
  httplib::DataSink& sink_;
  char buf_[65536];
};

// ---------------------------------------------------------------------------------------------
// The command each endpoint runs (serve_request.h has the endpoints and their parameters).

using RegisterFn = void (*)(CLI::App&, Context&);

RegisterFn register_function(const std::string& command) {
  static const std::map<std::string, RegisterFn> kRegister{
      {"search", register_search},     {"facets", register_search},
      {"entities", register_entities}, {"kwic", register_kwic},
      {"timeline", register_timeline}, {"cooccur", register_cooccur},
      {"compare", register_compare},   {"show", register_show},
      {"export", register_export},     {"stats", register_stats}};
  return kRegister.at(command);
}

std::string content_type_of(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> kTypes{
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"txt", "text/plain; charset=utf-8"},
      {"woff2", "font/woff2"},
      {"map", "application/json; charset=utf-8"}};
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const auto it = kTypes.find(name.substr(dot + 1));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// ---------------------------------------------------------------------------------------------

class Server {
 public:
  explicit Server(ServeOptions options) : o_(std::move(options)) {
    for (const auto& a : embedded_assets()) assets_.emplace(a.name, a);
  }

  int run();

 private:
  WorkerIndex& worker_index(bool force_reopen);
  void handle_api(const httplib::Request& req, httplib::Response& res);
  // Runs the command once on the worker's index, retrying on a republish; its JSON in `out`.
  void run_command(const Endpoint& ep, const std::vector<std::string>& args, Context& ctx,
                   std::ostringstream& out);
  void handle_static(const httplib::Request& req, httplib::Response& res);

  ServeOptions o_;
  std::map<std::string_view, Asset> assets_;
  std::atomic<std::size_t> pending_{0};  // connections queued or being served
  mutable std::mutex log_mutex_;
};

// One WorkerIndex per worker thread (the pool's threads live as long as the server).
WorkerIndex& Server::worker_index(bool force_reopen) {
  thread_local std::unique_ptr<WorkerIndex> w;
  const StubIdentity now = read_stub(o_.index);
  if (w && !force_reopen && w->stub == now) {
    // Same generation: follow commits made to it in place (update, delete).
    if (w->db.reopen()) w->searcher = std::make_unique<Searcher>(w->db);
    return *w;
  }
  auto fresh = std::make_unique<WorkerIndex>();
  fresh->stub = now;
  fresh->db = open_index(o_.index);
  fresh->searcher = std::make_unique<Searcher>(fresh->db);
  fresh->generation = now.exists ? published_generation(o_.index) : std::string();
  // Published again while opening: the identity read first may be older than what was opened,
  // which only makes the next request open anew.
  w = std::move(fresh);
  return *w;
}

void Server::run_command(const Endpoint& ep, const std::vector<std::string>& args, Context& ctx,
                         std::ostringstream& out) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt == kAttempts;
    try {
      WorkerIndex& w = worker_index(attempt > 1);
      ctx.searcher = w.searcher.get();
      ctx.generation = w.generation;
      out.str("");
      CLI::App app{"annosearch", "annosearch"};
      app.require_subcommand(1);
      register_function(ep.command)(app, ctx);
      std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // without argv[0]
      app.parse(reversed);
      return;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (last) throw;
    } catch (const Xapian::DatabaseOpeningError&) {
      if (last) throw;
    } catch (const Xapian::DatabaseCorruptError&) {
      // A table of a generation removed under a worker that had not opened it yet.
      if (last) throw;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::kIndex || last) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

void Server::handle_api(const httplib::Request& req, httplib::Response& res) {
  const ApiRequest request = translate_request(req.target, o_);
  const Endpoint& ep = *request.endpoint;
  const std::vector<std::string>& args = request.args;
  const std::string& format = request.format;

  Context ctx;
  std::ostringstream out;
  std::ostringstream notes;  // the command's notes on stderr: the JSON holds the same facts
  ctx.out = &out;
  ctx.err = &notes;
  if (!ep.streamed) {
    const auto start = Clock::now();
    run_command(ep, args, ctx, out);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (seconds > o_.timeout_seconds) {
      throw HttpError{503, "timeout",
                      "the request took " + std::to_string(static_cast<int>(seconds)) +
                          " s, more than this server allows (" +
                          std::to_string(static_cast<int>(o_.timeout_seconds)) +
                          " s, --timeout); narrow the query",
                      ojson{{"limit_seconds", o_.timeout_seconds}}};
    }
    res.status = 200;
    res.set_content(out.str(), "application/json; charset=utf-8");
    return;
  }
  // Export: check the request first (names, dates, the query), so that a bad one gets its status;
  // then stream the export from the same worker index.
  ctx.check_only = true;
  run_command(ep, args, ctx, out);
  const bool csv = format == "csv";
  res.status = 200;
  res.set_header("Content-Disposition", csv ? "attachment; filename=\"annosearch-export.csv\""
                                            : "attachment; filename=\"annosearch-export.jsonl\"");
  res.set_chunked_content_provider(
      csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      [this, &ep, args](std::size_t /*offset*/, httplib::DataSink& sink) {
        SinkBuffer buffer(sink);
        std::ostream stream(&buffer);
        stream.exceptions(std::ios::badbit);
        std::ostringstream notes_out;
        Context sctx;
        sctx.out = &stream;
        sctx.err = &notes_out;
        try {
          WorkerIndex& w = worker_index(false);
          sctx.searcher = w.searcher.get();
          sctx.generation = w.generation;
          CLI::App app{"annosearch", "annosearch"};
          app.require_subcommand(1);
          register_function(ep.command)(app, sctx);
          std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
          app.parse(reversed);
          stream.flush();
          sink.done();
          return true;
        } catch (const ClientGone&) {
          return false;
        } catch (const std::exception& e) {
          // Headers are sent: end the connection without the final chunk, so that the client
          // sees a broken transfer, never a short export that looks complete.
          std::lock_guard lock(log_mutex_);
          std::cerr << "annosearch serve: export failed: " << escape_control(e.what()) << '\n';
          return false;
        }
      });
}

void Server::handle_static(const httplib::Request& req, httplib::Response& res) {
  // Only exact names of embedded files: nothing here touches the file system.
  std::string name = req.path == "/" ? "index.html" : req.path.substr(std::strlen("/static/"));
  const auto it = assets_.find(name);
  if (it == assets_.end()) {
    throw HttpError{404, "not_found", "no such page: " + escape_control(req.path)};
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(it->second.data), content_type_of(it->second.name));
}

thread_local Clock::time_point request_start;   // set by the pre-routing handler
thread_local bool refusing_connection = false;  // a connection over the --max-pending limit

int Server::run() {
  // Fail at once (exit 3) when the index cannot be read, rather than on the first request.
  std::string generation;
  {
    const Xapian::Database db = open_index(o_.index);
    const Searcher check(db);
    generation = published_generation(o_.index);
  }
  httplib::Server svr;
  const std::size_t threads = o_.threads;
  const std::size_t limit = o_.threads + o_.max_pending;
  svr.new_task_queue = [this, threads, limit] {
    // Counts connections from acceptance to the end of their handling. Beyond --threads plus
    // --max-pending, a connection goes to a small pool of its own that answers 503 at once (the
    // pre-routing handler sees refusing_connection), instead of waiting behind the others.
    struct CountingPool : httplib::TaskQueue {
      CountingPool(std::size_t n, std::size_t limit, std::atomic<std::size_t>& pending)
          : work_(n), refuse_(2), limit_(limit), pending_(pending) {}
      void enqueue(std::function<void()> fn) override {
        if (++pending_ > limit_) {
          refuse_.enqueue([this, fn = std::move(fn)] {
            refusing_connection = true;
            fn();
            refusing_connection = false;
            --pending_;
          });
          return;
        }
        work_.enqueue([this, fn = std::move(fn)] {
          fn();
          --pending_;
        });
      }
      void shutdown() override {
        work_.shutdown();
        refuse_.shutdown();
      }
      httplib::ThreadPool work_;
      httplib::ThreadPool refuse_;
      std::size_t limit_;
      std::atomic<std::size_t>& pending_;
    };
    return new CountingPool(threads, limit, pending_);
  };
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, which lets a second server on
  // the same port share (and silently split) the traffic instead of failing to start.
  svr.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  svr.set_keep_alive_timeout(2);
  svr.set_read_timeout(10);
  svr.set_write_timeout(30);
  svr.set_payload_max_length(1024);
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' "
                            "'unsafe-inline'; frame-ancestors 'none'"}});

  svr.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    request_start = Clock::now();
    if (const auto refused = refuse_request(req.method, req.target, o_)) {
      if (refused->status == 405) res.set_header("Allow", "GET, HEAD");
      set_error(res, *refused);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (refusing_connection) {
      res.set_header("Retry-After", "1");
      set_error(res, {503, "busy",
                      "the server has more requests queued or running than it takes (--threads " +
                          std::to_string(o_.threads) + " plus --max-pending " +
                          std::to_string(o_.max_pending) + "); try again shortly",
                      ojson{{"limit", o_.threads + o_.max_pending}}});
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  const auto guarded = [this](auto&& handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      try {
        handler(req, res);
      } catch (const HttpError& e) {
        set_error(res, e);
      } catch (const CLI::ParseError& e) {
        set_error(res, {400, "usage", e.what()});
      } catch (const Error& e) {
        HttpError h = from_error(e);
        if (h.status == 500) {
          std::lock_guard lock(log_mutex_);
          std::cerr << "annosearch serve: internal error on " << escape_control(req.target) << ": "
                    << escape_control(e.what()) << '\n';
        }
        set_error(res, h);
      } catch (const Xapian::DatabaseError& e) {
        set_error(res, {503, "index_unavailable",
                        "cannot read the index at " + o_.index + ": " + e.get_description() +
                            "; check it with `annosearch verify`"});
      } catch (const Xapian::Error& e) {
        {
          std::lock_guard lock(log_mutex_);
          std::cerr << "annosearch serve: internal error on " << escape_control(req.target) << ": "
                    << escape_control(e.get_description()) << '\n';
        }
        set_error(res, {500, "internal", "internal error: " + e.get_description()});
      } catch (const std::exception& e) {
        {
          std::lock_guard lock(log_mutex_);
          std::cerr << "annosearch serve: internal error on " << escape_control(req.target) << ": "
                    << escape_control(e.what()) << '\n';
        }
        set_error(res, {500, "internal", std::string("internal error: ") + e.what()});
      }
    };
  };

  svr.Get(R"(/api/show/(.+))", guarded([this](const httplib::Request& req, httplib::Response& res) {
            handle_api(req, res);
          }));
  svr.Get(R"(/api/([a-z]+))", guarded([this](const httplib::Request& req, httplib::Response& res) {
            handle_api(req, res);
          }));
  svr.Get(R"(/|/static/.+)", guarded([this](const httplib::Request& req, httplib::Response& res) {
            handle_static(req, res);
          }));
  // Anything else (an unknown path, a traversal attempt): a JSON 404 (or the status httplib
  // chose, as 400 for a malformed request), never a file.
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      set_error(res, {404, "not_found", "no such page: " + escape_control(req.path)});
    } else {
      set_error(res, {res.status, res.status == 414 ? "url_too_long" : "bad_request",
                      "the request was refused (HTTP " + std::to_string(res.status) + ")"});
    }
  });
  svr.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    if (o_.quiet) return;
    const double ms =
        std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
    char when[16];
    std::snprintf(when, sizeof when, "%.1f", ms);
    std::lock_guard lock(log_mutex_);
    std::cerr << req.method << ' ' << escape_control(req.target.empty() ? req.path : req.target)
              << ' ' << res.status << ' ' << when << "ms\n";
  });

  int port = o_.port;
  if (port == 0) {
    port = svr.bind_to_any_port(o_.bind);
  } else if (!svr.bind_to_port(o_.bind, port)) {
    port = -1;
  }
  if (port < 0) {
    throw Error(ErrorKind::kUsage, "cannot listen on " + o_.bind + ":" + std::to_string(o_.port) +
                                       " (" + std::strerror(errno) +
                                       "); is another server on that port? try --port");
  }

  // SIGINT and SIGTERM stop the server: blocked in every thread, waited for by one.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  std::atomic<bool> listening_done{false};
  std::thread stopper([&svr, &listening_done, stop_signals] {
    const timespec tick{0, 200000000};  // 0.2 s: also notices that listening ended otherwise
    while (!listening_done) {
      if (sigtimedwait(&stop_signals, nullptr, &tick) > 0) {
        svr.stop();
        return;
      }
    }
  });
  {
    std::lock_guard lock(log_mutex_);
    std::cerr << "annosearch: serving " << o_.index
              << (generation.empty() ? std::string() : " (" + generation + ")") << " on http://"
              << (o_.bind.find(':') != std::string::npos ? "[" + o_.bind + "]" : o_.bind) << ':'
              << port << "/ with " << o_.threads << " workers; Ctrl-C stops" << std::endl;
  }
  if (o_.bind != "127.0.0.1" && o_.bind != "::1" && o_.bind != "localhost") {
    std::lock_guard lock(log_mutex_);
    std::cerr << "annosearch: warning: listening on " << o_.bind
              << ", not only this machine: anyone who can reach it can read the whole index "
                 "(there is no authentication)"
              << std::endl;
  }
  const bool ok = svr.listen_after_bind();
  listening_done = true;
  stopper.join();
  return ok ? 0 : static_cast<int>(ExitCode::kInternal);
}

}  // namespace

int serve(const ServeOptions& options) {
  Server server(options);
  return server.run();
}

}  // namespace annosearch::cli
